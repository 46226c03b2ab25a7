// Names of the normalised RMM and backup enums.
#include <mspcore/rmm/normalised.hpp>

#include "core/enum_names.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {

using detail::parse_enum_name;

namespace {

constexpr std::array<std::string_view, kRmmVendorCount> kVendors{"datto_rmm", "datto_bcdr", "cove", "ncentral"};
constexpr std::array<std::string_view, kDeviceClassCount> kClasses{"server", "workstation", "network", "cloud",
                                                                   "other"};
constexpr std::array<std::string_view, 6> kDevicePatch{"unknown", "no_policy",       "fully_patched",
                                                       "pending", "reboot_required", "install_error"};
constexpr std::array<std::string_view, kBackupOutcomeCount> kOutcomes{
    "success", "success_with_exceptions", "warning", "failed", "missed", "not_expected"};
constexpr std::array<std::string_view, 2> kCopies{"local", "offsite"};
constexpr std::array<std::string_view, 3> kVerifications{"none", "passed", "failed"};
constexpr std::array<std::string_view, 5> kSeverities{"critical", "important", "moderate", "low", "unspecified"};
constexpr std::array<std::string_view, 6> kPatchStates{"installed", "missing",  "pending",
                                                       "failed",    "declined", "superseded"};
constexpr std::array<std::string_view, 6> kPriorities{"critical", "high", "moderate", "low", "information", "unknown"};

template <class Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::string_view, N>& names) noexcept {
  return names[static_cast<std::size_t>(value)];
}

}  // namespace

std::string_view to_string(RmmVendor v) noexcept { return name_of(v, kVendors); }
RmmVendor parse_rmm_vendor(std::string_view text) { return parse_enum_name<RmmVendor>(text, kVendors, "vendor"); }

std::string_view to_string(DeviceClass c) noexcept { return name_of(c, kClasses); }
DeviceClass parse_device_class(std::string_view text) {
  return parse_enum_name<DeviceClass>(text, kClasses, "device class");
}

std::string_view to_string(DevicePatchStatus s) noexcept { return name_of(s, kDevicePatch); }
DevicePatchStatus parse_device_patch_status(std::string_view text) {
  return parse_enum_name<DevicePatchStatus>(text, kDevicePatch, "device patch status");
}

std::string_view to_string(BackupOutcome o) noexcept { return name_of(o, kOutcomes); }
BackupOutcome parse_backup_outcome(std::string_view text) {
  return parse_enum_name<BackupOutcome>(text, kOutcomes, "backup outcome");
}

std::string_view to_string(BackupCopy c) noexcept { return name_of(c, kCopies); }
BackupCopy parse_backup_copy(std::string_view text) { return parse_enum_name<BackupCopy>(text, kCopies, "backup copy"); }

std::string_view to_string(Verification v) noexcept { return name_of(v, kVerifications); }
Verification parse_verification(std::string_view text) {
  return parse_enum_name<Verification>(text, kVerifications, "verification");
}

std::string_view to_string(PatchSeverity s) noexcept { return name_of(s, kSeverities); }
PatchSeverity parse_patch_severity(std::string_view text) {
  return parse_enum_name<PatchSeverity>(text, kSeverities, "patch severity");
}

std::string_view to_string(PatchState s) noexcept { return name_of(s, kPatchStates); }
PatchState parse_patch_state(std::string_view text) {
  return parse_enum_name<PatchState>(text, kPatchStates, "patch state");
}

std::string_view to_string(EventPriority p) noexcept { return name_of(p, kPriorities); }
EventPriority parse_event_priority(std::string_view text) {
  return parse_enum_name<EventPriority>(text, kPriorities, "event priority");
}

}  // namespace v1
}  // namespace mspcore
