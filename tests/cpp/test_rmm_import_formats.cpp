// The importers on small hand-made inputs: each accepted layout, the mapping of every status
// that matters, and malformed inputs with their named errors and issues.
#include <mspcore/rmm/import.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

using namespace mspcore;

namespace {

ImportBatch rmm(const std::string& text, const ImportOptions& options = {}) {
  return import_text(text, "in.json", RmmVendor::DattoRmm, options);
}
ImportBatch cove(const std::string& text) { return import_text(text, "in.json", RmmVendor::Cove); }
ImportBatch ncentral(const std::string& text, const ImportOptions& options = {}) {
  return import_text(text, "in.csv", RmmVendor::NCentral, options);
}

std::string issue_text(const ImportIssue& i) {
  return i.file + ":" + std::to_string(i.row) + ":" + i.field + ": " + std::string(error_code_name(i.code)) + ": " +
         i.message;
}

// A Cove row with the given Settings columns.
std::string cove_row(const std::string& columns) {
  return R"({"AccountId": 7, "Settings": [{"AU": "7"}, {"AR": "Acme"}, {"OT": "1"}, )" + columns + "]}";
}

}  // namespace

// ---- Datto RMM ---------------------------------------------------------------------------------

TEST_CASE("Datto RMM: an array of pages, JSON Lines and a capture give the same records") {
  const std::string page0 = R"({"pageDetails": {"count": 1}, "devices": [{"uid": "d1", "siteName": "Acme"}]})";
  const std::string page1 = R"({"pageDetails": {"count": 1}, "devices": [{"uid": "d2", "siteName": "Acme"}]})";
  for (const std::string& text : {"[" + page0 + "," + page1 + "]", page0 + "\n" + page1 + "\n",
                                  R"({"_synthetic": "x", "GET /api/v2/account/devices": )" + page0 +
                                      R"(, "enums": {"a": [1]}, "GET /api/v2/account/devices?page=1": )" + page1 + "}"}) {
    const ImportBatch b = rmm(text);
    REQUIRE(b.devices.size() == 2);
    CHECK(b.devices[0].id == "d1");
    CHECK(b.devices[1].id == "d2");
    CHECK(b.issues.empty());
  }
  // Record numbers run through the file, across JSON Lines.
  ImportOptions mapped;
  mapped.tenants = {{"Acme", "acme"}};
  const ImportBatch b = rmm(page0 + "\n" + R"({"devices": [{"uid": "d3"}]})", mapped);
  REQUIRE(b.issues.size() == 1);
  CHECK(b.issues[0].row == 2);
}

TEST_CASE("Datto RMM: a resolved offline alert is an outage with its resolution time") {
  // 1748779200000 ms = 2025-06-01T12:00:00Z; + 5 min 30.999 s -> 12:05:30Z (truncated).
  const ImportBatch b = rmm(R"({"alerts": [{"alertUid": "a1", "priority": "Critical", "resolved": true,
      "timestamp": 1748779200000, "resolvedOn": 1748779530999,
      "alertContext": {"@class": "online_offline_status_ctx"},
      "alertSourceInfo": {"deviceUid": "d1", "siteName": "Acme"}}]})");
  REQUIRE(b.events.size() == 1);
  const MonitoringEvent& e = b.events[0];
  CHECK(e.outage);
  CHECK(e.priority == EventPriority::Critical);
  CHECK(format_instant(e.opened) == "2025-06-01T12:00:00Z");
  REQUIRE(e.resolved);
  CHECK(format_instant(*e.resolved) == "2025-06-01T12:05:30Z");
}

TEST_CASE("Datto RMM: an alert timestamp in seconds is an issue naming the field") {
  const ImportBatch b = rmm(R"({"alerts": [{"alertUid": "a1", "timestamp": 1748779140,
      "alertSourceInfo": {"deviceUid": "d1", "siteName": "Acme"}}]})");
  CHECK(b.events.empty());
  REQUIRE(b.issues.size() == 1);
  CHECK(issue_text(b.issues[0]) ==
        "in.json:1:timestamp: OUT_OF_RANGE: timestamp: 1748779140 is too small for epoch milliseconds (seconds?); "
        "the vendor documents timestamp in epoch milliseconds");
}

TEST_CASE("Datto RMM: a bad lastSeen is an issue, the device is kept without it") {
  const ImportBatch b = rmm(R"({"devices": [{"uid": "d1", "siteName": "Acme", "lastSeen": "2025-02-30T10:00:00Z"}]})");
  REQUIRE(b.devices.size() == 1);
  CHECK_FALSE(b.devices[0].last_seen);
  REQUIRE(b.issues.size() == 1);
  CHECK(b.issues[0].field == "lastSeen");
  CHECK(b.issues[0].code == ErrorCode::INVALID_TIME);
  CHECK(b.issues[0].message.find("2025-02-30T10:00:00Z") != std::string::npos);
}

