// The vendor importers on the reference samples in ../shared/data/rmm: every record asserted
// whole, through the import result's JSON document (the keys the decoders read back).
//
// Times worked out by hand: 2025-06-01 is day 20240 since 1970-01-01, so
// 2025-06-01T00:00:00Z = 20240 * 86400 = 1748736000 and 12:00:00Z = 1748736000 + 43200 =
// 1748779200. Datto RMM's alert timestamp 1748779140000 ms = 1748779140 s = 11:59:00Z.
#include <mspcore/rmm/import.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace mspcore;
using nlohmann::json;

namespace {

std::string sample(const char* name) { return std::string(MSP_SHARED_DATA_DIR) + "/rmm/" + name; }

json as_json(const ImportBatch& b) { return json::parse(import_result_json(b)); }

}  // namespace

TEST_CASE("Datto RMM sample: the device and the open alert") {
  const std::string path = sample("datto_rmm_device_and_alert.synthetic.json");
  const json got = as_json(import_file(path, RmmVendor::DattoRmm));
  const json want = json::parse(R"({
    "devices": [{"tenant": "Acme Industries", "source": "datto_rmm", "id": "11111111-2222-3333-4444-555555555555",
                 "name": "ACME-DC01", "device_class": "server",
                 "os": "Microsoft Windows Server 2016 Standard 10.0.14393", "site": "Acme Industries",
                 "last_seen": "2025-06-01T12:00:00Z", "online": true, "reboot_required": false,
                 "patch_status": "pending", "patches_pending": 4, "backup_expected": true, "retired": false}],
    "backup_results": [], "patches": [],
    "events": [{"tenant": "Acme Industries", "device_id": "11111111-2222-3333-4444-555555555555",
                "source": "datto_rmm", "id": "a1b2c3d4-0000-0000-0000-000000000001",
                "monitor": "perf_disk_usage_ctx", "priority": "high", "opened": "2025-06-01T11:59:00Z",
                "resolved": null, "outage": false, "ticket": "T20250601.0042", "detail": "C: 91% used"}],
    "issues": []})");
  CHECK(got == want);
}

TEST_CASE("Datto BCDR and SaaS sample: asset, its local and offsite backups, the SaaS domain") {
  const std::string path = sample("datto_bcdr_and_saas.synthetic.json");
  ImportOptions options;
  options.default_tenant = "Acme Industries";  // the asset list names no client
  const json got = as_json(import_file(path, RmmVendor::DattoBcdr, options));
  json want = json::parse(R"({
    "devices": [{"tenant": "Acme Industries", "source": "datto_bcdr", "id": "4b65219643aa4bc78e359928ead7fab5",
                 "name": "ACME-FS01", "device_class": "server", "os": "Windows Server 2019", "site": "",
                 "last_seen": null, "online": null, "reboot_required": false, "patch_status": "unknown",
                 "patches_pending": null, "backup_expected": true, "retired": false},
                {"tenant": "Acme Industries", "source": "datto_bcdr", "id": "saas-123456", "name": "acme.example",
                 "device_class": "cloud", "os": "Microsoft365", "site": "Acme Industries", "last_seen": null,
                 "online": null, "reboot_required": false, "patch_status": "unknown", "patches_pending": null,
                 "backup_expected": true, "retired": false}],
    "backup_results": [
      {"tenant": "Acme Industries", "device_id": "4b65219643aa4bc78e359928ead7fab5", "source": "datto_bcdr",
       "id": "4b65219643aa4bc78e359928ead7fab5/local/2025-06-01T12:00:00Z", "at": "2025-06-01T12:00:00Z",
       "outcome": "success", "copy": "local", "verification": "passed", "data_source": "image", "errors": 0,
       "detail": "success"},
      {"tenant": "Acme Industries", "device_id": "4b65219643aa4bc78e359928ead7fab5", "source": "datto_bcdr",
       "id": "4b65219643aa4bc78e359928ead7fab5/offsite/2025-06-01T00:00:00Z", "at": "2025-06-01T00:00:00Z",
       "outcome": "success", "copy": "offsite", "verification": "none", "data_source": "image", "errors": 0,
       "detail": "latestOffsite"}],
    "patches": [], "events": []})");
  // Record 2 is the domain: its backupStats has no time, which the issue says.
  want["issues"] = json::array({json{
      {"file", path}, {"row", 2}, {"field", "backupStats"}, {"code", "INVALID_ARGUMENT"},
      {"message", "SaaS domain 'saas-123456': backupStats "
                  "{\"activeServicesCount\":126,\"activeServicesWithRecentBackupCount\":124,\"backupPercentage\":98.41}"
                  " has no backup time, so no backup result is made from it (import backupHistory for results)"}}});
  CHECK(got == want);
}

TEST_CASE("Datto BCDR sample without a default tenant: the asset is an issue, the domain is imported") {
  const std::string path = sample("datto_bcdr_and_saas.synthetic.json");
  const ImportBatch b = import_file(path, RmmVendor::DattoBcdr);
  REQUIRE(b.devices.size() == 1);
  CHECK(b.devices[0].id == "saas-123456");
  CHECK(b.backup_results.empty());
  REQUIRE(b.issues.size() == 2);
  CHECK(b.issues[0].row == 1);
  CHECK(b.issues[0].field == "clientCompanyName");
  CHECK(b.issues[0].message == "no site or customer name, and no default tenant given: the record belongs to no tenant");
}

TEST_CASE("Cove sample: the account, its Files & Folders session, System State listed without a status") {
  const std::string path = sample("cove_account_statistics.synthetic.json");
  const json got = as_json(import_file(path, RmmVendor::Cove));
  json want = json::parse(R"({
    "devices": [{"tenant": "Acme Industries", "source": "cove", "id": "555001", "name": "acme-fs01",
                 "device_class": "server", "os": "", "site": "Acme Industries", "last_seen": null, "online": null,
                 "reboot_required": false, "patch_status": "unknown", "patches_pending": null,
                 "backup_expected": true, "retired": false}],
    "backup_results": [{"tenant": "Acme Industries", "device_id": "555001", "source": "cove",
                        "id": "555001/files/1748779200", "at": "2025-06-01T12:00:00Z", "outcome": "success",
                        "copy": "offsite", "verification": "none", "data_source": "files", "errors": 0,
                        "detail": "Completed"}],
    "patches": [], "events": []})");
  want["issues"] = json::array({json{{"file", path}, {"row", 1}, {"field", "S0"}, {"code", "NOT_FOUND"},
                                     {"message", "I78 lists D02 (system_state) but the row has no S0: no result for it"}}});
  CHECK(got == want);
}

TEST_CASE("re-importing a sample gives the same records (ids are stable)") {
  const std::string path = sample("cove_account_statistics.synthetic.json");
  CHECK(import_result_json(import_file(path, RmmVendor::Cove)) == import_result_json(import_file(path, RmmVendor::Cove)));
}

TEST_CASE("batches of batch_rows records reach the sink as they fill") {
  struct Count : ImportSink {
    std::vector<std::size_t> sizes;
    void consume(ImportBatch&& b) override {
      sizes.push_back(b.devices.size() + b.backup_results.size() + b.patches.size() + b.events.size() +
                      b.issues.size());
    }
  } sink;
  ImportOptions options;
  options.default_tenant = "Acme Industries";
  options.batch_rows = 2;
  // 5 items: asset, local result, offsite result, domain, domain issue.
  import_file(sample("datto_bcdr_and_saas.synthetic.json"), RmmVendor::DattoBcdr, options, sink);
  CHECK(sink.sizes == std::vector<std::size_t>{2, 2, 1});
}
