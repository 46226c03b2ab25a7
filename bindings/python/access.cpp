// Thin glue for mspcore.AccessModel (docs/access-control.md): the model (a dict, read by the
// records layer's decoder, or a JSON text) and resources (dicts) go to the core
// (mspcore/access/access_records.hpp); decisions come back as the C ABI's JSON document.
#include "bindings.hpp"
#include "py_fields.hpp"

#include <mspcore/access/access_records.hpp>

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore::python {
namespace {

std::vector<std::string_view> names_of(FieldNames names) { return {names.begin(), names.end()}; }

std::shared_ptr<const AccessModel> model_of(const py::handle& model) {
  if (py::isinstance<py::str>(model) || py::isinstance<py::bytes>(model)) {
    return access_model_from_json(model.cast<std::string>());
  }
  return AccessModel::compile(read_access_model(PyRecord(model.ptr(), kAccessModelFields, "model")));
}

AccessResource resource_of(const py::handle& resource) {
  return read_access_resource(PyRecord(resource.ptr(), kAccessResourceFields, "resource"));
}

}  // namespace

void bind_access(py::module_& m) {
  m.attr("ACCESS_MODEL_FIELDS") = py::tuple(py::cast(names_of(kAccessModelFields)));
  m.attr("ACCESS_ROLE_FIELDS") = py::tuple(py::cast(names_of(kAccessRoleFields)));
  m.attr("ACCESS_GRANT_FIELDS") = py::tuple(py::cast(names_of(kAccessGrantFields)));
  m.attr("ACCESS_PRINCIPAL_FIELDS") = py::tuple(py::cast(names_of(kAccessPrincipalFields)));
  m.attr("ACCESS_RESOURCE_FIELDS") = py::tuple(py::cast(names_of(kAccessResourceFields)));
  using Model = AccessModel;
  py::class_<Model, std::shared_ptr<Model>>(m, "AccessModel", "Compiled access model.")
      .def(py::init([](const py::handle& model) { return std::const_pointer_cast<Model>(model_of(model)); }),
           py::arg("model"))
      .def(
          "authorize_json",
          [](const Model& am, const std::string& principal, const std::string& action, const py::handle& resource) {
            return access_decision_json(am.authorize(principal, parse_access_action(action), resource_of(resource)));
          },
          py::arg("principal"), py::arg("action"), py::arg("resource"))
      .def(
          "allows",
          [](const Model& am, const std::string& principal, const std::string& action, const py::handle& resource) {
            return am.allows(principal, parse_access_action(action), resource_of(resource));
          },
          py::arg("principal"), py::arg("action"), py::arg("resource"))
      .def(
          "scope_for",
          [](const Model& am, const std::string& principal, const std::string& action, const std::string& kind,
             const std::optional<std::string>& tenant) {
            return am.scope_for(principal, parse_access_action(action), parse_resource_kind(kind), tenant).tenant();
          },
          py::arg("principal"), py::arg("action"), py::arg("kind"), py::arg("tenant"))
      .def_property_readonly("grant_count", &Model::grant_count);
}

}  // namespace mspcore::python
