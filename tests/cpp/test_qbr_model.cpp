// The QBR report model: the period, KPI trends with their assessment, SLA attainment, the
// true-up and lifecycle summaries (each number worked out in its comment), the tenant filter
// and its last-line check, and bad input named.
#include <mspcore/core/error.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/vcio/qbr_model.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace mspcore;
using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(qbr_model_json(request.dump())); }

json request(json sections = json::object()) {
  json r = {{"tenant", "acme"}, {"period", "2026-Q4"}};
  r.update(sections);
  return r;
}

}  // namespace

TEST_CASE("qbr model: the period, the version and absent sections as null") {
  const json m = run(request({{"client", {{"name", "ACME GmbH"}}}}));
  CHECK(m["model"] == "mspcore-qbr-1");
  // Q4 runs from October 1 to December 31; as_of defaults to its last day.
  CHECK(m["period"] == json{{"label", "2026-Q4"}, {"start", "2026-10-01"}, {"end", "2026-12-31"}});
  CHECK(m["as_of"] == "2026-12-31");
  CHECK(m["client"]["name"] == "ACME GmbH");
  CHECK(m["sections"] == json::array());
  for (const char* s : {"kpis", "sla", "security", "risk", "trueup", "lifecycle", "roadmap", "budget", "alignment", "backup"}) {
    CHECK(m[s].is_null());
  }
  // A month: February 2028 is a leap month, 29 days.
  const json feb = run({{"tenant", "acme"}, {"period", "2028-02"}});
  CHECK(feb["period"]["end"] == "2028-02-29");
  // The same reading for hosts (Python filters the period's tickets with it): Q1 is 90 days.
  const QbrPeriod q1 = parse_qbr_period("2026-Q1");
  CHECK((!q1.month && (q1.last - q1.first).count() == 89 && format_date(q1.first) == "2026-01-01"));
}

TEST_CASE("qbr model: KPI series up to the report period with direction and assessment") {
  // Three quarters of tenant acme and one of bolt (dropped). Q4 is the report period; Q1 2027 is
  // after it and not shown. Backlog 4 -> 2: down, and lower is better: "better". Created 10 -> 12:
  // up, a volume: "neutral". CSAT 90 -> 90: flat, "unchanged". NPS null in Q4: no direction.
  const json rows = json::array({
      {{"tenant", "acme"}, {"period", "2026-Q2"}, {"created", 8}, {"backlog", 5}, {"csat_positive_pct", 80.0}, {"nps", 10.0}},
      {{"tenant", "acme"}, {"period", "2026-Q3"}, {"created", 10}, {"backlog", 4}, {"csat_positive_pct", 90.0}, {"nps", 20.0}},
      {{"tenant", "acme"}, {"period", "2026-Q4"}, {"created", 12}, {"backlog", 2}, {"csat_positive_pct", 90.0}, {"nps", nullptr},
       {"top_categories", "network (5), mail (4), printer (2)"}},
      {{"tenant", "acme"}, {"period", "2027-Q1"}, {"created", 99}, {"backlog", 99}, {"csat_positive_pct", 1.0}, {"nps", 1.0}},
      {{"tenant", "bolt"}, {"period", "2026-Q4"}, {"created", 1000}, {"backlog", 0}, {"csat_positive_pct", 0.0}, {"nps", 0.0}},
  });
  const json k = run(request({{"kpis", {{"rows", rows}}}}))["kpis"];
  CHECK(k["periods"] == json{"2026-Q2", "2026-Q3", "2026-Q4"});
  CHECK(k["current_period"] == "2026-Q4");
  CHECK(k["top_categories"] == "network (5), mail (4), printer (2)");
  auto item = [&](const std::string& id) {
    for (const json& i : k["items"]) {
      if (i["id"] == id) return i;
    }
    FAIL("no item " << id);
    return json();
  };
  const json created = item("created"), backlog = item("backlog"), csat = item("csat_positive_pct"), nps = item("nps");
  CHECK(created["values"] == json{8.0, 10.0, 12.0});
  CHECK((created["delta"] == 2.0 && created["direction"] == "up" && created["assessment"] == "neutral"));
  CHECK((backlog["current"] == 2.0 && backlog["previous"] == 4.0 && backlog["delta"] == -2.0));
  CHECK((backlog["direction"] == "down" && backlog["assessment"] == "better" && backlog["better"] == "lower"));
  CHECK((csat["direction"] == "flat" && csat["assessment"] == "unchanged"));
  CHECK((nps["current"].is_null() && nps["direction"].is_null() && nps["assessment"].is_null()));
  CHECK(nps["values"] == json{10.0, 20.0, nullptr});
  // Items follow the dictionary's order (created, backlog, ..., csat, nps).
  CHECK(k["items"].size() == 4);
  CHECK(k["items"][0]["id"] == "created");
}

