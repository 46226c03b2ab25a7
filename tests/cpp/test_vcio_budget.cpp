// vCIO roadmap and budget: hand-worked budgets (each amount worked out in its comment),
// dependency errors, bad input named, and totals equal to the sum of lines on generated data.
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <string>

using namespace mspcore;
using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(vcio_budget_json(request.dump())); }

json line(const std::string& kind, const std::string& amount, const std::string& category = "opex",
          const std::string& period = "monthly") {
  json c = {{"kind", kind}, {"amount", amount}, {"currency", "EUR"}, {"category", category}};
  if (kind == "recurring") c["period"] = period;
  return c;
}

json initiative(const std::string& id, const std::string& quarter, const std::string& status, json costs,
                json depends_on = json::array()) {
  return {{"id", id}, {"tenant", "acme"}, {"quarter", quarter}, {"status", status}, {"costs", costs},
          {"depends_on", depends_on}};
}

std::string error_of(const json& request) {
  return test::error_text_of([&] { run(request); });
}

}  // namespace

TEST_CASE("budget: 5% a year on 1,000.00 a month over 3 years", "[budget]") {
  // 12 x 1,000.00 = 12,000.00; 12 x 1,050.00 = 12,600.00; 12 x 1,102.50 = 13,230.00.
  const json b = run({{"initiatives", {initiative("I-1", "2027-Q1", "approved", {line("recurring", "1000.00")})}},
                      {"price_increase", "5"}});
  REQUIRE(b["fiscal_years"].size() == 3);
  CHECK(b["first_fiscal_year"] == "FY2027");
  CHECK(b["fiscal_years"][0]["total"] == "12000.00");
  CHECK(b["fiscal_years"][1]["total"] == "12600.00");
  CHECK(b["fiscal_years"][2]["total"] == "13230.00");
  CHECK(b["fiscal_years"][2]["approved"] == "13230.00");
  CHECK(b["fiscal_years"][2]["proposed"] == "0.00");
  CHECK(b["quarters"][4]["fiscal_quarter"] == "FY2028-Q1");
  CHECK(b["quarters"][4]["total"] == "3150.00");  // 3 x 1,050.00
}

TEST_CASE("budget: a fiscal year from April crosses the calendar year end", "[budget]") {
  // FY starts in April: 2026-Q4 (October 2026) lies in FY2027 (April 2026 - March 2027), its
  // fiscal Q3 (Oct-Dec). A 100.00 monthly line from October: FY2027 has Oct..Mar = 6 months
  // = 600.00 (Q3 300.00, Q4 300.00); FY2028 12 months = 1,200.00. A one-time 500.00 capex in
  // 2027-Q1 (January 2027) is FY2027 fiscal Q4.
  const json b = run({{"initiatives",
                       {initiative("I-1", "2026-Q4", "approved", {line("recurring", "100.00")}),
                        initiative("I-2", "2027-Q1", "proposed", {line("one_time", "500.00", "capex")})}},
                      {"fiscal_year_start", 4},
                      {"years", 2}});
  CHECK(b["first_fiscal_year"] == "FY2027");
  REQUIRE(b["quarters"].size() == 8);
  CHECK(b["quarters"][1]["total"] == "0.00");  // FY2027-Q2: July-September 2026
  CHECK(b["quarters"][2]["fiscal_quarter"] == "FY2027-Q3");
  CHECK(b["quarters"][2]["total"] == "300.00");
  CHECK(b["quarters"][3]["total"] == "800.00");  // 300.00 + 500.00
  CHECK(b["quarters"][3]["capex"] == "500.00");
  CHECK(b["quarters"][3]["one_time"] == "500.00");
  CHECK(b["quarters"][3]["proposed"] == "500.00");
  CHECK(b["quarters"][3]["approved"] == "300.00");
  CHECK(b["fiscal_years"][0]["total"] == "1100.00");
  CHECK(b["fiscal_years"][0]["recurring"] == "600.00");
  CHECK(b["fiscal_years"][1]["total"] == "1200.00");
}

