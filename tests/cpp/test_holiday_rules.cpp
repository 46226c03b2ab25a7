// Tests of the built-in holiday rule sets. Every expected date below is a
// literal worked out from the real calendars (official lists, known Easter
// dates), not produced by the code under test.

#include <catch2/catch.hpp>

#include <mspcore/calendar/holiday_rules.hpp>
#include <mspcore/core/error.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using mspcore::holidays_in_year;
using namespace std::chrono;

std::string iso(sys_days d) {
  const year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::vector<std::string> dates(const char* rule, int y) {
  std::vector<std::string> out;
  for (const mspcore::Holiday& h : holidays_in_year(rule, y)) out.push_back(iso(h.date));
  return out;
}

std::vector<std::string> entries(const char* rule, int y) {
  std::vector<std::string> out;
  for (const mspcore::Holiday& h : holidays_in_year(rule, y)) out.push_back(iso(h.date) + " " + std::string(h.name));
  return out;
}

struct Case {
  const char* rule;
  int year;
  std::vector<std::string> expected;
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.rule << " " << c.year);
    CHECK(dates(c.rule, c.year) == c.expected);
  }
}

// Nationwide German lists reused by the states that add nothing in that year.
const std::vector<std::string> kDE2016 = {"2016-01-01", "2016-03-25", "2016-03-28", "2016-05-01", "2016-05-05",
                                          "2016-05-16", "2016-10-03", "2016-12-25", "2016-12-26"};
const std::vector<std::string> kDE2017 = {"2017-01-01", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-25",
                                          "2017-06-05", "2017-10-03", "2017-10-31", "2017-12-25", "2017-12-26"};
const std::vector<std::string> kDE2018 = {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-01", "2018-05-10",
                                          "2018-05-21", "2018-10-03", "2018-12-25", "2018-12-26"};
const std::vector<std::string> kNorth2018 = {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-01", "2018-05-10",
                                             "2018-05-21", "2018-10-03", "2018-10-31", "2018-12-25", "2018-12-26"};
const std::vector<std::string> kNorth2024 = {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09",
                                             "2024-05-20", "2024-10-03", "2024-10-31", "2024-12-25", "2024-12-26"};

}  // namespace

TEST_CASE("easter_sunday matches known Easter dates", "[holiday_rules]") {
  const std::vector<std::pair<int, const char*>> known = {
      {1583, "1583-04-10"}, {1818, "1818-03-22"}, {1943, "1943-04-25"}, {1970, "1970-03-29"},
      {1977, "1977-04-10"}, {1989, "1989-03-26"}, {1990, "1990-04-15"}, {1992, "1992-04-19"},
      {1993, "1993-04-11"}, {1994, "1994-04-03"}, {1995, "1995-04-16"}, {1999, "1999-04-04"},
      {2000, "2000-04-23"}, {2002, "2002-03-31"}, {2008, "2008-03-23"}, {2010, "2010-04-04"},
      {2011, "2011-04-24"}, {2012, "2012-04-08"}, {2016, "2016-03-27"}, {2017, "2017-04-16"},
      {2018, "2018-04-01"}, {2019, "2019-04-21"}, {2020, "2020-04-12"}, {2021, "2021-04-04"},
      {2022, "2022-04-17"}, {2023, "2023-04-09"}, {2024, "2024-03-31"}, {2025, "2025-04-20"},
      {2026, "2026-04-05"}, {2027, "2027-03-28"}, {2030, "2030-04-21"}, {2038, "2038-04-25"},
      {2285, "2285-03-22"},
  };
  for (const auto& [y, expected] : known) {
    INFO(y);
    CHECK(iso(mspcore::easter_sunday(y)) == expected);
  }
  CHECK_THROWS_AS(mspcore::easter_sunday(1582), mspcore::Error);
  CHECK_THROWS_AS(mspcore::easter_sunday(10000), mspcore::Error);
}

TEST_CASE("holiday_rule_names lists the 21 built-in codes", "[holiday_rules]") {
  const std::vector<std::string_view> expected = {
      "DE",    "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV", "DE-NI", "DE-NW",
      "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH", "AT",    "CH",    "US",    "GB-ENG"};
  CHECK(mspcore::holiday_rule_names() == expected);
  for (std::string_view code : expected) CHECK(mspcore::is_holiday_rule(code));
  CHECK_FALSE(mspcore::is_holiday_rule(""));
  CHECK_FALSE(mspcore::is_holiday_rule("de"));
  CHECK_FALSE(mspcore::is_holiday_rule("DE-XX"));
  CHECK_FALSE(mspcore::is_holiday_rule("GB"));
  CHECK_FALSE(mspcore::is_holiday_rule("DE "));
}

