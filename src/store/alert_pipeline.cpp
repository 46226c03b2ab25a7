// Dedup and correlation of alerts into ticket requests on SQLite
// (docs/security-alert-pipeline.md). A batch is one transaction; incidents a batch touches are
// kept in memory until its end and written once each.
#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>

#include "core/json_util.hpp"
#include "core/made_ahead.hpp"
#include "core/parallel.hpp"
#include "core/sha256.hpp"
#include "security/alert_detail.hpp"
#include "store/sqlite_db.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

using json_util::json;

// Version 1; a later version appends a migration and never edits this one. Instants are Unix
// seconds. events is an append-only log of what the pipeline asked for.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL CHECK (tenant <> ''),
  asset TEXT NOT NULL,
  threat TEXT NOT NULL CHECK (threat <> ''),
  ordinal INTEGER NOT NULL CHECK (ordinal >= 1),
  dedup_key TEXT NOT NULL,  -- unique: derived from the unique (tenant, asset, threat, ordinal)
  open INTEGER NOT NULL CHECK (open IN (0, 1)),
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
  priority_explanation TEXT NOT NULL,
  alert_count INTEGER NOT NULL CHECK (alert_count >= 1),
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  resolved_at INTEGER,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (tenant, asset, threat, ordinal)
);
CREATE TABLE alerts (
  source TEXT NOT NULL,
  source_id TEXT NOT NULL CHECK (source_id <> ''),
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  fingerprint INTEGER NOT NULL,
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
  PRIMARY KEY (source, source_id)
) WITHOUT ROWID;
CREATE TABLE events (
  sequence INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'reopen', 'resolve')),
  priority INTEGER NOT NULL,
  alerts INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'append-only: events cannot be updated'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'append-only: events cannot be deleted'); END;
)sql";

constexpr std::array<const char*, 1> kMigrations{kSchemaV1};
constexpr store::Schema kSchema{"alert pipeline state", 0x4d535041 /* "MSPA" */, kMigrations};

constexpr const char* kIncidentColumns =
    "SELECT id, tenant, asset, threat, ordinal, dedup_key, open, priority, priority_explanation, alert_count, "
    "first_seen, last_seen, resolved_at, title FROM incidents ";

constexpr std::array<std::string_view, 9> kPlaceholders{"tenant", "asset",       "threat",   "title", "priority",
                                                        "priority_label", "alert_count", "incident", "action"};

// 64-bit FNV-1a: the fingerprint of a payload (an alert delivered again byte for byte is "unchanged").
std::int64_t fingerprint(std::string_view source, std::string_view payload) {
  std::uint64_t h = 14695981039346656037ULL;
  auto mix = [&](std::string_view s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
  };
  mix(source);
  mix(std::string_view("\x1f", 1));
  mix(payload);
  return static_cast<std::int64_t>(h);
}

// Replaces {name} by values(name); an unknown name is Error(INVALID_ARGUMENT).
template <class Lookup>
std::string render(const std::string& tmpl, const char* what, Lookup&& values) {
  std::string out;
  out.reserve(tmpl.size() + 64);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find('{', i);
    if (open == std::string::npos) {
      out.append(tmpl, i, std::string::npos);
      break;
    }
    out.append(tmpl, i, open - i);
    const std::size_t close = tmpl.find('}', open);
    if (close == std::string::npos) {
      throw Error(ErrorCode::INVALID_ARGUMENT, std::string(what) + ": '{' without '}'");
    }
    const std::string_view name(tmpl.data() + open + 1, close - open - 1);
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end()) {
      std::string list;
      for (std::string_view k : kPlaceholders) list += (list.empty() ? "" : ", ") + std::string(k);
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  std::string(what) + ": unknown placeholder " + quoted(name) + " (known: " + list + ")");
    }
    out += values(name);
    i = close + 1;
  }
  return out;
}

// A template split once into literal text and placeholders (indexes into kPlaceholders), so a
// request is rendered without searching the template again.
struct Template {
  struct Part {
    std::string text;  // literal text before the placeholder
    int placeholder;   // index into kPlaceholders, -1 after the last one
  };
  std::vector<Part> parts;

  Template() = default;
  Template(const std::string& tmpl, const char* what) {
    render(tmpl, what, [](std::string_view) { return std::string(); });  // validates it
    std::size_t i = 0;
    for (;;) {
      const std::size_t open = tmpl.find('{', i);
      if (open == std::string::npos) break;
      const std::size_t close = tmpl.find('}', open);
      const std::string_view name(tmpl.data() + open + 1, close - open - 1);
      const auto at = std::find(kPlaceholders.begin(), kPlaceholders.end(), name);
      parts.push_back({tmpl.substr(i, open - i), static_cast<int>(at - kPlaceholders.begin())});
      i = close + 1;
    }
    parts.push_back({tmpl.substr(std::min(i, tmpl.size())), -1});
  }

  // `value(index, out)` appends the value of placeholder `index` to `out`.
  template <class Value>
  std::string render_with(Value&& value) const {
    std::string out;
    for (const Part& p : parts) {
      out += p.text;
      if (p.placeholder >= 0) value(p.placeholder, out);
    }
    return out;
  }
};

void check_config(const AlertPipelineConfig& c) {
  if (c.correlation_window.count() < 0) throw Error(ErrorCode::INVALID_ARGUMENT, "correlation_window must not be negative");
  if (c.reopen_within.count() < 0) throw Error(ErrorCode::INVALID_ARGUMENT, "reopen_within must not be negative");
  for (const auto& [p, q] : c.queue_by_priority) {
    if (p < 1 || p > 5) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "queue_by_priority: priority " + std::to_string(p) + " is not 1-5");
    }
  }
  auto any = [](std::string_view) { return std::string(); };
  render(c.title_template, "title_template", any);
  render(c.body_template, "body_template", any);
}

