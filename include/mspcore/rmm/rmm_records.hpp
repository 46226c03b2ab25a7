/// @file rmm_records.hpp
/// @brief The one decoder of the normalised RMM and backup records (devices, backup results,
/// patches, monitoring events), whatever carries them: the C ABI's JSON, Python dicts and
/// DataFrames (an importer's frames go back in unchanged), a host's rows.
///
/// The field lists are also the column names of the frames `mspcore.import_rmm` returns.
#pragma once

#include <mspcore/records/fields.hpp>
#include <mspcore/rmm/normalised.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The fields of a device, numbered as in kDeviceFields.
enum class DeviceField : std::size_t {
  tenant, source, id, name, device_class, os, site, last_seen, online, reboot_required, patch_status,
  patches_pending, backup_expected, retired
};
inline constexpr std::array<std::string_view, 14> kDeviceFields = {
    "tenant",       "source",          "id",           "name",            "device_class",
    "os",           "site",            "last_seen",    "online",          "reboot_required",
    "patch_status", "patches_pending", "backup_expected", "retired"};

/// The fields of a backup result, numbered as in kBackupResultFields.
enum class BackupResultField : std::size_t {
  tenant, device_id, source, id, at, outcome, copy, verification, data_source, errors, detail
};
inline constexpr std::array<std::string_view, 11> kBackupResultFields = {
    "tenant", "device_id",    "source",      "id",     "at",    "outcome",
    "copy",   "verification", "data_source", "errors", "detail"};

/// The fields of a patch record, numbered as in kPatchFields.
enum class PatchField : std::size_t {
  tenant, device_id, source, patch_id, title, severity, state, released, installed_at, reboot_required
};
inline constexpr std::array<std::string_view, 10> kPatchFields = {
    "tenant", "device_id", "source",   "patch_id",     "title",
    "severity", "state",   "released", "installed_at", "reboot_required"};

/// The fields of a monitoring event, numbered as in kMonitoringEventFields.
enum class MonitoringEventField : std::size_t {
  tenant, device_id, source, id, monitor, priority, opened, resolved, outage, ticket, detail
};
inline constexpr std::array<std::string_view, 11> kMonitoringEventFields = {
    "tenant",   "device_id", "source",   "id",     "monitor", "priority",
    "opened",   "resolved",  "outage",   "ticket", "detail"};

/// Device `index` ("devices[index]" in errors). Required: tenant, id. Optional: the rest
/// (device_class default other, patch_status default unknown, backup_expected default true).
Device read_device(const Fields& fields, std::size_t index);

/// Backup result `index` ("backup_results[index]"). Required: tenant, device_id, at, outcome.
BackupResult read_backup_result(const Fields& fields, std::size_t index);

/// Patch record `index` ("patches[index]"). Required: tenant, device_id, patch_id, state.
PatchRecord read_patch_record(const Fields& fields, std::size_t index);

/// Monitoring event `index` ("events[index]"). Required: tenant, device_id, opened; resolved
/// not before opened.
MonitoringEvent read_monitoring_event(const Fields& fields, std::size_t index);

}  // namespace v1
}  // namespace mspcore