TEST_CASE("budget: recurring from mid-year, annual, per asset, declined left out, one rounding per month", "[budget]") {
  // Calendar fiscal years. I-1: 20.00 per asset x 7 assets monthly from July = 140.00 x 6
  // = 840.00 in FY2027. I-2: 1,200.00 annual from 2027-Q2: paid April 2027 and April 2028
  // (x 1.03 = 1,236.00). I-3 is declined: nothing of it counts. I-4: 33.33 monthly; year 2:
  // 33.33 x 1.03 = 34.3299 -> 34.33 each month (one rounding per month) = 411.96.
  json per_asset = line("recurring", "20.00");
  per_asset["basis"] = "per_asset";
  per_asset["count"] = 7;
  const json b = run({{"initiatives",
                       {initiative("I-1", "2027-Q3", "scheduled", {per_asset}),
                        initiative("I-2", "2027-Q2", "done", {line("recurring", "1200.00", "opex", "annual")}),
                        initiative("I-3", "2027-Q1", "declined", {line("one_time", "9999.00", "capex")}),
                        initiative("I-4", "2027-Q1", "proposed", {line("recurring", "33.33")})}},
                      {"price_increase", "3"},
                      {"years", 2}});
  CHECK(b["first_fiscal_year"] == "FY2027");
  // FY2027: 840.00 + 1,200.00 + 12 x 33.33 (399.96) = 2,439.96.
  CHECK(b["fiscal_years"][0]["total"] == "2439.96");
  CHECK(b["fiscal_years"][0]["approved"] == "2040.00");
  CHECK(b["fiscal_years"][0]["proposed"] == "399.96");
  CHECK(b["fiscal_years"][0]["capex"] == "0.00");
  // FY2028: 12 x 144.20 (140.00 x 1.03) = 1,730.40; 1,236.00; 411.96 -> 3,378.36.
  CHECK(b["fiscal_years"][1]["total"] == "3378.36");
  for (const json& l : b["lines"]) CHECK(l["initiative"] != "I-3");
}

TEST_CASE("roadmap: dependencies", "[budget]") {
  const json costs = json::array();
  CHECK(error_of({{"initiatives", {initiative("I-3", "2027-Q1", "approved", costs, {"I-5"}),
                                   initiative("I-5", "2027-Q2", "approved", costs, {"I-3"})}}}) ==
        "INVALID_ARGUMENT: roadmap of tenant 'acme': dependency cycle I-3 -> I-5 -> I-3");
  CHECK(error_of({{"initiatives", {initiative("I-1", "2027-Q1", "approved", costs, {"I-9"})}}}) ==
        "INVALID_ARGUMENT: initiatives[0] (tenant 'acme' initiative 'I-1').depends_on: unknown initiative 'I-9' "
        "(tenant 'acme')");
  // Scheduled before its dependency: a finding, not an error.
  const json b = run({{"initiatives", {initiative("I-1", "2027-Q3", "approved", costs),
                                       initiative("I-2", "2027-Q1", "approved", costs, "I-1")}}});
  REQUIRE(b["findings"].size() == 1);
  CHECK(b["findings"][0]["code"] == "scheduled_before_dependency");
  CHECK(b["findings"][0]["text"] == "I-2 (2027-Q1) is scheduled before I-1 (2027-Q3), which it depends on");
}

TEST_CASE("budget: bad input is named", "[budget]") {
  CHECK(error_of({{"initiatives", {initiative("I-1", "2027-Q5", "approved", json::array())}}}) ==
        "INVALID_ARGUMENT: initiatives[0] (tenant 'acme' initiative 'I-1').quarter: '2027-Q5' is not a quarter "
        "(expected YYYY-Q1 .. YYYY-Q4)");
  CHECK(error_of({{"initiatives", {initiative("I-1", "2027-Q1", "maybe", json::array())}}}).rfind(
            "INVALID_ARGUMENT: initiatives[0] (tenant 'acme' initiative 'I-1').status: unknown initiative status "
            "'maybe'",
            0) == 0);
  CHECK(error_of({{"initiatives", {initiative("I-1", "2027-Q1", "approved", {line("one_time", "-1.00")})}}}) ==
        "INVALID_ARGUMENT: initiatives[0] (tenant 'acme' initiative 'I-1').costs[0].amount: -1.00 must be >= 0");
  json usd = line("one_time", "1.00");
  usd["currency"] = "USD";
  CHECK(error_of({{"initiatives", {initiative("I-1", "2027-Q1", "approved", {line("one_time", "1.00"), usd})}}}) ==
        "CURRENCY_MISMATCH: initiatives[0] (tenant 'acme' initiative 'I-1').costs[1]: currency USD differs from the "
        "budget's EUR (set by initiatives[0] (tenant 'acme' initiative 'I-1').costs[0])");
  CHECK(error_of({{"initiatives", json::array()}, {"years", 4}}) == "OUT_OF_RANGE: budget.years: 4 is outside 1..3");
}