TEST_CASE("unknown rules and years out of range throw with the bad value named", "[holiday_rules]") {
  try {
    (void)holidays_in_year("DE-XX", 2020);
    FAIL("expected an exception");
  } catch (const mspcore::Error& e) {
    CHECK(e.code() == mspcore::ErrorCode::UNKNOWN_HOLIDAY_RULE);
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("unknown holiday rule 'DE-XX'"));
    CHECK_THAT(msg, Catch::Contains("DE, DE-BW, DE-BY"));
    CHECK_THAT(msg, Catch::Contains("GB-ENG"));
  }
  try {
    (void)holidays_in_year("DE", 1969);
    FAIL("expected an exception");
  } catch (const mspcore::Error& e) {
    CHECK(e.code() == mspcore::ErrorCode::OUT_OF_RANGE);
    CHECK(std::string(e.what()) == "year 1969 outside the holiday rules' range 1970-2199");
  }
  try {
    (void)holidays_in_year("US", 2200);
    FAIL("expected an exception");
  } catch (const mspcore::Error& e) {
    CHECK(e.code() == mspcore::ErrorCode::OUT_OF_RANGE);
    CHECK_THAT(std::string(e.what()), Catch::Contains("year 2200"));
  }
  // An unknown rule is reported before a bad year.
  try {
    (void)holidays_in_year("XX", 1800);
    FAIL("expected an exception");
  } catch (const mspcore::Error& e) {
    CHECK(e.code() == mspcore::ErrorCode::UNKNOWN_HOLIDAY_RULE);
  }
  CHECK_NOTHROW(holidays_in_year("DE", 1970));
  CHECK_NOTHROW(holidays_in_year("GB-ENG", 2199));
}

TEST_CASE("every rule set gives sorted, unique, in-year, named dates over the whole range", "[holiday_rules]") {
  for (std::string_view code : mspcore::holiday_rule_names()) {
    for (int y = mspcore::kHolidayRuleFirstYear; y <= mspcore::kHolidayRuleLastYear; ++y) {
      const auto list = holidays_in_year(code, y);
      INFO(code << " " << y);
      REQUIRE(list.size() >= 3);
      for (std::size_t i = 0; i < list.size(); ++i) {
        REQUIRE(year_month_day{list[i].date}.year() == year{y});
        REQUIRE_FALSE(list[i].name.empty());
        if (i > 0) REQUIRE(list[i - 1].date < list[i].date);
        // Observed / substitute days never fall on a weekend (from 1971, see docs).
        if ((code == "US" || code == "GB-ENG") && y >= 1971) {
          const weekday wd{list[i].date};
          REQUIRE(wd != Saturday);
          REQUIRE(wd != Sunday);
        }
      }
    }
  }
}

