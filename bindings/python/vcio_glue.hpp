// Private to the extension: what the vCIO bindings share (vcio.cpp: lifecycle, budget.cpp:
// budget, which takes a lifecycle run).
#pragma once

#include "bindings.hpp"
#include "py_fields.hpp"

#include <mspcore/vcio/lifecycle.hpp>
#include <mspcore/vcio/lifecycle_table.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace mspcore::python {

/// A lifecycle evaluation with its inputs: the result's rows refer to them.
struct LifecycleRun {
  std::vector<Asset> assets;
  std::vector<Licence> licences;
  std::vector<ServiceRecord> service;
  std::unique_ptr<OsLifecycleTable> table;  // the user's rows over the shipped ones; null: shipped
  AssetLifecycleTable rows;                 // the assets, compact: what the columns are made from
  LifecycleResult licence_result;           // as_of, table version and the licences

  // The whole result, one record per asset, made when the budget or to_json() needs it.
  const LifecycleResult& result() {
    if (!expanded) {
      expanded = std::make_unique<LifecycleResult>(licence_result);
      expanded->assets.reserve(assets.size());
      for (std::size_t i = 0; i < assets.size(); ++i) expanded->assets.push_back(rows.asset(i, assets[i]));
    }
    return *expanded;
  }

 private:
  std::unique_ptr<LifecycleResult> expanded;
};

/// Every row of a Python table (None: no rows) through a decoder of the records layer.
template <class Read>
auto records_of(const py::handle& table, FieldNames names, const char* name, Read read) {
  std::vector<decltype(read(std::declval<const Fields&>(), std::size_t{0}))> out;
  if (table.is_none()) return out;
  PyTable t(table, names, name);
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) out.push_back(read(t.row(i), i));
  return out;
}

}  // namespace mspcore::python
