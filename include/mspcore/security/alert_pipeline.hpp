/// @file alert_pipeline.hpp
/// @brief Dedup and correlation of security alerts into ticket requests, with its state in SQLite.
///
/// Alerts arrive in batches of (source, payload JSON). The same (source, source id) updates the
/// stored alert; a new alert with the same tenant + asset + threat as an open incident whose
/// latest alert lies within the correlation window joins that incident; otherwise it opens a
/// new one. Each incident touched by a batch gives at most one ticket request: "create" for a
/// new incident, "reopen" for a resolved incident that recurs (by policy), "update" when an
/// open incident gets more alerts or a higher priority. A batch is committed in one
/// transaction, so a re-run after a crash duplicates nothing, and ingesting the same batch
/// twice gives its requests once. Rules, schema and defaults: docs/security-alert-pipeline.md.
///
/// Although it is declared with the security types, AlertPipeline belongs to the store layer:
/// it needs SQLite (the library's store code, src/store/), and so does everything that links it.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/security/alert.hpp>
#include <mspcore/security/priority.hpp>
#include <mspcore/store/tenant_scope.hpp>
#include <mspcore/time/instant.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// What happens when an alert recurs on a resolved incident.
enum class ReopenPolicy : std::uint8_t {
  Reopen,      ///< reopen it when the alert is seen within `reopen_within` of the resolution, else a new incident
  NewIncident  ///< always open a new incident
};

/// "reopen", "new_incident".
std::string_view to_string(ReopenPolicy policy) noexcept;

/// How the pipeline correlates and what its ticket requests look like. The member
/// initialisers are the defaults.
struct AlertPipelineConfig {
  /// A new alert joins the open incident of its tenant + asset + threat when it was first
  /// seen at most this long after the incident's latest alert.
  std::chrono::seconds correlation_window{std::chrono::hours{24}};
  ReopenPolicy reopen_policy = ReopenPolicy::Reopen;  ///< for an alert on a resolved incident
  /// With ReopenPolicy::Reopen: how long after the resolution a recurrence reopens.
  std::chrono::seconds reopen_within{std::chrono::hours{24 * 7}};
  PriorityConfig priority;  ///< passed to prioritize_alert() for every alert
  std::string default_queue = "security";           ///< queue when no mapping below applies
  std::map<std::string, std::string> queue_by_tenant;  ///< tenant -> queue; wins over queue_by_priority
  std::map<int, std::string> queue_by_priority;        ///< ITIL priority (1-5) -> queue
  /// Title of a request. Placeholders: {tenant}, {asset}, {threat}, {title}, {priority},
  /// {priority_label}, {alert_count}, {incident}, {action}.
  std::string title_template = "[{priority_label}] {title} on {asset} ({tenant})";
  /// Body of a request; the same placeholders.
  std::string body_template =
      "{title}\nTenant: {tenant}\nAsset: {asset}\nThreat: {threat}\nAlerts: {alert_count}\n"
      "Priority: {priority} ({priority_label})\nIncident: {incident}";

  /// The defaults with the members a JSON document gives replaced: {"correlation_window_hours",
  /// "reopen_policy", "reopen_within_days", "priority" (PriorityConfig JSON), "default_queue",
  /// "queue_by_tenant", "queue_by_priority" ({"1": "soc-p1"}), "title_template",
  /// "body_template"}. Unknown keys or placeholders, negative durations and priorities outside
  /// 1-5 are Error(INVALID_ARGUMENT); malformed JSON is Error(PARSE_ERROR).
  static AlertPipelineConfig from_json(std::string_view json);
  /// The whole configuration as JSON, in the format from_json() reads.
  std::string to_json() const;
};

/// What a ticket request asks the host to do.
enum class TicketAction : std::uint8_t {
  Create,  ///< open a ticket for a new incident
  Update,  ///< the incident got more alerts or a higher priority
  Reopen   ///< a resolved incident recurred
};

/// "create", "update", "reopen".
std::string_view to_string(TicketAction action) noexcept;

