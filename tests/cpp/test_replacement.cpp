// vCIO replacement policy: hand-worked replacement dates (purchase + max age, pulled earlier
// by service signals), the 12-month window's edges, the overall status, the budget, bad input.
// Days are counted on a calendar, month by month from as_of (e.g. 2025-10-15 -> 2026-04-15:
// 31 + 30 + 31 + 31 + 28 + 31 = 182).
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace mspcore;
using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(lifecycle_evaluate_json(request.dump())); }

json laptop(const std::string& purchase) {
  return {{"id", "NB-1"}, {"tenant", "acme"}, {"type", "laptop"}, {"purchase_date", purchase}};
}

// `n` reactive tickets on NB-1, dated `date`, with `minutes` each.
json tickets(int n, const std::string& date, int minutes = 0) {
  json out = json::array();
  for (int i = 0; i < n; ++i) out.push_back({{"tenant", "acme"}, {"asset_id", "NB-1"}, {"date", date}, {"minutes", minutes}});
  return out;
}

json one(const json& asset, const std::string& as_of, const json& service = json::array(),
         const json& policy = json(nullptr)) {
  return run({{"as_of", as_of}, {"assets", {asset}}, {"service", service}, {"policy", policy}})["assets"][0];
}

std::string error_of(const json& request) {
  return test::error_text_of([&] { run(request); });
}

const std::string kRule = "(policy: 6 months per 6 tickets or per 8 reactive hours, at most 24)";

}  // namespace

TEST_CASE("replacement by age: the max-age day is due soon, the day after overdue, the window edge", "[replacement]") {
  // A laptop's max age is 4 years: bought 2021-10-15, replace by 2025-10-15, as_of itself.
  json a = one(laptop("2021-10-15"), "2025-10-15");
  CHECK(a["replacement_status"] == "due_soon");
  CHECK(a["replacement_code"] == "replacement_due_by_age");
  CHECK(a["replacement_date"] == "2025-10-15");
  CHECK(a["replacement_by_age"] == "2025-10-15");
  CHECK(a["replacement_days_left"] == 0);
  CHECK(a["replacement_reason"] ==
        "replace by 2025-10-15, today (window 90): purchase 2021-10-15 + 4 years, the max age of a laptop");
  // A day before the max-age date: 1 day left; a day after it: overdue.
  CHECK(one(laptop("2021-10-16"), "2025-10-15")["replacement_days_left"] == 1);
  a = one(laptop("2021-10-14"), "2025-10-15");
  CHECK(a["replacement_status"] == "overdue");
  CHECK(a["replacement_reason"] ==
        "replacement was due 2025-10-14, 1 day ago: purchase 2021-10-14 + 4 years, the max age of a laptop");
  // 2026-01-13 is 90 days after 2025-10-15 (16 + 30 + 31 + 13): the window edge; a day later supported.
  CHECK(one(laptop("2022-01-13"), "2025-10-15")["replacement_status"] == "due_soon");
  a = one(laptop("2022-01-14"), "2025-10-15");
  CHECK(a["replacement_status"] == "supported");
  CHECK(a["replacement_code"] == "replacement_planned");
  CHECK(a["replacement_days_left"] == 91);
  CHECK(a["replacement_payer"] == "client");
  CHECK(a["replacement_value_source"].is_null());
}

TEST_CASE("replacement: a leap-day purchase", "[replacement]") {
  // 2020-02-29 + 4 years is 2024-02-29 (a leap year again); + 6 years (a server) is 2026-02-28.
  json a = one(laptop("2020-02-29"), "2024-02-28");
  CHECK(a["replacement_date"] == "2024-02-29");
  CHECK(a["replacement_days_left"] == 1);
  json server = laptop("2020-02-29");
  server["type"] = "server";
  CHECK(one(server, "2024-02-28")["replacement_date"] == "2026-02-28");
  // 2024-02-29 pulled 6 months is 2023-08-29 (as of 2023-01-01: 6 tickets in 2022).
  a = one(laptop("2020-02-29"), "2023-01-01", tickets(6, "2022-06-01"));
  CHECK(a["replacement_date"] == "2023-08-29");
  CHECK(a["replacement_pulled_months"] == 6);
}

