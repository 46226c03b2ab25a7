#include "test_support.hpp"

#include <mspcore.h>
#include <mspcore/contract/trueup_ledger.hpp>
#include <mspcore/core/error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace mspcore;
using mspcore::test::code_of;
using std::chrono::sys_days;
namespace fs = std::filesystem;
using mspcore::test::TempDir;

namespace {

sys_days D(int y, unsigned m, unsigned d) { return sys_days(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}); }

Instant T(const char* iso) { return parse_instant(iso); }

AuditStamp by(const char* actor, const char* at, const char* reason = "") { return {actor, T(at), reason}; }

ContractLine line(const char* tenant, const char* line_id, std::int64_t quantity) {
  ContractLine l;
  l.tenant = tenant;
  l.contract_id = "C-1";
  l.line_id = line_id;
  l.sku = "M365-BP";
  l.quantity = quantity;
  l.unit_price = Money::parse("12.50", "EUR");
  l.term_start = D(2024, 1, 1);
  return l;
}

Proposal proposal(const char* tenant, const char* line_id, ProposalAction action, std::int64_t delta, sys_days when) {
  Proposal p;
  p.tenant = tenant;
  p.contract_id = "C-1";
  p.line_id = line_id;
  p.sku = "M365-BP";
  p.action = action;
  p.delta_quantity = delta;
  p.effective_date = when;
  p.prorated_to = when;
  p.amount = Money::parse(action == ProposalAction::TrueUp ? "37.50" : "-25.00", "EUR");
  p.rule = "test";
  return p;
}

std::int64_t count_rows(const std::string& path, const char* table) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  return db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}

std::vector<std::string> kinds(const std::vector<LedgerEvent>& events) {
  std::vector<std::string> out;
  for (const LedgerEvent& e : events) out.push_back(e.kind);
  return out;
}

const TenantScope kAll = TenantScope::all();

constexpr auto Up = ProposalAction::TrueUp;
constexpr auto Down = ProposalAction::TrueDown;

}  // namespace