TEST_CASE("Datto RMM: a site missing from the tenant map is an issue; a mapped one takes its tenant") {
  ImportOptions options;
  options.tenants = {{"Acme Industries", "acme"}};
  const ImportBatch b = rmm(R"({"devices": [{"uid": "d1", "siteName": "Acme Industries"},
                                            {"uid": "d2", "siteName": "Globex"}]})",
                            options);
  REQUIRE(b.devices.size() == 1);
  CHECK(b.devices[0].tenant == "acme");
  CHECK(b.devices[0].site == "Acme Industries");
  REQUIRE(b.issues.size() == 1);
  CHECK(issue_text(b.issues[0]) == "in.json:2:siteName: NOT_FOUND: site 'Globex' is not in the tenant map");
}

TEST_CASE("Datto RMM: truncated JSON is PARSE_ERROR naming the file and offset, after the batches before it") {
  struct Keep : ImportSink {
    ImportBatch all;
    void consume(ImportBatch&& b) override { append_batch(all, std::move(b)); }
  } sink;
  ImportOptions options;
  options.batch_rows = 1;
  const std::string text = R"({"devices": [{"uid": "d1", "siteName": "Acme"}, {"uid": "d2")";  // 60 bytes
  std::string message;
  CHECK(test::code_of([&] { import_text(text, "cut.json", RmmVendor::DattoRmm, options, sink); }, &message) ==
        ErrorCode::PARSE_ERROR);
  CHECK(message ==
        "'cut.json': malformed JSON in top-level value 1 at byte 60 (parse error at line 1, column 61: syntax error "
        "while parsing object - unexpected end of input; expected '}')");
  REQUIRE(sink.all.devices.size() == 1);
  CHECK(sink.all.devices[0].id == "d1");
}

TEST_CASE("Datto RMM: a document without pages is PARSE_ERROR; a non-object device an issue") {
  CHECK(test::error_text_of([] { rmm(R"({"items": []})"); }) ==
        "PARSE_ERROR: 'in.json': not a Datto RMM export: no \"devices\" or \"alerts\" page in it");
  const ImportBatch b = rmm(R"({"devices": [42]})");
  REQUIRE(b.issues.size() == 1);
  CHECK(issue_text(b.issues[0]) == "in.json:1:: INVALID_TYPE: a device must be an object, got '42'");
}

TEST_CASE("JSON Lines: the offset of an error counts from the start of the file") {
  // Line 1 is 16 bytes with its newline; line 2 ends after 15 more: byte 31.
  CHECK(test::error_text_of([] { rmm("{\"devices\": []}\n{\"devices\": [1,"); }) ==
        "PARSE_ERROR: 'in.json': malformed JSON in top-level value 2 at byte 31 (parse error at line 1, column 16: "
        "syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal)");
}

TEST_CASE("a missing file is IO_ERROR naming the path") {
  CHECK(test::error_text_of([] { import_file("/nonexistent/devices.json", RmmVendor::DattoRmm); }) ==
        "IO_ERROR: '/nonexistent/devices.json': cannot be opened (No such file or directory)");
}

// ---- Datto BCDR --------------------------------------------------------------------------------

TEST_CASE("Datto BCDR: paused and share assets expect no backup; an offsite time in ms is an issue") {
  ImportOptions options;
  options.default_tenant = "acme";
  const ImportBatch b = import_text(R"([
      {"name": "PC1", "volume": "v1", "os": "Windows 11", "isPaused": true, "latestOffsite": 0, "backups": [
        {"timestamp": "2025-06-01T12:00:00+02:00", "backup": {"status": "failed", "errorMessage": "disk full"},
         "localVerification": {"status": "failure", "errors": [{"x": 1}, {"x": 2}]}}]},
      {"name": "NAS", "volume": "v2", "type": "share", "latestOffsite": 1748736000000}])",
                                    "bcdr.json", RmmVendor::DattoBcdr, options);
  REQUIRE(b.devices.size() == 2);
  CHECK(b.devices[0].device_class == DeviceClass::Workstation);
  CHECK_FALSE(b.devices[0].backup_expected);
  CHECK(b.devices[1].device_class == DeviceClass::Other);
  CHECK_FALSE(b.devices[1].backup_expected);
  REQUIRE(b.backup_results.size() == 1);  // latestOffsite 0: never copied offsite, so no result
  const BackupResult& r = b.backup_results[0];
  CHECK(format_instant(r.at) == "2025-06-01T10:00:00Z");
  CHECK(r.outcome == BackupOutcome::Failed);
  CHECK(r.verification == Verification::Failed);
  CHECK(r.errors == 2);
  CHECK(r.detail == "failed: disk full");
  REQUIRE(b.issues.size() == 1);
  CHECK(issue_text(b.issues[0]) ==
        "bcdr.json:2:latestOffsite: OUT_OF_RANGE: latestOffsite: 1748736000000 is too large for epoch seconds "
        "(milliseconds?); the vendor documents latestOffsite in epoch seconds");
}

