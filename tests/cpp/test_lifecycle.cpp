// vCIO lifecycle: hand-worked statuses and reasons (days counted on a calendar: as_of to the
// end date, the end day itself still covered), the OS table and overrides, bad input.
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/lifecycle.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace mspcore;
using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(lifecycle_evaluate_json(request.dump())); }

json one_asset(const json& asset, const std::string& as_of, const json& extra = json::object()) {
  json request = {{"as_of", as_of}, {"assets", json::array({asset})}};
  request.update(extra);
  return run(request)["assets"][0];
}

json laptop(const std::string& warranty_end) {
  return {{"id", "A-1"}, {"tenant", "acme"}, {"type", "laptop"}, {"warranty_end", warranty_end}};
}

std::string error_of(const json& request) {
  return test::error_text_of([&] { run(request); });
}

}  // namespace

TEST_CASE("warranty: the end day is covered, the window edge is due soon, the day after is overdue", "[lifecycle]") {
  // as_of 2025-10-15; window 90 days.
  auto a = one_asset(laptop("2025-10-15"), "2025-10-15");  // ends today: 0 days left
  CHECK(a["warranty_status"] == "due_soon");
  CHECK(a["warranty_days_left"] == 0);
  CHECK(a["warranty_reason"] == "warranty ends 2025-10-15, today (window 90)");
  // 2025-10-15 + 90 days = 2026-01-13 (16 left in October, 30 in November, 31 in December, 13).
  a = one_asset(laptop("2026-01-13"), "2025-10-15");
  CHECK(a["warranty_status"] == "due_soon");
  CHECK(a["warranty_reason"] == "warranty ends 2026-01-13, in 90 days (window 90)");
  a = one_asset(laptop("2026-01-14"), "2025-10-15");  // one day past the window
  CHECK(a["warranty_status"] == "supported");
  CHECK(a["warranty_code"] == "warranty_in_force");
  a = one_asset(laptop("2025-10-14"), "2025-10-15");  // one day past the end
  CHECK(a["warranty_status"] == "overdue");
  CHECK(a["warranty_code"] == "warranty_expired");
  CHECK(a["warranty_reason"] == "warranty ended 2025-10-14, 1 day ago");
  // The brief's example: 2027-01-15 is 40 days after 2026-12-06 (25 left in December, 15).
  a = one_asset(laptop("2027-01-15"), "2026-12-06");
  CHECK(a["warranty_reason"] == "warranty ends 2027-01-15, in 40 days (window 90)");
}

TEST_CASE("warranty: estimated from purchase date and typical life, labelled, never fine", "[lifecycle]") {
  // A laptop bought 2021-11-01 with no warranty end: + 4 years = 2025-11-01, 17 days after 2025-10-15.
  json asset = {{"id", "A-2"}, {"tenant", "acme"}, {"type", "laptop"}, {"purchase_date", "2021-11-01"}};
  auto a = one_asset(asset, "2025-10-15");
  CHECK(a["warranty_status"] == "due_soon");
  CHECK(a["warranty_estimate"] == true);
  CHECK(a["warranty_end"] == "2025-11-01");
  CHECK(a["warranty_reason"] ==
        "estimated warranty (no warranty end recorded; purchase 2021-11-01 + 4 years, the typical life of a laptop) "
        "ends 2025-11-01, in 17 days (window 90)");
  // A leap day: 2020-02-29 + 5 years is 2025-02-28 (the month's last day).
  asset = {{"id", "S-1"}, {"tenant", "acme"}, {"type", "server"}, {"purchase_date", "2020-02-29"}};
  CHECK(one_asset(asset, "2025-10-15")["warranty_end"] == "2025-02-28");
  // "other" has no typical life; nothing at all is unknown.
  asset = {{"id", "X-1"}, {"tenant", "acme"}, {"type", "other"}, {"purchase_date", "2024-01-01"}};
  a = one_asset(asset, "2025-10-15");
  CHECK(a["status"] == "unknown");
  CHECK(a["warranty_code"] == "typical_life_unknown");
  asset = {{"id", "X-2"}, {"tenant", "acme"}, {"type", "network"}};
  a = one_asset(asset, "2025-10-15");
  CHECK(a["status"] == "unknown");
  CHECK(a["reason_code"] == "warranty_unknown");
  CHECK(a["os_status"].is_null());  // a switch without an OS: not applicable
}

