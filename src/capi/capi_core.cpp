#include "capi/boundary.hpp"

#include <mspcore/core/version.hpp>

extern "C" {

const char* msp_version_string(void) { return mspcore::version_string().data(); }

const char* msp_status_name(msp_status status) {
  switch (status) {
#define MSP_C_NAME_ROW_(name, value, group, text) \
  case MSP_STATUS_##name:                          \
    return #name;
    MSP_STATUS_TABLE(MSP_C_NAME_ROW_)
#undef MSP_C_NAME_ROW_
    default:
      return "UNKNOWN_STATUS";
  }
}

const char* msp_status_string(msp_status status) {
  switch (status) {
#define MSP_C_TEXT_ROW_(name, value, group, text) \
  case MSP_STATUS_##name:                          \
    return text;
    MSP_STATUS_TABLE(MSP_C_TEXT_ROW_)
#undef MSP_C_TEXT_ROW_
    default:
      return "unknown status";
  }
}

}  // extern "C"
