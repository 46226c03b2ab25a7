// The append-only true-up ledger on SQLite (docs/contract-ledger.md). Every public call
// validates all of its input first, then writes in one transaction.
#include <mspcore/contract/trueup_ledger.hpp>
#include <mspcore/core/error.hpp>

#include "contract/date_math.hpp"
#include "contract/trueup_json.hpp"
#include "store/sqlite_db.hpp"

#include <array>
#include <limits>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

using std::chrono::sys_days;

// Version 1. Triggers make every table append-only; a later version appends a migration
// here and never edits this one.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL CHECK (tenant <> ''),
  as_of TEXT NOT NULL,
  contracts_sha256 TEXT NOT NULL,
  observations_sha256 TEXT NOT NULL,
  sku_map_sha256 TEXT NOT NULL,
  rules_sha256 TEXT NOT NULL,
  deviations INTEGER NOT NULL CHECK (deviations >= 0),
  proposals INTEGER NOT NULL CHECK (proposals >= 0),
  unmapped INTEGER NOT NULL CHECK (unmapped >= 0)
);
CREATE TABLE proposals (
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL CHECK (tenant <> ''),
  contract_id TEXT NOT NULL CHECK (contract_id <> ''),
  line_id TEXT NOT NULL CHECK (line_id <> ''),
  action TEXT NOT NULL CHECK (action IN ('true_up', 'true_down')),
  delta_quantity INTEGER NOT NULL CHECK (delta_quantity > 0),
  effective_date TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  rule TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  run_id INTEGER REFERENCES runs (id)
);
CREATE TABLE events (
  sequence INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL CHECK (tenant <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('line_change', 'run', 'proposed', 'approved', 'rejected', 'applied')),
  contract_id TEXT NOT NULL,
  line_id TEXT NOT NULL,
  proposal_id INTEGER REFERENCES proposals (id),
  run_id INTEGER REFERENCES runs (id),
  quantity INTEGER,
  effective_date TEXT,
  actor TEXT NOT NULL CHECK (actor <> ''),
  at TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail_json TEXT NOT NULL
);
CREATE INDEX events_by_line ON events (tenant, contract_id, line_id, kind, effective_date);
CREATE INDEX events_by_proposal ON events (proposal_id) WHERE proposal_id IS NOT NULL;
CREATE TRIGGER runs_no_update BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'append-only: runs cannot be updated'); END;
CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs BEGIN SELECT RAISE(ABORT, 'append-only: runs cannot be deleted'); END;
CREATE TRIGGER proposals_no_update BEFORE UPDATE ON proposals
  BEGIN SELECT RAISE(ABORT, 'append-only: proposals cannot be updated'); END;
CREATE TRIGGER proposals_no_delete BEFORE DELETE ON proposals
  BEGIN SELECT RAISE(ABORT, 'append-only: proposals cannot be deleted'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'append-only: events cannot be updated'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'append-only: events cannot be deleted'); END;
)sql";

constexpr std::array<const char*, 1> kMigrations{kSchemaV1};
constexpr store::Schema kSchema{"true-up ledger", 0x4d535054 /* "MSPT" */, kMigrations};

constexpr std::array<std::string_view, 4> kStates{"proposed", "approved", "rejected", "applied"};

// The latest change of a line effective on or before ?4, among the events known at ?5 (NULL:
// all). ISO dates and instants compare correctly as text.
constexpr const char* kLatestChange =
    "SELECT sequence, quantity, detail_json FROM events WHERE tenant = ?1 AND contract_id = ?2 AND line_id = ?3 "
    "AND kind = 'line_change' AND effective_date <= ?4 AND (?5 IS NULL OR at <= ?5) "
    "ORDER BY effective_date DESC, sequence DESC LIMIT 1";

// The latest state of proposal ?1 within the scope ?2 (NULL: all tenants).
constexpr const char* kLatestState =
    "SELECT kind FROM events WHERE proposal_id = ?1 AND (?2 IS NULL OR tenant = ?2) "
    "AND kind IN ('proposed', 'approved', 'rejected', 'applied') ORDER BY sequence DESC LIMIT 1";

