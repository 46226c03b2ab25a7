/// @file import.hpp
/// @brief Streaming importers for RMM and backup exports (Datto RMM, Datto BCDR and SaaS
/// Protection, N-able Cove, N-central CSV) into normalised records (docs/rmm-import.md).
///
/// An importer reads a file a record at a time and hands the records to a sink in batches.
/// Every row ends up either as a record or as an ImportIssue naming the file, the row and the
/// field: nothing is dropped silently. A document that cannot be read at all (truncated JSON,
/// a CSV without its header) throws Error(PARSE_ERROR) naming the file and where it stopped,
/// after the batches before that point were delivered.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/rmm/normalised.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// A row that was not imported, and why.
struct ImportIssue {
  std::string file;   ///< the path as given
  std::size_t row = 0;  ///< 1-based: the record's number in the file (CSV: the line number)
  std::string field;  ///< the vendor's field name ("lastSeen", "T0", "Device Class"); "" for the whole row
  ErrorCode code = ErrorCode::INVALID_ARGUMENT;
  std::string message;  ///< names the bad value
};

/// A batch of what an importer read, in file order within each vector.
struct ImportBatch {
  std::vector<Device> devices;
  std::vector<BackupResult> backup_results;
  std::vector<PatchRecord> patches;
  std::vector<MonitoringEvent> events;
  std::vector<ImportIssue> issues;
  bool empty() const noexcept {
    return devices.empty() && backup_results.empty() && patches.empty() && events.empty() && issues.empty();
  }
};

/// Where an importer delivers its batches (a store writes each in one transaction).
class ImportSink {
 public:
  virtual ~ImportSink() = default;
  virtual void consume(ImportBatch&& batch) = 0;
};

/// How to import.
struct ImportOptions {
  /// The vendor's site or customer name -> tenant. Empty: the site name is the tenant. Not
  /// empty: a row of an unmapped site is an ImportIssue (never guessed).
  std::map<std::string, std::string> tenants;
  /// The tenant of records whose export names no site or customer (a Datto BCDR asset list
  /// is per appliance and carries no client name). Empty: such a record is an ImportIssue.
  std::string default_tenant;
  /// Records per batch (>= 1).
  std::size_t batch_rows = 1000;
};

/// Import `path` as an export of `vendor` into `sink`. Error(IO_ERROR) when the file cannot
/// be opened; Error(PARSE_ERROR) for a document that is not the vendor's format.
void import_file(const std::string& path, RmmVendor vendor, const ImportOptions& options, ImportSink& sink);

/// The whole import in memory: every batch appended (for small files and tests).
ImportBatch import_file(const std::string& path, RmmVendor vendor, const ImportOptions& options = {});

/// import_file() over text in memory (tests, fuzzing, a host that already holds the bytes);
/// `file_name` names it in issues and errors.
void import_text(std::string_view text, const std::string& file_name, RmmVendor vendor, const ImportOptions& options,
                 ImportSink& sink);

/// The whole import of `text` in memory.
ImportBatch import_text(std::string_view text, const std::string& file_name, RmmVendor vendor,
                        const ImportOptions& options = {});

/// Appends every record and issue of `from` to `to` (what the in-memory overloads do per batch).
void append_batch(ImportBatch& to, ImportBatch&& from);

/// An import result as one JSON document {"devices", "backup_results", "patches", "events",
/// "issues"}: records with exactly the keys of rmm_records.hpp's field lists (instants
/// "YYYY-MM-DDThh:mm:ssZ", dates "YYYY-MM-DD", absent optionals null, enums by name); issues
/// {"file", "row", "field", "code" (the status name), "message"}.
std::string import_result_json(const ImportBatch& batch);

/// ImportOptions from JSON {"tenants": {site: tenant}, "default_tenant": "...", "batch_rows": n}
/// (every key optional); Error(INVALID_ARGUMENT) naming an unknown key or a bad value.
ImportOptions parse_import_options_json(std::string_view text);

}  // namespace v1
}  // namespace mspcore
