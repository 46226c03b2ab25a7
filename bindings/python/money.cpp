#include "bindings.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/money/money.hpp>

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <functional>

namespace mspcore::python {
namespace {

py::object decimal_class() { return py::module_::import("decimal").attr("Decimal"); }

// Python number -> exact Decimal. Floats are refused: they are not exact.
Decimal to_decimal(const py::handle& value, const char* what) {
  if (py::isinstance<py::bool_>(value) || py::isinstance<py::float_>(value)) {
    throw Error(ErrorCode::INVALID_TYPE, std::string(what) + " must be a str, int or decimal.Decimal, not " +
                         std::string(py::str(py::type::of(value).attr("__name__"))) +
                         ": binary floating point is not exact; pass str(value) or a Decimal");
  }
  if (py::isinstance<py::str>(value)) return Decimal::parse(value.cast<std::string>());
  if (py::isinstance<py::int_>(value)) return Decimal::parse(py::str(value).cast<std::string>());
  if (py::isinstance(value, decimal_class())) {
    if (!value.attr("is_finite")().cast<bool>()) {
      throw Error(ErrorCode::PARSE_ERROR, std::string(what) + " " + mspcore::quoted(py::str(value).cast<std::string>()) +
                                              " is not a finite number");
    }
    return Decimal::parse(py::module_::import("builtins").attr("format")(value, "f").cast<std::string>());
  }
  throw Error(ErrorCode::INVALID_TYPE, std::string(what) + " must be a str, int or decimal.Decimal, not " +
                       std::string(py::str(py::type::of(value).attr("__name__"))));
}

py::object to_python(const Decimal& d) { return decimal_class()(d.to_string()); }

RoundingMode mode_of(const std::string& name) { return parse_rounding_mode(name); }

std::vector<Decimal> ratios_of(const py::iterable& ratios) {
  std::vector<Decimal> out;
  for (const py::handle& r : ratios) out.push_back(to_decimal(r, "ratio"));
  return out;
}

}  // namespace

void bind_money(py::module_& m) {
  py::class_<Money>(m, "Money", R"doc(An exact amount of money in an ISO 4217 currency.

Money(amount, currency): amount is a str ("1234.5"), int or decimal.Decimal; a float is a
TypeError because binary floating point is not exact.)doc")
      .def(py::init([](const py::object& amount, const py::object& currency) {
             if (!py::isinstance<py::str>(currency)) {
               throw Error(ErrorCode::INVALID_TYPE, "currency must be a str (an ISO 4217 code), not " +
                                                        std::string(py::str(py::type::of(currency).attr("__name__"))));
             }
             Currency c = Currency::from_code(currency.cast<std::string>());
             return Money(to_decimal(amount, "amount"), c);
           }),
           py::arg("amount"), py::arg("currency"))
      .def_property_readonly("amount", [](const Money& self) { return to_python(self.amount()); },
                             "The amount as decimal.Decimal.")
      .def_property_readonly("currency", [](const Money& self) { return std::string(self.currency().code()); })
      .def_property_readonly("minor_units", [](const Money& self) { return self.currency().minor_units(); })
      .def("round", [](const Money& self, const std::string& mode) { return self.round(mode_of(mode)); },
           py::arg("mode") = "half_even", "Round to the currency's minor units.")
      .def("divide",
           [](const Money& self, const py::object& divisor, const std::string& mode) {
             return divide(self, to_decimal(divisor, "divisor"), mode_of(mode));
           },
           py::arg("divisor"), py::arg("mode") = "half_even",
           "Divide and round to minor units with an explicit rounding mode.")
      .def("allocate",
           [](const Money& self, const py::iterable& ratios) { return allocate(self, ratios_of(ratios)); },
           py::arg("ratios"), "Split into parts proportional to ratios that sum exactly to this amount.")
      .def(py::self + py::self)
      .def(py::self - py::self)
      .def(-py::self)
      .def("__radd__",
           [](const Money& self, const py::object& other) -> py::object {
             // Lets the builtin sum() start from 0.
             if (py::isinstance<py::int_>(other) && other.cast<long long>() == 0) return py::cast(self);
             return py::reinterpret_borrow<py::object>(Py_NotImplemented);
           })
      .def("__mul__", [](const Money& self, const py::object& f) { return self * to_decimal(f, "factor"); })
      .def("__rmul__", [](const Money& self, const py::object& f) { return self * to_decimal(f, "factor"); })
      .def("__eq__",
           [](const Money& self, const py::object& other) -> py::object {
             if (!py::isinstance<Money>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(self == other.cast<const Money&>());
           })
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def("__hash__",
           [](const Money& self) {
             return py::hash(py::make_tuple(std::string(self.currency().code()),
                                            self.amount().normalized().to_string()));
           })
      .def("__str__", &Money::to_string)
      .def("__repr__", [](const Money& self) {
        return "Money('" + self.amount().to_string() + "', '" + std::string(self.currency().code()) + "')";
      });

  m.def("allocate", [](const Money& total, const py::iterable& ratios) { return allocate(total, ratios_of(ratios)); },
        py::arg("total"), py::arg("ratios"));
  m.def("minor_units", [](const std::string& code) { return Currency::from_code(code).minor_units(); },
        py::arg("currency"), "Minor units of an active ISO 4217 currency (EUR 2, JPY 0, KWD 3).");
  m.def("currencies", [] {
    std::vector<std::string> codes;
    for (const Currency& c : Currency::all()) codes.emplace_back(c.code());
    return codes;
  });
  m.def(
      "sum_minor_units",
      [](py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> minor_units,
         const std::string& currency) {
        const Currency c = Currency::from_code(currency);
        std::span<const std::int64_t> values(minor_units.data(), static_cast<std::size_t>(minor_units.size()));
        py::gil_scoped_release release;
        return sum_minor_units(values, c);
      },
      py::arg("minor_units"), py::arg("currency"),
      "Exact sum of an int64 column of minor units (cents for EUR) as Money.");
}

}  // namespace mspcore::python
