/// @file kpi_codes.hpp
/// @brief Numeric columns of any type as the int8 codes of the KPI inputs (yes/no flags, NPS
/// scores), checked, with errors that name the row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace mspcore {
inline namespace v1 {

/// What an int8 input column holds.
enum class Int8Rule {
  YesNo,      ///< 1 (yes) and 0 (no)
  Score0To10  ///< whole Net Promoter scores 0..10
};

/// Rows [begin, end) of `column` as int8 codes of `rule` into out[0, end - begin): the value
/// itself, -1 for NaN (missing). The first value the rule rejects is Error(OUT_OF_RANGE)
/// "<what>[row] is <value>, not a yes/no flag" (or "not a whole score 0..10") with its row.
/// Defined for bool, the fixed-width integers, float and double; runs on every core.
template <class T>
void int8_codes(Int8Rule rule, std::span<const T> column, std::size_t begin, std::size_t end, std::int8_t* out,
                const std::string& what);

}  // namespace v1
}  // namespace mspcore
