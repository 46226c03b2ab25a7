"""mspcore: exact, fast analytics for Managed Service Providers.

Money is exact (decimal.Decimal in and out, never float); instants are tz-aware UTC
datetimes; every error is an ``mspcore.Error`` subclass that also derives from the
matching builtin (ValueError, LookupError, ArithmeticError).
"""
from __future__ import annotations

from . import _core
from ._boundary import coded as _coded, coded_methods as _coded_methods
from ._core import (  # noqa: F401  (re-exported API)
    STATUS_TABLE,
    Error,
    Money,
    allocate,
    currencies,
    cvss_score,
    cvss_score_many,
    minor_units,
    prorate,
    sum_minor_units,
)
from ._time import instant, local_to_utc, parse_instant, utc_to_local  # noqa: F401
from .calendar import Calendar, holiday_rules, holidays  # noqa: F401
from .sla import SlaPolicy, evaluate_sla, evaluate_sla_frame, sla_attainment  # noqa: F401
from .alerts import default_priority_config, normalize_alert, normalize_alerts, prioritize_alert  # noqa: F401
from .risk import default_risk_model, nist_risk_level, risk_score  # noqa: F401
from .escalation import escalation_due  # noqa: F401
from .alert_pipeline import AlertPipeline, default_alert_pipeline_config  # noqa: F401
from .ledger import TrueUpLedger  # noqa: F401
from .trueup import ReconcileResult, Records, reconcile  # noqa: F401
from .lifecycle import (LifecycleResult, licence_frame, lifecycle, lifecycle_frame, os_lifecycle_table,  # noqa: F401
                        os_lifecycle_table_version)
from .budget import BudgetResult, budget  # noqa: F401
from .qbr import QbrModel, qbr_model  # noqa: F401
from .alignment import AlignmentResult, alignment_score  # noqa: F401
from .monitoring import AvailabilityResult, availability  # noqa: F401  (rmm: monitoring SLAs)
from .rmm import RmmImport, RmmStore, import_rmm  # noqa: F401
from .kpi import asset_kpi_frame, kpi_dictionary, kpi_frame, kpi_from_partials, kpi_partials, kpi_trends, merge_kpi_partials  # noqa: F401
from .backup import Compliance, backup_compliance, patch_compliance  # noqa: F401  (RMM compliance)
from .access import AccessModel, Decision  # noqa: F401  (access control)
from .raci import raci_validate, raci_violations, route_tickets  # noqa: F401  (co-managed IT: RACI)
from .kb import KnowledgeBase  # noqa: F401  (co-managed IT: knowledge base)

__version__ = _core.__version__

ROUNDING_MODES = ("half_even", "half_up", "half_down", "up", "down", "ceiling", "floor", "unnecessary")

# One exception class per status code, generated in the core from include/mspcore/status.def.
for _name, _value, _group, _text, _cls in STATUS_TABLE:
    if _cls:
        globals()[_cls] = getattr(_core, _cls)
del _name, _value, _group, _text, _cls

# The boundary: every public function and method raises only coded mspcore errors (_boundary.py).
for _name, _obj in list(globals().items()):
    if _name.startswith("_"):
        continue
    if isinstance(_obj, type):
        if _obj.__module__.startswith("mspcore.") and _obj.__module__ != "mspcore._core":
            _coded_methods(_obj)
    elif callable(_obj):
        globals()[_name] = _coded(_obj, _name)
del _name, _obj
