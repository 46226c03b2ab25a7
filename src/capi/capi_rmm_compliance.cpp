// C ABI: backup and patch compliance, JSON in and out (docs/rmm-backup-compliance.md,
// docs/rmm-patch-compliance.md).
#include "capi/boundary.hpp"

#include <mspcore/rmm/backup_compliance.hpp>
#include <mspcore/rmm/patch_compliance.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_backup_compliance_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                                      msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(backup_compliance_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

msp_status msp_patch_compliance_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                                     msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(patch_compliance_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

}  // extern "C"