TEST_CASE("budget: totals equal the sum of the lines on generated data", "[budget]") {
  std::mt19937 rng(14);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* statuses[] = {"proposed", "approved", "scheduled", "done", "declined"};
  const char* periods[] = {"monthly", "quarterly", "annual"};
  json xs = json::array();
  for (int i = 0; i < 60; ++i) {
    json costs = json::array();
    for (int j = 0, n = pick(3) + 1; j < n; ++j) {
      json c = line(pick(2) ? "recurring" : "one_time", std::to_string(pick(100000)) + "." + std::to_string(pick(10)) +
                                                          std::to_string(pick(10)),
                    pick(2) ? "capex" : "opex", periods[pick(3)]);
      costs.push_back(c);
    }
    json x = initiative("I-" + std::to_string(i), std::to_string(2027 + pick(3)) + "-Q" + std::to_string(pick(4) + 1),
                        statuses[pick(5)], costs);
    x["tenant"] = pick(2) ? "acme" : "globex";
    xs.push_back(x);
  }
  const json b = run({{"initiatives", xs}, {"price_increase", "2.75"}, {"fiscal_year_start", 7}});
  Decimal lines_sum, quarters_sum, years_sum, split;
  for (const json& l : b["lines"]) lines_sum += Decimal::parse(l["amount"].get<std::string>());
  for (const json& q : b["quarters"]) quarters_sum += Decimal::parse(q["total"].get<std::string>());
  for (const json& y : b["fiscal_years"]) {
    years_sum += Decimal::parse(y["total"].get<std::string>());
    const Decimal t = Decimal::parse(y["total"].get<std::string>());
    CHECK(Decimal::parse(y["capex"].get<std::string>()) + Decimal::parse(y["opex"].get<std::string>()) == t);
    CHECK(Decimal::parse(y["one_time"].get<std::string>()) + Decimal::parse(y["recurring"].get<std::string>()) == t);
    CHECK(Decimal::parse(y["approved"].get<std::string>()) + Decimal::parse(y["proposed"].get<std::string>()) == t);
    split += t;
  }
  CHECK(lines_sum.sign() > 0);
  CHECK(quarters_sum == lines_sum);
  CHECK(years_sum == lines_sum);
}

TEST_CASE("budget: licence renewals from contract lines with a term end", "[budget]") {
  // 25 seats x 10.00 monthly, term ends 2027-07-01 (exclusive): the renewal is paid from July
  // 2027, 6 months x 250.00 = 1,500.00 in FY2027 (calendar); FY2028 12 x 250.00 x 1.04 =
  // 3,120.00. A line without a term end (flexible) renews nothing.
  const json contract = {{"tenant", "acme"},        {"contract_id", "C-1"},        {"line_id", "L-1"},
                         {"sku", "M365-BP"},        {"quantity", 25},             {"unit_price", "10.00"},
                         {"currency", "EUR"},       {"term_start", "2026-07-01"}, {"term_end", "2027-07-01"},
                         {"term_kind", "nce_annual"}};
  json flexible = contract;
  flexible.erase("term_end");
  flexible["line_id"] = "L-2";
  flexible["term_kind"] = "flexible";
  const json b = run({{"initiatives", json::array()}, {"contracts", {contract, flexible}}, {"years", 2},
                      {"price_increase", "4"}});
  REQUIRE(b["initiatives"].size() == 1);
  CHECK(b["initiatives"][0]["id"] == "renew:C-1/L-1");
  CHECK(b["initiatives"][0]["quarter"] == "2027-Q3");
  CHECK(b["initiatives"][0]["source"] == "contracts");
  CHECK(b["fiscal_years"][0]["fiscal_year"] == "FY2027");
  CHECK(b["fiscal_years"][0]["recurring"] == "1500.00");
  CHECK(b["fiscal_years"][0]["opex"] == "1500.00");
  CHECK(b["fiscal_years"][0]["approved"] == "1500.00");
  CHECK(b["fiscal_years"][1]["total"] == "3120.00");
}

TEST_CASE("budget: cost lines as a table of their own", "[budget]") {
  // The rows go to their initiative in table order, after its own costs: I-1 pays 500.00 once
  // (its own) and 10.00 a month for 12 months (from the table) = 620.00 in FY2027.
  json row = line("recurring", "10.00");
  row["tenant"] = "acme";
  row["initiative"] = "I-1";
  const json nested = run({{"initiatives", {initiative("I-1", "2027-Q1", "approved",
                                                       {line("one_time", "500.00", "capex"), line("recurring", "10.00")})}},
                           {"years", 1}});
  const json table = run({{"initiatives", {initiative("I-1", "2027-Q1", "approved", {line("one_time", "500.00", "capex")})}},
                          {"costs", {row}},
                          {"years", 1}});
  CHECK(table == nested);
  CHECK(table["fiscal_years"][0]["total"] == "620.00");
  row["initiative"] = "I-9";
  CHECK(error_of({{"initiatives", {initiative("I-1", "2027-Q1", "approved", json::array())}}, {"costs", {row}}}) ==
        "INVALID_ARGUMENT: costs[0]: unknown initiative 'I-9' (tenant 'acme')");
  row.erase("tenant");
  CHECK(error_of({{"initiatives", json::array()}, {"costs", {row}}}) == "INVALID_ARGUMENT: costs[0]: tenant is missing");
}
