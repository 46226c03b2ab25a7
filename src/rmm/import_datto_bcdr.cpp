// Datto BCDR (Unified Continuity API) assets and SaaS Protection domains -> Device and
// BackupResult.
//
// Accepted: an array of assets and/or domains (the body of GET /v1/bcdr/device/{serial}/asset
// or GET /v1/saas/domains), a paged body {"pagination", "items": [...]}, JSON Lines (one
// record or array a line), and a capture object keyed by request ("GET /v1/...": array);
// other capture members ("notes", "_field_sources") are ignored. A record with
// "saasCustomerId" is a SaaS domain; one with "volume", "backups" or "agentVersion" an asset.
//
// Mapping (docs/rmm-import.md):
//   asset.volume -> id (else asset.name)   asset.name -> name       asset.os -> os
//   asset.clientCompanyName -> site, tenant (else ImportOptions.default_tenant)
//   asset.os contains "server" -> server, else workstation; type "share" -> other
//   isPaused / isArchived / type "share" -> backup_expected false; isArchived -> retired
//   backups[]: timestamp (ISO) -> at, backup.status -> outcome, screenshotVerification
//     (else localVerification) -> verification, localVerification.errors -> errors; local copy
//   latestOffsite (epoch SECONDS, 0 = never) -> an offsite BackupResult
//   domain.saasCustomerId -> id, domain.domain -> name, saasCustomerName -> site, tenant,
//     productType -> os, class cloud; backupStats has no time: an issue says so, no result.
#include "rmm/importers.hpp"

namespace mspcore::rmm_import {
namespace {

bool is_domain(const json& o) { return o.is_object() && o.contains("saasCustomerId"); }
bool is_asset(const json& o) {
  return o.is_object() && (o.contains("volume") || o.contains("backups") || o.contains("agentVersion"));
}

DeviceClass class_of_os(const std::string& os) {
  if (os.empty()) return DeviceClass::Other;
  return lower(os).find("server") != std::string::npos ? DeviceClass::Server : DeviceClass::Workstation;
}

std::optional<Verification> verification_of(const RowContext& row, const json* status, const std::string& field) {
  if (status == nullptr) return std::nullopt;
  const std::string s = status->is_string() ? lower(status->get<std::string>()) : "";
  if (s == "success" || s == "passed") return Verification::Passed;
  if (s == "failure" || s == "failed" || s == "error") return Verification::Failed;
  if (s == "pending" || s == "notrun" || s == "not_run") return std::nullopt;
  row.issue(field, ErrorCode::INVALID_ARGUMENT, field + ": unknown verification status " + shown(*status));
  return std::nullopt;
}

void read_backup(const RowContext& row, const Device& dev, const json& b, std::size_t index) {
  const std::string at_field = "backups[" + std::to_string(index) + "].timestamp";
  if (!b.is_object()) {
    row.issue("backups[" + std::to_string(index) + "]", ErrorCode::INVALID_TYPE,
              "a backup must be an object, got " + shown(b));
    return;
  }
  const json* ts = member(b, "timestamp");
  if (ts == nullptr) {
    row.issue(at_field, ErrorCode::INVALID_ARGUMENT, "backup of " + quoted(dev.id) + " without a timestamp");
    return;
  }
  const auto at = iso_instant(row, ts, at_field);
  if (!at) return;
  BackupResult r;
  r.tenant = dev.tenant;
  r.device_id = dev.id;
  r.source = dev.source;
  r.at = *at;
  r.id = dev.id + "/local/" + format_instant(*at);
  r.copy = BackupCopy::Local;
  r.data_source = "image";
  const json* backup = member(b, "backup");
  const std::string status_field = "backups[" + std::to_string(index) + "].backup.status";
  const std::string status = backup ? text_field(row, *backup, "status", status_field) : "";
  const std::string message = backup ? text_field(row, *backup, "errorMessage", status_field) : "";
  const std::string s = lower(status);
  if (s == "success") {
    r.outcome = message.empty() ? BackupOutcome::Success : BackupOutcome::SuccessWithExceptions;
  } else if (s == "failed" || s == "failure" || s == "error") {
    r.outcome = BackupOutcome::Failed;
  } else {
    row.issue(status_field, ErrorCode::INVALID_ARGUMENT,
              "backup of " + quoted(dev.id) + " at " + format_instant(*at) + ": unknown backup.status " + quoted(status));
    return;
  }
  r.detail = message.empty() ? status : status + ": " + message;
  const json* local = member(b, "localVerification");
  const std::string prefix = "backups[" + std::to_string(index) + "].";
  std::optional<Verification> v;
  if (const json* adv = member(b, "advancedVerification")) {
    if (const json* shot = member(*adv, "screenshotVerification")) {
      v = verification_of(row, member(*shot, "status"), prefix + "advancedVerification.screenshotVerification.status");
    }
  }
  if (!v && local) v = verification_of(row, member(*local, "status"), prefix + "localVerification.status");
  r.verification = v.value_or(Verification::None);
  if (local) {
    if (const json* errors = member(*local, "errors"); errors && errors->is_array()) {
      r.errors = static_cast<std::int64_t>(errors->size());
    }
  }
  row.out.add(std::move(r));
}

void read_asset(Emitter& out, const json& a, std::size_t number) {
  const RowContext row{out, number};
  Device dev;
  dev.source = out.source();
  dev.name = text_field(row, a, "name", "name");
  dev.id = text_field(row, a, "volume", "volume");
  if (dev.id.empty()) dev.id = dev.name;
  if (dev.id.empty()) {
    row.issue("volume", ErrorCode::INVALID_ARGUMENT, "asset without a volume or a name");
    return;
  }
  dev.site = text_field(row, a, "clientCompanyName", "clientCompanyName");
  auto tenant = out.tenant(dev.site, number, "clientCompanyName");
  if (!tenant) return;
  dev.tenant = *tenant;
  dev.os = text_field(row, a, "os", "os");
  const std::string type = text_field(row, a, "type", "type");
  const bool share = lower(type) == "share";
  dev.device_class = share ? DeviceClass::Other : class_of_os(dev.os);
  const bool paused = bool_field(row, a, "isPaused", "isPaused").value_or(false);
  const bool archived = bool_field(row, a, "isArchived", "isArchived").value_or(false);
  dev.backup_expected = !(paused || archived || share);
  dev.retired = archived;
  // Read the offsite time before the device is handed over.
  const auto offsite = epoch_instant(row, member(a, "latestOffsite"), "latestOffsite", EpochUnit::Seconds);
  const Device copy = dev;
  out.add(std::move(dev));
  if (const json* backups = member(a, "backups")) {
    if (!backups->is_array()) {
      row.issue("backups", ErrorCode::INVALID_TYPE, "backups: expected a list, got " + shown(*backups));
    } else {
      for (std::size_t i = 0; i < backups->size(); ++i) read_backup(row, copy, (*backups)[i], i);
    }
  }
  if (offsite) {
    BackupResult r;
    r.tenant = copy.tenant;
    r.device_id = copy.id;
    r.source = copy.source;
    r.at = *offsite;
    r.id = copy.id + "/offsite/" + format_instant(*offsite);
    r.outcome = BackupOutcome::Success;
    r.copy = BackupCopy::Offsite;
    r.data_source = "image";
    r.detail = "latestOffsite";
    out.add(std::move(r));
  }
}

void read_domain(Emitter& out, const json& d, std::size_t number) {
  const RowContext row{out, number};
  Device dev;
  dev.source = out.source();
  dev.id = text_field(row, d, "saasCustomerId", "saasCustomerId");
  if (dev.id.empty()) {
    row.issue("saasCustomerId", ErrorCode::INVALID_ARGUMENT, "SaaS domain without a saasCustomerId");
    return;
  }
  dev.id = "saas-" + dev.id;  // a customer number must not collide with an asset's volume name
  dev.site = text_field(row, d, "saasCustomerName", "saasCustomerName");
  auto tenant = out.tenant(dev.site, number, "saasCustomerName");
  if (!tenant) return;
  dev.tenant = *tenant;
  dev.name = text_field(row, d, "domain", "domain");
  dev.os = text_field(row, d, "productType", "productType");
  dev.device_class = DeviceClass::Cloud;
  const std::string id = dev.id;
  out.add(std::move(dev));
  if (const json* stats = member(d, "backupStats")) {
    // A count of "services with a recent backup" has no time and no defined window: turning it
    // into a backup result would invent one. Say so rather than drop it.
    row.issue("backupStats", ErrorCode::INVALID_ARGUMENT,
              "SaaS domain " + quoted(id) + ": backupStats " + stats->dump() +
                  " has no backup time, so no backup result is made from it (import backupHistory for results)");
  }
}

class BcdrFormat : public JsonFormat {
 public:
  explicit BcdrFormat(Emitter& out) : out_(out) {}
  bool saw_list() const noexcept { return lists_; }

