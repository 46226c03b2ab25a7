#include "bindings.hpp"
#include "columns.hpp"

#include <mspcore/kpi/asset_kpi.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/kpi/trend.hpp>

#include <pybind11/stl.h>

#include <optional>

namespace mspcore::python {
namespace {

/// Numpy columns of a ticket frame, kept alive while the spans into them are in use.
struct TicketInput {
  std::vector<py::array> keep;
  std::vector<std::string> priority_names, category_names;
  TicketKpiColumns columns;

  template <class T>
  std::span<const T> column(const py::dict& d, const char* name) {
    if (!d.contains(name)) return {};
    auto array = Column<T>::ensure(d[name]);
    if (!array) throw py::error_already_set();
    keep.push_back(array);
    return view(array);
  }

  explicit TicketInput(const py::dict& d) {
    if (d.contains("priority_names")) priority_names = d["priority_names"].cast<std::vector<std::string>>();
    if (d.contains("category_names")) category_names = d["category_names"].cast<std::vector<std::string>>();
    columns = TicketKpiColumns{column<std::int64_t>(d, "created"),     column<std::int64_t>(d, "first_response"),
                               column<std::int64_t>(d, "resolved"),    column<std::int32_t>(d, "group"),
                               column<std::int8_t>(d, "reopened"),     column<std::int32_t>(d, "priority"),
                               priority_names,                         column<std::int32_t>(d, "category"),
                               category_names,                         column<std::int8_t>(d, "first_contact"),
                               column<std::int8_t>(d, "csat"),         column<std::int8_t>(d, "nps"),
                               column<std::int64_t>(d, "work_seconds"), column<std::int8_t>(d, "reactive")};
  }
};

PeriodScheme scheme_of(const std::string& period, const std::string& tz, int fiscal_year_start) {
  return PeriodScheme(parse_period_kind(period), TimeZone::locate(tz), fiscal_year_start);
}

py::dict kpi_columns(std::vector<KpiColumn>& columns) {
  py::dict values;
  for (KpiColumn& c : columns) {
    if (c.integer) {
      values[py::str(c.name)] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(c.counts.size()), c.counts.data());
    } else if (c.name == "top_categories") {
      values[py::str(c.name)] = py::cast(c.text);
    } else {
      values[py::str(c.name)] = py::array_t<double>(static_cast<py::ssize_t>(c.values.size()), c.values.data());
    }
  }
  return values;
}

/// The grid's KPIs as numpy columns, with the labels of its periods.
py::dict frame_dict(const TicketKpiGrid& grid, const PeriodScheme& scheme, const std::vector<std::string>& kpis,
                    const Column<double>& endpoints) {
  std::vector<KpiColumn> columns;
  {
    py::gil_scoped_release release;
    columns = finalize_ticket_kpis(grid, scheme, kpis, view(endpoints));
  }
  py::dict out;
  out["groups"] = grid.groups;
  out["periods"] = grid.periods;
  py::list labels, starts;
  for (std::int32_t k = 0, id = grid.first_period; k < grid.periods; ++k, id = scheme.next(id)) {
    labels.append(scheme.label(id));
    starts.append(scheme.start_date(id));
  }
  out["labels"] = labels;
  out["start_dates"] = starts;
  out["columns"] = kpi_columns(columns);
  return out;
}

TicketKpiGrid accumulate(const py::dict& tickets, std::int32_t groups, const PeriodScheme& scheme,
                         const std::optional<std::shared_ptr<SlaPolicy>>& policy) {
  TicketInput input(tickets);
  const SlaPolicy* p = policy ? policy->get() : nullptr;
  py::gil_scoped_release release;
  return accumulate_ticket_kpis(input.columns, groups, scheme, p);
}

}  // namespace

