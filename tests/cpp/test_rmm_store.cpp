// The RMM store: upsert counts worked out by hand, idempotent re-import, tenant conflicts as
// issues, runs and their issues, scoped lookups.
#include <mspcore/contract/trueup_ledger.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include "rmm_store_fixtures.hpp"
#include "store/rmm_json.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

using namespace mspcore;
using mspcore::test::TempDir;
using detail::rmm_store::to_json;
using detail::rmm_store::to_json_list;

namespace {

// Three devices (two tenants), three results, a patch, an event and an importer's issue.
ImportBatch first_batch() {
  ImportBatch b;
  b.devices = {test::device("acme", "D1"), test::device("acme", "D2"), test::device("globex", "D3")};
  b.backup_results = {test::result("acme", "D1", "R1"), test::result("acme", "D1", "R2", "2025-03-02T02:00:00Z"),
                      test::result("globex", "D3", "R3")};
  b.patches = {test::patch("acme", "D1", "KB5034441")};
  b.events = {test::event("acme", "D1", "E1")};
  b.issues = {ImportIssue{"devices.json", 4, "lastSeen", ErrorCode::INVALID_TIME, "'yesterday' is not an instant"}};
  return b;
}

RmmImportReport import_batches(RmmStore& store, const std::string& file, std::vector<ImportBatch> batches) {
  store.begin_run(file, "datto_rmm");
  for (ImportBatch& b : batches) store.consume(std::move(b));
  return store.finish_run();
}

std::string report_text(const RmmImportReport& r) { return to_json(r).dump(); }

}  // namespace

TEST_CASE("rmm store: a new batch is inserted, the same batch again changes nothing", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  // 3 devices + 3 results + 1 patch + 1 event = 8 new records; 1 issue.
  const RmmImportReport first = import_batches(store, "devices.json", {first_batch()});
  CHECK(report_text(first) ==
        R"({"batches":1,"inserted":8,"issues":1,"run_id":1,"unchanged":0,"updated":0})");
  const auto before = to_json_list(store.devices(TenantScope::all())).dump() +
                      to_json_list(store.backup_results(TenantScope::all())).dump() +
                      to_json_list(store.patches(TenantScope::all())).dump() +
                      to_json_list(store.events(TenantScope::all())).dump();
  // The same file again: all 8 unchanged, the issue reported again by the new run.
  const RmmImportReport again = import_batches(store, "devices.json", {first_batch()});
  CHECK(report_text(again) == R"({"batches":1,"inserted":0,"issues":1,"run_id":2,"unchanged":8,"updated":0})");
  const auto after = to_json_list(store.devices(TenantScope::all())).dump() +
                     to_json_list(store.backup_results(TenantScope::all())).dump() +
                     to_json_list(store.patches(TenantScope::all())).dump() +
                     to_json_list(store.events(TenantScope::all())).dump();
  CHECK(after == before);
  // The unchanged rows still name the run that wrote them.
  SQLite::Database db(dir.file("rmm.db"));
  CHECK(db.execAndGet("SELECT count(*) FROM devices WHERE run_id = 1").getInt() == 3);
}

TEST_CASE("rmm store: records read back field for field", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  ImportBatch b = first_batch();
  b.devices[1].last_seen.reset();  // optionals stay missing
  b.devices[1].online.reset();
  b.devices[1].patches_pending.reset();
  b.patches[0].released.reset();
  b.events[0].resolved.reset();
  const ImportBatch expected = b;
  import_batches(store, "f.json", {std::move(b)});
  CHECK(to_json(store.device(TenantScope::all(), "datto_rmm", "D2")) == to_json(expected.devices[1]));
  CHECK(to_json(store.device(TenantScope::only("acme"), "datto_rmm", "D1")) == to_json(expected.devices[0]));
  CHECK(to_json(store.backup_result(TenantScope::all(), "cove", "R2")) == to_json(expected.backup_results[1]));
  CHECK(to_json(store.patch(TenantScope::all(), "datto_rmm", "acme", "D1", "KB5034441")) ==
        to_json(expected.patches[0]));
  CHECK(to_json(store.event(TenantScope::all(), "datto_rmm", "E1")) == to_json(expected.events[0]));
  CHECK(to_json(expected.devices[1]).dump() ==
        R"({"backup_expected":true,"device_class":"server","id":"D2","last_seen":null,"name":"host","online":null,)"
        R"("os":"Windows Server 2022","patch_status":"pending","patches_pending":null,"reboot_required":false,)"
        R"("retired":false,"site":"acme HQ","source":"datto_rmm","tenant":"acme"})");
}

