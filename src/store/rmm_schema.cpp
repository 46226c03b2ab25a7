// The RMM store's file: version 1 of its schema. A later version appends a migration and
// never edits this one. Each record table's columns are the record's field names
// (rmm_tables.cpp says how each is stored) plus run_id, the run that last wrote the row.
#include "store/rmm_schema.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE import_runs (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  vendor TEXT NOT NULL,
  started INTEGER NOT NULL,
  finished INTEGER,
  error TEXT NOT NULL DEFAULT '',
  batches INTEGER NOT NULL DEFAULT 0 CHECK (batches >= 0),
  inserted INTEGER NOT NULL DEFAULT 0 CHECK (inserted >= 0),
  updated INTEGER NOT NULL DEFAULT 0 CHECK (updated >= 0),
  unchanged INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
  issues INTEGER NOT NULL DEFAULT 0 CHECK (issues >= 0)
);
CREATE INDEX import_runs_by_file ON import_runs (file, vendor, id);
CREATE TABLE import_issues (
  run_id INTEGER NOT NULL REFERENCES import_runs (id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  file TEXT NOT NULL,
  "row" INTEGER NOT NULL CHECK ("row" >= 0),
  field TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE devices (
  "tenant" TEXT NOT NULL CHECK ("tenant" <> ''),
  "source" TEXT NOT NULL CHECK ("source" <> ''),
  "id" TEXT NOT NULL CHECK ("id" <> ''),
  "name" TEXT NOT NULL,
  "device_class" TEXT NOT NULL,
  "os" TEXT NOT NULL,
  "site" TEXT NOT NULL,
  "last_seen" INTEGER,
  "online" INTEGER CHECK ("online" IN (0, 1)),
  "reboot_required" INTEGER NOT NULL CHECK ("reboot_required" IN (0, 1)),
  "patch_status" TEXT NOT NULL,
  "patches_pending" INTEGER,
  "backup_expected" INTEGER NOT NULL CHECK ("backup_expected" IN (0, 1)),
  "retired" INTEGER NOT NULL CHECK ("retired" IN (0, 1)),
  run_id INTEGER NOT NULL REFERENCES import_runs (id),
  PRIMARY KEY ("source", "id")
) WITHOUT ROWID;
CREATE INDEX devices_by_tenant ON devices ("tenant", "source", "id");
CREATE TABLE backup_results (
  "tenant" TEXT NOT NULL CHECK ("tenant" <> ''),
  "device_id" TEXT NOT NULL,
  "source" TEXT NOT NULL CHECK ("source" <> ''),
  "id" TEXT NOT NULL CHECK ("id" <> ''),
  "at" INTEGER NOT NULL,
  "outcome" TEXT NOT NULL,
  "copy" TEXT NOT NULL,
  "verification" TEXT NOT NULL,
  "data_source" TEXT NOT NULL,
  "errors" INTEGER NOT NULL,
  "detail" TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES import_runs (id),
  PRIMARY KEY ("source", "id")
) WITHOUT ROWID;
CREATE INDEX backup_results_by_tenant ON backup_results ("tenant", "at", "source", "id");
CREATE TABLE patches (
  "tenant" TEXT NOT NULL CHECK ("tenant" <> ''),
  "device_id" TEXT NOT NULL CHECK ("device_id" <> ''),
  "source" TEXT NOT NULL CHECK ("source" <> ''),
  "patch_id" TEXT NOT NULL CHECK ("patch_id" <> ''),
  "title" TEXT NOT NULL,
  "severity" TEXT NOT NULL,
  "state" TEXT NOT NULL,
  "released" INTEGER,
  "installed_at" INTEGER,
  "reboot_required" INTEGER NOT NULL CHECK ("reboot_required" IN (0, 1)),
  run_id INTEGER NOT NULL REFERENCES import_runs (id),
  PRIMARY KEY ("source", "tenant", "device_id", "patch_id")
) WITHOUT ROWID;
CREATE INDEX patches_by_tenant ON patches ("tenant", "device_id", "source", "patch_id");
CREATE TABLE events (
  "tenant" TEXT NOT NULL CHECK ("tenant" <> ''),
  "device_id" TEXT NOT NULL,
  "source" TEXT NOT NULL CHECK ("source" <> ''),
  "id" TEXT NOT NULL CHECK ("id" <> ''),
  "monitor" TEXT NOT NULL,
  "priority" TEXT NOT NULL,
  "opened" INTEGER NOT NULL,
  "resolved" INTEGER,
  "outage" INTEGER NOT NULL CHECK ("outage" IN (0, 1)),
  "ticket" TEXT NOT NULL,
  "detail" TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES import_runs (id),
  PRIMARY KEY ("source", "id")
) WITHOUT ROWID;
CREATE INDEX events_by_tenant ON events ("tenant", "opened", "source", "id");
)sql";

constexpr std::array<const char*, 1> kMigrations{kSchemaV1};
constexpr store::Schema kSchema{"RMM store", 0x4d53504d /* "MSPM" */, kMigrations};

}  // namespace

const store::Schema& rmm_schema() noexcept { return kSchema; }

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
