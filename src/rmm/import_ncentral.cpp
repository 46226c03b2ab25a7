// N-able N-central CSV export (devices with their patch status) -> Device and PatchRecord.
//
// A header row is required; every column must be one of kColumns (an unknown column or a
// missing required one is PARSE_ERROR naming it, so a renamed column never drops data
// silently). A row is one device, or one patch of a device when "Patch ID" is filled; a device
// is emitted once, from its first row. Column names follow N-central's device list and patch
// status views (docs/rmm-import.md: there was no sample export; the names are documented
// there and are the contract).
#include "rmm/importers.hpp"

#include <array>
#include <set>

namespace mspcore::rmm_import {
namespace {

enum Col : std::size_t {
  DeviceId, DeviceName, CustomerName, DeviceClassCol, SiteName, Os, LastCheckIn, PatchId, PatchName, Severity,
  InstallationStatus, ApprovalStatus, ReleaseDate, InstalledOn, RebootRequired, kColCount
};

constexpr std::array<std::string_view, kColCount> kColumns{
    "Device ID", "Device Name", "Customer Name", "Device Class", "Site Name", "OS", "Last Check-in", "Patch ID",
    "Patch Name", "Severity", "Installation Status", "Approval Status", "Release Date", "Installed On",
    "Reboot Required"};
constexpr std::array<Col, 4> kRequired{DeviceId, DeviceName, CustomerName, DeviceClassCol};

DeviceClass class_of(const std::string& text) {
  const std::string c = lower(text);
  auto starts = [&](std::string_view p) { return c.rfind(p, 0) == 0; };
  if (starts("server")) return DeviceClass::Server;
  if (starts("workstation") || starts("laptop") || starts("desktop")) return DeviceClass::Workstation;
  for (std::string_view n : {"switch", "router", "firewall", "network", "access point"}) {
    if (c.find(n) != std::string::npos) return DeviceClass::Network;
  }
  return DeviceClass::Other;  // printers, mobile devices, "Other"
}

struct Header {
  std::array<std::size_t, kColCount> index;  // column position, or npos
  std::size_t width = 0;
  bool has(Col c) const { return index[c] != std::string::npos; }
};

Header read_header(const CsvRecord& rec, const std::string& file) {
  Header h;
  h.index.fill(std::string::npos);
  h.width = rec.fields.size();
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    std::string name = rec.fields[i];
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);  // a UTF-8 byte order mark
    std::size_t k = 0;
    while (k < kColCount && kColumns[k] != name) ++k;
    if (k == kColCount) {
      std::string known;
      for (std::string_view c : kColumns) known += (known.empty() ? "" : ", ") + std::string(c);
      throw Error(ErrorCode::PARSE_ERROR, quoted(file) + ": line " + std::to_string(rec.line) + ": unknown column " +
                                              quoted(name) + " (known: " + known + ")");
    }
    if (h.index[k] != std::string::npos) {
      throw Error(ErrorCode::PARSE_ERROR,
                  quoted(file) + ": line " + std::to_string(rec.line) + ": column " + quoted(name) + " appears twice");
    }
    h.index[k] = i;
  }
  for (Col c : kRequired) {
    if (!h.has(c)) {
      throw Error(ErrorCode::PARSE_ERROR, quoted(file) + ": line " + std::to_string(rec.line) +
                                              ": missing required column " + quoted(std::string(kColumns[c])));
    }
  }
  if (h.has(PatchId) && !h.has(InstallationStatus)) {
    throw Error(ErrorCode::PARSE_ERROR, quoted(file) + ": line " + std::to_string(rec.line) +
                                            ": column 'Patch ID' needs column 'Installation Status'");
  }
  return h;
}

std::optional<bool> yes_no(const RowContext& row, const std::string& text, const std::string& field) {
  const std::string t = lower(text);
  if (t.empty()) return std::nullopt;
  if (t == "yes" || t == "true" || t == "1") return true;
  if (t == "no" || t == "false" || t == "0") return false;
  row.issue(field, ErrorCode::INVALID_ARGUMENT, field + ": expected Yes or No, got " + quoted(text));
  return std::nullopt;
}

