/// @file calendar_spec.hpp
/// @brief The declarative description of a business calendar (the JSON shape of docs/calendar.md).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// One opening window of a weekday, in seconds after local midnight of the day it opens on.
/// `close` may exceed 86400: an overnight window ("22:00"-"06:00" is 79200-108000) belongs
/// to the day it opens on, for the weekday and the holiday check.
struct Window {
  std::int32_t open = 0;
  std::int32_t close = 0;
  friend bool operator==(const Window&, const Window&) = default;
};

/// A holiday entry: a single date (first == last) or an inclusive range of dates.
struct HolidayRange {
  std::chrono::sys_days first;
  std::chrono::sys_days last;
};

/// A recurring holiday: the same month and day every year ("12-26"; "02-29" in leap years).
struct RecurringHoliday {
  unsigned month = 1;
  unsigned day = 1;
};

/// Everything that defines a business calendar, validated. Build it with from_json() or by
/// hand; BusinessCalendar compiles it.
struct CalendarSpec {
  std::string tz = "UTC";                         ///< IANA zone of the windows
  bool always_open = false;                       ///< "24x7": week and holidays ignored
  std::array<std::vector<Window>, 7> week{};      ///< by weekday, 0 = Monday ... 6 = Sunday
  std::vector<HolidayRange> holidays;             ///< dated holidays and inclusive ranges
  std::vector<RecurringHoliday> holidays_recurring;
  std::vector<std::string> holiday_rules;         ///< built-in sets: "DE-NW", "US", ...

  /// Parse the JSON shape of docs/calendar.md:
  /// `{"tz": "Europe/Berlin", "week": {"mon": [["08:00", "12:00"], ["13:00", "17:00"]]},
  ///   "24x7": false, "holidays": ["2024-12-25", ["2024-12-27", "2024-12-31"]],
  ///   "holidays_recurring": ["01-01"], "holiday_rules": ["DE-NW"]}`.
  /// Throws Error with the bad value and its place (PARSE_ERROR for malformed JSON,
  /// UNKNOWN_TIME_ZONE, INVALID_TIME for "25:00" or "2024-02-30", INVALID_ARGUMENT for an
  /// unknown key or weekday such as "mon2", UNKNOWN_HOLIDAY_RULE).
  static CalendarSpec from_json(std::string_view json);

  /// Canonical JSON of this spec (parses back to an equal calendar).
  std::string to_json() const;
};

}  // namespace v1
}  // namespace mspcore
