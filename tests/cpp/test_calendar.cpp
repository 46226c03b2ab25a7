// Business calendars: every rule of docs/calendar.md with values worked out by hand.
#include <mspcore/calendar/business_calendar.hpp>
#include <mspcore/core/error.hpp>

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <functional>

using namespace mspcore;
using mspcore::test::code_of;

namespace {

Instant T(std::string_view iso) { return parse_instant(iso); }
std::string S(Instant t) { return format_instant(t); }

// Berlin office hours with a lunch break and North Rhine-Westphalia's holidays.
const char* kBerlin = R"({"tz": "Europe/Berlin",
  "week": {"mon": [["08:00", "12:00"], ["13:00", "17:00"]], "tue": [["08:00", "12:00"], ["13:00", "17:00"]],
           "wed": [["08:00", "12:00"], ["13:00", "17:00"]], "thu": [["08:00", "12:00"], ["13:00", "17:00"]],
           "fri": [["08:00", "12:00"], ["13:00", "17:00"]]},
  "holiday_rules": ["DE-NW"]})";

std::shared_ptr<const BusinessCalendar> berlin() {
  static auto cal = BusinessCalendar::from_json(kBerlin);
  return cal;
}


}  // namespace

TEST_CASE("calendar: open seconds over lunch, weekends and holidays", "[calendar]") {
  const auto& cal = *berlin();
  // Mon 2024-06-03 09:00-14:00 CEST: 09-12 and 13-14.
  CHECK(cal.business_seconds_between(T("2024-06-03T09:00:00+02:00"), T("2024-06-03T14:00:00+02:00")) == 4 * 3600);
  // Fri 16:00 -> Mon 09:00: one hour each side of the weekend.
  CHECK(cal.business_seconds_between(T("2024-06-07T16:00:00+02:00"), T("2024-06-10T09:00:00+02:00")) == 2 * 3600);
  // Fronleichnam (Thu 2024-05-30) is a holiday in NRW.
  CHECK(cal.business_seconds_between(T("2024-05-29T16:00:00+02:00"), T("2024-05-31T09:00:00+02:00")) == 2 * 3600);
  // Across New Year: Fri 2023-12-29 16:00 -> Tue 2024-01-02 09:00, Jan 1 is a holiday.
  CHECK(cal.business_seconds_between(T("2023-12-29T16:00:00+01:00"), T("2024-01-02T09:00:00+01:00")) == 2 * 3600);
  // A full working week (no holiday): 5 x 8 hours.
  CHECK(cal.business_seconds_between(T("2024-06-03T00:00:00+02:00"), T("2024-06-10T00:00:00+02:00")) == 40 * 3600);
  // Empty and reversed ranges are 0.
  CHECK(cal.business_seconds_between(T("2024-06-03T10:00:00Z"), T("2024-06-03T10:00:00Z")) == 0);
  CHECK(cal.business_seconds_between(T("2024-06-04T10:00:00Z"), T("2024-06-03T10:00:00Z")) == 0);
}

TEST_CASE("calendar: half-open windows, is_open and next_open", "[calendar]") {
  const auto& cal = *berlin();
  CHECK(cal.is_open(T("2024-06-07T08:00:00+02:00")));
  CHECK(cal.is_open(T("2024-06-07T16:59:59+02:00")));
  CHECK_FALSE(cal.is_open(T("2024-06-07T17:00:00+02:00")));   // closed at exactly the close
  CHECK_FALSE(cal.is_open(T("2024-06-07T12:30:00+02:00")));   // lunch
  CHECK_FALSE(cal.is_open(T("2024-05-30T10:00:00+02:00")));   // holiday
  CHECK(S(cal.next_open(T("2024-06-07T17:00:00+02:00"))) == "2024-06-10T06:00:00Z");  // Mon 08:00 CEST
  CHECK(S(cal.next_open(T("2024-06-07T12:15:00+02:00"))) == "2024-06-07T11:00:00Z");  // 13:00 CEST
  CHECK(S(cal.next_open(T("2024-06-07T10:00:00+02:00"))) == "2024-06-07T08:00:00Z");  // already open
  CHECK(S(cal.next_open(T("2024-05-29T18:00:00+02:00"))) == "2024-05-31T06:00:00Z");  // skips the holiday
}

