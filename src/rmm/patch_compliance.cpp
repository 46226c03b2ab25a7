// Patch compliance per device and per client (docs/rmm-patch-compliance.md).
#include <mspcore/rmm/backup_compliance.hpp>  // DeviceIndex
#include <mspcore/rmm/patch_compliance.hpp>

#include <mspcore/core/error.hpp>
#include <mspcore/money/rounding.hpp>

#include "core/enum_names.hpp"

#include <algorithm>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::array<std::string_view, kPatchDeviceStatusCount> kStatusNames{"fully_patched", "not_patched",
                                                                             "unknown", "out_of_scope"};
constexpr std::array<std::string_view, kPatchAgeBucketCount> kBucketNames{"0_7", "8_30", "31_90", "over_90",
                                                                          "unknown"};

std::optional<Decimal> percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::nullopt;
  return Decimal::divide(Decimal(part) * Decimal(100), Decimal(whole), 2, RoundingMode::HalfEven);
}

bool installed(PatchState s) { return s == PatchState::Installed; }

// Days from release to install: whole UTC calendar days; on or before the release day is 0.
std::int64_t days_to_patch(std::chrono::sys_days released, Instant at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  return std::max<std::int64_t>(0, (day - released).count());
}

// The summary of an RMM that sent no patch records (Datto RMM's patchStatus).
void judge_summary(DevicePatchCompliance& c, const Device& d) {
  c.from_summary = true;
  c.missing = d.patches_pending.value_or(0);
  c.reboot_pending = d.reboot_required || d.patch_status == DevicePatchStatus::RebootRequired;
  switch (d.patch_status) {
    case DevicePatchStatus::FullyPatched:
      if (c.reboot_pending) {
        c.status = PatchDeviceStatus::NotPatched;
        c.reason_code = "reboot_pending";
        c.reason = "RMM summary: fully patched, but a reboot is pending";
      } else {
        c.status = PatchDeviceStatus::FullyPatched;
        c.reason_code = "summary_fully_patched";
        c.reason = "RMM summary: fully patched";
      }
      return;
    case DevicePatchStatus::Pending:
      c.status = PatchDeviceStatus::NotPatched;
      c.reason_code = "summary_pending";
      c.reason = "RMM summary: patches pending" + (d.patches_pending ? " (" + std::to_string(*d.patches_pending) + ")" : std::string());
      return;
    case DevicePatchStatus::RebootRequired:
      c.status = PatchDeviceStatus::NotPatched;
      c.reason_code = "reboot_pending";
      c.reason = "RMM summary: reboot required";
      return;
    case DevicePatchStatus::InstallError:
      c.status = PatchDeviceStatus::NotPatched;
      c.reason_code = "summary_install_error";
      c.reason = "RMM summary: install error";
      return;
    case DevicePatchStatus::NoPolicy:
      c.status = PatchDeviceStatus::Unknown;
      c.reason_code = "summary_no_policy";
      c.reason = "RMM summary: no patch policy applies to the device";
      return;
    case DevicePatchStatus::Unknown:
      break;
  }
  c.status = PatchDeviceStatus::Unknown;
  c.reason_code = "no_data";
  c.reason = "no patch records and no RMM patch summary";
}

}  // namespace

std::string_view to_string(PatchDeviceStatus s) noexcept { return kStatusNames[static_cast<std::size_t>(s)]; }
PatchDeviceStatus parse_patch_device_status(std::string_view text) {
  return detail::parse_enum_name<PatchDeviceStatus>(text, kStatusNames, "patch device status");
}
std::string_view to_string(PatchAgeBucket b) noexcept { return kBucketNames[static_cast<std::size_t>(b)]; }

PatchAgeBucket patch_age_bucket(std::int64_t days) noexcept {
  if (days <= 7) return PatchAgeBucket::Days0To7;
  if (days <= 30) return PatchAgeBucket::Days8To30;
  if (days <= 90) return PatchAgeBucket::Days31To90;
  return PatchAgeBucket::Over90;
}

std::optional<Decimal> median_days(std::vector<std::int64_t> days) {
  if (days.empty()) return std::nullopt;
  const std::size_t mid = days.size() / 2;
  std::nth_element(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(mid), days.end());
  const std::int64_t upper = days[mid];
  if (days.size() % 2 == 1) return Decimal(upper);
  const std::int64_t lower = *std::max_element(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(mid));
  // (lower + upper) / 2 is exact to one place.
  return Decimal::divide(Decimal(lower) + Decimal(upper), Decimal(2), 1, RoundingMode::HalfEven).normalized();
}

