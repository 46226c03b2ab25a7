// Dedup and correlation of alerts into ticket requests on SQLite
// (docs/security-alert-pipeline.md). A batch is one transaction; incidents a batch touches are
// kept in memory until its end and written once each.
#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>

#include "core/json_util.hpp"
#include "core/sha256.hpp"
#include "store/sqlite_db.hpp"

#include <algorithm>
#include <array>
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

// Binds text without copying it: `value` must outlive the statement's next step.
void bind_view(SQLite::Statement& q, int index, const std::string& value) { q.bindNoCopy(index, value); }

// to_string(source) as strings that live as long as the program, for bind_view().
const std::string& source_name(AlertSource source) {
  static const std::array<std::string, 4> kNames{std::string(to_string(AlertSource::SentinelOne)),
                                                 std::string(to_string(AlertSource::SentinelOneUam)),
                                                 std::string(to_string(AlertSource::RocketCyber)),
                                                 std::string(to_string(AlertSource::BarracudaXdr))};
  return kNames[static_cast<std::size_t>(source)];
}

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
  SQLite::Statement insert_alert;
  SQLite::Statement update_alert;
  SQLite::Statement incident_by_key;
  SQLite::Statement incident_by_id;
  SQLite::Statement insert_incident;
  SQLite::Statement update_incident;
  SQLite::Statement insert_event;
  Template title_template;
  Template body_template;

  Impl(const std::string& p, AlertPipelineConfig c)
      : path(p),
        config(std::move(c)),
        db(store::open_database(p, kSchema)),
        find_alert(db, "SELECT incident_id, fingerprint FROM alerts WHERE source = ?1 AND source_id = ?2"),
        insert_alert(db, "INSERT INTO alerts (source, source_id, incident_id, fingerprint, priority) VALUES (?1, ?2, ?3, ?4, ?5)"),
        update_alert(db, "UPDATE alerts SET fingerprint = ?3, priority = ?4 WHERE source = ?1 AND source_id = ?2"),
        incident_by_key(db, std::string(kIncidentColumns) +
                                "WHERE tenant = ?1 AND asset = ?2 AND threat = ?3 ORDER BY ordinal DESC LIMIT 1"),
        incident_by_id(db, std::string(kIncidentColumns) + "WHERE id = ?1"),
        insert_incident(db,
                        "INSERT INTO incidents (tenant, asset, threat, ordinal, dedup_key, open, priority, "
                        "priority_explanation, alert_count, first_seen, last_seen, title, created_at, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, 1, ?8, ?9, ?10, ?11, ?11)"),
        update_incident(db,
                        "UPDATE incidents SET open = ?2, priority = ?3, priority_explanation = ?4, alert_count = ?5, "
                        "first_seen = ?6, last_seen = ?7, updated_at = ?8 WHERE id = ?1"),
        insert_event(db, "INSERT INTO events (incident_id, action, priority, alerts, at) VALUES (?1, ?2, ?3, ?4, ?5)"),
        title_template(config.title_template, "title_template"),
        body_template(config.body_template, "body_template") {}

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

  std::optional<Work> load_by_key(const std::string& tenant, const std::string& asset, const std::string& threat) {
    incident_by_key.reset();
    incident_by_key.bind(1, tenant);
    incident_by_key.bind(2, asset);
    incident_by_key.bind(3, threat);
    std::optional<Work> w;
    if (incident_by_key.executeStep()) w = read(incident_by_key);
    incident_by_key.reset();
    return w;
  }

  std::optional<Work> load_by_id(std::int64_t id) {
    incident_by_id.reset();
    incident_by_id.bind(1, id);
    std::optional<Work> w;
    if (incident_by_id.executeStep()) w = read(incident_by_id);
    incident_by_id.reset();
    return w;
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

  // The request for `w`; takes its strings, `w` is not used afterwards.
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
    r.tenant = std::move(w.inc.tenant);
    r.asset = std::move(w.inc.asset);
    r.threat = std::move(w.inc.threat);
    r.priority_explanation = std::move(w.explanation);
    r.dedup_key = std::move(w.inc.dedup_key);
    r.alert_count = w.inc.alert_count;
    r.alert_ids = std::move(w.alert_ids);
    return r;
  }

  IngestResult ingest(std::span<const AlertRecord> items, Instant now) {
    IngestResult result;
    std::vector<Work> work;                                 // in order of first touch
    std::unordered_map<std::string, std::size_t> by_key;    // tenant/asset/threat -> latest incident in `work`
    std::unordered_map<std::int64_t, std::size_t> by_id;    // incident id -> `work`
    const std::int64_t now_s = unix_seconds(now);

    auto remember = [&](Work w) {
      const std::size_t i = work.size();
      by_id[w.inc.id] = i;
      work.push_back(std::move(w));
      return i;
    };
    auto raise = [&](Work& w, const PriorityResult& p) {
      if (p.priority < w.inc.priority) {
        w.inc.priority = p.priority;
        w.explanation = p.explanation();
        w.raised = true;
        w.dirty = true;
      }
    };

    // Known alert key -> (incident, stored fingerprint), if any.
    auto find = [&](const std::string& source, const std::string& source_id) {
      find_alert.reset();
      bind_view(find_alert, 1, source);
      bind_view(find_alert, 2, source_id);
      std::optional<std::pair<std::int64_t, std::int64_t>> found;
      if (find_alert.executeStep()) found.emplace(find_alert.getColumn(0).getInt64(), find_alert.getColumn(1).getInt64());
      find_alert.reset();
      return found;
    };
    std::unordered_map<std::int64_t, FirstRecord> first_by_fingerprint;
    first_by_fingerprint.reserve(items.size());

    for (std::size_t index = 0; index < items.size(); ++index) {
      const AlertRecord& item = items[index];
      // The source's name is checked by normalize_alert(); a valid one is spelled the way
      // to_string() spells it, so this is the fingerprint stored for the alert.
      const std::int64_t fp = fingerprint(item.source, item.payload);
      const auto [first, is_first] = first_by_fingerprint.try_emplace(fp);
      if (is_first) first->second.index = index;
      if (!is_first && items[first->second.index].source == item.source &&
          items[first->second.index].payload == item.payload) {
        // The same bytes as an earlier record of this batch: the same outcome, without
        // normalising again. Only when a record in between changed the alert does it go
        // the whole way (as an update).
        const FirstRecord& earlier = first->second;
        if (earlier.failed) {
          result.errors.push_back({index, earlier.code, "record " + std::to_string(index) + ": " + earlier.error});
          continue;
        }
        const auto known = find(source_name(earlier.source), earlier.source_id);
        if (known && known->second == fp) {
          ++result.unchanged_alerts;
          continue;
        }
      }
      FirstRecord* const record = is_first ? &first->second : nullptr;
      NormalizedAlert a;
      std::string tenant;
      try {
        a = normalize_alert(item.source, item.payload);
        tenant = a.tenant.account_id ? *a.tenant.account_id : a.tenant.account_name ? *a.tenant.account_name : "";
        if (tenant.empty()) {
          throw Error(ErrorCode::INVALID_ARGUMENT, std::string(to_string(a.source)) + " alert " + quoted(std::string_view(a.source_id)) +
                                                       ": no tenant (account id or account name)");
        }
      } catch (const Error& e) {
        if (record) {
          record->failed = true;
          record->code = e.code();
          record->error = e.what();
        }
        result.errors.push_back({index, e.code(), "record " + std::to_string(index) + ": " + e.what()});
        continue;
      }
      if (record) {
        record->source = a.source;
        record->source_id = a.source_id;
      }
      const std::string& source = source_name(a.source);
      const std::string asset = a.asset.id ? *a.asset.id : a.asset.name ? *a.asset.name : "";
      auto alert_id = [&] { return std::string(source) + ":" + a.source_id; };

      const auto known = find(source, a.source_id);
      if (known && known->second == fp) {
        ++result.unchanged_alerts;
        continue;
      }
      const PriorityResult prio = prioritize_alert(a, PriorityContext{}, config.priority);
      if (known) {
        const std::int64_t incident_id = known->first;
        ++result.updated_alerts;
        update_alert.reset();
        bind_view(update_alert, 1, source);
        bind_view(update_alert, 2, a.source_id);
        update_alert.bind(3, fp);
        update_alert.bind(4, prio.priority);
        update_alert.exec();
        std::size_t wi = 0;
        if (auto it = by_id.find(incident_id); it != by_id.end()) {
          wi = it->second;
        } else {
          auto loaded = load_by_id(incident_id);
          if (!loaded) throw Error(ErrorCode::INTERNAL, "alert " + quoted(std::string_view(alert_id())) + " names a missing incident");
          wi = remember(std::move(*loaded));
        }
        Work& w = work[wi];
        if (a.last_seen > w.inc.last_seen) {
          w.inc.last_seen = a.last_seen;
          w.dirty = true;
        }
        const int before = w.inc.priority;
        raise(w, prio);
        if (w.inc.priority < before) w.alert_ids.push_back(alert_id());
        continue;
      }

      ++result.new_alerts;
      const std::string key = key_of(tenant, asset, a.threat);
      std::optional<std::size_t> wi;
      if (auto it = by_key.find(key); it != by_key.end()) {
        wi = it->second;
      } else if (auto loaded = load_by_key(tenant, asset, a.threat)) {
        const auto id = loaded->inc.id;
        auto seen = by_id.find(id);
        wi = seen != by_id.end() ? seen->second : remember(std::move(*loaded));
        by_key[key] = *wi;
      }
      bool join = false;
      if (wi) {
        Work& w = work[*wi];
        if (w.inc.open) {
          join = a.first_seen <= w.inc.last_seen + config.correlation_window &&
                 a.first_seen + config.correlation_window >= w.inc.first_seen;
        } else if (config.reopen_policy == ReopenPolicy::Reopen && w.inc.resolved_at &&
                   a.first_seen <= *w.inc.resolved_at + config.reopen_within) {
          w.inc.open = true;
          w.reopened = true;
          join = true;
        }
      }
      if (join) {
        Work& w = work[*wi];
        ++w.inc.alert_count;
        w.inc.first_seen = std::min(w.inc.first_seen, a.first_seen);
        w.inc.last_seen = std::max(w.inc.last_seen, a.last_seen);
        w.grew = true;
        w.dirty = true;
        raise(w, prio);
        w.alert_ids.push_back(alert_id());
      } else {
        Work w;
        w.ordinal = wi ? work[*wi].ordinal + 1 : 1;
        w.inc.tenant = tenant;
        w.inc.asset = asset;
        w.inc.threat = a.threat;
        w.inc.dedup_key = "inc-" + sha256_hex(key + '\x1f' + std::to_string(w.ordinal)).substr(0, 32);
        w.inc.open = true;
        w.inc.priority = prio.priority;
        w.explanation = prio.explanation();
        w.inc.alert_count = 1;
        w.inc.first_seen = a.first_seen;
        w.inc.last_seen = a.last_seen;
        w.title = a.title.empty() ? a.threat : a.title;
        w.created = true;
        w.alert_ids.push_back(alert_id());
        insert_incident.reset();
        bind_view(insert_incident, 1, tenant);
        bind_view(insert_incident, 2, asset);
        bind_view(insert_incident, 3, a.threat);
        insert_incident.bind(4, w.ordinal);
        bind_view(insert_incident, 5, w.inc.dedup_key);
        insert_incident.bind(6, w.inc.priority);
        bind_view(insert_incident, 7, w.explanation);
        insert_incident.bind(8, unix_seconds(a.first_seen));
        insert_incident.bind(9, unix_seconds(a.last_seen));
        bind_view(insert_incident, 10, w.title);
        insert_incident.bind(11, now_s);
        insert_incident.exec();
        w.inc.id = db.getLastInsertRowid();
        wi = remember(std::move(w));
        by_key[key] = *wi;
      }
      insert_alert.reset();
      bind_view(insert_alert, 1, source);
      bind_view(insert_alert, 2, a.source_id);
      insert_alert.bind(3, work[*wi].inc.id);
      insert_alert.bind(4, fp);
      insert_alert.bind(5, prio.priority);
      insert_alert.exec();
    }

    for (Work& w : work) {
      // Incidents created in this batch are open; they are rewritten only when later alerts
      // of the batch joined them.
      const bool existing_changed = w.dirty && !w.created;
      if (existing_changed || (w.created && (w.grew || w.raised))) {
        update_incident.reset();
        update_incident.bind(1, w.inc.id);
        update_incident.bind(2, (w.created || w.inc.open) ? 1 : 0);
        update_incident.bind(3, w.inc.priority);
        bind_view(update_incident, 4, w.explanation);
        update_incident.bind(5, w.inc.alert_count);
        update_incident.bind(6, unix_seconds(w.inc.first_seen));
        update_incident.bind(7, unix_seconds(w.inc.last_seen));
        update_incident.bind(8, now_s);
        update_incident.exec();
      }
      std::optional<TicketAction> action;
      if (w.created) action = TicketAction::Create;
      else if (w.reopened) action = TicketAction::Reopen;
      else if ((w.grew || w.raised) && w.inc.open) action = TicketAction::Update;
      if (!action) continue;
      event(w.inc.id, to_string(*action), w.inc.priority, static_cast<std::int64_t>(w.alert_ids.size()), now);
      result.requests.push_back(request(w, *action));
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

IngestResult AlertPipeline::ingest(std::span<const AlertRecord> items, Instant now) {
  check_instant_range(now, "now");
  return store::write_transaction(impl_->db, impl_->path, [&] { return impl_->ingest(items, now); });
}

void AlertPipeline::resolve_incident(std::int64_t incident_id, Instant at) {
  check_instant_range(at, "at");
  store::write_transaction(impl_->db, impl_->path, [&] {
    auto w = impl_->load_by_id(incident_id);
    if (!w) throw Error(ErrorCode::NOT_FOUND, "incident " + std::to_string(incident_id) + " does not exist");
    if (!w->inc.open) {
      throw Error(ErrorCode::INVALID_STATE, "incident " + std::to_string(incident_id) + " is already resolved");
    }
    SQLite::Statement q(impl_->db, "UPDATE incidents SET open = 0, resolved_at = ?2, updated_at = ?2 WHERE id = ?1");
    q.bind(1, incident_id);
    q.bind(2, unix_seconds(at));
    q.exec();
    impl_->event(incident_id, "resolve", w->inc.priority, 0, at);
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

Incident AlertPipeline::incident(std::int64_t incident_id) const {
  return store::guard(impl_->path, [&] {
    auto w = impl_->load_by_id(incident_id);
    if (!w) throw Error(ErrorCode::NOT_FOUND, "incident " + std::to_string(incident_id) + " does not exist");
    return w->inc;
  });
}

std::int64_t AlertPipeline::alert_count() const {
  return store::guard(impl_->path, [&] { return impl_->db.execAndGet("SELECT count(*) FROM alerts").getInt64(); });
}

const AlertPipelineConfig& AlertPipeline::config() const noexcept { return impl_->config; }

int AlertPipeline::schema_version() noexcept { return kSchema.version(); }

}  // namespace v1
}  // namespace mspcore
