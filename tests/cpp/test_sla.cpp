// SLA evaluation: every rule of docs/sla.md with values worked out by hand.
#include <mspcore/sla/sla_engine.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace mspcore;

namespace {

// Berlin office hours 09:00-17:00 on weekdays with NRW holidays; P1 runs 24x7.
const char* kPolicy = R"({
  "calendar": {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"], "week": {
     "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
     "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}},
  "targets": {"response_minutes": 60, "resolution_minutes": 480},
  "priorities": {
    "P1": {"targets": {"response_minutes": 15, "resolution_minutes": 240},
           "calendar": {"tz": "Europe/Berlin", "24x7": true}},
    "P4": {"targets": {"response_minutes": 0, "resolution_minutes": null}}},
  "pause_statuses": ["waiting_customer"],
  "at_risk_threshold": 0.75})";

std::shared_ptr<const SlaPolicy> policy(const char* json = kPolicy) { return SlaPolicy::from_json(json); }

SlaEvaluation eval(const std::string& ticket, const char* now, const SlaPolicy& p, bool explain = false) {
  return evaluate_sla(SlaTicket::from_json(ticket), p, parse_instant(now), explain);
}
const SlaResult& response(const SlaEvaluation& e) { return e[0]; }
const SlaResult& resolution(const SlaEvaluation& e) { return e[1]; }
std::string due(const SlaResult& r) { return r.due ? format_instant(*r.due) : "none"; }

}  // namespace

TEST_CASE("sla: met, breached, at risk and in progress on business hours", "[sla]") {
  const auto p = policy();
  auto e = eval(R"({"created": "2024-06-03T09:00:00+02:00", "first_response": "2024-06-03T09:45:00+02:00", "priority": "P3"})",
                "2024-06-03T12:00:00+02:00", *p);
  CHECK(response(e).status == SlaStatus::Met);
  CHECK(response(e).elapsed_seconds == 2700);
  CHECK(response(e).elapsed_minutes == 45);
  CHECK(response(e).remaining_minutes == 15);
  CHECK(response(e).consumed_ratio == Approx(0.75));
  CHECK(due(response(e)) == "2024-06-03T08:00:00Z");
  CHECK(resolution(e).status == SlaStatus::InProgress);  // 3 of 8 hours
  CHECK(resolution(e).elapsed_seconds == 3 * 3600);
  CHECK(due(resolution(e)) == "2024-06-03T15:00:00Z");  // 17:00 CEST: the closing instant

  const char* open = R"({"created": "2024-06-03T09:00:00+02:00", "priority": "P3"})";
  CHECK(response(eval(open, "2024-06-03T09:20:00+02:00", *p)).status == SlaStatus::InProgress);
  const auto risky = eval(open, "2024-06-03T09:50:00+02:00", *p);
  CHECK(response(risky).status == SlaStatus::AtRisk);
  CHECK(response(risky).remaining_minutes == 10);
  const auto late = eval(open, "2024-06-03T10:30:00+02:00", *p);
  CHECK(response(late).status == SlaStatus::Breached);
  CHECK(response(late).remaining_minutes == -30);
  CHECK(response(late).elapsed_seconds == 5400);
}

TEST_CASE("sla: equality is met on business time, not wall clock", "[sla]") {
  const auto p = policy();
  // Created 16:00, target due at the 17:00 close; the reply at 17:30 is still 60/60 minutes.
  const auto e = eval(R"({"created": "2024-06-03T16:00:00+02:00", "first_response": "2024-06-03T17:30:00+02:00", "priority": "P3"})",
                      "2024-06-04T12:00:00+02:00", *p);
  CHECK(response(e).status == SlaStatus::Met);
  CHECK(response(e).elapsed_seconds == 3600);
  CHECK(response(e).remaining_minutes == 0);
  CHECK(due(response(e)) == "2024-06-03T15:00:00Z");
  // Holidays do not count: Wed 16:30 -> Fri 09:30 across Fronleichnam is one hour.
  const auto h = eval(R"({"created": "2024-05-29T16:30:00+02:00", "first_response": "2024-05-31T09:30:00+02:00", "priority": "P3"})",
                      "2024-06-01T00:00:00Z", *p);
  CHECK(response(h).status == SlaStatus::Met);
  CHECK(response(h).elapsed_seconds == 3600);
}

