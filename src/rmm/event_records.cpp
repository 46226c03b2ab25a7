// The decoder of monitoring events (the records layer, docs/records.md).
#include <mspcore/records/field_reader.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include "rmm/event_where.hpp"

#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(MonitoringEventField f) { return static_cast<std::size_t>(f); }

}  // namespace

MonitoringEvent read_monitoring_event(const Fields& fields, std::size_t index) {
  using F = MonitoringEventField;
  FieldReader r = FieldReader::of_record(fields, kMonitoringEventFields, "events", index);
  MonitoringEvent e;
  e.tenant = r.required_text(+F::tenant);
  e.device_id = r.required_text(+F::device_id);
  e.id = r.text_or_empty(+F::id);
  // Named by its keys from here on: a row number alone does not find an alert in an export.
  r.rename([&e, index] { return rmm::event_where(e.tenant, e.device_id, e.id, index); });
  e.source = r.text_or_empty(+F::source);
  e.monitor = r.text_or_empty(+F::monitor);
  e.priority = r.name_or(+F::priority, parse_event_priority, EventPriority::Unknown);
  e.opened = r.instant(+F::opened);
  if (r.has(+F::resolved)) {
    e.resolved = r.instant(+F::resolved);
    if (*e.resolved < e.opened) {
      throw r.error(ErrorCode::INVALID_TIMELINE, r.at(+F::resolved) + ": " + format_instant(*e.resolved) +
                                                     " is before opened " + format_instant(e.opened));
    }
  }
  e.outage = r.flag_or(+F::outage, false);
  e.ticket = r.text_or_empty(+F::ticket);
  e.detail = r.text_or_empty(+F::detail);
  return e;
}

}  // namespace v1
}  // namespace mspcore