ReopenPolicy parse_policy(const std::string& s) {
  if (s == "reopen") return ReopenPolicy::Reopen;
  if (s == "new_incident") return ReopenPolicy::NewIncident;
  throw Error(ErrorCode::INVALID_ARGUMENT, "reopen_policy: unknown value " + quoted(s) + " (known: reopen, new_incident)");
}

std::int64_t number(const json& v, const std::string& where) {
  if (!v.is_number_integer()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an integer, got " + v.dump());
  }
  return v.get<std::int64_t>();
}

std::map<std::string, std::string> string_map(const json& v, const std::string& where) {
  if (!v.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object");
  std::map<std::string, std::string> out;
  for (const auto& item : v.items()) out[item.key()] = json_util::require_string(item.value(), where + "." + item.key());
  return out;
}

// The incident a batch is working on.
struct Work {
  Incident inc;
  std::int64_t ordinal = 1;
  std::string explanation;
  std::string title;
  bool created = false;
  bool reopened = false;
  bool grew = false;
  bool raised = false;
  bool dirty = false;
  std::vector<std::string> alert_ids;
};

std::string key_of(std::string_view tenant, std::string_view asset, std::string_view threat) {
  std::string k;
  k.reserve(tenant.size() + asset.size() + threat.size() + 2);
  k.append(tenant).push_back('\x1f');
  k.append(asset).push_back('\x1f');
  k.append(threat);
  return k;
}

// "inc-" + the first 32 hex digits of SHA-256(key, U+001F, ordinal): TicketRequest::dedup_key,
// made without the intermediate strings (one is made for every new incident).
std::string dedup_key(std::string_view key, std::int64_t ordinal) {
  Sha256 h;
  h.update(key);
  h.update("\x1f");
  h.update(std::to_string(ordinal));
  return "inc-" + h.hex(16);
}

// Binds text without copying it: `value` must outlive the statement's next step.
void bind_view(SQLite::Statement& q, int index, const std::string& value) { q.bindNoCopy(index, value); }

// to_string(action) as strings that live as long as the program, for bind_view().
const std::string& action_name(TicketAction action) {
  static const std::array<std::string, 3> kNames{std::string(to_string(TicketAction::Create)),
                                                 std::string(to_string(TicketAction::Update)),
                                                 std::string(to_string(TicketAction::Reopen))};
  return kNames[static_cast<std::size_t>(action)];
}

// to_string(source) as strings that live as long as the program, for bind_view().
const std::string& source_name(AlertSource source) {
  static const std::array<std::string, 4> kNames{std::string(to_string(AlertSource::SentinelOne)),
                                                 std::string(to_string(AlertSource::SentinelOneUam)),
                                                 std::string(to_string(AlertSource::RocketCyber)),
                                                 std::string(to_string(AlertSource::BarracudaXdr))};
  return kNames[static_cast<std::size_t>(source)];
}

// What the file says of a stored alert.
struct KnownAlert {
  std::int64_t incident_id = 0;
  std::int64_t fingerprint = 0;
};

// "source:source_id": how requests name an alert, and its key in KeyIndex.
std::string alert_id(AlertSource source, std::string_view source_id) {
  const std::string& name = source_name(source);
  std::string id;
  id.reserve(name.size() + 1 + source_id.size());
  id.append(name).push_back(':');
  id.append(source_id);
  return id;
}

// The two lookups a batch makes for every alert (is its alert key stored? which incident is
// the latest of its correlation key?) answered from memory instead of by an indexed SELECT
// each. Held by the pipeline, it is a copy of what the file holds: loaded inside a batch's
// transaction, changed with every row the batch writes, and dropped whenever the file may
// hold something else: after a batch that rolled back, and when another connection committed
// (PRAGMA data_version). Without it, a batch keeps its own writes in one and asks SQLite for
// the rest.
struct KeyIndex {
  std::unordered_map<std::string, KnownAlert> alerts;     // alert_id() -> the stored alert
  std::unordered_map<std::string, std::int64_t> latest;   // key_of() -> the latest incident's id
};

// The index is held only while the stored incidents number at most this many times the
// records of the batch. Loading reads every stored key once, which costs less than the two
// SELECTs per record it saves only when the batch is not much smaller than the state; and
// the memory held stays in proportion to the batches, not to the history in the file.
constexpr std::int64_t kIndexStatePerRecord = 4;

// An alert row a batch writes at its end: a new alert, or a known one whose payload changed.
struct AlertWrite {
  AlertSource source = AlertSource::SentinelOne;
  std::string source_id;
  std::int64_t incident_id = 0;
  std::int64_t fingerprint = 0;
  int priority = 5;
};

// An events row a batch writes at its end.
struct EventWrite {
  std::int64_t incident_id = 0;
  TicketAction action = TicketAction::Create;
  int priority = 5;
  std::int64_t alerts = 0;
};

// Rows of one table written by statements of kRows rows each, and the rest one by one:
// SQLite's work per statement (cursors, halting) is then shared by many rows. The statements
// say INSERT OR ROLLBACK: a row that breaks a constraint ends the whole transaction, as any
// error ends the batch anyway, so SQLite keeps no statement journal to undo one statement
// alone (it would copy every page a statement changes, several hundred MiB for a large batch).
class BulkInsert {
 public:
  static constexpr std::size_t kRows = 64;

  // `head`: "INSERT OR ROLLBACK INTO t (a, b) VALUES "; a row has `columns` values.
  BulkInsert(SQLite::Database& db, const std::string& head, int columns)
      : columns_(columns), many_(db, head + tuples(columns, kRows)), one_(db, head + tuples(columns, 1)) {}

  // After a failed statement: see Impl::reset_statements().
  void reset() noexcept {
    many_.tryReset();
    one_.tryReset();
  }

  // `bind(statement, first, row)` binds the values of `row` to parameters first, first + 1, ...
  template <class Rows, class Bind>
  void run(const Rows& rows, Bind&& bind) {
    std::size_t i = 0;
    for (; i + kRows <= rows.size(); i += kRows) {
      many_.reset();
      for (std::size_t r = 0; r < kRows; ++r) bind(many_, static_cast<int>(r) * columns_ + 1, rows[i + r]);
      many_.exec();
    }
    for (; i < rows.size(); ++i) {
      one_.reset();
      bind(one_, 1, rows[i]);
      one_.exec();
    }
  }

 private:
  static std::string tuples(int columns, std::size_t rows) {
    std::string row = "(?";
    for (int c = 1; c < columns; ++c) row += ", ?";
    row += ')';
    std::string out = row;
    for (std::size_t r = 1; r < rows; ++r) out += ", " + row;
    return out;
  }

  int columns_;
  SQLite::Statement many_;
  SQLite::Statement one_;
};

// The first record of a batch with a given payload fingerprint, so that a byte-for-byte
// re-delivery later in the batch is recognised without normalising it again.
struct FirstRecord {
  std::size_t index = 0;
  bool failed = false;
  AlertSource source = AlertSource::SentinelOne;  // when it normalised
  std::string source_id;
  ErrorCode code = ErrorCode::OK;  // when it failed: what normalize_alert() said
  std::string error;
};

// What a record gives on its own, before the batch's state is consulted: worked out ahead of
// the loop (detail::MadeAhead), which then only decides. The normalised alert is dropped on
// the thread that made it; these are the parts the loop reads.
struct Prepared {
  AlertSource source = AlertSource::SentinelOne;
  std::string source_id;
  std::string alert_id;      // alert_id(source, source_id)
  std::string tenant;        // the account id, else the account name; never empty
  std::string asset;         // the asset id, else its name, else ""
  std::string threat;
  std::string incident_key;  // key_of(tenant, asset, threat)
  std::string title;         // the alert's title, else its threat
  Instant first_seen{};
  Instant last_seen{};
  int priority = 5;          // prioritize_alert()'s priority and explanation, or what it threw
  std::string explanation;
  std::exception_ptr priority_failure;
};

// Throws Error for a record that cannot be normalised or names no tenant.
Prepared prepare(const AlertRecord& item, const PriorityConfig& config) {
  NormalizedAlert a = normalize_alert(item.source, item.payload);
  Prepared p;
  p.tenant = a.tenant.account_id ? *a.tenant.account_id : a.tenant.account_name ? *a.tenant.account_name : "";
  if (p.tenant.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(to_string(a.source)) + " alert " +
                                                 quoted(std::string_view(a.source_id)) +
                                                 ": no tenant (account id or account name)");
  }
  // Not an error of the record: the loop rethrows it where it needs the priority.
  try {
    const PriorityResult r = prioritize_alert(a, PriorityContext{}, config);
    p.priority = r.priority;
    p.explanation = r.explanation();
  } catch (...) {
    p.priority_failure = std::current_exception();
  }
  p.source = a.source;
  p.alert_id = alert_id(a.source, a.source_id);
  p.source_id = std::move(a.source_id);
  p.asset = a.asset.id ? std::move(*a.asset.id) : a.asset.name ? std::move(*a.asset.name) : "";
  p.incident_key = key_of(p.tenant, p.asset, a.threat);
  p.title = a.title.empty() ? a.threat : std::move(a.title);
  p.threat = std::move(a.threat);
  p.first_seen = a.first_seen;
  p.last_seen = a.last_seen;
  return p;
}

