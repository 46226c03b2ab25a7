#include "bindings.hpp"

#include <mspcore/calendar/business_calendar.hpp>
#include <mspcore/calendar/holiday_rules.hpp>
#include <mspcore/core/error.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace mspcore::python {
namespace {

using Column = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using std::chrono::seconds;

std::vector<Interval> to_pauses(const std::vector<std::pair<std::int64_t, std::int64_t>>& pauses) {
  std::vector<Interval> out;
  out.reserve(pauses.size());
  for (const auto& [s, e] : pauses) out.push_back({from_unix_seconds(s), from_unix_seconds(e)});
  return out;
}

// Runs a columnar kernel with the GIL released; returns (values, status) as numpy arrays.
template <class Kernel>
py::tuple columnar(const Column& a, const Column& b, Kernel kernel) {
  if (a.ndim() != 1 || b.ndim() != 1 || a.size() != b.size()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "columns must be one-dimensional and of equal length, got " +
                                                 std::to_string(a.size()) + " and " + std::to_string(b.size()));
  }
  const auto n = static_cast<std::size_t>(a.size());
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(n));
  py::array_t<std::int32_t> status(static_cast<py::ssize_t>(n));
  {
    py::gil_scoped_release release;
    kernel(std::span<const std::int64_t>(a.data(), n), std::span<const std::int64_t>(b.data(), n),
           std::span<std::int64_t>(out.mutable_data(), n), std::span<std::int32_t>(status.mutable_data(), n));
  }
  return py::make_tuple(out, status);
}

}  // namespace

void bind_calendar(py::module_& m) {
  using Cal = BusinessCalendar;
  py::class_<Cal, std::shared_ptr<Cal>>(m, "Calendar", "Compiled business calendar (times are Unix seconds here).")
      .def_static("from_json", [](const std::string& json) { return std::const_pointer_cast<Cal>(Cal::from_json(json)); },
                  py::arg("json"))
      .def("to_json", [](const Cal& c) { return c.spec().to_json(); })
      .def_property_readonly("tz", [](const Cal& c) { return c.spec().tz; })
      .def("is_open", [](const Cal& c, std::int64_t t) { return c.is_open(from_unix_seconds(t)); })
      .def("next_open", [](const Cal& c, std::int64_t t) { return unix_seconds(c.next_open(from_unix_seconds(t))); })
      .def("business_seconds_between",
           [](const Cal& c, std::int64_t a, std::int64_t b, const std::vector<std::pair<std::int64_t, std::int64_t>>& p) {
             return c.business_seconds_between(from_unix_seconds(a), from_unix_seconds(b), to_pauses(p));
           })
      .def("add_business",
           [](const Cal& c, std::int64_t t, std::int64_t s, const std::vector<std::pair<std::int64_t, std::int64_t>>& p) {
             return unix_seconds(c.add_business(from_unix_seconds(t), s, to_pauses(p)));
           })
      .def("subtract_business",
           [](const Cal& c, std::int64_t t, std::int64_t s, const std::vector<std::pair<std::int64_t, std::int64_t>>& p) {
             return unix_seconds(c.subtract_business(from_unix_seconds(t), s, to_pauses(p)));
           })
      .def("add_business_days", [](const Cal& c, std::int64_t t, int days) { return unix_seconds(c.add_business_days(from_unix_seconds(t), days)); })
      .def("explain",
           [](const Cal& c, std::int64_t a, std::int64_t b, const std::vector<std::pair<std::int64_t, std::int64_t>>& p) {
             static const char* kinds[] = {"counted", "closed", "paused"};
             py::list out;
             for (const Segment& s : c.explain(from_unix_seconds(a), from_unix_seconds(b), to_pauses(p))) {
               out.append(py::make_tuple(unix_seconds(s.start), unix_seconds(s.end), kinds[static_cast<int>(s.kind)]));
             }
             return out;
           })
      .def("business_seconds_between_many",
           [](const Cal& c, const Column& starts, const Column& ends) {
             return columnar(starts, ends, [&](auto a, auto b, auto out, auto status) {
               c.business_seconds_between_many(a, b, out, status);
             });
           })
      .def("add_business_many",
           [](const Cal& c, const Column& starts, const Column& secs_in) {
             return columnar(starts, secs_in, [&](auto a, auto b, auto out, auto status) {
               c.add_business_many(a, b, out, status);
             });
           })
      .def("compiled_bytes", &Cal::compiled_bytes);

  m.def(
      "holidays",
      [](const std::string& rule, int year) {
        py::list out;
        for (const Holiday& h : holidays_in_year(rule, year)) {
          out.append(py::make_tuple(static_cast<std::int64_t>(h.date.time_since_epoch().count()), std::string(h.name)));
        }
        return out;
      },
      py::arg("rule"), py::arg("year"), "[(days since 1970-01-01, name), ...] of a built-in rule set in a year.");
  m.def("holiday_rules", [] {
    std::vector<std::string> names;
    for (std::string_view n : holiday_rule_names()) names.emplace_back(n);
    return names;
  });
}

}  // namespace mspcore::python
