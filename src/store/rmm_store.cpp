// The RMM store's writes (docs/rmm-store.md): import runs, and each batch upserted in one
// transaction with its run's progress, so that what a crash leaves is exactly the batches
// that committed, and a re-import finds every record unchanged.
#include <mspcore/core/error.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include "store/rmm_schema.hpp"
#include "store/rmm_store_impl.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

namespace detail::rmm_store {

namespace {

enum class Outcome { Inserted, Updated, Unchanged, OtherTenant };

// One record type's prepared statements: probe the key, then insert, update or leave it.
template <class R>
class Upsert {
 public:
  explicit Upsert(SQLite::Database& db)
      : probe_(db, probe_sql<R>()), insert_(db, insert_sql<R>()), update_(db, update_sql<R>()) {}

  // `stored_tenant` receives the tenant of a row that belongs to another one.
  Outcome write(const R& r, std::int64_t run_id, std::string& stored_tenant) {
    constexpr int kRun = static_cast<int>(Table<R>::fields.size()) + 1;
    probe_.reset();
    Table<R>::bind(probe_, r);
    if (probe_.executeStep()) {
      std::string tenant = probe_.getColumn(0).getString();
      const bool same = probe_.getColumn(1).getInt64() != 0;
      probe_.reset();
      if (tenant != r.tenant) {
        stored_tenant = std::move(tenant);
        return Outcome::OtherTenant;
      }
      if (same) return Outcome::Unchanged;
      update_.reset();
      Table<R>::bind(update_, r);
      update_.bind(kRun, run_id);
      update_.exec();
      return Outcome::Updated;
    }
    probe_.reset();
    insert_.reset();
    Table<R>::bind(insert_, r);
    insert_.bind(kRun, run_id);
    insert_.exec();
    return Outcome::Inserted;
  }

 private:
  SQLite::Statement probe_, insert_, update_;
};

}  // namespace

struct Writers {
  explicit Writers(SQLite::Database& db)
      : devices(db),
        results(db),
        patches(db),
        events(db),
        issue(db,
              "INSERT INTO import_issues (run_id, seq, file, \"row\", field, code, message) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        progress(db,
                 "UPDATE import_runs SET batches = batches + 1, inserted = inserted + ?2, updated = updated + ?3, "
                 "unchanged = unchanged + ?4, issues = issues + ?5 WHERE id = ?1") {}

  Upsert<Device> devices;
  Upsert<BackupResult> results;
  Upsert<PatchRecord> patches;
  Upsert<MonitoringEvent> events;
  SQLite::Statement issue;
  SQLite::Statement progress;
};

namespace {

std::int64_t now_seconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()).time_since_epoch().count();
}

// One batch as it is written: the counts so far and the issues the store adds.
class BatchWriter {
 public:
  BatchWriter(Writers& w, std::int64_t run_id, const std::string& file) : w_(w), run_id_(run_id), file_(file) {}

  template <class R>
  void records(Upsert<R>& upsert, const std::vector<R>& rows) {
    std::string stored_tenant;
    for (const R& r : rows) {
      if (const char* empty = Table<R>::empty_key(r)) {
        issue(empty, ErrorCode::INVALID_ARGUMENT,
              Table<R>::describe(r) + ": " + empty + " is empty; a record without its tenant and key is not stored");
        continue;
      }
      switch (upsert.write(r, run_id_, stored_tenant)) {
        case Outcome::Inserted: ++counts_.inserted; break;
        case Outcome::Updated: ++counts_.updated; break;
        case Outcome::Unchanged: ++counts_.unchanged; break;
        case Outcome::OtherTenant:
          // Never a silent move of data between tenants: the stored row stays as it is.
          issue("tenant", ErrorCode::INVALID_STATE,
                Table<R>::describe(r) + " is stored under tenant " + mspcore::quoted(stored_tenant) +
                    "; not moved to tenant " + mspcore::quoted(r.tenant));
          break;
      }
    }
  }

  void issues(const std::vector<ImportIssue>& items) {
    for (const ImportIssue& i : items) write_issue(i);
  }

  // The run's progress, in the batch's transaction.
  void finish() {
    SQLite::Statement& p = w_.progress;
    p.reset();
    p.bind(1, run_id_);
    p.bind(2, static_cast<std::int64_t>(counts_.inserted));
    p.bind(3, static_cast<std::int64_t>(counts_.updated));
    p.bind(4, static_cast<std::int64_t>(counts_.unchanged));
    p.bind(5, static_cast<std::int64_t>(counts_.issues));
    p.exec();
  }

  void set_first_seq(std::int64_t seq) { next_seq_ = seq; }
  const RmmImportReport& counts() const noexcept { return counts_; }