// The state file, opened as every store is, except that this connection does not have SQLite
// check foreign keys: that check, a lookup per row, was a quarter of a large batch's writes,
// and every row the pipeline writes names an incident the same transaction read or wrote
// before it (the tests run PRAGMA foreign_key_check after their batches).
SQLite::Database open_state(const std::string& path) {
  SQLite::Database db = store::open_database(path, kSchema);
  db.exec("PRAGMA foreign_keys = OFF");
  return db;
}

// Batches smaller than this run on the calling thread alone.
constexpr std::size_t kParallelRecords = 2048;

// The fingerprint of every record, on all cores for a large batch.
std::vector<std::int64_t> fingerprints_of(std::span<const AlertRecord> items, bool parallel) {
  const std::size_t parts = parallel ? detail::parts_for(items.size(), kParallelRecords / 2) : 1;
  std::vector<std::int64_t> out(items.size());
  detail::run_parts(parts, [&](std::size_t k) {
    for (std::size_t i = items.size() * k / parts; i < items.size() * (k + 1) / parts; ++i) {
      out[i] = fingerprint(items[i].source, items[i].payload);
    }
  });
  return out;
}

}  // namespace

std::string_view to_string(ReopenPolicy policy) noexcept {
  return policy == ReopenPolicy::Reopen ? "reopen" : "new_incident";
}

std::string_view to_string(TicketAction action) noexcept {
  switch (action) {
    case TicketAction::Create: return "create";
    case TicketAction::Update: return "update";
    case TicketAction::Reopen: return "reopen";
  }
  return "create";
}

