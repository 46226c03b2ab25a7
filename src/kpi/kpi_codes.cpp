#include <mspcore/core/error.hpp>
#include <mspcore/kpi/kpi_codes.hpp>

#include "core/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <vector>

namespace mspcore {
inline namespace v1 {

namespace {

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

// "%g" of a value, as Python's format(value, "g") writes it.
std::string shortest(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

template <class Rule, class T>
void codes_of(std::span<const T> in, std::size_t begin, std::size_t end, std::int8_t* out, const std::string& what) {
  const std::size_t parts = detail::parts_for(end - begin, std::size_t{1} << 18);
  std::vector<std::size_t> first_bad(parts, end);
  detail::run_parts(parts, [&](std::size_t k) {
    const std::size_t part_begin = begin + (end - begin) * k / parts;
    const std::size_t part_end = begin + (end - begin) * (k + 1) / parts;
    // int8 may alias anything: without __restrict every store would reload the input.
    std::int8_t* __restrict codes = out;
    const T* __restrict data = in.data();
    constexpr std::size_t kChunk = 4096;  // checked without early exit, so the loop vectorises
    for (std::size_t from = part_begin; from < part_end; from += kChunk) {
      const std::size_t to = std::min(part_end, from + kChunk);
      unsigned bad = 0;
      for (std::size_t i = from; i < to; ++i) {
        const T v = data[i];
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
}

}  // namespace

template <class T>
void int8_codes(Int8Rule rule, std::span<const T> column, std::size_t begin, std::size_t end, std::int8_t* out,
                const std::string& what) {
  if (begin > end || end > column.size()) {
    throw Error(ErrorCode::OUT_OF_RANGE, what + ": rows " + std::to_string(begin) + ".." + std::to_string(end) +
                                             " outside the column's " + std::to_string(column.size()));
  }
  if (rule == Int8Rule::YesNo) {
    codes_of<YesNo>(column, begin, end, out, what);
  } else {
    codes_of<Score0To10>(column, begin, end, out, what);
  }
}

#define MSP_INT8_CODES(T)                                                                                        \
  template void int8_codes<T>(Int8Rule, std::span<const T>, std::size_t, std::size_t, std::int8_t*, \
                              const std::string&);
MSP_INT8_CODES(bool)
MSP_INT8_CODES(std::int8_t)
MSP_INT8_CODES(std::int16_t)
MSP_INT8_CODES(std::int32_t)
MSP_INT8_CODES(std::int64_t)
MSP_INT8_CODES(std::uint8_t)
MSP_INT8_CODES(std::uint16_t)
MSP_INT8_CODES(std::uint32_t)
MSP_INT8_CODES(std::uint64_t)
MSP_INT8_CODES(float)
MSP_INT8_CODES(double)
#undef MSP_INT8_CODES

}  // namespace v1
}  // namespace mspcore
