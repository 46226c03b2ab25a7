// Datto RMM API v2: device pages -> Device, alert pages -> MonitoringEvent.
//
// Accepted: a page ({"pageDetails", "devices": [...]} or {"pageDetails", "alerts": [...]}), an
// array of pages, JSON Lines (a page a line), and a capture object keyed by request
// ("GET /api/v2/account/devices": page). Records are the elements of any "devices" or
// "alerts" array; every other member ("pageDetails", "_synthetic", "enums") is ignored.
//
// Mapping (docs/rmm-import.md has the table with the reasons):
//   device.uid -> id (required)            device.hostname -> name
//   device.siteName -> site, tenant        device.deviceType.category -> device_class
//   device.operatingSystem -> os           device.lastSeen (ISO) -> last_seen
//   device.online -> online                device.rebootRequired -> reboot_required
//   device.patchManagement.patchStatus -> patch_status
//   device.patchManagement.patchesApprovedPending -> patches_pending
//   device.deleted -> retired
//   alert.alertUid -> id (required)        alert.alertSourceInfo.deviceUid -> device_id (required)
//   alert.alertSourceInfo.siteName -> tenant
//   alert.alertContext["@class"] -> monitor, outage (online_offline_status_ctx, ping_ctx)
//   alert.priority -> priority             alert.timestamp (epoch ms) -> opened (required)
//   alert.resolvedOn (epoch ms) -> resolved (required when resolved is true)
//   alert.ticketNumber -> ticket           alert.diagnostics -> detail
#include "rmm/importers.hpp"

#include <array>
#include <utility>