AlertPipelineConfig AlertPipelineConfig::from_json(std::string_view text) {
  const json doc = json_util::parse(text, "alert pipeline config");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "alert pipeline config: expected an object");
  json_util::reject_unknown_keys(doc, "alert pipeline config",
                                 {"correlation_window_hours", "reopen_policy", "reopen_within_days", "priority",
                                  "default_queue", "queue_by_tenant", "queue_by_priority", "title_template",
                                  "body_template"});
  AlertPipelineConfig c;
  if (doc.contains("correlation_window_hours")) {
    c.correlation_window = std::chrono::hours{number(doc["correlation_window_hours"], "correlation_window_hours")};
  }
  if (doc.contains("reopen_policy")) c.reopen_policy = parse_policy(json_util::require_string(doc["reopen_policy"], "reopen_policy"));
  if (doc.contains("reopen_within_days")) {
    c.reopen_within = std::chrono::hours{24 * number(doc["reopen_within_days"], "reopen_within_days")};
  }
  if (doc.contains("priority")) {
    c.priority = json_util::in_context("priority", [&] { return PriorityConfig::from_json(doc["priority"].dump()); });
  }
  if (doc.contains("default_queue")) c.default_queue = json_util::require_string(doc["default_queue"], "default_queue");
  if (doc.contains("queue_by_tenant")) c.queue_by_tenant = string_map(doc["queue_by_tenant"], "queue_by_tenant");
  if (doc.contains("queue_by_priority")) {
    for (const auto& [k, q] : string_map(doc["queue_by_priority"], "queue_by_priority")) {
      if (k.size() != 1 || k[0] < '1' || k[0] > '5') {
        throw Error(ErrorCode::INVALID_ARGUMENT, "queue_by_priority: key " + quoted(k) + " is not a priority 1-5");
      }
      c.queue_by_priority[k[0] - '0'] = q;
    }
  }
  if (doc.contains("title_template")) c.title_template = json_util::require_string(doc["title_template"], "title_template");
  if (doc.contains("body_template")) c.body_template = json_util::require_string(doc["body_template"], "body_template");
  check_config(c);
  return c;
}

std::string AlertPipelineConfig::to_json() const {
  json doc = json::object();
  doc["correlation_window_hours"] = std::chrono::duration_cast<std::chrono::hours>(correlation_window).count();
  doc["reopen_policy"] = std::string(to_string(reopen_policy));
  doc["reopen_within_days"] = std::chrono::duration_cast<std::chrono::hours>(reopen_within).count() / 24;
  doc["priority"] = json::parse(priority.to_json());
  doc["default_queue"] = default_queue;
  doc["queue_by_tenant"] = queue_by_tenant;
  json by_priority = json::object();
  for (const auto& [p, q] : queue_by_priority) by_priority[std::to_string(p)] = q;
  doc["queue_by_priority"] = by_priority;
  doc["title_template"] = title_template;
  doc["body_template"] = body_template;
  return doc.dump();
}

struct AlertPipeline::Impl {
  std::string path;
  AlertPipelineConfig config;
  SQLite::Database db;
  SQLite::Statement find_alert;
  SQLite::Statement update_alert;
  SQLite::Statement latest_by_key;
  SQLite::Statement incident_by_id;
  SQLite::Statement update_incident;
  SQLite::Statement insert_event;
  BulkInsert insert_alerts;
  BulkInsert insert_incidents;
  BulkInsert insert_events;
  Template title_template;
  Template body_template;
  std::optional<KeyIndex> key_index;  // see KeyIndex; empty when not loaded or dropped
  std::int64_t data_version = 0;      // PRAGMA data_version when the index was last checked

  Impl(const std::string& p, AlertPipelineConfig c)
      : path(p),
        config(std::move(c)),
        db(open_state(p)),
        find_alert(db, "SELECT incident_id, fingerprint FROM alerts WHERE source = ?1 AND source_id = ?2"),
        update_alert(db, "UPDATE alerts SET fingerprint = ?3, priority = ?4 WHERE source = ?1 AND source_id = ?2"),
        latest_by_key(db, "SELECT id FROM incidents WHERE tenant = ?1 AND asset = ?2 AND threat = ?3 "
                          "ORDER BY ordinal DESC LIMIT 1"),
        incident_by_id(db, std::string(kIncidentColumns) + "WHERE id = ?1"),
        update_incident(db,
                        "UPDATE incidents SET open = ?2, priority = ?3, priority_explanation = ?4, alert_count = ?5, "
                        "first_seen = ?6, last_seen = ?7, updated_at = ?8 WHERE id = ?1"),
        insert_event(db, "INSERT INTO events (incident_id, action, priority, alerts, at) VALUES (?1, ?2, ?3, ?4, ?5)"),
        insert_alerts(db, "INSERT OR ROLLBACK INTO alerts (source, source_id, incident_id, fingerprint, priority) VALUES ", 5),
        insert_incidents(db,
                         "INSERT OR ROLLBACK INTO incidents (id, tenant, asset, threat, ordinal, dedup_key, open, priority, "
                         "priority_explanation, alert_count, first_seen, last_seen, title, created_at, updated_at) VALUES ",
                         15),
        insert_events(db, "INSERT OR ROLLBACK INTO events (incident_id, action, priority, alerts, at) VALUES ", 5),
        title_template(config.title_template, "title_template"),
        body_template(config.body_template, "body_template") {}

  // After a batch failed: a statement whose step failed reports that error again at its next
  // reset(), which would fail the next batch too.
  void reset_statements() noexcept {
    for (SQLite::Statement* q : {&find_alert, &update_alert, &latest_by_key, &incident_by_id, &update_incident, &insert_event}) {
      q->tryReset();
    }
    insert_alerts.reset();
    insert_incidents.reset();
    insert_events.reset();
  }

