// msp_rmm_store_import: an import run through the C ABI. The report has a bounded size, so
// the buffer is checked before anything is imported (a second call would import again).
#include "capi/boundary.hpp"
#include "capi/rmm_store_handle.hpp"

#include "store/rmm_json.hpp"

#include <mspcore/rmm/import.hpp>

#include <string>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_rmm_store_import(msp_rmm_store* store, const char* path, const char* vendor, const char* options_json,
                                char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    RmmStore& s = deref(store, "store").store;
    const std::string file(text(path, "path"));
    const RmmVendor v = parse_rmm_vendor(text(vendor, "vendor"));
    const ImportOptions options =
        options_json == nullptr ? ImportOptions{} : parse_import_options_json(options_json);
    if (required != nullptr) *required = MSP_RMM_IMPORT_REPORT_SIZE;
    if (buf == nullptr) {
      // The size query of the buffer protocol: it imports nothing.
      if (buf_size != 0) throw Error(ErrorCode::INVALID_ARGUMENT, "buf is NULL but buf_size is " + std::to_string(buf_size));
      if (required == nullptr) {
        throw Error(ErrorCode::INVALID_ARGUMENT, "a size query (buf NULL, buf_size 0) needs `required`");
      }
      return;
    }
    if (buf_size < MSP_RMM_IMPORT_REPORT_SIZE) {
      throw Error(ErrorCode::BUFFER_TOO_SMALL, "buffer of " + std::to_string(buf_size) + " bytes is too small: " +
                                                   std::to_string(MSP_RMM_IMPORT_REPORT_SIZE) +
                                                   " needed (MSP_RMM_IMPORT_REPORT_SIZE); nothing was imported");
    }
    const std::string report = detail::rmm_store::to_json(s.import_file(file, v, options)).dump();
    capi::write_string(report, buf, buf_size, nullptr);
    if (required != nullptr) *required = report.size() + 1;
  });
}

}  // extern "C"