void check_stamp(const AuditStamp& stamp) {
  if (stamp.actor.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, "audit stamp: actor must not be empty");
  check_instant_range(stamp.at, "audit stamp: at");
}

void check_date(sys_days d, const std::string& what, std::int64_t row = -1) {
  if (!date_math::in_date_range(d)) {
    throw Error(ErrorCode::OUT_OF_RANGE, what + " " + date_math::describe_date(d) + date_math::kDateRangeText, row);
  }
}

void check_ids(std::string_view tenant, std::string_view contract_id, std::string_view line_id) {
  const char* empty = tenant.empty() ? "tenant" : contract_id.empty() ? "contract_id" : line_id.empty() ? "line_id" : nullptr;
  if (empty != nullptr) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(empty) + " must not be empty");
}

std::string describe(std::string_view tenant, std::string_view contract_id, std::string_view line_id) {
  return "tenant " + quoted(tenant) + " contract " + quoted(contract_id) + " line " + quoted(line_id);
}

std::string describe(const Proposal& p, std::size_t index) {
  return "proposals[" + std::to_string(index) + "] (" + describe(p.tenant, p.contract_id, p.line_id) + ")";
}

// Validates a proposal and returns its stored JSON.
std::string checked_detail(const Proposal& p, std::size_t index) {
  const auto row = static_cast<std::int64_t>(index);
  auto fail = [&](const std::string& what) { throw Error(ErrorCode::INVALID_ARGUMENT, describe(p, index) + ": " + what, row); };
  if (p.tenant.empty()) fail("tenant must not be empty");
  if (p.contract_id.empty()) fail("contract_id must not be empty");
  if (p.line_id.empty()) fail("line_id must not be empty");
  if (p.delta_quantity <= 0) fail("delta_quantity " + std::to_string(p.delta_quantity) + " must be > 0");
  check_date(p.effective_date, describe(p, index) + ": effective_date", row);
  try {
    return proposal_to_json(p).dump();
  } catch (const Error& e) {
    throw Error(e.code(), describe(p, index) + ": " + e.what(), row);
  }
}

void check_sha256(const std::string& hex, const char* what) {
  bool ok = hex.size() == 64;
  for (char c : hex) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!ok) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                std::string("run: ") + what + " fingerprint " + quoted(hex) + " is not 64 lower-case hex digits");
  }
}

std::int64_t count_of(std::size_t n, const char* what) {
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())) {
    throw Error(ErrorCode::OUT_OF_RANGE, std::string("run: ") + what + " count is too large");
  }
  return static_cast<std::int64_t>(n);
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    s.bind(index, *value);
  } else {
    s.bind(index);
  }
}

void bind_known_at(SQLite::Statement& s, int index, const std::optional<Instant>& known_at) {
  if (known_at) {
    s.bind(index, format_instant(*known_at));
  } else {
    s.bind(index);
  }
}

// One row of the events table, as written.
struct EventRow {
  std::string_view kind;
  std::string_view tenant;
  std::string_view contract_id;
  std::string_view line_id;
  std::optional<std::int64_t> proposal_id;
  std::optional<std::int64_t> run_id;
  std::optional<std::int64_t> quantity;
  std::optional<sys_days> effective_date;
  std::string detail_json;
};

