// RmmStore::import_file on every sample file in ../shared/data/rmm: the store holds exactly what
// the importer read, a re-import finds everything unchanged, a failed import keeps its run; and
// the same through the C ABI.
#include <mspcore/rmm/rmm_store.hpp>

#include "store/rmm_json.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <mspcore.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

using namespace mspcore;
using detail::rmm_store::to_json;
using detail::rmm_store::to_json_list;
using mspcore::test::error_text_of;
using mspcore::test::TempDir;
using nlohmann::json;

namespace {

std::string sample(const char* name) { return std::string(MSP_SHARED_DATA_DIR) + "/rmm/" + name; }

struct Sample {
  const char* file;
  RmmVendor vendor;
};

constexpr Sample kSamples[] = {{"datto_rmm_device_and_alert.synthetic.json", RmmVendor::DattoRmm},
                               {"datto_bcdr_and_saas.synthetic.json", RmmVendor::DattoBcdr},
                               {"cove_account_statistics.synthetic.json", RmmVendor::Cove}};

ImportOptions options() {
  ImportOptions o;
  o.default_tenant = "Acme Industries";  // the BCDR asset list names no client
  return o;
}

// Records as a sorted JSON list, to compare the importer's order with the store's.
template <class R>
json sorted(const std::vector<R>& rows) {
  json out = to_json_list(rows);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("rmm store: each sample imports once, then re-imports unchanged", "[rmm_store]") {
  for (const Sample& s : kSamples) {
    CAPTURE(s.file);
    TempDir dir;
    RmmStore store(dir.file("rmm.db"));
    const std::string path = sample(s.file);
    const ImportBatch read = import_file(path, s.vendor, options());
    const std::size_t records =
        read.devices.size() + read.backup_results.size() + read.patches.size() + read.events.size();
    REQUIRE(records > 0);
    const RmmImportReport first = store.import_file(path, s.vendor, options());
    CHECK(first.inserted == records);
    CHECK(first.updated == 0);
    CHECK(first.unchanged == 0);
    CHECK(first.issues == read.issues.size());
    const RmmImportReport again = store.import_file(path, s.vendor, options());
    CHECK(again.inserted == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == records);
    CHECK(again.issues == read.issues.size());
    // The store holds exactly the records read.
    const TenantScope all = TenantScope::all();
    CHECK(sorted(store.devices(all)) == sorted(read.devices));
    CHECK(sorted(store.backup_results(all)) == sorted(read.backup_results));
    CHECK(sorted(store.patches(all)) == sorted(read.patches));
    CHECK(sorted(store.events(all)) == sorted(read.events));
    // Issues of the latest run only (run 2): the file's issues once.
    const auto issues = store.issues(all);
    REQUIRE(issues.size() == read.issues.size());
    for (std::size_t i = 0; i < issues.size(); ++i) {
      CHECK(issues[i].run_id == again.run_id);
      CHECK(issues[i].issue.message == read.issues[i].message);
      CHECK(issues[i].issue.row == read.issues[i].row);
    }
    const auto runs = store.runs(all);
    REQUIRE(runs.size() == 2);
    CHECK(runs[1].file == path);
    CHECK(runs[1].vendor == to_string(s.vendor));
    CHECK(runs[1].finished.has_value());
  }
}

TEST_CASE("rmm store: a truncated file keeps its committed batches and a failed run", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  // Two Cove accounts, the second cut off: with batches of 2 items the first account's commit
  // before the parser meets the end.
  const std::string row = R"({"AccountId": 1, "Settings": [{"AU": "A1"}, {"AR": "acme"}, {"I78": "D01"}, )"
                          R"({"F0": "5"}, {"FL": "1748779200"}]})";
  const std::string path = dir.file("cut.json");
  std::ofstream(path) << "[" << row << ", " << row.substr(0, 30);
  ImportOptions o;
  o.batch_rows = 2;
  std::string message;
  CHECK(test::code_of([&] { store.import_file(path, RmmVendor::Cove, o); }, &message) == ErrorCode::PARSE_ERROR);
  const ImportRun run = store.runs(TenantScope::all()).at(0);
  CHECK(run.error == message);
  CHECK(run.finished.has_value());
  CHECK(run.report.batches == 1);
  // The committed batch: the first account's two items (records or issues), stored.
  CHECK(run.report.inserted + run.report.issues == 2);
  CHECK(store.devices(TenantScope::all()).size() == 1);
  // A missing file: IO_ERROR, and its run says so too.
  CHECK(test::code_of([&] { store.import_file(dir.file("none.json"), RmmVendor::Cove); }) == ErrorCode::IO_ERROR);
  CHECK_FALSE(store.runs(TenantScope::all()).at(1).error.empty());
  // The store is usable after both: a new run opens.
  CHECK(store.import_file(sample("cove_account_statistics.synthetic.json"), RmmVendor::Cove).run_id == 3);
}

TEST_CASE("rmm store C ABI: import reports as JSON; the buffer is checked before importing", "[rmm_store]") {
  TempDir dir;
  msp_rmm_store* store = nullptr;
  msp_error err{};
  REQUIRE(msp_rmm_store_open(dir.file("rmm.db").c_str(), &store, &err) == MSP_STATUS_OK);
  const std::string path = sample("cove_account_statistics.synthetic.json");
  size_t required = 0;
  // A size query and a short buffer import nothing.
  REQUIRE(msp_rmm_store_import(store, path.c_str(), "cove", nullptr, nullptr, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required == MSP_RMM_IMPORT_REPORT_SIZE);
  char small[16];
  CHECK(msp_rmm_store_import(store, path.c_str(), "cove", nullptr, small, sizeof small, &required, &err) ==
        MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(std::string(err.message) == "buffer of 16 bytes is too small: 256 needed (MSP_RMM_IMPORT_REPORT_SIZE); "
                                    "nothing was imported");
  char runs[256];
  REQUIRE(msp_rmm_store_query_json(store, R"({"what": "runs"})", runs, sizeof runs, &required, &err) == MSP_STATUS_OK);
  CHECK(std::string(runs) == R"({"runs":[]})");
  char report[MSP_RMM_IMPORT_REPORT_SIZE];
  REQUIRE(msp_rmm_store_import(store, path.c_str(), "cove", R"({"batch_rows": 1})", report, sizeof report, &required,
                               &err) == MSP_STATUS_OK);
  // The sample gives a device, a result and an issue; one record a batch: 3 batches.
  CHECK(std::string(report) == R"({"batches":3,"inserted":2,"issues":1,"run_id":1,"unchanged":0,"updated":0})");
  CHECK(required == std::string(report).size() + 1);
  REQUIRE(msp_rmm_store_import(store, path.c_str(), "cove", nullptr, report, sizeof report, &required, &err) ==
          MSP_STATUS_OK);
  CHECK(std::string(report) == R"({"batches":1,"inserted":0,"issues":1,"run_id":2,"unchanged":2,"updated":0})");
  CHECK(msp_rmm_store_import(store, path.c_str(), "kaseya", nullptr, report, sizeof report, &required, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_rmm_store_import(store, path.c_str(), "cove", R"({"tenant": 1})", report, sizeof report, &required,
                             &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_rmm_store_import(store, dir.file("none.json").c_str(), "cove", nullptr, report, sizeof report, &required,
                             &err) == MSP_STATUS_IO_ERROR);
  msp_rmm_store_close(store);
}