TEST_CASE("DE nationwide holidays", "[holiday_rules][DE]") {
  CHECK(entries("DE", 2017) == std::vector<std::string>{
                                   "2017-01-01 Neujahr",
                                   "2017-04-14 Karfreitag",
                                   "2017-04-17 Ostermontag",
                                   "2017-05-01 Tag der Arbeit",
                                   "2017-05-25 Christi Himmelfahrt",
                                   "2017-06-05 Pfingstmontag",
                                   "2017-10-03 Tag der Deutschen Einheit",
                                   "2017-10-31 Reformationstag",
                                   "2017-12-25 1. Weihnachtstag",
                                   "2017-12-26 2. Weihnachtstag",
                               });
  // Ascension Day on 1 May: one entry, the first table row (Tag der Arbeit) wins.
  CHECK(entries("DE", 2008) == std::vector<std::string>{
                                   "2008-01-01 Neujahr",
                                   "2008-03-21 Karfreitag",
                                   "2008-03-24 Ostermontag",
                                   "2008-05-01 Tag der Arbeit",
                                   "2008-05-12 Pfingstmontag",
                                   "2008-10-03 Tag der Deutschen Einheit",
                                   "2008-12-25 1. Weihnachtstag",
                                   "2008-12-26 2. Weihnachtstag",
                               });
  // 1990: 17 June (West German day of unity) and 3 October; Buss- und Bettag nationwide.
  CHECK(entries("DE", 1990) == std::vector<std::string>{
                                   "1990-01-01 Neujahr",
                                   "1990-04-13 Karfreitag",
                                   "1990-04-16 Ostermontag",
                                   "1990-05-01 Tag der Arbeit",
                                   "1990-05-24 Christi Himmelfahrt",
                                   "1990-06-04 Pfingstmontag",
                                   "1990-06-17 Tag der deutschen Einheit",
                                   "1990-10-03 Tag der Deutschen Einheit",
                                   "1990-11-21 Buß- und Bettag",
                                   "1990-12-25 1. Weihnachtstag",
                                   "1990-12-26 2. Weihnachtstag",
                               });
  check_cases({
      {"DE", 1970,
       {"1970-01-01", "1970-03-27", "1970-03-30", "1970-05-01", "1970-05-07", "1970-05-18", "1970-06-17",
        "1970-11-18", "1970-12-25", "1970-12-26"}},
      {"DE", 1989,
       {"1989-01-01", "1989-03-24", "1989-03-27", "1989-05-01", "1989-05-04", "1989-05-15", "1989-06-17",
        "1989-11-22", "1989-12-25", "1989-12-26"}},
      // Last nationwide Buss- und Bettag.
      {"DE", 1994,
       {"1994-01-01", "1994-04-01", "1994-04-04", "1994-05-01", "1994-05-12", "1994-05-23", "1994-10-03",
        "1994-11-16", "1994-12-25", "1994-12-26"}},
      {"DE", 1995,
       {"1995-01-01", "1995-04-14", "1995-04-17", "1995-05-01", "1995-05-25", "1995-06-05", "1995-10-03",
        "1995-12-25", "1995-12-26"}},
      {"DE", 2018, kDE2018},
      {"DE", 2024,
       {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20", "2024-10-03",
        "2024-12-25", "2024-12-26"}},
  });
}

