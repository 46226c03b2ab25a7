/// @file holiday_rules.cpp
/// @brief The built-in public-holiday rule sets (see docs/holidays.md).
///
/// Every rule set is a list of tables of rows {name, rule kind, parameters,
/// years}. A year's list is computed from the rows, never looked up: fixed
/// dates, Easter offsets, nth/last weekday of a month, "weekday before a date",
/// and one-off proclamations as fixed dates valid for a single year. Sets that
/// move holidays off weekends (US observed days, English substitute days) say
/// so once for the whole set.

#include <mspcore/calendar/holiday_rules.hpp>
#include <mspcore/core/error.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace {

using namespace std::chrono;  // calendar types and the month/weekday constants

/// Gregorian calendar from 1583 (first full year after the reform); four-digit years.
constexpr int kEasterFirstYear = 1583;
constexpr int kEasterLastYear = 9999;

/// Years a row applies to (inclusive). The default is "always"; rows are
/// also evaluated for the neighbouring years of the requested one, so the
/// bounds are wider than the public range.
struct Years {
  int first = -30000;
  int last = 30000;
};
constexpr Years kAlways{};
constexpr Years from(int y) { return {y, Years{}.last}; }
constexpr Years until(int y) { return {Years{}.first, y}; }
constexpr Years between(int a, int b) { return {a, b}; }

enum class Kind : unsigned char {
  kFixed,          ///< month/day every year
  kEaster,         ///< Easter Sunday + n days
  kNthWeekday,     ///< n-th weekday of month (n = -1: last)
  kWeekdayBefore,  ///< last weekday strictly before month/day
};

struct Rule {
  std::string_view name;
  Kind kind;
  month mon{};
  int n = 0;  ///< day of month (kFixed, kWeekdayBefore), Easter offset, or ordinal
  weekday wd{};
  Years years{};
};

constexpr Rule fixed(std::string_view name, month m, int d, Years y = kAlways) {
  return {name, Kind::kFixed, m, d, {}, y};
}
/// A one-off proclamation: a fixed date in one year only.
constexpr Rule once(std::string_view name, int y, month m, int d) { return fixed(name, m, d, {y, y}); }
constexpr Rule easter(std::string_view name, int offset, Years y = kAlways) {
  return {name, Kind::kEaster, {}, offset, {}, y};
}
constexpr Rule nth(std::string_view name, month m, weekday wd, int n, Years y = kAlways) {
  return {name, Kind::kNthWeekday, m, n, wd, y};
}
constexpr Rule last_wd(std::string_view name, month m, weekday wd, Years y = kAlways) {
  return nth(name, m, wd, -1, y);
}
constexpr Rule weekday_before(std::string_view name, month m, int d, weekday wd, Years y = kAlways) {
  return {name, Kind::kWeekdayBefore, m, d, wd, y};
}

/// A holiday moved by proclamation in one year (the row keeps its name).
struct Moved {
  std::string_view name;
  int year;
  month mon;
  int day;
};

enum class Shift : unsigned char {
  kNone,
  kUsObserved,    ///< Sunday -> Monday after; Saturday -> Friday before (from 1971)
  kGbSubstitute,  ///< weekend -> next weekday that is not already a holiday
};

// ---------------------------------------------------------------- Germany
// Local names (UTF-8). The first row wins a shared date, so 1 May is listed
// before Ascension (they meet when Easter is on 23 March, e.g. 2008).

constexpr Rule kDE[] = {
    fixed("Neujahr", January, 1),
    easter("Karfreitag", -2),
    easter("Ostermontag", 1),
    fixed("Tag der Arbeit", May, 1),
    easter("Christi Himmelfahrt", 39),
    easter("Pfingstmontag", 50),
    // West German "Tag der deutschen Einheit" (1954-1990), abolished by the
    // Unification Treaty; 1990 keeps both 17 June and 3 October.
    fixed("Tag der deutschen Einheit", June, 17, until(1990)),
    fixed("Tag der Deutschen Einheit", October, 3, from(1990)),
    // 500th anniversary of the Reformation: nationwide once.
    once("Reformationstag", 2017, October, 31),
    // Nationwide until abolished to fund the long-term care insurance (1995).
    weekday_before("Buß- und Bettag", November, 23, Wednesday, until(1994)),
    fixed("1. Weihnachtstag", December, 25),
    fixed("2. Weihnachtstag", December, 26),
};