TEST_CASE("calendar: add_business lands on the closing instant", "[calendar]") {
  const auto& cal = *berlin();
  const Instant fri16 = T("2024-06-07T16:00:00+02:00");
  CHECK(S(cal.add_business(fri16, 3600)) == "2024-06-07T15:00:00Z");      // Fri 17:00, not Mon 08:00
  CHECK(S(cal.add_business(fri16, 3601)) == "2024-06-10T06:00:01Z");      // Mon 08:00:01
  CHECK(S(cal.add_business(T("2024-06-03T11:30:00+02:00"), 3600)) == "2024-06-03T11:30:00Z");  // 13:30
  CHECK(S(cal.add_business(T("2024-06-03T11:00:00+02:00"), 3600)) == "2024-06-03T10:00:00Z");  // 12:00 close
  CHECK(S(cal.add_business(T("2024-06-08T10:00:00+02:00"), 0)) == "2024-06-10T06:00:00Z");     // Sat: next_open
  CHECK(S(cal.add_business(T("2024-06-03T10:00:00+02:00"), 0)) == "2024-06-03T08:00:00Z");
  // A week of 40 hours from Monday 08:00 ends Friday 17:00.
  CHECK(S(cal.add_business(T("2024-06-03T08:00:00+02:00"), 40 * 3600)) == "2024-06-07T15:00:00Z");
  // Start on a holiday: the clock starts at the next opening.
  CHECK(S(cal.add_business(T("2024-05-30T10:00:00+02:00"), 1800)) == "2024-05-31T06:30:00Z");
}

TEST_CASE("calendar: subtract_business mirrors add_business", "[calendar]") {
  const auto& cal = *berlin();
  CHECK(S(cal.subtract_business(T("2024-06-03T10:00:00+02:00"), 3600)) == "2024-06-03T07:00:00Z");   // 09:00
  CHECK(S(cal.subtract_business(T("2024-06-03T10:00:00+02:00"), 7200)) == "2024-06-03T06:00:00Z");   // 08:00 opening
  CHECK(S(cal.subtract_business(T("2024-06-03T10:00:00+02:00"), 7201)) == "2024-05-31T14:59:59Z");   // Fri 16:59:59
  CHECK(S(cal.subtract_business(T("2024-06-03T13:30:00+02:00"), 3600)) == "2024-06-03T09:30:00Z");   // 11:30
  CHECK(S(cal.subtract_business(T("2024-06-08T10:00:00+02:00"), 0)) == "2024-06-07T15:00:00Z");      // Fri 17:00
  CHECK(S(cal.add_business(T("2024-06-03T10:00:00+02:00"), -3600)) == "2024-06-03T07:00:00Z");
  // Round trip over many offsets: subtracting what was added gives back an open start.
  for (std::int64_t s : {1, 59, 3600, 14400, 28800, 100000, 1000000}) {
    const Instant start = T("2024-06-04T09:17:00+02:00");
    CHECK(cal.subtract_business(cal.add_business(start, s), s) == start);
    CHECK(cal.business_seconds_between(start, cal.add_business(start, s)) == s);
  }
}