TEST_CASE("qbr model: SLA attainment per target and priority, breaches listed") {
  // acme: P1 met/met, P1 breached/met, P2 met/in_progress; bolt's breach is not acme's.
  // response: 2 met of 3 = 66.67 %; resolution: 2 met, 1 open = 100 % of the evaluated.
  const json tickets = json::array({
      {{"tenant", "acme"}, {"id", "T1"}, {"priority", "P1"}, {"response", "met"}, {"resolution", "met"}},
      {{"tenant", "acme"}, {"id", "T2"}, {"priority", "P1"}, {"response", "breached"}, {"resolution", "met"}},
      {{"tenant", "acme"}, {"id", "T3"}, {"priority", "P2"}, {"response", "met"}, {"resolution", "in_progress"}},
      {{"tenant", "bolt"}, {"id", "B1"}, {"priority", "P1"}, {"response", "breached"}, {"resolution", "breached"}},
  });
  const json s = run(request({{"sla", {{"tickets", tickets}}}}))["sla"];
  CHECK(s["tickets"] == 3);
  REQUIRE(s["targets"].size() == 2);
  CHECK(s["targets"][0]["target"] == "response");
  CHECK((s["targets"][0]["met"] == 2 && s["targets"][0]["breached"] == 1 && s["targets"][0]["attainment_pct"] == 66.67));
  CHECK((s["targets"][1]["met"] == 2 && s["targets"][1]["open"] == 1 && s["targets"][1]["attainment_pct"] == 100.0));
  CHECK(s["breaches"] == json::array({{{"id", "T2"}, {"priority", "P1"}, {"target", "response"}}}));
  // P1 response: 1 met of 2 = 50 %.
  bool found = false;
  for (const json& row : s["by_priority"]) {
    if (row["priority"] == "P1" && row["target"] == "response") {
      found = true;
      CHECK(row["attainment_pct"] == 50.0);
    }
  }
  CHECK(found);
}

TEST_CASE("qbr model: true-up sums per kind and currency are exact") {
  // acme: two leakage rows in EUR (12.34 + 0.66 = 13.00 a month; 148.08 + 7.92 = 156.00 a
  // year) and one in USD (5.00); bolt's 1000.00 is not acme's. One true-up proposal 99.99.
  auto deviation = [](const char* tenant, const char* m, const char* a, const char* currency) {
    return json{{"tenant", tenant}, {"sku", "X"}, {"kind", "revenue_leakage"}, {"monthly_value", m}, {"annual_value", a},
                {"currency", currency}};
  };
  const json trueup = {
      {"as_of", "2026-12-01T00:00:00Z"},
      {"deviations", {deviation("acme", "12.34", "148.08", "EUR"), deviation("acme", "0.66", "7.92", "EUR"),
                      deviation("acme", "5.00", "60.00", "USD"), deviation("bolt", "1000.00", "12000.00", "EUR")}},
      {"proposals", {{{"tenant", "acme"}, {"action", "true_up"}, {"amount", "99.99"}, {"currency", "EUR"}}}},
      {"held", json::array()},
      {"unmapped", json::array()}};
  const json t = run(request({{"trueup", trueup}}))["trueup"];
  CHECK(t["deviations"].size() == 3);
  CHECK(t["by_kind"] == json::array({{{"kind", "revenue_leakage"}, {"count", 2}, {"currency", "EUR"}, {"monthly_value", "13.00"}, {"annual_value", "156.00"}},
                                     {{"kind", "revenue_leakage"}, {"count", 1}, {"currency", "USD"}, {"monthly_value", "5.00"}, {"annual_value", "60.00"}}}));
  CHECK(t["by_action"] == json::array({{{"action", "true_up"}, {"count", 1}, {"currency", "EUR"}, {"amount", "99.99"}}}));
}