// One prepared INSERT, reused for every event of a transaction.
class EventWriter {
 public:
  EventWriter(SQLite::Database& db, const AuditStamp& stamp)
      : db_(db),
        insert_(db,
                "INSERT INTO events (tenant, kind, contract_id, line_id, proposal_id, run_id, quantity, "
                "effective_date, actor, at, reason, detail_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        stamp_(stamp),
        at_(format_instant(stamp.at)) {}

  std::int64_t write(const EventRow& e) {
    insert_.reset();
    insert_.bind(1, std::string(e.tenant));
    insert_.bind(2, std::string(e.kind));
    insert_.bind(3, std::string(e.contract_id));
    insert_.bind(4, std::string(e.line_id));
    bind_optional(insert_, 5, e.proposal_id);
    bind_optional(insert_, 6, e.run_id);
    bind_optional(insert_, 7, e.quantity);
    if (e.effective_date) {
      insert_.bind(8, format_date(*e.effective_date));
    } else {
      insert_.bind(8);
    }
    insert_.bind(9, stamp_.actor);
    insert_.bind(10, at_);
    insert_.bind(11, stamp_.reason);
    insert_.bind(12, e.detail_json);
    insert_.exec();
    return db_.getLastInsertRowid();
  }

 private:
  SQLite::Database& db_;
  SQLite::Statement insert_;
  const AuditStamp& stamp_;
  std::string at_;
};

// A stored proposal's identity, as decide() and apply() need it.
struct StoredProposal {
  std::string tenant, contract_id, line_id;
  ProposalAction action = ProposalAction::TrueUp;
  std::int64_t delta = 0;
  sys_days effective_date{};
  ProposalState state = ProposalState::Proposed;
};

// An id outside the scope reads exactly as an unknown one: the caller learns nothing of
// another tenant's proposals.
[[noreturn]] void proposal_not_found(const TenantScope& scope, std::int64_t id) {
  throw Error(ErrorCode::NOT_FOUND, "proposal " + std::to_string(id) + " not found in " + scope.to_string());
}

// An action that does not read back was written outside the library: never guess it.
ProposalAction stored_action(std::int64_t id, const std::string& text) {
  try {
    return parse_proposal_action(text);
  } catch (const Error& e) {
    throw Error(ErrorCode::STORAGE_ERROR,
                "proposal " + std::to_string(id) + ": stored action " + quoted(text) + " is unreadable: " + e.what());
  }
}

ProposalState state_of(SQLite::Database& db, const TenantScope& scope, std::int64_t id) {
  SQLite::Statement q(db, kLatestState);
  q.bind(1, id);
  store::bind_scope(q, 2, scope);
  if (!q.executeStep()) proposal_not_found(scope, id);
  return parse_proposal_state(q.getColumn(0).getString());  // the query selects the four names only
}

StoredProposal load_proposal(SQLite::Database& db, const TenantScope& scope, std::int64_t id) {
  SQLite::Statement q(db,
                      "SELECT tenant, contract_id, line_id, action, delta_quantity, effective_date FROM proposals "
                      "WHERE id = ?1 AND (?2 IS NULL OR tenant = ?2)");
  q.bind(1, id);
  store::bind_scope(q, 2, scope);
  if (!q.executeStep()) proposal_not_found(scope, id);
  StoredProposal p;
  p.tenant = q.getColumn(0).getString();
  p.contract_id = q.getColumn(1).getString();
  p.line_id = q.getColumn(2).getString();
  p.action = stored_action(id, q.getColumn(3).getString());
  p.delta = q.getColumn(4).getInt64();
  p.effective_date = parse_date(q.getColumn(5).getString());
  p.state = state_of(db, scope, id);
  return p;
}

// Stored text is ours; if it does not read back, the file was damaged outside the library.
ContractLine stored_line(std::int64_t sequence, const std::string& text) {
  try {
    return line_from_json(json::parse(text), 0);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::STORAGE_ERROR, "event " + std::to_string(sequence) + ": stored line is unreadable: " + e.what());
  }
}

std::optional<ContractLine> latest_line(SQLite::Database& db, std::string_view tenant, std::string_view contract_id,
                                        std::string_view line_id, sys_days date, const std::optional<Instant>& known_at) {
  SQLite::Statement q(db, kLatestChange);
  q.bind(1, std::string(tenant));
  q.bind(2, std::string(contract_id));
  q.bind(3, std::string(line_id));
  q.bind(4, format_date(date));
  bind_known_at(q, 5, known_at);
  if (!q.executeStep()) return std::nullopt;
  return stored_line(q.getColumn(0).getInt64(), q.getColumn(2).getString());
}

std::string when(sys_days date, const std::optional<Instant>& known_at) {
  return " on " + format_date(date) + (known_at ? " as known at " + format_instant(*known_at) : std::string());
}

}  // namespace

std::string_view to_string(ProposalState value) noexcept { return kStates[static_cast<std::size_t>(value)]; }

ProposalState parse_proposal_state(std::string_view text) {
  for (std::size_t i = 0; i < kStates.size(); ++i) {
    if (kStates[i] == text) return static_cast<ProposalState>(i);
  }
  throw Error(ErrorCode::INVALID_ARGUMENT,
              "unknown proposal state " + quoted(text) + " (known: proposed, approved, rejected, applied)");
}