PatchComplianceResult patch_compliance(const std::vector<Device>& devices, const std::vector<PatchRecord>& patches,
                                       Instant as_of, const PatchPolicy& policy) {
  const DeviceIndex index(devices);
  const auto today = std::chrono::floor<std::chrono::days>(as_of);
  const std::int64_t now = unix_seconds(as_of);
  const std::int64_t period_start = now - policy.period_days * 86400;  // exclusive

  PatchComplianceResult out;
  out.as_of = as_of;
  out.devices.resize(devices.size());
  std::vector<bool> has_records(devices.size(), false);
  std::vector<std::vector<std::int64_t>> days_of(devices.size());
  std::map<std::string, std::int64_t> unmatched;
  for (const PatchRecord& p : patches) {
    const std::uint32_t d = index.find(p.tenant, p.device_id);
    if (d == kNoDevice) {
      ++unmatched[p.tenant];
      continue;
    }
    DevicePatchCompliance& c = out.devices[d];
    has_records[d] = true;
    if ((p.state == PatchState::Declined && policy.exclude_declined) ||
        (p.state == PatchState::Superseded && policy.exclude_superseded)) {
      ++c.excluded;
      continue;
    }
    if (installed(p.state)) {
      if (p.reboot_required) c.reboot_pending = true;
      if (p.installed_at && p.released && unix_seconds(*p.installed_at) > period_start &&
          unix_seconds(*p.installed_at) <= now) {
        days_of[d].push_back(days_to_patch(*p.released, *p.installed_at));
      }
      continue;
    }
    // Not installed: missing, pending, failed, and declined or superseded when the policy keeps them.
    if (p.state == PatchState::Failed) ++c.failed;
    if (!policy.required[static_cast<std::size_t>(p.severity)]) continue;
    ++c.missing;
    const PatchAgeBucket b = p.released ? patch_age_bucket((today - *p.released).count()) : PatchAgeBucket::Unknown;
    if (p.severity == PatchSeverity::Critical) ++c.missing_critical[static_cast<std::size_t>(b)];
    if (p.severity == PatchSeverity::Important) ++c.missing_important[static_cast<std::size_t>(b)];
  }

  for (std::size_t d = 0; d < devices.size(); ++d) {
    const Device& dev = devices[d];
    DevicePatchCompliance& c = out.devices[d];
    c.installed_in_period = static_cast<std::int64_t>(days_of[d].size());
    c.median_days_to_patch = median_days(days_of[d]);
    if (dev.retired) {
      c.status = PatchDeviceStatus::OutOfScope;
      c.reason_code = "retired";
      c.reason = "retired at the vendor: not counted";
      continue;
    }
    if (!policy.in_scope[static_cast<std::size_t>(dev.device_class)]) {
      c.status = PatchDeviceStatus::OutOfScope;
      c.reason_code = "class_out_of_scope";
      c.reason = "device class " + std::string(to_string(dev.device_class)) + " is not in the patch policy's scope";
      continue;
    }
    if (!has_records[d]) {
      judge_summary(c, dev);
      continue;
    }
    c.reboot_pending = c.reboot_pending || dev.reboot_required;
    if (c.missing > 0) {
      c.status = PatchDeviceStatus::NotPatched;
      c.reason_code = c.failed > 0 ? "failed_installs" : "missing_patches";
      c.reason = std::to_string(c.missing) + " required patch(es) not installed" +
                 (c.failed > 0 ? ", " + std::to_string(c.failed) + " failed" : std::string());
    } else if (c.reboot_pending) {
      c.status = PatchDeviceStatus::NotPatched;
      c.reason_code = "reboot_pending";
      c.reason = "every required patch installed, a reboot is pending";
    } else {
      c.status = PatchDeviceStatus::FullyPatched;
      c.reason_code = "fully_patched";
      c.reason = "every required patch installed";
    }
  }

  std::map<std::string, ClientPatchCompliance> clients;
  std::map<std::string, std::vector<std::int64_t>> client_days;
  for (std::size_t d = 0; d < devices.size(); ++d) {
    ClientPatchCompliance& c = clients[devices[d].tenant];
    const DevicePatchCompliance& x = out.devices[d];
    ++c.devices;
    ++c.by_status[static_cast<std::size_t>(x.status)];
    if (x.status == PatchDeviceStatus::OutOfScope) continue;
    for (std::size_t b = 0; b < kPatchAgeBucketCount; ++b) {
      c.missing_critical[b] += x.missing_critical[b];
      c.missing_important[b] += x.missing_important[b];
    }
    c.reboot_pending += x.reboot_pending ? 1 : 0;
    c.failed += x.failed;
    c.installed_in_period += x.installed_in_period;
    auto& all = client_days[devices[d].tenant];
    all.insert(all.end(), days_of[d].begin(), days_of[d].end());
  }
  for (const auto& [tenant, n] : unmatched) clients[tenant].unmatched_patches += n;
  for (auto& [tenant, c] : clients) {
    c.tenant = tenant;
    c.in_scope = c.devices - c.count(PatchDeviceStatus::OutOfScope);
    c.compliance_percent = percent(c.count(PatchDeviceStatus::FullyPatched), c.in_scope);
    c.median_days_to_patch = median_days(client_days[tenant]);
    out.clients.push_back(std::move(c));
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