  // The row the statement stands on.
  static Work read(SQLite::Statement& q) {
    Work w;
    w.inc.id = q.getColumn(0).getInt64();
    w.inc.tenant = q.getColumn(1).getString();
    w.inc.asset = q.getColumn(2).getString();
    w.inc.threat = q.getColumn(3).getString();
    w.ordinal = q.getColumn(4).getInt64();
    w.inc.dedup_key = q.getColumn(5).getString();
    w.inc.open = q.getColumn(6).getInt() != 0;
    w.inc.priority = q.getColumn(7).getInt();
    w.explanation = q.getColumn(8).getString();
    w.inc.alert_count = q.getColumn(9).getInt64();
    w.inc.first_seen = from_unix_seconds(q.getColumn(10).getInt64());
    w.inc.last_seen = from_unix_seconds(q.getColumn(11).getInt64());
    if (!q.getColumn(12).isNull()) w.inc.resolved_at = from_unix_seconds(q.getColumn(12).getInt64());
    w.title = q.getColumn(13).getString();
    return w;
  }

  // Drops the index when another connection committed since it was checked, or when the
  // state has outgrown a batch of `records`; loads it when absent and the state is small
  // enough. Runs inside the batch's transaction, so what it reads is what the batch sees.
  // Returns the largest incident id stored (0: none).
  std::int64_t prepare_index(std::size_t records) {
    const std::int64_t version = db.execAndGet("PRAGMA data_version").getInt64();
    if (version != data_version) key_index.reset();
    data_version = version;
    const std::int64_t max_id = db.execAndGet("SELECT coalesce(max(id), 0) FROM incidents").getInt64();
    if (max_id > kIndexStatePerRecord * static_cast<std::int64_t>(records)) {
      key_index.reset();
      return max_id;
    }
    if (key_index) return max_id;
    KeyIndex k;
    SQLite::Statement alerts(db, "SELECT source, source_id, incident_id, fingerprint FROM alerts");
    while (alerts.executeStep()) {
      // A source this build does not know (written by a newer one) is never looked up here.
      const auto source = detail::alert::from_name<AlertSource>(alerts.getColumn(0).getText());
      if (!source) continue;
      k.alerts.emplace(alert_id(*source, alerts.getColumn(1).getString()),
                       KnownAlert{alerts.getColumn(2).getInt64(), alerts.getColumn(3).getInt64()});
    }
    // The row of max(ordinal) gives the other columns (SQLite's bare columns of min/max).
    SQLite::Statement latest(db, "SELECT tenant, asset, threat, id, max(ordinal) FROM incidents GROUP BY tenant, asset, threat");
    while (latest.executeStep()) {
      k.latest.emplace(key_of(latest.getColumn(0).getString(), latest.getColumn(1).getString(),
                              latest.getColumn(2).getString()),
                       latest.getColumn(3).getInt64());
    }
    key_index = std::move(k);
    return max_id;
  }

  // The stored alert of `key` (alert_id(source, source_id)): from `keys` (the index, or the
  // batch's own writes), else from the file when there is no index.
  std::optional<KnownAlert> find_alert_row(const KeyIndex& keys, const std::string& key, const std::string& source,
                                           const std::string& source_id) {
    if (const auto it = keys.alerts.find(key); it != keys.alerts.end()) return it->second;
    if (key_index) return std::nullopt;
    find_alert.reset();
    bind_view(find_alert, 1, source);
    bind_view(find_alert, 2, source_id);
    std::optional<KnownAlert> found;
    if (find_alert.executeStep()) found = KnownAlert{find_alert.getColumn(0).getInt64(), find_alert.getColumn(1).getInt64()};
    find_alert.reset();
    return found;
  }

  // The id of the latest incident of `key` (key_of(tenant, asset, threat)), looked up the same
  // way; an answer from the file is remembered in `keys`.
  std::optional<std::int64_t> latest_id(KeyIndex& keys, const std::string& key, const std::string& tenant,
                                        const std::string& asset, const std::string& threat) {
    if (const auto it = keys.latest.find(key); it != keys.latest.end()) return it->second;
    if (key_index) return std::nullopt;
    latest_by_key.reset();
    bind_view(latest_by_key, 1, tenant);
    bind_view(latest_by_key, 2, asset);
    bind_view(latest_by_key, 3, threat);
    std::optional<std::int64_t> id;
    if (latest_by_key.executeStep()) id = latest_by_key.getColumn(0).getInt64();
    latest_by_key.reset();
    if (id) keys.latest.emplace(key, *id);
    return id;
  }

  std::optional<Work> load_by_id(std::int64_t id) {
    incident_by_id.reset();
    incident_by_id.bind(1, id);
    std::optional<Work> w;
    if (incident_by_id.executeStep()) w = read(incident_by_id);
    incident_by_id.reset();
    return w;
  }

  // The incident `id` when it lies inside `scope` (the filter is in the query, so a row
  // outside it is never read).
  std::optional<Incident> scoped(const TenantScope& scope, std::int64_t id) {
    SQLite::Statement q(db, std::string(kIncidentColumns) + "WHERE id = ?1 AND (?2 IS NULL OR tenant = ?2)");
    q.bind(1, id);
    store::bind_scope(q, 2, scope);
    if (!q.executeStep()) return std::nullopt;
    return read(q).inc;
  }

  void event(std::int64_t incident_id, std::string_view action, int priority, std::int64_t alerts, Instant at) {
    insert_event.reset();
    insert_event.bind(1, incident_id);
    insert_event.bind(2, std::string(action));
    insert_event.bind(3, priority);
    insert_event.bind(4, alerts);
    insert_event.bind(5, unix_seconds(at));
    insert_event.exec();
  }

  const std::string& queue_for(const std::string& tenant, int priority) const {
    if (auto t = config.queue_by_tenant.find(tenant); t != config.queue_by_tenant.end()) return t->second;
    if (auto p = config.queue_by_priority.find(priority); p != config.queue_by_priority.end()) return p->second;
    return config.default_queue;
  }