namespace mspcore::rmm_import {
namespace {

DeviceClass device_class_of(std::string_view category) {
  const std::string c = lower(category);
  if (c == "server" || c == "esxi host") return DeviceClass::Server;
  if (c == "desktop" || c == "laptop" || c == "workstation") return DeviceClass::Workstation;
  if (c == "network device" || c == "network") return DeviceClass::Network;
  return DeviceClass::Other;  // printers, mobiles, unknown categories: no RPO, no patch scope
}

// Datto's patchStatus enum -> the normalised one. NoData: the agent has not reported yet.
constexpr std::array<std::pair<std::string_view, DevicePatchStatus>, 6> kPatchStatus{{
    {"NoPolicy", DevicePatchStatus::NoPolicy},
    {"NoData", DevicePatchStatus::Unknown},
    {"RebootRequired", DevicePatchStatus::RebootRequired},
    {"InstallError", DevicePatchStatus::InstallError},
    {"ApprovedPending", DevicePatchStatus::Pending},
    {"FullyPatched", DevicePatchStatus::FullyPatched},
}};

constexpr std::array<std::pair<std::string_view, EventPriority>, 6> kPriority{{
    {"Critical", EventPriority::Critical},
    {"High", EventPriority::High},
    {"Moderate", EventPriority::Moderate},
    {"Low", EventPriority::Low},
    {"Information", EventPriority::Information},
    {"Unknown", EventPriority::Unknown},
}};

// The alert contexts that mean the device (not one of its services or resources) is down.
bool is_outage_monitor(std::string_view context) {
  return context == "online_offline_status_ctx" || context == "ping_ctx";
}

void read_device(Emitter& out, const json& d, std::size_t number) {
  const RowContext row{out, number};
  Device dev;
  dev.source = out.source();
  dev.id = text_field(row, d, "uid", "uid");
  if (dev.id.empty()) {
    row.issue("uid", ErrorCode::INVALID_ARGUMENT, "device without a uid (hostname " +
                                                      quoted(text_field(row, d, "hostname", "hostname")) + ")");
    return;
  }
  dev.site = text_field(row, d, "siteName", "siteName");
  auto tenant = out.tenant(dev.site, number, "siteName");
  if (!tenant) return;
  dev.tenant = *tenant;
  dev.name = text_field(row, d, "hostname", "hostname");
  dev.os = text_field(row, d, "operatingSystem", "operatingSystem");
  if (const json* type = member(d, "deviceType")) {
    dev.device_class = device_class_of(text_field(row, *type, "category", "deviceType.category"));
  }
  dev.last_seen = iso_instant(row, member(d, "lastSeen"), "lastSeen");
  dev.online = bool_field(row, d, "online", "online");
  dev.reboot_required = bool_field(row, d, "rebootRequired", "rebootRequired").value_or(false);
  dev.retired = bool_field(row, d, "deleted", "deleted").value_or(false);
  if (const json* pm = member(d, "patchManagement")) {
    const std::string status = text_field(row, *pm, "patchStatus", "patchManagement.patchStatus");
    bool known = status.empty();
    for (const auto& [name, value] : kPatchStatus) {
      if (status == name) {
        dev.patch_status = value;
        known = true;
      }
    }
    if (!known) {
      row.issue("patchManagement.patchStatus", ErrorCode::INVALID_ARGUMENT,
                "unknown patchStatus " + quoted(status) + " (device imported with patch_status unknown)");
    }
    dev.patches_pending = int_value(row, member(*pm, "patchesApprovedPending"), "patchManagement.patchesApprovedPending");
    if (dev.patches_pending && *dev.patches_pending < 0) {
      row.issue("patchManagement.patchesApprovedPending", ErrorCode::OUT_OF_RANGE,
                "patchesApprovedPending " + std::to_string(*dev.patches_pending) + " is negative");
      dev.patches_pending.reset();
    }
  }
  out.add(std::move(dev));
}

void read_alert(Emitter& out, const json& a, std::size_t number) {
  const RowContext row{out, number};
  MonitoringEvent ev;
  ev.source = out.source();
  ev.id = text_field(row, a, "alertUid", "alertUid");
  if (ev.id.empty()) {
    row.issue("alertUid", ErrorCode::INVALID_ARGUMENT, "alert without an alertUid");
    return;
  }
  const json* src = member(a, "alertSourceInfo");
  ev.device_id = src ? text_field(row, *src, "deviceUid", "alertSourceInfo.deviceUid") : "";
  if (ev.device_id.empty()) {
    row.issue("alertSourceInfo.deviceUid", ErrorCode::INVALID_ARGUMENT,
              "alert " + quoted(ev.id) + " names no device (alertSourceInfo.deviceUid)");
    return;
  }
  auto tenant = out.tenant(src ? text_field(row, *src, "siteName", "alertSourceInfo.siteName") : "", number,
                           "alertSourceInfo.siteName");
  if (!tenant) return;
  ev.tenant = *tenant;
  const json* ts = member(a, "timestamp");
  if (ts == nullptr) {
    row.issue("timestamp", ErrorCode::INVALID_ARGUMENT, "alert " + quoted(ev.id) + " has no timestamp");
    return;
  }
  const auto opened_ms = epoch_value(row, ts, "timestamp", EpochUnit::Milliseconds);
  if (!opened_ms) return;
  if (*opened_ms == 0) {
    row.issue("timestamp", ErrorCode::INVALID_ARGUMENT, "alert " + quoted(ev.id) + " has timestamp 0");
    return;
  }
  ev.opened = from_unix_seconds(*opened_ms / 1000);  // milliseconds truncated to the second
  const bool resolved = bool_field(row, a, "resolved", "resolved").value_or(false);
  if (const json* on = member(a, "resolvedOn")) {
    const auto resolved_ms = epoch_value(row, on, "resolvedOn", EpochUnit::Milliseconds);
    if (!resolved_ms) return;  // a resolution time we cannot read: the event's length is unknown
    if (*resolved_ms != 0) ev.resolved = from_unix_seconds(*resolved_ms / 1000);
  }
  if (resolved && !ev.resolved) {
    row.issue("resolvedOn", ErrorCode::INVALID_ARGUMENT,
              "alert " + quoted(ev.id) + " is resolved but has no resolvedOn: its duration is unknown");
    return;
  }
  if (ev.resolved && *ev.resolved < ev.opened) {
    row.issue("resolvedOn", ErrorCode::INVALID_TIMELINE,
              "alert " + quoted(ev.id) + " resolvedOn " + format_instant(*ev.resolved) + " is before its timestamp " +
                  format_instant(ev.opened));
    return;
  }
  if (const json* ctx = member(a, "alertContext")) ev.monitor = text_field(row, *ctx, "@class", "alertContext.@class");
  ev.outage = is_outage_monitor(ev.monitor);
  const std::string priority = text_field(row, a, "priority", "priority");
  bool known = priority.empty();
  for (const auto& [name, value] : kPriority) {
    if (priority == name) {
      ev.priority = value;
      known = true;
    }
  }
  if (!known) {
    row.issue("priority", ErrorCode::INVALID_ARGUMENT,
              "unknown priority " + quoted(priority) + " (event imported with priority unknown)");
  }
  ev.ticket = text_field(row, a, "ticketNumber", "ticketNumber");
  ev.detail = text_field(row, a, "diagnostics", "diagnostics");
  out.add(std::move(ev));
}

class DattoRmmFormat : public JsonFormat {
 public:
  explicit DattoRmmFormat(Emitter& out) : out_(out) {}
  bool saw_page() const noexcept { return pages_; }

  Role role(const Where& w) const override {
    if (!w.in_array && w.kind == Kind::Array && (w.key == "devices" || w.key == "alerts")) pages_ = true;
    return w.in_array && (w.key == "devices" || w.key == "alerts") ? Role::Record : Role::Pass;
  }
  void record(json&& value, const Where& w, std::size_t number) override {
    const bool device = w.key == "devices";
    if (!value.is_object()) {
      out_.issue(number, "", ErrorCode::INVALID_TYPE,
                 std::string(device ? "a device" : "an alert") + " must be an object, got " + shown(value));
      return;
    }
    if (device) read_device(out_, value, number);
    else read_alert(out_, value, number);
  }

 private:
  Emitter& out_;
  mutable bool pages_ = false;
};

}  // namespace

void import_datto_rmm(Source& source, Emitter& out) {
  DattoRmmFormat format(out);
  stream_json(source, format);
  if (!format.saw_page()) {
    throw Error(ErrorCode::PARSE_ERROR, quoted(source.name()) +
                                            ": not a Datto RMM export: no \"devices\" or \"alerts\" page in it");
  }
}

}  // namespace mspcore::rmm_import
