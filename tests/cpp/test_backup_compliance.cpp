// Backup compliance: the hand-worked cases of issue #16 (RPO boundaries, offline workstation,
// Cove "completed with exceptions" under both policies, DST nights, never/unknown/out of scope,
// one client across vendors). Each expected value is worked out in the comment beside it.
#include <mspcore/core/error.hpp>
#include <mspcore/rmm/backup_compliance.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace mspcore;

namespace {

Device device(std::string id, DeviceClass c, std::string source = "cove") {
  Device d;
  d.tenant = "acme";
  d.id = std::move(id);
  d.source = std::move(source);
  d.device_class = c;
  return d;
}

BackupResult result(std::string device_id, std::string_view at, BackupOutcome o = BackupOutcome::Success) {
  BackupResult r;
  r.tenant = "acme";
  r.device_id = std::move(device_id);
  r.at = parse_instant(at);
  r.outcome = o;
  return r;
}

const Instant kAsOf = parse_instant("2025-03-10T12:00:00Z");

DeviceBackupCompliance one(const Device& d, const std::vector<BackupResult>& rs, Instant as_of = kAsOf,
                           const BackupPolicy& p = {}) {
  return backup_compliance({d}, rs, as_of, p).devices.at(0);
}

}  // namespace

TEST_CASE("backup: a server backup exactly 12 h old is compliant and 12 h + 1 s a warning") {
  const Device s = device("S1", DeviceClass::Server);
  auto c = one(s, {result("S1", "2025-03-10T00:00:00Z")});  // 12:00 - 00:00 = 43200 s = RPO
  CHECK(c.status == BackupStatus::Compliant);
  CHECK(*c.age_seconds == 43200);
  CHECK(c.reason_code == "within_rpo");
  c = one(s, {result("S1", "2025-03-09T23:59:59Z")});  // 43201 s > RPO
  CHECK(c.status == BackupStatus::Warning);
  CHECK(c.reason_code == "past_rpo");
}

TEST_CASE("backup: exactly 1.5 x RPO is still a warning and one second past it overdue") {
  const Device s = device("S1", DeviceClass::Server);
  // 1.5 x 12 h = 18 h: 2025-03-10T12:00 - 18 h = 2025-03-09T18:00 (age 64800 s, 64800*100 <= 43200*150).
  auto c = one(s, {result("S1", "2025-03-09T18:00:00Z")});
  CHECK(c.status == BackupStatus::Warning);
  CHECK(*c.age_seconds == 64800);
  c = one(s, {result("S1", "2025-03-09T17:59:59Z")});  // 64801 s
  CHECK(c.status == BackupStatus::Overdue);
  CHECK(c.reason_code == "past_warning");
  CHECK(c.reason == "last good backup 18 h 00 min 01 s before 2025-03-10T12:00:00Z; RPO 12 h 00 min, overdue after 18 h 00 min");
}

TEST_CASE("backup: a workstation offline for a week is judged as of when it was last seen") {
  Device w = device("W1", DeviceClass::Workstation);
  w.last_seen = parse_instant("2025-03-03T12:00:00Z");  // a week before as_of
  w.online = false;
  // Last good backup 2 h before it went offline; then a week of "missed" sessions.
  std::vector<BackupResult> rs{result("W1", "2025-03-03T10:00:00Z")};
  for (int day = 4; day <= 10; ++day) {
    rs.push_back(result("W1", "2025-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T01:00:00Z",
                        BackupOutcome::Missed));
  }
  auto c = one(w, rs);
  CHECK(c.status == BackupStatus::Compliant);  // age 2 h as of last_seen, not 7 d 2 h
  CHECK(c.offline_suppressed);
  CHECK(c.judged_at == *w.last_seen);
  CHECK(*c.age_seconds == 7200);
  CHECK(c.attempts == 1);  // the seven missed sessions after last_seen are not counted
  CHECK(c.good == 1);
  // Without suppression: 7 d 2 h > 36 h: overdue, and the missed sessions count (1 of 8 good).
  BackupPolicy p;
  p.suppress_offline_workstations = false;
  c = one(w, rs, kAsOf, p);
  CHECK(c.status == BackupStatus::Overdue);
  CHECK(c.attempts == 8);
  CHECK(c.success_percent->to_string() == "12.50");
  // A server is never suppressed.
  Device s = w;
  s.device_class = DeviceClass::Server;
  CHECK(one(s, rs).status == BackupStatus::Overdue);
}

