// Imports for mspcore.import_rmm and RmmStore.import_rmm: a vendor file read by the C++
// importers into columns (rmm_columns.cpp), optionally through the store as one import run.
#include "bindings.hpp"
#include "rmm_columns.hpp"
#include "rmm_store.hpp"

#include <mspcore/rmm/import.hpp>

#include <pybind11/stl.h>

#include <map>
#include <string>
#include <utility>

namespace mspcore::python {
namespace {

// Keeps every batch the store committed (the records the file gave, in file order).
class Keep final : public ImportSink {
 public:
  void consume(ImportBatch&& b) override { append_batch(all, std::move(b)); }
  ImportBatch all;
};

py::dict columns_of_batch(const ImportBatch& b) {
  py::dict out;
  out["devices"] = columns_of(b.devices);
  out["backup_results"] = columns_of(b.backup_results);
  out["patches"] = columns_of(b.patches);
  out["events"] = columns_of(b.events);
  out["issues"] = columns_of(b.issues);
  return out;
}

ImportOptions options_of(const std::map<std::string, std::string>& tenants, const std::string& default_tenant) {
  ImportOptions o;
  o.tenants = tenants;
  o.default_tenant = default_tenant;
  return o;
}

}  // namespace

void bind_rmm_import(py::module_& m) {
  m.def(
      "import_rmm",
      [](const std::string& path, const std::string& vendor, const std::map<std::string, std::string>& tenants,
         const std::string& default_tenant) {
        const RmmVendor v = parse_rmm_vendor(vendor);
        ImportBatch all = [&] {
          py::gil_scoped_release release;
          return import_file(path, v, options_of(tenants, default_tenant));
        }();
        return columns_of_batch(all);
      },
      py::arg("path"), py::arg("vendor"), py::arg("tenants"), py::arg("default_tenant"));
  m.def(
      "rmm_store_import",
      [](RmmStoreHandle& store, const std::string& path, const std::string& vendor,
         const std::map<std::string, std::string>& tenants, const std::string& default_tenant) {
        const RmmVendor v = parse_rmm_vendor(vendor);
        Keep kept;
        const RmmImportReport report = [&] {
          py::gil_scoped_release release;
          return store.with([&](RmmStore& s) { return s.import_file(path, v, options_of(tenants, default_tenant), &kept); });
        }();
        return py::make_tuple(columns_of_batch(kept.all), report_of(report));
      },
      py::arg("store"), py::arg("path"), py::arg("vendor"), py::arg("tenants"), py::arg("default_tenant"));
}

}  // namespace mspcore::python
