/// @file normalised.hpp
/// @brief The normalised RMM and backup records: what every vendor importer produces and
/// every computation (backup and patch compliance, availability) reads (docs/rmm-records.md).
///
/// A record is keyed by its source system (`source`: the importer's vendor name, or any name a
/// host gives its own data) and that system's own id, so a re-import of the same export
/// updates rather than duplicates. Devices are joined to their results by
/// (tenant, device_id); the importers use the vendor's stable device id (a UUID, an account
/// number), which does not collide across vendors in practice.
#pragma once

#include <mspcore/time/instant.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The systems mspcore imports from. datto_bcdr covers Datto's Unified Continuity API: BCDR
/// appliances and agents and SaaS Protection (one API, one export).
enum class RmmVendor : std::uint8_t { DattoRmm, DattoBcdr, Cove, NCentral };
inline constexpr std::size_t kRmmVendorCount = 4;
/// "datto_rmm", "datto_bcdr", "cove", "ncentral".
std::string_view to_string(RmmVendor vendor) noexcept;
/// Error(INVALID_ARGUMENT) naming the text and the known names.
RmmVendor parse_rmm_vendor(std::string_view text);

/// What a device is, for its backup RPO and its patch scope. cloud: a SaaS tenant or mailbox
/// set (Microsoft 365, Google Workspace) backed up as one "device".
enum class DeviceClass : std::uint8_t { Server, Workstation, Network, Cloud, Other };
inline constexpr std::size_t kDeviceClassCount = 5;
/// "server", "workstation", "network", "cloud", "other".
std::string_view to_string(DeviceClass cls) noexcept;
DeviceClass parse_device_class(std::string_view text);

/// The RMM's own summary of a device's patching (Datto RMM's patchStatus).
enum class DevicePatchStatus : std::uint8_t { Unknown, NoPolicy, FullyPatched, Pending, RebootRequired, InstallError };
/// "unknown", "no_policy", "fully_patched", "pending", "reboot_required", "install_error".
std::string_view to_string(DevicePatchStatus status) noexcept;
DevicePatchStatus parse_device_patch_status(std::string_view text);

/// A managed or protected device.
struct Device {
  std::string tenant;
  std::string source;  ///< to_string(RmmVendor) from an importer; any name for a host's own data
  std::string id;    ///< the vendor's stable device id: the key with source
  std::string name;  ///< hostname or account name
  DeviceClass device_class = DeviceClass::Other;
  std::string os;    ///< "" when not given
  std::string site;  ///< the vendor's site or customer name as delivered ("" when not given)
  std::optional<Instant> last_seen;  ///< last check-in; suppresses "missed" for an offline workstation
  std::optional<bool> online;
  bool reboot_required = false;
  DevicePatchStatus patch_status = DevicePatchStatus::Unknown;
  std::optional<std::int64_t> patches_pending;  ///< approved but not installed
  bool backup_expected = true;  ///< false: paused, archived or not a backup target (no "never" for it)
  bool retired = false;         ///< deleted or decommissioned at the vendor: kept, never counted
};

/// How a backup job ended. success_with_exceptions (Cove "completed with errors", Datto
/// "success" with skipped files) counts as good or not by the compliance policy.
enum class BackupOutcome : std::uint8_t { Success, SuccessWithExceptions, Warning, Failed, Missed, NotExpected };
inline constexpr std::size_t kBackupOutcomeCount = 6;
/// "success", "success_with_exceptions", "warning", "failed", "missed", "not_expected".
std::string_view to_string(BackupOutcome outcome) noexcept;
BackupOutcome parse_backup_outcome(std::string_view text);

/// Where a backup's copy lives: local (appliance, NAS) or offsite (vendor cloud, second site).
/// A direct-to-cloud backup (Cove, SaaS Protection) is offsite.
enum class BackupCopy : std::uint8_t { Local, Offsite };
/// "local", "offsite".
std::string_view to_string(BackupCopy copy) noexcept;
BackupCopy parse_backup_copy(std::string_view text);

/// Whether a backup's restorability was checked (screenshot boot, restore test) and how it went.
enum class Verification : std::uint8_t { None, Passed, Failed };
/// "none", "passed", "failed".
std::string_view to_string(Verification v) noexcept;
Verification parse_verification(std::string_view text);

/// One backup job or session of a device (one data source, one copy).
struct BackupResult {
  std::string tenant;
  std::string device_id;  ///< Device::id of the protected device
  std::string source;
  std::string id;         ///< the vendor's id of the job/session: the key with source
  Instant at{};           ///< when the job ended (when it started if no end is known)
  BackupOutcome outcome = BackupOutcome::Success;
  BackupCopy copy = BackupCopy::Local;
  Verification verification = Verification::None;
  std::string data_source;  ///< "files", "system_state", "image", "m365_exchange", ...; "" for the whole device
  std::int64_t errors = 0;  ///< error or exception count the vendor reported (>= 0)
  std::string detail;       ///< the vendor's message or status name, for the reason text
};

/// A patch's severity as the vendor classifies it.
enum class PatchSeverity : std::uint8_t { Critical, Important, Moderate, Low, Unspecified };
/// "critical", "important", "moderate", "low", "unspecified".
std::string_view to_string(PatchSeverity severity) noexcept;
PatchSeverity parse_patch_severity(std::string_view text);

/// Where a patch stands on a device. declined and superseded are out of scope by default.
enum class PatchState : std::uint8_t { Installed, Missing, Pending, Failed, Declined, Superseded };
/// "installed", "missing", "pending", "failed", "declined", "superseded".
std::string_view to_string(PatchState state) noexcept;
PatchState parse_patch_state(std::string_view text);

/// One patch on one device.
struct PatchRecord {
  std::string tenant;
  std::string device_id;
  std::string source;
  std::string patch_id;  ///< KB number or the vendor's patch id: the key with source and device_id
  std::string title;
  PatchSeverity severity = PatchSeverity::Unspecified;
  PatchState state = PatchState::Missing;
  std::optional<std::chrono::sys_days> released;  ///< vendor release date
  std::optional<Instant> installed_at;
  bool reboot_required = false;  ///< installed, waiting for a reboot
};

/// A monitoring alert's priority as the RMM delivered it.
enum class EventPriority : std::uint8_t { Critical, High, Moderate, Low, Information, Unknown };
/// "critical", "high", "moderate", "low", "information", "unknown".
std::string_view to_string(EventPriority priority) noexcept;
EventPriority parse_event_priority(std::string_view text);

/// A monitoring event (an RMM alert): opened, and resolved unless still open. An outage event
/// (device offline, service down) counts against availability; the others do not.
struct MonitoringEvent {
  std::string tenant;
  std::string device_id;
  std::string source;
  std::string id;       ///< the vendor's alert id: the key with source
  std::string monitor;  ///< the vendor's monitor type ("online_offline_status_ctx", ...)
  EventPriority priority = EventPriority::Unknown;
  Instant opened{};
  std::optional<Instant> resolved;  ///< none: still open
  bool outage = false;
  std::string ticket;  ///< the PSA ticket it raised ("" when none)
  std::string detail;  ///< diagnostics text
};

}  // namespace v1
}  // namespace mspcore
