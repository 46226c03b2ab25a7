/// @file holiday_rules.hpp
/// @brief Built-in public-holiday rule sets, computed (never looked up in a list).
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// One public holiday: the date it is kept on (after any observed-day or
/// substitute-day shift) and its name.
struct Holiday {
  std::chrono::sys_days date;
  std::string_view name;
};

/// First and last year for which the built-in rules are defined.
inline constexpr int kHolidayRuleFirstYear = 1970;
inline constexpr int kHolidayRuleLastYear = 2199;

/// Codes of the built-in rule sets: "DE", the 16 "DE-xx" states, "AT", "CH", "US", "GB-ENG".
const std::vector<std::string_view>& holiday_rule_names();

/// True if `rule` is one of holiday_rule_names().
bool is_holiday_rule(std::string_view rule) noexcept;

/// The holidays that `rule` keeps on dates inside `year`, sorted by date, one
/// entry per date. Throws Error(UNKNOWN_HOLIDAY_RULE) for an unknown rule and
/// Error(OUT_OF_RANGE) for a year outside [kHolidayRuleFirstYear, kHolidayRuleLastYear].
std::vector<Holiday> holidays_in_year(std::string_view rule, int year);

/// Gregorian Easter Sunday of `year` (anonymous Gregorian algorithm). Defined
/// for 1583-9999; throws Error(OUT_OF_RANGE) outside.
std::chrono::sys_days easter_sunday(int year);

}  // namespace v1
}  // namespace mspcore
