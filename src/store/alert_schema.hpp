// Private to the alert pipeline's store: the state file's schema and how its incident rows
// are read.
#pragma once

#include "security/alert_correlation.hpp"
#include "store/sqlite_db.hpp"

#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// The schema of the state file: its migrations, in order.
const store::Schema& alert_schema() noexcept;

/// The state file, opened as every store is, except that this connection does not have SQLite
/// check foreign keys: that check, a lookup per row, was a quarter of a large batch's writes,
/// and every row the pipeline writes names an incident the same transaction read or wrote
/// before it (the tests run PRAGMA foreign_key_check after their batches).
SQLite::Database open_alert_state(const std::string& path);

/// "SELECT <the columns read_incident() reads> FROM incidents ", for a WHERE clause to follow.
inline constexpr const char* kIncidentColumns =
    "SELECT id, tenant, asset, threat, ordinal, dedup_key, open, priority, priority_explanation, alert_count, "
    "first_seen, last_seen, resolved_at, title FROM incidents ";

/// The incident row the statement stands on.
Work read_incident(SQLite::Statement& q);

/// Binds text without copying it: `value` must outlive the statement's next step.
inline void bind_view(SQLite::Statement& q, int index, const std::string& value) { q.bindNoCopy(index, value); }

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
