"""The QBR report model (docs/vcio-qbr-model.md): one versioned JSON document per client and
period, the single input of every export.

Thin glue: each source is computed by its own mspcore function (kpi_frame, evaluate_sla_frame,
risk_score, reconcile, lifecycle, budget, alignment_score) on the tenant's rows, and the C++
core assembles the model from those results (msp_qbr_model_json): it keeps the tenant's rows,
adds the summaries and trends, and checks that nothing of another tenant got in.
"""
from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping

import numpy as np

from . import _core
from ._json import dumps

MODEL_VERSION = _core.QBR_MODEL_VERSION

# Raw inputs (computed here) and ready results (used as they are); a result wins over its inputs.
RAW_SOURCES = ("tickets", "pauses", "sla_policy", "endpoints", "tz", "alerts", "risk_inputs", "risk_model",
               "contracts", "observations", "sku_map", "assets", "licences", "service", "lifecycle_policy", "roadmap",
               "budget_options", "standards", "answers", "devices", "backup_results", "backup_policy", "patches",
               "patch_policy", "events", "monitoring_calendar", "availability_target")
RESULT_SOURCES = ("kpis", "sla", "risk", "trueup", "lifecycle", "budget", "alignment", "backup", "patch",
                  "availability")
INFO_SOURCES = ("as_of", "client", "msp")


class QbrModel(Mapping):
    """The model document as a read-only mapping (``model["kpis"]["items"]``); ``to_json()``
    gives the exact text the core wrote."""

    def __init__(self, document: str):
        self._json = document
        self._doc = json.loads(document)

    def __getitem__(self, key):
        return self._doc[key]

    def __iter__(self):
        return iter(self._doc)

    def __len__(self) -> int:
        return len(self._doc)

    def to_json(self) -> str:
        return self._json

    def __repr__(self) -> str:
        return f"QbrModel(tenant={self['tenant']!r}, period={self['period']['label']!r}, sections={self['sections']})"


def _period_bounds(period: str):
    """(kind, first day, last day) of "YYYY-Qn" or "YYYY-MM", read by the core."""
    if not isinstance(period, str):
        raise _core.InvalidTypeError(f"period must be a str such as '2026-Q4' or '2026-11', not {type(period).__name__}")
    try:
        kind, first, last = _core._qbr_period(period)
    except _core.Error as e:
        raise type(e)(f"period: {e}") from None
    return kind, _dt.date.fromisoformat(first), _dt.date.fromisoformat(last)


def _frame(records):
    import pandas as pd

    return records if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))


def _of_tenant(records, tenant):
    """The tenant's rows (before computing: less work, no leaks), in the input's own form: a
    DataFrame stays one, a list of dicts stays a list (pandas would turn None into NaN)."""
    if records is None:
        return None
    if hasattr(records, "columns"):
        if "tenant" not in records.columns:
            raise _core.InvalidArgumentError(f"records without a tenant column (columns: {list(records.columns)})")
        return records[records["tenant"] == tenant].reset_index(drop=True)
    rows = list(records)
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping) or "tenant" not in row:
            raise _core.InvalidArgumentError(f"record {i} has no tenant: {row!r:.80}")
    return [row for row in rows if row["tenant"] == tenant]


def _json_value(value):
    """A frame cell as JSON: NaN/NaT/NA as null, numpy scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return value


def _kpi_rows(frame) -> dict:
    rows = []
    for record in frame.drop(columns=[c for c in ("period_start",) if c in frame.columns]).to_dict("records"):
        rows.append({k: _json_value(v) for k, v in record.items()})
    return {"rows": rows}


def _sla_rows(tickets, policy, start, end, now, pauses=None) -> dict:
    """Per ticket created in the period: its status per target, evaluated as of ``now``."""
    import pandas as pd

    from .sla import evaluate_sla_frame

    created = pd.to_datetime(tickets["created"], utc=True)
    lo = pd.Timestamp(start, tz="UTC")
    hi = pd.Timestamp(end + _dt.timedelta(days=1), tz="UTC")
    in_period = tickets[(created >= lo) & (created < hi)]
    if pauses is not None and len(pauses):
        pauses = pauses[pauses["ticket"].isin(in_period.index)]
    evaluated = evaluate_sla_frame(in_period, policy, now=now, pauses=pauses)
    ids = in_period["id"] if "id" in in_period.columns else pd.Series(in_period.index, index=in_period.index)
    out = []
    for position, (label, row) in enumerate(in_period.iterrows()):
        record = {"tenant": row["tenant"], "id": str(ids.iloc[position]), "priority": str(row["priority"])}
        for target in ("response", "resolution", "plan"):
            column = f"{target}_status"
            if column in evaluated.columns:
                record[target] = str(evaluated[column].iloc[position])
        out.append(record)
    return {"tickets": out}


def _alerts_json(alerts, tenant) -> dict:
    """The tenant's alerts. A normalised alert names the vendor's account; the caller maps it to
    its own tenant id first (alert["tenant"] = "acme"): an unmapped alert is an error, never
    silently left out of every report."""
    out = []
    for i, alert in enumerate(alerts):
        t = alert.get("tenant") if isinstance(alert, Mapping) else None
        t = t.get("value") if isinstance(t, Mapping) and "value" in t else t
        if not isinstance(t, str):
            raise _core.InvalidArgumentError(
                f"alerts[{i}]: tenant is {t!r:.120}, not a tenant id; map the vendor's account to your tenant first "
                f"(alert['tenant'] = 'acme')")
        if t == tenant:
            out.append(alert)
    return {"alerts": out}


def _document(result, what: str):
    """A ready result as its JSON document: the result object's to_json(), or the document itself."""
    if result is None or isinstance(result, dict):
        return result
    if hasattr(result, "to_json"):
        return json.loads(result.to_json())
    raise _core.InvalidTypeError(f"{what} must be an mspcore result or its JSON document (dict), not {type(result).__name__}")