TEST_CASE("service signals pull the replacement by 6, by 12 months, and up to the cap", "[replacement]") {
  // Bought 2022-10-15: by age 2026-10-15, 365 days after as_of 2025-10-15: supported.
  const json nb = laptop("2022-10-15");
  json a = one(nb, "2025-10-15");
  CHECK(a["replacement_days_left"] == 365);
  CHECK(a["replacement_pulled_months"] == 0);
  // 6 tickets: 6 / 6 = 1 step of 6 months -> 2026-04-15, 182 days: still supported, planned.
  a = one(nb, "2025-10-15", tickets(6, "2025-05-01"));
  CHECK(a["replacement_tickets_12m"] == 6);
  CHECK(a["replacement_pulled_months"] == 6);
  CHECK(a["replacement_date"] == "2026-04-15");
  CHECK(a["replacement_days_left"] == 182);
  CHECK(a["replacement_code"] == "replacement_planned");
  CHECK(a["replacement_reason"] ==
        "replace by 2026-04-15, in 182 days (window 90): purchase 2022-10-15 + 4 years, the max age of a laptop, is "
        "2026-10-15; 6 tickets and 0.00 reactive hours in the last 12 months pull it 6 months earlier " + kRule);
  // 5 tickets: 5 / 6 = 0 steps: nothing pulled, the counts still named.
  a = one(nb, "2025-10-15", tickets(5, "2025-05-01"));
  CHECK(a["replacement_pulled_months"] == 0);
  CHECK(a["replacement_date"] == "2026-10-15");
  CHECK(a["replacement_reason"] ==
        "replace by 2026-10-15, in 365 days (window 90): purchase 2022-10-15 + 4 years, the max age of a laptop; 5 "
        "tickets and 0.00 reactive hours in the last 12 months pull nothing " + kRule);
  // 14 tickets of 49 or 50 minutes (690 = 11.50 h): 14 / 6 = 2 steps, 690 / 480 = 1 step; the
  // larger, 2 x 6 = 12 months: 2026-10-15 - 12 months = 2025-10-15, today. The age date alone
  // would be supported, so the service decides: replacement_pulled_by_service.
  json service = tickets(4, "2025-09-01", 50);
  for (const json& t : tickets(10, "2025-09-02", 49)) service.push_back(t);  // 4 x 50 + 10 x 49 = 690
  a = one(nb, "2025-10-15", service);
  CHECK(a["replacement_reactive_minutes_12m"] == 690);
  CHECK(a["replacement_reactive_hours_12m"] == "11.50");
  CHECK(a["replacement_pulled_months"] == 12);
  CHECK(a["replacement_date"] == "2025-10-15");
  CHECK(a["replacement_status"] == "due_soon");
  CHECK(a["replacement_code"] == "replacement_pulled_by_service");
  CHECK(a["replacement_reason"] ==
        "replace by 2025-10-15, today (window 90): purchase 2022-10-15 + 4 years, the max age of a laptop, is "
        "2026-10-15; 14 tickets and 11.50 reactive hours in the last 12 months pull it 12 months earlier " + kRule);
  // Hours alone: 17 h in time entries (no tickets) = 1,020 minutes, 1020 / 480 = 2 steps: 12 months.
  const json entries = {{{"tenant", "acme"}, {"asset_id", "NB-1"}, {"date", "2025-03-01"}, {"kind", "time_entry"},
                         {"hours", "9.5"}},
                        {{"tenant", "acme"}, {"asset_id", "NB-1"}, {"date", "2025-03-02"}, {"kind", "time_entry"},
                         {"minutes", 450}}};
  a = one(nb, "2025-10-15", entries);
  CHECK(a["replacement_tickets_12m"] == 0);
  CHECK(a["replacement_reactive_minutes_12m"] == 1020);
  CHECK(a["replacement_pulled_months"] == 12);
  // The cap: 30 tickets are 5 steps = 30 months, capped at 24. Bought 2023-06-01: by age
  // 2027-06-01, - 24 months = 2025-06-01, before as_of: the pull stops at today.
  a = one(laptop("2023-06-01"), "2025-10-15", tickets(30, "2025-01-10"));
  CHECK(a["replacement_pulled_months"] == 24);
  CHECK(a["replacement_date"] == "2025-10-15");
  CHECK(a["replacement_status"] == "due_soon");
  CHECK(a["replacement_reason"] ==
        "replace by 2025-10-15, today (window 90): purchase 2023-06-01 + 4 years, the max age of a laptop, is "
        "2027-06-01; 30 tickets and 0.00 reactive hours in the last 12 months pull it 24 months earlier, but not "
        "before today " + kRule);
  // A policy cap of 12 and 3 months a step: 30 / 6 = 5 steps x 3 = 15, capped at 12 -> 2026-06-01.
  const json policy = {{"pull_months", {{"laptop", 3}}}, {"max_pull_months", {{"default", 12}}}};
  a = one(laptop("2023-06-01"), "2025-10-15", tickets(30, "2025-01-10"), policy);
  CHECK(a["replacement_pulled_months"] == 12);
  CHECK(a["replacement_date"] == "2026-06-01");
  // pull_months 0 turns service signals off.
  a = one(laptop("2023-06-01"), "2025-10-15", tickets(30, "2025-01-10"), {{"pull_months", {{"default", 0}}}});
  CHECK(a["replacement_pulled_months"] == 0);
  CHECK(a["replacement_date"] == "2027-06-01");
}

