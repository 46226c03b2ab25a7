/// @file rmm_store.hpp
/// @brief The store of the normalised RMM and backup records: devices, backup results,
/// patches and monitoring events in one SQLite file, written by idempotent, crash-safe
/// imports and read with a tenant scope (docs/rmm-store.md). A store: it needs SQLite
/// (SQLiteCpp), linked into the library; its SQL lives in src/store/.
#pragma once

#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/normalised.hpp>
#include <mspcore/store/tenant_scope.hpp>
#include <mspcore/time/instant.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// What an import (or the batches of a run so far) did to the store.
struct RmmImportReport {
  std::int64_t run_id = 0;   ///< the import run's id (RmmStore::runs())
  std::size_t batches = 0;   ///< batches committed
  std::size_t inserted = 0;  ///< records whose key was new
  std::size_t updated = 0;   ///< records whose key existed with other content
  std::size_t unchanged = 0; ///< records stored already exactly so (a re-import: all of them)
  std::size_t issues = 0;    ///< rows not stored, each an issue of the run
};

/// One import run: a file (or a host's batches) written batch by batch.
struct ImportRun {
  std::int64_t id = 0;
  std::string file;    ///< the path as given ("" for a host's own batches)
  std::string vendor;  ///< to_string(RmmVendor), or the name a host gave begin_run()
  Instant started{};
  /// When the run ended; none while it runs, or when its process died (the batches it
  /// committed are stored all the same).
  std::optional<Instant> finished;
  std::string error;  ///< why the import stopped ("" when it did not fail)
  RmmImportReport report;  ///< its counts, as of its last committed batch
};

/// An issue of a run: a row that is not stored, and why.
struct StoredIssue {
  std::int64_t run_id = 0;
  ImportIssue issue;
};

/// The normalised records in one SQLite file (WAL mode, a busy timeout, the schema version in
/// PRAGMA user_version with forward migrations). Implements ImportSink: each batch (records
/// and issues) is written in one transaction together with its run's progress, so a crash
/// leaves exactly the batches that committed, and a re-import of the same file changes
/// nothing (records are upserted by their key: (source, id) for devices, backup results and
/// events; (source, tenant, device_id, patch_id) for patches). A record whose key the store
/// holds under another tenant is not written; it becomes an issue of code INVALID_STATE.
/// Every read takes a TenantScope. One object per thread; several processes may share a file.
class RmmStore final : public ImportSink {
 public:
  /// Opens or creates the store at `path`. Error(STORAGE_ERROR) naming the path when it
  /// cannot be opened, holds something else or has a newer schema than this library knows.
  explicit RmmStore(const std::string& path);
  ~RmmStore() override;
  RmmStore(RmmStore&&) noexcept;
  RmmStore& operator=(RmmStore&&) noexcept;
  RmmStore(const RmmStore&) = delete;
  RmmStore& operator=(const RmmStore&) = delete;

  /// The schema version this library writes.
  static int schema_version() noexcept;

  /// Imports `path` with mspcore::import_file() into this store, as one run: begin_run(),
  /// each batch consumed, finish_run(). When the import throws (a truncated document, a file
  /// that cannot be opened), the run is marked failed with the message, the batches before
  /// stay committed, and the error is rethrown. `committed`, when given, receives a copy of
  /// each batch once it has committed (to keep what was read, or to report progress).
  RmmImportReport import_file(const std::string& path, RmmVendor vendor, const ImportOptions& options = {},
                              ImportSink* committed = nullptr);

  /// Starts a run (its own transaction, so the run is stored even before its first batch).
  /// `started` is the clock's time: it records when the import ran and is never computed
  /// with. Error(INVALID_STATE) while another run of this object is open.
  std::int64_t begin_run(const std::string& file, const std::string& vendor);
  /// Writes one batch of the open run in one transaction (Error(INVALID_STATE) when none is
  /// open). A record without a tenant or key, or whose key belongs to another tenant, becomes
  /// an issue of the run instead of a row. Throws only Error(STORAGE_ERROR) otherwise, and
  /// then nothing of the batch is stored.
  void consume(ImportBatch&& batch) override;
  /// Marks the open run finished and closes it; returns its report.
  RmmImportReport finish_run();
  /// Marks the open run failed with `message` and closes it; returns its report.
  RmmImportReport fail_run(const std::string& message);

  /// Devices inside `scope`, by tenant, source and id.
  std::vector<Device> devices(const TenantScope& scope) const;
  /// Backup results inside `scope` with `since` <= at < `until` (either bound optional), by
  /// tenant, at, source and id.
  std::vector<BackupResult> backup_results(const TenantScope& scope, std::optional<Instant> since = std::nullopt,
                                           std::optional<Instant> until = std::nullopt) const;
  /// Patch records inside `scope`, by tenant, device_id, source and patch_id.
  std::vector<PatchRecord> patches(const TenantScope& scope) const;
  /// Monitoring events inside `scope`, by tenant, opened, source and id.
  std::vector<MonitoringEvent> events(const TenantScope& scope) const;

  /// One device; Error(NOT_FOUND) for a key that is unknown or outside `scope` (the same
  /// message). The other lookups alike.
  Device device(const TenantScope& scope, std::string_view source, std::string_view id) const;
  BackupResult backup_result(const TenantScope& scope, std::string_view source, std::string_view id) const;
  PatchRecord patch(const TenantScope& scope, std::string_view source, std::string_view tenant,
                    std::string_view device_id, std::string_view patch_id) const;
  MonitoringEvent event(const TenantScope& scope, std::string_view source, std::string_view id) const;

  /// Import runs, by id. Runs and their issues are the importing operator's: a file holds
  /// many tenants, and an issue is a row that became no tenant's record. So only
  /// TenantScope::all() sees them; a scope of one tenant gets none (and run() NOT_FOUND).
  std::vector<ImportRun> runs(const TenantScope& scope) const;
  ImportRun run(const TenantScope& scope, std::int64_t run_id) const;
  /// The issues of run `run_id` (Error(NOT_FOUND) as run()), or without one the issues of the
  /// latest run of every file, so that a re-import shows a file's issues once; by run, then
  /// as the run recorded them.
  std::vector<StoredIssue> issues(const TenantScope& scope, std::optional<std::int64_t> run_id = std::nullopt) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace mspcore
