// KPI engine: quantile sketch, periods, ticket KPIs and trends, values worked out by hand.
#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/period.hpp>
#include <mspcore/kpi/quantile_sketch.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/kpi/trend.hpp>
#include <mspcore/sla/sla_engine.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

#include "test_support.hpp"

using namespace mspcore;
using mspcore::test::code_of;

namespace {

std::int64_t at(const char* iso) { return unix_seconds(parse_instant(iso)); }
constexpr std::int64_t kNone = kNoInstant;

QuantileSketch sketch_of(std::int64_t from, std::int64_t to) {
  QuantileSketch s;
  for (std::int64_t v = from; v <= to; ++v) s.add(v);
  return s;
}

const KpiColumn& column(const std::vector<KpiColumn>& columns, std::string_view name) {
  for (const KpiColumn& c : columns) {
    if (c.name == name) return c;
  }
  FAIL("no column " << name);
  throw;
}

}  // namespace

TEST_CASE("quantile sketch: exact up to 128 values, numpy's linear interpolation", "[kpi]") {
  QuantileSketch s;
  for (int v : {40, 10, 30, 20}) s.add(v);
  CHECK(s.exact());
  CHECK(s.quantile(0.5) == 25.0);          // (20 + 30) / 2
  CHECK(s.quantile(0.9) == Approx(37.0));  // h = 2.7: 30 + 0.7 * 10
  CHECK(s.quantile(0.0) == 10.0);
  CHECK(s.quantile(1.0) == 40.0);
  CHECK(std::isnan(QuantileSketch{}.quantile(0.5)));
  CHECK(code_of([&] { s.add(-1); }) == ErrorCode::OUT_OF_RANGE);
  CHECK(code_of([&] { (void)s.quantile(1.5); }) == ErrorCode::OUT_OF_RANGE);
}

TEST_CASE("quantile sketch: buckets beyond 128 values stay within 1/128 of the exact order statistic", "[kpi]") {
  const QuantileSketch s = sketch_of(1, 1000);
  CHECK_FALSE(s.exact());
  // Median: ranks 499 and 500 hold 500 and 501, both in the bucket 500..503 (width 4), midpoint 501.5.
  CHECK(s.quantile(0.5) == 501.5);
  // p90: h = 899.1, values 900 and 901, bucket 896..903, midpoint 899.5 (exact: 900.1).
  CHECK(s.quantile(0.9) == 899.5);
  // Values below 128 have a bucket each, so they stay exact.
  QuantileSketch small;
  for (int i = 0; i < 300; ++i) small.add(i % 2 ? 7 : 5);
  CHECK(small.quantile(0.5) == 6.0);
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> dist(9.0, 2.0);
  std::vector<std::int64_t> values;
  QuantileSketch big;
  for (int i = 0; i < 5000; ++i) {
    values.push_back(static_cast<std::int64_t>(dist(rng)));
    big.add(values.back());
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.1, 0.5, 0.9, 0.99}) {
    const double h = q * (values.size() - 1);
    const auto lo = static_cast<std::size_t>(h);
    const double exact = values[lo] + (h - lo) * (values[std::min(lo + 1, values.size() - 1)] - values[lo]);
    CHECK(std::fabs(big.quantile(q) - exact) <= exact * QuantileSketch::kRelativeError);
  }
}

