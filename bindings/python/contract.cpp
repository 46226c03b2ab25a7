#include "bindings.hpp"

#include <mspcore/contract/proration.hpp>
#include <mspcore/core/error.hpp>
#include <mspcore/time/instant.hpp>

#include <chrono>
#include <string>

namespace mspcore::python {
namespace {

// datetime.date or "YYYY-MM-DD" -> sys_days. A datetime.datetime is refused: these are dates.
std::chrono::sys_days to_date(const py::handle& value, const char* what) {
  const py::module_ dt = py::module_::import("datetime");
  if (py::isinstance(value, dt.attr("datetime"))) {
    throw Error(ErrorCode::INVALID_TYPE, std::string(what) + " must be a datetime.date or an ISO date string 'YYYY-MM-DD', not a "
                                             "datetime.datetime: proration counts whole days; pass value.date()");
  }
  if (py::isinstance(value, dt.attr("date"))) {
    const int y = value.attr("year").cast<int>();
    const unsigned m = value.attr("month").cast<unsigned>();
    const unsigned d = value.attr("day").cast<unsigned>();
    return std::chrono::sys_days(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
  }
  if (py::isinstance<py::str>(value)) return parse_date(value.cast<std::string>());
  throw Error(ErrorCode::INVALID_TYPE, std::string(what) + " must be a datetime.date or an ISO date string 'YYYY-MM-DD', not " +
                       std::string(py::str(py::type::of(value).attr("__name__"))));
}

}  // namespace

void bind_contract(py::module_& m) {
  m.def(
      "prorate",
      [](const Money& amount, const py::object& period_start, const py::object& period_end, const py::object& start,
         const py::object& end, const std::string& convention, const std::string& rounding) {
        return prorate(amount, to_date(period_start, "period_start"), to_date(period_end, "period_end"),
                       to_date(start, "start"), to_date(end, "end"), parse_proration_convention(convention),
                       parse_rounding_mode(rounding));
      },
      py::arg("amount"), py::arg("period_start"), py::arg("period_end"), py::arg("start"), py::arg("end"),
      py::arg("convention") = "actual", py::arg("rounding") = "half_even",
      R"doc(Prorate a periodic amount over [start, end) within the period [period_start, period_end).

Dates are datetime.date or ISO strings "YYYY-MM-DD" (a datetime.datetime is a TypeError).
convention: "actual" (days / days of the period), "30/360" (30/360 Bond basis over 30 x whole
months) or "none" (the full amount while the range overlaps the period). The range is clipped
to the period; the exact result is rounded once to the currency's minor units with `rounding`.
EUR 100.00 for February 2024 from 2024-02-15 is 51.72 (actual) or 53.33 (30/360).)doc");
}

}  // namespace mspcore::python