constexpr Rule kEpiphany = fixed("Heilige Drei Könige", January, 6);
constexpr Rule kCorpusChristi = easter("Fronleichnam", 60);
constexpr Rule kAssumption = fixed("Mariä Himmelfahrt", August, 15);
constexpr Rule kAllSaints = fixed("Allerheiligen", November, 1);
// Reformation Day: the eastern states since reunification, the northern ones since 2018.
constexpr Rule kReformationEast = fixed("Reformationstag", October, 31, from(1990));
constexpr Rule kReformationNorth = fixed("Reformationstag", October, 31, from(2018));

// Only holidays kept in the whole state; regional ones (Mariä Himmelfahrt in
// Bavaria's Catholic communities, Fronleichnam in parts of SN/TH, the
// Augsburger Friedensfest) are left out.
constexpr Rule kBW[] = {kEpiphany, kCorpusChristi, kAllSaints};
constexpr Rule kBY[] = {kEpiphany, kCorpusChristi, kAllSaints};
constexpr Rule kBE[] = {
    fixed("Internationaler Frauentag", March, 8, from(2019)),
    once("Tag der Befreiung", 2020, May, 8),  // 75th anniversary of 8 May 1945
    once("Tag der Befreiung", 2025, May, 8),  // 80th anniversary
};
constexpr Rule kBB[] = {
    // Brandenburg's holiday law (1991) lists the two Sundays as holidays.
    easter("Ostersonntag", 0, from(1991)),
    easter("Pfingstsonntag", 49, from(1991)),
    kReformationEast,
};
constexpr Rule kNorth[] = {kReformationNorth};  // HB, HH, NI, SH
constexpr Rule kHE[] = {kCorpusChristi};
constexpr Rule kMV[] = {fixed("Internationaler Frauentag", March, 8, from(2023)), kReformationEast};
constexpr Rule kNW[] = {kCorpusChristi, kAllSaints};
constexpr Rule kRP[] = {kCorpusChristi, kAllSaints};
constexpr Rule kSL[] = {kCorpusChristi, kAssumption, kAllSaints};
constexpr Rule kSN[] = {
    kReformationEast,
    // Saxony kept it when the other states gave it up in 1995.
    weekday_before("Buß- und Bettag", November, 23, Wednesday, from(1995)),
};
constexpr Rule kST[] = {fixed("Heilige Drei Könige", January, 6, from(1993)), kReformationEast};
constexpr Rule kTH[] = {fixed("Weltkindertag", September, 20, from(2019)), kReformationEast};

// ---------------------------------------------------------------- Austria
// Arbeitsruhegesetz; Sundays (Ostersonntag, Pfingstsonntag) and Karfreitag
// (only for some churches' members, gone since 2019) are not listed.
constexpr Rule kAT[] = {
    fixed("Neujahr", January, 1),
    fixed("Heilige Drei Könige", January, 6),
    easter("Ostermontag", 1),
    fixed("Staatsfeiertag", May, 1),
    easter("Christi Himmelfahrt", 39),
    easter("Pfingstmontag", 50),
    easter("Fronleichnam", 60),
    fixed("Mariä Himmelfahrt", August, 15),
    fixed("Nationalfeiertag", October, 26),
    fixed("Allerheiligen", November, 1),
    fixed("Mariä Empfängnis", December, 8),
    fixed("Christtag", December, 25),
    fixed("Stefanitag", December, 26),
};

// ------------------------------------------------------------ Switzerland
// Only the days that are public holidays in every canton.
constexpr Rule kCH[] = {
    fixed("Neujahrstag", January, 1),
    easter("Auffahrt", 39),
    fixed("Bundesfeiertag", August, 1, from(1994)),  // federal holiday since the 1993 vote
    fixed("Weihnachtstag", December, 25),
};

// --------------------------------------------------------- United States
// Federal holidays of 5 U.S.C. 6103 with their Uniform Monday Holiday Act
// (1971) history; observed days are applied for the whole set.
constexpr Rule kUS[] = {
    fixed("New Year's Day", January, 1),
    nth("Birthday of Martin Luther King, Jr.", January, Monday, 3, from(1986)),
    fixed("Washington's Birthday", February, 22, until(1970)),
    nth("Washington's Birthday", February, Monday, 3, from(1971)),
    fixed("Memorial Day", May, 30, until(1970)),
    last_wd("Memorial Day", May, Monday, from(1971)),
    fixed("Juneteenth National Independence Day", June, 19, from(2021)),
    fixed("Independence Day", July, 4),
    nth("Labor Day", September, Monday, 1),
    nth("Columbus Day", October, Monday, 2, from(1971)),
    // Veterans Day sat on the 4th Monday of October from 1971 until restored to 11 November in 1978.
    nth("Veterans Day", October, Monday, 4, between(1971, 1977)),
    fixed("Veterans Day", November, 11, until(1970)),
    fixed("Veterans Day", November, 11, from(1978)),
    nth("Thanksgiving Day", November, Thursday, 4),
    fixed("Christmas Day", December, 25),
};
/// Before Executive Order 11582 (1971) a Saturday holiday had no standing Friday.
constexpr int kUsSaturdayRuleFrom = 1971;

