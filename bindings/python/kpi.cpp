#include "bindings.hpp"
#include "columns.hpp"
#include "int8_columns.hpp"

#include <mspcore/kpi/asset_kpi.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/kpi/trend.hpp>

#include <pybind11/stl.h>

#include <algorithm>
#include <optional>

namespace mspcore::python {
namespace {

/// The numpy columns of a ticket frame. Instants and codes are viewed as they are; yes/no
/// flags, NPS scores and group codes come in the caller's dtype and are converted a block of
/// rows at a time, so preparing 10 M tickets costs a block of memory, not a column each.
class TicketInput {
 public:
  explicit TicketInput(const py::dict& d) {
    if (d.contains("priority_names")) priority_names_ = d["priority_names"].cast<std::vector<std::string>>();
    if (d.contains("category_names")) category_names_ = d["category_names"].cast<std::vector<std::string>>();
    const auto created = view_of<std::int64_t>(d, "created");
    rows_ = created.size();
    whole_ = TicketKpiColumns{created,                                  view_of<std::int64_t>(d, "first_response"),
                              view_of<std::int64_t>(d, "resolved"),     {},
                              {},                                       view_of<std::int32_t>(d, "priority"),
                              priority_names_,                          view_of<std::int32_t>(d, "category"),
                              category_names_,                          {},
                              {},                                       {},
                              view_of<std::int64_t>(d, "work_seconds"), {}};
    group_ = contiguous(d, "group");
    for (auto [name, column] : {std::pair{"reopened", &reopened_}, std::pair{"first_contact", &first_contact_},
                                std::pair{"csat", &csat_}, std::pair{"nps", &nps_}, std::pair{"reactive", &reactive_}}) {
      if (d.contains(name)) column->values = contiguous(d, name);
    }
  }

  /// The instant columns of all rows (what ticket_kpi_range reads).
  const TicketKpiColumns& whole() const { return whole_; }
  std::size_t rows() const { return rows_; }

  /// Rows [begin, end), converted into buffers reused by the next block.
  TicketKpiColumns block(std::size_t begin, std::size_t end) {
    const auto part = [&](auto column) { return column.empty() ? column : column.subspan(begin, end - begin); };
    TicketKpiColumns t = whole_;
    t.created = part(t.created);
    t.first_response = part(t.first_response);
    t.resolved = part(t.resolved);
    t.priority = part(t.priority);
    t.category = part(t.category);
    t.work_seconds = part(t.work_seconds);
    t.group = group_codes(begin, end);
    t.reopened = reopened_.codes(Int8Rule::YesNo, begin, end, "reopened");
    t.first_contact = first_contact_.codes(Int8Rule::YesNo, begin, end, "first_contact");
    t.csat = csat_.codes(Int8Rule::YesNo, begin, end, "csat");
    t.nps = nps_.codes(Int8Rule::Score0To10, begin, end, "nps");
    t.reactive = reactive_.codes(Int8Rule::YesNo, begin, end, "reactive");
    return t;
  }

 private:
  struct Int8Input {
    std::optional<py::array> values;  // none when the frame lacks the column
    std::vector<std::int8_t> buffer;
    std::span<const std::int8_t> codes(Int8Rule rule, std::size_t begin, std::size_t end, const std::string& what) {
      if (!values) return {};
      buffer.resize(end - begin);
      int8_codes(rule, *values, begin, end, buffer.data(), what);
      return buffer;
    }
  };

  template <class T>
  std::span<const T> view_of(const py::dict& d, const char* name) {
    if (!d.contains(name)) return {};
    auto array = Column<T>::ensure(d[name]);
    if (!array) throw py::error_already_set();
    keep_.push_back(array);
    check_rows(static_cast<std::size_t>(array.size()), name);
    return view(array);
  }

  /// A column in its own dtype, C-contiguous (copied only if it is not), of the frame's length.
  py::array contiguous(const py::dict& d, const char* name) {
    auto array = py::array::ensure(d[name], py::array::c_style);
    if (!array) throw py::error_already_set();
    check_rows(static_cast<std::size_t>(array.size()), name);
    return array;
  }