TEST_CASE("sla: pauses stop the clock and move the due date", "[sla][pauses]") {
  const auto p = policy();
  // Waiting on the customer since 09:10, evaluated at 09:30.
  const auto e = eval(R"({"created": "2024-06-03T09:00:00+02:00", "priority": "P3",
      "status_history": [["2024-06-03T09:00:00+02:00", "new"], ["2024-06-03T09:10:00+02:00", "waiting_customer"]]})",
                      "2024-06-03T09:30:00+02:00", *p);
  CHECK(response(e).status == SlaStatus::Paused);
  CHECK(response(e).elapsed_seconds == 600);
  CHECK(due(response(e)) == "2024-06-03T08:20:00Z");  // 10:20 CEST: moved out by the 20 paused minutes
  // Created paused until 10:00, answered at 10:30.
  const auto c = eval(R"({"created": "2024-06-03T09:00:00+02:00", "first_response": "2024-06-03T10:30:00+02:00", "priority": "P3",
      "status_history": [["2024-06-03T09:00:00+02:00", "waiting_customer"], ["2024-06-03T10:00:00+02:00", "open"]]})",
                      "2024-06-03T12:00:00+02:00", *p);
  CHECK(response(c).status == SlaStatus::Met);
  CHECK(response(c).elapsed_seconds == 1800);
  CHECK(due(response(c)) == "2024-06-03T09:00:00Z");  // 11:00 CEST
  // A pause that ends at the close: Mon 16:00 created, paused 16:30-17:00, reply Tue 09:15.
  const auto z = eval(R"({"created": "2024-06-03T16:00:00+02:00", "first_response": "2024-06-04T09:15:00+02:00", "priority": "P3",
      "status_history": [["2024-06-03T16:30:00+02:00", "waiting_customer"], ["2024-06-03T17:00:00+02:00", "open"]]})",
                      "2024-06-04T12:00:00+02:00", *p);
  CHECK(response(z).elapsed_seconds == 2700);
  CHECK(response(z).status == SlaStatus::Met);
  // pause_applies_to: only resolution pauses.
  const auto only = policy(R"({"calendar": {"tz": "UTC", "24x7": true}, "targets": {"response_minutes": 60,
      "resolution_minutes": 120}, "pause_statuses": ["hold"], "pause_applies_to": ["resolution"]})");
  const auto o = eval(R"({"created": "2024-06-03T09:00:00Z", "priority": "x",
      "status_history": [["2024-06-03T09:00:00Z", "hold"]]})", "2024-06-03T09:30:00Z", *only);
  CHECK(response(o).elapsed_seconds == 1800);
  CHECK(response(o).status == SlaStatus::InProgress);
  CHECK(resolution(o).elapsed_seconds == 0);
  CHECK(resolution(o).status == SlaStatus::Paused);
}

TEST_CASE("sla: P1 on 24x7 while the rest follow business hours", "[sla]") {
  const auto p = policy();
  const auto e = eval(R"({"created": "2024-06-08T10:00:00+02:00", "first_response": "2024-06-08T10:20:00+02:00", "priority": "P1"})",
                      "2024-06-08T11:00:00+02:00", *p);
  CHECK(response(e).status == SlaStatus::Breached);
  CHECK(response(e).elapsed_seconds == 1200);
  CHECK(due(response(e)) == "2024-06-08T08:15:00Z");
  CHECK(due(resolution(e)) == "2024-06-08T12:00:00Z");  // 4 hours later, on a Saturday
}

TEST_CASE("sla: a priority change keeps the time already counted", "[sla][priority]") {
  const auto p = policy();
  // P3 from 09:00 on business hours, P1 from 10:00 on 24x7; reply at 10:30.
  const auto up = eval(R"({"created": "2024-06-03T09:00:00+02:00", "first_response": "2024-06-03T10:30:00+02:00",
      "priority": "P3", "priority_history": [["2024-06-03T10:00:00+02:00", "P1"]]})", "2024-06-03T12:00:00+02:00", *p);
  CHECK(response(up).elapsed_seconds == 5400);
  CHECK(response(up).target_seconds == 900);
  CHECK(response(up).status == SlaStatus::Breached);
  CHECK(due(response(up)) == "2024-06-03T07:15:00Z");  // P1's 15 minutes were used up at 09:15
  // P1 on Saturday for five minutes, then P3: the five 24x7 minutes are kept (GLPI drops them).
  const auto down = eval(R"({"created": "2024-06-08T10:00:00+02:00", "first_response": "2024-06-10T09:30:00+02:00",
      "priority": "P1", "priority_history": [["2024-06-08T10:05:00+02:00", "P3"]]})", "2024-06-10T12:00:00+02:00", *p);
  CHECK(response(down).elapsed_seconds == 300 + 1800);
  CHECK(response(down).status == SlaStatus::Met);
  CHECK(due(response(down)) == "2024-06-10T07:55:00Z");  // Mon 09:55: 5 minutes already counted
}