TEST_CASE("DE states", "[holiday_rules][DE]") {
  SECTION("Baden-Wuerttemberg and Bavaria (no state-wide Mariae Himmelfahrt in BY)") {
    check_cases({
        {"DE-BW", 2017,
         {"2017-01-01", "2017-01-06", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-25", "2017-06-05",
          "2017-06-15", "2017-10-03", "2017-10-31", "2017-11-01", "2017-12-25", "2017-12-26"}},
        {"DE-BW", 2019,
         {"2019-01-01", "2019-01-06", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10",
          "2019-06-20", "2019-10-03", "2019-11-01", "2019-12-25", "2019-12-26"}},
        {"DE-BW", 2024,
         {"2024-01-01", "2024-01-06", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20",
          "2024-05-30", "2024-10-03", "2024-11-01", "2024-12-25", "2024-12-26"}},
        {"DE-BY", 2017,
         {"2017-01-01", "2017-01-06", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-25", "2017-06-05",
          "2017-06-15", "2017-10-03", "2017-10-31", "2017-11-01", "2017-12-25", "2017-12-26"}},
        {"DE-BY", 2019,
         {"2019-01-01", "2019-01-06", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10",
          "2019-06-20", "2019-10-03", "2019-11-01", "2019-12-25", "2019-12-26"}},
        {"DE-BY", 2025,
         {"2025-01-01", "2025-01-06", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-09",
          "2025-06-19", "2025-10-03", "2025-11-01", "2025-12-25", "2025-12-26"}},
    });
  }
  SECTION("Berlin: Frauentag from 2019, Tag der Befreiung 2020 and 2025") {
    CHECK(entries("DE-BE", 2020) == std::vector<std::string>{
                                        "2020-01-01 Neujahr",
                                        "2020-03-08 Internationaler Frauentag",
                                        "2020-04-10 Karfreitag",
                                        "2020-04-13 Ostermontag",
                                        "2020-05-01 Tag der Arbeit",
                                        "2020-05-08 Tag der Befreiung",
                                        "2020-05-21 Christi Himmelfahrt",
                                        "2020-06-01 Pfingstmontag",
                                        "2020-10-03 Tag der Deutschen Einheit",
                                        "2020-12-25 1. Weihnachtstag",
                                        "2020-12-26 2. Weihnachtstag",
                                    });
    check_cases({
        {"DE-BE", 2018, kDE2018},
        {"DE-BE", 2019,
         {"2019-01-01", "2019-03-08", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10",
          "2019-10-03", "2019-12-25", "2019-12-26"}},
        {"DE-BE", 2025,
         {"2025-01-01", "2025-03-08", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29",
          "2025-06-09", "2025-10-03", "2025-12-25", "2025-12-26"}},
    });
  }
  SECTION("Brandenburg: Easter and Whit Sunday from 1991, Reformationstag from 1990") {
    CHECK(entries("DE-BB", 2019) == std::vector<std::string>{
                                        "2019-01-01 Neujahr",
                                        "2019-04-19 Karfreitag",
                                        "2019-04-21 Ostersonntag",
                                        "2019-04-22 Ostermontag",
                                        "2019-05-01 Tag der Arbeit",
                                        "2019-05-30 Christi Himmelfahrt",
                                        "2019-06-09 Pfingstsonntag",
                                        "2019-06-10 Pfingstmontag",
                                        "2019-10-03 Tag der Deutschen Einheit",
                                        "2019-10-31 Reformationstag",
                                        "2019-12-25 1. Weihnachtstag",
                                        "2019-12-26 2. Weihnachtstag",
                                    });
    check_cases({
        {"DE-BB", 2017,
         {"2017-01-01", "2017-04-14", "2017-04-16", "2017-04-17", "2017-05-01", "2017-05-25", "2017-06-04",
          "2017-06-05", "2017-10-03", "2017-10-31", "2017-12-25", "2017-12-26"}},
        {"DE-BB", 1990,
         {"1990-01-01", "1990-04-13", "1990-04-16", "1990-05-01", "1990-05-24", "1990-06-04", "1990-06-17",
          "1990-10-03", "1990-10-31", "1990-11-21", "1990-12-25", "1990-12-26"}},
    });
  }
  SECTION("Bremen, Hamburg, Lower Saxony, Schleswig-Holstein: Reformationstag from 2018") {
    for (const char* rule : {"DE-HB", "DE-HH", "DE-NI", "DE-SH"}) {
      check_cases({
          {rule, 2016, kDE2016},
          {rule, 2017, kDE2017},
          {rule, 2018, kNorth2018},
          {rule, 2024, kNorth2024},
      });
    }
  }
  SECTION("Hesse: Fronleichnam") {
    check_cases({
        {"DE-HE", 2017,
         {"2017-01-01", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-25", "2017-06-05", "2017-06-15",
          "2017-10-03", "2017-10-31", "2017-12-25", "2017-12-26"}},
        {"DE-HE", 2019,
         {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-06-20",
          "2019-10-03", "2019-12-25", "2019-12-26"}},
        {"DE-HE", 2023,
         {"2023-01-01", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-18", "2023-05-29", "2023-06-08",
          "2023-10-03", "2023-12-25", "2023-12-26"}},
    });
  }
  SECTION("Mecklenburg-Vorpommern: Frauentag from 2023; Federal Republic rules before 1990") {
    check_cases({
        {"DE-MV", 1989,
         {"1989-01-01", "1989-03-24", "1989-03-27", "1989-05-01", "1989-05-04", "1989-05-15", "1989-06-17",
          "1989-11-22", "1989-12-25", "1989-12-26"}},
        {"DE-MV", 2022,
         {"2022-01-01", "2022-04-15", "2022-04-18", "2022-05-01", "2022-05-26", "2022-06-06", "2022-10-03",
          "2022-10-31", "2022-12-25", "2022-12-26"}},
        {"DE-MV", 2023,
         {"2023-01-01", "2023-03-08", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-18", "2023-05-29",
          "2023-10-03", "2023-10-31", "2023-12-25", "2023-12-26"}},
    });
  }
  SECTION("North Rhine-Westphalia and Rhineland-Palatinate") {
    check_cases({
        {"DE-NW", 2008,
         {"2008-01-01", "2008-03-21", "2008-03-24", "2008-05-01", "2008-05-12", "2008-05-22", "2008-10-03",
          "2008-11-01", "2008-12-25", "2008-12-26"}},
        {"DE-NW", 2019,
         {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-06-20",
          "2019-10-03", "2019-11-01", "2019-12-25", "2019-12-26"}},
        {"DE-NW", 2024,
         {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20", "2024-05-30",
          "2024-10-03", "2024-11-01", "2024-12-25", "2024-12-26"}},
        {"DE-RP", 2017,
         {"2017-01-01", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-25", "2017-06-05", "2017-06-15",
          "2017-10-03", "2017-10-31", "2017-11-01", "2017-12-25", "2017-12-26"}},
        {"DE-RP", 2019,
         {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-06-20",
          "2019-10-03", "2019-11-01", "2019-12-25", "2019-12-26"}},
        {"DE-RP", 2023,
         {"2023-01-01", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-18", "2023-05-29", "2023-06-08",
          "2023-10-03", "2023-11-01", "2023-12-25", "2023-12-26"}},
    });
  }
  SECTION("Saarland: Mariae Himmelfahrt") {
    check_cases({
        {"DE-SL", 1970,
         {"1970-01-01", "1970-03-27", "1970-03-30", "1970-05-01", "1970-05-07", "1970-05-18", "1970-05-28",
          "1970-06-17", "1970-08-15", "1970-11-01", "1970-11-18", "1970-12-25", "1970-12-26"}},
        {"DE-SL", 2019,
         {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-06-20",
          "2019-08-15", "2019-10-03", "2019-11-01", "2019-12-25", "2019-12-26"}},
        {"DE-SL", 2024,
         {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20", "2024-05-30",
          "2024-08-15", "2024-10-03", "2024-11-01", "2024-12-25", "2024-12-26"}},
    });
  }
  SECTION("Saxony: Buss- und Bettag before and after 1995") {
    check_cases({
        {"DE-SN", 1994,
         {"1994-01-01", "1994-04-01", "1994-04-04", "1994-05-01", "1994-05-12", "1994-05-23", "1994-10-03",
          "1994-10-31", "1994-11-16", "1994-12-25", "1994-12-26"}},
        {"DE-SN", 1995,
         {"1995-01-01", "1995-04-14", "1995-04-17", "1995-05-01", "1995-05-25", "1995-06-05", "1995-10-03",
          "1995-10-31", "1995-11-22", "1995-12-25", "1995-12-26"}},
        {"DE-SN", 2019,
         {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-10-03",
          "2019-10-31", "2019-11-20", "2019-12-25", "2019-12-26"}},
        {"DE-SN", 2023,
         {"2023-01-01", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-18", "2023-05-29", "2023-10-03",
          "2023-10-31", "2023-11-22", "2023-12-25", "2023-12-26"}},
    });
  }
  SECTION("Saxony-Anhalt: Heilige Drei Koenige from 1993") {
    check_cases({
        {"DE-ST", 1992,
         {"1992-01-01", "1992-04-17", "1992-04-20", "1992-05-01", "1992-05-28", "1992-06-08", "1992-10-03",
          "1992-10-31", "1992-11-18", "1992-12-25", "1992-12-26"}},
        {"DE-ST", 1993,
         {"1993-01-01", "1993-01-06", "1993-04-09", "1993-04-12", "1993-05-01", "1993-05-20", "1993-05-31",
          "1993-10-03", "1993-10-31", "1993-11-17", "1993-12-25", "1993-12-26"}},
        {"DE-ST", 2019,
         {"2019-01-01", "2019-01-06", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10",
          "2019-10-03", "2019-10-31", "2019-12-25", "2019-12-26"}},
    });
  }
  SECTION("Thuringia: Weltkindertag from 2019") {
    check_cases({
        {"DE-TH", 2017, kDE2017},
        {"DE-TH", 2018,
         {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-01", "2018-05-10", "2018-05-21", "2018-10-03",
          "2018-10-31", "2018-12-25", "2018-12-26"}},
        {"DE-TH", 2019,
         {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-09-20",
          "2019-10-03", "2019-10-31", "2019-12-25", "2019-12-26"}},
    });
  }
}