struct TrueUpLedger::Impl {
  std::string path;
  SQLite::Database db;

  template <class Body>
  auto write(Body&& body) {
    return store::write_transaction(db, path, std::forward<Body>(body));
  }
  template <class Body>
  auto read(Body&& body) {
    return store::guard(path, std::forward<Body>(body));
  }
};

TrueUpLedger::TrueUpLedger(const std::string& path)
    : impl_(std::make_unique<Impl>(Impl{path, store::open_database(path, kSchema)})) {}
TrueUpLedger::~TrueUpLedger() = default;
TrueUpLedger::TrueUpLedger(TrueUpLedger&&) noexcept = default;
TrueUpLedger& TrueUpLedger::operator=(TrueUpLedger&&) noexcept = default;

int TrueUpLedger::schema_version() noexcept { return kSchema.version(); }

std::vector<std::int64_t> TrueUpLedger::record_changes(std::span<const LineChange> changes, const AuditStamp& stamp) {
  check_stamp(stamp);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    validate(changes[i].line, i);
    check_date(changes[i].effective_date, "changes[" + std::to_string(i) + "].effective_date",
               static_cast<std::int64_t>(i));
  }
  // Serialised inside the transaction so a large batch is never held twice in memory; a
  // validated line always serialises.
  return impl_->write([&] {
    EventWriter events(impl_->db, stamp);
    std::vector<std::int64_t> sequences;
    sequences.reserve(changes.size());
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const ContractLine& l = changes[i].line;
      sequences.push_back(events.write({"line_change", l.tenant, l.contract_id, l.line_id, std::nullopt, std::nullopt,
                                        l.quantity, changes[i].effective_date, line_to_json(l).dump()}));
    }
    return sequences;
  });
}

std::int64_t TrueUpLedger::record_change(const LineChange& change, const AuditStamp& stamp) {
  return record_changes(std::span(&change, 1), stamp).front();
}

std::int64_t TrueUpLedger::record_run(const RunRecord& run, const std::string& tenant_scope, const AuditStamp& stamp) {
  if (tenant_scope.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, "run: tenant must not be empty");
  check_stamp(stamp);
  check_instant_range(run.as_of, "run: as_of");
  const InputFingerprints& f = run.inputs;
  check_sha256(f.contracts, "contracts");
  check_sha256(f.observations, "observations");
  check_sha256(f.sku_map, "sku_map");
  check_sha256(f.rules, "rules");
  const std::int64_t deviations = count_of(run.deviations, "deviations");
  const std::int64_t proposals = count_of(run.proposals, "proposals");
  const std::int64_t unmapped = count_of(run.unmapped, "unmapped");
  const std::string as_of = format_instant(run.as_of);
  std::string detail = json{{"as_of", as_of},
                            {"contracts_sha256", f.contracts},
                            {"observations_sha256", f.observations},
                            {"sku_map_sha256", f.sku_map},
                            {"rules_sha256", f.rules},
                            {"deviations", deviations},
                            {"proposals", proposals},
                            {"unmapped", unmapped}}
                           .dump();
  return impl_->write([&] {
    SQLite::Statement insert(impl_->db,
                             "INSERT INTO runs (tenant, as_of, contracts_sha256, observations_sha256, sku_map_sha256, "
                             "rules_sha256, deviations, proposals, unmapped) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    insert.bind(1, tenant_scope);
    insert.bind(2, as_of);
    insert.bind(3, f.contracts);
    insert.bind(4, f.observations);
    insert.bind(5, f.sku_map);
    insert.bind(6, f.rules);
    insert.bind(7, deviations);
    insert.bind(8, proposals);
    insert.bind(9, unmapped);
    insert.exec();
    const std::int64_t id = impl_->db.getLastInsertRowid();
    EventWriter(impl_->db, stamp).write({"run", tenant_scope, "", "", std::nullopt, id, std::nullopt, std::nullopt,
                                         std::move(detail)});
    return id;
  });
}

std::vector<std::int64_t> TrueUpLedger::propose(std::span<const Proposal> proposals, const AuditStamp& stamp,
                                                std::optional<std::int64_t> run_id) {
  check_stamp(stamp);
  std::vector<std::string> details;
  details.reserve(proposals.size());
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    details.push_back(checked_detail(proposals[i], i));
  }
  return impl_->write([&] {
    if (run_id) {
      // A run belongs to one tenant: a proposal may only point at a run of its own tenant.
      SQLite::Statement q(impl_->db, "SELECT tenant FROM runs WHERE id = ?1");
      q.bind(1, *run_id);
      const std::string tenant = q.executeStep() ? q.getColumn(0).getString() : std::string();
      for (std::size_t i = 0; i < proposals.size(); ++i) {
        if (proposals[i].tenant != tenant) {
          throw Error(ErrorCode::NOT_FOUND, describe(proposals[i], i) + ": run " + std::to_string(*run_id) +
                                                " not found for this tenant",
                      static_cast<std::int64_t>(i));
        }
      }
    }
    SQLite::Statement insert(impl_->db,
                             "INSERT INTO proposals (tenant, contract_id, line_id, action, delta_quantity, "
                             "effective_date, amount, currency, rule, detail_json, run_id) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    EventWriter events(impl_->db, stamp);
    std::vector<std::int64_t> ids;
    ids.reserve(proposals.size());
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      const Proposal& p = proposals[i];
      insert.reset();
      insert.bind(1, p.tenant);
      insert.bind(2, p.contract_id);
      insert.bind(3, p.line_id);
      insert.bind(4, std::string(to_string(p.action)));
      insert.bind(5, p.delta_quantity);
      insert.bind(6, format_date(p.effective_date));
      insert.bind(7, p.amount.amount().to_string());
      insert.bind(8, std::string(p.amount.currency().code()));
      insert.bind(9, p.rule);
      insert.bind(10, details[i]);
      bind_optional(insert, 11, run_id);
      insert.exec();
      const std::int64_t id = impl_->db.getLastInsertRowid();
      events.write({"proposed", p.tenant, p.contract_id, p.line_id, id, run_id, std::nullopt, p.effective_date,
                    std::move(details[i])});
      ids.push_back(id);
    }
    return ids;
  });
}