// ------------------------------------------------- England and Wales (GB-ENG)
constexpr Rule kGB[] = {
    fixed("New Year's Day", January, 1, from(1974)),
    easter("Good Friday", -2),
    easter("Easter Monday", 1),
    nth("Early May bank holiday", May, Monday, 1, from(1978)),
    // Trial dates 1965-1970 (both on the last Monday in 1970), statutory from 1971.
    last_wd("Spring bank holiday", May, Monday),
    last_wd("Summer bank holiday", August, Monday),
    fixed("Christmas Day", December, 25),
    fixed("Boxing Day", December, 26),
    // One-off bank holidays by royal proclamation.
    once("Silver Jubilee bank holiday", 1977, June, 7),
    once("Royal wedding bank holiday", 1981, July, 29),
    once("Millennium bank holiday", 1999, December, 31),
    once("Golden Jubilee bank holiday", 2002, June, 3),
    once("Royal wedding bank holiday", 2011, April, 29),
    once("Diamond Jubilee bank holiday", 2012, June, 5),
    once("Platinum Jubilee bank holiday", 2022, June, 3),
    once("State Funeral of Queen Elizabeth II", 2022, September, 19),
    once("Coronation of King Charles III", 2023, May, 8),
};
constexpr Moved kGBMoved[] = {
    {"Early May bank holiday", 1995, May, 8},  // VE Day 50th anniversary
    {"Early May bank holiday", 2020, May, 8},  // VE Day 75th anniversary
    {"Spring bank holiday", 1977, June, 6},    // next to the jubilee days
    {"Spring bank holiday", 2002, June, 4},
    {"Spring bank holiday", 2012, June, 4},
    {"Spring bank holiday", 2022, June, 2},
};
/// Substitute days as practised today; in 1970 Boxing Day stayed on Saturday 26.
constexpr int kGbSubstituteFrom = 1971;

// -------------------------------------------------------------- rule sets
struct RuleSet {
  std::string_view code;
  std::array<std::span<const Rule>, 2> tables;
  std::span<const Moved> moved = {};
  Shift shift = Shift::kNone;
};

constexpr RuleSet kRuleSets[] = {
    {"DE", {kDE, {}}},       {"DE-BW", {kDE, kBW}},   {"DE-BY", {kDE, kBY}},
    {"DE-BE", {kDE, kBE}},   {"DE-BB", {kDE, kBB}},   {"DE-HB", {kDE, kNorth}},
    {"DE-HH", {kDE, kNorth}}, {"DE-HE", {kDE, kHE}},  {"DE-MV", {kDE, kMV}},
    {"DE-NI", {kDE, kNorth}}, {"DE-NW", {kDE, kNW}},  {"DE-RP", {kDE, kRP}},
    {"DE-SL", {kDE, kSL}},   {"DE-SN", {kDE, kSN}},   {"DE-ST", {kDE, kST}},
    {"DE-SH", {kDE, kNorth}}, {"DE-TH", {kDE, kTH}},  {"AT", {kAT, {}}},
    {"CH", {kCH, {}}},       {"US", {kUS, {}}, {}, Shift::kUsObserved},
    {"GB-ENG", {kGB, {}}, kGBMoved, Shift::kGbSubstitute},
};

const RuleSet* find_rule_set(std::string_view code) noexcept {
  for (const RuleSet& set : kRuleSets) {
    if (set.code == code) return &set;
  }
  return nullptr;
}

sys_days ymd(int y, month m, int d) { return sys_days{year{y} / m / day{static_cast<unsigned>(d)}}; }

bool is_weekend(sys_days d) {
  const weekday wd{d};
  return wd == Saturday || wd == Sunday;
}

/// The date a row falls on in year `y`, before any weekend shift.
sys_days rule_date(const Rule& r, int y, std::span<const Moved> moved) {
  for (const Moved& mv : moved) {
    if (mv.year == y && mv.name == r.name) return ymd(y, mv.mon, mv.day);
  }
  switch (r.kind) {
    case Kind::kFixed:
      return ymd(y, r.mon, r.n);
    case Kind::kEaster:
      return easter_sunday(y) + days{r.n};
    case Kind::kNthWeekday:
      if (r.n < 0) return sys_days{year{y} / r.mon / r.wd[last]};
      return sys_days{year{y} / r.mon / r.wd[static_cast<unsigned>(r.n)]};
    case Kind::kWeekdayBefore: {
      const sys_days limit = ymd(y, r.mon, r.n);
      const days back = weekday{limit} - r.wd;  // 0..6 days
      return limit - (back == days{0} ? days{7} : back);
    }
  }
  return {};
}

