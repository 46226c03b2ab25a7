// Private to the extension: numeric numpy columns of any dtype as the core's int8 codes (yes/no
// flags, NPS scores), converted a range of rows at a time with errors that name the row.
#pragma once

#include "columns.hpp"
#include "core/parallel.hpp"

#include <mspcore/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

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

/// Yes/no flags: 1 and 0 of any numeric type or booleans.
struct YesNo {
  static constexpr const char* kNot = "not a yes/no flag";
  template <class T>
  static bool valid(T v) {
    return (v == 0) | (v == 1);
  }
  template <class T>
  static std::int8_t code(T v) {
    return static_cast<std::int8_t>(v == 1);
  }
};

/// Net Promoter scores: whole numbers 0..10.
struct Score0To10 {
  static constexpr const char* kNot = "not a whole score 0..10";
  template <class T>
  static bool valid(T v) {
    if constexpr (std::is_same_v<T, bool>) {
      return true;
    } else if constexpr (std::is_unsigned_v<T>) {
      return v <= 10;
    } else if constexpr (std::is_integral_v<T>) {
      return (v >= 0) & (v <= 10);
    } else {
      return (v >= 0) & (v <= 10) & (v == std::floor(v));
    }
  }
  template <class T>
  static std::int8_t code(T v) {  // defined for every value: 0 outside 0..10 and for NaN
    if constexpr (std::is_same_v<T, bool>) {
      return static_cast<std::int8_t>(v);
    } else {
      return static_cast<std::int8_t>((v >= 0) & (v <= 10) ? v : T{0});
    }
  }
};

/// "%g" of a value, as Python's format(value, "g") writes it.
inline std::string shortest(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

/// Rows [begin, end) of `values` as int8 codes of `Rule` into out[0, end - begin), -1 for NaN,
/// on every core. The first value the rule rejects raises Error(OUT_OF_RANGE)
/// "<what>[row] is <v>, <not>".
template <class Rule>
void int8_codes(const py::array& values, std::size_t begin, std::size_t end, std::int8_t* out,
                const std::string& what) {
  with_numeric(values, what, [&](auto in) {  // the parts run without touching Python objects
    const std::size_t parts = detail::parts_for(end - begin, std::size_t{1} << 18);
    std::vector<std::size_t> first_bad(parts, end);
    detail::run_parts(parts, [&](std::size_t k) {
      const std::size_t part_begin = begin + (end - begin) * k / parts, part_end = begin + (end - begin) * (k + 1) / parts;
      // int8 may alias anything: without __restrict every store would reload the input.
      std::int8_t* __restrict codes = out;
      const auto* __restrict data = in.data();
      constexpr std::size_t kChunk = 4096;  // checked without early exit, so the loop vectorises
      for (std::size_t from = part_begin; from < part_end; from += kChunk) {
        const std::size_t to = std::min(part_end, from + kChunk);
        unsigned bad = 0;
        for (std::size_t i = from; i < to; ++i) {
          const auto v = data[i];
          const bool missing = v != v;  // NaN; never for integers
          bad |= !(missing | Rule::valid(v));
          codes[i - begin] = static_cast<std::int8_t>(Rule::code(v) - static_cast<std::int8_t>(missing));
        }
        for (std::size_t i = from; bad && i < to; ++i) {
          if (data[i] == data[i] && !Rule::valid(data[i])) {
            first_bad[k] = i;
            return;
          }
        }
      }
    });
    const std::size_t i = *std::min_element(first_bad.begin(), first_bad.end());
    if (i < end) {
      throw Error(ErrorCode::OUT_OF_RANGE,
                  what + "[" + std::to_string(i) + "] is " + shortest(static_cast<double>(in[i])) + ", " + Rule::kNot,
                  static_cast<std::int64_t>(i));
    }
  });
}

/// A whole column as int8 codes of `Rule`.
template <class Rule>
py::array_t<std::int8_t> int8_column(const py::array& values, const std::string& what) {
  py::array_t<std::int8_t> out(values.size());
  int8_codes<Rule>(values, 0, static_cast<std::size_t>(values.size()), out.mutable_data(), what);
  return out;
}

}  // namespace mspcore::python
