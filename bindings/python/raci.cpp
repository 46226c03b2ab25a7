// Thin glue for the RACI matrix (docs/comanaged-raci.md): the matrix and routing documents (a
// dict, read by the records layer's document decoders, or a JSON text) and the tickets (a dict
// of columns from a DataFrame, or a sequence of dicts) go to the core's decoders; the result
// comes back as the C ABI's JSON document.
#include "bindings.hpp"
#include "py_fields.hpp"

#include <mspcore/comanaged/raci.hpp>
#include <mspcore/core/error.hpp>

#include <pybind11/stl.h>

#include <string>
#include <string_view>
#include <vector>

namespace mspcore::python {
namespace {

std::vector<std::string_view> names_of(FieldNames names) { return {names.begin(), names.end()}; }

bool is_text(const py::handle& v) { return py::isinstance<py::str>(v) || py::isinstance<py::bytes>(v); }

RaciMatrix matrix_of(const py::handle& matrix) {
  if (is_text(matrix)) return raci_matrix_from_json(matrix.cast<std::string>());
  return read_raci_matrix(PyRecord(matrix.ptr(), kRaciMatrixFields, "matrix"), "matrix");
}

RaciRouting routing_of(const py::handle& routing) {
  if (is_text(routing)) return raci_routing_from_json(routing.cast<std::string>());
  return read_raci_routing(PyRecord(routing.ptr(), kRaciRoutingFields, "routing"), "routing");
}

std::vector<RaciTicket> tickets_of(const py::handle& tickets) {
  std::vector<RaciTicket> out;
  if (tickets.is_none()) throw Error(ErrorCode::INVALID_ARGUMENT, "tickets is missing (give [] for none)");
  PyTable t(tickets, kRaciTicketFields, "tickets");
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) out.push_back(read_raci_ticket(t.row(i), i));
  return out;
}

}  // namespace

void bind_raci(py::module_& m) {
  m.attr("RACI_PARTY_FIELDS") = py::tuple(py::cast(names_of(kRaciPartyFields)));
  m.attr("RACI_CELL_FIELDS") = py::tuple(py::cast(names_of(kRaciCellFields)));
  m.attr("RACI_RULE_FIELDS") = py::tuple(py::cast(names_of(kRaciRuleFields)));
  m.attr("RACI_QUEUE_FIELDS") = py::tuple(py::cast(names_of(kRaciQueueFields)));
  m.attr("RACI_TICKET_FIELDS") = py::tuple(py::cast(names_of(kRaciTicketFields)));
  m.attr("RACI_DEFAULT_LANES") = py::tuple(py::cast(names_of(kRaciDefaultLanes)));
  m.def("_raci_validate", [](const py::handle& matrix) { return raci_problems_json(raci_validate(matrix_of(matrix))); },
        py::arg("matrix"));
  m.def(
      "_raci_route",
      [](const py::handle& tickets, const py::handle& matrix, const py::handle& routing) {
        const std::vector<RaciTicket> t = tickets_of(tickets);
        const RaciMatrix mx = matrix_of(matrix);
        const RaciRouting r = routing_of(routing);
        py::gil_scoped_release release;
        return raci_routes_json(raci_route(t, mx, r), t);
      },
      py::arg("tickets"), py::arg("matrix"), py::arg("routing"));
  m.def(
      "_raci_violations",
      [](const py::handle& tickets, const py::handle& matrix, const py::handle& routing) {
        const std::vector<RaciTicket> t = tickets_of(tickets);
        const RaciMatrix mx = matrix_of(matrix);
        const std::optional<RaciRouting> r = routing.is_none() ? std::nullopt : std::optional(routing_of(routing));
        py::gil_scoped_release release;
        return raci_violations_result_json(raci_violations(t, mx, r ? &*r : nullptr), t);
      },
      py::arg("tickets"), py::arg("matrix"), py::arg("routing"));
}

}  // namespace mspcore::python