void read_patch(const RowContext& row, const Header& h, const CsvRecord& rec, const Device& dev) {
  auto get = [&](Col c) { return h.has(c) ? rec.fields[h.index[c]] : std::string(); };
  PatchRecord p;
  p.tenant = dev.tenant;
  p.device_id = dev.id;
  p.source = dev.source;
  p.patch_id = get(PatchId);
  p.title = get(PatchName);
  const std::string status = lower(get(InstallationStatus));
  if (status == "installed") p.state = PatchState::Installed;
  else if (status == "installed - reboot required" || status == "installed pending reboot") {
    p.state = PatchState::Installed;
    p.reboot_required = true;
  } else if (status == "missing" || status == "not installed") p.state = PatchState::Missing;
  else if (status == "pending" || status == "pending install" || status == "downloading" || status == "installing")
    p.state = PatchState::Pending;
  else if (status == "failed" || status == "install failed") p.state = PatchState::Failed;
  else if (status == "superseded") p.state = PatchState::Superseded;
  else {
    row.issue("Installation Status", ErrorCode::INVALID_ARGUMENT,
              "patch " + quoted(p.patch_id) + " of " + quoted(dev.id) + ": unknown Installation Status " +
                  quoted(get(InstallationStatus)));
    return;
  }
  const std::string approval = lower(get(ApprovalStatus));
  if (approval == "declined") {
    if (p.state != PatchState::Installed) p.state = PatchState::Declined;
  } else if (!approval.empty() && approval != "approved for install" && approval != "approved" &&
             approval != "not approved" && approval != "no approval" && approval != "approved for removal") {
    row.issue("Approval Status", ErrorCode::INVALID_ARGUMENT,
              "patch " + quoted(p.patch_id) + ": unknown Approval Status " + quoted(get(ApprovalStatus)) +
                  " (imported as not declined)");
  }
  const std::string severity = lower(get(Severity));
  if (severity == "critical") p.severity = PatchSeverity::Critical;
  else if (severity == "important") p.severity = PatchSeverity::Important;
  else if (severity == "moderate") p.severity = PatchSeverity::Moderate;
  else if (severity == "low") p.severity = PatchSeverity::Low;
  else if (!severity.empty() && severity != "unspecified") {
    row.issue("Severity", ErrorCode::INVALID_ARGUMENT,
              "patch " + quoted(p.patch_id) + ": unknown Severity " + quoted(get(Severity)) + " (imported as unspecified)");
  }
  if (const std::string released = get(ReleaseDate); !released.empty()) {
    try {
      p.released = parse_date(released);
    } catch (const Error& e) {
      row.issue("Release Date", e.code(), std::string("Release Date: ") + e.what());
    }
  }
  if (const std::string installed = get(InstalledOn); !installed.empty()) {
    p.installed_at = iso_instant_text(row, installed, "Installed On");
  }
  if (const auto reboot = yes_no(row, get(RebootRequired), "Reboot Required")) p.reboot_required = *reboot;
  row.out.add(std::move(p));
}

}  // namespace

void import_ncentral(Source& source, Emitter& out) {
  CsvReader reader(source);
  CsvRecord rec;
  if (!reader.next(rec)) {
    throw Error(ErrorCode::PARSE_ERROR, quoted(source.name()) + ": empty file: an N-central CSV export needs its header row");
  }
  const Header h = read_header(rec, source.name());
  std::set<std::string> seen;  // device ids emitted (a device repeats on each of its patch rows)
  while (reader.next(rec)) {
    const RowContext row{out, rec.line};
    if (rec.fields.size() != h.width) {
      row.issue("", ErrorCode::INVALID_ARGUMENT, "row has " + std::to_string(rec.fields.size()) + " fields, the header " +
                                                     std::to_string(h.width));
      continue;
    }
    auto get = [&](Col c) { return h.has(c) ? rec.fields[h.index[c]] : std::string(); };
    Device dev;
    dev.source = out.source();
    dev.id = get(DeviceId);
    if (dev.id.empty()) {
      row.issue("Device ID", ErrorCode::INVALID_ARGUMENT, "row without a Device ID (Device Name " + quoted(get(DeviceName)) + ")");
      continue;
    }
    dev.site = get(CustomerName);
    auto tenant = out.tenant(dev.site, rec.line, "Customer Name");
    if (!tenant) continue;
    dev.tenant = *tenant;
    dev.name = get(DeviceName);
    dev.device_class = class_of(get(DeviceClassCol));
    dev.os = get(Os);
    if (const std::string site = get(SiteName); !site.empty()) dev.site = dev.site + " / " + site;
    if (const std::string seen_at = get(LastCheckIn); !seen_at.empty()) {
      dev.last_seen = iso_instant_text(row, seen_at, "Last Check-in");
    }
    const bool first = seen.insert(dev.id).second;
    const bool patch_row = h.has(PatchId) && !get(PatchId).empty();
    if (first) {
      Device copy = dev;
      out.add(std::move(copy));
    }
    if (patch_row) read_patch(row, h, rec, dev);
  }
}

}  // namespace mspcore::rmm_import