TEST_CASE("calendar: pauses are merged and not counted", "[calendar][pauses]") {
  const auto& cal = *berlin();
  const Instant mon9 = T("2024-06-03T09:00:00+02:00");
  const std::vector<Interval> pauses{{T("2024-06-03T10:00:00+02:00"), T("2024-06-03T11:00:00+02:00")},
                                     {T("2024-06-03T10:30:00+02:00"), T("2024-06-03T12:30:00+02:00")}};
  // 09-17 holds 7 open hours; the merged pause 10:00-12:30 holds 2 of them.
  CHECK(cal.business_seconds_between(mon9, T("2024-06-03T17:00:00+02:00"), pauses) == 5 * 3600);
  // 2 hours from 09:00 with a pause 10-11: 09-10, then 11-12, ending at the 12:00 close.
  const std::vector<Interval> one{{T("2024-06-03T10:00:00+02:00"), T("2024-06-03T11:00:00+02:00")}};
  CHECK(S(cal.add_business(mon9, 7200, one)) == "2024-06-03T10:00:00Z");
  // Created paused: the pause covers the start.
  const std::vector<Interval> from_start{{T("2024-06-03T08:00:00+02:00"), T("2024-06-03T09:30:00+02:00")}};
  CHECK(S(cal.add_business(mon9, 1800, from_start)) == "2024-06-03T08:00:00Z");  // 10:00
  CHECK(S(cal.add_business(mon9, 0, from_start)) == "2024-06-03T07:30:00Z");     // next open outside pauses
  // A pause ending at a close adds nothing after it.
  const std::vector<Interval> to_close{{T("2024-06-03T16:00:00+02:00"), T("2024-06-03T17:00:00+02:00")}};
  CHECK(cal.business_seconds_between(mon9, T("2024-06-03T18:00:00+02:00"), to_close) == 6 * 3600);
  CHECK(S(cal.subtract_business(T("2024-06-03T12:00:00+02:00"), 7200, one)) == "2024-06-03T07:00:00Z");  // 09:00
  const std::vector<Interval> backwards{{T("2024-06-03T11:00:00Z"), T("2024-06-03T10:00:00Z")}};
  CHECK(code_of([&] { cal.business_seconds_between(mon9, mon9 + std::chrono::hours(5), backwards); }) ==
        ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("calendar: real elapsed seconds across DST", "[calendar][dst]") {
  const auto always = BusinessCalendar::from_json(R"({"tz": "Europe/Berlin", "24x7": true})");
  // Spring forward: the local day 2024-03-31 has 23 hours; fall back 2024-10-27 has 25.
  CHECK(always->business_seconds_between(T("2024-03-31T00:00:00+01:00"), T("2024-04-01T00:00:00+02:00")) == 23 * 3600);
  CHECK(always->business_seconds_between(T("2024-10-27T00:00:00+02:00"), T("2024-10-28T00:00:00+01:00")) == 25 * 3600);
  // Sunday night windows on the change nights.
  const auto night = BusinessCalendar::from_json(
      R"({"tz": "Europe/Berlin", "week": {"sun": [["01:00", "04:00"]]}})");
  CHECK(night->business_seconds_between(T("2024-03-30T00:00:00Z"), T("2024-04-01T00:00:00Z")) == 2 * 3600);
  CHECK(night->business_seconds_between(T("2024-10-26T00:00:00Z"), T("2024-10-28T00:00:00Z")) == 4 * 3600);
  // A window inside the gap (02:00-03:00) vanishes; in the overlap it lasts two real hours.
  const auto gap = BusinessCalendar::from_json(R"({"tz": "Europe/Berlin", "week": {"sun": [["02:00", "03:00"]]}})");
  CHECK(gap->business_seconds_between(T("2024-03-30T00:00:00Z"), T("2024-04-01T00:00:00Z")) == 0);
  CHECK(gap->business_seconds_between(T("2024-10-26T00:00:00Z"), T("2024-10-28T00:00:00Z")) == 2 * 3600);
  // A window that opens in the gap opens at the instant the gap ends (02:30 -> 03:30 CEST).
  const auto late = BusinessCalendar::from_json(R"({"tz": "Europe/Berlin", "week": {"sun": [["02:30", "05:00"]]}})");
  CHECK(S(late->next_open(T("2024-03-31T00:00:00Z"))) == "2024-03-31T01:30:00Z");
  CHECK(late->business_seconds_between(T("2024-03-30T00:00:00Z"), T("2024-04-01T00:00:00Z")) == 5400);
  // New York office: Fri 16:00 EST -> Mon 10:00 EDT is two business hours.
  const auto ny = BusinessCalendar::from_json(R"({"tz": "America/New_York", "week": {
      "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
      "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}, "holiday_rules": ["US"]})");
  CHECK(ny->business_seconds_between(T("2024-03-08T16:00:00-05:00"), T("2024-03-11T10:00:00-04:00")) == 2 * 3600);
  CHECK(S(ny->add_business(T("2024-11-01T16:00:00-04:00"), 7200)) == "2024-11-04T15:00:00Z");  // Mon 10:00 EST
  // US Thanksgiving 2024-11-28 is closed.
  CHECK_FALSE(ny->is_open(T("2024-11-28T12:00:00-05:00")));
}

TEST_CASE("calendar: overnight windows belong to the day they open on", "[calendar]") {
  const auto cal = BusinessCalendar::from_json(
      R"({"tz": "UTC", "week": {"mon": [["22:00", "06:00"]]}, "holidays": ["2024-06-10"]})");
  CHECK(cal->is_open(T("2024-06-04T05:00:00Z")));        // Tuesday morning, Monday's window
  CHECK_FALSE(cal->is_open(T("2024-06-04T22:00:00Z")));  // Tuesday night: no window
  CHECK_FALSE(cal->is_open(T("2024-06-11T05:00:00Z")));  // Monday 06-10 is a holiday: its night is gone
  CHECK(cal->business_seconds_between(T("2024-06-03T00:00:00Z"), T("2024-06-10T00:00:00Z")) == 8 * 3600);
  // Across New Year in Berlin: Tue 2024-12-31 22:00 CET -> Wed 06:00 CET.
  const auto nye = BusinessCalendar::from_json(R"({"tz": "Europe/Berlin", "week": {"tue": [["22:00", "06:00"]]}})");
  CHECK(nye->is_open(T("2025-01-01T03:00:00Z")));
  CHECK(nye->business_seconds_between(T("2024-12-31T20:00:00Z"), T("2025-01-01T06:00:00Z")) == 8 * 3600);
  CHECK(S(nye->add_business(T("2024-12-31T20:00:00Z"), 8 * 3600)) == "2025-01-01T05:00:00Z");
  // "24:00" closes at midnight; back-to-back days join into one interval with no close between.
  const auto full = BusinessCalendar::from_json(
      R"({"tz": "UTC", "week": {"mon": [["00:00", "24:00"]], "tue": [["00:00", "24:00"]]}})");
  CHECK(S(full->add_business(T("2024-06-03T00:00:00Z"), 48 * 3600)) == "2024-06-05T00:00:00Z");
  CHECK(full->is_open(T("2024-06-04T00:00:00Z")));
}

TEST_CASE("calendar: dated, ranged and recurring holidays", "[calendar][holidays]") {
  const auto cal = BusinessCalendar::from_json(R"({"tz": "UTC",
      "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
               "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
      "holidays": ["2024-12-24", ["2024-12-27", "2024-12-31"]], "holidays_recurring": ["12-26", "02-29"]})");
  // Dec 23-31 2024: Mon 23 open, Tue 24 holiday, Wed 25 open (no rule), Thu 26 recurring,
  // Fri 27 - Tue 31 range: 2 open days.
  CHECK(cal->business_seconds_between(T("2024-12-23T00:00:00Z"), T("2025-01-01T00:00:00Z")) == 2 * 8 * 3600);
  CHECK_FALSE(cal->is_open(T("2024-02-29T10:00:00Z")));   // recurring 02-29 in a leap year
  CHECK(cal->is_open(T("2025-12-24T10:00:00Z")));         // the dated one does not recur
  CHECK_FALSE(cal->is_open(T("2025-12-26T10:00:00Z")));   // the recurring one does
}

TEST_CASE("calendar: 24x7 ignores week and holidays", "[calendar]") {
  const auto cal = BusinessCalendar::from_json(
      R"({"tz": "UTC", "24x7": true, "week": {"mon": [["09:00", "10:00"]]}, "holidays": ["2024-12-25"]})");
  CHECK(cal->is_open(T("2024-12-25T03:00:00Z")));
  CHECK(cal->business_seconds_between(T("2024-12-31T23:00:00Z"), T("2025-01-01T01:00:00Z")) == 7200);
  CHECK(S(cal->add_business(T("2024-12-31T23:00:00Z"), 7200)) == "2025-01-01T01:00:00Z");
}

TEST_CASE("calendar: add_business_days keeps the time of day", "[calendar]") {
  const auto& cal = *berlin();
  CHECK(S(cal.add_business_days(T("2024-05-24T10:00:00+02:00"), 1)) == "2024-05-27T08:00:00Z");  // Fri -> Mon
  CHECK(S(cal.add_business_days(T("2024-05-29T10:00:00+02:00"), 1)) == "2024-05-31T08:00:00Z");  // skips Fronleichnam
  CHECK(S(cal.add_business_days(T("2024-06-03T12:30:00+02:00"), 1)) == "2024-06-04T11:00:00Z");  // lunch -> 13:00
  CHECK(S(cal.add_business_days(T("2024-06-07T18:00:00+02:00"), 1)) == "2024-06-11T06:00:00Z");  // Mon 18:00 -> Tue
  CHECK(S(cal.add_business_days(T("2024-06-03T10:00:00+02:00"), -1)) == "2024-05-31T08:00:00Z");
  CHECK(S(cal.add_business_days(T("2024-06-03T10:00:00+02:00"), 5)) == "2024-06-10T08:00:00Z");
}

TEST_CASE("calendar: explanations split counted, closed and paused time", "[calendar]") {
  const auto& cal = *berlin();
  const std::vector<Interval> pause{{T("2024-06-03T09:30:00+02:00"), T("2024-06-03T10:00:00+02:00")}};
  const auto segments = cal.explain(T("2024-06-03T09:00:00+02:00"), T("2024-06-03T14:00:00+02:00"), pause);
  REQUIRE(segments.size() == 5);
  CHECK((segments[0].kind == SegmentKind::Counted && S(segments[0].end) == "2024-06-03T07:30:00Z"));
  CHECK((segments[1].kind == SegmentKind::Paused && S(segments[1].end) == "2024-06-03T08:00:00Z"));
  CHECK((segments[2].kind == SegmentKind::Counted && S(segments[2].end) == "2024-06-03T10:00:00Z"));
  CHECK((segments[3].kind == SegmentKind::Closed && S(segments[3].end) == "2024-06-03T11:00:00Z"));
  CHECK((segments[4].kind == SegmentKind::Counted && S(segments[4].end) == "2024-06-03T12:00:00Z"));
}

TEST_CASE("calendar: bad definitions are errors naming the value and place", "[calendar][errors]") {
  struct Case {
    const char* json;
    ErrorCode code;
    const char* mentions;
  };
  const Case cases[] = {
      {R"({"tz": "Europe/Berlln"})", ErrorCode::UNKNOWN_TIME_ZONE, "'Europe/Berlln'"},
      {R"({"tz": "UTC", "week": {"mon": [["08:00", "25:00"]]}})", ErrorCode::INVALID_TIME, "25:00"},
      {R"({"tz": "UTC", "week": {"mon": [["08:00", "25:00"]]}})", ErrorCode::INVALID_TIME, "calendar.week.mon[0][1]"},
      {R"({"tz": "UTC", "week": {"mon2": [["08:00", "17:00"]]}})", ErrorCode::INVALID_ARGUMENT, "'mon2'"},
      {R"({"tz": "UTC", "holidays": ["2024-02-30"]})", ErrorCode::INVALID_TIME, "2024-02-30"},
      {R"({"tz": "UTC", "holidays": [["2024-12-31", "2024-12-01"]]})", ErrorCode::INVALID_ARGUMENT, "holidays[0]"},
      {R"({"tz": "UTC", "holidays_recurring": ["13-01"]})", ErrorCode::INVALID_TIME, "'13-01'"},
      {R"({"tz": "UTC", "holiday_rules": ["DE-XX"]})", ErrorCode::UNKNOWN_HOLIDAY_RULE, "'DE-XX'"},
      {R"({"tz": "UTC", "week": {"mon": [["24:00", "08:00"]]}})", ErrorCode::INVALID_TIME, "24:00"},
      {R"({"tz": "UTC", "week": {"mon": ["08:00"]}})", ErrorCode::INVALID_ARGUMENT, "window"},
      {R"({"tz": "UTC", "weeks": {}})", ErrorCode::INVALID_ARGUMENT, "'weeks'"},
      {R"({"week": {}})", ErrorCode::INVALID_ARGUMENT, "calendar.tz"},
      {R"({"tz": "UTC", "24x7": "yes"})", ErrorCode::INVALID_ARGUMENT, "24x7"},
      {R"({"tz": "UTC", "week": )", ErrorCode::PARSE_ERROR, "malformed JSON"},
      {R"([1, 2])", ErrorCode::INVALID_ARGUMENT, "object"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    std::string message;
    CHECK(code_of([&] { (void)BusinessCalendar::from_json(c.json); }, &message) == c.code);
    CHECK_THAT(message, Catch::Contains(c.mentions));
  }
  const auto& cal = *berlin();
  std::string message;
  CHECK(code_of([&] { (void)cal.is_open(T("1969-06-01T00:00:00Z")); }, &message) == ErrorCode::OUT_OF_RANGE);
  CHECK_THAT(message, Catch::Contains("1969-06-01"));
}

TEST_CASE("calendar: columnar calls give a status per row", "[calendar][batch]") {
  const auto& cal = *berlin();
  const std::vector<std::int64_t> starts{T("2024-06-03T09:00:00+02:00").time_since_epoch().count(),
                                         T("1960-01-01T00:00:00Z").time_since_epoch().count(),
                                         T("2024-06-07T16:00:00+02:00").time_since_epoch().count()};
  const std::vector<std::int64_t> ends{T("2024-06-03T14:00:00+02:00").time_since_epoch().count(),
                                       T("2024-06-03T14:00:00+02:00").time_since_epoch().count(),
                                       T("2024-06-10T09:00:00+02:00").time_since_epoch().count()};
  std::vector<std::int64_t> out(3);
  std::vector<std::int32_t> status(3);
  cal.business_seconds_between_many(starts, ends, out, status);
  CHECK(out == std::vector<std::int64_t>{4 * 3600, 0, 2 * 3600});
  CHECK(status == std::vector<std::int32_t>{0, static_cast<std::int32_t>(ErrorCode::OUT_OF_RANGE), 0});
  cal.add_business_many(starts, std::vector<std::int64_t>{3600, 1, 3600}, out, status);
  CHECK(out[2] == T("2024-06-07T17:00:00+02:00").time_since_epoch().count());
  CHECK(status[1] == static_cast<std::int32_t>(ErrorCode::OUT_OF_RANGE));
  std::vector<std::int64_t> short_out(2);
  CHECK(code_of([&] { cal.business_seconds_between_many(starts, ends, short_out, status); }) ==
        ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("calendar: a compiled year costs well under 64 KiB", "[calendar][memory]") {
  const auto cal = BusinessCalendar::from_json(kBerlin);
  CHECK(cal->compiled_bytes() == 0);  // nothing compiled before use
  (void)cal->business_seconds_between(T("2023-01-15T00:00:00Z"), T("2025-12-15T00:00:00Z"));
  const std::size_t per_year = cal->compiled_bytes() / 3;
  CHECK(per_year > 0);
  CHECK(per_year <= 64 * 1024);
  // The spec survives a JSON round trip unchanged.
  const auto again = BusinessCalendar::from_json(cal->spec().to_json());
  CHECK(again->business_seconds_between(T("2024-01-01T00:00:00Z"), T("2025-01-01T00:00:00Z")) ==
        cal->business_seconds_between(T("2024-01-01T00:00:00Z"), T("2025-01-01T00:00:00Z")));
}

#include <thread>

TEST_CASE("calendar: concurrent first use compiles each year once, with equal answers", "[calendar][threads]") {
  const auto cal = BusinessCalendar::from_json(kBerlin);
  const auto reference = BusinessCalendar::from_json(kBerlin);
  // Spans across 30 years, so the threads race to compile the same years.
  std::vector<std::pair<Instant, Instant>> spans;
  for (int i = 0; i < 400; ++i) {
    const Instant a = T("1995-01-01T00:00:00Z") + std::chrono::hours(i * 613);
    spans.emplace_back(a, a + std::chrono::hours(24 * (i % 90) + i % 17));
  }
  std::vector<std::int64_t> expected;
  for (const auto& [a, b] : spans) expected.push_back(reference->business_seconds_between(a, b));
  std::vector<std::vector<std::int64_t>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (const auto& [a, b] : spans) seen[t].push_back(cal->business_seconds_between(a, b));
    });
  }
  for (std::thread& th : threads) th.join();
  for (const auto& results : seen) CHECK(results == expected);
  CHECK(cal->compiled_bytes() == reference->compiled_bytes());
}
