// Private to the extension: one registration function per area. Bindings are thin:
// they convert Python values and call the C++ API; no logic of their own.
#pragma once

#include <mspcore/store/tenant_scope.hpp>

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

namespace mspcore::python {

namespace py = pybind11;

/// A `tenant=None` keyword as a TenantScope: None is every tenant, a str exactly that one
/// ("" is Error(INVALID_ARGUMENT), never "every tenant").
inline TenantScope scope_of(const std::optional<std::string>& tenant) {
  return tenant ? TenantScope::only(*tenant) : TenantScope::all();
}

void bind_errors(py::module_& m);
void bind_money(py::module_& m);
void bind_time(py::module_& m);
void bind_calendar(py::module_& m);
void bind_sla(py::module_& m);
void bind_security(py::module_& m);
void bind_alerts(py::module_& m);
void bind_risk(py::module_& m);
void bind_escalation(py::module_& m);
void bind_alert_pipeline(py::module_& m);
void bind_contract(py::module_& m);
void bind_ledger(py::module_& m);
void bind_trueup(py::module_& m);
void bind_kpi(py::module_& m);
void bind_vcio(py::module_& m);
void bind_alignment(py::module_& m);
void bind_budget(py::module_& m);
void bind_strings(py::module_& m);
void bind_monitoring(py::module_& m);  // rmm: availability
void bind_backup(py::module_& m);  // RMM: backup and patch compliance
// RMM store (rmm_store.cpp) and imports (rmm_import.cpp).
void bind_rmm_store(py::module_& m);
void bind_rmm_import(py::module_& m);
// access control (access.cpp)
void bind_access(py::module_& m);
// Co-managed IT: the RACI matrix (raci.cpp).
void bind_raci(py::module_& m);
// Co-managed IT: the knowledge base (kb.cpp).
void bind_kb(py::module_& m);

}  // namespace mspcore::python
