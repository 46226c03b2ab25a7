// The RMM store for mspcore.RmmStore: reads as columns (rmm_columns.cpp), instants in as Unix
// seconds; python/mspcore/rmm.py makes the DataFrames.
#include "bindings.hpp"
#include "rmm_columns.hpp"
#include "rmm_store.hpp"

#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mspcore::python {
namespace {

std::optional<Instant> instant_of(const std::optional<std::int64_t>& seconds) {
  return seconds ? std::optional<Instant>(from_unix_seconds(*seconds)) : std::nullopt;
}

// Reads with the GIL released, then the columns built with it held.
template <class Read>
py::dict read_columns(RmmStoreHandle& self, Read read) {
  auto rows = [&] {
    py::gil_scoped_release release;
    return self.with(read);
  }();
  return columns_of(rows);
}

}  // namespace

void bind_rmm_store(py::module_& m) {
  py::class_<RmmStoreHandle>(m, "RmmStore", "Native RMM store; use mspcore.RmmStore.")
      .def(py::init<const std::string&>(), py::arg("path"), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly_static("schema_version", [](const py::object&) { return RmmStore::schema_version(); })
      .def(
          "devices",
          [](RmmStoreHandle& self, const std::optional<std::string>& tenant) {
            const TenantScope scope = scope_of(tenant);
            return read_columns(self, [&](RmmStore& s) { return s.devices(scope); });
          },
          py::arg("tenant"))
      .def(
          "backup_results",
          [](RmmStoreHandle& self, const std::optional<std::string>& tenant, std::optional<std::int64_t> since,
             std::optional<std::int64_t> until) {
            const TenantScope scope = scope_of(tenant);
            return read_columns(self,
                                [&](RmmStore& s) { return s.backup_results(scope, instant_of(since), instant_of(until)); });
          },
          py::arg("tenant"), py::arg("since"), py::arg("until"))
      .def(
          "patches",
          [](RmmStoreHandle& self, const std::optional<std::string>& tenant) {
            const TenantScope scope = scope_of(tenant);
            return read_columns(self, [&](RmmStore& s) { return s.patches(scope); });
          },
          py::arg("tenant"))
      .def(
          "events",
          [](RmmStoreHandle& self, const std::optional<std::string>& tenant) {
            const TenantScope scope = scope_of(tenant);
            return read_columns(self, [&](RmmStore& s) { return s.events(scope); });
          },
          py::arg("tenant"))
      .def(
          "runs",
          [](RmmStoreHandle& self, const std::optional<std::string>& tenant) {
            const TenantScope scope = scope_of(tenant);
            return read_columns(self, [&](RmmStore& s) { return s.runs(scope); });
          },
          py::arg("tenant"))
      .def(
          "issues",
          [](RmmStoreHandle& self, const std::optional<std::string>& tenant, std::optional<std::int64_t> run) {
            const TenantScope scope = scope_of(tenant);
            return read_columns(self, [&](RmmStore& s) { return s.issues(scope, run); });
          },
          py::arg("tenant"), py::arg("run"))
      .def("close", &RmmStoreHandle::close, py::call_guard<py::gil_scoped_release>());
}

}  // namespace mspcore::python
