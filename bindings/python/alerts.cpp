#include "bindings.hpp"

#include <mspcore/security/alert.hpp>
#include <mspcore/security/priority.hpp>

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

namespace mspcore::python {

void bind_alerts(py::module_& m) {
  m.def(
      "normalize_alert_json",
      [](const std::string& source, const std::string& payload) { return alert_to_json(normalize_alert(source, payload)); },
      py::arg("source"), py::arg("payload"));

  m.def(
      "normalize_alerts_json",
      [](const std::vector<std::string>& sources, const std::vector<std::string>& payloads) {
        if (sources.size() != payloads.size()) {
          throw Error(ErrorCode::INVALID_ARGUMENT, "normalize_alerts: " + std::to_string(sources.size()) +
                                                       " sources for " + std::to_string(payloads.size()) + " payloads");
        }
        std::vector<AlertRecord> records;
        records.reserve(sources.size());
        for (std::size_t i = 0; i < sources.size(); ++i) records.push_back({sources[i], payloads[i]});
        std::vector<AlertOutcome> outcomes;
        {
          py::gil_scoped_release release;
          outcomes = normalize_alerts(records);
        }
        py::list out;
        for (const AlertOutcome& o : outcomes) {
          py::object alert = o.alert ? py::object(py::str(alert_to_json(*o.alert))) : py::none();
          out.append(py::make_tuple(alert, static_cast<int>(o.code), o.message));
        }
        return out;
      },
      py::arg("sources"), py::arg("payloads"),
      "(alert JSON or None, status code, message) per record; a bad record never stops the others.");

  m.def(
      "prioritize_alert_json",
      [](const std::string& alert, const std::optional<std::string>& context, const std::optional<std::string>& config) {
        const PriorityContext ctx = context ? PriorityContext::from_json(*context) : PriorityContext{};
        const PriorityConfig cfg = config ? PriorityConfig::from_json(*config) : PriorityConfig{};
        return priority_result_to_json(prioritize_alert(alert_from_json(alert), ctx, cfg));
      },
      py::arg("alert"), py::arg("context") = py::none(), py::arg("config") = py::none());

  m.def("default_priority_config_json", [] { return PriorityConfig{}.to_json(); });
}

}  // namespace mspcore::python
