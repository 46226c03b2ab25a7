// The RMM store's JSON requests (the C ABI's forms): reads, lookups, their errors, and the
// import options document.
#include <mspcore/rmm/rmm_records.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include "rmm_store_fixtures.hpp"
#include "store/rmm_query.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <mspcore.h>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace mspcore;
using detail::rmm_store::query_json;
using mspcore::test::error_text_of;
using mspcore::test::TempDir;
using nlohmann::json;

namespace {

void fill(RmmStore& store) {
  ImportBatch b;
  b.devices = {test::device("acme", "D1"), test::device("globex", "D3")};
  b.backup_results = {test::result("acme", "D1", "R1"), test::result("acme", "D1", "R2", "2025-03-02T02:00:00Z")};
  b.patches = {test::patch("acme", "D1", "KB1")};
  b.events = {test::event("globex", "D3", "E1")};
  b.issues = {ImportIssue{"a.json", 7, "T0", ErrorCode::INVALID_ARGUMENT, "bad"}};
  store.begin_run("a.json", "cove");
  store.consume(std::move(b));
  store.finish_run();
}

}  // namespace

TEST_CASE("rmm store JSON: reads answer {what: records} with the field-list keys", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  fill(store);
  const json devices = json::parse(query_json(store, R"({"what": "devices", "tenant": null})"));
  REQUIRE(devices["devices"].size() == 2);
  std::vector<std::string> keys;
  for (const auto& item : devices["devices"][0].items()) keys.push_back(item.key());
  std::vector<std::string> expected(kDeviceFields.begin(), kDeviceFields.end());
  std::sort(expected.begin(), expected.end());
  CHECK(keys == expected);
  CHECK(json::parse(query_json(store, R"({"what": "devices", "tenant": "globex"})"))["devices"].size() == 1);
  // since inclusive, until exclusive: only R1 (03-01 02:00).
  const json r = json::parse(query_json(
      store, R"({"what": "backup_results", "since": "2025-03-01T02:00:00Z", "until": "2025-03-02T02:00:00Z"})"));
  REQUIRE(r["backup_results"].size() == 1);
  CHECK(r["backup_results"][0]["id"] == "R1");
  CHECK(r["backup_results"][0]["at"] == "2025-03-01T02:00:00Z");
  const json p = json::parse(query_json(store, R"({"what": "patches"})"));
  CHECK(p["patches"][0]["released"] == "2025-02-11");
  CHECK(json::parse(query_json(store, R"({"what": "events", "tenant": "acme"})"))["events"].empty());
  const json runs = json::parse(query_json(store, R"({"what": "runs"})"));
  CHECK(runs["runs"][0]["vendor"] == "cove");
  CHECK(runs["runs"][0]["inserted"] == 6);
  CHECK(runs["runs"][0]["issues"] == 1);
  CHECK(json::parse(query_json(store, R"({"what": "runs", "tenant": "acme"})"))["runs"].empty());
  CHECK(json::parse(query_json(store, R"({"what": "issues", "run": 1})")).dump() ==
        R"({"issues":[{"code":"INVALID_ARGUMENT","field":"T0","file":"a.json","message":"bad","row":7,"run_id":1}]})");
  CHECK(json::parse(query_json(store, R"({"what": "device", "source": "datto_rmm", "id": "D1"})"))["device"]["id"] ==
        "D1");
  CHECK(json::parse(query_json(store, R"({"what": "patch", "source": "datto_rmm", "record_tenant": "acme",
                                          "device_id": "D1", "patch_id": "KB1"})"))["patch"]["title"] ==
        "Cumulative update");
}

TEST_CASE("rmm store JSON: bad requests are named errors", "[rmm_store]") {
  TempDir dir;
  RmmStore store(dir.file("rmm.db"));
  fill(store);
  CHECK(error_text_of([&] { query_json(store, R"({"what": "device", "tenant": "acme", "source": "datto_rmm",
                                                  "id": "D3"})"); }) ==
        "NOT_FOUND: device (source 'datto_rmm', id 'D3') not found in tenant 'acme'");
  CHECK(error_text_of([&] { query_json(store, R"({"what": "run", "tenant": "acme", "run": 1})"); }) ==
        "NOT_FOUND: import run 1 not found in tenant 'acme'");
  CHECK(error_text_of([&] { query_json(store, R"({"what": "gadgets"})"); }) ==
        "INVALID_ARGUMENT: request.what: unknown 'gadgets' (known: devices, backup_results, patches, events, runs, "
        "issues, device, backup_result, patch, event, run)");
  CHECK(error_text_of([&] { query_json(store, R"({"tenant": "acme"})"); }) ==
        "INVALID_ARGUMENT: request: what is missing");
  CHECK(error_text_of([&] { query_json(store, R"({"what": "devices", "since": "2025-01-01T00:00:00Z"})"); }) ==
        "INVALID_ARGUMENT: request for 'devices': unknown key 'since' (known: )");
  CHECK(error_text_of([&] { query_json(store, R"({"what": "devices", "tenant": ""})"); }) ==
        "INVALID_ARGUMENT: request.tenant: tenant scope: the tenant must not be empty (use TenantScope::all())");
  CHECK(error_text_of([&] { query_json(store, R"({"what": "backup_results", "since": "2025-01-01T00:00"})"); })
            .rfind("NAIVE_DATETIME: request.since: ", 0) == 0);
  CHECK(error_text_of([&] { query_json(store, R"({"what": "issues", "run": "1"})"); }) ==
        "INVALID_ARGUMENT: request.run: expected a whole number, got \"1\"");
  CHECK(error_text_of([&] { query_json(store, R"({"what": )"); }).rfind("PARSE_ERROR: request: malformed JSON", 0) ==
        0);
  CHECK(error_text_of([&] { query_json(store, "[]"); }) == "INVALID_ARGUMENT: request: expected an object, got []");
}

TEST_CASE("rmm store C ABI: open, query with the buffer protocol, close", "[rmm_store]") {
  TempDir dir;
  const std::string path = dir.file("rmm.db");
  {
    RmmStore store(path);
    fill(store);
  }
  msp_rmm_store* store = nullptr;
  msp_error err{};
  REQUIRE(msp_rmm_store_open(path.c_str(), &store, &err) == MSP_STATUS_OK);
  const char* request = R"({"what": "devices", "tenant": "acme"})";
  size_t required = 0;
  REQUIRE(msp_rmm_store_query_json(store, request, nullptr, 0, &required, &err) == MSP_STATUS_OK);
  std::string buf(required, '\0');
  CHECK(msp_rmm_store_query_json(store, request, buf.data(), required - 1, &required, &err) ==
        MSP_STATUS_BUFFER_TOO_SMALL);
  REQUIRE(msp_rmm_store_query_json(store, request, buf.data(), buf.size(), &required, &err) == MSP_STATUS_OK);
  CHECK(json::parse(buf.c_str())["devices"][0]["id"] == "D1");
  CHECK(msp_rmm_store_query_json(store, R"({"what": "device", "tenant": "acme", "source": "datto_rmm", "id": "D3"})",
                                 nullptr, 0, &required, &err) == MSP_STATUS_NOT_FOUND);
  CHECK(std::string(err.message) == "device (source 'datto_rmm', id 'D3') not found in tenant 'acme'");
  msp_rmm_store_close(store);
  msp_rmm_store_close(nullptr);
  CHECK(msp_rmm_store_open(dir.file("missing/dir/rmm.db").c_str(), &store, &err) == MSP_STATUS_STORAGE_ERROR);
  CHECK(store == nullptr);
}