  // The request for `w`. It copies the strings the batch's writes bind (they may be running
  // on another thread) and takes the alert ids, which they do not read.
  TicketRequest request(Work& w, TicketAction action) const {
    TicketRequest r;
    auto value = [&](int placeholder, std::string& out) {
      switch (placeholder) {
        case 0: out += w.inc.tenant; break;
        case 1: out += w.inc.asset.empty() ? std::string_view("(no asset)") : std::string_view(w.inc.asset); break;
        case 2: out += w.inc.threat; break;
        case 3: out += w.title; break;
        case 4: out += std::to_string(w.inc.priority); break;
        case 5: out += itil_priority_label(w.inc.priority); break;
        case 6: out += std::to_string(w.inc.alert_count); break;
        case 7: out += std::to_string(w.inc.id); break;
        default: out += to_string(action); break;
      }
    };
    r.title = title_template.render_with(value);
    r.body = body_template.render_with(value);
    r.action = action;
    r.incident_id = w.inc.id;
    r.priority = w.inc.priority;
    const auto idx = static_cast<std::size_t>(w.inc.priority - 1);
    r.connectwise = config.priority.connectwise[idx];
    r.autotask = config.priority.autotask[idx];
    r.queue = queue_for(w.inc.tenant, w.inc.priority);
    r.tenant = w.inc.tenant;
    r.asset = w.inc.asset;
    r.threat = w.inc.threat;
    r.priority_explanation = w.explanation;
    r.dedup_key = w.inc.dedup_key;
    r.alert_count = w.inc.alert_count;
    r.alert_ids = std::move(w.alert_ids);
    return r;
  }

  // The rows of a batch, parents first. An incident the batch created is written once, as it
  // ended up.
  void write(const std::vector<Work>& work, const std::vector<AlertWrite>& new_alerts,
             const std::vector<AlertWrite>& changed_alerts, const std::vector<EventWrite>& events, std::int64_t now_s) {
    std::vector<const Work*> created;
    for (const Work& w : work) {
      if (w.created) created.push_back(&w);
    }
    insert_incidents.run(created, [&](SQLite::Statement& q, int i, const Work* c) {
      const Work& w = *c;
      q.bind(i, w.inc.id);
      bind_view(q, i + 1, w.inc.tenant);
      bind_view(q, i + 2, w.inc.asset);
      bind_view(q, i + 3, w.inc.threat);
      q.bind(i + 4, w.ordinal);
      bind_view(q, i + 5, w.inc.dedup_key);
      q.bind(i + 6, 1);
      q.bind(i + 7, w.inc.priority);
      bind_view(q, i + 8, w.explanation);
      q.bind(i + 9, w.inc.alert_count);
      q.bind(i + 10, unix_seconds(w.inc.first_seen));
      q.bind(i + 11, unix_seconds(w.inc.last_seen));
      bind_view(q, i + 12, w.title);
      q.bind(i + 13, now_s);
      q.bind(i + 14, now_s);
    });
    for (const Work& w : work) {
      if (!w.dirty || w.created) continue;
      update_incident.reset();
      update_incident.bind(1, w.inc.id);
      update_incident.bind(2, w.inc.open ? 1 : 0);
      update_incident.bind(3, w.inc.priority);
      bind_view(update_incident, 4, w.explanation);
      update_incident.bind(5, w.inc.alert_count);
      update_incident.bind(6, unix_seconds(w.inc.first_seen));
      update_incident.bind(7, unix_seconds(w.inc.last_seen));
      update_incident.bind(8, now_s);
      update_incident.exec();
    }
    insert_alerts.run(new_alerts, [&](SQLite::Statement& q, int i, const AlertWrite& r) {
      bind_view(q, i, source_name(r.source));
      bind_view(q, i + 1, r.source_id);
      q.bind(i + 2, r.incident_id);
      q.bind(i + 3, r.fingerprint);
      q.bind(i + 4, r.priority);
    });
    for (const AlertWrite& r : changed_alerts) {
      update_alert.reset();
      bind_view(update_alert, 1, source_name(r.source));
      bind_view(update_alert, 2, r.source_id);
      update_alert.bind(3, r.fingerprint);
      update_alert.bind(4, r.priority);
      update_alert.exec();
    }
    insert_events.run(events, [&](SQLite::Statement& q, int i, const EventWrite& e) {
      q.bind(i, e.incident_id);
      bind_view(q, i + 1, action_name(e.action));
      q.bind(i + 2, e.priority);
      q.bind(i + 3, e.alerts);
      q.bind(i + 4, now_s);
    });
  }