TEST_CASE("OS end of life from the shipped table", "[lifecycle]") {
  json pc = {{"id", "P-1"},        {"tenant", "acme"},     {"type", "workstation"}, {"warranty_end", "2028-01-01"},
             {"os", "Windows 10"}, {"os_version", "22H2"}, {"os_edition", "Pro"}};
  auto a = one_asset(pc, "2025-10-15");
  CHECK(a["status"] == "overdue");  // support ended 2025-10-14
  CHECK(a["reason_code"] == "os_support_ended");
  CHECK(a["os_support_end"] == "2025-10-14");
  CHECK(a["os_row"] == "Windows 10 22H2 Pro");
  CHECK(a["os_table"] == "mspcore-os-1");
  CHECK(a["os_reason"] ==
        "Windows 10 22H2 Pro support ended 2025-10-14, 1 day ago; ESU (paid, commercial: up to three years) until "
        "2028-10-10 [Windows 10 22H2 Pro, table mspcore-os-1]");
  // Every Windows 10 22H2 edition ends 2025-10-14: no edition needed. Windows 11 23H2 differs.
  pc.erase("os_edition");
  CHECK(one_asset(pc, "2025-10-15")["os_support_end"] == "2025-10-14");
  pc["os"] = "Microsoft Windows 11";  // an alias
  pc["os_version"] = "23H2";
  a = one_asset(pc, "2025-10-15");
  CHECK(a["os_status"] == "unknown");
  CHECK(a["os_code"] == "os_edition_missing");
  pc["os_edition"] = "enterprise";  // case does not matter: ends 2026-11-10
  CHECK(one_asset(pc, "2025-10-15")["os_support_end"] == "2026-11-10");

  json server = {{"id", "S-2"},       {"tenant", "acme"}, {"type", "server"}, {"warranty_end", "2030-01-01"},
                 {"os", "Windows Server"}, {"os_version", "2012 R2"}};
  a = one_asset(server, "2023-10-10");
  CHECK(a["os_status"] == "due_soon");  // the extended end day itself
  CHECK(one_asset(server, "2023-10-11")["os_status"] == "overdue");

  json linux = {{"id", "L-1"}, {"tenant", "acme"}, {"type", "server"}, {"warranty_end", "2030-01-01"},
                {"os", "ubuntu"}, {"os_version", "22.04.3"}};
  CHECK(one_asset(linux, "2025-10-15")["os_row"] == "Ubuntu 22.04");  // 22.04.3 is found as 22.04

  json mac = {{"id", "M-1"}, {"tenant", "acme"}, {"type", "laptop"}, {"warranty_end", "2030-01-01"},
              {"os", "macOS"}, {"os_version", "15.1"}};
  a = one_asset(mac, "2025-10-15");
  CHECK(a["os_code"] == "os_no_end_date");  // Apple publishes none; n+3 not released
  CHECK(a["status"] == "unknown");
  mac["os_version"] = "12.7.4";  // estimate: ended with the release of macOS 15, 2024-09-16
  a = one_asset(mac, "2025-10-15");
  CHECK(a["os_status"] == "overdue");
  CHECK(a["os_estimate"] == true);

  json bsd = {{"id", "B-1"}, {"tenant", "acme"}, {"type", "server"}, {"warranty_end", "2030-01-01"},
              {"os", "FreeBSD"}, {"os_version", "14.1"}};
  a = one_asset(bsd, "2025-10-15");
  CHECK(a["status"] == "unknown");  // never supported by default
  CHECK(a["os_reason"] == "OS 'FreeBSD' is not in the OS lifecycle table mspcore-os-1");
}

TEST_CASE("OS table: user rows win and say so", "[lifecycle]") {
  const json table = {{"version", "acme-1"},
                      {"rows", json::array({{{"os", "Windows 10"}, {"version", "22H2"}, {"edition", "Pro"},
                                             {"support_end", "2028-10-10"}, {"source", "ESU contract 4711"}},
                                            {{"os", "FreeBSD"}, {"version", "14"}, {"support_end", "2028-11-30"},
                                             {"source", "https://www.freebsd.org/security/"}}})}};
  json pc = {{"id", "P-1"},        {"tenant", "acme"},     {"type", "workstation"}, {"warranty_end", "2028-01-01"},
             {"os", "Windows 10"}, {"os_version", "22H2"}, {"os_edition", "Pro"}};
  const json result = run({{"as_of", "2025-10-15"}, {"assets", {pc}}, {"os_table", table}});
  CHECK(result["os_table_version"] == "mspcore-os-1+acme-1");
  CHECK(result["assets"][0]["os_status"] == "supported");
  CHECK(result["assets"][0]["os_table"] == "acme-1");
  CHECK(result["assets"][0]["os_source"] == "ESU contract 4711");
  CHECK(OsLifecycleTable::shipped().rows().size() == 48);
}