 private:
  // The store cannot know a record's row in the file: 0 stands for "not known".
  void issue(const char* field, ErrorCode code, std::string message) {
    write_issue(ImportIssue{file_, 0, field, code, std::move(message)});
  }

  void write_issue(const ImportIssue& i) {
    SQLite::Statement& q = w_.issue;
    q.reset();
    q.bind(1, run_id_);
    q.bind(2, next_seq_++);
    q.bind(3, i.file);
    q.bind(4, static_cast<std::int64_t>(i.row));
    q.bind(5, i.field);
    q.bind(6, std::string(error_code_name(i.code)));
    q.bind(7, i.message);
    q.exec();
    ++counts_.issues;
  }

  Writers& w_;
  std::int64_t run_id_;
  const std::string& file_;
  std::int64_t next_seq_ = 1;
  RmmImportReport counts_;
};

void add(RmmImportReport& total, const RmmImportReport& batch) {
  ++total.batches;
  total.inserted += batch.inserted;
  total.updated += batch.updated;
  total.unchanged += batch.unchanged;
  total.issues += batch.issues;
}

}  // namespace

}  // namespace detail::rmm_store

using detail::rmm_store::BatchWriter;
using detail::rmm_store::Writers;

RmmStore::Impl::Impl(std::string p, SQLite::Database d) : path(std::move(p)), db(std::move(d)) {}
RmmStore::Impl::~Impl() = default;

RmmStore::RmmStore(const std::string& path)
    : impl_(std::make_unique<Impl>(path, store::open_database(path, detail::rmm_store::rmm_schema()))) {}
RmmStore::~RmmStore() = default;
RmmStore::RmmStore(RmmStore&&) noexcept = default;
RmmStore& RmmStore::operator=(RmmStore&&) noexcept = default;

int RmmStore::schema_version() noexcept { return detail::rmm_store::rmm_schema().version(); }

std::int64_t RmmStore::begin_run(const std::string& file, const std::string& vendor) {
  Impl& s = *impl_;
  if (s.run) {
    throw Error(ErrorCode::INVALID_STATE, "import run " + std::to_string(s.run->report.run_id) +
                                              " is still open: finish_run() or fail_run() it first");
  }
  const std::int64_t id = s.write([&] {
    SQLite::Statement q(s.db, "INSERT INTO import_runs (file, vendor, started) VALUES (?1, ?2, ?3)");
    q.bind(1, file);
    q.bind(2, vendor);
    q.bind(3, detail::rmm_store::now_seconds());
    q.exec();
    return s.db.getLastInsertRowid();
  });
  s.run = Impl::OpenRun{file, RmmImportReport{id, 0, 0, 0, 0, 0}};
  return id;
}

void RmmStore::consume(ImportBatch&& batch) {
  Impl& s = *impl_;
  if (!s.run) throw Error(ErrorCode::INVALID_STATE, "no import run is open: begin_run() first");
  Impl::OpenRun& run = *s.run;
  const RmmImportReport counts = s.write([&] {
    if (!s.writers) s.writers = std::make_unique<Writers>(s.db);
    BatchWriter w(*s.writers, run.report.run_id, run.file);
    w.set_first_seq(static_cast<std::int64_t>(run.report.issues) + 1);
    w.issues(batch.issues);
    w.records(s.writers->devices, batch.devices);
    w.records(s.writers->results, batch.backup_results);
    w.records(s.writers->patches, batch.patches);
    w.records(s.writers->events, batch.events);
    w.finish();
    return w.counts();
  });
  // Only once committed: a batch that failed leaves the report as it was.
  detail::rmm_store::add(run.report, counts);
}

namespace {

// A template so that it needs not name the private RmmStore::Impl.
template <class StoreImpl>
RmmImportReport close_run(StoreImpl& s, const std::string* error) {
  if (!s.run) throw Error(ErrorCode::INVALID_STATE, "no import run is open");
  s.write([&] {
    SQLite::Statement q(s.db, "UPDATE import_runs SET finished = ?2, error = ?3 WHERE id = ?1");
    q.bind(1, s.run->report.run_id);
    q.bind(2, detail::rmm_store::now_seconds());
    q.bind(3, error == nullptr ? std::string() : *error);
    q.exec();
    return 0;
  });
  const RmmImportReport report = s.run->report;
  s.run.reset();
  return report;
}

}  // namespace

RmmImportReport RmmStore::finish_run() { return close_run(*impl_, nullptr); }

RmmImportReport RmmStore::fail_run(const std::string& message) { return close_run(*impl_, &message); }

}  // namespace v1
}  // namespace mspcore
