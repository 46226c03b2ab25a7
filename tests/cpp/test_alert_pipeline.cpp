#include "test_support.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace mspcore;
using mspcore::test::code_of;
namespace fs = std::filesystem;
using mspcore::test::TempDir;

namespace {

const TenantScope kAll = TenantScope::all();

Instant T(const char* iso) { return parse_instant(iso); }

// A Barracuda XDR alarm (docs/security-alerts.md) with the fields correlation looks at.
std::string xdr(const std::string& id, const std::string& account, const std::string& host, const std::string& threat,
                const std::string& created, const std::string& extra = R"("severity": "High")") {
  std::string s = R"({"alarm_id": ")" + id + R"(", )";
  if (!account.empty()) s += R"("account_id": ")" + account + R"(", )";
  s += R"("hostname": ")" + host + R"(", "alarm_name": ")" + threat + R"(", "created_at": ")" + created + R"(")";
  if (!extra.empty()) s += ", " + extra;
  return s + "}";
}

// Owns the texts an AlertRecord points into.
struct Batch {
  std::vector<std::pair<std::string, std::string>> items;
  void add(std::string source, std::string payload) { items.emplace_back(std::move(source), std::move(payload)); }
  void xdr(const std::string& id, const std::string& account, const std::string& host, const std::string& threat,
           const std::string& created, const std::string& extra = R"("severity": "High")") {
    add("barracuda_xdr", ::xdr(id, account, host, threat, created, extra));
  }
  std::vector<AlertRecord> records() const {
    std::vector<AlertRecord> out;
    for (const auto& [s, p] : items) out.push_back({s, p});
    return out;
  }
};

IngestResult ingest(AlertPipeline& p, const Batch& b, const char* now = "2025-06-10T00:00:00Z") {
  const auto records = b.records();
  return p.ingest(records, T(now));
}

// 1,000 alerts over 50 keys: tenant t(i%5), host h(i%50), threat "Threat i%10" -> key i%50.
Batch thousand() {
  Batch b;
  for (int i = 0; i < 1000; ++i) {
    b.xdr("A-" + std::to_string(i), "t" + std::to_string(i % 5), "h" + std::to_string(i % 50),
          "Threat " + std::to_string(i % 10), "2025-06-01T08:00:00Z");
  }
  return b;
}

// The pipeline's connection leaves foreign keys to the pipeline (they cost a lookup per row):
// every alerts and events row must still name a stored incident.
void check_foreign_keys(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "PRAGMA foreign_key_check");
  CHECK_FALSE(q.executeStep());
}

}  // namespace

TEST_CASE("pipeline: the same 1,000-alert batch twice gives its requests once", "[pipeline]") {
  TempDir dir;
  AlertPipeline p(dir.file("state.db"));
  const Batch b = thousand();
  const IngestResult first = ingest(p, b);
  CHECK(first.errors.empty());
  CHECK(first.new_alerts == 1000);
  REQUIRE(first.requests.size() == 50);
  std::set<std::string> keys;
  for (const TicketRequest& r : first.requests) {
    CHECK(r.action == TicketAction::Create);
    CHECK(r.alert_count == 20);
    CHECK(r.alert_ids.size() == 20);
    CHECK(r.queue == "security");
    keys.insert(r.dedup_key);
  }
  CHECK(keys.size() == 50);
  // Alert 0: tenant t0, host h0, threat "Threat 0"; severity high, no verdict, no mitigation:
  // impact 1 point -> 2, urgency 3 + 1 + 1 = 5 -> 2, priority 3 (Moderate).
  const TicketRequest& r0 = first.requests[0];
  CHECK(r0.tenant == "t0");
  CHECK(r0.asset == "h0");
  CHECK(r0.threat == "name:Threat 0");
  CHECK(r0.priority == 3);
  CHECK(r0.autotask.name == "Medium");
  CHECK(r0.title == "[Moderate] Threat 0 on h0 (t0)");
  CHECK(r0.alert_ids.front() == "barracuda_xdr:A-0");
  CHECK(r0.alert_ids.back() == "barracuda_xdr:A-950");
  CHECK(r0.dedup_key.size() == 36);
  CHECK(r0.dedup_key.rfind("inc-", 0) == 0);

  const IngestResult second = ingest(p, b);
  CHECK(second.requests.empty());
  CHECK(second.errors.empty());
  CHECK(second.unchanged_alerts == 1000);
  CHECK(second.new_alerts == 0);
  CHECK(p.alert_count(kAll) == 1000);
  CHECK(p.incidents("t0").size() == 10);
  CHECK(p.incidents("nobody").empty());
  check_foreign_keys(dir.file("state.db"));
}