TEST_CASE("qbr model: lifecycle counts and the attention list, most urgent first") {
  auto asset = [](const char* tenant, const char* id, const char* type, const char* status, json days) {
    return json{{"tenant", tenant}, {"id", id}, {"type", type}, {"status", status}, {"warranty_status", status},
                {"os_status", nullptr}, {"days_left", days}, {"reason_code", "x"}, {"reason", "x"}};
  };
  const json lifecycle = {{"as_of", "2026-12-31"},
                          {"os_table_version", "mspcore-os-1"},
                          {"assets", {asset("acme", "A", "laptop", "due_soon", 30), asset("acme", "B", "server", "overdue", -5),
                                      asset("acme", "C", "laptop", "supported", 400), asset("acme", "D", "laptop", "due_soon", 10),
                                      asset("bolt", "E", "server", "overdue", -900)}},
                          {"licences", json::array()}};
  const json l = run(request({{"lifecycle", lifecycle}}))["lifecycle"];
  CHECK(l["assets"] == 4);
  CHECK(l["by_status"] == json{{"supported", 1}, {"due_soon", 2}, {"overdue", 1}, {"unknown", 0}});
  CHECK(l["by_type"]["laptop"] == json{{"supported", 1}, {"due_soon", 2}, {"overdue", 0}, {"unknown", 0}});
  // Overdue first, then due soon by the nearest date: B, D (10 days), A (30 days).
  REQUIRE(l["attention"].size() == 3);
  CHECK((l["attention"][0]["id"] == "B" && l["attention"][1]["id"] == "D" && l["attention"][2]["id"] == "A"));
}

TEST_CASE("qbr model: another tenant's data never reaches the report") {
  // A risk result is one tenant's; a register entry of another tenant inside it is refused by
  // the last-line check instead of being shown.
  const json risk = {{"score", 50.0}, {"grade", "C"}, {"coverage", 0}, {"contributions", json::object()},
                     {"risk_register", {{{"tenant", "bolt"}, {"id", "R-1"}}}}};
  CHECK(test::error_text_of([&] { run(request({{"risk", risk}})); }) ==
        "INVALID_ARGUMENT: model.risk.risk_register[0].tenant is 'bolt' in the report of 'acme'");
  json of_bolt = risk;
  of_bolt.erase("risk_register");
  of_bolt["tenant"] = "bolt";
  CHECK(test::error_text_of([&] { run(request({{"risk", of_bolt}})); }) ==
        "INVALID_ARGUMENT: risk: the score of tenant \"bolt\", not of 'acme'");
}

TEST_CASE("qbr model: bad input is named") {
  CHECK(test::error_text_of([] { qbr_model_json("{\"tenant\": \"acme\", "); }).rfind("PARSE_ERROR: request: malformed JSON", 0) == 0);
  CHECK(test::error_text_of([] { run({{"period", "2026-Q4"}}); }) == "INVALID_ARGUMENT: tenant is missing");
  CHECK(test::error_text_of([] { run({{"tenant", "acme"}, {"period", "2026-13"}}); }) ==
        "INVALID_ARGUMENT: period: '2026-13' is not a month YYYY-MM or a quarter YYYY-Qn");
  CHECK(test::error_text_of([] { run({{"tenant", "acme"}, {"period", "2026-Q5"}}); }).rfind("INVALID_ARGUMENT: period: ", 0) == 0);
  CHECK(test::error_text_of([] { run(request({{"backups", json::object()}})); }) ==
        "INVALID_ARGUMENT: request: unknown key 'backups' (known: tenant, period, as_of, client, msp, kpis, sla, security, "
        "risk, trueup, lifecycle, budget, alignment, backup, patch, availability)");
  CHECK(test::error_text_of([] { run(request({{"kpis", {{"rows", {{{"tenant", "acme"}, {"period", "2026-Q4"}, {"cerated", 1}}}}}}})); }) ==
        "NOT_FOUND: kpis.rows (period 2026-Q4): unknown KPI 'cerated' (see kpi_dictionary())");
  CHECK(test::error_text_of([] { run(request({{"sla", {{"tickets", {{{"tenant", "acme"}, {"response", "late"}}}}}}})); })
            .rfind("INVALID_ARGUMENT: sla.tickets (tenant 'acme') [0].response: unknown SLA status 'late'", 0) == 0);
  CHECK(test::error_text_of([] { run(request({{"trueup", {{"deviations", {{{"sku", "X"}}}}}}})); }) ==
        "INVALID_ARGUMENT: trueup.deviations[0]: expected a tenant, got nothing");
  CHECK(test::error_text_of([] { run(request({{"client", {{"name", 3}}}})); }) ==
        "INVALID_ARGUMENT: client.name: expected a string, got 3");
}

