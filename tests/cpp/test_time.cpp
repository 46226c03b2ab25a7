#include <mspcore/core/error.hpp>
#include <mspcore/time/time_zone.hpp>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace mspcore;
using mspcore::test::code_of;

namespace {
std::int64_t epoch(std::string_view text) { return parse_instant(text).time_since_epoch().count(); }
std::string utc_of_local(const char* zone, const char* local) {
  return format_instant(TimeZone::locate(zone).to_utc(parse_local_time(local)));
}
}  // namespace

TEST_CASE("ISO-8601 instants with Z or an offset", "[time]") {
  CHECK(epoch("1970-01-01T00:00:00Z") == 0);
  CHECK(epoch("2024-03-31T01:30:00Z") == 1711848600);
  CHECK(epoch("2024-03-31T03:30:00+02:00") == 1711848600);
  CHECK(epoch("2024-03-31 03:30:00+0200") == 1711848600);
  CHECK(epoch("2024-03-30T21:30-04:00") == 1711848600);
  CHECK(epoch("2024-03-31T01:30:00.999Z") == 1711848600);
  CHECK(epoch("2024-03-31t01:30:00z") == 1711848600);
  CHECK(epoch("2024-02-29T12:00:00+05:30") == 1709188200);
  CHECK(format_instant(parse_instant("2024-12-31T23:59:59-01:00")) == "2025-01-01T00:59:59Z");
}

TEST_CASE("naive and malformed instants are errors naming the text", "[time][errors]") {
  for (const char* naive : {"2024-03-31T01:30:00", "2024-03-31", "2024-03-31T01:30"}) {
    INFO(naive);
    CHECK(code_of([&] { parse_instant(naive); }) == ErrorCode::NAIVE_DATETIME);
  }
  for (const char* bad : {"2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                          "2024-01-01T25:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T12:60:00Z",
                          "2024-01-01T12:00:60Z", "yesterday", "", "2024-01-01T12:00:00+25:00",
                          "2024-01-01T12:00:00Zjunk", "2024-1-01T00:00:00Z"}) {
    INFO(bad);
    try {
      parse_instant(bad);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::INVALID_TIME);
      CHECK_THAT(e.what(), Catch::Contains(std::string("'") + bad + "'"));
    }
  }
}

TEST_CASE("times of day and dates", "[time]") {
  CHECK(parse_time_of_day("08:00") == 8 * 3600);
  CHECK(parse_time_of_day("24:00") == 86400);
  CHECK(parse_time_of_day("17:30:15") == 17 * 3600 + 30 * 60 + 15);
  for (const char* bad : {"25:00", "24:01", "12:60", "8:00", "noon", "12:00:61"}) {
    INFO(bad);
    CHECK(code_of([&] { parse_time_of_day(bad); }) == ErrorCode::INVALID_TIME);
  }
  CHECK(code_of([] { parse_date("2024-02-30"); }) == ErrorCode::INVALID_TIME);
  CHECK(parse_date("2024-02-29") == std::chrono::sys_days{std::chrono::year{2024} / 2 / 29});
}

TEST_CASE("local to UTC follows the DST rules of docs/time.md", "[time][dst]") {
  // Europe/Berlin: CET (+1) -> CEST (+2) on 2024-03-31 at 02:00; back on 2024-10-27 at 03:00.
  CHECK(utc_of_local("Europe/Berlin", "2024-03-31T01:59:59") == "2024-03-31T00:59:59Z");
  CHECK(utc_of_local("Europe/Berlin", "2024-03-31T02:30:00") == "2024-03-31T01:30:00Z");  // gap: 03:30 CEST
  CHECK(utc_of_local("Europe/Berlin", "2024-03-31T03:00:00") == "2024-03-31T01:00:00Z");
  CHECK(utc_of_local("Europe/Berlin", "2024-10-27T02:30:00") == "2024-10-27T00:30:00Z");  // first (CEST)
  CHECK(utc_of_local("Europe/Berlin", "2024-10-27T03:00:00") == "2024-10-27T02:00:00Z");
  // America/New_York: EST (-5) -> EDT (-4) on 2024-03-10 at 02:00; back on 2024-11-03 at 02:00.
  CHECK(utc_of_local("America/New_York", "2024-03-10T02:30:00") == "2024-03-10T07:30:00Z");  // 03:30 EDT
  CHECK(utc_of_local("America/New_York", "2024-11-03T01:30:00") == "2024-11-03T05:30:00Z");  // first (EDT)
  CHECK(utc_of_local("UTC", "2024-06-01T12:00:00") == "2024-06-01T12:00:00Z");

  const TimeZone berlin = TimeZone::locate("Europe/Berlin");
  CHECK(format_local_time(berlin.to_local(parse_instant("2024-10-27T01:30:00Z"))) == "2024-10-27T02:30:00");
  CHECK(berlin.offset(parse_instant("2024-07-01T00:00:00Z")) == std::chrono::hours(2));
  CHECK(berlin.name() == "Europe/Berlin");
}

TEST_CASE("unknown time zones are errors naming the zone", "[time][errors]") {
  for (const char* bad : {"Europe/Berlln", "", "CEST", "Mars/Olympus"}) {
    INFO(bad);
    try {
      (void)TimeZone::locate(bad);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::UNKNOWN_TIME_ZONE);
      CHECK_THAT(e.what(), Catch::Contains(std::string("'") + bad + "'"));
    }
  }
  CHECK(code_of([] { format_instant(Instant{std::chrono::seconds{INT64_MAX / 2}}); }) == ErrorCode::OUT_OF_RANGE);
}