def qbr_model(tenant, period, **sources) -> QbrModel:
    """The QBR model of ``tenant`` for ``period`` ("2026-Q4" or a month "2026-11").

    Sources (keywords, all optional; docs/vcio-qbr-model.md):

    - ``tickets`` (DataFrame: tenant, id, created, first_response, resolved, priority, ...) with
      ``sla_policy`` (SlaPolicy), ``pauses`` (as evaluate_sla_frame takes them), ``endpoints`` and
      ``tz``: the KPIs with trends (kpi_frame, the period and four before it) and the SLA
      attainment of the tickets created in the period;
    - ``alerts``: normalised alerts (normalize_alerts; a "priority" per alert optional);
    - ``risk_inputs`` (+ ``risk_model``) or a ready ``risk`` (risk_score's result);
    - ``contracts`` + ``observations`` (+ ``sku_map``) or a ready ``trueup`` (ReconcileResult);
    - ``assets`` + ``licences`` (+ ``service`` records, ``lifecycle_policy``) or a ready
      ``lifecycle`` (LifecycleResult);
    - ``roadmap`` (+ ``budget_options``: years, fiscal_year_start, price_increase) or a ready
      ``budget`` (BudgetResult): the roadmap and budget, with replacements from the lifecycle and
      renewals from the contracts;
    - ``standards`` + ``answers`` or a ready ``alignment`` (alignment_score's result);
    - ``devices`` with ``backup_results`` (+ ``backup_policy``), ``patches`` (+ ``patch_policy``)
      and ``events`` (+ ``monitoring_calendar``, ``availability_target``), or ready ``backup``,
      ``patch``, ``availability`` documents: the service health section (backup and patch
      compliance as of the end of as_of, availability over the period);
    - ``kpis``: a ready KPI frame instead of the one from tickets; ``as_of`` (default: the period's
      last day), ``client`` and ``msp`` (dicts of text: name, ...).

    Ready results may hold many tenants; the model keeps ``tenant``'s rows only.
    """
    known = set(RAW_SOURCES) | set(RESULT_SOURCES) | set(INFO_SOURCES)
    unknown = sorted(set(sources) - known)
    if unknown:
        raise _core.InvalidArgumentError(f"qbr_model: unknown source {unknown[0]!r} (known: {', '.join(sorted(known))})")
    if not isinstance(tenant, str) or not tenant:
        raise _core.InvalidArgumentError(f"tenant must be a non-empty str, not {tenant!r}")
    kind, start, end = _period_bounds(period)
    as_of = sources.get("as_of") or end
    if isinstance(as_of, str):
        as_of = _dt.date.fromisoformat(as_of)
    get = sources.get
    request = {"tenant": tenant, "period": period, "as_of": as_of, "client": get("client"), "msp": get("msp")}
    now = _dt.datetime.combine(as_of + _dt.timedelta(days=1), _dt.time(), tzinfo=_dt.timezone.utc)

    tickets = get("tickets")
    if tickets is not None:  # keeps its index: pauses refer to tickets by their index label
        tickets = _frame(tickets)
        tickets = tickets[tickets["tenant"] == tenant]
    if isinstance(get("kpis"), dict):
        request["kpis"] = get("kpis")
    elif get("kpis") is not None:
        request["kpis"] = _kpi_rows(_of_tenant(get("kpis"), tenant))
    elif tickets is not None:
        from .kpi import kpi_frame

        options = {"tz": get("tz")} if get("tz") else {}
        frame = kpi_frame(tickets, period=kind, group_by=("tenant",), policy=get("sla_policy"),
                          endpoints=get("endpoints"), **options)
        request["kpis"] = _kpi_rows(frame)
    if get("sla") is not None:
        request["sla"] = _document(get("sla"), "sla")
    elif tickets is not None and get("sla_policy") is not None:
        request["sla"] = _sla_rows(tickets, get("sla_policy"), start, end, now, get("pauses"))
    if get("alerts") is not None:
        request["security"] = _alerts_json(get("alerts"), tenant)

    risk = get("risk")
    if risk is None and get("risk_inputs") is not None:
        from .risk import risk_score

        risk = risk_score(get("risk_inputs"), get("risk_model"))
    request["risk"] = _document(risk, "risk")

    trueup = get("trueup")
    if trueup is None and get("contracts") is not None and get("observations") is not None:
        from .trueup import reconcile

        trueup = reconcile(_of_tenant(get("contracts"), tenant), _of_tenant(get("observations"), tenant), now,
                           get("sku_map"))
    request["trueup"] = _document(trueup, "trueup")

    lifecycle = get("lifecycle")
    if lifecycle is None and get("assets") is not None:
        from .lifecycle import lifecycle as evaluate

        lifecycle = evaluate(_of_tenant(get("assets"), tenant), _of_tenant(get("licences"), tenant), as_of,
                             get("lifecycle_policy"), service=_of_tenant(get("service"), tenant))
    request["lifecycle"] = _document(lifecycle, "lifecycle")

    budget = get("budget")
    if budget is None and get("roadmap") is not None:
        from .budget import budget as compute

        contracts = _of_tenant(get("contracts"), tenant)
        budget = compute(_of_tenant(get("roadmap"), tenant), lifecycle=lifecycle, contracts=contracts,
                         **(get("budget_options") or {}))
    request["budget"] = _document(budget, "budget")

    alignment = get("alignment")
    if alignment is None and get("standards") is not None and get("answers") is not None:
        from . import alignment_score

        alignment = alignment_score(get("standards"), _of_tenant(get("answers"), tenant))
    request["alignment"] = _document(alignment, "alignment")
    request.update(_health(tenant, start, end, now, get))
    request = {k: v for k, v in request.items() if v is not None}
    return QbrModel(_core._qbr_model_json(dumps(request, "qbr_model request")))