TEST_CASE("sla: reopen with the first and the total resolution clock", "[sla][reopen]") {
  const std::string ticket = R"({"created": "2024-06-03T09:00:00+02:00", "priority": "P3",
      "status_history": [["2024-06-03T11:00:00+02:00", "resolved"], ["2024-06-04T09:00:00+02:00", "open"]],
      "reopened": ["2024-06-04T09:00:00+02:00"], "resolved": "2024-06-04T10:00:00+02:00"})";
  const char* base = R"({"calendar": {"tz": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}},
      "targets": {"response_minutes": 60, "resolution_minutes": 150}, "resolution_clock": "%s"})";
  char buf[512];
  std::snprintf(buf, sizeof buf, base, "first");
  const auto first = eval(ticket, "2024-06-05T00:00:00Z", *policy(buf));
  CHECK(resolution(first).elapsed_seconds == 7200);
  CHECK(resolution(first).status == SlaStatus::Met);
  CHECK(response(first).status == SlaStatus::Breached);  // the first resolution stamps the response
  CHECK(response(first).elapsed_seconds == 7200);
  std::snprintf(buf, sizeof buf, base, "total");
  const auto total = eval(ticket, "2024-06-05T00:00:00Z", *policy(buf));
  CHECK(resolution(total).elapsed_seconds == 10800);
  CHECK(resolution(total).status == SlaStatus::Breached);
  CHECK(due(resolution(total)) == "2024-06-04T07:30:00Z");  // Tue 09:30 CEST in the second spell
  // Still open after the reopen: the total clock is running.
  const auto running = eval(ticket, "2024-06-04T09:20:00+02:00", *policy(buf));
  CHECK(resolution(running).elapsed_seconds == 7200 + 1200);
  CHECK(resolution(running).status == SlaStatus::AtRisk);
}

TEST_CASE("sla: resolution before response, stamp or ignore", "[sla]") {
  const char* ticket = R"({"created": "2024-06-03T09:00:00+02:00", "resolved": "2024-06-03T09:30:00+02:00", "priority": "P3"})";
  const auto stamp = eval(ticket, "2024-06-03T12:00:00+02:00", *policy());
  CHECK(response(stamp).status == SlaStatus::Met);
  CHECK(response(stamp).elapsed_seconds == 1800);
  CHECK(resolution(stamp).status == SlaStatus::Met);
  const auto ignore = eval(ticket, "2024-06-03T12:00:00+02:00",
                           *policy(R"({"calendar": {"tz": "UTC", "24x7": true}, "targets": {"response_minutes": 60},
                                       "response_on_resolve": "ignore"})"));
  CHECK(response(ignore).status == SlaStatus::NoTarget);
  // A reply after the resolution: the resolution was the response.
  const auto after = eval(R"({"created": "2024-06-03T09:00:00+02:00", "resolved": "2024-06-03T09:30:00+02:00",
      "first_response": "2024-06-03T11:00:00+02:00", "priority": "P3"})", "2024-06-03T12:00:00+02:00", *policy());
  CHECK(response(after).elapsed_seconds == 1800);
}

TEST_CASE("sla: no target, invalid timelines and unknown priorities", "[sla][errors]") {
  const auto p = policy();
  const auto none = eval(R"({"created": "2024-06-03T09:00:00+02:00", "priority": "P4"})", "2024-06-03T12:00:00+02:00", *p);
  CHECK(response(none).status == SlaStatus::NoTarget);
  CHECK(resolution(none).status == SlaStatus::NoTarget);
  CHECK(response(none).elapsed_seconds == 3 * 3600);
  CHECK_FALSE(response(none).due);
  CHECK(none[2].status == SlaStatus::NoTarget);  // no plan target anywhere

  const auto bad = eval(R"({"created": "2024-06-03T09:00:00+02:00", "resolved": "2024-06-03T08:00:00+02:00", "priority": "P3"})",
                        "2024-06-03T12:00:00+02:00", *p);
  for (const SlaResult& r : bad) {
    CHECK(r.status == SlaStatus::Invalid);
    CHECK(r.error == ErrorCode::INVALID_TIMELINE);
    CHECK_THAT(r.message, Catch::Contains("resolved at 2024-06-03T06:00:00Z is before created"));
  }
  const auto no_default = policy(R"({"priorities": {"P1": {"targets": {"response_minutes": 15},
      "calendar": {"tz": "UTC", "24x7": true}}}})");
  const auto unknown = eval(R"({"created": "2024-06-03T09:00:00Z", "priority": "P9"})", "2024-06-03T12:00:00Z", *no_default);
  CHECK(response(unknown).status == SlaStatus::Invalid);
  CHECK(response(unknown).error == ErrorCode::UNKNOWN_PRIORITY);
  CHECK_THAT(response(unknown).message, Catch::Contains("'P9'"));
  const auto reopen = eval(R"({"created": "2024-06-03T09:00:00Z", "priority": "P1", "reopened": ["2024-06-03T10:00:00Z"]})",
                           "2024-06-03T12:00:00Z", *no_default);
  CHECK(response(reopen).error == ErrorCode::INVALID_TIMELINE);
  // Events after `now` have not happened yet.
  const auto early = eval(R"({"created": "2024-06-03T09:00:00+02:00", "first_response": "2024-06-03T11:00:00+02:00", "priority": "P3"})",
                          "2024-06-03T09:30:00+02:00", *p);
  CHECK(response(early).status == SlaStatus::InProgress);
  CHECK(response(early).elapsed_seconds == 1800);
}

