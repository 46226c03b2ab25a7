// The JSON forms of patch compliance: the policy, the request of msp_patch_compliance_json
// (records with the field-list keys) and the result document.
#include <mspcore/records/field_reader.hpp>
#include <mspcore/rmm/patch_compliance.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include "core/json_util.hpp"
#include "rmm/rmm_json.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kRequestFields = {"as_of", "devices", "patches", "policy"};

template <std::size_t N, class Parse>
std::array<bool, N> set_of(const json& v, const std::string& where, Parse parse) {
  if (!v.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a list, got " + v.dump());
  std::array<bool, N> out{};
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const std::string name = json_util::require_string(v[i], at);
    out[static_cast<std::size_t>(json_util::in_context(at, [&] { return parse(name); }))] = true;
  }
  return out;
}

PatchPolicy policy_of(const json& doc) {
  PatchPolicy p;
  if (doc.is_null()) return p;
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "policy: expected an object, got " + doc.dump());
  json_util::reject_unknown_keys(doc, "policy",
                                 {"device_classes", "severities", "exclude_declined", "exclude_superseded",
                                  "period_days"});
  if (doc.contains("device_classes")) {
    p.in_scope = set_of<kDeviceClassCount>(doc["device_classes"], "policy.device_classes", parse_device_class);
  }
  if (doc.contains("severities")) p.required = set_of<5>(doc["severities"], "policy.severities", parse_patch_severity);
  if (doc.contains("exclude_declined")) p.exclude_declined = rmm_json::flag(doc["exclude_declined"], "policy.exclude_declined");
  if (doc.contains("exclude_superseded")) {
    p.exclude_superseded = rmm_json::flag(doc["exclude_superseded"], "policy.exclude_superseded");
  }
  if (doc.contains("period_days")) p.period_days = rmm_json::whole_in(doc["period_days"], "policy.period_days", 1, 3660);
  return p;
}

json buckets(const PatchBuckets& b) {
  json out = json::object();
  for (std::size_t i = 0; i < kPatchAgeBucketCount; ++i) out[std::string(to_string(static_cast<PatchAgeBucket>(i)))] = b[i];
  return out;
}

}  // namespace

PatchPolicy patch_policy_from_json(std::string_view text) {
  if (text.empty()) return {};
  return policy_of(json_util::parse(text, "policy"));
}

std::string patch_compliance_json(std::string_view request) {
  const json doc = json_util::parse(request, "request");
  const JsonFields fields(doc, kRequestFields, "request");
  fields.require_object("request");
  const Instant as_of = FieldReader(fields, kRequestFields, "request").instant(0);
  const std::vector<Device> devices = rmm_json::records_of(doc, "devices", kDeviceFields, read_device);
  const std::vector<PatchRecord> patches = rmm_json::records_of(doc, "patches", kPatchFields, read_patch_record);
  const PatchPolicy policy = policy_of(doc.value("policy", json()));
  return patch_compliance_result_json(patch_compliance(devices, patches, as_of, policy), devices);
}

std::string patch_compliance_result_json(const PatchComplianceResult& r, const std::vector<Device>& devices) {
  using namespace rmm_json;
  json out_devices = json::array();
  for (std::size_t i = 0; i < r.devices.size(); ++i) {
    const DevicePatchCompliance& c = r.devices[i];
    const Device& d = devices.at(i);
    out_devices.push_back({{"tenant", d.tenant},
                           {"source", text_or_null(d.source)},
                           {"id", d.id},
                           {"name", text_or_null(d.name)},
                           {"device_class", to_string(d.device_class)},
                           {"status", to_string(c.status)},
                           {"reason_code", c.reason_code},
                           {"reason", c.reason},
                           {"from_summary", c.from_summary},
                           {"missing", c.missing},
                           {"missing_critical", buckets(c.missing_critical)},
                           {"missing_important", buckets(c.missing_important)},
                           {"reboot_pending", c.reboot_pending},
                           {"failed", c.failed},
                           {"excluded", c.excluded},
                           {"installed_in_period", c.installed_in_period},
                           {"median_days_to_patch", decimal_or_null(c.median_days_to_patch)}});
  }
  json out_clients = json::array();
  for (const ClientPatchCompliance& c : r.clients) {
    json row = {{"tenant", c.tenant},
                {"devices", c.devices},
                {"in_scope", c.in_scope},
                {"compliance_percent", decimal_or_null(c.compliance_percent)},
                {"missing_critical", buckets(c.missing_critical)},
                {"missing_important", buckets(c.missing_important)},
                {"reboot_pending", c.reboot_pending},
                {"failed", c.failed},
                {"installed_in_period", c.installed_in_period},
                {"median_days_to_patch", decimal_or_null(c.median_days_to_patch)},
                {"unmatched_patches", c.unmatched_patches}};
    for (std::size_t s = 0; s < kPatchDeviceStatusCount; ++s) {
      row[std::string(to_string(static_cast<PatchDeviceStatus>(s)))] = c.by_status[s];
    }
    out_clients.push_back(std::move(row));
  }
  return json{{"as_of", format_instant(r.as_of)}, {"devices", out_devices}, {"clients", out_clients}}.dump();
}

}  // namespace v1
}  // namespace mspcore