TEST_CASE("licences: window, auto-renew, expiry", "[lifecycle]") {
  const json request = {
      {"as_of", "2025-10-15"},
      {"licences",
       {{{"tenant", "acme"}, {"sku", "M365-BP"}, {"seats", 25}, {"term_end", "2025-11-14"}, {"auto_renew", true},
         {"renewal_price", "5250.00"}, {"currency", "EUR"}},
        {{"tenant", "acme"}, {"sku", "AV"}, {"seats", 25}, {"term_end", "2025-10-01"}},
        {{"tenant", "acme"}, {"sku", "BACKUP"}, {"seats", 3}, {"term_end", "2025-10-01"}, {"auto_renew", true}},
        {{"tenant", "acme"}, {"sku", "PERP"}, {"seats", 1}}}},
      {"policy", {{"windows", {{"licence", 30}}}}}};
  const json l = run(request)["licences"];
  // 2025-10-15 -> 2025-11-14: 30 days, the edge of a 30-day window.
  CHECK(l[0]["status"] == "due_soon");
  CHECK(l[0]["reason"] == "term ends 2025-11-14, in 30 days (window 30); renews automatically at EUR 5250.00");
  CHECK(l[1]["status"] == "overdue");
  CHECK(l[1]["reason"] == "term ended 2025-10-01, 14 days ago and does not renew automatically");
  CHECK(l[2]["status"] == "unknown");
  CHECK(l[2]["reason_code"] == "renewed_term_unknown");
  CHECK(l[3]["reason_code"] == "term_end_missing");
}

TEST_CASE("lifecycle: bad input is named", "[lifecycle]") {
  const json lic = {{"tenant", "acme"}, {"sku", "AV"}, {"seats", -1}};
  CHECK(error_of({{"as_of", "2025-10-15"}, {"licences", {lic}}}) ==
        "INVALID_ARGUMENT: licences[0] (tenant 'acme' sku 'AV').seats: -1 must be >= 0");
  CHECK(error_of({{"as_of", "2025-10-15"}, {"assets", {laptop("2025-13-01")}}}) ==
        "INVALID_TIME: assets[0] (tenant 'acme' asset 'A-1').warranty_end: '2025-13-01' is not a valid ISO-8601 time "
        "(no such date 2025-13-01)");
  CHECK(error_of({{"as_of", "2025-10-15"}, {"policy", {{"windows", {{"toaster", 30}}}}}}) ==
        "INVALID_ARGUMENT: policy.windows: unknown asset type 'toaster' (known: workstation, laptop, server, network, "
        "storage, printer, mobile, other, licence, default)");
  json nan = laptop("2026-01-01");
  nan["replacement_value"] = "NaN";
  nan["currency"] = "EUR";
  CHECK(error_of({{"as_of", "2025-10-15"}, {"assets", {nan}}}).rfind(
            "PARSE_ERROR: assets[0] (tenant 'acme' asset 'A-1').replacement_value", 0) == 0);
  json toaster = laptop("2026-01-01");
  toaster["type"] = "toaster";
  CHECK(error_of({{"as_of", "2025-10-15"}, {"assets", {toaster}}}).rfind(
            "INVALID_ARGUMENT: assets[0] (tenant 'acme' asset 'A-1').type: unknown asset type 'toaster'", 0) == 0);
  CHECK(error_of({{"as_of", "2025-10-15"}, {"assets", {laptop("2026-01-01"), laptop("2026-02-01")}}}) ==
        "INVALID_ARGUMENT: assets[1]: duplicate id 'A-1' of tenant 'acme' (also assets[0])");
  json before = laptop("2020-01-01");
  before["purchase_date"] = "2021-01-01";
  CHECK(error_of({{"as_of", "2025-10-15"}, {"assets", {before}}}) ==
        "INVALID_ARGUMENT: assets[0] (tenant 'acme' asset 'A-1').warranty_end: 2020-01-01 is before purchase_date "
        "2021-01-01");
}

TEST_CASE("OS table: every shipped row has a vendor source; the JSON form reads back", "[lifecycle]") {
  const OsLifecycleTable& t = OsLifecycleTable::shipped();
  CHECK(OsLifecycleTable::shipped_version() == "mspcore-os-1");
  for (const OsLifecycleRow& row : t.rows()) {
    INFO(row.label());
    CHECK(row.source.rfind("https://", 0) == 0);
    CHECK((row.support_end.has_value() || row.estimate));  // only estimates may lack a date
  }
  const OsLifecycleTable again = OsLifecycleTable::from_json(t.to_json(), "copy");
  CHECK(again.to_json() == t.to_json());
  CHECK_THROWS_WITH(OsLifecycleTable::from_json(R"({"version": "x", "rows": [{"os": "A", "version": "1", "source": "s"},
                                                  {"os": "a", "version": "1", "source": "t"}]})", "os_table"),
                    "os_table.rows[1]: a second row for 'a 1'");
}
