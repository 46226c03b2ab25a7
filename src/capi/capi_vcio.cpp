#include "capi/boundary.hpp"

#include <mspcore/vcio/alignment_records.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>
#include <mspcore/vcio/os_lifecycle.hpp>
#include <mspcore/vcio/qbr_model.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_lifecycle_evaluate_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                                       msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(lifecycle_evaluate_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

msp_status msp_os_lifecycle_table_json(char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] { capi::write_string(OsLifecycleTable::shipped().to_json(), buf, buf_size, required); });
}

msp_status msp_os_lifecycle_table_version(char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] { capi::write_string(OsLifecycleTable::shipped_version(), buf, buf_size, required); });
}

msp_status msp_vcio_budget_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                                msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(vcio_budget_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

msp_status msp_qbr_model_json(const char* request_json, char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] { capi::write_string(qbr_model_json(text(request_json, "request_json")), buf, buf_size, required); });
}

msp_status msp_vcio_alignment_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                                   msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(vcio_alignment_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

}  // extern "C"
