#include <mspcore/calendar/calendar_spec.hpp>
#include <mspcore/calendar/holiday_rules.hpp>
#include <mspcore/core/error.hpp>
#include <mspcore/time/time_zone.hpp>

#include "calendar/interval_set.hpp"
#include "core/json_util.hpp"

#include <algorithm>
#include <cstdio>

namespace mspcore {
inline namespace v1 {
namespace {

using json = nlohmann::json;
using namespace std::chrono;

constexpr std::array<std::string_view, 7> kWeekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::int32_t kDay = 86400;

std::int32_t parse_clock(const json& value, const std::string& where) {
  const std::string text = json_util::require_string(value, where);
  return json_util::in_context(where, [&] { return parse_time_of_day(text); });
}

Window parse_window(const json& value, const std::string& where) {
  if (!value.is_array() || value.size() != 2) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": a window is [\"HH:MM\", \"HH:MM\"], got " + value.dump());
  }
  Window w{parse_clock(value[0], where + "[0]"), parse_clock(value[1], where + "[1]")};
  if (w.open >= kDay) {
    throw Error(ErrorCode::INVALID_TIME, where + "[0]: a window cannot open at 24:00");
  }
  // close <= open: an overnight window, owned by the day it opens on.
  if (w.close <= w.open) w.close += kDay;
  return w;
}

// Sorts and merges overlapping windows of one weekday.
std::vector<Window> merged(const std::vector<Window>& windows) {
  IntervalSet set;
  for (const Window& w : windows) set.add(w.open, w.close);
  std::vector<Window> out;
  for (const auto& [open, close] : set.merged()) {
    out.push_back({static_cast<std::int32_t>(open), static_cast<std::int32_t>(close)});
  }
  return out;
}

sys_days parse_day(const json& value, const std::string& where) {
  const std::string text = json_util::require_string(value, where);
  return json_util::in_context(where, [&] { return parse_date(text); });
}

RecurringHoliday parse_recurring(const json& value, const std::string& where) {
  const std::string text = json_util::require_string(value, where);
  unsigned m = 0, d = 0;
  char tail = 0;
  // 2000 is a leap year, so "02-29" is accepted (and kept in leap years only).
  if (text.size() != 5 || std::sscanf(text.c_str(), "%2u-%2u%c", &m, &d, &tail) != 2 ||
      !year_month_day{year{2000}, month{m}, day{d}}.ok()) {
    throw Error(ErrorCode::INVALID_TIME, where + ": " + quoted(text) + " is not a valid MM-DD day of the year");
  }
  return {m, d};
}

}  // namespace

CalendarSpec CalendarSpec::from_json(std::string_view text) {
  const json doc = json_util::parse(text, "calendar");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "calendar: expected a JSON object, got " + doc.dump());
  json_util::reject_unknown_keys(doc, "calendar",
                                 {"tz", "week", "24x7", "holidays", "holidays_recurring", "holiday_rules", "name"});
  CalendarSpec spec;
  spec.tz = json_util::require_string(doc.contains("tz") ? doc["tz"] : json(), "calendar.tz");
  (void)TimeZone::locate(spec.tz);
  if (doc.contains("24x7")) {
    if (!doc["24x7"].is_boolean()) throw Error(ErrorCode::INVALID_ARGUMENT, "calendar.24x7: expected true or false");
    spec.always_open = doc["24x7"].get<bool>();
  }
  if (doc.contains("week")) {
    const json& week = doc["week"];
    if (!week.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "calendar.week: expected an object of weekdays");
    for (const auto& [name, windows] : week.items()) {
      const auto it = std::find(kWeekdays.begin(), kWeekdays.end(), name);
      if (it == kWeekdays.end()) {
        throw Error(ErrorCode::INVALID_ARGUMENT, "calendar.week: unknown weekday " + quoted(name) +
                                                     " (expected mon, tue, wed, thu, fri, sat, sun)");
      }
      const std::string where = "calendar.week." + name;
      if (!windows.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a list of windows");
      std::vector<Window> parsed;
      for (std::size_t i = 0; i < windows.size(); ++i) {
        parsed.push_back(parse_window(windows[i], where + "[" + std::to_string(i) + "]"));
      }
      spec.week[static_cast<std::size_t>(it - kWeekdays.begin())] = merged(parsed);
    }
  }
  for (const auto& [i, item] : json_util::list(doc, "holidays", "calendar")) {
    const std::string where = "calendar.holidays[" + std::to_string(i) + "]";
    if (item.is_array()) {
      if (item.size() != 2) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": a range is [first, last]");
      HolidayRange r{parse_day(item[0], where + "[0]"), parse_day(item[1], where + "[1]")};
      if (r.last < r.first) {
        throw Error(ErrorCode::INVALID_ARGUMENT, where + ": range ends before it starts: " + item.dump());
      }
      spec.holidays.push_back(r);
    } else {
      const sys_days d = parse_day(item, where);
      spec.holidays.push_back({d, d});
    }
  }
  for (const auto& [i, item] : json_util::list(doc, "holidays_recurring", "calendar")) {
    spec.holidays_recurring.push_back(parse_recurring(item, "calendar.holidays_recurring[" + std::to_string(i) + "]"));
  }
  for (const auto& [i, item] : json_util::list(doc, "holiday_rules", "calendar")) {
    const std::string where = "calendar.holiday_rules[" + std::to_string(i) + "]";
    std::string rule = json_util::require_string(item, where);
    if (!is_holiday_rule(rule)) {
      // holidays_in_year throws UNKNOWN_HOLIDAY_RULE with the list of known rules.
      json_util::in_context(where, [&] { return holidays_in_year(rule, kHolidayRuleFirstYear); });
    }
    spec.holiday_rules.push_back(std::move(rule));
  }
  return spec;
}

std::string CalendarSpec::to_json() const {
  auto clock = [](std::int32_t s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", (s / 3600) % 24 + (s == kDay ? 24 : 0), (s / 60) % 60, s % 60);
    return std::string(buf);
  };
  json doc;
  doc["tz"] = tz;
  doc["24x7"] = always_open;
  json days = json::object();
  for (std::size_t d = 0; d < kWeekdays.size(); ++d) {
    json windows = json::array();
    for (const Window& w : week[d]) {
      windows.push_back({clock(w.open), clock(w.close > kDay ? w.close - kDay : w.close)});
    }
    days[std::string(kWeekdays[d])] = windows;
  }
  doc["week"] = days;
  json hol = json::array();
  for (const HolidayRange& r : holidays) {
    hol.push_back(r.first == r.last ? json(format_date(r.first)) : json::array({format_date(r.first), format_date(r.last)}));
  }
  doc["holidays"] = hol;
  json rec = json::array();
  for (const RecurringHoliday& r : holidays_recurring) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u-%02u", r.month % 100, r.day % 100);
    rec.push_back(buf);
  }
  doc["holidays_recurring"] = rec;
  doc["holiday_rules"] = holiday_rules;
  return doc.dump();
}

}  // namespace v1
}  // namespace mspcore
