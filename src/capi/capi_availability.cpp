#include "capi/boundary.hpp"

#include <mspcore/rmm/availability.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_availability_json(const char* request_json, char* buf, size_t buf_size, size_t* required,
                                 msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(availability_json(text(request_json, "request_json")), buf, buf_size, required);
  });
}

}  // extern "C"