TEST_CASE("quantile sketch: merging partitions gives the sketch of the whole, in any order", "[kpi]") {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::int64_t> dist(0, 3'000'000);
  QuantileSketch whole, a, b, c;
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t v = dist(rng);
    whole.add(v);
    (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(v);
  }
  QuantileSketch abc = a, cba = c, small_first;
  abc.merge(b), abc.merge(c);
  cba.merge(b), cba.merge(a);
  CHECK(abc == whole);
  CHECK(cba == whole);
  for (double q : {0.5, 0.9}) CHECK(abc.quantile(q) == whole.quantile(q));
  // Exact partitions that cross the limit together convert to the same buckets.
  QuantileSketch x = sketch_of(1, 100), y = sketch_of(101, 200);
  x.merge(y);
  CHECK(x == sketch_of(1, 200));
  // Bytes round-trip; foreign bytes are a parse error that names the input.
  CHECK(QuantileSketch::parse(whole.serialize()) == whole);
  CHECK(QuantileSketch::parse(x.serialize()) == x);
  std::string message;
  CHECK(code_of([] { (void)QuantileSketch::parse("QS\x01\x05\x01", "cell 3"); }, &message) == ErrorCode::PARSE_ERROR);
  CHECK(message.find("cell 3") != std::string::npos);
  CHECK(code_of([] { (void)QuantileSketch::parse("nonsense"); }) == ErrorCode::PARSE_ERROR);
}