/// One request for the host's PSA.
struct TicketRequest {
  TicketAction action = TicketAction::Create;  ///< what to do
  std::int64_t incident_id = 0;                ///< the pipeline's incident
  std::string tenant;                          ///< tenant key (account id, else account name)
  std::string asset;                           ///< asset key (asset id, else host name; "" when none)
  std::string threat;                          ///< NormalizedAlert::threat
  std::string title;                           ///< from the title template
  std::string body;                            ///< from the body template
  int priority = 5;                            ///< ITIL priority (1-5) of the incident's highest-priority alert
  PsaPriority connectwise;                     ///< `priority` mapped by PriorityConfig::connectwise
  PsaPriority autotask;                        ///< `priority` mapped by PriorityConfig::autotask
  std::string priority_explanation;            ///< PriorityResult::explanation() of that alert
  std::string queue;                           ///< the PSA queue / board
  /// Stable per incident: "inc-" + the first 32 hex digits of SHA-256 of tenant, asset,
  /// threat and the incident's number for that key; the same for every request of it.
  std::string dedup_key;
  std::int64_t alert_count = 0;        ///< alerts of the incident in total
  std::vector<std::string> alert_ids;  ///< "source:source_id" of this batch's alerts that gave the request
};

/// A record of a batch that did not go through.
struct PipelineError {
  std::size_t index = 0;            ///< position in the batch
  ErrorCode code = ErrorCode::OK;   ///< the error's code
  std::string message;              ///< "record 3: ..."
};

/// What a batch gave.
struct IngestResult {
  std::vector<TicketRequest> requests;  ///< at most one per incident, in order of first touch
  std::vector<PipelineError> errors;    ///< one per bad record, in batch order
  std::size_t new_alerts = 0;           ///< alerts seen for the first time
  std::size_t updated_alerts = 0;       ///< known alerts whose payload changed
  std::size_t unchanged_alerts = 0;     ///< known alerts delivered again unchanged
};

/// An incident as stored.
struct Incident {
  std::int64_t id = 0;          ///< incident id
  std::string tenant;           ///< tenant key
  std::string asset;            ///< asset key
  std::string threat;           ///< threat key
  std::string dedup_key;        ///< see TicketRequest::dedup_key
  bool open = true;             ///< false once resolved (until reopened)
  int priority = 5;             ///< ITIL priority of its highest-priority alert
  std::int64_t alert_count = 0;  ///< alerts correlated into it
  Instant first_seen{};         ///< first alert's first_seen
  Instant last_seen{};          ///< latest first_seen / last_seen of its alerts
  std::optional<Instant> resolved_at;  ///< when it was last resolved
};

/// The dedup and correlation state in one SQLite file (WAL). One object per thread; several
/// processes may share a file (writes are serialised by SQLite's lock).
class AlertPipeline {
 public:
  /// Opens or creates the state at `path`. Error(STORAGE_ERROR) when the file cannot be
  /// opened or belongs to something else.
  explicit AlertPipeline(const std::string& path, AlertPipelineConfig config = {});
  ~AlertPipeline();
  AlertPipeline(AlertPipeline&&) noexcept;
  AlertPipeline& operator=(AlertPipeline&&) noexcept;
  AlertPipeline(const AlertPipeline&) = delete;
  AlertPipeline& operator=(const AlertPipeline&) = delete;

  /// Normalises, dedups and correlates a batch and commits it in one transaction. A bad
  /// record (malformed JSON, missing id, unknown source, no tenant, ...) gets its error in
  /// the result and the others still go through. `now` stamps the rows. Throws only
  /// Error(STORAGE_ERROR), and then nothing of the batch is stored.
  IngestResult ingest(std::span<const AlertRecord> items, Instant now);

  /// Called with a batch's result once it is decided, before it is committed.
  using Decided = std::function<void(const IngestResult&)>;

  /// ingest(), handing the result to `decided` as soon as it is known: for a large batch on a
  /// second thread while this one writes the rows, so that a host converts the requests
  /// while SQLite works. The batch commits only after `decided` returns; when it throws,
  /// nothing is stored and ingest() rethrows its exception. What `decided` saw is final only
  /// once ingest() returns: the writes or the commit may still fail (Error(STORAGE_ERROR)).
  IngestResult ingest(std::span<const AlertRecord> items, Instant now, const Decided& decided);

  /// Marks an incident resolved at `at`. Error(NOT_FOUND) for an id that is unknown or
  /// outside `scope` (the same message), Error(INVALID_STATE) when it is already resolved.
  void resolve_incident(const TenantScope& scope, std::int64_t incident_id, Instant at);

  /// The incidents of a tenant, by id.
  std::vector<Incident> incidents(std::string_view tenant) const;
  /// One incident; Error(NOT_FOUND) for an id that is unknown or outside `scope` (the same
  /// message).
  Incident incident(const TenantScope& scope, std::int64_t incident_id) const;
  /// Alerts stored (distinct (source, source_id)) whose incidents lie inside `scope`.
  std::int64_t alert_count(const TenantScope& scope) const;
  /// The configuration in use.
  const AlertPipelineConfig& config() const noexcept;
  /// The schema version this build writes (PRAGMA user_version).
  static int schema_version() noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace mspcore
