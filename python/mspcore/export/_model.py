"""The exports' input: a QBR model (QbrModel, dict or JSON text) checked for the version the
exports were written for, and the summary the report's first page and the e-mail share.

Nothing here computes a figure: the summary picks values out of the model (which KPI changes
to show first is a ranking of the model's own deltas) and formats them.
"""
from __future__ import annotations

import importlib
import json
import math

from .. import _core
from . import _format as fmt

MODEL_VERSION = "mspcore-qbr-1"
# The order of the report; a section is shown when its member is present and not null.
SECTIONS = ("kpis", "sla", "security", "risk", "backup", "trueup", "lifecycle", "roadmap", "budget", "alignment")
SECTION_TITLES = {"kpis": "Service KPIs", "sla": "SLA attainment", "security": "Security alerts",
                  "risk": "Security risk score",
                  "backup": "Backup, patching and availability", "trueup": "Licence true-up", "lifecycle": "Asset and licence lifecycle",
                  "roadmap": "Roadmap", "budget": "Budget", "alignment": "Standards alignment"}


class MissingPackageError(_core.NotFoundError):
    """An optional package of the ``reports`` extra is not installed (the CLI exits with 5)."""


def require(module: str, feature: str, package: str | None = None):
    """Import an optional dependency of the reports extra, or say how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise MissingPackageError(f"{feature} needs {package or module}, which is not installed: "
                                  f"pip install mspcore[reports] ({e})") from None


def load_model(model) -> dict:
    """The model document as a dict: a QbrModel (its exact JSON), a mapping, or JSON text."""
    if hasattr(model, "to_json"):
        doc = json.loads(model.to_json())
    elif isinstance(model, (str, bytes, bytearray)):
        try:
            doc = json.loads(model)
        except ValueError as e:
            raise _core.ParseError(f"QBR model: not JSON text ({e})") from None
    elif isinstance(model, dict):
        doc = json.loads(json.dumps(model))  # a copy: renderers may not change the caller's
    else:
        raise _core.InvalidTypeError(f"QBR model must be a QbrModel, a dict or JSON text, not {type(model).__name__}")
    if not isinstance(doc, dict):
        raise _core.InvalidTypeError(f"QBR model must be a JSON object, not {type(doc).__name__}")
    if doc.get("model") != MODEL_VERSION:
        raise _core.InvalidArgumentError(f"QBR model: version {doc.get('model')!r} is not {MODEL_VERSION!r}, "
                                         "the version this export was written for")
    for key in ("tenant", "period"):
        if not doc.get(key):
            raise _core.InvalidArgumentError(f"QBR model: {key} is missing")
    return doc


def present_sections(doc: dict) -> list[str]:
    """The sections to render: those not null, in the report's order."""
    return [s for s in SECTIONS if isinstance(doc.get(s), dict)]


def period_kind(doc: dict) -> str:
    return "quarter" if "-Q" in doc["period"]["label"] else "month"


def report_title(doc: dict) -> str:
    return "Quarterly Business Review" if period_kind(doc) == "quarter" else "Monthly Service Report"


def client_name(doc: dict) -> str:
    client = doc.get("client") or {}
    return str(client.get("name") or doc["tenant"])


def next_fiscal_year(doc: dict):
    """The budget's totals of the fiscal year after the one the period ends in, or None.
    Fiscal years are named by the calendar year they end in (docs/vcio-budget.md)."""
    budget = doc.get("budget")
    if not isinstance(budget, dict):
        return None
    start = int(budget.get("fiscal_year_start") or 1)
    end = doc["period"]["end"]
    year, month = int(end[:4]), int(end[5:7])
    current = year if start == 1 or month < start else year + 1
    label = f"FY{current + 1}"
    return next((y for y in budget.get("fiscal_years") or [] if y.get("fiscal_year") == label), None)


def kpi_changes(doc: dict, limit: int = 3) -> list[dict]:
    """The KPIs with a judged change (better or worse), the largest relative change first
    (a change from 0 counts as the largest); ties keep the dictionary order."""
    kpis = doc.get("kpis")
    if not isinstance(kpis, dict):
        return []
    judged = [i for i in kpis.get("items") or []
              if i.get("assessment") in ("better", "worse") and i.get("delta") is not None and i.get("previous") is not None]

    def relative(item):
        prev = abs(item["previous"])
        return math.inf if prev == 0 else abs(item["delta"]) / prev

    ranked = sorted(judged, key=lambda i: -relative(i))
    return ranked[:limit]


def kpi_change_text(item: dict) -> str:
    unit = item.get("unit", "")
    return (f"{item.get('title', item.get('id'))}: {fmt.kpi_value(item.get('previous'), unit)} → "
            f"{fmt.kpi_value(item.get('current'), unit)} ({fmt.kpi_delta(item.get('delta'), unit)}, "
            f"{item.get('assessment')})")


def summary(doc: dict) -> dict:
    """The headline figures, as text: period, SLA attainment, risk, alerts, KPI changes, next FY."""
    sla = doc.get("sla") if isinstance(doc.get("sla"), dict) else None
    risk = doc.get("risk") if isinstance(doc.get("risk"), dict) else None
    security = doc.get("security") if isinstance(doc.get("security"), dict) else None
    budget = doc.get("budget") if isinstance(doc.get("budget"), dict) else None
    nxt = next_fiscal_year(doc)
    period = doc["period"]
    return {
        "title": report_title(doc),
        "client": client_name(doc),
        "msp": str((doc.get("msp") or {}).get("name") or ""),
        "period": period["label"],
        "period_range": f"{fmt.date(period.get('start'))} to {fmt.date(period.get('end'))}",
        "as_of": fmt.date(doc.get("as_of")),
        "sla": [{"target": t.get("target"), "text": fmt.percent(t.get("attainment_pct")),
                 "detail": f"{t.get('met', 0)} met, {t.get('breached', 0)} breached, {t.get('open', 0)} open"}
                for t in (sla.get("targets") or [])] if sla else [],
        "risk": ({"score": fmt.number(risk.get("score"), 1), "grade": str(risk.get("grade", "n/a")),
                  "coverage": fmt.number(risk.get("coverage"), 0) + " %"} if risk else None),
        "alerts": security.get("alerts") if security else None,
        "kpi_changes": [kpi_change_text(i) for i in kpi_changes(doc)],
        "budget_next": ({"fiscal_year": nxt["fiscal_year"], "total": fmt.money(nxt.get("total"), budget.get("currency")),
                         "capex": fmt.money(nxt.get("capex"), budget.get("currency")),
                         "opex": fmt.money(nxt.get("opex"), budget.get("currency"))} if nxt else None),
    }
