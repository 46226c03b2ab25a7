// Private: calendar-date arithmetic shared by proration and true-up.
#pragma once

#include <mspcore/time/instant.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace mspcore::date_math {

using std::chrono::sys_days;

inline constexpr sys_days kMinDate = sys_days(std::chrono::year{1} / 1 / 1);
inline constexpr sys_days kMaxDate = sys_days(std::chrono::year{9999} / 12 / 31);
inline constexpr const char* kDateRangeText = " is outside 0001-01-01 .. 9999-12-31";

inline bool in_date_range(sys_days d) { return d >= kMinDate && d <= kMaxDate; }

/// "YYYY-MM-DD" for a date in 0001..9999; the days since 1970 otherwise (no year overflow).
inline std::string describe_date(sys_days d) {
  if (!in_date_range(d)) return std::to_string(d.time_since_epoch().count()) + " days since 1970-01-01";
  return format_date(d);
}

/// Calendar months from `from` to `to` when both fall on the same day of the month, else nullopt.
inline std::optional<std::int64_t> whole_months(sys_days from, sys_days to) {
  const std::chrono::year_month_day a(from);
  const std::chrono::year_month_day b(to);
  if (a.day() != b.day()) return std::nullopt;
  return 12 * (static_cast<std::int64_t>(static_cast<int>(b.year())) - static_cast<int>(a.year())) +
         (static_cast<std::int64_t>(static_cast<unsigned>(b.month())) - static_cast<unsigned>(a.month()));
}

/// The 30/360 Bond basis day count (ISDA 2006 4.16(f)): D1 = 31 -> 30; D2 = 31 -> 30 when D1 > 29.
inline std::int64_t days_30_360(sys_days from, sys_days to) {
  const std::chrono::year_month_day a(from);
  const std::chrono::year_month_day b(to);
  std::int64_t d1 = static_cast<unsigned>(a.day());
  std::int64_t d2 = static_cast<unsigned>(b.day());
  if (d1 == 31) d1 = 30;
  if (d2 == 31 && d1 > 29) d2 = 30;
  return 360 * (static_cast<std::int64_t>(static_cast<int>(b.year())) - static_cast<int>(a.year())) +
         30 * (static_cast<std::int64_t>(static_cast<unsigned>(b.month())) - static_cast<unsigned>(a.month())) +
         (d2 - d1);
}

/// `d` plus `months` calendar months; a day past the end of the target month becomes its
/// last day (Jan 31 + 1 month = Feb 28 or 29).
inline sys_days add_months(sys_days d, std::int64_t months) {
  const std::chrono::year_month_day ymd(d);
  const std::chrono::year_month target = std::chrono::year_month(ymd.year(), ymd.month()) +
                                         std::chrono::months(static_cast<int>(months));
  const std::chrono::year_month_day_last last(target.year(), std::chrono::month_day_last(target.month()));
  return sys_days(std::chrono::year_month_day(target.year(), target.month(), std::min(ymd.day(), last.day())));
}

}  // namespace mspcore::date_math
