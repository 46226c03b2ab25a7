/// @file patch_compliance.hpp
/// @brief Patch compliance per device and per client as of an instant: fully patched / in
/// scope, missing critical and important patches by age since release, reboot pending,
/// failed installs, and time-to-patch (median days from release to install) over a period
/// (docs/rmm-patch-compliance.md).
#pragma once

#include <mspcore/money/decimal.hpp>
#include <mspcore/rmm/normalised.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// A device's patch status.
enum class PatchDeviceStatus : std::uint8_t { FullyPatched, NotPatched, Unknown, OutOfScope };
inline constexpr std::size_t kPatchDeviceStatusCount = 4;
/// "fully_patched", "not_patched", "unknown", "out_of_scope".
std::string_view to_string(PatchDeviceStatus status) noexcept;
PatchDeviceStatus parse_patch_device_status(std::string_view text);

/// Age since release of a patch that is not installed, in days as of the as_of date:
/// 0-7, 8-30, 31-90, over 90, and unknown (no release date).
enum class PatchAgeBucket : std::uint8_t { Days0To7, Days8To30, Days31To90, Over90, Unknown };
inline constexpr std::size_t kPatchAgeBucketCount = 5;
/// "0_7", "8_30", "31_90", "over_90", "unknown".
std::string_view to_string(PatchAgeBucket bucket) noexcept;
/// The bucket of a patch `days` after its release (a negative age counts as 0).
PatchAgeBucket patch_age_bucket(std::int64_t days) noexcept;

/// The rules.
struct PatchPolicy {
  /// Device classes in scope, by DeviceClass: servers and workstations by default.
  std::array<bool, kDeviceClassCount> in_scope{true, true, false, false, false};
  /// Severities whose not-installed patches make a device not fully patched (all by default).
  std::array<bool, 5> required{true, true, true, true, true};
  bool exclude_declined = true;    ///< declined patches are not counted at all
  bool exclude_superseded = true;  ///< superseded patches are not counted at all
  /// Time-to-patch counts installs in (as_of - period, as_of].
  std::int64_t period_days = 30;
};

/// {"device_classes": ["server", "workstation"], "severities": [...], "exclude_declined": true,
/// "exclude_superseded": true, "period_days": 30}; "" or "null" is the default.
PatchPolicy patch_policy_from_json(std::string_view text);

/// Counts by age bucket.
using PatchBuckets = std::array<std::int64_t, kPatchAgeBucketCount>;

/// The median of whole days: the middle one, or the mean of the two middles (exact: x.5 at
/// most); none for no values.
std::optional<Decimal> median_days(std::vector<std::int64_t> days);

/// One device's patch compliance.
struct DevicePatchCompliance {
  PatchDeviceStatus status = PatchDeviceStatus::Unknown;
  std::string reason_code;  ///< fully_patched, missing_patches, reboot_pending, failed_installs,
                            ///< summary_*, no_data, retired, class_out_of_scope
  std::string reason;
  bool from_summary = false;     ///< judged from Device::patch_status (no patch records)
  std::int64_t missing = 0;      ///< required patches not installed (records), or patches_pending (summary)
  PatchBuckets missing_critical{};
  PatchBuckets missing_important{};
  bool reboot_pending = false;
  std::int64_t failed = 0;       ///< patches in state failed
  std::int64_t excluded = 0;     ///< declined or superseded patches left out by the policy
  std::int64_t installed_in_period = 0;
  std::optional<Decimal> median_days_to_patch;
};

/// One client's roll-up.
struct ClientPatchCompliance {
  std::string tenant;
  std::int64_t devices = 0;
  std::int64_t in_scope = 0;
  std::array<std::int64_t, kPatchDeviceStatusCount> by_status{};
  /// fully_patched / in_scope x 100, 2 places half-even; none when nothing is in scope.
  std::optional<Decimal> compliance_percent;
  PatchBuckets missing_critical{};
  PatchBuckets missing_important{};
  std::int64_t reboot_pending = 0;  ///< devices
  std::int64_t failed = 0;          ///< patches
  std::int64_t installed_in_period = 0;
  std::optional<Decimal> median_days_to_patch;  ///< over every in-scope install of the period
  std::int64_t unmatched_patches = 0;
  std::int64_t count(PatchDeviceStatus s) const { return by_status[static_cast<std::size_t>(s)]; }
};

struct PatchComplianceResult {
  Instant as_of{};
  std::vector<DevicePatchCompliance> devices;  ///< one per device, in input order
  std::vector<ClientPatchCompliance> clients;  ///< by tenant name
};

/// Patch compliance of `devices` from `patches` as of `as_of`. Patches of devices not in the
/// list are counted per tenant as unmatched; duplicate devices are INVALID_ARGUMENT.
PatchComplianceResult patch_compliance(const std::vector<Device>& devices, const std::vector<PatchRecord>& patches,
                                       Instant as_of, const PatchPolicy& policy = {});

/// The result document {"as_of", "devices": [...], "clients": [...]} (decimals as text).
std::string patch_compliance_result_json(const PatchComplianceResult& result, const std::vector<Device>& devices);
/// The whole C ABI call: request {"as_of", "devices", "patches", "policy"} -> result document.
std::string patch_compliance_json(std::string_view request);

}  // namespace v1
}  // namespace mspcore