void bind_kpi(py::module_& m) {
  m.def("kpi_dictionary", [] {
    py::list out;
    for (const KpiDefinition& k : kpi_dictionary()) {
      py::dict d;
      d["id"] = k.id;
      d["subject"] = k.subject;
      d["title"] = k.title;
      d["unit"] = k.unit;
      d["formula"] = k.formula;
      d["clock"] = k.clock;
      d["pause_policy"] = k.pause_policy;
      d["inclusion"] = k.inclusion;
      d["aggregation"] = k.aggregation;
      d["requires"] = k.requires_;
      out.append(d);
    }
    return out;
  });

  m.def(
      "ticket_kpis",
      [](const py::dict& tickets, std::int32_t groups, const std::string& period, const std::string& tz,
         int fiscal_year_start, const std::optional<std::shared_ptr<SlaPolicy>>& policy,
         const std::vector<std::string>& kpis, const Column<double>& endpoints) {
        const PeriodScheme scheme = scheme_of(period, tz, fiscal_year_start);
        return frame_dict(accumulate(tickets, groups, scheme, policy), scheme, kpis, endpoints);
      },
      py::arg("tickets"), py::arg("groups"), py::arg("period"), py::arg("tz"), py::arg("fiscal_year_start"),
      py::arg("policy"), py::arg("kpis"), py::arg("endpoints"));

  m.def(
      "ticket_kpi_partials",
      [](const py::dict& tickets, std::int32_t groups, const std::string& period, const std::string& tz,
         int fiscal_year_start, const std::optional<std::shared_ptr<SlaPolicy>>& policy) {
        const PeriodScheme scheme = scheme_of(period, tz, fiscal_year_start);
        const TicketKpiGrid grid = accumulate(tickets, groups, scheme, policy);
        py::list group, period_id, partials;
        for (std::int32_t g = 0; g < grid.groups; ++g) {
          for (std::int32_t k = 0, id = grid.first_period; k < grid.periods; ++k, id = scheme.next(id)) {
            const TicketKpiPartial& cell = grid.at(g, k);
            if (cell.created == 0 && cell.closed == 0) continue;  // nothing happened: no partial
            group.append(g);
            period_id.append(id);
            partials.append(py::bytes(cell.serialize(grid.category_names)));
          }
        }
        return py::make_tuple(group, period_id, partials);
      },
      py::arg("tickets"), py::arg("groups"), py::arg("period"), py::arg("tz"), py::arg("fiscal_year_start"),
      py::arg("policy"));

  m.def(
      "ticket_kpis_from_partials",
      [](const Column<std::int32_t>& group, const Column<std::int32_t>& period_id, const std::vector<std::string>& partials,
         std::int32_t groups, const std::string& period, const std::string& tz, int fiscal_year_start,
         const std::vector<std::string>& kpis, const Column<double>& endpoints) {
        const PeriodScheme scheme = scheme_of(period, tz, fiscal_year_start);
        const std::vector<std::string_view> bytes(partials.begin(), partials.end());
        return frame_dict(grid_from_partials(view(group), view(period_id), bytes, groups, scheme), scheme, kpis,
                          endpoints);
      },
      py::arg("group"), py::arg("period_id"), py::arg("partials"), py::arg("groups"), py::arg("period"), py::arg("tz"),
      py::arg("fiscal_year_start"), py::arg("kpis"), py::arg("endpoints"));

  m.def(
      "merge_ticket_kpi_partials",
      [](const std::vector<std::string>& partials) {
        std::vector<std::string> names;
        TicketKpiPartial merged;
        for (std::size_t i = 0; i < partials.size(); ++i) {
          merged.merge(TicketKpiPartial::parse(partials[i], names, "partial[" + std::to_string(i) + "]"));
        }
        return py::bytes(merged.serialize(names));
      },
      py::arg("partials"));

  m.def(
      "asset_kpis",
      [](const Column<std::int32_t>& group, const Column<std::int8_t>& managed, const Column<std::int32_t>& purchased,
         const Column<std::int32_t>& warranty_end, const Column<std::int32_t>& os_eol, std::int32_t groups,
         std::int32_t as_of, const std::vector<std::string>& kpis) {
        std::vector<KpiColumn> columns;
        {
          py::gil_scoped_release release;
          columns = asset_kpis({view(group), view(managed), view(purchased), view(warranty_end), view(os_eol)}, groups,
                               as_of, kpis);
        }
        return kpi_columns(columns);
      },
      py::arg("group"), py::arg("managed"), py::arg("purchased"), py::arg("warranty_end"), py::arg("os_eol"),
      py::arg("groups"), py::arg("as_of"), py::arg("kpis"));
  m.attr("NO_DAY") = kNoDay;

  m.def(
      "kpi_trend",
      [](const Column<double>& values, std::int32_t groups, std::int32_t periods, std::int32_t window) {
        KpiTrend t = kpi_trend(view(values), groups, periods, window);
        py::dict out;
        const auto n = static_cast<py::ssize_t>(t.delta.size());
        out["delta"] = py::array_t<double>(n, t.delta.data());
        out["slope"] = py::array_t<double>(n, t.slope.data());
        out["moving_average"] = py::array_t<double>(n, t.moving_average.data());
        out["unusual"] = py::array_t<std::int8_t>(n, t.unusual.data());
        return out;
      },
      py::arg("values"), py::arg("groups"), py::arg("periods"), py::arg("window"));
}

}  // namespace mspcore::python
