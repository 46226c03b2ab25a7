// The lifecycle in bulk (evaluate_asset_table): a fleet large enough to be evaluated in parts on
// both cores gives, asset by asset, exactly what the single-asset checks give (the reference
// here: warranty_check, os_check, replacement_check called directly), and the first duplicate
// and the first bad service record are reported whatever the split. In the TSan run.
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/lifecycle_table.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace mspcore;
using namespace std::chrono;

namespace {

constexpr sys_days kAsOf = sys_days(year(2026) / 3 / 31);

// 250,000 assets (parts of at least 100,000: two on a 2-core machine): types, dates and OS
// texts cycle with different periods so that rows repeat and mix.
std::vector<Asset> fleet(std::size_t n) {
  static const char* const os[][3] = {{"Windows 10", "22H2", "Pro"}, {"Windows 11", "24H2", ""},
                                      {"Windows Server", "2012 R2", ""}, {"Ubuntu", "22.04.3", ""},
                                      {"ChromeOS", "120", ""}, {"", "", ""}, {"macOS", "14", ""}};
  std::vector<Asset> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    Asset& a = out[i];
    a.id = "A" + std::to_string(i);
    a.tenant = "T" + std::to_string(i % 97);
    a.type = static_cast<AssetType>(i % kAssetTypeCount);
    if (i % 13 != 0) a.purchase_date = sys_days(year(2015) / 1 / 1) + days(static_cast<int>(i * 7 % 4100));
    if (i % 5 != 0 && a.purchase_date) a.warranty_end = *a.purchase_date + days(static_cast<int>(365 * (2 + i % 4)));
    const auto& o = os[i % 7];
    a.os = o[0];
    a.os_version = o[1];
    a.os_edition = o[2];
  }
  return out;
}

void same(const LifecycleCheck& a, const LifecycleCheck& b) {
  REQUIRE(a.status == b.status);
  REQUIRE(a.reason.code == b.reason.code);
  REQUIRE(a.reason.text == b.reason.text);
  REQUIRE(a.end == b.end);
  REQUIRE(a.days_left == b.days_left);
  REQUIRE(a.estimate == b.estimate);
}

}  // namespace

TEST_CASE("lifecycle table: parts on both cores give the single-asset checks", "[lifecycle][threads]") {
  const std::vector<Asset> assets = fleet(250000);
  std::vector<ServiceRecord> service;
  for (std::size_t i = 0; i < assets.size(); i += 11) {  // 7 tickets of 90 minutes on every 11th asset
    for (int k = 0; k < 7; ++k) {
      service.push_back({assets[i].tenant, assets[i].id, kAsOf - days(10 * k), ServiceKind::Ticket, 90, true});
    }
  }
  const LifecyclePolicy policy;
  const AssetLifecycleTable t = evaluate_asset_table(assets, kAsOf, policy, OsLifecycleTable::shipped(), service);
  REQUIRE(t.rows.size() == assets.size());
  REQUIRE(t.warranties.size() < assets.size() / 10);  // rows repeat: results are kept once
  for (std::size_t i = 0; i < assets.size(); i += 7) {
    const Asset& a = assets[i];
    ServiceSignals s;
    if (i % 11 == 0) s = {7, 630};  // all seven inside the 12 months
    const AssetLifecycle r = t.asset(i, a);
    same(r.warranty, warranty_check(a, kAsOf, policy));
    const std::optional<OsCheck> os = os_check(a, kAsOf, policy, OsLifecycleTable::shipped());
    REQUIRE(r.os.has_value() == os.has_value());
    if (os) {
      same(*r.os, *os);
      REQUIRE(r.os->row == os->row);
    }
    const ReplacementCheck rc = replacement_check(a, s, kAsOf, policy);
    same(r.replacement, rc);
    REQUIRE(r.replacement.pulled_months == rc.pulled_months);
    REQUIRE(r.replacement.service.tickets == rc.service.tickets);
    REQUIRE(r.replacement.by_age == rc.by_age);
  }
  // Asset 88 (a workstation, 88 = 8 x 11, serviced): 7 tickets / 6 = 1 step and 630 minutes /
  // 480 = 1 step, so the rule gives 1 x 6 = 6 months (its age date has passed: it is overdue).
  REQUIRE(t.asset(88, assets[88]).replacement.pulled_months == 6);
}

TEST_CASE("lifecycle table: the first duplicate and the first bad service record, whatever the split",
          "[lifecycle][threads]") {
  std::vector<Asset> assets = fleet(250000);
  assets[240000].id = assets[5].id;
  assets[240000].tenant = assets[5].tenant;
  assets[249999].id = assets[3].id;
  assets[249999].tenant = assets[3].tenant;
  try {
    evaluate_asset_table(assets, kAsOf);
    FAIL("no error");
  } catch (const Error& e) {
    REQUIRE(std::string(e.what()) == "assets[240000]: duplicate id 'A5' of tenant 'T5' (also assets[5])");
    REQUIRE(e.row() == 240000);
  }
  const std::vector<ServiceRecord> service = {{"T1", "A1", kAsOf, ServiceKind::Ticket, 0, true},
                                              {"T1", "A2", kAsOf, ServiceKind::Ticket, 0, true},
                                              {"T9", "A0", kAsOf, ServiceKind::Ticket, 0, true}};
  try {
    evaluate_asset_table(fleet(250000), kAsOf, {}, OsLifecycleTable::shipped(), service);
    FAIL("no error");
  } catch (const Error& e) {
    REQUIRE(std::string(e.what()) ==
            "service[1] (tenant 'T1' asset 'A2').asset_id: no asset 'A2' of tenant 'T1' in assets");
  }
}