  /// Blocks slice every column alike, so the lengths are checked here, for the whole columns.
  void check_rows(std::size_t size, const char* name) const {
    if (std::string_view(name) != "created" && size != 0 && size != rows_) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  std::string(name) + " has " + std::to_string(size) + " rows, created has " + std::to_string(rows_));
    }
  }

  /// Group codes of rows [begin, end) as int32 from int8, int16 or int32 (a Categorical's codes).
  std::span<const std::int32_t> group_codes(std::size_t begin, std::size_t end) {
    if (py::isinstance<py::array_t<std::int32_t>>(group_)) {
      return view(Column<std::int32_t>::ensure(group_)).subspan(begin, end - begin);
    }
    group_buffer_.resize(end - begin);
    const auto widen = [&]<class T>(T*) {
      if (!py::isinstance<py::array_t<T>>(group_)) return false;
      const auto codes = view(Column<T>::ensure(group_)).subspan(begin, end - begin);
      std::copy(codes.begin(), codes.end(), group_buffer_.begin());
      return true;
    };
    if (!widen(static_cast<std::int8_t*>(nullptr)) && !widen(static_cast<std::int16_t*>(nullptr))) {
      throw Error(ErrorCode::INVALID_TYPE, "group codes must be int8, int16 or int32, not " + std::string(py::str(group_.dtype())));
    }
    return group_buffer_;
  }

  std::vector<py::array> keep_;
  std::size_t rows_ = 0;
  std::vector<std::string> priority_names_, category_names_;
  TicketKpiColumns whole_;
  py::array group_;
  std::vector<std::int32_t> group_buffer_;
  Int8Input reopened_, first_contact_, csat_, nps_, reactive_;
};

// Rows converted and accumulated at a time: large enough for the threads, small in memory.
constexpr std::size_t kBlockRows = std::size_t{1} << 20;

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
  TicketKpiAccumulator accumulator(groups, scheme, ticket_kpi_range(input.whole(), scheme),
                                   input.whole().category_names, p);
  std::size_t begin = 0;
  do {  // one block at least: an empty frame is checked too
    const TicketKpiColumns block = input.block(begin, std::min(input.rows(), begin + kBlockRows));
    py::gil_scoped_release release;
    accumulator.add(block);
    begin += kBlockRows;
  } while (begin < input.rows());
  py::gil_scoped_release release;
  return accumulator.finish();
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
      d["better"] = k.better;
      out.append(d);
    }
    return out;
  });

  m.def(
      "flag_column",
      [](const py::array& values, const std::string& what) { return int8_column(Int8Rule::YesNo, values, what); },
      py::arg("values"), py::arg("what"), "int8 1/0 from yes/no numbers or booleans, -1 for NaN.");

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
        TicketKpiPartialRows rows = ticket_kpi_partial_rows(accumulate(tickets, groups, scheme, policy), scheme);
        py::list partials;
        for (const std::string& p : rows.partials) partials.append(py::bytes(p));
        const py::list group = py::cast(rows.group), period_id = py::cast(rows.period);
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
        const std::vector<std::string_view> bytes(partials.begin(), partials.end());
        return py::bytes(merge_ticket_kpi_partials(bytes));
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
  m.attr("DEFAULT_REPORT_TZ") = kDefaultReportTimeZone;

  m.def(
      "select_kpis",
      [](const std::string& subject, const std::optional<std::vector<std::string>>& requested,
         const std::vector<std::string>& available) { return select_kpis(subject, requested, available); },
      py::arg("subject"), py::arg("requested"), py::arg("available"),
        "The KPIs to compute: the requested ids (checked) or, with None, all the inputs allow.");
  m.def("kpi_inputs", &kpi_inputs, py::arg("subject"), "Every input the KPIs of a subject name in `requires`.");
  m.def(
      "work_seconds",
      [](const Column<double>& hours) {
        py::array_t<std::int64_t> seconds(static_cast<py::ssize_t>(hours.size()));
        work_seconds_from_hours(view(hours), view_mut(seconds));
        return seconds;
      },
      py::arg("hours"), "The work_seconds column from labour hours (NaN: none).");

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
