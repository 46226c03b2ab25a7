#include "capi/boundary.hpp"
#include "capi/calendar_handle.hpp"

#include <mspcore/security/escalation.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_escalation_due_json(const char* policy_json, int32_t priority, int64_t opened_at, int64_t now,
                                   const int64_t* acknowledged_at, const msp_calendar* calendar, char* buf,
                                   size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const EscalationPolicy policy = EscalationPolicy::from_json(text(policy_json, "policy_json"));
    std::optional<Instant> ack;
    if (acknowledged_at != nullptr) ack = from_unix_seconds(*acknowledged_at);
    const BusinessCalendar* cal = calendar != nullptr ? calendar->calendar.get() : nullptr;
    const EscalationStatus status =
        escalation_due(policy, priority, from_unix_seconds(opened_at), from_unix_seconds(now), ack, cal);
    capi::write_string(escalation_status_to_json(status), buf, buf_size, required);
  });
}

}  // extern "C"