TEST_CASE("qbr model: the roadmap with lifecycle replacements per quarter") {
  // Two replacements in 2026-Q4 (950.00 + 1200.50 = 2150.50, priorities 1 and 2), one in
  // 2027-Q1 (800.00), one roadmap initiative (not a replacement); bolt's replacement is not acme's.
  auto initiative = [](const char* tenant, const char* id, const char* quarter, int priority, const char* source) {
    return json{{"tenant", tenant}, {"id", id}, {"title", id}, {"quarter", quarter}, {"priority", priority},
                {"status", "proposed"}, {"source", source}, {"depends_on", json::array()}};
  };
  auto line = [](const char* tenant, const char* id, const char* amount) {
    return json{{"tenant", tenant}, {"initiative", id}, {"amount", amount}};
  };
  const json budget = {
      {"currency", "EUR"}, {"fiscal_years", json::array()}, {"quarters", json::array()}, {"findings", json::array()},
      {"initiatives", {initiative("acme", "replace:A", "2026-Q4", 2, "lifecycle"), initiative("acme", "replace:B", "2026-Q4", 1, "lifecycle"),
                       initiative("acme", "replace:C", "2027-Q1", 2, "lifecycle"), initiative("acme", "I-1", "2027-Q1", 3, "roadmap"),
                       initiative("bolt", "replace:Z", "2026-Q4", 1, "lifecycle")}},
      {"lines", {line("acme", "replace:A", "950.00"), line("acme", "replace:B", "1200.50"), line("acme", "replace:C", "800.00"),
                 line("acme", "I-1", "5000.00"), line("bolt", "replace:Z", "99999.00")}}};
  const json r = run(request({{"budget", budget}}))["roadmap"];
  CHECK(r["initiatives"].size() == 4);
  CHECK(r["replacements"] == json::array({{{"quarter", "2026-Q4"}, {"count", 2}, {"priority", 1}, {"budget_total", "2150.50"}},
                                          {{"quarter", "2027-Q1"}, {"count", 1}, {"priority", 2}, {"budget_total", "800.00"}}}));
}

TEST_CASE("qbr model: malformed section documents are named, never an assertion (fuzz finds)") {
  // A KPI row without a period (libFuzzer's first find: a const lookup of a missing member).
  CHECK(test::error_text_of([] { run(request({{"kpis", {{"rows", {{{"tenant", "acme"}, {"rpieod", "2026-Q3"}}}}}}})); }) ==
        "INVALID_ARGUMENT: kpis.rows (tenant 'acme') [0].period: expected a string, got nothing");
  // A risk result whose contributions are no objects, or whose points are no number.
  json risk = {{"score", 1.0}, {"grade", "A"}, {"coverage", 0}, {"contributions", json::array({1})}};
  CHECK(test::error_text_of([&] { run(request({{"risk", risk}})); }) ==
        "INVALID_ARGUMENT: risk.contributions: expected an object of factors, got [1]");
  risk["contributions"] = {{"backup", {{"points", "7.5"}}}};
  CHECK(test::error_text_of([&] { run(request({{"risk", risk}})); }) ==
        "INVALID_ARGUMENT: risk.contributions.backup.points: expected a number, got \"7.5\"");
  // An initiative whose priority is text.
  const json budget = {{"currency", "EUR"}, {"fiscal_years", json::array()}, {"quarters", json::array()}, {"lines", json::array()},
                       {"initiatives", {{{"tenant", "acme"}, {"id", "I-1"}, {"priority", "high"}}}}};
  CHECK(test::error_text_of([&] { run(request({{"budget", budget}})); }) ==
        "INVALID_ARGUMENT: budget.initiatives (I-1).priority: expected a whole number, got \"high\"");
}

