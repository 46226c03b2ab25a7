/// @file trueup_ledger.hpp
/// @brief The append-only true-up ledger: contract line changes, reconciliation runs and the
/// proposal lifecycle in one SQLite file (docs/contract-ledger.md). A store: it needs SQLite
/// (SQLiteCpp), linked into the library; its SQL lives in src/store/.
#pragma once

#include <mspcore/contract/trueup.hpp>
#include <mspcore/store/tenant_scope.hpp>
#include <mspcore/time/instant.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Who did something, when, and why. Every write to the ledger carries one.
struct AuditStamp {
  std::string actor;   ///< must not be empty
  Instant at{};        ///< explicit: the ledger never reads the clock
  std::string reason;  ///< may be empty
};

/// The state of a proposal: proposed -> approved | rejected; approved -> applied.
enum class ProposalState { Proposed, Approved, Rejected, Applied };
std::string_view to_string(ProposalState value) noexcept;
/// "proposed", "approved", "rejected" or "applied"; Error(INVALID_ARGUMENT) otherwise.
ProposalState parse_proposal_state(std::string_view text);

/// A new state of a contract line, effective from `effective_date`.
struct LineChange {
  ContractLine line;
  std::chrono::sys_days effective_date{};
};

/// A stored reconciliation run: its as_of, input fingerprints and result counts.
struct RunRecord {
  Instant as_of{};
  InputFingerprints inputs;
  std::size_t deviations = 0;
  std::size_t proposals = 0;
  std::size_t unmapped = 0;
};

/// One entry of the ledger, in the order it was written.
struct LedgerEvent {
  std::int64_t sequence = 0;  ///< strictly increasing
  std::string kind;           ///< "line_change", "run", "proposed", "approved", "rejected", "applied"
  std::string tenant;
  std::string contract_id;    ///< empty for runs
  std::string line_id;        ///< empty for runs
  std::optional<std::int64_t> proposal_id;
  std::optional<std::int64_t> run_id;
  std::optional<std::int64_t> quantity;  ///< the line's quantity after a line change
  std::optional<std::chrono::sys_days> effective_date;
  AuditStamp stamp;
  std::string detail_json;  ///< the stored line, proposal or run as JSON
};

/// Events as a JSON list of {"sequence", "kind", "tenant", "contract_id", "line_id",
/// "proposal_id", "run_id", "quantity", "effective_date", "actor", "at" (ISO-8601), "reason",
/// "detail"}: the form the C ABI and Python return.
std::string ledger_events_json(std::span<const LedgerEvent> events);

/// An append-only SQLite ledger (WAL mode, foreign keys on, schema version in
/// PRAGMA user_version with forward migrations). Every write is one transaction that is
/// validated before anything is written, so bad input writes nothing and a crash leaves the
/// previous state. Rows are never updated or deleted (triggers refuse it). Queries are
/// scoped to one tenant; calls keyed by a proposal id take a TenantScope and treat a
/// proposal outside it exactly as an unknown id. One object per thread; several processes
/// may share the file.
class TrueUpLedger {
 public:
  /// Open or create the ledger at `path` and migrate it to the current schema. Throws
  /// Error(STORAGE_ERROR) naming the path when it cannot be opened, is not a ledger, or has
  /// a newer schema than this library knows.
  explicit TrueUpLedger(const std::string& path);
  ~TrueUpLedger();
  TrueUpLedger(TrueUpLedger&&) noexcept;
  TrueUpLedger& operator=(TrueUpLedger&&) noexcept;

  /// The schema version this library writes.
  static int schema_version() noexcept;

  /// Record new line states, all or none. Returns their sequence numbers.
  std::vector<std::int64_t> record_changes(std::span<const LineChange> changes, const AuditStamp& stamp);
  std::int64_t record_change(const LineChange& change, const AuditStamp& stamp);

  /// Store a reconciliation run; returns its id.
  std::int64_t record_run(const RunRecord& run, const std::string& tenant_scope, const AuditStamp& stamp);

  /// Store proposals in state proposed, all or none; returns their ids. `run_id`, when
  /// given, must name a stored run.
  std::vector<std::int64_t> propose(std::span<const Proposal> proposals, const AuditStamp& stamp,
                                    std::optional<std::int64_t> run_id = std::nullopt);

  /// Approve or reject a proposed proposal; Error(INVALID_STATE) from any other state.
  /// Error(NOT_FOUND) for an id that is unknown or outside `scope` (the same message);
  /// Error(STORAGE_ERROR) naming the id and the text when its stored action is neither
  /// "true_up" nor "true_down" (the file was changed outside the library).
  void decide(const TenantScope& scope, std::int64_t proposal_id, ProposalState decision, const AuditStamp& stamp);

  /// Apply an approved proposal: records the line's new quantity, effective at the
  /// proposal's effective date. Returns the sequence number of that line change.
  /// Error(NOT_FOUND) and Error(STORAGE_ERROR) as decide().
  std::int64_t apply(const TenantScope& scope, std::int64_t proposal_id, const AuditStamp& stamp);

  /// The state of a proposal; Error(NOT_FOUND) for an id that is unknown or outside `scope`.
  ProposalState proposal_state(const TenantScope& scope, std::int64_t proposal_id) const;

  /// The line as of `date` (the latest change effective on or before it), as the ledger knew
  /// it at `known_at` (default: everything recorded). nullopt when the line had no state then.
  std::optional<ContractLine> line_as_of(std::string_view tenant, std::string_view contract_id,
                                         std::string_view line_id, std::chrono::sys_days date,
                                         std::optional<Instant> known_at = std::nullopt) const;
  /// line_as_of()'s quantity; Error(NOT_FOUND) naming the line when it had no state then.
  std::int64_t quantity_as_of(std::string_view tenant, std::string_view contract_id, std::string_view line_id,
                              std::chrono::sys_days date, std::optional<Instant> known_at = std::nullopt) const;

  /// The tenant's events in order, optionally narrowed to one contract and line.
  std::vector<LedgerEvent> history(std::string_view tenant, std::string_view contract_id = {},
                                   std::string_view line_id = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace mspcore