TEST_CASE("service window: the 12 months up to as_of, as_of included, the day a year back excluded", "[replacement]") {
  // as_of 2025-10-15 counts 2024-10-16 .. 2025-10-15. 5 tickets inside plus one on the
  // boundary: 2024-10-15 does not count (5: no pull), 2024-10-16 does (6: 6 months).
  const json nb = laptop("2022-10-15");
  json service = tickets(5, "2025-10-15");
  service.push_back(tickets(1, "2024-10-15")[0]);
  CHECK(one(nb, "2025-10-15", service)["replacement_tickets_12m"] == 5);
  service[5]["date"] = "2024-10-16";
  CHECK(one(nb, "2025-10-15", service)["replacement_tickets_12m"] == 6);
  // After as_of, and planned (not reactive) work: not counted.
  service[5]["date"] = "2025-10-16";
  CHECK(one(nb, "2025-10-15", service)["replacement_tickets_12m"] == 5);
  service[5]["date"] = "2025-01-01";
  service[5]["reactive"] = false;
  service[5]["minutes"] = 600;
  const json a = one(nb, "2025-10-15", service);
  CHECK(a["replacement_tickets_12m"] == 5);
  CHECK(a["replacement_reactive_minutes_12m"] == 0);
}

TEST_CASE("replacement unknown: no purchase date, no max age; it joins the overall status", "[replacement]") {
  // A warranty in force, no purchase date: the replacement is unknown, and so is the asset.
  json nb = {{"id", "NB-1"}, {"tenant", "acme"}, {"type", "laptop"}, {"warranty_end", "2030-01-01"}, {"os", "Windows 11"},
             {"os_version", "24H2"}, {"os_edition", "Pro"}};
  json a = one(nb, "2025-10-15", tickets(7, "2025-02-01", 30));
  CHECK(a["warranty_status"] == "supported");
  CHECK(a["os_status"] == "supported");
  CHECK(a["replacement_status"] == "unknown");
  CHECK(a["replacement_code"] == "replacement_no_purchase_date");
  CHECK(a["replacement_date"].is_null());
  CHECK(a["replacement_pulled_months"] == 6);  // 7 / 6 = 1 step: what the rule would pull
  CHECK(a["replacement_reason"] ==
        "no purchase date: the replacement date (purchase + max age) is unknown; 7 tickets and 3.50 reactive hours in "
        "the last 12 months");
  CHECK(a["status"] == "unknown");
  CHECK(a["reason_code"] == "replacement_no_purchase_date");
  // "other" has no max age.
  json ups = {{"id", "UPS-1"}, {"tenant", "acme"}, {"type", "other"}, {"purchase_date", "2024-01-01"}};
  a = one(ups, "2025-10-15");
  CHECK(a["replacement_code"] == "replacement_no_max_age");
  CHECK(a["replacement_reason"] == "asset type other has no max age in the replacement policy (purchase 2024-01-01)");
  // A max age from the policy: 2024-01-01 + 2 years = 2026-01-01, 78 days (16 + 30 + 31 + 1): due soon.
  a = one(ups, "2025-10-15", json::array(), {{"max_age_years", {{"other", 2}}}});
  CHECK(a["replacement_status"] == "due_soon");
  CHECK(a["replacement_days_left"] == 78);
}