TEST_CASE("AT holidays", "[holiday_rules][AT]") {
  CHECK(entries("AT", 2025) == std::vector<std::string>{
                                   "2025-01-01 Neujahr",
                                   "2025-01-06 Heilige Drei Könige",
                                   "2025-04-21 Ostermontag",
                                   "2025-05-01 Staatsfeiertag",
                                   "2025-05-29 Christi Himmelfahrt",
                                   "2025-06-09 Pfingstmontag",
                                   "2025-06-19 Fronleichnam",
                                   "2025-08-15 Mariä Himmelfahrt",
                                   "2025-10-26 Nationalfeiertag",
                                   "2025-11-01 Allerheiligen",
                                   "2025-12-08 Mariä Empfängnis",
                                   "2025-12-25 Christtag",
                                   "2025-12-26 Stefanitag",
                               });
  check_cases({
      // Ascension on 1 May: one entry.
      {"AT", 2008,
       {"2008-01-01", "2008-01-06", "2008-03-24", "2008-05-01", "2008-05-12", "2008-05-22", "2008-08-15",
        "2008-10-26", "2008-11-01", "2008-12-08", "2008-12-25", "2008-12-26"}},
      {"AT", 2019,
       {"2019-01-01", "2019-01-06", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-06-20",
        "2019-08-15", "2019-10-26", "2019-11-01", "2019-12-08", "2019-12-25", "2019-12-26"}},
      {"AT", 2024,
       {"2024-01-01", "2024-01-06", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20", "2024-05-30",
        "2024-08-15", "2024-10-26", "2024-11-01", "2024-12-08", "2024-12-25", "2024-12-26"}},
  });
  CHECK(entries("AT", 2008)[3] == "2008-05-01 Staatsfeiertag");
}