void TrueUpLedger::decide(const TenantScope& scope, std::int64_t proposal_id, ProposalState decision,
                          const AuditStamp& stamp) {
  if (decision != ProposalState::Approved && decision != ProposalState::Rejected) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                "a decision is approved or rejected, not " + quoted(std::string(to_string(decision))));
  }
  check_stamp(stamp);
  impl_->write([&] {
    const StoredProposal p = load_proposal(impl_->db, scope, proposal_id);
    if (p.state != ProposalState::Proposed) {
      throw Error(ErrorCode::INVALID_STATE, "proposal " + std::to_string(proposal_id) + " is " +
                                                std::string(to_string(p.state)) + ": only a proposed proposal can be " +
                                                std::string(to_string(decision)));
    }
    return EventWriter(impl_->db, stamp)
        .write({to_string(decision), p.tenant, p.contract_id, p.line_id, proposal_id, std::nullopt, std::nullopt,
                p.effective_date, "{}"});
  });
}

std::int64_t TrueUpLedger::apply(const TenantScope& scope, std::int64_t proposal_id, const AuditStamp& stamp) {
  check_stamp(stamp);
  return impl_->write([&] {
    const StoredProposal p = load_proposal(impl_->db, scope, proposal_id);
    const std::string name = "proposal " + std::to_string(proposal_id);
    if (p.state != ProposalState::Approved) {
      throw Error(ErrorCode::INVALID_STATE,
                  name + " is " + std::string(to_string(p.state)) + ": only an approved proposal can be applied");
    }
    std::optional<ContractLine> line =
        latest_line(impl_->db, p.tenant, p.contract_id, p.line_id, p.effective_date, std::nullopt);
    if (!line) {
      throw Error(ErrorCode::NOT_FOUND, name + ": the ledger has no state of " +
                                            describe(p.tenant, p.contract_id, p.line_id) +
                                            when(p.effective_date, std::nullopt));
    }
    const std::int64_t before = line->quantity;
    std::int64_t after = 0;
    const bool overflow = p.action == ProposalAction::TrueUp ? __builtin_add_overflow(before, p.delta, &after)
                                                            : __builtin_sub_overflow(before, p.delta, &after);
    if (overflow) throw Error(ErrorCode::ARITHMETIC_OVERFLOW, name + ": the new quantity does not fit 64 bits");
    if (after < 0) {
      throw Error(ErrorCode::INVALID_STATE, name + ": a true_down of " + std::to_string(p.delta) + " would take " +
                                                describe(p.tenant, p.contract_id, p.line_id) + " from " +
                                                std::to_string(before) + " to " + std::to_string(after));
    }
    line->quantity = after;
    EventWriter events(impl_->db, stamp);
    const std::int64_t sequence = events.write({"line_change", p.tenant, p.contract_id, p.line_id, proposal_id,
                                                std::nullopt, after, p.effective_date, line_to_json(*line).dump()});
    events.write({"applied", p.tenant, p.contract_id, p.line_id, proposal_id, std::nullopt, std::nullopt,
                  p.effective_date, json{{"line_change_sequence", sequence}}.dump()});
    return sequence;
  });
}

