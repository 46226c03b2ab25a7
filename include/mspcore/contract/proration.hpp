/// @file proration.hpp
/// @brief Exact proration of a periodic amount over part of its billing period.
#pragma once

#include <mspcore/money/money.hpp>

#include <chrono>
#include <cstdint>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// How the share of a billing period is counted. Periods and ranges are half-open date
/// ranges [start, end).
enum class ProrationConvention {
  Actual,    ///< "actual": days(start, end) / days(period_start, period_end)
  Thirty360, ///< "30/360": 30/360 Bond basis day count of (start, end) / (30 x months in the period)
  None       ///< "none": no proration, the full amount while the range overlaps the period
};

/// Parse "actual", "30/360" or "none" (exact, lower case). Throws Error(INVALID_ARGUMENT)
/// naming the text and listing the known conventions otherwise.
ProrationConvention parse_proration_convention(std::string_view text);

/// The name accepted by parse_proration_convention(): "actual", "30/360" or "none".
std::string_view to_string(ProrationConvention convention) noexcept;

/// An exact fraction numerator / denominator with 0 <= numerator <= denominator and
/// denominator > 0.
struct ProrationFactor {
  std::int64_t numerator;    ///< counted days of the range inside the period
  std::int64_t denominator;  ///< counted days of the whole period
};

/// The exact share of the period [period_start, period_end) that [start, end) covers.
///
/// The range is first clipped to the period; a range outside the period gives 0 / d.
/// - Actual: days(start, end) / days(period_start, period_end).
/// - Thirty360: the 30/360 Bond basis (ISDA 2006 4.16(f)) day count of the clipped range
///   over 30 x the months in the period, which must be a whole number of months (same day
///   of the month at both ends).
/// - None: 1 / 1 when the range overlaps the period, else 0 / 1.
///
/// Throws Error(INVALID_ARGUMENT) naming the dates when period_end <= period_start,
/// start > end, a date lies outside 0001-01-01 .. 9999-12-31, or (30/360) the period is not
/// a whole number of months.
ProrationFactor proration_factor(std::chrono::sys_days period_start, std::chrono::sys_days period_end,
                                 std::chrono::sys_days start, std::chrono::sys_days end,
                                 ProrationConvention convention);

/// `amount` x proration_factor(), rounded once with `mode` to the currency's minor units:
/// EUR 100.00 for February 2024 from Feb 15 is 51.72 (actual, 100 x 15/29) or 53.33
/// (30/360, 100 x 16/30). Throws Error(ARITHMETIC_OVERFLOW) when the product does not fit
/// and Error(ROUNDING_NECESSARY) for RoundingMode::Unnecessary with an inexact result.
Money prorate(const Money& amount, std::chrono::sys_days period_start, std::chrono::sys_days period_end,
              std::chrono::sys_days start, std::chrono::sys_days end, ProrationConvention convention,
              RoundingMode mode = RoundingMode::HalfEven);

}  // namespace v1
}  // namespace mspcore