TEST_CASE("rmm store: changed records are updated, a key of another tenant is an issue", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  import_batches(store, "devices.json", {first_batch()});
  ImportBatch b = first_batch();
  b.issues.clear();
  b.devices[0].name = "renamed";                                  // updated
  b.devices[2].tenant = "acme";                                   // D3 is globex's: an issue
  b.backup_results.push_back(test::result("acme", "D2", "R4"));   // inserted
  // D2, R1, R2, R3, the patch and the event are unchanged: 6.
  const RmmImportReport r = import_batches(store, "devices.json", {std::move(b)});
  CHECK(report_text(r) == R"({"batches":1,"inserted":1,"issues":1,"run_id":2,"unchanged":6,"updated":1})");
  CHECK(store.device(TenantScope::all(), "datto_rmm", "D1").name == "renamed");
  CHECK(store.device(TenantScope::all(), "datto_rmm", "D3").tenant == "globex");  // not moved
  const std::vector<StoredIssue> issues = store.issues(TenantScope::all(), r.run_id);
  REQUIRE(issues.size() == 1);
  CHECK(to_json(issues[0]).dump() ==
        R"({"code":"INVALID_STATE","field":"tenant","file":"devices.json","message":"device (source 'datto_rmm', )"
        R"(id 'D3') is stored under tenant 'globex'; not moved to tenant 'acme'","row":0,"run_id":2})");
  // A patch's key holds its tenant: the same patch id under another tenant is another record.
  ImportBatch p;
  p.patches = {test::patch("globex", "D1", "KB5034441")};
  CHECK(import_batches(store, "patches.json", {std::move(p)}).inserted == 1);
  CHECK(store.patches(TenantScope::all()).size() == 2);
}

TEST_CASE("rmm store: a record without its tenant or key is an issue, not a row", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  ImportBatch b;
  b.devices = {test::device("", "D1"), test::device("acme", "")};
  b.patches = {test::patch("acme", "D1", "")};
  const RmmImportReport r = import_batches(store, "x.json", {std::move(b)});
  CHECK(report_text(r) == R"({"batches":1,"inserted":0,"issues":3,"run_id":1,"unchanged":0,"updated":0})");
  const auto issues = store.issues(TenantScope::all());
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].issue.message ==
        "device (source 'datto_rmm', id 'D1'): tenant is empty; a record without its tenant and key is not stored");
  CHECK(issues[1].issue.field == "id");
  CHECK(issues[2].issue.field == "patch_id");
  CHECK(issues[2].issue.code == ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("rmm store: runs record their progress; issues default to each file's latest run", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  CHECK(test::error_text_of([&] { store.consume(first_batch()); }) ==
        "INVALID_STATE: no import run is open: begin_run() first");
  import_batches(store, "a.json", {first_batch(), ImportBatch{}});
  import_batches(store, "a.json", {first_batch()});
  const std::int64_t open = store.begin_run("b.json", "cove");
  CHECK(test::error_text_of([&] { store.begin_run("c.json", "cove"); }) ==
        "INVALID_STATE: import run 3 is still open: finish_run() or fail_run() it first");
  ImportBatch b;
  b.issues = {ImportIssue{"b.json", 2, "", ErrorCode::PARSE_ERROR, "truncated"}};
  store.consume(std::move(b));
  store.fail_run("b.json: truncated JSON at byte 120");

  const std::vector<ImportRun> runs = store.runs(TenantScope::all());
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].report.batches == 2);  // the empty batch counts as committed
  CHECK(runs[0].report.inserted == 8);
  CHECK(runs[1].report.unchanged == 8);
  CHECK(runs[0].finished.has_value());
  CHECK(runs[0].error.empty());
  CHECK(runs[2].id == open);
  CHECK(runs[2].vendor == "cove");
  CHECK(runs[2].error == "b.json: truncated JSON at byte 120");
  CHECK(runs[2].report.issues == 1);
  CHECK(store.issues(TenantScope::all(), 1).size() == 1);
  // Without a run: run 2 (a.json's latest) and run 3 (b.json's): one issue each.
  const auto latest = store.issues(TenantScope::all());
  REQUIRE(latest.size() == 2);
  CHECK(latest[0].run_id == 2);
  CHECK(latest[1].run_id == 3);
  CHECK(latest[1].issue.code == ErrorCode::PARSE_ERROR);
}

