// Alert normalisation: every shared sample with the documented field values, unknown enum
// values kept raw, errors that name the record, batches that survive a bad record.
#include "test_support.hpp"

#include <mspcore/security/alert.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace mspcore;
using mspcore::test::code_of;
using nlohmann::json;

namespace {

// nlohmann's message without its "[json.exception.parse_error.101] " tag, as mspcore reports it.
std::string untagged(std::string text) {
  if (text.rfind("[json.exception.", 0) == 0) text.erase(0, text.find("] ") + 2);
  return text;
}

json read_alert_file(const std::string& name) {
  std::ifstream in(std::string(MSP_SHARED_DATA_DIR) + "/alerts/" + name);
  REQUIRE(in.good());
  return json::parse(in);
}

std::string s1_threat() { return read_alert_file("sentinelone_threat_v2_1_sample.json").at("data").at(0).dump(); }
std::string uam_alert() {
  return read_alert_file("sentinelone_uam_alerts_graphql_sample.json").at("data").at("alerts").at("edges").at(0).at("node").dump();
}
std::string rc_incident() {
  return read_alert_file("rocketcyber_incident.synthetic.json").at("GET /v3/incidents").at("data").at(0).dump();
}

// The example alarm of docs/security-alerts.md.
const char* const kXdrAlarm = R"({
  "alarm_id": "XDR-2025-00042", "account_id": 77, "account_name": "Acme Industries",
  "hostname": "ACME-DC01", "device_id": "dev-9f3a",
  "alarm_name": "Possible Credential Dumping", "category": "Endpoint",
  "description": "LSASS memory read by an unsigned process",
  "sha256": "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
  "severity": "High", "status": "Open", "verdict": "True Positive", "mitigation": "Not Mitigated",
  "created_at": "2025-06-02T08:15:00+02:00", "updated_at": "2025-06-02T07:45:30Z",
  "cves": ["cve-2024-3400"], "cvss_vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"})";

/// `payload` with `pointer` set to `value` (a JSON pointer such as "/threatInfo/sha1").
std::string with(const std::string& payload, const char* pointer, const json& value) {
  json doc = json::parse(payload);
  doc[json::json_pointer(pointer)] = value;
  return doc.dump();
}

std::string without(const std::string& payload, const char* pointer) {
  json doc = json::parse(payload);
  const json::json_pointer p(pointer);
  doc[p.parent_pointer()].erase(p.back());
  return doc.dump();
}

template <class E>
Mapped<E> mapped(E value, std::optional<std::string> raw) {
  return {value, std::move(raw)};
}

}  // namespace

TEST_CASE("alerts: the SentinelOne REST v2.1 threat sample", "[alerts]") {
  const NormalizedAlert a = normalize_alert("sentinelone", s1_threat());
  CHECK(a.source == AlertSource::SentinelOne);
  CHECK(a.source_id == "715718962991148224");
  CHECK(a.tenant == AlertTenant{"433241117337583618", "SentinelOne", "475482421366727779", "demisto"});
  CHECK(a.asset == AlertAsset{"657613730168123595", "EC2AMAZ-AJ0KANC"});
  CHECK(a.affected_assets == 1);
  CHECK(a.threat == "sha1:3395856ce81f2b7382dee72602f798b642f14140");  // sha256 and md5 are null
  CHECK(a.title == "Unconfirmed 123490.crdownload");
  CHECK(a.description == std::nullopt);
  CHECK(a.category == "Malware");
  CHECK(a.severity == mapped(AlertSeverity::Unknown, std::nullopt));  // threats carry no severity
  CHECK(a.verdict == mapped(AlertVerdict::Undefined, "undefined"));
  CHECK(a.confidence == mapped(AlertConfidence::Malicious, "malicious"));
  CHECK(a.mitigation == mapped(MitigationStatus::Mitigated, "mitigated"));
  CHECK(a.status == mapped(AlertStatus::Resolved, "resolved"));
  CHECK(format_instant(a.first_seen) == "2019-09-15T12:05:49Z");  // identifiedAt, fraction truncated
  CHECK(format_instant(a.last_seen) == "2020-04-02T14:52:28Z");   // updatedAt
  CHECK(a.cves.empty());
  CHECK(a.cvss_vector == std::nullopt);
  CHECK(a.cvss_score_tenths == std::nullopt);
}

