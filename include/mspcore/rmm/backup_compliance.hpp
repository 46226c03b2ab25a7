/// @file backup_compliance.hpp
/// @brief Backup compliance per device as of an instant, and its roll-up per client
/// (docs/rmm-backup-compliance.md).
///
/// A device's status comes from the age of its last good backup against the RPO of its class:
/// compliant (age <= RPO), warning (RPO < age <= warning_percent of the RPO, 150 % by default),
/// overdue (beyond that), never (results but none good), unknown (no results as of the
/// instant), out_of_scope (retired, or no backup expected). Ages are elapsed seconds: a DST
/// change does not make a backup an hour older or younger.
///
/// The bulk form reads columns (device index, instant, outcome codes), so ten million results
/// are one pass over a few arrays; the record form decodes BackupResult records into them.
#pragma once

#include <mspcore/money/decimal.hpp>
#include <mspcore/rmm/normalised.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// A device's backup status.
enum class BackupStatus : std::uint8_t { Compliant, Warning, Overdue, Never, Unknown, OutOfScope };
inline constexpr std::size_t kBackupStatusCount = 6;
/// "compliant", "warning", "overdue", "never", "unknown", "out_of_scope".
std::string_view to_string(BackupStatus status) noexcept;
BackupStatus parse_backup_status(std::string_view text);

/// The rules (docs/rmm-backup-compliance.md lists the defaults and why).
struct BackupPolicy {
  /// RPO in seconds by DeviceClass: server 12 h, workstation 24 h, network 168 h (a weekly
  /// configuration backup), cloud 24 h, other 24 h.
  std::array<std::int64_t, kDeviceClassCount> rpo_seconds{12 * 3600, 24 * 3600, 168 * 3600, 24 * 3600, 24 * 3600};
  /// Warning while the age is at most this percent of the RPO (150: 1.5 x RPO); overdue beyond.
  std::int64_t warning_percent = 150;
  /// Whether success_with_exceptions (Cove "completed with errors") is a good backup.
  bool exceptions_good = true;
  /// The success rate counts results in (as_of - window, as_of].
  std::int64_t success_window_seconds = 30 * 86400;
  /// None: the verification age is reported, not judged. Else a compliant device whose newest
  /// passed verification is older (or missing) is a warning.
  std::optional<std::int64_t> verification_max_age_seconds;
  /// The same for the newest good offsite copy.
  std::optional<std::int64_t> offsite_max_age_seconds;
  /// An offline workstation is judged as of when it was last seen (docs: the exact rule).
  bool suppress_offline_workstations = true;

  std::int64_t rpo(DeviceClass c) const { return rpo_seconds[static_cast<std::size_t>(c)]; }
};

/// The policy from its JSON document ({"rpo_hours": {"server": 12, ...}, "warning_percent":
/// 150, "exceptions_good": true, "success_window_days": 30, "verification_max_age_hours": null,
/// "offsite_max_age_hours": null, "suppress_offline_workstations": true}); "" or "null" is the
/// default. Unknown keys are INVALID_ARGUMENT, values outside their range OUT_OF_RANGE.
BackupPolicy backup_policy_from_json(std::string_view text);

/// Device index of a result that is not in the devices list.
inline constexpr std::uint32_t kNoDevice = 0xFFFFFFFFu;

/// Results as columns of equal length. `device` indexes the devices list; rows with kNoDevice
/// are not read (they are counted in BackupInput::unmatched).
struct BackupColumns {
  std::span<const std::uint32_t> device;
  std::span<const std::int64_t> at;           ///< Unix seconds
  std::span<const std::uint8_t> outcome;      ///< BackupOutcome
  std::span<const std::uint8_t> copy;         ///< BackupCopy
  std::span<const std::uint8_t> verification; ///< Verification
};

