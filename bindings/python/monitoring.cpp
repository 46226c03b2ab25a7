// Thin glue for availability(): the events and devices (dicts of columns from DataFrames, or
// sequences of dicts) are read by the records layer's decoders, the period and the target by
// theirs (mspcore/rmm/availability.hpp); the result is the C ABI's JSON document.
#include "bindings.hpp"
#include "py_fields.hpp"
#include "vcio_glue.hpp"

#include <mspcore/rmm/availability.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <type_traits>

namespace mspcore::python {

namespace {

std::vector<std::string_view> field_names(FieldNames names) { return {names.begin(), names.end()}; }

// A table of the result as columns: texts and decimals as lists (None where undefined), counts
// and seconds as int64 arrays, nullable ones with a mask, target_met as int8 (-1: none).
template <class Row, class Measures>
py::dict columns(const std::vector<Row>& rows, Measures measures) {
  const auto n = static_cast<py::ssize_t>(rows.size());
  py::dict out;
  const auto whole = [&](const char* name, auto get) {
    py::array_t<std::int64_t> values(n);
    auto* v = values.mutable_data();
    for (py::ssize_t i = 0; i < n; ++i) v[i] = get(rows[static_cast<std::size_t>(i)]);
    out[name] = values;
  };
  const auto optional_whole = [&](const char* name, auto get) {
    py::array_t<std::int64_t> values(n);
    py::array_t<bool> mask(n);
    auto* v = values.mutable_data();
    auto* m = mask.mutable_data();
    for (py::ssize_t i = 0; i < n; ++i) {
      const std::optional<std::int64_t> x = get(rows[static_cast<std::size_t>(i)]);
      v[i] = x.value_or(0);
      m[i] = !x;
    }
    out[name] = py::make_tuple(values, mask);
  };
  const auto decimal = [&](const char* name, auto get) {
    py::list values(n);
    for (py::ssize_t i = 0; i < n; ++i) {
      const std::optional<Decimal>& x = get(rows[static_cast<std::size_t>(i)]);
      values[i] = x ? py::object(py::str(x->to_string())) : py::none();
    }
    out[name] = values;
  };
  py::list tenants(n);
  for (py::ssize_t i = 0; i < n; ++i) tenants[i] = rows[static_cast<std::size_t>(i)].tenant;
  out["tenant"] = tenants;
  if constexpr (std::is_same_v<Row, DeviceAvailability>) {
    py::list ids(n);
    for (py::ssize_t i = 0; i < n; ++i) ids[i] = rows[static_cast<std::size_t>(i)].device_id;
    out["device_id"] = ids;
  } else {
    whole("devices", [](const Row& r) { return r.devices; });
    optional_whole("devices_missed", [](const Row& r) { return r.devices_missed; });
  }
  whole("scheduled_seconds", [&](const Row& r) { return measures(r).scheduled_seconds; });
  whole("down_seconds", [&](const Row& r) { return measures(r).down_seconds; });
  whole("up_seconds", [&](const Row& r) { return measures(r).up_seconds(); });
  whole("failures", [&](const Row& r) { return measures(r).failures; });
  decimal("availability_pct", [&](const Row& r) -> const std::optional<Decimal>& { return measures(r).availability_pct; });
  optional_whole("mtbf_seconds", [&](const Row& r) { return measures(r).mtbf_seconds; });
  optional_whole("mtrs_seconds", [&](const Row& r) { return measures(r).mtrs_seconds; });
  decimal("mtbf_minutes", [&](const Row& r) -> const std::optional<Decimal>& { return measures(r).mtbf_minutes; });
  decimal("mtrs_minutes", [&](const Row& r) -> const std::optional<Decimal>& { return measures(r).mtrs_minutes; });
  py::array_t<std::int8_t> met(n);
  auto* m = met.mutable_data();
  for (py::ssize_t i = 0; i < n; ++i) {
    const std::optional<bool> x = measures(rows[static_cast<std::size_t>(i)]).target_met;
    m[i] = x ? static_cast<std::int8_t>(*x) : std::int8_t{-1};
  }
  out["target_met"] = met;
  return out;
}

const AvailabilityMeasures& of(const DeviceAvailability& d) { return d.measures; }
const AvailabilityMeasures& of_client(const ClientAvailability& c) { return c.measures; }

}  // namespace

void bind_monitoring(py::module_& m) {
  m.attr("MONITORING_EVENT_FIELDS") = py::tuple(py::cast(field_names(kMonitoringEventFields)));
  py::class_<AvailabilityResult, std::shared_ptr<AvailabilityResult>>(m, "_AvailabilityResult")
      .def("devices", [](const AvailabilityResult& r) { return columns(r.devices, of); })
      .def("clients", [](const AvailabilityResult& r) { return columns(r.clients, of_client); })
      .def("to_json", [](const AvailabilityResult& r) { return availability_result_json(r); });
  m.def(
      "_availability",
      [](const py::handle& events, const py::handle& start, const py::handle& end, const BusinessCalendar* calendar,
         const py::handle& devices, const py::handle& target) {
        if (events.is_none()) throw Error(ErrorCode::INVALID_ARGUMENT, "events is missing (give [] for none)");
        const std::vector<MonitoringEvent> rows = records_of(events, kMonitoringEventFields, "events", read_monitoring_event);
        std::vector<Device> listed;
        AvailabilityOptions options;
        options.calendar = calendar;
        if (!devices.is_none()) {
          listed = records_of(devices, kDeviceFields, "devices", read_availability_device);
          options.devices = listed;
        }
        py::dict period;
        period["start"] = start;
        period["end"] = end;
        const Interval p = read_availability_period(PyRecord(period.ptr(), kAvailabilityPeriodFields, "period"));
        py::dict target_record;
        target_record["target"] = target;
        options.target = read_availability_target(PyRecord(target_record.ptr(), kAvailabilityTargetFields, "target"), 0,
                                                  !target.is_none());
        py::gil_scoped_release release;
        return std::make_shared<AvailabilityResult>(availability(rows, p, options));
      },
      py::arg("events"), py::arg("start"), py::arg("end"), py::arg("calendar"), py::arg("devices"), py::arg("target"));
  m.def("_availability_calendar", [](const std::string& spec) {
    return std::const_pointer_cast<BusinessCalendar>(availability_calendar_from_json(spec));
  });
}

}  // namespace mspcore::python
