// Tenant scope on every store call keyed by an id: a row of another tenant is NOT_FOUND with
// the message of an unknown id, and stays as it was (docs/contract-ledger.md,
// docs/security-alert-pipeline.md).
#include "test_support.hpp"

#include <mspcore/contract/trueup_ledger.hpp>
#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>
#include <mspcore/store/tenant_scope.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace mspcore;
using mspcore::test::code_of;
using mspcore::test::TempDir;
using std::chrono::sys_days;

namespace {

sys_days D(int y, unsigned m, unsigned d) { return sys_days(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}); }

AuditStamp by(const char* actor, const char* at = "2024-02-21T10:00:00Z") { return {actor, parse_instant(at), ""}; }

ContractLine line(const std::string& tenant, std::int64_t quantity) {
  ContractLine l;
  l.tenant = tenant;
  l.contract_id = "C-1";
  l.line_id = "L-1";
  l.sku = "M365-BP";
  l.quantity = quantity;
  l.unit_price = Money::parse("12.50", "EUR");
  l.term_start = D(2024, 1, 1);
  return l;
}

Proposal true_up(const std::string& tenant, std::int64_t delta) {
  Proposal p;
  p.tenant = tenant;
  p.contract_id = "C-1";
  p.line_id = "L-1";
  p.sku = "M365-BP";
  p.action = ProposalAction::TrueUp;
  p.delta_quantity = delta;
  p.effective_date = D(2024, 3, 1);
  p.prorated_to = D(2024, 3, 1);
  p.amount = Money::parse("12.50", "EUR");
  p.rule = "test";
  return p;
}

// The message of a NOT_FOUND, or the code's name when the call did not throw NOT_FOUND.
std::string not_found_message(const std::function<void()>& f) {
  std::string message;
  const ErrorCode code = code_of(f, &message);
  return code == ErrorCode::NOT_FOUND ? message : "not NOT_FOUND but code " + std::to_string(static_cast<int>(code));
}

// A Barracuda XDR alarm (docs/security-alerts.md): account_id is the tenant key.
AlertRecord xdr(std::vector<std::string>& keep, const std::string& id, const std::string& tenant, const std::string& host,
                const std::string& threat) {
  keep.push_back(R"({"alarm_id": ")" + id + R"(", "account_id": ")" + tenant + R"(", "hostname": ")" + host +
                 R"(", "alarm_name": ")" + threat + R"(", "created_at": "2025-06-01T08:00:00Z", "severity": "High"})");
  return {"barracuda_xdr", keep.back()};
}

}  // namespace