struct Candidate {
  sys_days date;
  std::string_view name;
  int rule_year;
  int row;  ///< position in the set's tables: the lower row wins a shared date
};

void apply_shift(Shift shift, std::vector<Candidate>& all) {
  if (shift == Shift::kUsObserved) {
    for (Candidate& c : all) {
      const weekday wd{c.date};
      if (wd == Saturday && c.rule_year >= kUsSaturdayRuleFrom) c.date -= days{1};
      if (wd == Sunday) c.date += days{1};
    }
  } else if (shift == Shift::kGbSubstitute) {
    // Holidays on weekdays keep their day; weekend ones, in table order, take
    // the next weekday not already a holiday. Christmas on Saturday thus goes
    // to Monday 27 and Boxing Day (Sunday) to Tuesday 28; Christmas on Sunday
    // goes to Tuesday 27 because Boxing Day holds Monday 26.
    const auto moves = [](const Candidate& c) { return c.rule_year >= kGbSubstituteFrom && is_weekend(c.date); };
    std::vector<sys_days> taken;
    for (const Candidate& c : all) {
      if (!moves(c)) taken.push_back(c.date);
    }
    for (Candidate& c : all) {
      if (!moves(c)) continue;
      sys_days d = c.date + days{1};
      while (is_weekend(d) || std::find(taken.begin(), taken.end(), d) != taken.end()) d += days{1};
      c.date = d;
      taken.push_back(d);
    }
  }
}

}  // namespace

const std::vector<std::string_view>& holiday_rule_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const RuleSet& set : kRuleSets) out.push_back(set.code);
    return out;
  }();
  return names;
}

bool is_holiday_rule(std::string_view rule) noexcept { return find_rule_set(rule) != nullptr; }

std::vector<Holiday> holidays_in_year(std::string_view rule, int y) {
  const RuleSet* set = find_rule_set(rule);
  if (set == nullptr) {
    std::string known;
    for (std::string_view code : holiday_rule_names()) {
      if (!known.empty()) known += ", ";
      known += code;
    }
    throw Error(ErrorCode::UNKNOWN_HOLIDAY_RULE, "unknown holiday rule " + quoted(rule) + " (known: " + known + ")");
  }
  if (y < kHolidayRuleFirstYear || y > kHolidayRuleLastYear) {
    throw Error(ErrorCode::OUT_OF_RANGE, "year " + std::to_string(y) + " outside the holiday rules' range " +
                                             std::to_string(kHolidayRuleFirstYear) + "-" +
                                             std::to_string(kHolidayRuleLastYear));
  }

  // Shifts can cross a year boundary (US: Saturday 1 January is kept on
  // 31 December), so the neighbouring years are computed too and filtered.
  std::vector<Candidate> all;
  for (int ry = y - 1; ry <= y + 1; ++ry) {
    int row = 0;
    for (std::span<const Rule> table : set->tables) {
      for (const Rule& r : table) {
        if (ry >= r.years.first && ry <= r.years.last) all.push_back({rule_date(r, ry, set->moved), r.name, ry, row});
        ++row;
      }
    }
  }
  apply_shift(set->shift, all);

  std::erase_if(all, [y](const Candidate& c) { return year_month_day{c.date}.year() != year{y}; });
  std::sort(all.begin(), all.end(),
            [](const Candidate& a, const Candidate& b) { return std::tie(a.date, a.row) < std::tie(b.date, b.row); });
  std::vector<Holiday> out;
  for (const Candidate& c : all) {
    if (out.empty() || out.back().date != c.date) out.push_back({c.date, c.name});
  }
  return out;
}

sys_days easter_sunday(int y) {
  if (y < kEasterFirstYear || y > kEasterLastYear) {
    throw Error(ErrorCode::OUT_OF_RANGE, "year " + std::to_string(y) + " outside the Easter computation's range " +
                                             std::to_string(kEasterFirstYear) + "-" + std::to_string(kEasterLastYear));
  }
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int mon = (h + l - 7 * m + 114) / 31;
  const int dd = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(y, month{static_cast<unsigned>(mon)}, dd);
}

}  // namespace v1
}  // namespace mspcore