def _records_json(records, tenant):
    """The tenant's records as JSON-ready dicts (a DataFrame's NaN/NaT/NA as null)."""
    rows = _of_tenant(records, tenant)
    if hasattr(rows, "to_dict"):
        rows = [{k: _json_value(v) for k, v in r.items()} for r in rows.to_dict("records")]
    return rows


def _health(tenant, start, end, now, get) -> dict:
    """The backup section's three result documents: ready ones as given, else computed from the
    devices with backup results, patches and monitoring events (backup and patch compliance as
    of the end of as_of, availability over the report period)."""
    out = {name: _document(get(name), name) for name in ("backup", "patch", "availability")}
    devices = get("devices")
    if devices is None:
        return out
    rows = _records_json(devices, tenant)
    if out["backup"] is None and get("backup_results") is not None:
        request = {"as_of": now, "devices": rows, "backup_results": _records_json(get("backup_results"), tenant),
                   "policy": get("backup_policy")}
        out["backup"] = json.loads(_core._backup_compliance_json(dumps(request, "backup compliance request")))
    if out["patch"] is None and get("patches") is not None:
        request = {"as_of": now, "devices": rows, "patches": _records_json(get("patches"), tenant),
                   "policy": get("patch_policy")}
        out["patch"] = json.loads(_core._patch_compliance_json(dumps(request, "patch compliance request")))
    if out["availability"] is None and get("events") is not None:
        from .monitoring import availability

        period = (_dt.datetime.combine(start, _dt.time(), tzinfo=_dt.timezone.utc),
                  _dt.datetime.combine(end + _dt.timedelta(days=1), _dt.time(), tzinfo=_dt.timezone.utc))
        result = availability(_records_json(get("events"), tenant), *period, calendar=get("monitoring_calendar"),
                              devices=rows, target=get("availability_target"))
        doc = json.loads(result.to_json())
        doc["period"] = {"start": _core.format_instant(int(period[0].timestamp())),
                         "end": _core.format_instant(int(period[1].timestamp()))}
        doc["target"] = None if get("availability_target") is None else str(get("availability_target"))
        out["availability"] = doc
    return out