TEST_CASE("tenant scope: all or exactly one tenant", "[tenant_scope]") {
  const TenantScope all = TenantScope::all();
  CHECK(all.is_all());
  CHECK_FALSE(all.tenant().has_value());
  CHECK(all.admits("acme"));
  CHECK(all.admits("globex"));
  CHECK(all.to_string() == "all tenants");

  const TenantScope acme = TenantScope::only("acme");
  CHECK_FALSE(acme.is_all());
  CHECK(acme.tenant() == std::optional<std::string>("acme"));
  CHECK(acme.admits("acme"));
  CHECK_FALSE(acme.admits("globex"));
  CHECK_FALSE(acme.admits("ACME"));  // tenant keys compare exactly, as the stored rows do
  CHECK_FALSE(acme.admits(""));
  CHECK(acme.to_string() == "tenant 'acme'");

  CHECK(acme == TenantScope::only("acme"));
  CHECK_FALSE(acme == TenantScope::only("globex"));
  CHECK_FALSE(acme == all);
  CHECK(all == TenantScope::all());

  std::string message;
  CHECK(code_of([] { (void)TenantScope::only(""); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("must not be empty"));
}

TEST_CASE("tenant scope: a proposal action is parsed strictly", "[tenant_scope][ledger]") {
  CHECK(parse_proposal_action("true_up") == ProposalAction::TrueUp);
  CHECK(parse_proposal_action("true_down") == ProposalAction::TrueDown);
  for (auto a : {ProposalAction::TrueUp, ProposalAction::TrueDown}) CHECK(parse_proposal_action(to_string(a)) == a);
  for (const char* bad : {"True_Up", "true-up", "", "up", "true_down "}) {
    INFO(bad);
    std::string message;
    CHECK(code_of([&] { (void)parse_proposal_action(bad); }, &message) == ErrorCode::INVALID_ARGUMENT);
    CHECK(message == "unknown action " + quoted(bad) + " (known: true_up, true_down)");
  }
}

TEST_CASE("tenant scope: one tenant cannot decide, apply or read another's proposal", "[tenant_scope][ledger]") {
  TempDir dir;
  TrueUpLedger ledger(dir.file("ledger.db"));
  ledger.record_change({line("acme", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  ledger.record_change({line("globex", 70), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  const auto ids = ledger.propose(std::vector{true_up("acme", 3), true_up("globex", 4), true_up("globex", 5)},
                                  by("reconciler", "2024-02-20T08:00:00Z"));
  REQUIRE(ids == std::vector<std::int64_t>{1, 2, 3});
  const TenantScope acme = TenantScope::only("acme");
  const TenantScope globex = TenantScope::only("globex");
  const std::size_t globex_events = ledger.history("globex").size();  // 1 line change + 2 proposed
  REQUIRE(globex_events == 3);

  // For acme, globex's proposal 2 is exactly the unknown proposal 99: same code, same message
  // but for the number.
  CHECK(not_found_message([&] { ledger.decide(acme, 99, ProposalState::Approved, by("eve")); }) ==
        "proposal 99 not found in tenant 'acme'");
  CHECK(not_found_message([&] { ledger.decide(acme, 2, ProposalState::Approved, by("eve")); }) ==
        "proposal 2 not found in tenant 'acme'");
  CHECK(not_found_message([&] { ledger.decide(acme, 2, ProposalState::Rejected, by("eve")); }) ==
        "proposal 2 not found in tenant 'acme'");
  CHECK(not_found_message([&] { (void)ledger.proposal_state(acme, 2); }) == "proposal 2 not found in tenant 'acme'");
  CHECK(not_found_message([&] { (void)ledger.proposal_state(acme, 99); }) == "proposal 99 not found in tenant 'acme'");
  CHECK(not_found_message([&] { (void)ledger.apply(acme, 2, by("eve")); }) == "proposal 2 not found in tenant 'acme'");
  // Nothing was written and globex's proposals are as they were.
  CHECK(ledger.history("globex").size() == globex_events);
  CHECK(ledger.proposal_state(globex, 2) == ProposalState::Proposed);
  CHECK(ledger.proposal_state(globex, 3) == ProposalState::Proposed);

  // acme's own proposal, in acme's scope.
  CHECK(ledger.proposal_state(acme, 1) == ProposalState::Proposed);
  ledger.decide(acme, 1, ProposalState::Approved, by("bob"));
  CHECK(ledger.apply(acme, 1, by("bob")) > 0);
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-1", D(2024, 3, 1)) == 13);
  // ...is in turn invisible to globex.
  CHECK(not_found_message([&] { (void)ledger.proposal_state(globex, 1); }) == "proposal 1 not found in tenant 'globex'");

  // An approved proposal of globex cannot be applied from acme's scope: its line keeps 70.
  ledger.decide(globex, 2, ProposalState::Approved, by("gina"));
  CHECK(not_found_message([&] { (void)ledger.apply(acme, 2, by("eve")); }) == "proposal 2 not found in tenant 'acme'");
  CHECK(ledger.proposal_state(globex, 2) == ProposalState::Approved);
  CHECK(ledger.quantity_as_of("globex", "C-1", "L-1", D(2024, 3, 1)) == 70);

  // The all-tenants scope sees and changes every tenant's proposals.
  const TenantScope all = TenantScope::all();
  CHECK(ledger.proposal_state(all, 1) == ProposalState::Applied);
  CHECK(ledger.apply(all, 2, by("msp-billing")) > 0);
  CHECK(ledger.quantity_as_of("globex", "C-1", "L-1", D(2024, 3, 1)) == 74);
  ledger.decide(all, 3, ProposalState::Rejected, by("msp-am"));
  CHECK(ledger.proposal_state(globex, 3) == ProposalState::Rejected);
  CHECK(not_found_message([&] { (void)ledger.proposal_state(all, 99); }) == "proposal 99 not found in all tenants");
  // Every event is its own tenant's.
  for (const LedgerEvent& e : ledger.history("acme")) CHECK(e.tenant == "acme");
  for (const LedgerEvent& e : ledger.history("globex")) CHECK(e.tenant == "globex");
}

TEST_CASE("tenant scope: a stored proposal with an unknown action is a storage error", "[tenant_scope][ledger]") {
  TempDir dir;
  const std::string path = dir.file("ledger.db");
  TrueUpLedger ledger(path);
  ledger.record_change({line("acme", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  const auto ids = ledger.propose(std::vector{true_up("acme", 3), true_up("acme", 4)}, by("r", "2024-02-20T08:00:00Z"));
  REQUIRE(ids == std::vector<std::int64_t>{1, 2});
  ledger.decide(TenantScope::all(), 2, ProposalState::Approved, by("bob"));
  {
    // Another program writes around the append-only trigger and the CHECK on action.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER proposals_no_update");
    db.exec("PRAGMA ignore_check_constraints = ON");
    CHECK(db.exec("UPDATE proposals SET action = 'sideways' WHERE id IN (1, 2)") == 2);
  }
  const std::string expected =
      "stored action 'sideways' is unreadable: unknown action 'sideways' (known: true_up, true_down)";
  std::string message;
  CHECK(code_of([&] { ledger.decide(TenantScope::all(), 1, ProposalState::Approved, by("bob")); }, &message) ==
        ErrorCode::STORAGE_ERROR);
  CHECK(message == "proposal 1: " + expected);
  CHECK(code_of([&] { (void)ledger.apply(TenantScope::only("acme"), 2, by("bob")); }, &message) ==
        ErrorCode::STORAGE_ERROR);
  CHECK(message == "proposal 2: " + expected);
  // Never read as a true-up: nothing was written, the line keeps 10.
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-1", D(2024, 3, 1)) == 10);
  CHECK(ledger.history("acme").size() == 4);  // line change, 2 proposed, approved
  // Outside the scope the damaged row is not read at all: still NOT_FOUND, no hint.
  CHECK(not_found_message([&] { ledger.decide(TenantScope::only("globex"), 1, ProposalState::Approved, by("eve")); }) ==
        "proposal 1 not found in tenant 'globex'");
}

TEST_CASE("tenant scope: one tenant cannot read or resolve another's incident", "[tenant_scope][pipeline]") {
  TempDir dir;
  AlertPipeline p(dir.file("alerts.db"));
  std::vector<std::string> keep;
  keep.reserve(8);
  const std::vector<AlertRecord> batch{xdr(keep, "A1", "acme", "pc1", "Mimikatz"),
                                       xdr(keep, "A2", "acme", "pc1", "Mimikatz"),  // joins A1's incident
                                       xdr(keep, "G1", "globex", "srv1", "Mimikatz"),
                                       xdr(keep, "G2", "globex", "srv2", "Emotet"),
                                       xdr(keep, "G3", "globex", "srv2", "Emotet")};
  const IngestResult r = p.ingest(batch, parse_instant("2025-06-10T00:00:00Z"));
  REQUIRE(r.errors.empty());
  REQUIRE(r.requests.size() == 3);
  CHECK(r.requests[0].tenant == "acme");
  CHECK(r.requests[1].tenant == "globex");
  CHECK(r.requests[2].tenant == "globex");
  const std::int64_t acme_id = r.requests[0].incident_id, globex_id = r.requests[1].incident_id;
  const TenantScope acme = TenantScope::only("acme");
  const TenantScope globex = TenantScope::only("globex");
  const Instant at = parse_instant("2025-06-11T00:00:00Z");

  CHECK(not_found_message([&] { (void)p.incident(acme, globex_id); }) ==
        "incident " + std::to_string(globex_id) + " does not exist in tenant 'acme'");
  CHECK(not_found_message([&] { (void)p.incident(acme, 999); }) == "incident 999 does not exist in tenant 'acme'");
  CHECK(not_found_message([&] { p.resolve_incident(acme, globex_id, at); }) ==
        "incident " + std::to_string(globex_id) + " does not exist in tenant 'acme'");
  CHECK(not_found_message([&] { p.resolve_incident(acme, 999, at); }) == "incident 999 does not exist in tenant 'acme'");
  CHECK(p.incident(globex, globex_id).open);  // left as it was

  // Counts are the scope's: acme 2 alerts, globex 3, all 5.
  CHECK(p.alert_count(acme) == 2);
  CHECK(p.alert_count(globex) == 3);
  CHECK(p.alert_count(TenantScope::only("initech")) == 0);
  CHECK(p.alert_count(TenantScope::all()) == 5);

  const Incident mine = p.incident(acme, acme_id);
  CHECK(mine.tenant == "acme");
  CHECK(mine.alert_count == 2);
  p.resolve_incident(acme, acme_id, at);
  CHECK_FALSE(p.incident(TenantScope::all(), acme_id).open);
  CHECK(not_found_message([&] { (void)p.incident(globex, acme_id); }) ==
        "incident " + std::to_string(acme_id) + " does not exist in tenant 'globex'");
  // The all-tenants scope resolves anyone's.
  p.resolve_incident(TenantScope::all(), globex_id, at);
  CHECK_FALSE(p.incident(globex, globex_id).open);
  CHECK(code_of([&] { p.resolve_incident(globex, globex_id, at); }) == ErrorCode::INVALID_STATE);
}

// Property: random tenants, proposals and calls (fixed seed). Every call in a one-tenant scope
// either gives that tenant's data or NOT_FOUND with the unknown-id message; never another
// tenant's row, and never a change to one.
TEST_CASE("tenant scope: random calls on the ledger never cross tenants", "[tenant_scope][ledger]") {
  constexpr int kTenants = 5;
  constexpr int kProposals = 200;
  std::mt19937_64 rng(20261207);
  auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
  const auto tenant_name = [](int t) { return "T" + std::to_string(t); };

  TempDir dir;
  TrueUpLedger ledger(dir.file("ledger.db"));
  std::vector<LineChange> lines;
  for (int t = 0; t < kTenants; ++t) lines.push_back({line(tenant_name(t), 1000), D(2024, 1, 1)});
  ledger.record_changes(lines, by("ann", "2024-01-01T09:00:00Z"));

  struct Model {
    std::string tenant;
    std::int64_t delta = 0;
    ProposalState state = ProposalState::Proposed;
  };
  std::vector<Proposal> proposals;
  std::vector<Model> model;
  for (int i = 0; i < kProposals; ++i) {
    const std::string t = tenant_name(pick(kTenants));
    const std::int64_t delta = 1 + pick(5);
    proposals.push_back(true_up(t, delta));
    model.push_back({t, delta});
  }
  const auto ids = ledger.propose(proposals, by("reconciler", "2024-02-20T08:00:00Z"));
  REQUIRE(ids.size() == static_cast<std::size_t>(kProposals));
  for (int i = 0; i < kProposals; ++i) REQUIRE(ids[static_cast<std::size_t>(i)] == i + 1);  // ids are 1..200

  std::map<std::string, std::int64_t> applied_units;
  std::map<std::int64_t, std::string> applied_sequences;  // line change sequence -> tenant
  int refused = 0, done = 0;
  for (int step = 0; step < 1500; ++step) {
    const int s = pick(kTenants + 1);
    const TenantScope scope = s == kTenants ? TenantScope::all() : TenantScope::only(tenant_name(s));
    // Mostly stored ids (any tenant's), sometimes unknown ones.
    const std::int64_t id = pick(10) == 0 ? std::vector<std::int64_t>{0, -1, 201, 202, 1'000'000}[pick(5)]
                                          : static_cast<std::int64_t>(1 + pick(kProposals));
    const bool known = id >= 1 && id <= kProposals;
    Model* m = known ? &model[static_cast<std::size_t>(id - 1)] : nullptr;
    const bool visible = m != nullptr && scope.admits(m->tenant);
    const std::string unknown = "proposal " + std::to_string(id) + " not found in " + scope.to_string();
    INFO("step " << step << ": " << scope.to_string() << ", proposal " << id);
    const int op = pick(4);
    if (!visible) {
      ++refused;
      if (op == 0) CHECK(not_found_message([&] { (void)ledger.proposal_state(scope, id); }) == unknown);
      if (op == 1) CHECK(not_found_message([&] { ledger.decide(scope, id, ProposalState::Approved, by("x")); }) == unknown);
      if (op == 2) CHECK(not_found_message([&] { ledger.decide(scope, id, ProposalState::Rejected, by("x")); }) == unknown);
      if (op == 3) CHECK(not_found_message([&] { (void)ledger.apply(scope, id, by("x")); }) == unknown);
      continue;
    }
    ++done;
    if (op == 0) {
      CHECK(ledger.proposal_state(scope, id) == m->state);
    } else if (op == 1 || op == 2) {
      const ProposalState decision = op == 1 ? ProposalState::Approved : ProposalState::Rejected;
      if (m->state == ProposalState::Proposed) {
        ledger.decide(scope, id, decision, by("x"));
        m->state = decision;
      } else {
        CHECK(code_of([&] { ledger.decide(scope, id, decision, by("x")); }) == ErrorCode::INVALID_STATE);
      }
    } else {
      if (m->state == ProposalState::Approved) {
        const std::int64_t sequence = ledger.apply(scope, id, by("x"));
        m->state = ProposalState::Applied;
        applied_units[m->tenant] += m->delta;
        applied_sequences[sequence] = m->tenant;
      } else {
        CHECK(code_of([&] { (void)ledger.apply(scope, id, by("x")); }) == ErrorCode::INVALID_STATE);
      }
    }
  }
  // The seed gives both kinds of calls, and applies.
  CHECK(refused > 300);
  CHECK(done > 300);
  CHECK(applied_sequences.size() > 10);

  // Each proposal is as its own tenant's calls left it, and each line grew by its own
  // tenant's applied deltas only.
  for (int i = 0; i < kProposals; ++i) {
    const Model& m = model[static_cast<std::size_t>(i)];
    CHECK(ledger.proposal_state(TenantScope::only(m.tenant), i + 1) == m.state);
  }
  for (int t = 0; t < kTenants; ++t) {
    const std::string name = tenant_name(t);
    CHECK(ledger.quantity_as_of(name, "C-1", "L-1", D(2024, 3, 1)) == 1000 + applied_units[name]);
    for (const LedgerEvent& e : ledger.history(name)) {
      CHECK(e.tenant == name);
      if (e.proposal_id) CHECK(model[static_cast<std::size_t>(*e.proposal_id - 1)].tenant == name);
      if (e.kind == "line_change" && e.proposal_id) CHECK(applied_sequences.at(e.sequence) == name);
    }
  }
}

TEST_CASE("tenant scope: random calls on the alert pipeline never cross tenants", "[tenant_scope][pipeline]") {
  constexpr int kTenants = 5;
  constexpr int kIncidents = 200;
  std::mt19937_64 rng(20261208);
  auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
  const auto tenant_name = [](int t) { return "T" + std::to_string(t); };

  // Alert i < 200 opens incident key i (its own host); the next 100 repeat a random key, so
  // they join that incident.
  std::vector<int> tenant_of_key;
  for (int k = 0; k < kIncidents; ++k) tenant_of_key.push_back(pick(kTenants));
  std::vector<std::string> keep;
  keep.reserve(300);
  std::vector<AlertRecord> batch;
  std::vector<std::int64_t> alerts_of_tenant(kTenants, 0);
  for (int i = 0; i < 300; ++i) {
    const int k = i < kIncidents ? i : pick(kIncidents);
    const int t = tenant_of_key[static_cast<std::size_t>(k)];
    batch.push_back(xdr(keep, "A" + std::to_string(i), tenant_name(t), "h" + std::to_string(k), "Threat"));
    ++alerts_of_tenant[static_cast<std::size_t>(t)];
  }
  TempDir dir;
  AlertPipeline p(dir.file("alerts.db"));
  const IngestResult r = p.ingest(batch, parse_instant("2025-06-10T00:00:00Z"));
  REQUIRE(r.errors.empty());
  REQUIRE(r.requests.size() == static_cast<std::size_t>(kIncidents));

  struct Model {
    std::string tenant;
    bool open = true;
  };
  std::map<std::int64_t, Model> model;  // incident id -> its tenant and state
  for (int k = 0; k < kIncidents; ++k) {
    const TicketRequest& q = r.requests[static_cast<std::size_t>(k)];
    REQUIRE(q.tenant == tenant_name(tenant_of_key[static_cast<std::size_t>(k)]));
    model[q.incident_id] = {q.tenant};
  }
  REQUIRE(model.size() == static_cast<std::size_t>(kIncidents));
  const std::int64_t max_id = model.rbegin()->first;

  int refused = 0, done = 0;
  const Instant at = parse_instant("2025-06-11T00:00:00Z");
  for (int step = 0; step < 1000; ++step) {
    const int s = pick(kTenants + 1);
    const TenantScope scope = s == kTenants ? TenantScope::all() : TenantScope::only(tenant_name(s));
    const std::int64_t id = pick(10) == 0 ? std::vector<std::int64_t>{0, -7, max_id + 1, max_id + 50}[pick(4)]
                                          : model.begin()->first + pick(kIncidents);
    const auto it = model.find(id);
    const bool visible = it != model.end() && scope.admits(it->second.tenant);
    const std::string unknown = "incident " + std::to_string(id) + " does not exist in " + scope.to_string();
    INFO("step " << step << ": " << scope.to_string() << ", incident " << id);
    const int op = pick(3);
    if (op == 2) {
      std::int64_t expected = 0;
      for (int t = 0; t < kTenants; ++t) {
        if (scope.admits(tenant_name(t))) expected += alerts_of_tenant[static_cast<std::size_t>(t)];
      }
      CHECK(p.alert_count(scope) == expected);
      continue;
    }
    if (!visible) {
      ++refused;
      if (op == 0) CHECK(not_found_message([&] { (void)p.incident(scope, id); }) == unknown);
      if (op == 1) CHECK(not_found_message([&] { p.resolve_incident(scope, id, at); }) == unknown);
      continue;
    }
    ++done;
    Model& m = it->second;
    if (op == 0) {
      const Incident inc = p.incident(scope, id);
      CHECK(inc.id == id);
      CHECK(inc.tenant == m.tenant);
      CHECK(inc.open == m.open);
    } else if (m.open) {
      p.resolve_incident(scope, id, at);
      m.open = false;
    } else {
      CHECK(code_of([&] { p.resolve_incident(scope, id, at); }) == ErrorCode::INVALID_STATE);
    }
  }
  CHECK(refused > 200);
  CHECK(done > 150);

  // Every incident is as its own tenant's calls left it; each tenant's list holds only its own.
  std::int64_t total = 0;
  for (int t = 0; t < kTenants; ++t) {
    const std::string name = tenant_name(t);
    for (const Incident& inc : p.incidents(name)) {
      CHECK(inc.tenant == name);
      CHECK(model.at(inc.id).tenant == name);
      CHECK(inc.open == model.at(inc.id).open);
      total += inc.alert_count;
    }
    CHECK(p.alert_count(TenantScope::only(name)) == alerts_of_tenant[static_cast<std::size_t>(t)]);
  }
  CHECK(total == 300);
}
