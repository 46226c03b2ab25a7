#include "bindings.hpp"
#include "columns.hpp"

#include <mspcore/sla/sla_engine.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace mspcore::python {
namespace {

py::dict attainment_dict(const SlaAttainment& a) {
  py::dict d;
  d["met"] = a.met;
  d["breached"] = a.breached;
  d["evaluated"] = a.evaluated;
  d["attainment_pct"] = a.attainment_pct ? py::object(py::float_(*a.attainment_pct)) : py::none();
  d["open"] = a.open;
  d["excluded"] = a.excluded;
  return d;
}

}  // namespace

void bind_sla(py::module_& m) {
  py::class_<SlaPolicy, std::shared_ptr<SlaPolicy>>(m, "SlaPolicy", "A validated SLA policy (docs/sla.md).")
      .def_static("from_json",
                  [](const std::string& json) { return std::const_pointer_cast<SlaPolicy>(SlaPolicy::from_json(json)); },
                  py::arg("json"))
      .def("has_target", [](const SlaPolicy& p, const std::string& target) {
        for (SlaTarget t : kSlaTargets) {
          if (to_string(t) == target) return p.has_target(t);
        }
        throw Error(ErrorCode::INVALID_ARGUMENT, "unknown target " + quoted(target));
      });

  m.def(
      "evaluate_sla_json",
      [](const std::string& ticket, const SlaPolicy& policy, std::int64_t now, bool explain) {
        return sla_evaluation_to_json(
            evaluate_sla(SlaTicket::from_json(ticket), policy, from_unix_seconds(now), explain));
      },
      py::arg("ticket"), py::arg("policy"), py::arg("now"), py::arg("explain") = false);

  m.def("sla_status_names", [] {
    std::vector<std::string> names;
    for (int i = 0; i <= static_cast<int>(SlaStatus::Invalid); ++i) {
      names.emplace_back(to_string(static_cast<SlaStatus>(i)));
    }
    return names;
  });

  m.def(
      "sla_attainment_codes",
      [](const Column<std::int8_t>& status, const Column<std::int32_t>& group, std::size_t groups) {
        std::vector<SlaStatus> statuses(static_cast<std::size_t>(status.size()));
        for (std::size_t i = 0; i < statuses.size(); ++i) {
          const auto code = status.data()[i];
          if (code < 0 || code > static_cast<std::int8_t>(SlaStatus::Invalid)) {
            throw Error(ErrorCode::INVALID_ARGUMENT, "status code " + std::to_string(code) + " at row " +
                                                         std::to_string(i) + " is not an SLA status",
                        static_cast<std::int64_t>(i));
          }
          statuses[i] = static_cast<SlaStatus>(code);
        }
        py::list out;
        for (const SlaAttainment& a : sla_attainment_grouped(statuses, view(group), groups)) out.append(attainment_dict(a));
        return out;
      },
      py::arg("status"), py::arg("group"), py::arg("groups"));

  m.def("parse_sla_status", [](const std::string& s) { return static_cast<int>(parse_sla_status(s)); });

  m.def(
      "evaluate_sla_columns",
      [](const SlaPolicy& policy, std::int64_t now, const Column<std::int64_t>& created,
         const Column<std::int64_t>& first_response, const Column<std::int64_t>& resolved,
         const Column<std::int64_t>& planned, const Column<std::int32_t>& priority,
         const std::vector<std::string>& priority_names, const Column<std::int64_t>& pause_offsets,
         const Column<std::int64_t>& pause_starts, const Column<std::int64_t>& pause_ends) {
        const auto rows = static_cast<py::ssize_t>(created.size());
        py::dict result;
        std::array<SlaResultColumns, 3> out{};
        std::vector<py::array> keep;
        for (SlaTarget t : kSlaTargets) {
          if (!policy.has_target(t)) continue;
          py::array_t<std::int8_t> status(rows);
          py::array_t<std::int64_t> due(rows), elapsed(rows), remaining(rows);
          py::array_t<double> ratio(rows);
          py::array_t<std::int32_t> minutes(rows);
          out[static_cast<std::size_t>(t)] = {view_mut(status), view_mut(due),   view_mut(elapsed),
                                              view_mut(remaining), view_mut(ratio), view_mut(minutes)};
          py::dict cols;
          cols["status"] = status;
          cols["due"] = due;
          cols["elapsed_seconds"] = elapsed;
          cols["elapsed_minutes"] = minutes;
          cols["remaining_minutes"] = remaining;
          cols["consumed_ratio"] = ratio;
          result[py::str(std::string(to_string(t)))] = cols;
        }
        py::array_t<std::int32_t> error(rows);
        SlaColumns in{view(created),  view(first_response), view(resolved),     view(planned),
                      view(priority), priority_names,       view(pause_offsets), view(pause_starts),
                      view(pause_ends)};
        {
          py::gil_scoped_release release;
          evaluate_sla_columns(in, policy, from_unix_seconds(now), out, view_mut(error));
        }
        result["error"] = error;
        return result;
      },
      py::arg("policy"), py::arg("now"), py::arg("created"), py::arg("first_response"), py::arg("resolved"),
      py::arg("planned"), py::arg("priority"), py::arg("priority_names"), py::arg("pause_offsets"),
      py::arg("pause_starts"), py::arg("pause_ends"));
  m.attr("NO_INSTANT") = kNoInstant;
}

}  // namespace mspcore::python
