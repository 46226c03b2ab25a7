#include "bindings.hpp"

#include <mspcore/time/time_zone.hpp>

namespace mspcore::python {

void bind_time(py::module_& m) {
  using std::chrono::seconds;
  m.def("parse_instant", [](const std::string& text) { return unix_seconds(parse_instant(text)); },
        py::arg("text"), "ISO-8601 instant with Z or offset -> Unix seconds.");
  m.def("format_instant", [](std::int64_t t) { return format_instant(from_unix_seconds(t)); }, py::arg("epoch_seconds"));
  m.def("parse_local_time", [](const std::string& text) { return parse_local_time(text).time_since_epoch().count(); },
        py::arg("text"), "Local wall time without offset -> local seconds.");
  m.def("check_time_zone", [](const std::string& zone) { return std::string(TimeZone::locate(zone).name()); },
        py::arg("zone"));
  m.def("local_to_utc",
        [](const std::string& zone, std::int64_t local) {
          return unix_seconds(TimeZone::locate(zone).to_utc(LocalSeconds{seconds{local}}));
        },
        py::arg("zone"), py::arg("local_seconds"));
  m.def("utc_to_local",
        [](const std::string& zone, std::int64_t t) {
          return TimeZone::locate(zone).to_local(from_unix_seconds(t)).time_since_epoch().count();
        },
        py::arg("zone"), py::arg("epoch_seconds"));
}

}  // namespace mspcore::python
