// Thin glue for availability(): the events and devices (dicts of columns from DataFrames, or
// sequences of dicts) are read by the records layer's decoders, the period and the target by
// theirs (mspcore/rmm/availability.hpp); the result is the C ABI's JSON document.
#include "bindings.hpp"
#include "py_fields.hpp"
#include "vcio_glue.hpp"

#include <mspcore/rmm/availability.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include <pybind11/stl.h>

namespace mspcore::python {

namespace {

std::vector<std::string_view> field_names(FieldNames names) { return {names.begin(), names.end()}; }

}  // namespace

void bind_monitoring(py::module_& m) {
  m.attr("MONITORING_EVENT_FIELDS") = py::tuple(py::cast(field_names(kMonitoringEventFields)));
  m.def(
      "_availability",
      [](const py::handle& events, const py::handle& start, const py::handle& end, const BusinessCalendar* calendar,
         const py::handle& devices, const py::handle& target) {
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
        return availability_result_json(availability(rows, p, options));
      },
      py::arg("events"), py::arg("start"), py::arg("end"), py::arg("calendar"), py::arg("devices"), py::arg("target"));
  m.def("_availability_calendar", [](const std::string& spec) {
    return std::const_pointer_cast<BusinessCalendar>(availability_calendar_from_json(spec));
  });
}

}  // namespace mspcore::python
