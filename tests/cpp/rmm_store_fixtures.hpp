// Records for the RMM store's tests: small, complete, each field set to a value of its own.
#pragma once

#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/normalised.hpp>
#include <mspcore/time/instant.hpp>

#include <string>

namespace mspcore::test {

inline Device device(const std::string& tenant, const std::string& id, const std::string& name = "host") {
  Device d;
  d.tenant = tenant;
  d.source = "datto_rmm";
  d.id = id;
  d.name = name;
  d.device_class = DeviceClass::Server;
  d.os = "Windows Server 2022";
  d.site = tenant + " HQ";
  d.last_seen = parse_instant("2025-03-01T08:00:00Z");
  d.online = true;
  d.patch_status = DevicePatchStatus::Pending;
  d.patches_pending = 3;
  return d;
}

inline BackupResult result(const std::string& tenant, const std::string& device_id, const std::string& id,
                           const char* at = "2025-03-01T02:00:00Z") {
  BackupResult r;
  r.tenant = tenant;
  r.device_id = device_id;
  r.source = "cove";
  r.id = id;
  r.at = parse_instant(at);
  r.outcome = BackupOutcome::SuccessWithExceptions;
  r.copy = BackupCopy::Offsite;
  r.verification = Verification::Passed;
  r.data_source = "files";
  r.errors = 2;
  r.detail = "completed with errors";
  return r;
}

inline PatchRecord patch(const std::string& tenant, const std::string& device_id, const std::string& patch_id) {
  PatchRecord p;
  p.tenant = tenant;
  p.device_id = device_id;
  p.source = "datto_rmm";
  p.patch_id = patch_id;
  p.title = "Cumulative update";
  p.severity = PatchSeverity::Critical;
  p.state = PatchState::Installed;
  p.released = std::chrono::sys_days{std::chrono::year{2025} / 2 / 11};
  p.installed_at = parse_instant("2025-02-14T03:00:00Z");
  p.reboot_required = true;
  return p;
}

inline MonitoringEvent event(const std::string& tenant, const std::string& device_id, const std::string& id) {
  MonitoringEvent e;
  e.tenant = tenant;
  e.device_id = device_id;
  e.source = "datto_rmm";
  e.id = id;
  e.monitor = "online_offline_status_ctx";
  e.priority = EventPriority::High;
  e.opened = parse_instant("2025-03-02T10:00:00Z");
  e.resolved = parse_instant("2025-03-02T10:45:00Z");
  e.outage = true;
  e.ticket = "T-1001";
  e.detail = "device offline";
  return e;
}

}  // namespace mspcore::test