/// Owned columns, built from records or by a binding.
struct BackupColumnStore {
  std::vector<std::uint32_t> device;
  std::vector<std::int64_t> at;
  std::vector<std::uint8_t> outcome, copy, verification;
  /// Results whose (tenant, device_id) is not a device, by tenant.
  std::map<std::string, std::int64_t> unmatched;

  BackupColumns view() const { return {device, at, outcome, copy, verification}; }
  void reserve(std::size_t n);
};

/// (tenant, id) -> index into the devices; duplicates are INVALID_ARGUMENT naming both.
class DeviceIndex {
 public:
  explicit DeviceIndex(const std::vector<Device>& devices);
  /// The index, or kNoDevice.
  std::uint32_t find(std::string_view tenant, std::string_view id) const;
  std::size_t size() const noexcept { return size_; }

 private:
  std::map<std::string, std::map<std::string, std::uint32_t, std::less<>>, std::less<>> by_tenant_;
  std::size_t size_ = 0;
};

/// The results as columns against `index`.
BackupColumnStore backup_columns(const std::vector<BackupResult>& results, const DeviceIndex& index);

/// One device's compliance.
struct DeviceBackupCompliance {
  BackupStatus status = BackupStatus::Unknown;
  std::string reason_code;  ///< within_rpo, past_rpo, past_warning, no_good_backup, no_results,
                            ///< verification_missing, verification_stale, offsite_missing,
                            ///< offsite_stale, retired, not_expected
  std::string reason;       ///< the human text
  std::int64_t rpo_seconds = 0;
  Instant judged_at{};      ///< as_of, or when an offline workstation was last seen
  bool offline_suppressed = false;
  std::optional<Instant> last_result;
  std::optional<Instant> last_good;
  std::optional<std::int64_t> age_seconds;  ///< judged_at - last_good
  std::int64_t attempts = 0;  ///< results in the success window (not_expected and suppressed missed not counted)
  std::int64_t good = 0;      ///< of them good
  std::optional<Decimal> success_percent;  ///< good / attempts x 100, 2 places half-even; none without attempts
  std::optional<Instant> last_verified;
  std::optional<std::int64_t> verification_age_seconds;
  std::optional<Instant> last_offsite;
  std::optional<std::int64_t> offsite_age_seconds;
};

/// One client's roll-up over every vendor's devices of the tenant.
struct ClientBackupCompliance {
  std::string tenant;
  std::int64_t devices = 0;
  std::int64_t in_scope = 0;
  std::array<std::int64_t, kBackupStatusCount> by_status{};
  /// compliant / in_scope x 100, 2 places half-even; none when nothing is in scope.
  std::optional<Decimal> compliance_percent;
  std::vector<std::string> sources;  ///< the devices' sources, sorted
  std::int64_t unmatched_results = 0;
  std::int64_t count(BackupStatus s) const { return by_status[static_cast<std::size_t>(s)]; }
};

struct BackupComplianceResult {
  Instant as_of{};
  std::vector<DeviceBackupCompliance> devices;  ///< one per device, in input order
  std::vector<ClientBackupCompliance> clients;  ///< by tenant name
};

/// Compliance of `devices` from `results` as of `as_of`. Results after as_of are not read.
BackupComplianceResult backup_compliance(const std::vector<Device>& devices, const BackupColumns& results,
                                         const std::map<std::string, std::int64_t>& unmatched, Instant as_of,
                                         const BackupPolicy& policy = {});
/// The same from records.
BackupComplianceResult backup_compliance(const std::vector<Device>& devices, const std::vector<BackupResult>& results,
                                         Instant as_of, const BackupPolicy& policy = {});

/// The result document {"as_of", "devices": [...], "clients": [...]} (decimals as text).
std::string backup_compliance_result_json(const BackupComplianceResult& result, const std::vector<Device>& devices);
/// The whole C ABI call: request {"as_of", "devices", "backup_results", "policy"} -> result document.
std::string backup_compliance_json(std::string_view request);

}  // namespace v1
}  // namespace mspcore