TEST_CASE("qbr model: backup, patch and availability of the tenant, worst first") {
  // Result documents of two tenants as backup_compliance_json, patch_compliance_json and
  // availability_json write them (only the members the section reads or passes on).
  const json backup = {
      {"as_of", "2026-12-01T00:00:00Z"},
      {"devices",
       {{{"tenant", "acme"}, {"id", "SRV-1"}, {"status", "compliant"}, {"age_seconds", 3600}},
        {{"tenant", "acme"}, {"id", "WS-2"}, {"status", "warning"}, {"age_seconds", 100000}},
        {{"tenant", "acme"}, {"id", "WS-3"}, {"status", "overdue"}, {"age_seconds", 200000}},
        {{"tenant", "acme"}, {"id", "WS-4"}, {"status", "overdue"}, {"age_seconds", 900000}},
        {{"tenant", "acme"}, {"id", "WS-5"}, {"status", "never"}, {"age_seconds", nullptr}},
        {{"tenant", "bolt"}, {"id", "B-1"}, {"status", "never"}, {"age_seconds", nullptr}}}},
      {"clients",
       {{{"tenant", "acme"}, {"in_scope", 5}, {"compliance_percent", "20.00"}},
        {{"tenant", "bolt"}, {"in_scope", 1}, {"compliance_percent", "0.00"}}}}};
  const json patch = {{"as_of", "2026-12-01T00:00:00Z"},
                      {"devices",
                       {{{"tenant", "acme"}, {"id", "SRV-1"}, {"status", "unknown"}, {"missing", 0}},
                        {{"tenant", "acme"}, {"id", "WS-2"}, {"status", "not_patched"}, {"missing", 2}},
                        {{"tenant", "acme"}, {"id", "WS-3"}, {"status", "not_patched"}, {"missing", 7}},
                        {{"tenant", "acme"}, {"id", "WS-4"}, {"status", "fully_patched"}, {"missing", 0}}}},
                      {"clients", {{{"tenant", "acme"}, {"compliance_percent", "33.33"}}}}};
  const json availability = {
      {"devices",
       {{{"tenant", "acme"}, {"device_id", "SRV-1"}, {"down_seconds", 2580}, {"availability_pct", "99.9402"}},
        {{"tenant", "acme"}, {"device_id", "SRV-2"}, {"down_seconds", 0}, {"availability_pct", "100.0000"}},
        {{"tenant", "acme"}, {"device_id", "SRV-3"}, {"down_seconds", 9000}, {"availability_pct", "99.7916"}},
        {{"tenant", "bolt"}, {"device_id", "B-1"}, {"down_seconds", 60}, {"availability_pct", "99.9900"}}}},
      {"clients", {{{"tenant", "acme"}, {"devices", 3}, {"availability_pct", "99.9106"}}}}};
  const json m = run(request({{"backup", backup}, {"patch", patch}, {"availability", availability}}));
  CHECK(m["sections"] == json{"backup"});
  const json& b = m["backup"]["backup"];
  CHECK(b["devices"] == 5);
  CHECK(b["client"]["compliance_percent"] == "20.00");
  // never, then overdue (the older backup first), then warning; compliant is not listed
  std::vector<std::string> ids;
  for (const json& d : b["attention"]) ids.push_back(d["id"]);
  CHECK(ids == std::vector<std::string>{"WS-5", "WS-4", "WS-3", "WS-2"});
  ids.clear();
  for (const json& d : m["backup"]["patch"]["attention"]) ids.push_back(d["id"]);
  CHECK(ids == std::vector<std::string>{"WS-3", "WS-2", "SRV-1"});  // not patched by missing, then unknown
  ids.clear();
  for (const json& d : m["backup"]["availability"]["attention"]) ids.push_back(d["device_id"]);
  CHECK(ids == std::vector<std::string>{"SRV-3", "SRV-1"});  // down at all, least available first
  CHECK(m["backup"]["availability"]["client"]["availability_pct"] == "99.9106");
  CHECK(m.dump().find("bolt") == std::string::npos);

  // One part alone: the others are null.
  const json only = run(request({{"patch", patch}}));
  CHECK(only["backup"]["backup"].is_null());
  CHECK(only["backup"]["availability"].is_null());
  CHECK(test::error_text_of([&] { run(request({{"backup", {{"as_of", "x"}, {"device", json::array()}}}})); }).rfind(
            "INVALID_ARGUMENT: backup: unknown key 'device'", 0) == 0);
}