TEST_CASE("backup: a Cove session completed with exceptions under both policies") {
  const Device s = device("S1", DeviceClass::Server);
  const std::vector<BackupResult> rs{result("S1", "2025-03-10T06:00:00Z", BackupOutcome::SuccessWithExceptions),
                                     result("S1", "2025-03-09T06:00:00Z")};
  auto c = one(s, rs);  // default: exceptions are good: age 6 h
  CHECK(c.status == BackupStatus::Compliant);
  CHECK(*c.age_seconds == 6 * 3600);
  CHECK(c.success_percent->to_string() == "100.00");
  BackupPolicy strict;
  strict.exceptions_good = false;
  c = one(s, rs, kAsOf, strict);  // only the 2025-03-09T06:00 success: age 30 h > 18 h
  CHECK(c.status == BackupStatus::Overdue);
  CHECK(*c.age_seconds == 30 * 3600);
  CHECK(c.success_percent->to_string() == "50.00");
}

TEST_CASE("backup: ages are elapsed hours across the Berlin DST nights") {
  // 2025-03-30 02:00 CET -> 03:00 CEST: 22:00Z on the 29th to 10:00Z on the 30th is 12 h elapsed
  // although the Berlin wall clock moved 13 h (23:00 CET to 12:00 CEST).
  const Device s = device("S1", DeviceClass::Server);
  auto c = one(s, {result("S1", "2025-03-29T22:00:00Z")}, parse_instant("2025-03-30T10:00:00Z"));
  CHECK(*c.age_seconds == 12 * 3600);
  CHECK(c.status == BackupStatus::Compliant);
  // 2025-10-26 03:00 CEST -> 02:00 CET: 23:00Z on the 25th to 11:00Z is 12 h elapsed; the wall
  // clock moved 11 h (01:00 CEST to 12:00 CET). Still compliant, and not 13 h anywhere.
  c = one(s, {result("S1", "2025-10-25T23:00:00Z")}, parse_instant("2025-10-26T11:00:00Z"));
  CHECK(*c.age_seconds == 12 * 3600);
  CHECK(c.status == BackupStatus::Compliant);
  c = one(s, {result("S1", "2025-10-25T22:59:59Z")}, parse_instant("2025-10-26T11:00:00Z"));
  CHECK(c.status == BackupStatus::Warning);
}

TEST_CASE("backup: never and unknown and out of scope") {
  Device s = device("S1", DeviceClass::Server);
  auto c = one(s, {result("S1", "2025-03-10T01:00:00Z", BackupOutcome::Failed)});
  CHECK(c.status == BackupStatus::Never);
  CHECK(c.reason_code == "no_good_backup");
  c = one(s, {});
  CHECK(c.status == BackupStatus::Unknown);
  CHECK(c.reason_code == "no_results");
  c = one(s, {result("S1", "2025-03-11T00:00:00Z")});  // after as_of: not read
  CHECK(c.status == BackupStatus::Unknown);
  s.retired = true;
  CHECK(one(s, {}).reason_code == "retired");
  s.retired = false;
  s.backup_expected = false;
  c = one(s, {});
  CHECK(c.status == BackupStatus::OutOfScope);
  CHECK(c.reason_code == "not_expected");
}

TEST_CASE("backup: verification and offsite ages judge only when the policy sets a maximum") {
  const Device s = device("S1", DeviceClass::Server);
  BackupResult local = result("S1", "2025-03-10T06:00:00Z");
  BackupResult offsite = result("S1", "2025-03-08T06:00:00Z");
  offsite.copy = BackupCopy::Offsite;
  offsite.verification = Verification::Passed;
  auto c = one(s, {local, offsite});
  CHECK(c.status == BackupStatus::Compliant);
  CHECK(*c.offsite_age_seconds == 54 * 3600);  // 03-08 06:00 to 03-10 12:00
  CHECK(*c.verification_age_seconds == 54 * 3600);
  BackupPolicy p;
  p.offsite_max_age_seconds = 48 * 3600;
  c = one(s, {local, offsite}, kAsOf, p);
  CHECK(c.status == BackupStatus::Warning);
  CHECK(c.reason_code == "offsite_stale");
  p.offsite_max_age_seconds.reset();
  p.verification_max_age_seconds = 24 * 3600;
  c = one(s, {local}, kAsOf, p);
  CHECK(c.reason_code == "verification_missing");
}

