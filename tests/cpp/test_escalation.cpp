// Escalation ladders by hand: 24x7 and business minutes across a weekend and a holiday,
// acknowledgement stopping conditional steps, exact boundary instants, bad policies, the C ABI.
#include "test_support.hpp"

#include <mspcore.h>
#include <mspcore/security/escalation.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace mspcore;
using mspcore::test::code_of;
using nlohmann::json;

namespace {

const char* const kPolicy = R"({"ladders": {
  "P1": [{"name": "notify on-call", "after_minutes": 0},
         {"name": "manager", "after_minutes": 30, "condition": "unacknowledged"},
         {"name": "phone on-call", "after_minutes": 10},
         {"name": "status report", "after_minutes": 60, "condition": "always"}],
  "3": [{"name": "email queue", "after_minutes": 0}]},
  "default": [{"name": "team lead", "after_minutes": 240}]})";

// UTC office hours Mon-Fri 09:00-17:00; Monday 2024-06-10 is a holiday.
const char* const kOffice = R"({"tz": "UTC", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]],
  "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}, "holidays": ["2024-06-10"]})";

Instant T(const char* text) { return parse_instant(text); }

std::vector<std::string> names(const std::vector<EscalationDue>& list) {
  std::vector<std::string> out;
  for (const EscalationDue& d : list) out.push_back(d.step.name);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("escalation: 24x7 ladder, boundaries and acknowledgement", "[escalation]") {
  const EscalationPolicy p = EscalationPolicy::from_json(kPolicy);
  const Instant opened = T("2024-06-07T16:55:00Z");  // Friday

  SECTION("one second before a step it is next; at its instant it is due") {
    const EscalationStatus a = escalation_due(p, 1, opened, T("2024-06-07T17:04:59Z"));
    CHECK(names(a.due) == V{"notify on-call"});
    REQUIRE(a.next);
    CHECK(a.next->step.name == "phone on-call");
    CHECK(format_instant(a.next->due_at) == "2024-06-07T17:05:00Z");
    CHECK(a.next->index == 2);
    CHECK_FALSE(a.acknowledged);
    const EscalationStatus b = escalation_due(p, 1, opened, T("2024-06-07T17:05:00Z"));
    CHECK(names(b.due) == V{"notify on-call", "phone on-call"});  // by due instant, not ladder order
    CHECK(b.next->step.name == "manager");
    CHECK(format_instant(b.next->due_at) == "2024-06-07T17:25:00Z");
  }
  SECTION("an acknowledgement at a step's instant stops it and every later conditional step") {
    const EscalationStatus s = escalation_due(p, 1, opened, T("2024-06-07T17:30:00Z"), T("2024-06-07T17:05:00Z"));
    CHECK(s.acknowledged);
    CHECK(names(s.due) == V{"notify on-call"});
    CHECK(names(s.stopped) == V{"phone on-call", "manager"});
    REQUIRE(s.next);
    CHECK(s.next->step.name == "status report");  // unconditional
    CHECK(format_instant(s.next->due_at) == "2024-06-07T17:55:00Z");
  }
  SECTION("a step due before the acknowledgement stays due") {
    const EscalationStatus s = escalation_due(p, 1, opened, T("2024-06-07T18:00:00Z"), T("2024-06-07T17:05:01Z"));
    CHECK(names(s.due) == V{"notify on-call", "phone on-call", "status report"});
    CHECK(names(s.stopped) == V{"manager"});
    CHECK_FALSE(s.next);
  }
  SECTION("an acknowledgement after now is not known yet") {
    const EscalationStatus s = escalation_due(p, 1, opened, T("2024-06-07T17:30:00Z"), T("2024-06-07T18:00:00Z"));
    CHECK_FALSE(s.acknowledged);
    CHECK_FALSE(s.acknowledged_at);
    CHECK(names(s.due) == V{"notify on-call", "phone on-call", "manager"});
    CHECK(s.next->step.name == "status report");
  }
  SECTION("priority keys P3 / 3 and the default ladder") {
    CHECK(names(escalation_due(p, 3, opened, opened).due) == V{"email queue"});
    const EscalationStatus d = escalation_due(p, 4, opened, opened);
    CHECK(d.due.empty());
    CHECK(format_instant(d.next->due_at) == "2024-06-07T20:55:00Z");
  }
}

TEST_CASE("escalation: business minutes across a weekend and a holiday", "[escalation][calendar]") {
  const EscalationPolicy p = EscalationPolicy::from_json(kPolicy);
  const auto office = BusinessCalendar::from_json(kOffice);
  const Instant opened = T("2024-06-07T16:55:00Z");  // Friday, 5 business minutes left
  // phone: 5 min Friday + Sat, Sun, holiday Monday + 5 min Tuesday = Tue 09:05.
  const EscalationStatus sat = escalation_due(p, 1, opened, T("2024-06-08T12:00:00Z"), std::nullopt, office.get());
  CHECK(names(sat.due) == V{"notify on-call"});
  CHECK(format_instant(sat.due.at(0).due_at) == "2024-06-07T16:55:00Z");
  REQUIRE(sat.next);
  CHECK(format_instant(sat.next->due_at) == "2024-06-11T09:05:00Z");
  CHECK(escalation_due(p, 1, opened, T("2024-06-11T09:04:59Z"), std::nullopt, office.get()).next->step.name == "phone on-call");
  const EscalationStatus tue = escalation_due(p, 1, opened, T("2024-06-11T09:05:00Z"), std::nullopt, office.get());
  CHECK(names(tue.due) == V{"notify on-call", "phone on-call"});
  CHECK(format_instant(tue.next->due_at) == "2024-06-11T09:25:00Z");  // manager: 30 business minutes
  // Acknowledged on Monday (the holiday): phone and manager stop, the report still comes.
  const EscalationStatus ack =
      escalation_due(p, 1, opened, T("2024-06-11T12:00:00Z"), T("2024-06-10T08:00:00Z"), office.get());
  CHECK(names(ack.due) == V{"notify on-call", "status report"});
  CHECK(format_instant(ack.due.at(1).due_at) == "2024-06-11T09:55:00Z");
  CHECK(names(ack.stopped) == V{"phone on-call", "manager"});
  // Opened on Saturday: even the 0-minute step waits for the next open instant.
  const EscalationStatus weekend = escalation_due(p, 1, T("2024-06-08T10:00:00Z"), T("2024-06-08T10:00:00Z"), std::nullopt, office.get());
  CHECK(weekend.due.empty());
  CHECK(format_instant(weekend.next->due_at) == "2024-06-11T09:00:00Z");
}

TEST_CASE("escalation: JSON and errors", "[escalation][errors]") {
  const EscalationPolicy p = EscalationPolicy::from_json(kPolicy);
  const json out = json::parse(escalation_status_to_json(
      escalation_due(p, 1, T("2024-06-07T16:55:00Z"), T("2024-06-07T17:30:00Z"), T("2024-06-07T17:05:00Z"))));
  CHECK(out.at("acknowledged") == true);
  CHECK(out.at("acknowledged_at") == "2024-06-07T17:05:00Z");
  CHECK(out.at("due") == json::array({json{{"index", 0}, {"step", "notify on-call"}, {"after_minutes", 0},
                                           {"condition", "unacknowledged"}, {"due_at", "2024-06-07T16:55:00Z"}}}));
  CHECK(out.at("next").at("step") == "status report");
  CHECK(out.at("next").at("condition") == "always");

  const EscalationPolicy only_p1 = EscalationPolicy::from_json(R"({"ladders": {"1": [{"name": "x", "after_minutes": 5}]}})");
  CHECK(code_of([&] { escalation_due(only_p1, 2, T("2024-06-07T16:55:00Z"), T("2024-06-07T16:55:00Z")); }) ==
        ErrorCode::UNKNOWN_PRIORITY);
  CHECK(code_of([&] { escalation_due(p, 6, T("2024-06-07T16:55:00Z"), T("2024-06-07T16:55:00Z")); }) == ErrorCode::OUT_OF_RANGE);
  CHECK(code_of([&] { escalation_due(p, 1, T("2024-06-07T16:55:00Z"), T("2024-06-07T16:54:59Z")); }) ==
        ErrorCode::INVALID_TIMELINE);
  CHECK(code_of([&] { escalation_due(p, 1, T("2024-06-07T16:55:00Z"), T("2024-06-07T17:00:00Z"), T("2024-06-07T16:00:00Z")); }) ==
        ErrorCode::INVALID_TIMELINE);
  std::string msg;
  CHECK(code_of([] { EscalationPolicy::from_json(R"({"ladder": {}})"); }, &msg) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(msg, Catch::Contains("unknown key 'ladder'"));
  CHECK(code_of([] { EscalationPolicy::from_json(R"({"ladders": {"P9": []}})"); }, &msg) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(msg, Catch::Contains("unknown priority 'P9'"));
  CHECK(code_of([] { EscalationPolicy::from_json(R"({"ladders": {"P1": [], "1": []}})"); }) == ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { EscalationPolicy::from_json(R"({"ladders": {"P1": [{"name": "x", "after_minutes": -1}]}})"); }, &msg) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(msg, Catch::Contains("ladders.P1[0].after_minutes"));
  CHECK(code_of([] { EscalationPolicy::from_json(R"({"ladders": {"P1": [{"name": "x", "after_minutes": 1.5}]}})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { EscalationPolicy::from_json(R"({"ladders": {"P1": [{"name": "", "after_minutes": 1}]}})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { EscalationPolicy::from_json(R"({"ladders": {"P1": [{"name": "x", "after_minutes": 1, "condition": "sometimes"}]}})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { EscalationPolicy::from_json("[1"); }) == ErrorCode::PARSE_ERROR);
}

TEST_CASE("msp_escalation_due_json with and without a calendar", "[escalation][capi]") {
  const std::int64_t opened = unix_seconds(T("2024-06-07T16:55:00Z"));
  const std::int64_t now = unix_seconds(T("2024-06-08T12:00:00Z"));
  msp_error err;
  size_t required = 0;
  REQUIRE(msp_escalation_due_json(kPolicy, 1, opened, now, nullptr, nullptr, nullptr, 0, &required, &err) == MSP_STATUS_OK);
  std::vector<char> buf(required + 512);
  REQUIRE(msp_escalation_due_json(kPolicy, 1, opened, now, nullptr, nullptr, buf.data(), buf.size(), &required, &err) ==
          MSP_STATUS_OK);
  CHECK(json::parse(buf.data()).at("next") == nullptr);  // 24x7: every step is past by Saturday noon
  CHECK(json::parse(buf.data()).at("due").size() == 4);

  msp_calendar* cal = nullptr;
  REQUIRE(msp_calendar_new_from_json(kOffice, &cal, &err) == MSP_STATUS_OK);
  const std::int64_t ack = unix_seconds(T("2024-06-08T09:00:00Z"));
  REQUIRE(msp_escalation_due_json(kPolicy, 1, opened, now, &ack, cal, buf.data(), buf.size(), &required, &err) == MSP_STATUS_OK);
  const json out = json::parse(buf.data());
  CHECK(out.at("acknowledged") == true);
  CHECK(out.at("next").at("step") == "status report");
  CHECK(out.at("next").at("due_at") == "2024-06-11T09:55:00Z");
  CHECK(msp_escalation_due_json(kPolicy, 7, opened, now, nullptr, cal, buf.data(), buf.size(), &required, &err) ==
        MSP_STATUS_OUT_OF_RANGE);
  CHECK(msp_escalation_due_json(nullptr, 1, opened, now, nullptr, cal, buf.data(), buf.size(), &required, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  msp_calendar_free(cal);
}
