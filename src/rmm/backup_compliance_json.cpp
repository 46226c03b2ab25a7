// The JSON forms of backup compliance: the policy, the request of msp_backup_compliance_json
// (records with the field-list keys, so an import result is a valid body) and the result.
#include <mspcore/records/field_reader.hpp>
#include <mspcore/rmm/backup_compliance.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include <mspcore/money/rounding.hpp>

#include "core/json_util.hpp"
#include "rmm/rmm_json.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;
using rmm_json::whole_in;

constexpr std::array<std::string_view, 4> kRequestFields = {"as_of", "devices", "backup_results", "policy"};
constexpr std::int64_t kMaxHours = 24 * 366 * 10;  // ten years: any larger RPO or age is a mistake

std::optional<std::int64_t> hours_or_none(const json& v, const std::string& where) {
  if (v.is_null()) return std::nullopt;
  return whole_in(v, where, 1, kMaxHours) * 3600;
}

BackupPolicy policy_of(const json& doc) {
  BackupPolicy p;
  if (doc.is_null()) return p;
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "policy: expected an object, got " + doc.dump());
  json_util::reject_unknown_keys(doc, "policy",
                                 {"rpo_hours", "warning_percent", "exceptions_good", "success_window_days",
                                  "verification_max_age_hours", "offsite_max_age_hours",
                                  "suppress_offline_workstations"});
  if (doc.contains("rpo_hours")) {
    const json& rpo = doc["rpo_hours"];
    if (!rpo.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "policy.rpo_hours: expected an object, got " + rpo.dump());
    for (const auto& item : rpo.items()) {
      const std::string where = "policy.rpo_hours." + item.key();
      const DeviceClass c = json_util::in_context("policy.rpo_hours", [&] { return parse_device_class(item.key()); });
      p.rpo_seconds[static_cast<std::size_t>(c)] = whole_in(item.value(), where, 1, kMaxHours) * 3600;
    }
  }
  if (doc.contains("warning_percent")) p.warning_percent = whole_in(doc["warning_percent"], "policy.warning_percent", 100, 1000);
  if (doc.contains("exceptions_good")) p.exceptions_good = rmm_json::flag(doc["exceptions_good"], "policy.exceptions_good");
  if (doc.contains("success_window_days")) {
    p.success_window_seconds = whole_in(doc["success_window_days"], "policy.success_window_days", 1, 3660) * 86400;
  }
  if (doc.contains("verification_max_age_hours")) {
    p.verification_max_age_seconds = hours_or_none(doc["verification_max_age_hours"], "policy.verification_max_age_hours");
  }
  if (doc.contains("offsite_max_age_hours")) {
    p.offsite_max_age_seconds = hours_or_none(doc["offsite_max_age_hours"], "policy.offsite_max_age_hours");
  }
  if (doc.contains("suppress_offline_workstations")) {
    p.suppress_offline_workstations =
        rmm_json::flag(doc["suppress_offline_workstations"], "policy.suppress_offline_workstations");
  }
  return p;
}

// Elapsed hours to two places (half-even): 45000 s is "12.50".
json hours_or_null(const std::optional<std::int64_t>& seconds) {
  if (!seconds) return nullptr;
  return Decimal::divide(Decimal(*seconds), Decimal(3600), 2, RoundingMode::HalfEven).to_string();
}

}  // namespace

BackupPolicy backup_policy_from_json(std::string_view text) {
  if (text.empty()) return {};
  return policy_of(json_util::parse(text, "policy"));
}

std::string backup_compliance_json(std::string_view request) {
  const json doc = json_util::parse(request, "request");
  const JsonFields fields(doc, kRequestFields, "request");
  fields.require_object("request");
  const Instant as_of = FieldReader(fields, kRequestFields, "request").instant(0);
  const std::vector<Device> devices = rmm_json::records_of(doc, "devices", kDeviceFields, read_device);
  const std::vector<BackupResult> results =
      rmm_json::records_of(doc, "backup_results", kBackupResultFields, read_backup_result);
  const BackupPolicy policy = policy_of(doc.value("policy", json()));
  return backup_compliance_result_json(backup_compliance(devices, results, as_of, policy), devices);
}

std::string backup_compliance_result_json(const BackupComplianceResult& r, const std::vector<Device>& devices) {
  using namespace rmm_json;
  json out_devices = json::array();
  for (std::size_t i = 0; i < r.devices.size(); ++i) {
    const DeviceBackupCompliance& c = r.devices[i];
    const Device& d = devices.at(i);
    out_devices.push_back({{"tenant", d.tenant},
                           {"source", text_or_null(d.source)},
                           {"id", d.id},
                           {"name", text_or_null(d.name)},
                           {"device_class", to_string(d.device_class)},
                           {"status", to_string(c.status)},
                           {"reason_code", c.reason_code},
                           {"reason", c.reason},
                           {"rpo_hours", c.rpo_seconds / 3600},
                           {"judged_at", format_instant(c.judged_at)},
                           {"offline_suppressed", c.offline_suppressed},
                           {"last_result", instant_or_null(c.last_result)},
                           {"last_good", instant_or_null(c.last_good)},
                           {"age_seconds", int_or_null(c.age_seconds)},
                           {"age_hours", hours_or_null(c.age_seconds)},
                           {"attempts", c.attempts},
                           {"good", c.good},
                           {"success_percent", decimal_or_null(c.success_percent)},
                           {"last_verified", instant_or_null(c.last_verified)},
                           {"verification_age_seconds", int_or_null(c.verification_age_seconds)},
                           {"last_offsite", instant_or_null(c.last_offsite)},
                           {"offsite_age_seconds", int_or_null(c.offsite_age_seconds)}});
  }
  json out_clients = json::array();
  for (const ClientBackupCompliance& c : r.clients) {
    json row = {{"tenant", c.tenant},
                {"devices", c.devices},
                {"in_scope", c.in_scope},
                {"compliance_percent", decimal_or_null(c.compliance_percent)},
                {"sources", c.sources},
                {"unmatched_results", c.unmatched_results}};
    for (std::size_t s = 0; s < kBackupStatusCount; ++s) row[std::string(to_string(static_cast<BackupStatus>(s)))] = c.by_status[s];
    out_clients.push_back(std::move(row));
  }
  return json{{"as_of", format_instant(r.as_of)}, {"devices", out_devices}, {"clients", out_clients}}.dump();
}

}  // namespace v1
}  // namespace mspcore
