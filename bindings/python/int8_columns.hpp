// Private to the extension: numeric numpy columns of any dtype handed to the core's int8 codes
// (yes/no flags, NPS scores; mspcore/kpi/kpi_codes.hpp) as spans of their own type.
#pragma once

#include "columns.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/kpi/kpi_codes.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mspcore::python {

/// Calls f with the column as a span of its own numeric type (no copy for contiguous data;
/// rare numeric types as double); TypeError naming the column for other dtypes.
template <class F>
void with_numeric(const py::array& a, const std::string& what, F&& f) {
  const auto as = [&]<class T>(T*) {
    if (!py::isinstance<py::array_t<T>>(a)) return false;
    const auto column = Column<T>::ensure(a);
    f(view(column));
    return true;
  };
  if (as(static_cast<bool*>(nullptr)) || as(static_cast<std::int8_t*>(nullptr)) ||
      as(static_cast<std::int16_t*>(nullptr)) || as(static_cast<std::int32_t*>(nullptr)) ||
      as(static_cast<std::int64_t*>(nullptr)) || as(static_cast<std::uint8_t*>(nullptr)) ||
      as(static_cast<std::uint16_t*>(nullptr)) || as(static_cast<std::uint32_t*>(nullptr)) ||
      as(static_cast<std::uint64_t*>(nullptr)) || as(static_cast<float*>(nullptr)) ||
      as(static_cast<double*>(nullptr))) {
    return;
  }
  if (std::string_view("biuf").find(a.dtype().kind()) == std::string_view::npos) {
    throw py::type_error(what + " must be numbers or booleans, not " + std::string(py::str(a.dtype())));
  }
  f(view(Column<double>::ensure(a)));  // float16, long double
}

/// Rows [begin, end) of `values` as the core's int8 codes of `rule` (kpi_codes.hpp): the
/// binding only finds the column's numeric type.
inline void int8_codes(Int8Rule rule, const py::array& values, std::size_t begin, std::size_t end, std::int8_t* out,
                       const std::string& what) {
  with_numeric(values, what, [&](auto in) { mspcore::int8_codes(rule, in, begin, end, out, what); });
}

/// A whole column as int8 codes of `rule`.
inline py::array_t<std::int8_t> int8_column(Int8Rule rule, const py::array& values, const std::string& what) {
  py::array_t<std::int8_t> out(values.size());
  int8_codes(rule, values, 0, static_cast<std::size_t>(values.size()), out.mutable_data(), what);
  return out;
}

}  // namespace mspcore::python