  // One batch, inside its transaction. The batch reads as it goes and writes at its end:
  // what it decides is held in memory (`work`, `keys`, the rows below) until then, and
  // lookups see it there first.
  IngestResult ingest(std::span<const AlertRecord> items, Instant now, const AlertPipeline::Decided& decided) {
    IngestResult result;
    std::int64_t next_id = prepare_index(items.size()) + 1;  // what SQLite would give: max(id) + 1
    KeyIndex batch_keys;                                       // without the index: this batch's own keys
    KeyIndex& keys = key_index ? *key_index : batch_keys;
    std::vector<Work> work;                                    // in order of first touch
    std::unordered_map<std::int64_t, std::size_t> by_id;       // incident id -> `work`
    std::vector<AlertWrite> new_alerts;
    std::vector<AlertWrite> changed_alerts;                    // in batch order: the last one wins
    const std::int64_t now_s = unix_seconds(now);

    auto remember = [&](Work w) {
      const std::size_t i = work.size();
      by_id[w.inc.id] = i;
      work.push_back(std::move(w));
      return i;
    };
    // The incident in `work`, loaded from the file when the batch has not touched it yet;
    // `alert` (alert_id()) names the alert that led there in the error.
    auto touch = [&](std::int64_t incident_id, const std::string& alert) {
      if (const auto it = by_id.find(incident_id); it != by_id.end()) return it->second;
      auto loaded = load_by_id(incident_id);
      if (!loaded) {
        throw Error(ErrorCode::INTERNAL, "alert " + quoted(std::string_view(alert)) + " names a missing incident");
      }
      return remember(std::move(*loaded));
    };
    auto raise = [&](Work& w, const Prepared& p) {
      if (p.priority < w.inc.priority) {
        w.inc.priority = p.priority;
        w.explanation = p.explanation;
        w.raised = true;
        w.dirty = true;
      }
    };

    // The first record of each payload: only those are normalised (ahead of the loop, by a
    // second thread and the loop itself).
    const bool parallel = items.size() >= kParallelRecords;
    const std::vector<std::int64_t> fingerprints = fingerprints_of(items, parallel);
    std::unordered_map<std::int64_t, FirstRecord> first_by_fingerprint;
    first_by_fingerprint.reserve(items.size());
    std::vector<bool> firsts(items.size());
    for (std::size_t index = 0; index < items.size(); ++index) {
      const auto [first, fresh] = first_by_fingerprint.try_emplace(fingerprints[index]);
      if (fresh) first->second.index = index;
      firsts[index] = fresh;
    }
    std::optional<detail::MadeAhead<Prepared>> prepared;
    prepared.emplace(items.size(), std::move(firsts), [&](std::size_t i) { return prepare(items[i], config.priority); },
                     parallel);
    // Sized for a batch of new alerts, the common case, so the containers are not rehashed or
    // moved as they grow.
    work.reserve(items.size());
    new_alerts.reserve(items.size());
    result.requests.reserve(items.size());
    by_id.reserve(items.size());
    keys.alerts.reserve(keys.alerts.size() + items.size());
    keys.latest.reserve(keys.latest.size() + items.size());

    for (std::size_t index = 0; index < items.size(); ++index) {
      const AlertRecord& item = items[index];
      // The source's name is checked by normalize_alert(); a valid one is spelled the way
      // to_string() spells it, so this is the fingerprint stored for the alert.
      const std::int64_t fp = fingerprints[index];
      FirstRecord& first = first_by_fingerprint.find(fp)->second;
      const bool is_first = first.index == index;
      if (!is_first && items[first.index].source == item.source && items[first.index].payload == item.payload) {
        // The same bytes as an earlier record of this batch: the same outcome, without
        // normalising again. Only when a record in between changed the alert does it go
        // the whole way (as an update).
        if (first.failed) {
          result.errors.push_back({index, first.code, "record " + std::to_string(index) + ": " + first.error});
          continue;
        }
        const auto known =
            find_alert_row(keys, alert_id(first.source, first.source_id), source_name(first.source), first.source_id);
        if (known && known->fingerprint == fp) {
          ++result.unchanged_alerts;
          continue;
        }
      }
      Prepared p;
      try {
        p = is_first ? prepared->take(index) : prepare(item, config.priority);
      } catch (const Error& e) {
        if (is_first) {
          first.failed = true;
          first.code = e.code();
          first.error = e.what();
        }
        result.errors.push_back({index, e.code(), "record " + std::to_string(index) + ": " + e.what()});
        continue;
      }
      if (is_first) {
        first.source = p.source;
        first.source_id = p.source_id;
      }
      const auto known = find_alert_row(keys, p.alert_id, source_name(p.source), p.source_id);
      if (known && known->fingerprint == fp) {
        ++result.unchanged_alerts;
        continue;
      }
      if (p.priority_failure) std::rethrow_exception(p.priority_failure);
      if (known) {
        ++result.updated_alerts;
        keys.alerts[p.alert_id] = KnownAlert{known->incident_id, fp};
        Work& w = work[touch(known->incident_id, p.alert_id)];
        changed_alerts.push_back({p.source, std::move(p.source_id), known->incident_id, fp, p.priority});
        if (p.last_seen > w.inc.last_seen) {
          w.inc.last_seen = p.last_seen;
          w.dirty = true;
        }
        const int before = w.inc.priority;
        raise(w, p);
        if (w.inc.priority < before) w.alert_ids.push_back(std::move(p.alert_id));
        continue;
      }

      ++result.new_alerts;
      std::optional<std::size_t> wi;
      if (const auto id = latest_id(keys, p.incident_key, p.tenant, p.asset, p.threat)) wi = touch(*id, p.alert_id);
      bool join = false;
      if (wi) {
        Work& w = work[*wi];
        if (w.inc.open) {
          join = p.first_seen <= w.inc.last_seen + config.correlation_window &&
                 p.first_seen + config.correlation_window >= w.inc.first_seen;
        } else if (config.reopen_policy == ReopenPolicy::Reopen && w.inc.resolved_at &&
                   p.first_seen <= *w.inc.resolved_at + config.reopen_within) {
          w.inc.open = true;
          w.reopened = true;
          join = true;
        }
      }
      if (join) {
        Work& w = work[*wi];
        ++w.inc.alert_count;
        w.inc.first_seen = std::min(w.inc.first_seen, p.first_seen);
        w.inc.last_seen = std::max(w.inc.last_seen, p.last_seen);
        w.grew = true;
        w.dirty = true;
        raise(w, p);
        w.alert_ids.push_back(p.alert_id);
      } else {
        Work w;
        w.inc.id = next_id++;
        w.ordinal = wi ? work[*wi].ordinal + 1 : 1;
        w.inc.dedup_key = dedup_key(p.incident_key, w.ordinal);
        w.inc.open = true;
        w.inc.priority = p.priority;
        w.explanation = std::move(p.explanation);
        w.inc.alert_count = 1;
        w.inc.first_seen = p.first_seen;
        w.inc.last_seen = p.last_seen;
        w.title = std::move(p.title);
        w.created = true;
        w.alert_ids.push_back(p.alert_id);
        keys.latest[std::move(p.incident_key)] = w.inc.id;
        w.inc.tenant = std::move(p.tenant);
        w.inc.asset = std::move(p.asset);
        w.inc.threat = std::move(p.threat);
        wi = remember(std::move(w));
      }
      const std::int64_t incident_id = work[*wi].inc.id;
      keys.alerts.emplace(std::move(p.alert_id), KnownAlert{incident_id, fp});
      new_alerts.push_back({p.source, std::move(p.source_id), incident_id, fp, p.priority});
    }

    prepared.reset();  // its helper thread has no more to do

    // A request and an event for every incident the batch created, reopened, grew or raised.
    std::vector<EventWrite> events;
    std::vector<std::size_t> asked;  // their `work` indexes
    for (std::size_t i = 0; i < work.size(); ++i) {
      const Work& w = work[i];
      std::optional<TicketAction> action;
      if (w.created) action = TicketAction::Create;
      else if (w.reopened) action = TicketAction::Reopen;
      else if ((w.grew || w.raised) && w.inc.open) action = TicketAction::Update;
      if (!action) continue;
      events.push_back({w.inc.id, *action, w.inc.priority, static_cast<std::int64_t>(w.alert_ids.size())});
      asked.push_back(i);
    }
    // The rows are written while the requests are made and handed to `decided`, on two
    // threads for a large batch; the batch commits once both are done.
    auto hand_over = [&] {
      result.requests.reserve(asked.size());
      for (std::size_t k = 0; k < asked.size(); ++k) result.requests.push_back(request(work[asked[k]], events[k].action));
      if (decided) decided(result);
    };
    if (parallel) {
      detail::run_parts(2, [&](std::size_t part) {
        if (part == 0) write(work, new_alerts, changed_alerts, events, now_s);
        else hand_over();
      });
    } else {
      write(work, new_alerts, changed_alerts, events, now_s);
      hand_over();
    }
    return result;
  }
};