TEST_CASE("overall status: the most urgent check, on a tie the earliest, else warranty, OS, replacement", "[replacement]") {
  // A laptop bought 2021-11-01 with no warranty end: the warranty estimate and the replacement
  // are both 2025-11-01 (typical life = max age = 4): the warranty decides as before.
  json a = one(laptop("2021-11-01"), "2025-10-15");
  CHECK(a["warranty_end"] == "2025-11-01");
  CHECK(a["replacement_date"] == "2025-11-01");
  CHECK(a["reason_code"] == "warranty_ending");
  // A warranty to 2027: the pulled replacement (due today) is more urgent and decides.
  json nb = laptop("2022-10-15");
  nb["warranty_end"] = "2027-10-15";
  a = one(nb, "2025-10-15", tickets(12, "2025-06-01"));
  CHECK(a["status"] == "due_soon");
  CHECK(a["reason_code"] == "replacement_pulled_by_service");
  CHECK(a["window_days"] == 90);
}

TEST_CASE("replacement policy: default values and payers", "[replacement]") {
  const json policy = {{"replacement_value", {{"laptop", {{"amount", "1100.00"}, {"currency", "EUR"}}}}},
                       {"payer", {{"default", "shared"}, {"laptop", "msp"}}}};
  json nb = laptop("2021-10-15");
  json a = one(nb, "2025-10-15", json::array(), policy);
  CHECK(a["replacement_value"] == "1100.00");
  CHECK(a["currency"] == "EUR");
  CHECK(a["replacement_value_source"] == "policy");
  CHECK(a["replacement_payer"] == "msp");
  nb["replacement_value"] = "950.00";  // the asset's own value wins
  nb["currency"] = "EUR";
  a = one(nb, "2025-10-15", json::array(), policy);
  CHECK(a["replacement_value"] == "950.00");
  CHECK(a["replacement_value_source"] == "asset");
  nb["type"] = "workstation";  // the default payer
  CHECK(one(nb, "2025-10-15", json::array(), policy)["replacement_payer"] == "shared");
}

TEST_CASE("budget: replacements by replacement date, policy value, MSP-paid and shared", "[replacement][budget]") {
  // As of 2025-10-15. NB-1 (bought 2021-12-01) is due 2025-12-01 by age: 2025-Q4, the
  // policy's 1,100.00. NB-2 (bought 2022-02-10: by age 2026-02-10, 118 days, supported) is
  // pulled 6 months by 6 tickets to 2025-08-10, before today: replace by 2025-10-15, due
  // soon, 2025-Q4, its own 800.00. SRV-1 (bought 2019-03-01, + 6 = 2025-03-01) is overdue,
  // paid by the MSP: a finding, not budgeted. SW-1 (network, 2018-01-10 + 7 = 2025-01-10) is
  // overdue and shared: 2,000.00 budgeted in full, in as_of's quarter, with a finding.
  json service = json::array();
  for (int i = 0; i < 6; ++i) service.push_back({{"tenant", "acme"}, {"asset_id", "NB-2"}, {"date", "2025-04-01"}});
  const json lifecycle = {
      {"as_of", "2025-10-15"},
      {"assets",
       {{{"id", "NB-1"}, {"tenant", "acme"}, {"type", "laptop"}, {"purchase_date", "2021-12-01"},
         {"warranty_end", "2026-12-01"}},
        {{"id", "NB-2"}, {"tenant", "acme"}, {"type", "laptop"}, {"purchase_date", "2022-02-10"},
         {"warranty_end", "2027-02-10"}, {"replacement_value", "800.00"}, {"currency", "EUR"}},
        {{"id", "SRV-1"}, {"tenant", "acme"}, {"type", "server"}, {"purchase_date", "2019-03-01"},
         {"warranty_end", "2027-03-01"}, {"replacement_value", "4500.00"}, {"currency", "EUR"}},
        {{"id", "SW-1"}, {"tenant", "acme"}, {"type", "network"}, {"purchase_date", "2018-01-10"},
         {"warranty_end", "2027-01-10"}, {"replacement_value", "2000.00"}, {"currency", "EUR"}}}},
      {"service", service},
      {"policy",
       {{"replacement_value", {{"laptop", {{"amount", "1100.00"}, {"currency", "EUR"}}}}},
        {"payer", {{"server", "msp"}, {"network", "shared"}}}}}};
  const json b = json::parse(vcio_budget_json(json{{"lifecycle", lifecycle}, {"years", 1}}.dump()));
  REQUIRE(b["initiatives"].size() == 3);
  CHECK(b["initiatives"][0]["id"] == "replace:NB-1");
  CHECK(b["initiatives"][0]["quarter"] == "2025-Q4");
  CHECK(b["initiatives"][0]["priority"] == 2);
  CHECK(b["initiatives"][1]["id"] == "replace:NB-2");
  CHECK(b["initiatives"][1]["quarter"] == "2025-Q4");
  CHECK(b["initiatives"][1]["title"] ==
        "Replace laptop NB-2: replace by 2025-10-15, today (window 90): purchase 2022-02-10 + 4 years, the max age of "
        "a laptop, is 2026-02-10; 6 tickets and 0.00 reactive hours in the last 12 months pull it 6 months earlier, "
        "but not before today " + kRule);
  CHECK(b["initiatives"][2]["id"] == "replace:SW-1");
  CHECK(b["initiatives"][2]["priority"] == 1);
  CHECK(b["lines"][0]["name"] == "replacement (policy value)");
  CHECK(b["lines"][0]["amount"] == "1100.00");
  // 1,100.00 + 800.00 + 2,000.00 = 3,900.00 in FY2025 Q4; SRV-1's 4,500.00 is not there.
  CHECK(b["fiscal_years"][0]["capex"] == "3900.00");
  REQUIRE(b["findings"].size() == 3);
  CHECK(b["findings"][0]["code"] == "replacement_value_from_policy");
  CHECK(b["findings"][0]["text"] == "NB-1 has no replacement_value: the policy's value for a laptop (EUR 1100.00) is budgeted");
  CHECK(b["findings"][1]["code"] == "replacement_paid_by_msp");
  CHECK(b["findings"][1]["text"] ==
        "SRV-1 is overdue; its replacement (EUR 4500.00) is paid by the MSP (policy payer of a server): not in the "
        "client's budget");
  CHECK(b["findings"][2]["code"] == "replacement_cost_shared");
  CHECK(b["findings"][2]["text"] ==
        "SW-1's replacement is shared between client and MSP (policy payer of a network): the full EUR 2000.00 is "
        "budgeted; agree the client's share");
}

