#include "bindings.hpp"

#include <mspcore/core/version.hpp>

#include <string>

PYBIND11_MODULE(_core, m) {
  m.doc() = "mspcore native core (use the 'mspcore' package, not this module)";
  m.attr("__version__") = std::string(mspcore::version_string());
  mspcore::python::bind_errors(m);
  mspcore::python::bind_money(m);
  mspcore::python::bind_time(m);
  mspcore::python::bind_calendar(m);
  mspcore::python::bind_sla(m);
  mspcore::python::bind_security(m);
  mspcore::python::bind_alerts(m);
  mspcore::python::bind_risk(m);
  mspcore::python::bind_escalation(m);
  mspcore::python::bind_alert_pipeline(m);
  mspcore::python::bind_contract(m);
  mspcore::python::bind_ledger(m);
  mspcore::python::bind_trueup(m);
  mspcore::python::bind_kpi(m);
  mspcore::python::bind_vcio(m);
  mspcore::python::bind_alignment(m);
  mspcore::python::bind_budget(m);
  mspcore::python::bind_strings(m);
  mspcore::python::bind_monitoring(m);  // rmm: availability
  mspcore::python::bind_backup(m);  // RMM: backup and patch compliance
  // RMM store
  mspcore::python::bind_rmm_store(m);
  mspcore::python::bind_rmm_import(m);
  // access control (RBAC)
  mspcore::python::bind_access(m);
  // Co-managed IT: the RACI matrix
  mspcore::python::bind_raci(m);
  // Co-managed IT: knowledge base
  mspcore::python::bind_kb(m);
}