TEST_CASE("sla: explanations list counted, closed and paused segments", "[sla]") {
  const auto e = eval(R"({"created": "2024-06-03T16:00:00+02:00", "first_response": "2024-06-04T09:15:00+02:00", "priority": "P3",
      "status_history": [["2024-06-03T16:30:00+02:00", "waiting_customer"], ["2024-06-03T16:45:00+02:00", "open"]]})",
                      "2024-06-04T12:00:00+02:00", *policy(), true);
  const auto& segs = response(e).explanation;
  REQUIRE(segs.size() == 5);
  CHECK((segs[0].kind == SegmentKind::Counted && format_instant(segs[0].end) == "2024-06-03T14:30:00Z"));
  CHECK((segs[1].kind == SegmentKind::Paused && format_instant(segs[1].end) == "2024-06-03T14:45:00Z"));
  CHECK((segs[2].kind == SegmentKind::Counted && format_instant(segs[2].end) == "2024-06-03T15:00:00Z"));
  CHECK((segs[3].kind == SegmentKind::Closed && format_instant(segs[3].end) == "2024-06-04T07:00:00Z"));
  CHECK((segs[4].kind == SegmentKind::Counted && format_instant(segs[4].end) == "2024-06-04T07:15:00Z"));
  CHECK_THAT(sla_evaluation_to_json(e), Catch::Contains("\"explanation\""));
}

TEST_CASE("sla: attainment counts measured rows only", "[sla]") {
  using S = SlaStatus;
  const std::vector<SlaStatus> statuses{S::Met, S::Met, S::Breached, S::AtRisk, S::NoTarget, S::Invalid, S::Paused, S::Met};
  const SlaAttainment a = sla_attainment(statuses);
  CHECK(a.met == 3);
  CHECK(a.breached == 1);
  CHECK(a.evaluated == 4);
  CHECK(a.attainment_pct == Approx(75.0));
  CHECK(a.open == 2);
  CHECK(a.excluded == 2);
  CHECK(sla_attainment(std::vector<SlaStatus>{S::Met, S::Met, S::Breached}).attainment_pct == Approx(66.67));
  CHECK(sla_attainment(std::vector<SlaStatus>{S::Met, S::Breached, S::Breached}).attainment_pct == Approx(33.33));
  CHECK(sla_attainment(std::vector<SlaStatus>{S::Met, S::Met, S::Met, S::Met, S::Met, S::Met, S::Met, S::Breached})
            .attainment_pct == Approx(87.5));
  CHECK_FALSE(sla_attainment(std::vector<SlaStatus>{S::NoTarget}).attainment_pct);
}

