#include "bindings.hpp"

#include <mspcore/security/risk.hpp>

#include <pybind11/stl.h>

#include <optional>
#include <string>

namespace mspcore::python {

void bind_risk(py::module_& m) {
  m.def(
      "risk_score_json",
      [](const std::string& inputs, const std::optional<std::string>& model) {
        const RiskModel mdl = model ? RiskModel::from_json(*model) : RiskModel{};
        return risk_score_to_json(risk_score(RiskInputs::from_json(inputs), mdl));
      },
      py::arg("inputs"), py::arg("model") = py::none());
  m.def("default_risk_model_json", [] { return RiskModel{}.to_json(); });
  m.def("nist_risk_level", [](int likelihood, int impact) { return std::string(nist_level_name(nist_risk_level(likelihood, impact))); },
        py::arg("likelihood"), py::arg("impact"));
}

}  // namespace mspcore::python