TEST_CASE("periods: quarters and months in the client's zone, across DST", "[kpi]") {
  const PeriodScheme q(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"));
  // 2025-04-01 00:30 CEST is the second quarter in Berlin, though still March in UTC.
  CHECK(q.label(q.period_of(parse_instant("2025-03-31T22:30:00Z"))) == "2025-Q2");
  CHECK(q.label(q.period_of(parse_instant("2025-03-31T21:59:59Z"))) == "2025-Q1");
  CHECK(format_instant(q.start(q.period_of(parse_instant("2025-05-01T00:00:00Z")))) == "2025-03-31T22:00:00Z");
  const PeriodScheme m(PeriodKind::Month, TimeZone::locate("Europe/Berlin"));
  const std::int32_t march = m.period_of(parse_instant("2025-03-15T12:00:00Z"));
  CHECK(m.label(march) == "2025-03");
  CHECK(format_instant(m.start(march)) == "2025-02-28T23:00:00Z");        // CET, +1
  CHECK(format_instant(m.start(m.next(march))) == "2025-03-31T22:00:00Z");  // CEST, +2
  CHECK(m.start_date(march) == "2025-03-01");
  CHECK(PeriodScheme(PeriodKind::Year, TimeZone::utc()).label(march) == "2025");
}

TEST_CASE("periods: fiscal years start in any month and are named by the year they end in", "[kpi]") {
  const PeriodScheme fq(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"), 4);
  const PeriodScheme fy(PeriodKind::Year, TimeZone::locate("Europe/Berlin"), 4);
  CHECK(fq.label(fq.period_of(parse_instant("2025-03-15T12:00:00Z"))) == "FY2025-Q4");  // Jan-Mar 2025
  CHECK(fq.label(fq.period_of(parse_instant("2025-04-15T12:00:00Z"))) == "FY2026-Q1");
  CHECK(fy.label(fy.period_of(parse_instant("2025-03-31T21:59:59Z"))) == "FY2025");
  CHECK(fy.label(fy.period_of(parse_instant("2025-03-31T22:00:00Z"))) == "FY2026");  // 2025-04-01 00:00 CEST
  CHECK(fy.start_date(fy.period_of(parse_instant("2025-06-01T00:00:00Z"))) == "2025-04-01");
  const PeriodScheme oct(PeriodKind::Quarter, TimeZone::utc(), 10);
  CHECK(oct.label(oct.period_of(parse_instant("2025-10-01T00:00:00Z"))) == "FY2026-Q1");
  CHECK(oct.label(oct.period_of(parse_instant("2025-09-30T23:59:59Z"))) == "FY2025-Q4");
  CHECK(code_of([] { PeriodScheme(PeriodKind::Year, TimeZone::utc(), 13); }) == ErrorCode::OUT_OF_RANGE);
  CHECK(code_of([] { (void)parse_period_kind("week"); }) == ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("periods: the column form agrees with one instant at a time", "[kpi]") {
  const PeriodScheme q(PeriodKind::Month, TimeZone::locate("America/New_York"), 1);
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<std::int64_t> dist(at("2023-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
  std::vector<std::int64_t> seconds(20000);
  for (auto& s : seconds) s = dist(rng);
  seconds[5] = kNone;
  std::vector<std::int32_t> ids(seconds.size());
  q.periods_of(seconds, ids, kNone, -1);
  CHECK(ids[5] == -1);
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    if (i != 5) REQUIRE(ids[i] == q.period_of(from_unix_seconds(seconds[i])));
  }
}

namespace {

// Two tenants, monthly in Berlin. Tenant 0:
//  t0 created 2025-03-03 09:00Z, response +30 min, resolved 2025-03-04 09:00Z (24 h), net, csat +, nps 10, fcr 1, 1.5 h
//  t1 created 2025-03-10 10:00Z, response +90 min, resolved 2025-04-02 10:00Z (552 h), mail, csat -, nps 6, fcr 0,
//     reopened, 2 h
//  t2 created 2025-03-31 22:30Z (April in Berlin), open, net
//  t3 created 2025-03-20 08:00Z, no response, resolved 2025-03-20 20:00Z (12 h), mail, no survey, 0.5 h planned work
// Tenant 1: t4 created 2025-05-05 12:00Z, resolved 2025-05-05 18:00Z (6 h), nps 8.
struct Sample {
  std::vector<std::int64_t> created{at("2025-03-03T09:00:00Z"), at("2025-03-10T10:00:00Z"), at("2025-03-31T22:30:00Z"),
                                    at("2025-03-20T08:00:00Z"), at("2025-05-05T12:00:00Z")};
  std::vector<std::int64_t> first_response{at("2025-03-03T09:30:00Z"), at("2025-03-10T11:30:00Z"), kNone, kNone,
                                           at("2025-05-05T12:10:00Z")};
  std::vector<std::int64_t> resolved{at("2025-03-04T09:00:00Z"), at("2025-04-02T10:00:00Z"), kNone,
                                     at("2025-03-20T20:00:00Z"), at("2025-05-05T18:00:00Z")};
  std::vector<std::int32_t> group{0, 0, 0, 0, 1};
  std::vector<std::int8_t> reopened{0, 1, 0, 0, 0};
  std::vector<std::string> categories{"mail", "net"};
  std::vector<std::int32_t> category{1, 0, 1, 0, -1};
  std::vector<std::int8_t> first_contact{1, 0, -1, -1, -1};
  std::vector<std::int8_t> csat{1, 0, -1, -1, -1};
  std::vector<std::int8_t> nps{10, 6, -1, -1, 8};
  std::vector<std::int64_t> work{5400, 7200, -1, 1800, -1};
  std::vector<std::int8_t> reactive{1, 1, 1, 0, 1};
  TicketKpiColumns columns() const {
    return {created, first_response, resolved, group, reopened, {}, {}, category, categories,
            first_contact, csat, nps, work, reactive};
  }
};

std::vector<std::string> ticket_kpis() {
  std::vector<std::string> ids;
  for (const KpiDefinition& k : kpi_dictionary()) {
    if (k.subject == "ticket") ids.emplace_back(k.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("ticket KPIs: counts, backlog, rates and durations by group and month", "[kpi]") {
  const Sample s;
  const PeriodScheme months(PeriodKind::Month, TimeZone::locate("Europe/Berlin"));
  const TicketKpiGrid grid = accumulate_ticket_kpis(s.columns(), 2, months, nullptr);
  REQUIRE(grid.periods == 3);  // March, April, May 2025
  CHECK(months.label(grid.first_period) == "2025-03");
  const std::vector<double> endpoints{20.0, std::nan("")};
  const auto out = finalize_ticket_kpis(grid, months, ticket_kpis(), endpoints);
  // Cells: tenant 0 March, April, May; tenant 1 March, April, May.
  CHECK(column(out, "created").counts == std::vector<std::int64_t>{3, 1, 0, 0, 0, 1});
  CHECK(column(out, "closed").counts == std::vector<std::int64_t>{2, 1, 0, 0, 0, 1});
  CHECK(column(out, "backlog").counts == std::vector<std::int64_t>{1, 1, 1, 0, 0, 0});
  const auto& reopen = column(out, "reopen_rate_pct").values;
  CHECK(reopen[0] == 0.0);    // March: t0, t3 closed, none reopened
  CHECK(reopen[1] == 100.0);  // April: t1 closed and reopened
  CHECK(std::isnan(reopen[2]));  // May: nothing closed -> null, not 0
  CHECK(column(out, "first_response_hours_mean").values[0] == 1.0);    // (0.5 + 1.5) / 2
  CHECK(column(out, "first_response_hours_p90").values[0] == Approx(1.4));  // 0.5 + 0.9 * 1.0
  CHECK(column(out, "resolution_hours_mean").values[0] == 18.0);      // (24 + 12) / 2
  CHECK(column(out, "resolution_hours_median").values[1] == 552.0);
  CHECK(column(out, "first_contact_resolution_pct").values[0] == 100.0);
  CHECK(column(out, "first_contact_resolution_pct").values[1] == 0.0);
  CHECK(column(out, "csat_positive_pct").values[0] == 100.0);
  CHECK(column(out, "csat_response_rate_pct").values[0] == 50.0);  // t0 answered, t3 did not
  CHECK(column(out, "nps").values[1] == -100.0);                    // one detractor
  CHECK(column(out, "nps").values[5] == 0.0);                       // one passive
  CHECK(column(out, "tickets_per_endpoint").values[0] == Approx(3.0 / 20));
  CHECK(column(out, "rhem").values[0] == Approx(1.5 / 20));  // t3's planned work is not reactive
  CHECK(column(out, "rhem").values[1] == Approx(2.0 / 20));
  CHECK(std::isnan(column(out, "rhem").values[5]));  // tenant 1: endpoints unknown
  CHECK(column(out, "top_categories").text[0] == "mail (2), net (1)");  // t1, t3 and t0; t2 is April's
  CHECK(column(out, "top_categories").text[1] == "net (1)");
  CHECK(std::isnan(column(out, "sla_response_attainment_pct").values[0]));  // no policy: null
}

TEST_CASE("ticket KPIs: partials of any split merge into the whole", "[kpi]") {
  const Sample s;
  const PeriodScheme months(PeriodKind::Month, TimeZone::locate("Europe/Berlin"));
  const TicketKpiGrid whole = accumulate_ticket_kpis(s.columns(), 2, months, nullptr);
  std::vector<std::int32_t> group, period;
  std::vector<std::string> bytes;
  for (std::size_t row = 0; row < s.created.size(); ++row) {  // one ticket per partition
    const auto one = [&](auto& v) { return std::span(v).subspan(row, 1); };
    const TicketKpiColumns c{one(s.created), one(s.first_response), one(s.resolved), one(s.group), one(s.reopened), {}, {},
                             one(s.category), s.categories, one(s.first_contact), one(s.csat), one(s.nps), one(s.work),
                             one(s.reactive)};
    const TicketKpiGrid part = accumulate_ticket_kpis(c, 2, months, nullptr);
    for (std::int32_t g = 0; g < part.groups; ++g) {
      for (std::int32_t k = 0; k < part.periods; ++k) {
        if (part.at(g, k).created + part.at(g, k).closed == 0) continue;
        group.push_back(g);
        period.push_back(part.first_period + k);
        bytes.push_back(part.at(g, k).serialize(part.category_names));
      }
    }
  }
  const std::vector<std::string_view> views(bytes.begin(), bytes.end());
  const TicketKpiGrid merged = grid_from_partials(group, period, views, 2, months);
  REQUIRE(merged.periods == whole.periods);
  const auto a = finalize_ticket_kpis(whole, months, ticket_kpis(), {});
  const auto b = finalize_ticket_kpis(merged, months, ticket_kpis(), {});
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK(a[i].counts == b[i].counts);
    CHECK(a[i].text == b[i].text);
    for (std::size_t j = 0; j < a[i].values.size(); ++j) {
      CHECK((a[i].values[j] == b[i].values[j] || (std::isnan(a[i].values[j]) && std::isnan(b[i].values[j]))));
    }
  }
  std::vector<std::string> names;
  CHECK(code_of([&] { (void)TicketKpiPartial::parse("TK\x01", names, "row 4"); }) == ErrorCode::PARSE_ERROR);
  // Month ids are not quarter starts; a group beyond the table is out of range.
  const PeriodScheme quarters(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"));
  const std::string_view one[] = {views[0]};
  const auto first = std::span(period).first(1);
  CHECK(code_of([&] { (void)grid_from_partials(std::span(group).first(1), first, one, 2, quarters); }) ==
        ErrorCode::INVALID_ARGUMENT);
  const std::int32_t bad_group[] = {2};
  CHECK(code_of([&] { (void)grid_from_partials(bad_group, first, one, 2, months); }) == ErrorCode::OUT_OF_RANGE);
}

TEST_CASE("ticket KPIs: bad rows are errors that name the column and row", "[kpi]") {
  Sample s;
  const PeriodScheme q(PeriodKind::Quarter, TimeZone::utc());
  std::string message;
  s.resolved[3] = at("2025-03-19T00:00:00Z");  // before created
  CHECK(code_of([&] { (void)accumulate_ticket_kpis(s.columns(), 2, q, nullptr); }, &message) ==
        ErrorCode::INVALID_TIMELINE);
  CHECK(message == "resolved[3] is before created");
  s = Sample{};
  s.nps[1] = 11;
  CHECK(code_of([&] { (void)accumulate_ticket_kpis(s.columns(), 2, q, nullptr); }, &message) == ErrorCode::OUT_OF_RANGE);
  CHECK(message == "nps[1] is 11, outside -1..10");
  s = Sample{};
  CHECK(code_of([&] { (void)accumulate_ticket_kpis(s.columns(), 1, q, nullptr); }, &message) == ErrorCode::OUT_OF_RANGE);
  CHECK(message == "group[4] is 1, outside 0..0");
  s.created[0] = kNone;
  CHECK(code_of([&] { (void)accumulate_ticket_kpis(s.columns(), 2, q, nullptr); }, &message) == ErrorCode::INVALID_TIME);
  CHECK(code_of([&] { (void)find_kpi("mttr"); }) == ErrorCode::NOT_FOUND);
}

TEST_CASE("ticket KPIs: business hours and SLA attainment follow the policy", "[kpi]") {
  // 09:00-17:00 Berlin on weekdays; response 60 min, resolution 480 min (8 business hours).
  const auto policy = SlaPolicy::from_json(R"({
    "calendar": {"tz": "Europe/Berlin", "week": {
       "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
       "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}},
    "targets": {"response_minutes": 60, "resolution_minutes": 480}})");
  // Friday 2025-06-06 16:00 CEST (14:00Z): response Monday 09:30 CEST = 1.5 business hours (breached),
  // resolved Monday 12:00 CEST = 4 business hours (met). Second ticket: Tue 10:00 -> 10:20 response (met),
  // resolved Wed 11:00 = 7 + 2 = 9 business hours (breached).
  const std::vector<std::int64_t> created{at("2025-06-06T14:00:00Z"), at("2025-06-10T08:00:00Z")};
  const std::vector<std::int64_t> response{at("2025-06-09T07:30:00Z"), at("2025-06-10T08:20:00Z")};
  const std::vector<std::int64_t> resolved{at("2025-06-09T10:00:00Z"), at("2025-06-11T09:00:00Z")};
  const std::vector<std::int32_t> group{0, 0}, priority{0, 0};
  const std::vector<std::string> priorities{"P3"};
  const TicketKpiColumns c{created, response, resolved, group, {}, priority, priorities, {}, {}, {}, {}, {}, {}, {}};
  const PeriodScheme q(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"));
  const auto out = finalize_ticket_kpis(accumulate_ticket_kpis(c, 1, q, policy.get()), q, ticket_kpis(), {});
  CHECK(column(out, "first_response_business_hours_mean").values[0] == Approx((1.5 + 20.0 / 60) / 2));
  CHECK(column(out, "resolution_business_hours_median").values[0] == Approx(6.5));  // (4 + 9) / 2
  CHECK(column(out, "resolution_hours_mean").values[0] == Approx((68.0 + 25.0) / 2));  // 24x7: 68 h and 25 h
  CHECK(column(out, "sla_response_attainment_pct").values[0] == 50.0);
  CHECK(column(out, "sla_resolution_attainment_pct").values[0] == 50.0);
}

TEST_CASE("trends: delta, slope, moving average and XmR signals per group", "[kpi]") {
  const double n = std::nan("");
  // Group 0: 10, 12, null, 14, 30.  Group 1: 5, 5, 5, 5, 5.
  const std::vector<double> v{10, 12, n, 14, 30, 5, 5, 5, 5, 5};
  const KpiTrend t = kpi_trend(v, 2, 5, 3);
  CHECK(t.delta[1] == 2.0);
  CHECK(std::isnan(t.delta[2]));
  CHECK(std::isnan(t.delta[3]));
  CHECK(t.delta[4] == 16.0);
  // Window of 3 at period 3: points (1, 12) and (3, 14): slope 1, mean 13.
  CHECK(t.slope[3] == Approx(1.0));
  CHECK(t.moving_average[3] == Approx(13.0));
  // Period 4: (3, 14), (4, 30): slope 16; moving average of 14 and 30.
  CHECK(t.slope[4] == Approx(16.0));
  CHECK(t.moving_average[4] == Approx(22.0));
  // Group 0: median 13, moving ranges |12-10| = 2 and |30-14| = 16 (the null breaks 12 -> 14): median 9;
  // limits 13 +- 28.3 hold every value; the jump 16 is below 3.865 * 9. No signal.
  CHECK(t.unusual[4] == 0);
  CHECK(t.unusual[2] == -1);
  CHECK(t.unusual[5] == 0);  // constant series
  CHECK(std::isnan(t.slope[5]));  // one point
  // A steady series with one spike: 10, 11, 10, 11, 10, 11, 40.
  const std::vector<double> spike{10, 11, 10, 11, 10, 11, 40};
  const KpiTrend s = kpi_trend(spike, 1, 7, 2);
  // median 11, moving ranges 1 x 5 and 29: median 1; limits 11 +- 3.145 hold 10 and 11, not 40.
  // (A mean-based chart would miss it: the spike itself widens mean +- 2.66 x mean range to 14.7 +- 15.1.)
  CHECK(s.unusual[6] == 1);
  CHECK(s.unusual[5] == 0);
  CHECK(code_of([&] { (void)kpi_trend(spike, 2, 7, 2); }) == ErrorCode::INVALID_ARGUMENT);
}

namespace {

/// n random tickets of `tenants` tenants over 2024-2025 (fixed seed).
struct RandomTickets {
  std::vector<std::int64_t> created, response, resolved;
  std::vector<std::int32_t> group;
  std::vector<std::int8_t> nps;
  RandomTickets(std::size_t n, std::int32_t tenants) : created(n), response(n), resolved(n), group(n), nps(n) {
    std::mt19937_64 rng(17);
    std::uniform_int_distribution<std::int64_t> when(at("2024-01-01T00:00:00Z"), at("2025-12-31T00:00:00Z"));
    std::uniform_int_distribution<std::int64_t> took(0, 40 * 86400);
    std::uniform_int_distribution<std::int32_t> tenant(0, tenants - 1);
    std::uniform_int_distribution<int> score(-1, 10);
    for (std::size_t i = 0; i < n; ++i) {
      created[i] = when(rng);
      response[i] = i % 7 ? created[i] + took(rng) / 20 : kNone;
      resolved[i] = i % 5 ? created[i] + took(rng) : kNone;
      group[i] = tenant(rng);
      nps[i] = static_cast<std::int8_t>(score(rng));
    }
  }
  TicketKpiColumns columns(std::size_t begin, std::size_t end) const {
    const auto part = [&](const auto& v) { return std::span(v).subspan(begin, end - begin); };
    return {part(created), part(response), part(resolved), part(group), {}, {}, {}, {}, {}, {}, {}, part(nps), {}, {}};
  }
};

bool same_columns(const std::vector<KpiColumn>& a, const std::vector<KpiColumn>& b) {
  const auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  bool ok = a.size() == b.size();
  for (std::size_t k = 0; ok && k < a.size(); ++k) {
    ok = a[k].counts == b[k].counts &&
         std::equal(a[k].values.begin(), a[k].values.end(), b[k].values.begin(), b[k].values.end(), same);
  }
  return ok;
}

}  // namespace

TEST_CASE("ticket KPIs: the result does not depend on the number of threads", "[kpi]") {
  // 300 tenants: few slices, so threads split the rows; 3,000: threads share blocks by slice.
  for (std::int32_t tenants : {300, 3000}) {
    INFO(tenants << " tenants");
    const RandomTickets r(800'000, tenants);  // enough rows for three threads
    const TicketKpiColumns c = r.columns(0, r.created.size());
    const PeriodScheme q(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"));
    const auto one = finalize_ticket_kpis(accumulate_ticket_kpis(c, tenants, q, nullptr, 1), q, ticket_kpis(), {});
    for (unsigned threads : {2u, 3u}) {
      INFO(threads << " threads");
      CHECK(same_columns(one, finalize_ticket_kpis(accumulate_ticket_kpis(c, tenants, q, nullptr, threads), q,
                                                   ticket_kpis(), {})));
    }
  }
}

TEST_CASE("ticket KPIs: blocks added to an accumulator give the result of one call", "[kpi]") {
  const RandomTickets r(600'000, 2000);
  const std::size_t n = r.created.size();
  const PeriodScheme q(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"));
  const TicketKpiGrid whole = accumulate_ticket_kpis(r.columns(0, n), 2000, q, nullptr);
  TicketKpiAccumulator blocks(2000, q, ticket_kpi_range(r.columns(0, n), q), {}, nullptr, 2);
  for (std::size_t begin : {std::size_t{0}, std::size_t{1}, std::size_t{70'001}, std::size_t{400'000}}) {
    const std::size_t end = begin == 400'000 ? n : begin == 0 ? 1 : begin == 1 ? 70'001 : 400'000;
    blocks.add(r.columns(begin, end));
  }
  const TicketKpiGrid grid = blocks.finish();
  REQUIRE(grid.cells.size() == whole.cells.size());
  CHECK(std::equal(grid.cells.begin(), grid.cells.end(), whole.cells.begin(), [](const auto& a, const auto& b) {
    return a.serialize({}) == b.serialize({});
  }));
  CHECK(same_columns(finalize_ticket_kpis(grid, q, ticket_kpis(), {}), finalize_ticket_kpis(whole, q, ticket_kpis(), {})));

  // Rows are named from the first row of the first block, and a bad block adds nothing.
  TicketKpiAccumulator bad(2000, q, ticket_kpi_range(r.columns(0, 1000), q), {}, nullptr);
  bad.add(r.columns(0, 500));
  RandomTickets broken = r;
  broken.nps[700] = 12;
  std::string message;
  CHECK(code_of([&] { bad.add(broken.columns(500, 1000)); }, &message) == ErrorCode::OUT_OF_RANGE);
  CHECK(message == "nps[700] is 12, outside -1..10");
  bad.add(r.columns(500, 1000));
  CHECK(same_columns(finalize_ticket_kpis(bad.finish(), q, ticket_kpis(), {}),
                     finalize_ticket_kpis(accumulate_ticket_kpis(r.columns(0, 1000), 2000, q, nullptr), q, ticket_kpis(),
                                          {})));
  // With bad rows in several parts the first check in column order wins, then the first row,
  // whatever the number of threads.
  RandomTickets two = r;
  two.nps[590'000] = 11;
  two.resolved[10] = two.created[10] - 1;
  two.nps[595'000] = 12;
  for (unsigned threads : {1u, 3u}) {
    INFO(threads << " threads");
    CHECK(code_of([&] { (void)accumulate_ticket_kpis(two.columns(0, n), 2000, q, nullptr, threads); }, &message) ==
          ErrorCode::OUT_OF_RANGE);
    CHECK(message == "nps[590000] is 11, outside -1..10");
  }
  // An instant beyond the range given upfront is named, not bucketed into a wrong period.
  TicketKpiRange early = ticket_kpi_range(r.columns(0, 1), q);
  TicketKpiAccumulator narrow(2000, q, early, {}, nullptr);
  CHECK(code_of([&] { narrow.add(r.columns(0, 1000)); }, &message) == ErrorCode::OUT_OF_RANGE);
  CHECK(message.find("] ") != std::string::npos);
  CHECK(message.find("is outside the periods") != std::string::npos);
}

TEST_CASE("KPI selection: what the inputs allow, or the requested ids checked", "[kpi]") {
  const std::vector<std::string> inputs{"resolved", "nps"};
  const auto all = select_kpis("ticket", std::nullopt, inputs);
  // No first_response, priority or policy: none of the response or SLA KPIs.
  CHECK(std::find(all.begin(), all.end(), "resolution_hours_median") != all.end());
  CHECK(std::find(all.begin(), all.end(), "nps") != all.end());
  CHECK(std::find(all.begin(), all.end(), "first_response_hours_median") == all.end());
  CHECK(std::find(all.begin(), all.end(), "assets") == all.end());  // another subject
  CHECK(select_kpis("ticket", std::vector<std::string>{"nps", "created"}, inputs) ==
        std::vector<std::string>{"nps", "created"});
  std::string message;
  CHECK(code_of([&] { select_kpis("ticket", std::vector<std::string>{"sla_response_attainment_pct"}, inputs); },
                &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "KPI 'sla_response_attainment_pct' needs first_response, priority, policy");
  CHECK(code_of([&] { select_kpis("asset", std::vector<std::string>{"nps"}, inputs); }, &message) ==
        ErrorCode::NOT_FOUND);
  CHECK(message == "unknown asset KPI 'nps' (see kpi_dictionary())");
}

TEST_CASE("work hours become whole seconds, half to even; NaN is none", "[kpi]") {
  const std::vector<double> hours{1.5, 0.0, std::nan(""), 1.0 / 7200, 3.0 / 7200};
  std::vector<std::int64_t> seconds(hours.size());
  work_seconds_from_hours(hours, seconds);
  CHECK(seconds == std::vector<std::int64_t>{5400, 0, -1, 0, 2});  // 0.5 s -> 0, 1.5 s -> 2
  std::string message;
  const std::vector<double> bad{2.0, -0.25};
  std::vector<std::int64_t> out(2);
  CHECK(code_of([&] { work_seconds_from_hours(bad, out); }, &message) == ErrorCode::OUT_OF_RANGE);
  CHECK(message == "work_hours[1] is -0.25, not a number of hours >= 0");
  const std::vector<double> huge{1e300};
  std::vector<std::int64_t> one(1);
  CHECK(code_of([&] { work_seconds_from_hours(huge, one); }, &message) == ErrorCode::OUT_OF_RANGE);
}
