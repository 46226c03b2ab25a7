// Private to the extension: the normalised RMM records as columns for pandas, built in C++.
// Each column is (kind, values) or, for an optional field, (kind, values, mask): kind "str"
// (object array of str), "instant" (int64 nanoseconds since 1970 UTC, for datetime64[ns]),
// "date" (int64 nanoseconds of midnight), "bool" or "int"; python/mspcore/rmm.py makes the
// pandas arrays of them.
#pragma once

#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/normalised.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include <pybind11/pybind11.h>

#include <vector>

namespace mspcore::python {

namespace py = pybind11;

py::dict columns_of(const std::vector<Device>& rows);
py::dict columns_of(const std::vector<BackupResult>& rows);
py::dict columns_of(const std::vector<PatchRecord>& rows);
py::dict columns_of(const std::vector<MonitoringEvent>& rows);
/// file, row, field, code (the status name), message.
py::dict columns_of(const std::vector<ImportIssue>& rows);
/// run_id, then the issue's columns.
py::dict columns_of(const std::vector<StoredIssue>& rows);
/// id, file, vendor, started, finished, error, batches, inserted, updated, unchanged, issues.
py::dict columns_of(const std::vector<ImportRun>& rows);
/// {"run_id", "batches", "inserted", "updated", "unchanged", "issues"}.
py::dict report_of(const RmmImportReport& r);

}  // namespace mspcore::python