TEST_CASE("alerts: the SentinelOne UAM GraphQL sample (upper-case enums)", "[alerts]") {
  const NormalizedAlert a = normalize_alert("sentinelone_uam", uam_alert());
  CHECK(a.source == AlertSource::SentinelOneUam);
  CHECK(a.source_id == "test_id");
  // realTime.scope wins over detectionTime.scope (account id 1234 there).
  CHECK(a.tenant == AlertTenant{"12345", "Test", "12345", "Default site"});
  CHECK(a.asset == AlertAsset{"test", "name"});
  CHECK(a.affected_assets == 1);
  CHECK(a.threat == "sha256:abc123");  // process.file.sha256; fileHash "N/A" is ignored
  CHECK(a.title == "Malicious Activity Detected");
  CHECK(a.description == "Description of Alert");
  CHECK(a.category == "RANSOMWARE");
  CHECK(a.severity == mapped(AlertSeverity::Critical, "CRITICAL"));
  CHECK(a.verdict == mapped(AlertVerdict::Undefined, "UNDEFINED"));
  CHECK(a.confidence == mapped(AlertConfidence::Malicious, "MALICIOUS"));
  CHECK(a.mitigation == mapped(MitigationStatus::NotMitigated, "UNMITIGATED"));
  CHECK(a.status == mapped(AlertStatus::Open, "NEW"));
  CHECK(format_instant(a.first_seen) == "2025-12-23T12:24:03Z");  // firstSeenAt
  CHECK(format_instant(a.last_seen) == "2025-12-23T12:24:03Z");   // lastSeenAt .056

  // Without the real-time scope, the detection-time scope speaks.
  CHECK(normalize_alert("sentinelone_uam", without(uam_alert(), "/realTime")).tenant ==
        AlertTenant{"1234", "Test", std::nullopt, "Default site"});
}

TEST_CASE("alerts: the RocketCyber v3 incident sample", "[alerts]") {
  const NormalizedAlert a = normalize_alert("rocketcyber", rc_incident());
  CHECK(a.source == AlertSource::RocketCyber);
  CHECK(a.source_id == "5001");  // an integer id becomes text
  CHECK(a.tenant == AlertTenant{"1001", "Acme Industries", std::nullopt, std::nullopt});
  CHECK(a.asset == AlertAsset{std::nullopt, "DESKTOP-ABC123"});
  CHECK(a.affected_assets == 1);
  CHECK(a.threat == "name:Suspicious PowerShell Execution Detected");
  CHECK(a.title == "Suspicious PowerShell Execution Detected");
  CHECK(a.description == "Encoded PowerShell command detected");
  CHECK(a.category == std::nullopt);
  CHECK(a.severity == mapped(AlertSeverity::Unknown, std::nullopt));
  CHECK(a.verdict == mapped(AlertVerdict::Unknown, std::nullopt));
  CHECK(a.confidence == mapped(AlertConfidence::Unknown, std::nullopt));
  CHECK(a.mitigation == mapped(MitigationStatus::Unknown, std::nullopt));
  CHECK(a.status == mapped(AlertStatus::Open, "open"));
  CHECK(format_instant(a.first_seen) == "2025-06-01T14:20:00Z");  // createdAt
  CHECK(format_instant(a.last_seen) == "2025-06-01T16:00:00Z");   // updatedAt

  const NormalizedAlert two = normalize_alert("rocketcyber", with(rc_incident(), "/affectedDevices", {"PC-1", "PC-2"}));
  CHECK(two.asset.name == "PC-1");
  CHECK(two.affected_assets == 2);
  const NormalizedAlert rated = normalize_alert("rocketcyber", with(rc_incident(), "/severity", "High"));
  CHECK(rated.severity == mapped(AlertSeverity::High, "High"));
}

