#include "bindings.hpp"

#include <mspcore/security/escalation.hpp>

#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>

namespace mspcore::python {

void bind_escalation(py::module_& m) {
  m.def(
      "escalation_due_json",
      [](const std::string& policy, int priority, std::int64_t opened_at, std::int64_t now,
         std::optional<std::int64_t> acknowledged_at, const BusinessCalendar* calendar) {
        std::optional<Instant> ack;
        if (acknowledged_at) ack = from_unix_seconds(*acknowledged_at);
        return escalation_status_to_json(escalation_due(EscalationPolicy::from_json(policy), priority,
                                                        from_unix_seconds(opened_at), from_unix_seconds(now), ack, calendar));
      },
      py::arg("policy"), py::arg("priority"), py::arg("opened_at"), py::arg("now"),
      py::arg("acknowledged_at") = py::none(), py::arg("calendar") = py::none());
}

}  // namespace mspcore::python
