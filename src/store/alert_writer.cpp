// Writing the alert pipeline's state: a batch's rows at its end, many rows per statement.
#include "store/alert_writer.hpp"

#include "security/alert_keys.hpp"
#include "store/alert_schema.hpp"

#include <array>
#include <initializer_list>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

namespace {

// "(?, ?, ...)" for a row of `columns` values, `rows` times.
std::string tuples(int columns, std::size_t rows) {
  std::string row = "(?";
  for (int c = 1; c < columns; ++c) row += ", ?";
  row += ')';
  std::string out = row;
  for (std::size_t r = 1; r < rows; ++r) out += ", " + row;
  return out;
}

// to_string(action) as strings that live as long as the program, for bind_view().
const std::string& action_name(TicketAction action) {
  static const std::array<std::string, 3> kNames{std::string(to_string(TicketAction::Create)),
                                                 std::string(to_string(TicketAction::Update)),
                                                 std::string(to_string(TicketAction::Reopen))};
  return kNames[static_cast<std::size_t>(action)];
}

}  // namespace

BulkInsert::BulkInsert(SQLite::Database& db, const std::string& head, int columns)
    : columns_(columns), many_(db, head + tuples(columns, kRows)), one_(db, head + tuples(columns, 1)) {}

void BulkInsert::reset() noexcept {
  many_.tryReset();
  one_.tryReset();
}

AlertWriter::AlertWriter(SQLite::Database& db)
    : update_alert_(db, "UPDATE alerts SET fingerprint = ?3, priority = ?4 WHERE source = ?1 AND source_id = ?2"),
      update_incident_(db,
                       "UPDATE incidents SET open = ?2, priority = ?3, priority_explanation = ?4, alert_count = ?5, "
                       "first_seen = ?6, last_seen = ?7, updated_at = ?8 WHERE id = ?1"),
      insert_event_(db, "INSERT INTO events (incident_id, action, priority, alerts, at) VALUES (?1, ?2, ?3, ?4, ?5)"),
      insert_alerts_(db, "INSERT OR ROLLBACK INTO alerts (source, source_id, incident_id, fingerprint, priority) VALUES ", 5),
      insert_incidents_(db,
                        "INSERT OR ROLLBACK INTO incidents (id, tenant, asset, threat, ordinal, dedup_key, open, priority, "
                        "priority_explanation, alert_count, first_seen, last_seen, title, created_at, updated_at) VALUES ",
                        15),
      insert_events_(db, "INSERT OR ROLLBACK INTO events (incident_id, action, priority, alerts, at) VALUES ", 5) {}

void AlertWriter::reset() noexcept {
  for (SQLite::Statement* q : {&update_alert_, &update_incident_, &insert_event_}) q->tryReset();
  insert_alerts_.reset();
  insert_incidents_.reset();
  insert_events_.reset();
}

void AlertWriter::write(const std::vector<Work>& work, const std::vector<AlertWrite>& new_alerts,
           const std::vector<AlertWrite>& changed_alerts, const std::vector<EventWrite>& events, std::int64_t now_s) {
  std::vector<const Work*> created;
  for (const Work& w : work) {
    if (w.created) created.push_back(&w);
  }
  insert_incidents_.run(created, [&](SQLite::Statement& q, int i, const Work* c) {
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
    update_incident_.reset();
    update_incident_.bind(1, w.inc.id);
    update_incident_.bind(2, w.inc.open ? 1 : 0);
    update_incident_.bind(3, w.inc.priority);
    bind_view(update_incident_, 4, w.explanation);
    update_incident_.bind(5, w.inc.alert_count);
    update_incident_.bind(6, unix_seconds(w.inc.first_seen));
    update_incident_.bind(7, unix_seconds(w.inc.last_seen));
    update_incident_.bind(8, now_s);
    update_incident_.exec();
  }
  insert_alerts_.run(new_alerts, [&](SQLite::Statement& q, int i, const AlertWrite& r) {
    bind_view(q, i, source_name(r.source));
    bind_view(q, i + 1, r.source_id);
    q.bind(i + 2, r.incident_id);
    q.bind(i + 3, r.fingerprint);
    q.bind(i + 4, r.priority);
  });
  for (const AlertWrite& r : changed_alerts) {
    update_alert_.reset();
    bind_view(update_alert_, 1, source_name(r.source));
    bind_view(update_alert_, 2, r.source_id);
    update_alert_.bind(3, r.fingerprint);
    update_alert_.bind(4, r.priority);
    update_alert_.exec();
  }
  insert_events_.run(events, [&](SQLite::Statement& q, int i, const EventWrite& e) {
    q.bind(i, e.incident_id);
    bind_view(q, i + 1, action_name(e.action));
    q.bind(i + 2, e.priority);
    q.bind(i + 3, e.alerts);
    q.bind(i + 4, now_s);
  });
}

void AlertWriter::event(std::int64_t incident_id, std::string_view action, int priority, std::int64_t alerts, Instant at) {
  insert_event_.reset();
  insert_event_.bind(1, incident_id);
  insert_event_.bind(2, std::string(action));
  insert_event_.bind(3, priority);
  insert_event_.bind(4, alerts);
  insert_event_.bind(5, unix_seconds(at));
  insert_event_.exec();
}

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