// ---- Cove --------------------------------------------------------------------------------------

TEST_CASE("Cove: session status codes map to outcomes; the last success is its own result") {
  // F: CompletedWithErrors at FO 1748779200 (12:00Z), last success FL 1748736000 (00:00Z).
  // G (M365 Exchange): Failed at TL. J: NoSelection -> not_expected. S: InProcess -> issue.
  const ImportBatch b = cove(cove_row(R"({"TL": "1748779200"}, {"F0": "8"}, {"FO": "1748779200"},
      {"FL": "1748736000"}, {"F7": "3"}, {"G0": "2"}, {"J0": "11"}, {"S0": "1"})"));
  REQUIRE(b.devices.size() == 1);
  CHECK(b.devices[0].device_class == DeviceClass::Workstation);
  REQUIRE(b.backup_results.size() == 4);
  CHECK(b.backup_results[0].id == "7/files/1748779200");
  CHECK(b.backup_results[0].outcome == BackupOutcome::SuccessWithExceptions);
  CHECK(b.backup_results[0].errors == 3);
  CHECK(b.backup_results[0].copy == BackupCopy::Offsite);
  CHECK(b.backup_results[1].id == "7/files/1748736000");
  CHECK(b.backup_results[1].outcome == BackupOutcome::Success);
  CHECK(b.backup_results[2].id == "7/m365_exchange/1748779200");
  CHECK(b.backup_results[2].outcome == BackupOutcome::Failed);
  CHECK(b.backup_results[3].data_source == "m365_onedrive");
  CHECK(b.backup_results[3].outcome == BackupOutcome::NotExpected);
  REQUIRE(b.issues.size() == 1);
  CHECK(issue_text(b.issues[0]) ==
        "in.json:1:S0: INVALID_STATE: S0: status 1 InProcess: the session is still running, so there is no result "
        "for 'system_state'");
}

TEST_CASE("Cove: an unknown session status code is an issue naming it") {
  const ImportBatch b = cove(cove_row(R"({"TL": "1748779200"}, {"F0": "13"})"));
  CHECK(b.backup_results.empty());
  REQUIRE(b.issues.size() == 1);
  CHECK(issue_text(b.issues[0]) == "in.json:1:F0: INVALID_ARGUMENT: F0: unknown Cove session status 13 (known: 0-12)");
}

TEST_CASE("Cove: the JSON-RPC response, M365 accounts as cloud, the account total without data sources") {
  const ImportBatch b = cove(R"({"id": "1", "jsonrpc": "2.0", "result": {"result": [
      {"AccountId": 8, "Settings": [{"AU": "8"}, {"AR": "Acme"}, {"AT": "2"}, {"T0": "5"}, {"TL": "1748779200"},
                                    {"T7": "0"}]}]}})");
  REQUIRE(b.devices.size() == 1);
  CHECK(b.devices[0].device_class == DeviceClass::Cloud);
  REQUIRE(b.backup_results.size() == 1);
  CHECK(b.backup_results[0].id == "8/total/1748779200");
  CHECK(b.backup_results[0].data_source.empty());
  CHECK(b.issues.empty());
}

// ---- N-central CSV -----------------------------------------------------------------------------

