#include "capi/boundary.hpp"

#include <mspcore/core/version.hpp>

// The C and C++ enums are both expanded from mspcore/status.def; this keeps them so.
#define MSP_STATUS(name, value, group, text)                                          \
  static_assert(static_cast<int>(mspcore::ErrorCode::name) == MSP_STATUS_##name && \
                MSP_STATUS_##name == (value));
#include <mspcore/status.def>

extern "C" {

const char* msp_version_string(void) { return mspcore::version_string().data(); }

// error_code_name() and error_code_description() return NUL-terminated literals.
const char* msp_status_name(msp_status status) {
  return mspcore::error_code_name(static_cast<mspcore::ErrorCode>(status)).data();
}

const char* msp_status_string(msp_status status) {
  return mspcore::error_code_description(static_cast<mspcore::ErrorCode>(status)).data();
}

}  // extern "C"
