// Patch compliance: buckets at their boundaries, the median rule, declined and superseded by
// policy, a device judged from its RMM summary, the roll-up. Values worked out in comments.
#include <mspcore/core/error.hpp>
#include <mspcore/rmm/patch_compliance.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace mspcore;

namespace {

Device device(std::string id, DeviceClass c = DeviceClass::Server) {
  Device d;
  d.tenant = "acme";
  d.id = std::move(id);
  d.device_class = c;
  return d;
}

PatchRecord patch(std::string id, PatchState s, PatchSeverity sev = PatchSeverity::Critical,
                  std::optional<std::string_view> released = std::nullopt,
                  std::optional<std::string_view> installed = std::nullopt) {
  PatchRecord p;
  p.tenant = "acme";
  p.device_id = "S1";
  p.patch_id = std::move(id);
  p.state = s;
  p.severity = sev;
  if (released) p.released = parse_date(*released);
  if (installed) p.installed_at = parse_instant(*installed);
  return p;
}

const Instant kAsOf = parse_instant("2025-06-30T12:00:00Z");

}  // namespace

TEST_CASE("patch: age buckets at their boundaries") {
  CHECK(patch_age_bucket(-1) == PatchAgeBucket::Days0To7);
  CHECK(patch_age_bucket(7) == PatchAgeBucket::Days0To7);
  CHECK(patch_age_bucket(8) == PatchAgeBucket::Days8To30);
  CHECK(patch_age_bucket(30) == PatchAgeBucket::Days8To30);
  CHECK(patch_age_bucket(31) == PatchAgeBucket::Days31To90);
  CHECK(patch_age_bucket(90) == PatchAgeBucket::Days31To90);
  CHECK(patch_age_bucket(91) == PatchAgeBucket::Over90);
  // As of 2025-06-30: released 06-23 is 7 days old, 06-22 8 days, 05-31 30, 05-30 31, 04-01 90, 03-31 91.
  std::vector<PatchRecord> ps;
  for (auto d : {"2025-06-23", "2025-06-22", "2025-05-31", "2025-05-30", "2025-04-01", "2025-03-31"}) {
    ps.push_back(patch(std::string("KB-") + d, PatchState::Missing, PatchSeverity::Critical, d));
  }
  ps.push_back(patch("KB-x", PatchState::Missing, PatchSeverity::Important));  // no release date
  const auto c = patch_compliance({device("S1")}, ps, kAsOf).devices[0];
  CHECK(c.missing_critical == PatchBuckets{1, 2, 2, 1, 0});
  CHECK(c.missing_important == PatchBuckets{0, 0, 0, 0, 1});
  CHECK(c.status == PatchDeviceStatus::NotPatched);
  CHECK(c.missing == 7);
}

TEST_CASE("patch: median days to patch for odd and even counts") {
  CHECK(!median_days({}));
  CHECK(median_days({5, 1, 3})->to_string() == "3");
  CHECK(median_days({1, 4, 2, 10})->to_string() == "3");   // (2 + 4) / 2
  CHECK(median_days({1, 2, 4, 10})->to_string() == "3");
  CHECK(median_days({1, 2, 3, 10})->to_string() == "2.5");  // (2 + 3) / 2
  // Released 06-01, installed 06-03T23:00Z (2 days), 06-11T00:30Z (10 days); 05-01 -> 05-02 is
  // outside the 30-day period (as_of 06-30T12:00 minus 30 days is 05-31T12:00).
  const std::vector<PatchRecord> ps{
      patch("A", PatchState::Installed, PatchSeverity::Critical, "2025-06-01", "2025-06-03T23:00:00Z"),
      patch("B", PatchState::Installed, PatchSeverity::Low, "2025-06-01", "2025-06-11T00:30:00Z"),
      patch("C", PatchState::Installed, PatchSeverity::Low, "2025-05-01", "2025-05-02T00:00:00Z")};
  const auto r = patch_compliance({device("S1")}, ps, kAsOf);
  CHECK(r.devices[0].installed_in_period == 2);
  CHECK(r.devices[0].median_days_to_patch->to_string() == "6");  // (2 + 10) / 2
  CHECK(r.devices[0].status == PatchDeviceStatus::FullyPatched);
  CHECK(r.clients[0].median_days_to_patch->to_string() == "6");
}

TEST_CASE("patch: declined and superseded are excluded by default and counted when the policy keeps them") {
  const std::vector<PatchRecord> ps{patch("A", PatchState::Declined), patch("B", PatchState::Superseded),
                                    patch("C", PatchState::Installed)};
  auto c = patch_compliance({device("S1")}, ps, kAsOf).devices[0];
  CHECK(c.status == PatchDeviceStatus::FullyPatched);
  CHECK(c.excluded == 2);
  PatchPolicy keep;
  keep.exclude_declined = false;
  c = patch_compliance({device("S1")}, ps, kAsOf, keep).devices[0];
  CHECK(c.status == PatchDeviceStatus::NotPatched);
  CHECK(c.missing == 1);
  CHECK(c.excluded == 1);
}

TEST_CASE("patch: devices with only the RMM summary; reboot pending; failed installs; scope") {
  Device a = device("A"), b = device("B"), n = device("N", DeviceClass::Network), w = device("W", DeviceClass::Workstation);
  a.patch_status = DevicePatchStatus::FullyPatched;
  b.patch_status = DevicePatchStatus::Pending;
  b.patches_pending = 4;
  w.patch_status = DevicePatchStatus::RebootRequired;
  const auto r = patch_compliance({a, b, n, w, device("S1")}, {patch("F", PatchState::Failed)}, kAsOf);
  CHECK(r.devices[0].status == PatchDeviceStatus::FullyPatched);
  CHECK(r.devices[0].from_summary);
  CHECK(r.devices[1].status == PatchDeviceStatus::NotPatched);
  CHECK(r.devices[1].missing == 4);
  CHECK(r.devices[2].status == PatchDeviceStatus::OutOfScope);
  CHECK(r.devices[3].reboot_pending);
  CHECK(r.devices[3].reason_code == "reboot_pending");
  CHECK(r.devices[4].reason_code == "failed_installs");
  CHECK(r.devices[4].failed == 1);
  const auto& c = r.clients[0];
  CHECK(c.in_scope == 4);
  CHECK(c.compliance_percent->to_string() == "25.00");  // 1 of 4
  CHECK(c.reboot_pending == 1);
  CHECK(c.failed == 1);
}

TEST_CASE("patch: the request document and its errors") {
  CHECK(test::error_text_of([] {
          patch_compliance_json(R"({"as_of": "2025-06-30T12:00:00Z", "patches": [{"tenant": "a", "device_id": "d",
            "patch_id": "KB1", "state": "gone"}]})");
        }).find("INVALID_ARGUMENT: patches[0] (tenant 'a' device 'd' patch 'KB1').state: unknown patch state 'gone'") == 0);
  CHECK(test::error_text_of([] { patch_policy_from_json(R"({"device_classes": ["servers"]})"); })
            .find("INVALID_ARGUMENT: policy.device_classes[0]: unknown device class 'servers'") == 0);
}
