// The alert pipeline's state file: its schema, and the one place that knows how an incident
// row maps to a Work.
#include "store/alert_schema.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

namespace {

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

}  // namespace

const store::Schema& alert_schema() noexcept { return kSchema; }

SQLite::Database open_alert_state(const std::string& path) {
  SQLite::Database db = store::open_database(path, kSchema);
  db.exec("PRAGMA foreign_keys = OFF");
  return db;
}

Work read_incident(SQLite::Statement& q) {
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

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