TEST_CASE("ledger: proposal states have names", "[ledger]") {
  for (auto s : {ProposalState::Proposed, ProposalState::Approved, ProposalState::Rejected, ProposalState::Applied}) {
    CHECK(parse_proposal_state(to_string(s)) == s);
  }
  CHECK(to_string(ProposalState::Applied) == "applied");
  std::string message;
  CHECK(code_of([] { (void)parse_proposal_state("Approved"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("'Approved'"));
}

TEST_CASE("ledger: proposed -> approved -> applied", "[ledger]") {
  TempDir dir;
  TrueUpLedger ledger(dir.file("ledger.db"));
  const std::int64_t first = ledger.record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  const auto ids = ledger.propose(std::vector{proposal("acme", "L-1", Up, 3, D(2024, 3, 1))},
                                  by("reconciler", "2024-02-20T08:00:00Z", "run 1"));
  REQUIRE(ids.size() == 1);
  const std::int64_t id = ids[0];
  CHECK(ledger.proposal_state(kAll, id) == ProposalState::Proposed);
  ledger.decide(kAll, id, ProposalState::Approved, by("bob", "2024-02-21T10:00:00Z", "customer agreed"));
  CHECK(ledger.proposal_state(kAll, id) == ProposalState::Approved);
  const std::int64_t change = ledger.apply(kAll, id, by("bob", "2024-02-21T10:05:00Z"));
  CHECK(ledger.proposal_state(kAll, id) == ProposalState::Applied);

  // 10 until the proposal's effective date, 10 + 3 from then on; the rest of the line is kept.
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-1", D(2024, 2, 29)) == 10);
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-1", D(2024, 3, 1)) == 13);
  const auto applied = ledger.line_as_of("acme", "C-1", "L-1", D(2024, 3, 1));
  REQUIRE(applied);
  CHECK(applied->quantity == 13);
  CHECK(applied->sku == "M365-BP");
  CHECK(applied->unit_price->to_string() == "EUR 12.50");
  CHECK(applied->term_start == D(2024, 1, 1));

  const auto events = ledger.history("acme", "C-1", "L-1");
  CHECK(kinds(events) == std::vector<std::string>{"line_change", "proposed", "approved", "line_change", "applied"});
  REQUIRE(events.size() == 5);
  CHECK(events[0].sequence == first);
  for (std::size_t i = 1; i < events.size(); ++i) CHECK(events[i].sequence > events[i - 1].sequence);
  CHECK(events[2].stamp.actor == "bob");
  CHECK(events[2].stamp.reason == "customer agreed");
  CHECK(events[2].stamp.at == T("2024-02-21T10:00:00Z"));
  CHECK(events[3].sequence == change);
  CHECK(events[3].proposal_id == id);
  CHECK(events[3].quantity == 13);
  CHECK(events[3].effective_date == D(2024, 3, 1));
  CHECK_THAT(events[4].detail_json, Catch::Contains("\"line_change_sequence\":" + std::to_string(change)));
  CHECK_THAT(events[1].detail_json, Catch::Contains("\"delta_quantity\":3"));

  // Nothing moves a proposal out of applied.
  std::string message;
  CHECK(code_of([&] { ledger.apply(kAll, id, by("bob", "2024-02-22T00:00:00Z")); }, &message) == ErrorCode::INVALID_STATE);
  CHECK_THAT(message, Catch::Contains("is applied"));
  CHECK(code_of([&] { ledger.decide(kAll, id, ProposalState::Rejected, by("bob", "2024-02-22T00:00:00Z")); }) ==
        ErrorCode::INVALID_STATE);
  CHECK(ledger.history("acme").size() == 5);
}

TEST_CASE("ledger: proposed -> rejected, and decisions that are refused", "[ledger]") {
  TempDir dir;
  const std::string path = dir.file("ledger.db");
  TrueUpLedger ledger(path);
  ledger.record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  const std::int64_t id =
      ledger.propose(std::vector{proposal("acme", "L-1", Down, 2, D(2024, 3, 1))}, by("r", "2024-02-20T08:00:00Z"))[0];
  ledger.decide(kAll, id, ProposalState::Rejected, by("bob", "2024-02-21T10:00:00Z", "still in use"));
  CHECK(ledger.proposal_state(kAll, id) == ProposalState::Rejected);
  const std::int64_t events = count_rows(path, "events");

  std::string message;
  CHECK(code_of([&] { ledger.apply(kAll, id, by("bob", "2024-02-22T00:00:00Z")); }, &message) == ErrorCode::INVALID_STATE);
  CHECK_THAT(message, Catch::Contains("proposal " + std::to_string(id) + " is rejected"));
  CHECK(code_of([&] { ledger.decide(kAll, id, ProposalState::Approved, by("bob", "2024-02-22T00:00:00Z")); }, &message) ==
        ErrorCode::INVALID_STATE);
  CHECK(code_of([&] { ledger.decide(kAll, id, ProposalState::Rejected, by("bob", "2024-02-22T00:00:00Z")); }) ==
        ErrorCode::INVALID_STATE);
  CHECK(code_of([&] { ledger.decide(kAll, id, ProposalState::Applied, by("bob", "2024-02-22T00:00:00Z")); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([&] { ledger.decide(kAll, id + 100, ProposalState::Approved, by("bob", "2024-02-22T00:00:00Z")); },
                &message) == ErrorCode::NOT_FOUND);
  CHECK_THAT(message, Catch::Contains("proposal " + std::to_string(id + 100)));
  CHECK(code_of([&] { (void)ledger.proposal_state(kAll, id + 100); }) == ErrorCode::NOT_FOUND);
  CHECK(code_of([&] { ledger.decide(kAll, id, ProposalState::Approved, by("", "2024-02-22T00:00:00Z")); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(count_rows(path, "events") == events);
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-1", D(2024, 12, 31)) == 10);
}

TEST_CASE("ledger: apply needs a line state and never goes below zero", "[ledger]") {
  TempDir dir;
  const std::string path = dir.file("ledger.db");
  TrueUpLedger ledger(path);
  ledger.record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  ledger.record_change({line("acme", "L-late", 4), D(2024, 6, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  const auto ids = ledger.propose(std::vector{proposal("acme", "L-9", Up, 1, D(2024, 3, 1)),
                                              proposal("acme", "L-late", Up, 1, D(2024, 3, 1)),
                                              proposal("acme", "L-1", Down, 11, D(2024, 3, 1)),
                                              proposal("acme", "L-1", Down, 10, D(2024, 3, 1))},
                                  by("r", "2024-02-20T08:00:00Z"));
  for (std::int64_t id : ids) ledger.decide(kAll, id, ProposalState::Approved, by("bob", "2024-02-21T10:00:00Z"));
  const std::int64_t events = count_rows(path, "events");

  std::string message;
  CHECK(code_of([&] { ledger.apply(kAll, ids[0], by("bob", "2024-02-22T00:00:00Z")); }, &message) == ErrorCode::NOT_FOUND);
  CHECK_THAT(message, Catch::Contains("line 'L-9'") && Catch::Contains("2024-03-01"));
  // L-late has a state only from June: on the proposal's date there is nothing to change.
  CHECK(code_of([&] { ledger.apply(kAll, ids[1], by("bob", "2024-02-22T00:00:00Z")); }, &message) == ErrorCode::NOT_FOUND);
  CHECK_THAT(message, Catch::Contains("line 'L-late'"));
  CHECK(code_of([&] { ledger.apply(kAll, ids[2], by("bob", "2024-02-22T00:00:00Z")); }, &message) ==
        ErrorCode::INVALID_STATE);
  CHECK_THAT(message, Catch::Contains("from 10 to -1"));
  CHECK(count_rows(path, "events") == events);
  CHECK(ledger.proposal_state(kAll, ids[2]) == ProposalState::Approved);

  // Exactly to zero is allowed.
  ledger.apply(kAll, ids[3], by("bob", "2024-02-22T00:00:00Z"));
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-1", D(2024, 3, 1)) == 0);
  CHECK(count_rows(path, "events") == events + 2);
}

TEST_CASE("ledger: quantity replay across dated changes, a backdated correction and known_at", "[ledger]") {
  TempDir dir;
  TrueUpLedger ledger(dir.file("ledger.db"));
  ledger.record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  ledger.record_change({line("acme", "L-1", 12), D(2024, 2, 1)}, by("ann", "2024-02-01T09:00:00Z"));
  ledger.record_change({line("acme", "L-1", 15), D(2024, 4, 1)}, by("ann", "2024-04-01T09:00:00Z"));
  // Recorded on April 10: February was really 11, not 12 (same effective date: the later event wins).
  ledger.record_change({line("acme", "L-1", 11), D(2024, 2, 1)}, by("bob", "2024-04-10T09:00:00Z", "correction"));
  // Recorded on April 11, effective back on March 15.
  ledger.record_change({line("acme", "L-1", 14), D(2024, 3, 15)}, by("bob", "2024-04-11T09:00:00Z"));

  auto q = [&](sys_days date, std::optional<Instant> known_at = std::nullopt) {
    return ledger.quantity_as_of("acme", "C-1", "L-1", date, known_at);
  };
  std::string message;
  CHECK(code_of([&] { (void)q(D(2023, 12, 31)); }, &message) == ErrorCode::NOT_FOUND);
  CHECK_THAT(message, Catch::Contains("tenant 'acme' contract 'C-1' line 'L-1' on 2023-12-31"));
  CHECK_FALSE(ledger.line_as_of("acme", "C-1", "L-1", D(2023, 12, 31)));
  CHECK(q(D(2024, 1, 1)) == 10);
  CHECK(q(D(2024, 1, 31)) == 10);
  CHECK(q(D(2024, 2, 1)) == 11);
  CHECK(q(D(2024, 3, 14)) == 11);
  CHECK(q(D(2024, 3, 15)) == 14);
  CHECK(q(D(2024, 3, 31)) == 14);
  CHECK(q(D(2024, 4, 1)) == 15);
  CHECK(q(D(2030, 1, 1)) == 15);

  // As the ledger knew it on April 1 at 09:00 (inclusive): no correction, no March change yet.
  const Instant april1 = T("2024-04-01T09:00:00Z");
  CHECK(q(D(2024, 2, 1), april1) == 12);
  CHECK(q(D(2024, 3, 15), april1) == 12);
  CHECK(q(D(2024, 4, 1), april1) == 15);
  CHECK(q(D(2024, 4, 1), april1 - std::chrono::seconds(1)) == 12);
  // On April 10 the correction is known, the March change is not.
  CHECK(q(D(2024, 3, 15), T("2024-04-10T09:00:00Z")) == 11);
  CHECK(ledger.line_as_of("acme", "C-1", "L-1", D(2024, 3, 15), T("2024-04-10T09:00:00Z"))->quantity == 11);
  CHECK(code_of([&] { (void)q(D(2024, 1, 1), T("2024-01-01T08:59:59Z")); }, &message) == ErrorCode::NOT_FOUND);
  CHECK_THAT(message, Catch::Contains("as known at 2024-01-01T08:59:59Z"));
  CHECK(code_of([&] { (void)ledger.quantity_as_of("", "C-1", "L-1", D(2024, 1, 1)); }) == ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("ledger: rows are append-only, even for a raw SQLite connection", "[ledger]") {
  TempDir dir;
  const std::string path = dir.file("ledger.db");
  {
    TrueUpLedger ledger(path);
    ledger.record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
    const std::int64_t run = ledger.record_run({T("2024-02-20T08:00:00Z"), fingerprint_inputs({}, {}, {}, {}), 1, 1, 0},
                                               "acme", by("r", "2024-02-20T08:00:00Z"));
    ledger.propose(std::vector{proposal("acme", "L-1", Up, 1, D(2024, 3, 1))}, by("r", "2024-02-20T08:00:00Z"), run);
  }
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA foreign_keys = ON");
  for (const char* sql : {"UPDATE events SET quantity = 0", "DELETE FROM events", "UPDATE proposals SET delta_quantity = 9",
                          "DELETE FROM proposals", "UPDATE runs SET proposals = 0", "DELETE FROM runs"}) {
    INFO(sql);
    std::string message;
    try {
      db.exec(sql);
    } catch (const SQLite::Exception& e) {
      message = e.what();
    }
    CHECK_THAT(message, Catch::StartsWith("append-only"));
  }
  CHECK(db.execAndGet("SELECT count(*) FROM events").getInt64() == 3);
  CHECK(db.execAndGet("SELECT quantity FROM events WHERE kind = 'line_change'").getInt64() == 10);
  CHECK(db.execAndGet("SELECT delta_quantity FROM proposals").getInt64() == 1);
}

TEST_CASE("ledger: bad input writes nothing", "[ledger]") {
  TempDir dir;
  const std::string path = dir.file("ledger.db");
  TrueUpLedger ledger(path);
  ledger.record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  const std::int64_t events = count_rows(path, "events");
  const auto stamp = by("ann", "2024-02-01T09:00:00Z");
  std::string message;

  ContractLine negative = line("acme", "L-1", -2);
  CHECK(code_of([&] { ledger.record_change({negative, D(2024, 2, 1)}, stamp); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("quantity -2 must be >= 0"));
  ContractLine backwards = line("acme", "L-1", 10);
  backwards.term_end = D(2023, 12, 1);
  CHECK(code_of([&] { ledger.record_change({backwards, D(2024, 2, 1)}, stamp); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("term_end 2023-12-01 must be after term_start 2024-01-01"));
  CHECK(code_of([&] { ledger.record_change({line("acme", "L-1", 10), D(2024, 2, 1)}, by("", "2024-02-01T09:00:00Z")); },
                &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("actor"));
  CHECK(code_of([&] { ledger.record_change({line("acme", "L-1", 10), sys_days(std::chrono::days(3000000))}, stamp); }) ==
        ErrorCode::OUT_OF_RANGE);

  // A batch is all or none: the bad third change keeps the first two out too.
  const std::vector<LineChange> batch{{line("acme", "L-2", 1), D(2024, 2, 1)},
                                      {line("acme", "L-3", 2), D(2024, 2, 1)},
                                      {line("acme", "L-4", -1), D(2024, 2, 1)}};
  try {
    ledger.record_changes(batch, stamp);
    FAIL("a batch with a bad line was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::INVALID_ARGUMENT);
    CHECK(e.row() == 2);
  }
  CHECK(code_of([&] { (void)ledger.quantity_as_of("acme", "C-1", "L-2", D(2024, 2, 1)); }) == ErrorCode::NOT_FOUND);

  const std::vector<Proposal> proposals{proposal("acme", "L-1", Up, 1, D(2024, 3, 1)),
                                        proposal("acme", "L-1", Up, 0, D(2024, 3, 1))};
  try {
    ledger.propose(proposals, stamp);
    FAIL("a proposal with delta 0 was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::INVALID_ARGUMENT);
    CHECK(e.row() == 1);
    CHECK_THAT(std::string(e.what()), Catch::Contains("delta_quantity 0 must be > 0"));
  }
  CHECK(code_of([&] { ledger.propose(std::vector{proposals[0]}, stamp, 42); }, &message) == ErrorCode::NOT_FOUND);
  CHECK_THAT(message, Catch::Contains("run 42"));
  RunRecord bad_run{T("2024-02-20T08:00:00Z"), fingerprint_inputs({}, {}, {}, {}), 0, 0, 0};
  bad_run.inputs.rules = "not hex";
  CHECK(code_of([&] { ledger.record_run(bad_run, "acme", stamp); }) == ErrorCode::INVALID_ARGUMENT);

  // The JSON paths of the C ABI: an unknown currency, two currencies in one line.
  msp_trueup_ledger* handle = nullptr;
  REQUIRE(msp_trueup_ledger_open(path.c_str(), &handle, nullptr) == MSP_STATUS_OK);
  const std::string base = R"({"tenant": "acme", "contract_id": "C-1", "line_id": "L-1", "sku": "M365-BP",
                               "quantity": 10, "term_start": "2024-01-01", )";
  msp_error err;
  CHECK(msp_trueup_ledger_record_change_json(handle, (base + R"("unit_price": "10", "currency": "XYZ"})").c_str(),
                                             "2024-02-01", "ann", 0, nullptr, nullptr, &err) == MSP_STATUS_UNKNOWN_CURRENCY);
  CHECK_THAT(std::string(err.message), Catch::Contains("'XYZ'"));
  CHECK(msp_trueup_ledger_record_change_json(handle, (base + R"("unit_price": "USD 10", "currency": "EUR"})").c_str(),
                                             "2024-02-01", "ann", 0, nullptr, nullptr, &err) ==
        MSP_STATUS_CURRENCY_MISMATCH);
  CHECK(msp_trueup_ledger_record_change_json(handle, (base + R"("unit_price": "10", "currency": "EUR"})").c_str(),
                                             "2024-02-30", "ann", 0, nullptr, nullptr, &err) == MSP_STATUS_INVALID_TIME);
  msp_trueup_ledger_free(handle);

  CHECK(count_rows(path, "events") == events);
  CHECK(count_rows(path, "proposals") == 0);
  CHECK(count_rows(path, "runs") == 0);
}

TEST_CASE("ledger: runs are stored with their fingerprints and scoped to a tenant", "[ledger]") {
  TempDir dir;
  TrueUpLedger ledger(dir.file("ledger.db"));
  const InputFingerprints inputs = fingerprint_inputs(std::vector{line("acme", "L-1", 10)}, {}, {}, {});
  const std::int64_t run =
      ledger.record_run({T("2024-02-20T08:00:00Z"), inputs, 2, 1, 3}, "acme", by("reconciler", "2024-02-20T08:01:00Z"));
  const auto ids = ledger.propose(std::vector{proposal("acme", "L-1", Up, 1, D(2024, 3, 1))},
                                  by("reconciler", "2024-02-20T08:01:00Z"), run);
  const auto events = ledger.history("acme");
  REQUIRE(kinds(events) == std::vector<std::string>{"run", "proposed"});
  CHECK(events[0].run_id == run);
  CHECK(events[0].contract_id.empty());
  CHECK_THAT(events[0].detail_json, Catch::Contains("\"contracts_sha256\":\"" + inputs.contracts + "\""));
  CHECK_THAT(events[0].detail_json, Catch::Contains("\"unmapped\":3"));
  CHECK(events[1].run_id == run);
  CHECK(events[1].proposal_id == ids[0]);
  // A run of acme is not there for another tenant.
  std::string message;
  CHECK(code_of([&] { ledger.propose(std::vector{proposal("globex", "L-1", Up, 1, D(2024, 3, 1))},
                                     by("r", "2024-02-20T08:01:00Z"), run); },
                &message) == ErrorCode::NOT_FOUND);
  CHECK(ledger.history("globex").empty());
}

TEST_CASE("ledger: tenant scope", "[ledger]") {
  TempDir dir;
  TrueUpLedger ledger(dir.file("ledger.db"));
  ledger.record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  ledger.record_change({line("globex", "L-1", 70), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  ledger.record_change({line("globex", "L-2", 5), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z"));
  ledger.propose(std::vector{proposal("globex", "L-1", Up, 1, D(2024, 3, 1))}, by("r", "2024-02-20T08:00:00Z"));

  const auto acme = ledger.history("acme");
  REQUIRE(acme.size() == 1);
  CHECK(acme[0].tenant == "acme");
  CHECK(acme[0].quantity == 10);
  const auto globex = ledger.history("globex");
  CHECK(kinds(globex) == std::vector<std::string>{"line_change", "line_change", "proposed"});
  for (const LedgerEvent& e : globex) CHECK(e.tenant == "globex");
  CHECK(ledger.history("globex", "C-1", "L-2").size() == 1);
  CHECK(ledger.history("globex", "C-2").empty());
  CHECK(ledger.history("initech").empty());
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-1", D(2024, 6, 1)) == 10);
  CHECK(ledger.quantity_as_of("globex", "C-1", "L-1", D(2024, 6, 1)) == 70);
  CHECK(code_of([&] { (void)ledger.quantity_as_of("acme", "C-1", "L-2", D(2024, 6, 1)); }) == ErrorCode::NOT_FOUND);
  CHECK(code_of([&] { (void)ledger.history(""); }) == ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("ledger: schema version, WAL, and files it must not touch", "[ledger]") {
  TempDir dir;
  const std::string path = dir.file("ledger.db");
  { TrueUpLedger ledger(path); }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    CHECK(TrueUpLedger::schema_version() == 1);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 1);
    CHECK(db.execAndGet("PRAGMA application_id").getInt64() == 0x4d535054);
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    db.exec("PRAGMA user_version = 7");
  }
  std::string message;
  CHECK(code_of([&] { TrueUpLedger ledger(path); }, &message) == ErrorCode::STORAGE_ERROR);
  CHECK_THAT(message, Catch::Contains(path) && Catch::Contains("version 7") && Catch::Contains("version 1"));

  // Another application's database is left alone.
  const std::string other = dir.file("other.db");
  {
    SQLite::Database db(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE notes (text TEXT)");
  }
  CHECK(code_of([&] { TrueUpLedger ledger(other); }, &message) == ErrorCode::STORAGE_ERROR);
  CHECK_THAT(message, Catch::Contains(other) && Catch::Contains("not an mspcore true-up ledger"));
  CHECK(count_rows(other, "sqlite_master") == 1);

  // Reopening a current ledger keeps what it holds.
  const std::string kept = dir.file("kept.db");
  { TrueUpLedger(kept).record_change({line("acme", "L-1", 10), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z")); }
  CHECK(TrueUpLedger(kept).quantity_as_of("acme", "C-1", "L-1", D(2024, 1, 1)) == 10);
}

TEST_CASE("ledger: a file that is not SQLite, a path that cannot be opened", "[ledger]") {
  TempDir dir;
  const std::string path = dir.file("notes.txt");
  {
    std::ofstream out(path);
    for (int i = 0; i < 100; ++i) out << "this is a plain text file, not a database\n";
  }
  std::string message;
  CHECK(code_of([&] { TrueUpLedger ledger(path); }, &message) == ErrorCode::STORAGE_ERROR);
  CHECK_THAT(message, Catch::Contains(path) && Catch::Contains("not a SQLite database"));
  const std::string missing = dir.file("no/such/dir/ledger.db");
  CHECK(code_of([&] { TrueUpLedger ledger(missing); }, &message) == ErrorCode::STORAGE_ERROR);
  CHECK_THAT(message, Catch::Contains(missing));
}

TEST_CASE("ledger: a writer killed mid-transaction leaves all or nothing", "[ledger][crash]") {
  TempDir dir;
  const std::string path = dir.file("ledger.db");
  { TrueUpLedger(path).record_change({line("acme", "L-0", 1), D(2024, 1, 1)}, by("ann", "2024-01-01T09:00:00Z")); }
  const std::int64_t before = count_rows(path, "events");
  REQUIRE(before == 1);
  REQUIRE_FALSE(fs::exists(path + "-wal"));  // closing the last connection checkpointed it

  constexpr std::int64_t kBatch = 200000;
  std::vector<LineChange> batch;
  batch.reserve(kBatch);
  for (std::int64_t i = 0; i < kBatch; ++i) {
    batch.push_back({line("acme", ("L-" + std::to_string(i + 1)).c_str(), i), D(2024, 2, 1)});
  }
  const test::KilledWriter killed = test::kill_mid_transaction(path, [&] {
    TrueUpLedger(path).record_changes(batch, by("bulk", "2024-02-01T09:00:00Z"));
  });
  REQUIRE_FALSE(killed.finished_first);
  CHECK(WIFSIGNALED(killed.status));
  CHECK(WTERMSIG(killed.status) == SIGKILL);

  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  const std::int64_t after = count_rows(path, "events");
  CHECK((after == before || after == before + kBatch));
  TrueUpLedger ledger(path);
  ledger.record_change({line("acme", "L-0", 2), D(2024, 3, 1)}, by("ann", "2024-03-01T09:00:00Z"));
  CHECK(count_rows(path, "events") == after + 1);
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-0", D(2024, 3, 1)) == 2);
  CHECK(ledger.quantity_as_of("acme", "C-1", "L-0", D(2024, 2, 1)) == 1);
}
