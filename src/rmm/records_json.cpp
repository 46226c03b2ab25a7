// The normalised records' JSON writer (records_json.hpp). Each object is built from its field
// list and the values in that order, so its keys are the field names by construction.
#include "rmm/records_json.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include <optional>
#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_json {

namespace {

using nlohmann::json;

template <class T, class F>
json or_null(const std::optional<T>& v, F f) {
  return v ? json(f(*v)) : json(nullptr);
}

std::string instant_text(Instant t) { return format_instant(t); }
std::string day_text(std::chrono::sys_days d) { return format_date(d); }
template <class T>
T same(T v) {
  return v;
}

std::string name(std::string_view v) { return std::string(v); }

template <std::size_t N>
json object(const std::array<std::string_view, N>& fields, const std::array<json, N>& values) {
  json out = json::object();
  for (std::size_t i = 0; i < N; ++i) out[std::string(fields[i])] = values[i];
  return out;
}

}  // namespace

json to_json(const Device& d) {
  return object(kDeviceFields,
                std::array<json, kDeviceFields.size()>{
                    d.tenant, d.source, d.id, d.name, name(to_string(d.device_class)), d.os, d.site,
                    or_null(d.last_seen, instant_text), or_null(d.online, same<bool>), d.reboot_required,
                    name(to_string(d.patch_status)), or_null(d.patches_pending, same<std::int64_t>),
                    d.backup_expected, d.retired});
}

json to_json(const BackupResult& r) {
  return object(kBackupResultFields,
                std::array<json, kBackupResultFields.size()>{
                    r.tenant, r.device_id, r.source, r.id, instant_text(r.at), name(to_string(r.outcome)),
                    name(to_string(r.copy)), name(to_string(r.verification)), r.data_source, r.errors, r.detail});
}

json to_json(const PatchRecord& p) {
  return object(kPatchFields, std::array<json, kPatchFields.size()>{
                                  p.tenant, p.device_id, p.source, p.patch_id, p.title, name(to_string(p.severity)),
                                  name(to_string(p.state)), or_null(p.released, day_text),
                                  or_null(p.installed_at, instant_text), p.reboot_required});
}

json to_json(const MonitoringEvent& e) {
  return object(kMonitoringEventFields,
                std::array<json, kMonitoringEventFields.size()>{
                    e.tenant, e.device_id, e.source, e.id, e.monitor, name(to_string(e.priority)),
                    instant_text(e.opened), or_null(e.resolved, instant_text), e.outage, e.ticket, e.detail});
}

json to_json(const ImportIssue& i) {
  return json{{"file", i.file},
              {"row", i.row},
              {"field", i.field},
              {"code", name(error_code_name(i.code))},
              {"message", i.message}};
}

}  // namespace detail::rmm_json
}  // namespace v1
}  // namespace mspcore
