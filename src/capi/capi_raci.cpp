// C ABI: the RACI matrix of co-managed IT, JSON in and out (docs/comanaged-raci.md).
#include "capi/boundary.hpp"

#include <mspcore/comanaged/raci.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_raci_validate_json(const char* matrix_json, char* buf, size_t buf_size, size_t* required,
                                  msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(raci_validate_json(text(matrix_json, "matrix_json")), buf, buf_size, required);
  });
}

msp_status msp_raci_route_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                               msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(raci_route_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

msp_status msp_raci_violations_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                                    msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(raci_violations_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

}  // extern "C"