AlertPipeline::AlertPipeline(const std::string& path, AlertPipelineConfig config) {
  check_config(config);
  impl_ = store::guard(path, [&] { return std::make_unique<Impl>(path, std::move(config)); });
}

AlertPipeline::~AlertPipeline() = default;
AlertPipeline::AlertPipeline(AlertPipeline&&) noexcept = default;
AlertPipeline& AlertPipeline::operator=(AlertPipeline&&) noexcept = default;

IngestResult AlertPipeline::ingest(std::span<const AlertRecord> items, Instant now) { return ingest(items, now, {}); }

IngestResult AlertPipeline::ingest(std::span<const AlertRecord> items, Instant now, const Decided& decided) {
  check_instant_range(now, "now");
  try {
    return store::write_transaction(impl_->db, impl_->path, [&] { return impl_->ingest(items, now, decided); });
  } catch (...) {
    impl_->key_index.reset();  // it may hold rows of the batch that was just rolled back
    impl_->reset_statements();
    throw;
  }
}

namespace {

// An id outside the scope reads exactly as an unknown one: the caller learns nothing of
// another tenant's incidents.
[[noreturn]] void incident_not_found(const TenantScope& scope, std::int64_t id) {
  throw Error(ErrorCode::NOT_FOUND, "incident " + std::to_string(id) + " does not exist in " + scope.to_string());
}

}  // namespace

void AlertPipeline::resolve_incident(const TenantScope& scope, std::int64_t incident_id, Instant at) {
  check_instant_range(at, "at");
  store::write_transaction(impl_->db, impl_->path, [&] {
    const auto inc = impl_->scoped(scope, incident_id);
    if (!inc) incident_not_found(scope, incident_id);
    if (!inc->open) {
      throw Error(ErrorCode::INVALID_STATE, "incident " + std::to_string(incident_id) + " is already resolved");
    }
    SQLite::Statement q(impl_->db, "UPDATE incidents SET open = 0, resolved_at = ?2, updated_at = ?2 WHERE id = ?1");
    q.bind(1, incident_id);
    q.bind(2, unix_seconds(at));
    q.exec();
    impl_->event(incident_id, "resolve", inc->priority, 0, at);
    return 0;
  });
}

std::vector<Incident> AlertPipeline::incidents(std::string_view tenant) const {
  return store::guard(impl_->path, [&] {
    SQLite::Statement q(impl_->db, std::string(kIncidentColumns) + "WHERE tenant = ?1 ORDER BY id");
    q.bind(1, std::string(tenant));
    std::vector<Incident> out;
    while (q.executeStep()) out.push_back(Impl::read(q).inc);
    return out;
  });
}

Incident AlertPipeline::incident(const TenantScope& scope, std::int64_t incident_id) const {
  return store::guard(impl_->path, [&] {
    auto inc = impl_->scoped(scope, incident_id);
    if (!inc) incident_not_found(scope, incident_id);
    return std::move(*inc);
  });
}

std::int64_t AlertPipeline::alert_count(const TenantScope& scope) const {
  return store::guard(impl_->path, [&] {
    // alerts has no tenant of its own: it is its incident's.
    SQLite::Statement q(impl_->db,
                        "SELECT count(*) FROM alerts JOIN incidents ON incidents.id = alerts.incident_id "
                        "WHERE ?1 IS NULL OR incidents.tenant = ?1");
    store::bind_scope(q, 1, scope);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

const AlertPipelineConfig& AlertPipeline::config() const noexcept { return impl_->config; }

int AlertPipeline::schema_version() noexcept { return kSchema.version(); }

}  // namespace v1
}  // namespace mspcore