ProposalState TrueUpLedger::proposal_state(const TenantScope& scope, std::int64_t proposal_id) const {
  return impl_->read([&] { return state_of(impl_->db, scope, proposal_id); });
}

std::optional<ContractLine> TrueUpLedger::line_as_of(std::string_view tenant, std::string_view contract_id,
                                                     std::string_view line_id, sys_days date,
                                                     std::optional<Instant> known_at) const {
  check_ids(tenant, contract_id, line_id);
  check_date(date, "date");
  return impl_->read([&] { return latest_line(impl_->db, tenant, contract_id, line_id, date, known_at); });
}

std::int64_t TrueUpLedger::quantity_as_of(std::string_view tenant, std::string_view contract_id,
                                          std::string_view line_id, sys_days date,
                                          std::optional<Instant> known_at) const {
  check_ids(tenant, contract_id, line_id);
  check_date(date, "date");
  return impl_->read([&] {
    SQLite::Statement q(impl_->db, kLatestChange);
    q.bind(1, std::string(tenant));
    q.bind(2, std::string(contract_id));
    q.bind(3, std::string(line_id));
    q.bind(4, format_date(date));
    bind_known_at(q, 5, known_at);
    if (!q.executeStep()) {
      throw Error(ErrorCode::NOT_FOUND,
                  "the ledger has no state of " + describe(tenant, contract_id, line_id) + when(date, known_at));
    }
    return q.getColumn(1).getInt64();
  });
}

std::vector<LedgerEvent> TrueUpLedger::history(std::string_view tenant, std::string_view contract_id,
                                               std::string_view line_id) const {
  if (tenant.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, "tenant must not be empty");
  return impl_->read([&] {
    SQLite::Statement q(impl_->db,
                        "SELECT sequence, kind, tenant, contract_id, line_id, proposal_id, run_id, quantity, "
                        "effective_date, actor, at, reason, detail_json FROM events WHERE tenant = ?1 "
                        "AND (?2 = '' OR contract_id = ?2) AND (?3 = '' OR line_id = ?3) ORDER BY sequence");
    q.bind(1, std::string(tenant));
    q.bind(2, std::string(contract_id));
    q.bind(3, std::string(line_id));
    auto optional_int = [&](int i) {
      return q.isColumnNull(i) ? std::nullopt : std::optional<std::int64_t>(q.getColumn(i).getInt64());
    };
    std::vector<LedgerEvent> out;
    while (q.executeStep()) {
      LedgerEvent e;
      e.sequence = q.getColumn(0).getInt64();
      e.kind = q.getColumn(1).getString();
      e.tenant = q.getColumn(2).getString();
      e.contract_id = q.getColumn(3).getString();
      e.line_id = q.getColumn(4).getString();
      e.proposal_id = optional_int(5);
      e.run_id = optional_int(6);
      e.quantity = optional_int(7);
      if (!q.isColumnNull(8)) e.effective_date = parse_date(q.getColumn(8).getString());
      e.stamp = {q.getColumn(9).getString(), parse_instant(q.getColumn(10).getString()), q.getColumn(11).getString()};
      e.detail_json = q.getColumn(12).getString();
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace v1
}  // namespace mspcore