TEST_CASE("CH holidays", "[holiday_rules][CH]") {
  CHECK(entries("CH", 2024) == std::vector<std::string>{
                                   "2024-01-01 Neujahrstag",
                                   "2024-05-09 Auffahrt",
                                   "2024-08-01 Bundesfeiertag",
                                   "2024-12-25 Weihnachtstag",
                               });
  check_cases({
      {"CH", 1993, {"1993-01-01", "1993-05-20", "1993-12-25"}},
      {"CH", 1994, {"1994-01-01", "1994-05-12", "1994-08-01", "1994-12-25"}},
      {"CH", 2019, {"2019-01-01", "2019-05-30", "2019-08-01", "2019-12-25"}},
  });
}

TEST_CASE("US federal holidays with observed days", "[holiday_rules][US]") {
  // Juneteenth first kept (observed Friday 18 June); New Year's Day 2022 (a
  // Saturday) is observed on Friday 31 December 2021 and belongs to 2021.
  CHECK(entries("US", 2021) == std::vector<std::string>{
                                   "2021-01-01 New Year's Day",
                                   "2021-01-18 Birthday of Martin Luther King, Jr.",
                                   "2021-02-15 Washington's Birthday",
                                   "2021-05-31 Memorial Day",
                                   "2021-06-18 Juneteenth National Independence Day",
                                   "2021-07-05 Independence Day",
                                   "2021-09-06 Labor Day",
                                   "2021-10-11 Columbus Day",
                                   "2021-11-11 Veterans Day",
                                   "2021-11-25 Thanksgiving Day",
                                   "2021-12-24 Christmas Day",
                                   "2021-12-31 New Year's Day",
                               });
  check_cases({
      // No New Year's Day inside 2022; Christmas (Sunday) observed Monday 26.
      {"US", 2022,
       {"2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10",
        "2022-11-11", "2022-11-24", "2022-12-26"}},
      {"US", 2023,
       {"2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04",
        "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25"}},
      // Before Juneteenth; 4 July (Saturday) observed Friday 3 July.
      {"US", 2020,
       {"2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25", "2020-07-03", "2020-09-07", "2020-10-12",
        "2020-11-11", "2020-11-26", "2020-12-25"}},
      // No Martin Luther King Day yet in 1985; first kept 20 January 1986.
      {"US", 1985,
       {"1985-01-01", "1985-02-18", "1985-05-27", "1985-07-04", "1985-09-02", "1985-10-14", "1985-11-11",
        "1985-11-28", "1985-12-25"}},
      {"US", 1986,
       {"1986-01-01", "1986-01-20", "1986-02-17", "1986-05-26", "1986-07-04", "1986-09-01", "1986-10-13",
        "1986-11-11", "1986-11-27", "1986-12-25"}},
      // Veterans Day on the 4th Monday of October (1971-1977), back on 11 November from 1978.
      {"US", 1975,
       {"1975-01-01", "1975-02-17", "1975-05-26", "1975-07-04", "1975-09-01", "1975-10-13", "1975-10-27",
        "1975-11-27", "1975-12-25"}},
      {"US", 1978,
       {"1978-01-02", "1978-02-20", "1978-05-29", "1978-07-04", "1978-09-04", "1978-10-09", "1978-11-10",
        "1978-11-23", "1978-12-25"}},
      // Before the Uniform Monday Holiday Act: fixed dates; Sunday -> Monday only.
      {"US", 1970,
       {"1970-01-01", "1970-02-23", "1970-05-30", "1970-07-04", "1970-09-07", "1970-11-11", "1970-11-26",
        "1970-12-25"}},
  });
}