TEST_CASE("service records and the replacement policy: bad input is named", "[replacement]") {
  const json nb = laptop("2022-10-15");
  const auto with = [&](const json& record) {
    return json{{"as_of", "2025-10-15"}, {"assets", {nb}}, {"service", {tickets(1, "2025-01-01")[0], record}}};
  };
  json s = tickets(1, "2025-01-01")[0];
  s["asset_id"] = "NB-9";
  CHECK(error_of(with(s)) ==
        "INVALID_ARGUMENT: service[1] (tenant 'acme' asset 'NB-9').asset_id: no asset 'NB-9' of tenant 'acme' in assets");
  s = tickets(1, "2025-01-01")[0];
  s["tenant"] = "globex";
  CHECK(error_of(with(s)) == "INVALID_ARGUMENT: service[1] (tenant 'globex' asset 'NB-1').asset_id: no asset 'NB-1' of "
                             "tenant 'globex' in assets");
  s = tickets(1, "2025-01-01", -5)[0];
  CHECK(error_of(with(s)) == "OUT_OF_RANGE: service[1] (tenant 'acme' asset 'NB-1').minutes: -5 is outside 0..527040");
  s = tickets(1, "2025-02-30")[0];
  CHECK(error_of(with(s)) == "INVALID_TIME: service[1] (tenant 'acme' asset 'NB-1').date: '2025-02-30' is not a valid "
                             "ISO-8601 time (no such date 2025-02-30)");
  s = tickets(1, "2025-01-01")[0];
  s["hours"] = "1.5";
  CHECK(error_of(with(s)) == "INVALID_ARGUMENT: service[1] (tenant 'acme' asset 'NB-1').hours: give minutes or hours, not both");
  s.erase("minutes");
  s["hours"] = "0.01";
  CHECK(error_of(with(s)) == "INVALID_ARGUMENT: service[1] (tenant 'acme' asset 'NB-1').hours: 0.01 hours is not a whole "
                             "number of minutes (0.60)");
  s["hours"] = 1.5;
  CHECK(error_of(with(s)) == "INVALID_TYPE: service[1] (tenant 'acme' asset 'NB-1').hours: 1.5 is a binary floating-point "
                             "number; hours must be exact: write it as a string (\"1.5\") or give minutes");
  s["hours"] = "-1";
  CHECK(error_of(with(s)) == "OUT_OF_RANGE: service[1] (tenant 'acme' asset 'NB-1').hours: -1 is outside 0..8784");
  s.erase("hours");
  s["kind"] = "call";
  CHECK(error_of(with(s)) == "INVALID_ARGUMENT: service[1] (tenant 'acme' asset 'NB-1').kind: unknown service kind 'call' "
                             "(known: ticket, time_entry)");
  s = tickets(1, "2025-01-01")[0];
  s.erase("date");
  CHECK(error_of(with(s)) == "INVALID_ARGUMENT: service[1] (tenant 'acme' asset 'NB-1'): date is missing");

  const auto policy = [&](const json& p) { return json{{"as_of", "2025-10-15"}, {"policy", p}}; };
  CHECK(error_of(policy({{"payer", {{"laptop", "vendor"}}}})) ==
        "INVALID_ARGUMENT: policy.payer.laptop: unknown payer 'vendor' (known: client, msp, shared)");
  CHECK(error_of(policy({{"max_age_years", {{"laptops", 4}}}})) ==
        "INVALID_ARGUMENT: policy.max_age_years: unknown asset type 'laptops' (known: workstation, laptop, server, "
        "network, storage, printer, mobile, other, default)");
  CHECK(error_of(policy({{"tickets_per_year", {{"default", 0}}}})) ==
        "OUT_OF_RANGE: policy.tickets_per_year.default: 0 is outside 1..10000");
  CHECK(error_of(policy({{"max_pull_months", {{"server", 121}}}})) ==
        "OUT_OF_RANGE: policy.max_pull_months.server: 121 is outside 0..120");
  CHECK(error_of(policy({{"replacement_value", {{"server", {{"amount", 4500.5}, {"currency", "EUR"}}}}}})).rfind(
            "INVALID_TYPE: policy.replacement_value.server.amount: 4500.5 is a binary floating-point number", 0) == 0);
  CHECK(error_of(policy({{"replacement_value", {{"server", {{"amount", "4500.00"}}}}}})) ==
        "INVALID_ARGUMENT: policy.replacement_value.server: currency is missing");
  CHECK(error_of(policy({{"replacement_value", {{"server", {{"amount", "-1"}, {"currency", "EUR"}}}}}})) ==
        "INVALID_ARGUMENT: policy.replacement_value.server.amount: -1 must be >= 0");
}

