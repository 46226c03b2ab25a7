#include "capi/boundary.hpp"

#include <mspcore/security/alert.hpp>
#include <mspcore/security/priority.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_alert_normalize_json(const char* source, const char* payload_json, char* buf, size_t buf_size,
                                    size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const NormalizedAlert alert = normalize_alert(text(source, "source"), text(payload_json, "payload_json"));
    capi::write_string(alert_to_json(alert), buf, buf_size, required);
  });
}

msp_status msp_alert_prioritize_json(const char* alert_json, const char* context_json, const char* config_json,
                                     char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const NormalizedAlert alert = alert_from_json(text(alert_json, "alert_json"));
    const PriorityContext context = context_json != nullptr ? PriorityContext::from_json(context_json) : PriorityContext{};
    const PriorityConfig config = config_json != nullptr ? PriorityConfig::from_json(config_json) : PriorityConfig{};
    capi::write_string(priority_result_to_json(prioritize_alert(alert, context, config)), buf, buf_size, required);
  });
}

}  // extern "C"
