// The RMM store's reads: every one inside a TenantScope. A key outside the scope reads exactly
// as a key that does not exist (the same NOT_FOUND message), so a scoped caller learns nothing
// of another tenant's records.
#include <mspcore/core/error.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include "store/rmm_schema.hpp"
#include "store/rmm_store_impl.hpp"

#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {

namespace {

using detail::rmm_store::Table;
using detail::rmm_store::select_sql;

// All rows the statement gives, read as records.
template <class R>
std::vector<R> read_rows(SQLite::Statement& q) {
  std::vector<R> out;
  while (q.executeStep()) out.push_back(Table<R>::read(q));
  return out;
}

// The one row matching `where` (the key as ?2.., the scope as ?1), or NOT_FOUND `missing`.
template <class R, class Bind>
R read_one(SQLite::Database& db, const TenantScope& scope, const std::string& where, Bind bind_key,
           const std::string& missing) {
  SQLite::Statement q(db, select_sql<R>() + "WHERE (?1 IS NULL OR \"tenant\" = ?1) AND " + where);
  store::bind_scope(q, 1, scope);
  bind_key(q);
  if (!q.executeStep()) throw Error(ErrorCode::NOT_FOUND, missing + " not found in " + scope.to_string());
  return Table<R>::read(q);
}

template <class R>
std::vector<R> read_scoped(SQLite::Database& db, const TenantScope& scope) {
  SQLite::Statement q(db, select_sql<R>() + "WHERE (?1 IS NULL OR \"tenant\" = ?1) ORDER BY " + Table<R>::order);
  store::bind_scope(q, 1, scope);
  return read_rows<R>(q);
}

std::string key_text(const char* what, std::string_view source, std::string_view id) {
  return std::string(what) + " (source " + mspcore::quoted(source) + ", id " + mspcore::quoted(id) + ")";
}

template <class R>
R by_source_id(SQLite::Database& db, const TenantScope& scope, std::string_view source, std::string_view id) {
  return read_one<R>(
      db, scope, "\"source\" = ?2 AND \"id\" = ?3",
      [&](SQLite::Statement& q) {
        q.bind(2, std::string(source));
        q.bind(3, std::string(id));
      },
      key_text(Table<R>::what, source, id));
}

constexpr const char* kRunColumns =
    "SELECT id, file, vendor, started, finished, error, batches, inserted, updated, unchanged, issues "
    "FROM import_runs ";

ImportRun read_run(SQLite::Statement& q) {
  ImportRun r;
  r.id = q.getColumn(0).getInt64();
  r.file = q.getColumn(1).getString();
  r.vendor = q.getColumn(2).getString();
  r.started = from_unix_seconds(q.getColumn(3).getInt64());
  if (!q.getColumn(4).isNull()) r.finished = from_unix_seconds(q.getColumn(4).getInt64());
  r.error = q.getColumn(5).getString();
  const auto count = [&](int i) { return static_cast<std::size_t>(q.getColumn(i).getInt64()); };
  r.report = RmmImportReport{r.id, count(6), count(7), count(8), count(9), count(10)};
  return r;
}

[[noreturn]] void run_not_found(const TenantScope& scope, std::int64_t id) {
  throw Error(ErrorCode::NOT_FOUND, "import run " + std::to_string(id) + " not found in " + scope.to_string());
}

// A stored code that is no status name was written outside the library.
ErrorCode code_named(const std::string& name) {
#define MSP_STATUS(n, value, group, text) \
  if (name == #n) return ErrorCode::n;
#include <mspcore/status.def>
  throw Error(ErrorCode::STORAGE_ERROR, "import_issues.code: stored value " + mspcore::quoted(name) + " is no status name");
}

}  // namespace

std::vector<Device> RmmStore::devices(const TenantScope& scope) const {
  return impl_->read([&] { return read_scoped<Device>(impl_->db, scope); });
}

std::vector<BackupResult> RmmStore::backup_results(const TenantScope& scope, std::optional<Instant> since,
                                                   std::optional<Instant> until) const {
  return impl_->read([&] {
    SQLite::Statement q(impl_->db, select_sql<BackupResult>() +
                                       "WHERE (?1 IS NULL OR \"tenant\" = ?1) AND (?2 IS NULL OR \"at\" >= ?2) "
                                       "AND (?3 IS NULL OR \"at\" < ?3) ORDER BY " +
                                       Table<BackupResult>::order);
    store::bind_scope(q, 1, scope);
    const auto bound = [&](int i, const std::optional<Instant>& t) {
      if (t) {
        q.bind(i, unix_seconds(*t));
      } else {
        q.bind(i);
      }
    };
    bound(2, since);
    bound(3, until);
    return read_rows<BackupResult>(q);
  });
}

std::vector<PatchRecord> RmmStore::patches(const TenantScope& scope) const {
  return impl_->read([&] { return read_scoped<PatchRecord>(impl_->db, scope); });
}

std::vector<MonitoringEvent> RmmStore::events(const TenantScope& scope) const {
  return impl_->read([&] { return read_scoped<MonitoringEvent>(impl_->db, scope); });
}

Device RmmStore::device(const TenantScope& scope, std::string_view source, std::string_view id) const {
  return impl_->read([&] { return by_source_id<Device>(impl_->db, scope, source, id); });
}

BackupResult RmmStore::backup_result(const TenantScope& scope, std::string_view source, std::string_view id) const {
  return impl_->read([&] { return by_source_id<BackupResult>(impl_->db, scope, source, id); });
}

MonitoringEvent RmmStore::event(const TenantScope& scope, std::string_view source, std::string_view id) const {
  return impl_->read([&] { return by_source_id<MonitoringEvent>(impl_->db, scope, source, id); });
}

PatchRecord RmmStore::patch(const TenantScope& scope, std::string_view source, std::string_view tenant,
                            std::string_view device_id, std::string_view patch_id) const {
  return impl_->read([&] {
    return read_one<PatchRecord>(
        impl_->db, scope, "\"source\" = ?2 AND \"tenant\" = ?3 AND \"device_id\" = ?4 AND \"patch_id\" = ?5",
        [&](SQLite::Statement& q) {
          q.bind(2, std::string(source));
          q.bind(3, std::string(tenant));
          q.bind(4, std::string(device_id));
          q.bind(5, std::string(patch_id));
        },
        "patch (source " + mspcore::quoted(source) + ", tenant " + mspcore::quoted(tenant) + ", device_id " + mspcore::quoted(device_id) +
            ", patch_id " + mspcore::quoted(patch_id) + ")");
  });
}

std::vector<ImportRun> RmmStore::runs(const TenantScope& scope) const {
  if (!scope.is_all()) return {};
  return impl_->read([&] {
    SQLite::Statement q(impl_->db, std::string(kRunColumns) + "ORDER BY id");
    std::vector<ImportRun> out;
    while (q.executeStep()) out.push_back(read_run(q));
    return out;
  });
}

ImportRun RmmStore::run(const TenantScope& scope, std::int64_t run_id) const {
  if (!scope.is_all()) run_not_found(scope, run_id);
  return impl_->read([&] {
    SQLite::Statement q(impl_->db, std::string(kRunColumns) + "WHERE id = ?1");
    q.bind(1, run_id);
    if (!q.executeStep()) run_not_found(scope, run_id);
    return read_run(q);
  });
}

std::vector<StoredIssue> RmmStore::issues(const TenantScope& scope, std::optional<std::int64_t> run_id) const {
  if (run_id) run(scope, *run_id);  // NOT_FOUND for an unknown run or a scoped caller
  if (!scope.is_all()) return {};
  return impl_->read([&] {
    // Without a run: each file's latest run (a host's batches, file "", are runs of their own).
    SQLite::Statement q(impl_->db,
                        "SELECT run_id, file, \"row\", field, code, message FROM import_issues WHERE "
                        "CASE WHEN ?1 IS NULL THEN run_id IN (SELECT max(id) FROM import_runs WHERE file <> '' "
                        "GROUP BY file, vendor UNION SELECT id FROM import_runs WHERE file = '') "
                        "ELSE run_id = ?1 END ORDER BY run_id, seq");
    if (run_id) {
      q.bind(1, *run_id);
    } else {
      q.bind(1);
    }
    std::vector<StoredIssue> out;
    while (q.executeStep()) {
      StoredIssue s;
      s.run_id = q.getColumn(0).getInt64();
      s.issue.file = q.getColumn(1).getString();
      s.issue.row = static_cast<std::size_t>(q.getColumn(2).getInt64());
      s.issue.field = q.getColumn(3).getString();
      s.issue.code = code_named(q.getColumn(4).getString());
      s.issue.message = q.getColumn(5).getString();
      out.push_back(std::move(s));
    }
    return out;
  });
}

}  // namespace v1
}  // namespace mspcore