TEST_CASE("replacement through the C++ API: evaluate_lifecycle with service records", "[replacement]") {
  using std::chrono::sys_days;
  using namespace std::chrono_literals;
  Asset nb;
  nb.id = "NB-1";
  nb.tenant = "acme";
  nb.type = AssetType::Laptop;
  nb.purchase_date = sys_days(2022y / 10 / 15);
  // 7 tickets (1 step) and 1,000 minutes (1000 / 480 = 2 steps): 2 x 6 = 12 months earlier.
  std::vector<ServiceRecord> service(7, ServiceRecord{"acme", "NB-1", sys_days(2025y / 3 / 1), ServiceKind::Ticket, 0, true});
  service.push_back({"acme", "NB-1", sys_days(2025y / 3 / 2), ServiceKind::TimeEntry, 1000, true});
  const LifecycleResult r =
      evaluate_lifecycle({nb}, {}, sys_days(2025y / 10 / 15), LifecyclePolicy{}, OsLifecycleTable::shipped(), service);
  const ReplacementCheck& c = r.assets.at(0).replacement;
  CHECK(c.service.tickets == 7);
  CHECK(c.service.minutes == 1000);
  CHECK(c.service.hours().to_string() == "16.67");  // 1000 / 60 = 16.666..., half-even at two places
  CHECK(c.pulled_months == 12);
  CHECK(c.end == sys_days(2025y / 10 / 15));
  CHECK(c.by_age == sys_days(2026y / 10 / 15));
  CHECK(c.status == LifecycleStatus::DueSoon);
  CHECK(to_string(ReplacementPayer::Shared) == "shared");
  CHECK(parse_replacement_payer("msp") == ReplacementPayer::Msp);
  CHECK(parse_service_kind("time_entry") == ServiceKind::TimeEntry);
}