TEST_CASE("backup: one client across vendors rolls up and results of unknown devices are counted") {
  std::vector<Device> ds{device("S1", DeviceClass::Server, "cove"), device("W1", DeviceClass::Workstation, "datto_bcdr"),
                         device("M365", DeviceClass::Cloud, "datto_bcdr"), device("OLD", DeviceClass::Server, "cove")};
  ds[3].retired = true;
  const std::vector<BackupResult> rs{result("S1", "2025-03-10T06:00:00Z"),   // compliant
                                     result("W1", "2025-03-08T12:00:00Z"),   // 48 h > 36 h: overdue
                                     result("M365", "2025-03-09T12:00:00Z"), // 24 h: compliant
                                     result("GHOST", "2025-03-10T00:00:00Z")};
  const auto r = backup_compliance(ds, rs, kAsOf);
  REQUIRE(r.clients.size() == 1);
  const auto& c = r.clients[0];
  CHECK(c.devices == 4);
  CHECK(c.in_scope == 3);
  CHECK(c.count(BackupStatus::Compliant) == 2);
  CHECK(c.count(BackupStatus::Overdue) == 1);
  CHECK(c.compliance_percent->to_string() == "66.67");  // 2 / 3 = 66.666.. -> 66.67
  CHECK(c.sources == std::vector<std::string>{"cove", "datto_bcdr"});
  CHECK(c.unmatched_results == 1);
}

TEST_CASE("backup: the request document and its errors") {
  const std::string ok = R"({"as_of": "2025-03-10T12:00:00Z",
    "devices": [{"tenant": "acme", "id": "S1", "device_class": "server"}],
    "backup_results": [{"tenant": "acme", "device_id": "S1", "at": "2025-03-10T00:00:00Z", "outcome": "success"}]})";
  const auto doc = nlohmann::json::parse(backup_compliance_json(ok));
  CHECK(doc["devices"][0]["status"] == "compliant");
  CHECK(doc["devices"][0]["age_hours"] == "12.00");
  CHECK(doc["clients"][0]["compliance_percent"] == "100.00");
  auto bad = [&](std::string from, std::string to) {
    std::string r = ok;
    r.replace(r.find(from), from.size(), to);
    return test::error_text_of([&] { backup_compliance_json(r); });
  };
  CHECK(bad("\"success\"", "\"ok\"").find("INVALID_ARGUMENT: backup_results[0] (tenant 'acme' device 'S1').outcome: "
                                          "unknown backup outcome 'ok'") == 0);
  CHECK(bad("\"outcome\"", "\"errors\": -1, \"outcome\"") ==
        "OUT_OF_RANGE: backup_results[0] (tenant 'acme' device 'S1').errors: -1 must be >= 0");
  CHECK(bad("\"at\": \"2025-03-10T00:00:00Z\"", "\"at\": \"2025-03-10T00:00:00\"").find("NAIVE_DATETIME") == 0);
  CHECK(bad("\"device_class\": \"server\"", "\"device_class\": \"server\", \"colour\": 1")
            .find("INVALID_ARGUMENT: devices[0]: unknown key 'colour'") == 0);
  CHECK(bad("\"device_class\": \"server\"}", "\"device_class\": \"server\"}, {\"tenant\": \"acme\", \"id\": \"S1\"}")
            .find("INVALID_ARGUMENT: devices[1] (tenant 'acme' device 'S1'): the same device as devices[0]") == 0);
  CHECK(test::error_text_of([] { backup_policy_from_json(R"({"warning_percent": 90})"); }) ==
        "OUT_OF_RANGE: policy.warning_percent: 90 is outside 100..1000");
}