TEST_CASE("sla: bad policies and tickets are errors naming the place", "[sla][errors]") {
  auto message_of = [](auto f) -> std::string {
    try {
      f();
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK_THAT(message_of([] { SlaPolicy::from_json(R"({"targets": {"response_minutes": 60}})"); }), Catch::Contains("calendar"));
  CHECK_THAT(message_of([] { SlaPolicy::from_json(R"({"calendar": {"tz": "UTC"}, "targets": {"response_minutes": -5}})"); }),
             Catch::Contains("policy.targets.response_minutes"));
  CHECK_THAT(message_of([] { SlaPolicy::from_json(R"({"calendar": {"tz": "Mars/Base"}, "targets": {}})"); }),
             Catch::Contains("policy.calendar") && Catch::Contains("'Mars/Base'"));
  CHECK_THAT(message_of([] { SlaPolicy::from_json(R"({"calendar": {"tz": "UTC"}, "targets": {}, "resolution_clock": "last"})"); }),
             Catch::Contains("'last'"));
  CHECK_THAT(message_of([] { SlaTicket::from_json(R"({"created": "2024-06-03T09:00:00", "priority": "P1"})"); }),
             Catch::Contains("ticket.created") && Catch::Contains("offset"));
  CHECK_THAT(message_of([] { SlaTicket::from_json(R"({"priority": "P1"})"); }), Catch::Contains("ticket.created"));
  CHECK_THAT(message_of([] { SlaTicket::from_json(R"({"created": "2024-06-03T09:00:00Z", "status_history": [["x"]]})"); }),
             Catch::Contains("ticket.status_history[0]"));
}

TEST_CASE("sla: columnar evaluation equals single-ticket evaluation", "[sla][batch]") {
  const auto p = policy();
  std::mt19937_64 rng(7);
  const std::int64_t base = parse_instant("2024-05-27T06:00:00Z").time_since_epoch().count();
  const Instant now = parse_instant("2024-06-20T12:00:00Z");
  const std::vector<std::string> names{"P1", "P3", "P4"};
  std::vector<std::int64_t> created, first, resolved, offsets{0}, pstarts, pends;
  std::vector<std::int32_t> prio;
  std::vector<SlaTicket> tickets;
  for (int i = 0; i < 400; ++i) {
    SlaTicket t;
    const std::int64_t c = base + static_cast<std::int64_t>(rng() % (20 * 86400));
    t.created = Instant{std::chrono::seconds{c}};
    const std::int32_t code = static_cast<std::int32_t>(rng() % 3);
    t.priority = names[static_cast<std::size_t>(code)];
    const std::int64_t r = rng() % 4 == 0 ? kNoInstant : c + static_cast<std::int64_t>(rng() % (3 * 86400));
    const std::int64_t f = rng() % 3 == 0 ? kNoInstant : c + static_cast<std::int64_t>(rng() % 20000);
    if (r != kNoInstant) t.resolved = Instant{std::chrono::seconds{r}};
    if (f != kNoInstant) t.first_response = Instant{std::chrono::seconds{f}};
    // Up to two pauses, sorted and apart, as a status history.
    std::int64_t at = c;
    const int n = static_cast<int>(rng() % 3);
    for (int k = 0; k < n; ++k) {
      const std::int64_t s = at + 600 + static_cast<std::int64_t>(rng() % 7200);
      const std::int64_t e = s + 300 + static_cast<std::int64_t>(rng() % 7200);
      t.status_history.emplace_back(Instant{std::chrono::seconds{s}}, "waiting_customer");
      t.status_history.emplace_back(Instant{std::chrono::seconds{e}}, "open");
      pstarts.push_back(s);
      pends.push_back(e);
      at = e;
    }
    offsets.push_back(static_cast<std::int64_t>(pstarts.size()));
    created.push_back(c);
    first.push_back(f);
    resolved.push_back(r);
    prio.push_back(code);
    tickets.push_back(t);
  }
  const std::size_t rows = tickets.size();
  std::vector<std::int8_t> status[3];
  std::vector<std::int64_t> due[3], elapsed[3], remaining[3];
  std::vector<double> ratio[3];
  std::vector<std::int32_t> minutes[3];
  std::array<SlaResultColumns, 3> out{};
  for (std::size_t k = 0; k < 2; ++k) {
    status[k].resize(rows);
    due[k].resize(rows);
    elapsed[k].resize(rows);
    remaining[k].resize(rows);
    ratio[k].resize(rows);
    minutes[k].resize(rows);
    out[k] = {status[k], due[k], elapsed[k], remaining[k], ratio[k], minutes[k]};
  }
  std::vector<std::int32_t> error(rows);
  SlaColumns in{created, first, resolved, {}, prio, names, offsets, pstarts, pends};
  evaluate_sla_columns(in, *p, now, out, error);
  for (std::size_t i = 0; i < rows; ++i) {
    const SlaEvaluation single = evaluate_sla(tickets[i], *p, now);
    for (std::size_t k = 0; k < 2; ++k) {
      INFO("row " << i << " target " << k);
      CHECK(static_cast<int>(status[k][i]) == static_cast<int>(single[k].status));
      CHECK(elapsed[k][i] == single[k].elapsed_seconds);
      CHECK(minutes[k][i] == single[k].elapsed_minutes);
      CHECK(due[k][i] == (single[k].due ? single[k].due->time_since_epoch().count() : kNoInstant));
      CHECK(remaining[k][i] == single[k].remaining_minutes.value_or(kNoInstant));
    }
  }
}