TEST_CASE("pipeline: correlation within and outside the window", "[pipeline]") {
  TempDir dir;
  AlertPipeline p(dir.file("state.db"));
  Batch a, b, c, other;
  a.xdr("A", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z");
  b.xdr("B", "acme", "pc1", "Mimikatz", "2025-06-01T23:00:00Z");   // 23 h after A: joins
  c.xdr("C", "acme", "pc1", "Mimikatz", "2025-06-03T00:00:00Z");   // 25 h after B: new incident
  other.xdr("D", "acme", "pc2", "Mimikatz", "2025-06-03T00:10:00Z");  // other asset: own incident

  const auto ra = ingest(p, a);
  REQUIRE(ra.requests.size() == 1);
  CHECK(ra.requests[0].action == TicketAction::Create);
  const auto rb = ingest(p, b);
  REQUIRE(rb.requests.size() == 1);
  CHECK(rb.requests[0].action == TicketAction::Update);
  CHECK(rb.requests[0].incident_id == ra.requests[0].incident_id);
  CHECK(rb.requests[0].dedup_key == ra.requests[0].dedup_key);
  CHECK(rb.requests[0].alert_count == 2);
  CHECK(rb.requests[0].alert_ids == std::vector<std::string>{"barracuda_xdr:B"});
  const auto rc = ingest(p, c);
  REQUIRE(rc.requests.size() == 1);
  CHECK(rc.requests[0].action == TicketAction::Create);
  CHECK(rc.requests[0].incident_id != ra.requests[0].incident_id);
  CHECK(rc.requests[0].dedup_key != ra.requests[0].dedup_key);
  const auto rd = ingest(p, other);
  REQUIRE(rd.requests.size() == 1);
  CHECK(rd.requests[0].action == TicketAction::Create);

  const auto incidents = p.incidents("acme");
  REQUIRE(incidents.size() == 3);
  CHECK(incidents[0].alert_count == 2);
  CHECK(incidents[0].first_seen == T("2025-06-01T00:00:00Z"));
  CHECK(incidents[0].last_seen == T("2025-06-01T23:00:00Z"));
  CHECK(incidents[1].alert_count == 1);

  SECTION("a shorter window from JSON") {
    TempDir d2;
    AlertPipeline q(d2.file("s.db"), AlertPipelineConfig::from_json(R"({"correlation_window_hours": 12})"));
    CHECK(ingest(q, a).requests.size() == 1);
    const auto r = ingest(q, b);
    REQUIRE(r.requests.size() == 1);
    CHECK(r.requests[0].action == TicketAction::Create);
  }
}

TEST_CASE("pipeline: the same (source, source id) updates the alert, never duplicates it", "[pipeline]") {
  TempDir dir;
  AlertPipeline p(dir.file("state.db"));
  Batch a, a_tp, a_low;
  a.xdr("A", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z");
  // The SOC confirms it: urgency 3 + 3 + 1 = 7 -> 1; priority matrix[impact 2][urgency 1] = 2.
  a_tp.xdr("A", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z", R"("severity": "High", "verdict": "True Positive")");
  a_low.xdr("A", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z", R"("severity": "Low")");

  REQUIRE(ingest(p, a).requests.size() == 1);
  const auto up = ingest(p, a_tp);
  CHECK(up.updated_alerts == 1);
  REQUIRE(up.requests.size() == 1);
  CHECK(up.requests[0].action == TicketAction::Update);
  CHECK(up.requests[0].priority == 2);
  CHECK(up.requests[0].alert_count == 1);
  CHECK(up.requests[0].alert_ids == std::vector<std::string>{"barracuda_xdr:A"});
  CHECK(up.requests[0].priority_explanation.find("verdict true_positive +3") != std::string::npos);

  const auto again = ingest(p, a_tp);
  CHECK(again.requests.empty());
  CHECK(again.unchanged_alerts == 1);
  // A lower priority does not lower the incident and asks for nothing.
  const auto lower = ingest(p, a_low);
  CHECK(lower.requests.empty());
  CHECK(lower.updated_alerts == 1);
  CHECK(p.alert_count(kAll) == 1);
  CHECK(p.incidents("acme").at(0).priority == 2);
  check_foreign_keys(dir.file("state.db"));

  SECTION("twice in one batch") {
    TempDir d2;
    AlertPipeline q(d2.file("s.db"));
    Batch both;
    both.items = {a.items[0], a.items[0]};
    const auto r = ingest(q, both);
    CHECK(r.new_alerts == 1);
    CHECK(r.unchanged_alerts == 1);
    REQUIRE(r.requests.size() == 1);
    CHECK(r.requests[0].alert_count == 1);
  }
  SECTION("a re-delivery after a change in the same batch is an update again") {
    TempDir d2;
    AlertPipeline q(d2.file("s.db"));
    Batch mixed;
    mixed.items = {a_tp.items[0], a_low.items[0], a_tp.items[0], a_tp.items[0]};
    const auto r = ingest(q, mixed);
    CHECK(r.new_alerts == 1);
    CHECK(r.updated_alerts == 2);
    CHECK(r.unchanged_alerts == 1);
    REQUIRE(r.requests.size() == 1);
    CHECK(r.requests[0].action == TicketAction::Create);
    CHECK(r.requests[0].priority == 2);
    CHECK(ingest(q, a_tp).unchanged_alerts == 1);  // the stored fingerprint is a_tp's
  }
}

TEST_CASE("pipeline: a resolved incident that recurs reopens by policy", "[pipeline]") {
  TempDir dir;
  Batch a, b, c;
  a.xdr("A", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z");
  b.xdr("B", "acme", "pc1", "Mimikatz", "2025-06-05T00:00:00Z");  // 3 days after the resolution
  c.xdr("C", "acme", "pc1", "Mimikatz", "2025-06-20T00:00:00Z");  // 14 days after the second

  SECTION("reopen within 7 days (the default)") {
    AlertPipeline p(dir.file("state.db"));
    const auto ra = ingest(p, a);
    const std::int64_t id = ra.requests.at(0).incident_id;
    p.resolve_incident(kAll, id, T("2025-06-02T00:00:00Z"));
    CHECK_FALSE(p.incident(kAll, id).open);
    CHECK(code_of([&] { p.resolve_incident(kAll, id, T("2025-06-02T00:00:00Z")); }) == ErrorCode::INVALID_STATE);
    CHECK(code_of([&] { p.resolve_incident(kAll, 999, T("2025-06-02T00:00:00Z")); }) == ErrorCode::NOT_FOUND);
    const auto rb = ingest(p, b);
    REQUIRE(rb.requests.size() == 1);
    CHECK(rb.requests[0].action == TicketAction::Reopen);
    CHECK(rb.requests[0].incident_id == id);
    CHECK(rb.requests[0].dedup_key == ra.requests[0].dedup_key);
    CHECK(rb.requests[0].alert_count == 2);
    CHECK(p.incident(kAll, id).open);
    p.resolve_incident(kAll, id, T("2025-06-06T00:00:00Z"));
    const auto rc = ingest(p, c);
    REQUIRE(rc.requests.size() == 1);
    CHECK(rc.requests[0].action == TicketAction::Create);
    CHECK(rc.requests[0].incident_id != id);
    CHECK(rc.requests[0].dedup_key != ra.requests[0].dedup_key);
    check_foreign_keys(dir.file("state.db"));
  }
  SECTION("new_incident") {
    AlertPipeline p(dir.file("state.db"), AlertPipelineConfig::from_json(R"({"reopen_policy": "new_incident"})"));
    const auto ra = ingest(p, a);
    p.resolve_incident(kAll, ra.requests.at(0).incident_id, T("2025-06-02T00:00:00Z"));
    const auto rb = ingest(p, b);
    REQUIRE(rb.requests.size() == 1);
    CHECK(rb.requests[0].action == TicketAction::Create);
    CHECK(rb.requests[0].incident_id != ra.requests[0].incident_id);
  }
}

TEST_CASE("pipeline: a restart loses nothing", "[pipeline]") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  const Batch b = thousand();
  std::int64_t first_id = 0;
  {
    AlertPipeline p(path);
    first_id = ingest(p, b).requests.at(0).incident_id;
  }
  AlertPipeline p(path);
  CHECK(p.alert_count(kAll) == 1000);
  CHECK(ingest(p, b).requests.empty());
  Batch more;
  more.xdr("A-new", "t0", "h0", "Threat 0", "2025-06-01T12:00:00Z");
  const auto r = ingest(p, more);
  REQUIRE(r.requests.size() == 1);
  CHECK(r.requests[0].action == TicketAction::Update);
  CHECK(r.requests[0].incident_id == first_id);
  CHECK(r.requests[0].alert_count == 21);
}

TEST_CASE("pipeline: bad records get their errors and the rest goes through", "[pipeline]") {
  TempDir dir;
  AlertPipeline p(dir.file("state.db"));
  Batch b;
  b.xdr("A", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z");
  b.add("barracuda_xdr", R"({"alarm_id": "B", "account_id": )");                          // 1: malformed JSON
  b.add("barracuda_xdr", R"({"account_id": "acme", "created_at": "2025-06-01T00:00:00Z"})");  // 2: no id
  b.add("qradar", xdr("C", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z"));               // 3: unknown source
  b.xdr("D", "", "pc1", "Mimikatz", "2025-06-01T00:00:00Z");                                // 4: no tenant
  b.xdr("E", "acme", "pc2", "Mimikatz", "2025-06-01T00:00:00Z");
  const auto r = ingest(p, b);
  REQUIRE(r.errors.size() == 4);
  CHECK(r.errors[0].index == 1);
  CHECK(r.errors[0].code == ErrorCode::PARSE_ERROR);
  CHECK(r.errors[0].message.rfind("record 1: ", 0) == 0);
  CHECK(r.errors[1].index == 2);
  CHECK(r.errors[1].code == ErrorCode::INVALID_ARGUMENT);
  CHECK(r.errors[2].index == 3);
  CHECK(r.errors[2].code == ErrorCode::INVALID_ARGUMENT);
  CHECK(r.errors[2].message.find("qradar") != std::string::npos);
  CHECK(r.errors[3].index == 4);
  CHECK(r.errors[3].message.find("no tenant") != std::string::npos);
  CHECK(r.requests.size() == 2);
  CHECK(r.new_alerts == 2);
  CHECK(p.alert_count(kAll) == 2);

  SECTION("a bad record delivered twice fails twice, each with its own index") {
    Batch twice;
    twice.items = {b.items[4], b.items[4]};
    const auto r2 = ingest(p, twice);
    REQUIRE(r2.errors.size() == 2);
    CHECK(r2.errors[1].index == 1);
    CHECK(r2.errors[1].code == r2.errors[0].code);
    CHECK(r2.errors[1].message.substr(std::string("record 1: ").size()) ==
          r2.errors[0].message.substr(std::string("record 0: ").size()));
  }
}

TEST_CASE("pipeline: configuration", "[pipeline]") {
  const AlertPipelineConfig d;
  CHECK(d.correlation_window == std::chrono::hours{24});
  CHECK(d.reopen_within == std::chrono::hours{24 * 7});
  const AlertPipelineConfig c = AlertPipelineConfig::from_json(
      R"({"queue_by_priority": {"2": "soc-urgent"}, "queue_by_tenant": {"vip": "vip-desk"},
          "title_template": "{action} #{incident}: {title}", "reopen_within_days": 3})");
  CHECK(c.reopen_within == std::chrono::hours{72});
  const AlertPipelineConfig back = AlertPipelineConfig::from_json(c.to_json());
  CHECK(back.to_json() == c.to_json());
  CHECK(code_of([] { AlertPipelineConfig::from_json(R"({"window": 3})"); }) == ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { AlertPipelineConfig::from_json(R"({"title_template": "{nope}"})"); }) == ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { AlertPipelineConfig::from_json(R"({"queue_by_priority": {"7": "x"}})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { AlertPipelineConfig::from_json(R"({"reopen_policy": "sometimes"})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { AlertPipelineConfig::from_json("{"); }) == ErrorCode::PARSE_ERROR);

  TempDir dir;
  AlertPipeline p(dir.file("state.db"), c);
  Batch b;
  b.xdr("A", "acme", "pc1", "Mimikatz", "2025-06-01T00:00:00Z", R"("severity": "High", "verdict": "True Positive")");
  b.xdr("B", "vip", "pc1", "Mimikatz", "2025-06-01T00:00:00Z", R"("severity": "High", "verdict": "True Positive")");
  b.xdr("C", "acme", "pc1", "Other", "2025-06-01T00:00:00Z");
  const auto r = ingest(p, b);
  REQUIRE(r.requests.size() == 3);
  CHECK(r.requests[0].queue == "soc-urgent");
  CHECK(r.requests[0].title == "create #" + std::to_string(r.requests[0].incident_id) + ": Mimikatz");
  CHECK(r.requests[1].queue == "vip-desk");
  CHECK(r.requests[2].queue == "security");
  CHECK(r.requests[2].priority == 3);
}

TEST_CASE("pipeline: refuses a file of another store", "[pipeline]") {
  TempDir dir;
  const std::string path = dir.file("other.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE x (a)");
  }
  CHECK(code_of([&] { AlertPipeline p(path); }) == ErrorCode::STORAGE_ERROR);
}

TEST_CASE("pipeline: a process killed mid-transaction loses nothing and duplicates nothing", "[pipeline]") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  { AlertPipeline warm(path); }
  // 60,000 alerts over 20,000 keys: 20,000 incidents.
  constexpr int kAlerts = 60000;
  constexpr int kKeys = 20000;
  Batch b;
  b.items.reserve(kAlerts);
  for (int i = 0; i < kAlerts; ++i) {
    b.xdr("K-" + std::to_string(i), "t" + std::to_string((i % kKeys) % 7), "host-" + std::to_string(i % kKeys), "Threat",
          "2025-06-01T08:00:00Z");
  }
  const test::KilledWriter killed = test::kill_mid_transaction(path, [&] {
    AlertPipeline p(path);
    ingest(p, b);
  });
  REQUIRE_FALSE(killed.finished_first);
  CHECK(WIFSIGNALED(killed.status));
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  AlertPipeline p(path);
  const std::int64_t stored = p.alert_count(kAll);
  CHECK((stored == 0 || stored == kAlerts));
  const auto redo = ingest(p, b);
  CHECK(redo.requests.size() == (stored == 0 ? static_cast<std::size_t>(kKeys) : 0u));
  CHECK(p.alert_count(kAll) == kAlerts);
  CHECK(ingest(p, b).requests.empty());
}

TEST_CASE("pipeline: keys held in memory follow other writers and batches that roll back", "[pipeline]") {
  // A batch at least a quarter the size of the state looks its keys up in memory; the copy
  // must be dropped when another connection commits and when a batch rolls back.
  TempDir dir;
  const std::string path = dir.file("state.db");
  AlertPipeline p(path);
  AlertPipeline other(path);
  Batch one;
  one.xdr("A-1", "t1", "h1", "Threat", "2025-06-01T08:00:00Z");
  REQUIRE(ingest(p, one).requests.size() == 1);
  Batch two;
  two.xdr("A-2", "t1", "h2", "Threat", "2025-06-01T08:00:00Z");
  REQUIRE(ingest(other, two).requests.size() == 1);

  const auto seen = ingest(p, two);  // written by the other connection: known, unchanged
  CHECK(seen.unchanged_alerts == 1);
  CHECK(seen.requests.empty());
  Batch three;
  three.xdr("A-3", "t1", "h2", "Threat", "2025-06-01T09:00:00Z");  // joins the other's incident
  const auto joined = ingest(p, three);
  REQUIRE(joined.requests.size() == 1);
  CHECK(joined.requests[0].action == TicketAction::Update);
  CHECK(joined.requests[0].alert_count == 2);

  // A trigger makes the second row of a batch fail, after the first row is in the batch's keys.
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON alerts WHEN NEW.source_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END");
  }
  Batch failing;
  failing.xdr("A-4", "t1", "h4", "Threat", "2025-06-01T08:00:00Z");
  failing.xdr("BOOM", "t1", "h5", "Threat", "2025-06-01T08:00:00Z");
  CHECK(code_of([&] { ingest(p, failing); }) == ErrorCode::STORAGE_ERROR);
  Batch four;
  four.items = {failing.items[0]};
  const auto redo = ingest(p, four);  // nothing of the failed batch was stored
  CHECK(redo.new_alerts == 1);
  REQUIRE(redo.requests.size() == 1);
  CHECK(redo.requests[0].action == TicketAction::Create);
  CHECK(p.alert_count(kAll) == 4);
  check_foreign_keys(path);
}

TEST_CASE("pipeline: a small batch against a large state looks up in the file, with the same rules", "[pipeline]") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  {
    AlertPipeline warm(path);
    ingest(warm, thousand());
  }
  AlertPipeline p(path);  // 2 records against 50 incidents: no keys in memory
  Batch b;
  b.xdr("A-7", "t2", "h7", "Threat 7", "2025-06-01T08:00:00Z");                           // stored: unchanged
  b.xdr("N-1", "t0", "h0", "Threat 0", "2025-06-01T09:00:00Z");                           // joins incident of key 0
  b.xdr("N-1", "t0", "h0", "Threat 0", "2025-06-01T09:00:00Z", R"("severity": "Low")");   // the same alert changed
  b.xdr("N-2", "t9", "h9", "Threat 9", "2025-06-01T09:00:00Z");                           // a new key
  b.xdr("N-3", "t9", "h9", "Threat 9", "2025-06-01T09:30:00Z");                           // joins N-2's incident
  const auto r = ingest(p, b);
  CHECK(r.unchanged_alerts == 1);
  CHECK(r.new_alerts == 3);
  CHECK(r.updated_alerts == 1);
  REQUIRE(r.requests.size() == 2);
  CHECK(r.requests[0].action == TicketAction::Update);
  CHECK(r.requests[0].alert_count == 21);
  CHECK(r.requests[1].action == TicketAction::Create);
  CHECK(r.requests[1].alert_count == 2);
  CHECK(r.requests[1].alert_ids == std::vector<std::string>{"barracuda_xdr:N-2", "barracuda_xdr:N-3"});
  CHECK(ingest(p, b).requests.empty());
  CHECK(p.alert_count(kAll) == 1003);
  check_foreign_keys(path);
}

TEST_CASE("pipeline: alerts of a source this build does not know are left alone", "[pipeline]") {
  // A newer mspcore may store alerts of another source in the same file.
  TempDir dir;
  const std::string path = dir.file("state.db");
  AlertPipeline p(path);
  Batch one;
  one.xdr("A-1", "t1", "h1", "Threat", "2025-06-01T08:00:00Z");
  const auto first = ingest(p, one);
  REQUIRE(first.requests.size() == 1);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO alerts (source, source_id, incident_id, fingerprint, priority) VALUES ('crowdstrike', 'A-1', " +
            std::to_string(first.requests[0].incident_id) + ", 0, 3)");
  }
  Batch two;
  two.xdr("A-2", "t1", "h1", "Threat", "2025-06-01T09:00:00Z");
  const auto r = ingest(p, two);
  REQUIRE(r.requests.size() == 1);
  CHECK(r.requests[0].action == TicketAction::Update);
  CHECK(ingest(p, one).unchanged_alerts == 1);
  CHECK(p.alert_count(kAll) == 3);
}

TEST_CASE("pipeline: a large batch (normalised on two threads) gives every record its own outcome", "[pipeline]") {
  // 6,000 records, i.e. many chunks of the records normalised ahead of the loop. By i % 10:
  // 3 malformed JSON (and every i % 100 == 13 repeats the bytes of record i - 10, malformed
  // too), 7 no tenant, 9 the bytes of record i - 9 again (unchanged), and i % 100 == 51 the
  // alert of record i - 50 with another severity (updated); the rest are new alerts of
  // tenant t(i % 7) on host h(i % 40).
  constexpr int kRecords = 6000;
  std::size_t updated = 0, unchanged = 0;
  Batch b;
  std::set<int> parse_errors, no_tenant;
  std::map<std::pair<int, int>, int> alerts_by_key;
  for (int i = 0; i < kRecords; ++i) {
    const std::string id = "A-" + std::to_string(i);
    const std::string tenant = "t" + std::to_string(i % 7);
    const std::string host = "h" + std::to_string(i % 40);
    if (i % 100 == 13) {
      b.items.push_back(b.items[static_cast<std::size_t>(i - 10)]);
      parse_errors.insert(i);
    } else if (i % 10 == 3) {
      b.add("barracuda_xdr", R"({"alarm_id": ")" + id + R"(", "account_id": )");
      parse_errors.insert(i);
    } else if (i % 10 == 7) {
      b.xdr(id, "", host, "Threat", "2025-06-01T08:00:00Z");
      no_tenant.insert(i);
    } else if (i % 10 == 9) {
      b.items.push_back(b.items[static_cast<std::size_t>(i - 9)]);
      ++unchanged;
    } else if (i % 100 == 51) {
      const int j = i - 50;
      b.xdr("A-" + std::to_string(j), "t" + std::to_string(j % 7), "h" + std::to_string(j % 40), "Threat",
            "2025-06-01T08:00:00Z", R"("severity": "Low")");
      ++updated;
    } else {
      b.xdr(id, tenant, host, "Threat", "2025-06-01T08:00:00Z");
      ++alerts_by_key[{i % 7, i % 40}];
    }
  }
  TempDir dir;
  AlertPipeline p(dir.file("state.db"));
  const IngestResult r = ingest(p, b);
  REQUIRE(r.errors.size() == parse_errors.size() + no_tenant.size());
  for (const PipelineError& e : r.errors) {
    const int i = static_cast<int>(e.index);
    INFO("record " << i);
    CHECK(e.message.rfind("record " + std::to_string(i) + ": ", 0) == 0);
    if (parse_errors.count(i)) {
      CHECK(e.code == ErrorCode::PARSE_ERROR);
    } else {
      CHECK(no_tenant.count(i) == 1);
      CHECK(e.code == ErrorCode::INVALID_ARGUMENT);
      CHECK(e.message.find("no tenant") != std::string::npos);
    }
  }
  CHECK(std::is_sorted(r.errors.begin(), r.errors.end(),
                       [](const PipelineError& a, const PipelineError& c) { return a.index < c.index; }));
  CHECK(r.new_alerts == kRecords - parse_errors.size() - no_tenant.size() - unchanged - updated);
  CHECK(r.unchanged_alerts == unchanged);
  CHECK(r.updated_alerts == updated);
  REQUIRE(r.requests.size() == alerts_by_key.size());
  for (const TicketRequest& req : r.requests) {
    const int tenant = std::stoi(req.tenant.substr(1));
    const int host = std::stoi(req.asset.substr(1));
    CHECK(req.action == TicketAction::Create);
    CHECK(req.alert_count == alerts_by_key.at({tenant, host}));
    CHECK(static_cast<int>(req.alert_ids.size()) == req.alert_count);
  }
  // Again: the alerts sent twice with two severities are updated twice (the stored one is
  // the later's), everything else is unchanged.
  const IngestResult again = ingest(p, b);
  CHECK(again.requests.empty());
  CHECK(again.updated_alerts == 2 * updated);
  CHECK(again.unchanged_alerts == r.new_alerts - updated + unchanged);
  check_foreign_keys(dir.file("state.db"));
}

TEST_CASE("pipeline: the result handed over before the commit", "[pipeline]") {
  // Small batches hand it over on the calling thread, large ones on a second thread.
  Batch big;
  for (int i = 0; i < 3000; ++i) {
    big.xdr("A-" + std::to_string(i), "t1", "h" + std::to_string(i % 30), "Threat", "2025-06-01T08:00:00Z");
  }
  const Batch small = thousand();
  for (const Batch* b : {&small, static_cast<const Batch*>(&big)}) {
    INFO(b->items.size() << " records");
    TempDir dir;
    AlertPipeline p(dir.file("state.db"));
    const auto records = b->records();
    std::optional<IngestResult> seen;
    const IngestResult r = p.ingest(records, T("2025-06-10T00:00:00Z"), [&](const IngestResult& d) { seen = d; });
    REQUIRE(seen);
    REQUIRE(seen->requests.size() == r.requests.size());
    for (std::size_t i = 0; i < r.requests.size(); ++i) {
      CHECK(seen->requests[i].dedup_key == r.requests[i].dedup_key);
      CHECK(seen->requests[i].alert_ids == r.requests[i].alert_ids);
      CHECK(seen->requests[i].body == r.requests[i].body);
    }
    CHECK(seen->new_alerts == b->items.size());

    // A `decided` that throws: nothing is stored, and its exception comes out.
    TempDir other;
    AlertPipeline q(other.file("state.db"));
    const auto fails = [](const IngestResult&) { throw std::runtime_error("host failed"); };
    CHECK_THROWS_WITH(q.ingest(records, T("2025-06-10T00:00:00Z"), fails), "host failed");
    CHECK(q.alert_count(kAll) == 0);
    CHECK(q.ingest(records, T("2025-06-10T00:00:00Z")).requests.size() == r.requests.size());
  }
}
