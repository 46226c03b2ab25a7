// Private to the alert pipeline's store: the rows a batch writes at its end, and the events
// of an incident's history.
#pragma once

#include <mspcore/security/alert_pipeline.hpp>

#include "security/alert_correlation.hpp"
#include "store/sqlite_db.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// An alert row a batch writes at its end: a new alert, or a known one whose payload changed.
struct AlertWrite {
  AlertSource source = AlertSource::SentinelOne;
  std::string source_id;
  std::int64_t incident_id = 0;
  std::int64_t fingerprint = 0;
  int priority = 5;
};

/// An events row a batch writes at its end.
struct EventWrite {
  std::int64_t incident_id = 0;
  TicketAction action = TicketAction::Create;
  int priority = 5;
  std::int64_t alerts = 0;
};

/// Rows of one table written by statements of kRows rows each, and the rest one by one:
/// SQLite's work per statement (cursors, halting) is then shared by many rows. The statements
/// say INSERT OR ROLLBACK: a row that breaks a constraint ends the whole transaction, as any
/// error ends the batch anyway, so SQLite keeps no statement journal to undo one statement
/// alone (it would copy every page a statement changes, several hundred MiB for a large batch).
class BulkInsert {
 public:
  static constexpr std::size_t kRows = 64;

  /// `head`: "INSERT OR ROLLBACK INTO t (a, b) VALUES "; a row has `columns` values.
  BulkInsert(SQLite::Database& db, const std::string& head, int columns);

  /// After a failed statement: see AlertWriter::reset().
  void reset() noexcept;

  /// `bind(statement, first, row)` binds the values of `row` to parameters first, first + 1, ...
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
  int columns_;
  SQLite::Statement many_;
  SQLite::Statement one_;
};

/// The statements that write the pipeline's state.
class AlertWriter {
 public:
  explicit AlertWriter(SQLite::Database& db);

  /// After a batch failed: a statement whose step failed reports that error again at its next
  /// reset(), which would fail the next batch too.
  void reset() noexcept;

  /// The rows of a batch, parents first. An incident the batch created is written once, as it
  /// ended up; one it changed is updated.
  void write(const std::vector<Work>& work, const std::vector<AlertWrite>& new_alerts,
             const std::vector<AlertWrite>& changed_alerts, const std::vector<EventWrite>& events, std::int64_t now_s);

  /// One events row, written at once.
  void event(std::int64_t incident_id, std::string_view action, int priority, std::int64_t alerts, Instant at);

 private:
  SQLite::Statement update_alert_;
  SQLite::Statement update_incident_;
  SQLite::Statement insert_event_;
  BulkInsert insert_alerts_;
  BulkInsert insert_incidents_;
  BulkInsert insert_events_;
};

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