  Role role(const Where& w) const override {
    if (w.kind == Kind::Array && record_list(w)) lists_ = true;
    if (w.in_array && record_list_parent(w)) return Role::Record;
    if (w.depth == 0 && w.kind == Kind::Object) return Role::Maybe;  // one record a line
    return Role::Pass;
  }
  bool is_record(const json& o) const override { return is_domain(o) || is_asset(o); }
  void record(json&& value, const Where&, std::size_t number) override {
    lists_ = true;
    if (is_domain(value)) read_domain(out_, value, number);
    else if (is_asset(value)) read_asset(out_, value, number);
    else {
      out_.issue(number, "", ErrorCode::INVALID_ARGUMENT,
                 "neither a BCDR asset (volume, backups, agentVersion) nor a SaaS domain (saasCustomerId): " +
                     quoted(value.dump()));
    }
  }

 private:
  // The arrays whose elements are records: a top-level array, "items" of a paged body, the
  // value of a capture's "GET ..." member.
  static bool record_list(const Where& w) {
    return w.depth == 0 || (w.depth == 1 && !w.in_array && (w.key == "items" || w.key.rfind("GET ", 0) == 0));
  }
  static bool record_list_parent(const Where& w) {
    return w.depth == 1 ? w.key.empty() : (w.depth == 2 && (w.key == "items" || w.key.rfind("GET ", 0) == 0));
  }
  Emitter& out_;
  mutable bool lists_ = false;
};

}  // namespace

void import_datto_bcdr(Source& source, Emitter& out) {
  BcdrFormat format(out);
  stream_json(source, format);
  if (!format.saw_list()) {
    throw Error(ErrorCode::PARSE_ERROR, quoted(source.name()) +
                                            ": not a Datto BCDR or SaaS Protection export: no list of assets or domains");
  }
}

}  // namespace mspcore::rmm_import
