/// @file trend.hpp
/// @brief Period-over-period change, trend slope, moving average and unusual-change flags of a KPI.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Trend columns in the order of the input (groups x periods, periods consecutive).
struct KpiTrend {
  std::vector<double> delta;           ///< value - previous period's value; NaN when either is null
  std::vector<double> slope;           ///< least-squares slope per period over the trailing window
  std::vector<double> moving_average;  ///< mean of the non-null values in the trailing window
  /// 1 when the value lies outside the natural process limits (median +- 3.145 x median moving
  /// range) or its change from the previous period exceeds 3.865 x median moving range (an XmR
  /// chart on medians, docs/kpi.md); 0 inside; -1 when the value is null or the group has
  /// fewer than 3 values.
  std::vector<std::int8_t> unusual;
};

/// `values` (NaN = null, an empty period) hold `groups` series of `periods` values each.
/// The slope needs two non-null values in the window; `window` >= 2. Throws Error(INVALID_ARGUMENT)
/// when the sizes disagree.
KpiTrend kpi_trend(std::span<const double> values, std::int32_t groups, std::int32_t periods, std::int32_t window);

}  // namespace v1
}  // namespace mspcore