TEST_CASE("N-central CSV: devices and patches, quoted fields with commas and line breaks") {
  const std::string csv =
      "Device ID,Device Name,Customer Name,Device Class,OS,Last Check-in,Patch ID,Patch Name,Severity,"
      "Installation Status,Approval Status,Release Date,Installed On,Reboot Required\r\n"
      "101,ACME-DC01,\"Acme, Inc.\",Server - Windows,Windows Server 2019,2025-06-01T12:00:00Z,KB5034439,"
      "\"Security Update, \"\"January\"\"\nfor Windows\",Critical,Missing,Approved for Install,2025-01-09,,\r\n"
      "101,ACME-DC01,\"Acme, Inc.\",Server - Windows,Windows Server 2019,2025-06-01T12:00:00Z,KB5034440,Rollup,"
      "Important,Installed - Reboot Required,Approved for Install,2025-01-09,2025-01-20T03:00:00Z,Yes\r\n"
      "102,ACME-PC7,\"Acme, Inc.\",Laptop - Windows,Windows 11,2025-06-01T08:00:00Z,,,,,,,,\r\n";
  const ImportBatch b = ncentral(csv);
  CHECK(b.issues.empty());
  REQUIRE(b.devices.size() == 2);
  CHECK(b.devices[0].id == "101");
  CHECK(b.devices[0].tenant == "Acme, Inc.");
  CHECK(b.devices[0].device_class == DeviceClass::Server);
  CHECK(b.devices[1].device_class == DeviceClass::Workstation);
  REQUIRE(b.patches.size() == 2);
  CHECK(b.patches[0].title == "Security Update, \"January\"\nfor Windows");
  CHECK(b.patches[0].severity == PatchSeverity::Critical);
  CHECK(b.patches[0].state == PatchState::Missing);
  CHECK(format_date(*b.patches[0].released) == "2025-01-09");
  CHECK(b.patches[1].state == PatchState::Installed);
  CHECK(b.patches[1].reboot_required);
  CHECK(format_instant(*b.patches[1].installed_at) == "2025-01-20T03:00:00Z");
}

TEST_CASE("N-central CSV: an unknown or missing column is PARSE_ERROR naming it") {
  CHECK(test::error_text_of([] { ncentral("Device ID,Device Name,Customer Name,Device Class,Colour\n1,a,b,c,d\n"); })
            .rfind("PARSE_ERROR: 'in.csv': line 1: unknown column 'Colour' (known: Device ID, Device Name,", 0) == 0);
  CHECK(test::error_text_of([] { ncentral("Device ID,Device Name,Device Class\n1,a,c\n"); }) ==
        "PARSE_ERROR: 'in.csv': line 1: missing required column 'Customer Name'");
  CHECK(test::error_text_of([] { ncentral(""); }) ==
        "PARSE_ERROR: 'in.csv': empty file: an N-central CSV export needs its header row");
  CHECK(test::error_text_of([] { ncentral("Device ID,Device Name,Customer Name,Device Class\n1,\"a,b,c\n"); }) ==
        "PARSE_ERROR: 'in.csv': line 2: a quoted field is not closed before the end of the file");
}

TEST_CASE("N-central CSV: a bad date, a short row and an unmapped customer are issues with line and column") {
  ImportOptions options;
  options.tenants = {{"Acme", "acme"}};
  const ImportBatch b = ncentral(
      "Device ID,Device Name,Customer Name,Device Class,Last Check-in\n"
      "1,a,Acme,Server - Windows,2025-13-01T00:00:00Z\n"
      "2,b,Acme\n"
      "3,c,Globex,Server - Windows,\n",
      options);
  REQUIRE(b.devices.size() == 1);
  CHECK_FALSE(b.devices[0].last_seen);
  REQUIRE(b.issues.size() == 3);
  CHECK(b.issues[0].row == 2);
  CHECK(b.issues[0].field == "Last Check-in");
  CHECK(b.issues[0].code == ErrorCode::INVALID_TIME);
  CHECK(b.issues[0].message.find("2025-13-01T00:00:00Z") != std::string::npos);
  CHECK(issue_text(b.issues[1]) == "in.csv:3:: INVALID_ARGUMENT: row has 3 fields, the header 5");
  CHECK(issue_text(b.issues[2]) == "in.csv:4:Customer Name: NOT_FOUND: site 'Globex' is not in the tenant map");
}

// ---- options and the JSON document -------------------------------------------------------------

TEST_CASE("import options from JSON; unknown keys and bad values are named") {
  const ImportOptions o = parse_import_options_json(R"({"tenants": {"Acme": "acme"}, "batch_rows": 5})");
  CHECK(o.tenants.at("Acme") == "acme");
  CHECK(o.batch_rows == 5);
  CHECK(test::error_text_of([] { parse_import_options_json(R"({"tenant": {}})"); }) ==
        "INVALID_ARGUMENT: options_json: unknown key 'tenant' (known: tenants, default_tenant, batch_rows)");
  CHECK(test::error_text_of([] { parse_import_options_json(R"({"batch_rows": 0})"); }) ==
        "INVALID_ARGUMENT: options_json.batch_rows: expected an integer >= 1, got 0");
}
