// C ABI of the RMM and backup importers: a file in, the import result's JSON document out.
#include "capi/boundary.hpp"

#include <mspcore/rmm/import.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_rmm_import_json(const char* path, const char* vendor, const char* options_json, char* buf,
                               size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const std::string file(text(path, "path"));
    const RmmVendor v = parse_rmm_vendor(text(vendor, "vendor"));
    const ImportOptions options = options_json == nullptr ? ImportOptions{} : parse_import_options_json(options_json);
    capi::write_string(import_result_json(import_file(file, v, options)), buf, buf_size, required);
  });
}

}  // extern "C"