TEST_CASE("GB-ENG bank holidays with substitute days", "[holiday_rules][GB]") {
  // Platinum Jubilee (spring bank holiday moved to Thursday 2 June), state
  // funeral, Christmas on Sunday -> Boxing Day Monday 26 + substitute Tuesday 27.
  CHECK(entries("GB-ENG", 2022) == std::vector<std::string>{
                                       "2022-01-03 New Year's Day",
                                       "2022-04-15 Good Friday",
                                       "2022-04-18 Easter Monday",
                                       "2022-05-02 Early May bank holiday",
                                       "2022-06-02 Spring bank holiday",
                                       "2022-06-03 Platinum Jubilee bank holiday",
                                       "2022-08-29 Summer bank holiday",
                                       "2022-09-19 State Funeral of Queen Elizabeth II",
                                       "2022-12-26 Boxing Day",
                                       "2022-12-27 Christmas Day",
                                   });
  check_cases({
      // Christmas Saturday, Boxing Day Sunday -> Monday 27 and Tuesday 28.
      {"GB-ENG", 2021,
       {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27",
        "2021-12-28"}},
      {"GB-ENG", 2010,
       {"2010-01-01", "2010-04-02", "2010-04-05", "2010-05-03", "2010-05-31", "2010-08-30", "2010-12-27",
        "2010-12-28"}},
      // VE Day 75: early May bank holiday on Friday 8 May; Boxing Day (Saturday) -> Monday 28.
      {"GB-ENG", 2020,
       {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25",
        "2020-12-28"}},
      {"GB-ENG", 1995,
       {"1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08", "1995-05-29", "1995-08-28", "1995-12-25",
        "1995-12-26"}},
      {"GB-ENG", 2011,
       {"2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29",
        "2011-12-26", "2011-12-27"}},
      {"GB-ENG", 2012,
       {"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27",
        "2012-12-25", "2012-12-26"}},
      {"GB-ENG", 2002,
       {"2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03", "2002-06-04", "2002-08-26",
        "2002-12-25", "2002-12-26"}},
      {"GB-ENG", 2023,
       {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
        "2023-12-25", "2023-12-26"}},
      {"GB-ENG", 1999,
       {"1999-01-01", "1999-04-02", "1999-04-05", "1999-05-03", "1999-05-31", "1999-08-30", "1999-12-27",
        "1999-12-28", "1999-12-31"}},
      // New Year's Day 2000 (Saturday) -> Monday 3 January.
      {"GB-ENG", 2000,
       {"2000-01-03", "2000-04-21", "2000-04-24", "2000-05-01", "2000-05-29", "2000-08-28", "2000-12-25",
        "2000-12-26"}},
      {"GB-ENG", 1981,
       {"1981-01-01", "1981-04-17", "1981-04-20", "1981-05-04", "1981-05-25", "1981-07-29", "1981-08-31",
        "1981-12-25", "1981-12-28"}},
      // Silver Jubilee: spring bank holiday moved to 6 June, jubilee 7 June; no May Day before 1978.
      {"GB-ENG", 1977,
       {"1977-01-03", "1977-04-08", "1977-04-11", "1977-06-06", "1977-06-07", "1977-08-29", "1977-12-26",
        "1977-12-27"}},
      // No New Year's Day before 1974; in 1970 Boxing Day stayed on Saturday 26.
      {"GB-ENG", 1970, {"1970-03-27", "1970-03-30", "1970-05-25", "1970-08-31", "1970-12-25", "1970-12-26"}},
      {"GB-ENG", 1974,
       {"1974-01-01", "1974-04-12", "1974-04-15", "1974-05-27", "1974-08-26", "1974-12-25", "1974-12-26"}},
  });
}