TEST_CASE("rmm store: runs and issues are not a tenant's; lookups outside the scope are NOT_FOUND", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  import_batches(store, "a.json", {first_batch()});
  const TenantScope acme = TenantScope::only("acme");
  CHECK(store.runs(acme).empty());
  CHECK(store.issues(acme).empty());
  CHECK(test::error_text_of([&] { store.run(acme, 1); }) == "NOT_FOUND: import run 1 not found in tenant 'acme'");
  CHECK(test::error_text_of([&] { store.run(TenantScope::all(), 9); }) ==
        "NOT_FOUND: import run 9 not found in all tenants");
  // Another tenant's device and a missing one read the same.
  CHECK(test::error_text_of([&] { store.device(acme, "datto_rmm", "D3"); }) ==
        "NOT_FOUND: device (source 'datto_rmm', id 'D3') not found in tenant 'acme'");
  CHECK(test::error_text_of([&] { store.device(acme, "datto_rmm", "D9"); }) ==
        "NOT_FOUND: device (source 'datto_rmm', id 'D9') not found in tenant 'acme'");
  CHECK(test::error_text_of([&] { store.backup_result(acme, "cove", "R3"); }) ==
        "NOT_FOUND: backup result (source 'cove', id 'R3') not found in tenant 'acme'");
  CHECK(test::error_text_of([&] { store.patch(acme, "datto_rmm", "globex", "D1", "KB5034441"); }) ==
        "NOT_FOUND: patch (source 'datto_rmm', tenant 'globex', device_id 'D1', patch_id 'KB5034441') not found "
        "in tenant 'acme'");
  CHECK(store.devices(acme).size() == 2);
  CHECK(store.devices(TenantScope::only("globex")).size() == 1);
  CHECK(store.devices(TenantScope::only("initech")).empty());
}

TEST_CASE("rmm store: backup results between two instants", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  import_batches(store, "a.json", {first_batch()});
  // R1 and R3 at 03-01 02:00, R2 at 03-02 02:00; since is inclusive, until exclusive.
  const Instant day1 = parse_instant("2025-03-01T02:00:00Z");
  const Instant day2 = parse_instant("2025-03-02T02:00:00Z");
  const auto ids = [](const std::vector<BackupResult>& rs) {
    std::string out;
    for (const BackupResult& r : rs) out += r.id + " ";
    return out;
  };
  CHECK(ids(store.backup_results(TenantScope::all())) == "R1 R2 R3 ");  // by tenant, then at
  CHECK(ids(store.backup_results(TenantScope::all(), day1, day2)) == "R1 R3 ");
  CHECK(ids(store.backup_results(TenantScope::all(), day2)) == "R2 ");
  CHECK(ids(store.backup_results(TenantScope::only("acme"), std::nullopt, day2)) == "R1 ");
}

TEST_CASE("rmm store: a batch that fails writes nothing, the file is refused by other stores", "[rmm_store]") {
  TempDir dir;
  const std::string path = dir.file("rmm.db");
  {
    RmmStore store(path);
    store.begin_run("a.json", "datto_rmm");
    // A row the schema refuses (written around the store's checks) rolls its batch back.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'refused'); END");
    std::string message;
    CHECK(test::code_of([&] { store.consume(first_batch()); }, &message) == ErrorCode::STORAGE_ERROR);
    CHECK(message.find("refused") != std::string::npos);
    CHECK(store.devices(TenantScope::all()).empty());
    CHECK(store.finish_run().batches == 0);
    CHECK(store.runs(TenantScope::all())[0].report.issues == 0);
  }
  CHECK(RmmStore::schema_version() == 1);
  // The file is the RMM store's: a ledger refuses it, and it refuses a ledger's file.
  CHECK(test::error_text_of([&] { TrueUpLedger ledger(path); }) ==
        "STORAGE_ERROR: '" + path + "' is not an mspcore true-up ledger: it already holds other data");
  const std::string ledger_path = dir.file("ledger.db");
  { TrueUpLedger ledger(ledger_path); }
  CHECK(test::error_text_of([&] { RmmStore other(ledger_path); }) ==
        "STORAGE_ERROR: '" + ledger_path + "' is not an mspcore RMM store: it already holds other data");
}