TEST_CASE("alerts: the Barracuda XDR alarm shape", "[alerts]") {
  const NormalizedAlert a = normalize_alert("barracuda_xdr", kXdrAlarm);
  CHECK(a.source == AlertSource::BarracudaXdr);
  CHECK(a.source_id == "XDR-2025-00042");
  CHECK(a.tenant == AlertTenant{"77", "Acme Industries", std::nullopt, std::nullopt});
  CHECK(a.asset == AlertAsset{"dev-9f3a", "ACME-DC01"});
  CHECK(a.affected_assets == 1);
  CHECK(a.threat == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(a.title == "Possible Credential Dumping");
  CHECK(a.description == "LSASS memory read by an unsigned process");
  CHECK(a.category == "Endpoint");
  CHECK(a.severity == mapped(AlertSeverity::High, "High"));
  CHECK(a.verdict == mapped(AlertVerdict::TruePositive, "True Positive"));
  CHECK(a.confidence == mapped(AlertConfidence::Unknown, std::nullopt));
  CHECK(a.mitigation == mapped(MitigationStatus::NotMitigated, "Not Mitigated"));
  CHECK(a.status == mapped(AlertStatus::Open, "Open"));
  CHECK(format_instant(a.first_seen) == "2025-06-02T06:15:00Z");
  CHECK(format_instant(a.last_seen) == "2025-06-02T07:45:30Z");
  CHECK(a.cves == std::vector<std::string>{"CVE-2024-3400"});
  CHECK(a.cvss_vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  CHECK(a.cvss_score_tenths == 98);

  const NormalizedAlert minimal = normalize_alert("barracuda_xdr", R"({"alarm_id": 9, "created_at": "2025-06-02T06:15:00Z"})");
  CHECK(minimal.source_id == "9");
  CHECK(minimal.threat == "id:9");  // no hash, no name: correlates with nothing
  CHECK(minimal.title.empty());
  CHECK(minimal.affected_assets == 0);
  CHECK(minimal.last_seen == minimal.first_seen);
}

TEST_CASE("alerts: threat keys prefer the strongest hash, then the name", "[alerts]") {
  CHECK(normalize_alert("sentinelone", with(s1_threat(), "/threatInfo/sha256", "AB12")).threat == "sha256:ab12");
  const std::string no_hash = with(s1_threat(), "/threatInfo/sha1", nullptr);
  CHECK(normalize_alert("sentinelone", no_hash).threat == "name:Unconfirmed 123490.crdownload");
  CHECK(normalize_alert("sentinelone", with(no_hash, "/threatInfo/md5", "FF00")).threat == "md5:ff00");
  CHECK(normalize_alert("sentinelone_uam", with(uam_alert(), "/process/file/sha256", "N/A")).threat == "sha1:abc123");
  const std::string uam_no_file = without(uam_alert(), "/process");
  CHECK(normalize_alert("sentinelone_uam", uam_no_file).threat == "name:Malicious Activity Detected");
}

TEST_CASE("alerts: unknown enum values are kept raw and map to unknown", "[alerts]") {
  const NormalizedAlert s1 = normalize_alert(
      "sentinelone", with(with(s1_threat(), "/threatInfo/mitigationStatus", "quarantined_twice"),
                          "/threatInfo/analystVerdict", "probably_fine"));
  CHECK(s1.mitigation == mapped(MitigationStatus::Unknown, "quarantined_twice"));
  CHECK(s1.verdict == mapped(AlertVerdict::Unknown, "probably_fine"));

  const NormalizedAlert uam = normalize_alert(
      "sentinelone_uam", with(with(with(uam_alert(), "/severity", "SEVERE"), "/result", 3), "/status", "ESCALATED"));
  CHECK(uam.severity == mapped(AlertSeverity::Unknown, "SEVERE"));
  CHECK(uam.mitigation == mapped(MitigationStatus::Unknown, "3"));  // a number keeps its JSON text
  CHECK(uam.status == mapped(AlertStatus::Unknown, "ESCALATED"));

  CHECK(normalize_alert("rocketcyber", with(rc_incident(), "/status", "escalated")).status ==
        mapped(AlertStatus::Unknown, "escalated"));
  CHECK(normalize_alert("barracuda_xdr", with(kXdrAlarm, "/severity", "Sev 1")).severity ==
        mapped(AlertSeverity::Unknown, "Sev 1"));
}

TEST_CASE("alerts: vendor spellings match regardless of case, spaces and dashes", "[alerts]") {
  CHECK(normalize_alert("sentinelone", with(s1_threat(), "/threatInfo/incidentStatus", "In Progress")).status ==
        mapped(AlertStatus::InProgress, "In Progress"));
  CHECK(normalize_alert("sentinelone_uam", with(uam_alert(), "/result", "PARTIALLY_MITIGATED")).mitigation ==
        mapped(MitigationStatus::Partially, "PARTIALLY_MITIGATED"));
  CHECK(normalize_alert("sentinelone_uam", with(uam_alert(), "/analystVerdict", "FALSE_POSITIVE")).verdict ==
        mapped(AlertVerdict::FalsePositive, "FALSE_POSITIVE"));
  CHECK(normalize_alert("barracuda_xdr", with(kXdrAlarm, "/status", "in-progress")).status ==
        mapped(AlertStatus::InProgress, "in-progress"));
  CHECK(normalize_alert("rocketcyber", with(rc_incident(), "/status", "Closed")).status ==
        mapped(AlertStatus::Resolved, "Closed"));
}

TEST_CASE("alerts: bad input gives a clear error naming the record", "[alerts]") {
  std::string message;
  CHECK(code_of([] { normalize_alert("crowdstrike", "{}"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "unknown alert source 'crowdstrike' (known: sentinelone, sentinelone_uam, rocketcyber, barracuda_xdr)");

  CHECK(code_of([] { normalize_alert("sentinelone", R"({"id": "1", )"); }, &message) == ErrorCode::PARSE_ERROR);
  CHECK(message.starts_with("SentinelOne threat: malformed JSON ("));

  CHECK(code_of([] { normalize_alert("sentinelone", "[1, 2]"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "SentinelOne threat: expected a JSON object, got array");

  const std::string no_id = without(without(s1_threat(), "/id"), "/threatInfo/threatId");
  CHECK(code_of([&] { normalize_alert("sentinelone", no_id); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "SentinelOne threat: id: expected a non-empty string or integer id, got nothing");
  // The REST threat id falls back to threatInfo.threatId.
  CHECK(normalize_alert("sentinelone", without(s1_threat(), "/id")).source_id == "715718962991148224");

  CHECK(code_of([&] { normalize_alert("sentinelone_uam", with(uam_alert(), "/id", "")); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "SentinelOne UAM alert: id: expected a non-empty string or integer id, got \"\"");
  CHECK(code_of([&] { normalize_alert("rocketcyber", with(rc_incident(), "/id", 1.5)); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "RocketCyber incident: id: expected a non-empty string or integer id, got 1.5");

  CHECK(code_of([] { normalize_alert("barracuda_xdr", with(kXdrAlarm, "/cvss_vector", "garbage")); }, &message) ==
        ErrorCode::PARSE_ERROR);
  CHECK(message == "Barracuda XDR alarm 'XDR-2025-00042': cvss_vector: CVSS vector 'garbage': missing prefix "
                   "'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/'");
  CHECK(code_of([] { normalize_alert("barracuda_xdr", with(kXdrAlarm, "/cves/0", "CVE-24-1")); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "Barracuda XDR alarm 'XDR-2025-00042': cves[0]: 'CVE-24-1' is not a CVE id (CVE-YYYY-NNNN)");
  CHECK(code_of([] { normalize_alert("barracuda_xdr", with(kXdrAlarm, "/severty", "High")); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message.starts_with("Barracuda XDR alarm 'XDR-2025-00042': alarm: unknown key 'severty' (known: alarm_id, "));

  CHECK(code_of([&] { normalize_alert("rocketcyber", with(rc_incident(), "/createdAt", "2025-06-01T14:20:00")); },
                &message) == ErrorCode::NAIVE_DATETIME);
  CHECK(message.starts_with("RocketCyber incident '5001': createdAt: "));
  CHECK(code_of([&] { normalize_alert("rocketcyber", without(rc_incident(), "/createdAt")); }, &message) ==
        ErrorCode::INVALID_TIME);
  CHECK(message == "RocketCyber incident '5001': createdAt: the first-seen time is missing");
  CHECK(code_of([&] { normalize_alert("rocketcyber", with(rc_incident(), "/updatedAt", "2025-06-01T14:19:59Z")); },
                &message) == ErrorCode::INVALID_TIMELINE);
  CHECK(message == "RocketCyber incident '5001': last seen 2025-06-01T14:19:59Z lies before first seen 2025-06-01T14:20:00Z");
  CHECK(code_of([&] { normalize_alert("sentinelone", with(s1_threat(), "/threatInfo/threatName", 7.5)); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "SentinelOne threat '715718962991148224': threatInfo.threatName: expected a string, got 7.5");
  CHECK(code_of([&] { normalize_alert("rocketcyber", with(rc_incident(), "/affectedDevices", "PC-1")); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "RocketCyber incident '5001': affectedDevices: expected a list, got \"PC-1\"");
}

TEST_CASE("alerts: a batch with bad records still returns the others", "[alerts]") {
  const std::string s1 = s1_threat();
  const std::string uam = uam_alert();
  const std::string no_id = without(rc_incident(), "/id");
  const std::string garbage = with(kXdrAlarm, "/cvss_vector", "CVSS:3.1/AV:Q");
  const std::vector<AlertRecord> records{
      {"sentinelone", s1},   {"sentinelone", "{not json"}, {"rocketcyber", no_id},
      {"crowdstrike", s1},   {"barracuda_xdr", garbage},   {"sentinelone_uam", uam},
  };
  const std::vector<AlertOutcome> out = normalize_alerts(records);
  REQUIRE(out.size() == 6);
  for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i].index == i);
  CHECK(out[0].code == ErrorCode::OK);
  CHECK(out[0].message.empty());
  REQUIRE(out[0].alert);
  CHECK(out[0].alert->source_id == "715718962991148224");
  CHECK(out[1].code == ErrorCode::PARSE_ERROR);
  CHECK(!out[1].alert);
  CHECK(out[1].message.starts_with("record 1: SentinelOne threat: malformed JSON"));
  CHECK(out[2].code == ErrorCode::INVALID_ARGUMENT);
  CHECK(out[2].message == "record 2: RocketCyber incident: id: expected a non-empty string or integer id, got nothing");
  CHECK(out[3].code == ErrorCode::INVALID_ARGUMENT);
  CHECK(out[3].message.starts_with("record 3: unknown alert source 'crowdstrike'"));
  CHECK(out[4].code == ErrorCode::PARSE_ERROR);
  CHECK(out[4].message.starts_with("record 4: Barracuda XDR alarm 'XDR-2025-00042': cvss_vector: CVSS vector"));
  REQUIRE(out[5].alert);
  CHECK(out[5].alert->source_id == "test_id");
}

TEST_CASE("alerts: a JSON array of one source's payloads", "[alerts]") {
  const std::string array = "[" + rc_incident() + ", 42, " + with(rc_incident(), "/id", 5002) + "]";
  const std::vector<AlertOutcome> out = normalize_alerts("rocketcyber", array);
  REQUIRE(out.size() == 3);
  CHECK(out[0].alert->source_id == "5001");
  CHECK(out[1].code == ErrorCode::INVALID_ARGUMENT);
  CHECK(out[1].message == "record 1: RocketCyber incident: expected a JSON object, got number");
  CHECK(out[2].alert->source_id == "5002");

  std::string message;
  CHECK(code_of([] { normalize_alerts("rocketcyber", "[{]"); }, &message) == ErrorCode::PARSE_ERROR);
  CHECK(message.starts_with("alert batch: malformed JSON"));
  CHECK(code_of([] { normalize_alerts("rocketcyber", "{}"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "alert batch: expected a JSON array of payloads, got object");
  CHECK(code_of([] { normalize_alerts("sentinel", "[]"); }) == ErrorCode::INVALID_ARGUMENT);
  CHECK(normalize_alerts("rocketcyber", "[]").empty());
}

TEST_CASE("alerts: the record as JSON and back", "[alerts]") {
  const json doc = json::parse(alert_to_json(normalize_alert("sentinelone_uam", uam_alert())));
  CHECK(doc.at("source") == "sentinelone_uam");
  CHECK(doc.at("tenant") == json{{"account_id", "12345"}, {"account_name", "Test"}, {"site_id", "12345"},
                                 {"site_name", "Default site"}});
  CHECK(doc.at("severity") == json{{"value", "critical"}, {"raw", "CRITICAL"}});
  CHECK(doc.at("mitigation") == json{{"value", "not_mitigated"}, {"raw", "UNMITIGATED"}});
  CHECK(doc.at("first_seen") == "2025-12-23T12:24:03Z");
  CHECK(doc.at("cvss_score").is_null());
  CHECK(json::parse(alert_to_json(normalize_alert("barracuda_xdr", kXdrAlarm))).at("cvss_score") == 9.8);

  for (const NormalizedAlert& a : {normalize_alert("sentinelone", s1_threat()), normalize_alert("sentinelone_uam", uam_alert()),
                                   normalize_alert("rocketcyber", rc_incident()), normalize_alert("barracuda_xdr", kXdrAlarm)}) {
    CHECK(alert_from_json(alert_to_json(a)) == a);
  }

  const NormalizedAlert least =
      alert_from_json(R"({"source": "rocketcyber", "source_id": "1", "first_seen": "2025-06-01T14:20:00Z"})");
  CHECK(least.threat == "id:1");
  CHECK(least.severity.value == AlertSeverity::Unknown);
  CHECK(least.last_seen == least.first_seen);

  std::string message;
  CHECK(code_of([] { alert_from_json(R"({"source": "rocketcyber", "source_id": "1", "first_seen": "2025-06-01T14:20:00Z",
                                         "severity": {"value": "severe"}})"); },
                &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "alert.severity.value: unknown value 'severe' (known: unknown, info, low, medium, high, critical)");
  CHECK(code_of([] { alert_from_json(R"({"source_id": "1", "first_seen": "2025-06-01T14:20:00Z"})"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "alert.source: expected a string, got nothing");
  CHECK(code_of([] { alert_from_json(R"({"source": "rocketcyber", "source_id": "1", "seen": 1})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("alerts: a SentinelOne threat is read only where the normaliser looks, with the same result", "[alerts]") {
  // normalize_alert() builds only the members normalize_sentinelone() reads (a scanner for
  // plain ASCII text, nlohmann's SAX parser for the rest); members it skips must change nothing
  // but syntax errors in them are still errors.
  const std::string plain = alert_to_json(normalize_alert("sentinelone", s1_threat()));
  json junk = json::parse(s1_threat());
  junk["zzExtra"] = {{"nested", {1, -2.5e-3, "x\"y\\u00e9\n", nullptr, true, json::object(), json::array()}}};
  junk["threatInfo"]["aaUnread"] = {{"deep", {{"deeper", {1, 2, {3}}}}}};
  junk["agentRealtimeInfo"]["networkInterfaces"] = {{{"inet", {"10.0.0.1"}}}};
  CHECK(alert_to_json(normalize_alert("sentinelone", junk.dump())) == plain);
  CHECK(alert_to_json(normalize_alert("sentinelone", junk.dump(2))) == plain);  // whitespace
  junk["zzExtra"]["name"] = "caf\u00e9";                                     // not ASCII: the SAX way
  CHECK(alert_to_json(normalize_alert("sentinelone", junk.dump(-1, ' ', false))) == plain);
  // A duplicate member: the last one wins, as in nlohmann's DOM.
  std::string dup = s1_threat();
  dup.insert(1, R"("threatInfo": {"threatName": "shadowed"}, )");
  CHECK(alert_to_json(normalize_alert("sentinelone", dup)) == plain);

  for (const std::string& bad : {std::string(R"({"zz": [1, 2,], "id": "1"})"), std::string(R"({"zz": 01, "id": "1"})"),
                                 std::string(R"({"zz": "a\qb", "id": "1"})"), std::string(R"({"zz": tru, "id": "1"})"),
                                 s1_threat() + " x"}) {
    std::string message;
    CHECK(code_of([&] { normalize_alert("sentinelone", bad); }, &message) == ErrorCode::PARSE_ERROR);
    std::string expected;
    try {
      const json parsed = json::parse(bad);
      FAIL("parsed: " + parsed.dump());
    } catch (const json::parse_error& e) {
      expected = std::string("SentinelOne threat: malformed JSON (") + untagged(e.what()) + ")";
    }
    CHECK(message == expected);
  }
}

namespace {

// What normalising gives: the record as JSON, or the error's code and message.
std::string outcome_of(const char* source, const std::string& payload) {
  try {
    return alert_to_json(normalize_alert(source, payload));
  } catch (const Error& e) {
    return std::string(error_code_name(e.code())) + ": " + e.what();
  }
}

}  // namespace

TEST_CASE("alerts: RocketCyber and Barracuda XDR payloads read by the scanner as by nlohmann's parser", "[alerts]") {
  // normalize_alert() reads plain ASCII text with a scanner of its own and other text with
  // nlohmann's parser. A 'é' in some member sends a payload the parser's way when written raw
  // and the scanner's way when written as \u00e9: both must give the same record or error,
  // whatever the other members hold.
  const std::vector<json> values{77,
                                 -77,
                                 0,
                                 json::parse("18446744073709551615"),
                                 json::parse("18446744073709551616"),
                                 json::parse("-9223372036854775808"),
                                 json::parse("-9223372036854775809"),
                                 1.5,
                                 json::parse("-2.5e-3"),
                                 "T\"1\\\n\u00e9",
                                 "",
                                 true,
                                 nullptr,
                                 json::array({1, "x", json::object(), json::array()}),
                                 json::object({{"k", {1, {{"deeper", "y"}}}}})};
  struct Case {
    const char* source;
    std::string payload;
    const char* carrier;  // the member that holds the é
    std::vector<const char*> members;
  };
  const std::vector<Case> cases{
      {"rocketcyber", rc_incident(), "/description", {"/accountId", "/title", "/affectedDevices", "/id", "/zzExtra"}},
      {"barracuda_xdr", kXdrAlarm, "/category", {"/account_id", "/alarm_name", "/hostname", "/cves", "/alarm_id"}}};
  for (const Case& c : cases) {
    json base = json::parse(c.payload);
    base[json::json_pointer(c.carrier)] = "caf\u00e9";
    for (const char* member : c.members) {
      for (const json& v : values) {
        json doc = base;
        doc[json::json_pointer(member)] = v;
        INFO(c.source << " " << member << " = " << v.dump());
        const std::string raw = doc.dump(-1, ' ', false);
        const std::string escaped = doc.dump(-1, ' ', true);
        REQUIRE(raw != escaped);
        CHECK(outcome_of(c.source, escaped) == outcome_of(c.source, raw));
        CHECK(outcome_of(c.source, json::parse(escaped).dump(2)) == outcome_of(c.source, raw));  // whitespace
      }
    }
    // A duplicate member: the last one wins, as in nlohmann's DOM.
    std::string dup = base.dump();
    dup.insert(1, std::string(R"(")") + (c.carrier + 1) + R"(": "shadowed", )");
    CHECK(outcome_of(c.source, dup) == outcome_of(c.source, base.dump(-1, ' ', false)));
  }
  // An unknown member of an XDR alarm is refused the same way on both.
  json xdr = json::parse(kXdrAlarm);
  xdr["category"] = "caf\u00e9";
  xdr["zz_typo"] = 1;
  CHECK(outcome_of("barracuda_xdr", xdr.dump(-1, ' ', true)) == outcome_of("barracuda_xdr", xdr.dump(-1, ' ', false)));
  CHECK(outcome_of("barracuda_xdr", xdr.dump()).starts_with(
      "INVALID_ARGUMENT: Barracuda XDR alarm 'XDR-2025-00042': alarm: unknown key 'zz_typo' (known: alarm_id, "));

  for (const char* source : {"rocketcyber", "barracuda_xdr"}) {
    const std::string good = std::string(source) == "rocketcyber" ? rc_incident() : std::string(kXdrAlarm);
    for (const std::string& bad : {std::string(R"({"zz": [1, 2,], "id": "1"})"), std::string(R"({"alarm_id": 01})"),
                                   std::string(R"({"id": "a\qb"})"), std::string(R"({"id": tru})"), good + " x",
                                   good.substr(0, good.size() / 2), std::string("[1]"), std::string("")}) {
      std::string expected;
      try {
        const json parsed = json::parse(bad);
        expected = "parsed";
      } catch (const json::parse_error& e) {
        expected = std::string("PARSE_ERROR: ") + (std::string(source) == "rocketcyber" ? "RocketCyber incident" : "Barracuda XDR alarm") +
                   ": malformed JSON (" + untagged(e.what()) + ")";
      }
      if (expected == "parsed") {
        CHECK(outcome_of(source, bad).starts_with("INVALID_ARGUMENT: "));
      } else {
        CHECK(outcome_of(source, bad) == expected);
      }
    }
  }
}
