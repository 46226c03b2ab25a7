// The records and JSON forms of availability: the period, target and device records, the
// request of msp_availability_json and its result document.
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/rmm/availability.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kRequestFields = {"period", "calendar", "events", "devices", "target"};
constexpr std::size_t kTarget = 4;

template <class Read>
auto records_of(const json& doc, const char* table, FieldNames names, Read read) {
  std::vector<decltype(read(std::declval<const Fields&>(), std::size_t{0}))> out;
  const json& list = doc.at(table);
  if (!list.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(table) + ": expected a list, got " + list.dump());
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = record_where(table, i);
    out.push_back(read(JsonFields(list[i], names, where).require_object(where), i));
  }
  return out;
}

json decimal_or_null(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }
template <class T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// The measures as the members of a device's or a client's record.
void put(json& out, const AvailabilityMeasures& m) {
  out["scheduled_seconds"] = m.scheduled_seconds;
  out["down_seconds"] = m.down_seconds;
  out["up_seconds"] = m.up_seconds();
  out["failures"] = m.failures;
  out["availability_pct"] = decimal_or_null(m.availability_pct);
  out["mtbf_seconds"] = or_null(m.mtbf_seconds);
  out["mtrs_seconds"] = or_null(m.mtrs_seconds);
  out["mtbf_minutes"] = decimal_or_null(m.mtbf_minutes);
  out["mtrs_minutes"] = decimal_or_null(m.mtrs_minutes);
  out["target_met"] = or_null(m.target_met);
}

}  // namespace

Interval read_availability_period(const Fields& fields) {
  const FieldReader r(fields, kAvailabilityPeriodFields, "period");
  return {r.instant(0), r.instant(1)};
}

std::optional<Decimal> read_availability_target(const Fields& fields, std::size_t field, bool given) {
  const std::string v = fields.kind(field) == FieldKind::Missing && !given ? std::string() : fields.describe(field);
  switch (fields.kind(field)) {
    case FieldKind::Missing:
      if (!given) return std::nullopt;
      throw Error(ErrorCode::INVALID_ARGUMENT, "target: " + v + " is not a percentage (give one such as \"99.9\", or no target)");
    case FieldKind::Whole:
      return Decimal(fields.whole(field));
    case FieldKind::Float:
      throw Error(ErrorCode::INVALID_TYPE, "target: " + v + " is a binary floating-point number; a target must be exact: "
                                                            "write it as a string (\"" + v + "\")");
    case FieldKind::Text:
      return json_util::in_context("target", [&] { return Decimal::parse(fields.text(field)); });
    case FieldKind::Exact:
      return json_util::in_context("target", [&] { return Decimal::parse(fields.decimal(field)); });
    default:
      throw Error(ErrorCode::INVALID_TYPE, "target: expected a decimal string such as \"99.9\", got " + v);
  }
}

Device read_availability_device(const Fields& fields, std::size_t index) {
  using F = DeviceField;
  const FieldReader r = FieldReader::of_record(fields, kDeviceFields, "devices", index);
  Device d;
  d.tenant = std::string(r.text(static_cast<std::size_t>(F::tenant)));
  d.id = std::string(r.text(static_cast<std::size_t>(F::id)));
  if (d.tenant.empty() || d.id.empty()) {
    const F empty = d.tenant.empty() ? F::tenant : F::id;
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(static_cast<std::size_t>(empty)) + " must not be empty");
  }
  d.retired = r.flag_or(static_cast<std::size_t>(F::retired), false);
  return d;
}

std::shared_ptr<const BusinessCalendar> availability_calendar_from_json(std::string_view spec) {
  return json_util::in_context("calendar", [&] { return BusinessCalendar::from_json(spec); });
}

std::string availability_json(std::string_view request) {
  const json doc = json_util::parse(request, "request");
  const JsonFields fields(doc, kRequestFields, "request");
  fields.require_object("request");
  if (!doc.contains("period") || doc["period"].is_null()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "request: period is missing");
  }
  const Interval period =
      read_availability_period(JsonFields(doc["period"], kAvailabilityPeriodFields, "period").require_object("period"));
  std::shared_ptr<const BusinessCalendar> calendar;
  if (doc.contains("calendar") && !doc["calendar"].is_null()) {
    calendar = availability_calendar_from_json(doc["calendar"].dump());
  }
  if (!doc.contains("events") || doc["events"].is_null()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "request: events is missing (give [] for none)");
  }
  const std::vector<MonitoringEvent> events = records_of(doc, "events", kMonitoringEventFields, read_monitoring_event);
  std::vector<Device> devices;
  AvailabilityOptions options;
  options.calendar = calendar.get();
  if (doc.contains("devices") && !doc["devices"].is_null()) {
    devices = records_of(doc, "devices", kDeviceFields, read_availability_device);
    options.devices = devices;
  }
  options.target = read_availability_target(fields, kTarget);
  return availability_result_json(availability(events, period, options));
}

std::string availability_result_json(const AvailabilityResult& result) {
  json devices = json::array(), clients = json::array();
  for (const DeviceAvailability& d : result.devices) {
    json row = {{"tenant", d.tenant}, {"device_id", d.device_id}};
    put(row, d.measures);
    devices.push_back(std::move(row));
  }
  for (const ClientAvailability& c : result.clients) {
    json row = {{"tenant", c.tenant}, {"devices", c.devices}, {"devices_missed", or_null(c.devices_missed)}};
    put(row, c.measures);
    clients.push_back(std::move(row));
  }
  return json{{"devices", devices}, {"clients", clients}}.dump();
}

}  // namespace v1
}  // namespace mspcore
