"""The report's sections as template data: the model's values as text, tables as rows, and the
charts as inline SVG. One function per section; each reads only its own member of the model
and tolerates optional members being absent (alignment is rendered from whatever it holds).
"""
from __future__ import annotations

from . import _format as fmt
from . import svg
from ._model import period_kind

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info", "informational", "unknown")
STATUS_ORDER = ("overdue", "due_soon", "unknown", "supported")
STATUS_PATTERN = {"overdue": "solid", "due_soon": "hatch", "unknown": "dots", "supported": "plain"}
ASSESSMENT_MARK = {"better": "▲ better", "worse": "▼ worse", "unchanged": "= unchanged", "neutral": "· neutral"}

# Long lists (breaches, devices needing attention) show their first rows; the count says how many.
LIST_ROWS = 15


def _short_money(amount) -> str:
    """A chart label: the exact amount, without '.00' when the cents are zero (lossless)."""
    text = fmt.money(amount)
    return text[:-3] if text.endswith(".00") else text


def _chart_money(amount) -> str:
    """A label inside a crowded chart: thousands as "36.6k", millions as "1.25M" (display only:
    the table beside the chart has every exact amount)."""
    value = fmt.to_float(amount)
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.2f}M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:.1f}k"
    return _short_money(amount)


def _quarter_label(name: str) -> str:
    """ "FY2027-Q1" -> "FY27 Q1", short enough for twelve bars side by side."""
    year, _, quarter = str(name).partition("-")
    return f"{year[:2]}{year[-2:]} {quarter}" if quarter and len(year) == 6 else str(name)


def _rows(items):
    return items if isinstance(items, list) else []


def kpis(doc: dict) -> dict:
    k = doc["kpis"]
    periods = list(k.get("periods") or [])
    better_text = {"higher": "higher is better", "lower": "lower is better", "none": "no better direction"}
    rows, charts = [], []
    for item in _rows(k.get("items")):
        unit = item.get("unit", "")
        values = list(item.get("values") or [])
        texts = [fmt.kpi_value(v, unit) for v in values]
        assessment = item.get("assessment")
        rows.append({"title": item.get("title", item.get("id")), "cells": texts,
                     "delta": fmt.kpi_delta(item.get("delta"), unit),
                     "assessment": ASSESSMENT_MARK.get(assessment, fmt.words(assessment)),
                     "unusual": "unusual" if item.get("unusual") else ""})
        if len([v for v in values if v is not None]) >= 2 and len(values) == len(periods):
            desc = (f"{item.get('title')} per {period_kind(doc)}: "
                    + ", ".join(f"{p} {t}" for p, t in zip(periods, texts))
                    + f". Change {fmt.kpi_delta(item.get('delta'), unit)}, {fmt.words(assessment)} "
                      f"({better_text.get(item.get('better'), '')}).")
            charts.append(svg.line_chart(
                f"kpi-{item.get('id')}", str(item.get("title")), desc, periods, values, texts,
                y_label=unit, y_max=100.0 if unit == "percent" else None))
    return {"periods": periods, "rows": rows, "charts": charts, "top_categories": k.get("top_categories"),
            "current_period": k.get("current_period")}


def sla(doc: dict) -> dict:
    s = doc["sla"]
    targets, gauges = [], []
    for t in _rows(s.get("targets")):
        name = str(t.get("target"))
        text = fmt.percent(t.get("attainment_pct"))
        targets.append({"target": name, "met": t.get("met"), "breached": t.get("breached"), "open": t.get("open"),
                        "excluded": t.get("excluded"), "evaluated": t.get("evaluated"), "attainment": text})
        desc = (f"{t.get('met')} of {t.get('met', 0) + t.get('breached', 0)} evaluated tickets met the {name} "
                f"target: {text}; {t.get('open')} still open")
        gauges.append(svg.gauge(f"sla-{name}", f"SLA attainment, {name}", desc, t.get("attainment_pct"), text,
                                caption=name))
    by_priority = [{"priority": r.get("priority"), "target": r.get("target"), "met": r.get("met"),
                    "breached": r.get("breached"), "open": r.get("open"), "attainment": fmt.percent(r.get("attainment_pct"))}
                   for r in _rows(s.get("by_priority"))]
    breaches = _rows(s.get("breaches"))
    return {"tickets": s.get("tickets"), "targets": targets, "gauges": gauges, "by_priority": by_priority,
            "breaches": breaches[:LIST_ROWS], "breach_count": len(breaches)}


def _asset_text(asset) -> str:
    if isinstance(asset, dict):
        return str(asset.get("name") or asset.get("id") or "n/a")
    return "n/a" if asset is None else str(asset)


def security(doc: dict) -> dict:
    s = doc["security"]
    by_severity = dict(s.get("by_severity") or {})
    order = [x for x in SEVERITY_ORDER if x in by_severity] + sorted(x for x in by_severity if x not in SEVERITY_ORDER)
    patterns = [("solid", "hatch", "dots", "plain")[min(i, 3)] for i in range(len(order))]
    bars = [(fmt.words(x), by_severity[x], str(by_severity[x])) for x in order]
    chart = None
    if bars:
        desc = "Alerts in the period by severity: " + ", ".join(f"{label} {text}" for label, _, text in bars)
        chart = svg.hbar_chart("security-severity", "Alerts by severity", desc, bars, patterns=patterns)
    items = [{"priority": "P" + str(a["priority"]) if a.get("priority") is not None else "none",
              "severity": fmt.words(a.get("severity")), "title": a.get("title"), "asset": _asset_text(a.get("asset")),
              "status": fmt.words(a.get("status")), "first_seen": fmt.date(a.get("first_seen")),
              "source": a.get("source")} for a in _rows(s.get("items"))]
    by_status = [(fmt.words(k), v) for k, v in sorted((s.get("by_status") or {}).items())]
    return {"alerts": s.get("alerts"), "chart": chart, "alert_rows": items, "by_status": by_status}


def risk(doc: dict) -> dict:
    r = doc["risk"]
    ranked = _rows(r.get("ranked"))
    bars = [(fmt.words(c.get("factor")), float(c.get("points") or 0.0),
             f"{fmt.number(c.get('points'), 1)} of {fmt.number(c.get('weight'), 0)}") for c in ranked]
    patterns = ["solid" if c.get("known") else "hatch" for c in ranked]
    chart = None
    if bars:
        desc = ("Risk points per factor, the largest first (hatched: input missing, counted as the default): "
                + ", ".join(f"{label} {text}" for label, _, text in bars))
        chart = svg.hbar_chart("risk-factors", "Risk points by factor", desc, bars, patterns=patterns,
                               max_value=max([float(c.get("weight") or 0) for c in ranked] + [1.0]))
    rows = [{"factor": fmt.words(c.get("factor")), "points": fmt.number(c.get("points"), 1),
             "weight": fmt.number(c.get("weight"), 0), "known": "yes" if c.get("known") else "no (default)",
             "detail": c.get("detail")} for c in ranked]
    score = r.get("score")
    gauge = svg.gauge("risk-score", "Risk score", f"Risk score {fmt.number(score, 1)} of 100, grade {r.get('grade')}; "
                      "lower is better", score, fmt.number(score, 1), caption=f"grade {r.get('grade')}")
    return {"score": fmt.number(score, 1), "grade": r.get("grade"), "coverage": fmt.number(r.get("coverage"), 0) + " %",
            "chart": chart, "gauge": gauge, "rows": rows, "register": _rows(r.get("risk_register")),
            "model_version": r.get("model_version")}


def trueup(doc: dict) -> dict:
    t = doc["trueup"]
    by_kind = [{"kind": fmt.words(r.get("kind")), "count": r.get("count"),
                "monthly": fmt.money(r.get("monthly_value"), r.get("currency")),
                "annual": fmt.money(r.get("annual_value"), r.get("currency"))} for r in _rows(t.get("by_kind"))]
    by_action = [{"action": fmt.words(r.get("action")), "count": r.get("count"),
                  "amount": fmt.money(r.get("amount"), r.get("currency"))} for r in _rows(t.get("by_action"))]
    proposals = [{"sku": p.get("sku"), "action": fmt.words(p.get("action")),
                  "change": f"{p.get('quantity_before')} → {p.get('quantity_after')}",
                  "effective": fmt.date(p.get("effective_date")),
                  "deferred": fmt.date(p.get("deferred_until")) if p.get("deferred_until") else "",
                  "amount": fmt.money(p.get("amount"), p.get("currency")), "rule": fmt.words(p.get("rule"))}
                 for p in _rows(t.get("proposals"))]
    deviations = [{"sku": d.get("sku"), "kind": fmt.words(d.get("kind")), "contracted": d.get("contracted"),
                   "billed": d.get("billed"), "assigned": d.get("assigned"), "gap": d.get("gap"),
                   "monthly": fmt.money(d.get("monthly_value"), d.get("currency"))} for d in _rows(t.get("deviations"))]
    return {"as_of": fmt.date(t.get("as_of")), "by_kind": by_kind, "by_action": by_action, "proposals": proposals,
            "deviations": deviations, "held": len(_rows(t.get("held"))), "unmapped": len(_rows(t.get("unmapped")))}


def lifecycle(doc: dict) -> dict:
    lc = doc["lifecycle"]
    by_status = lc.get("by_status") or {}
    order = [s for s in STATUS_ORDER if s in by_status]
    bars = [(fmt.words(s), by_status[s], str(by_status[s])) for s in order]
    chart = svg.hbar_chart("lifecycle-status", "Assets by lifecycle status",
                           "Assets by their most urgent lifecycle status: "
                           + ", ".join(f"{label} {text}" for label, _, text in bars),
                           bars, patterns=[STATUS_PATTERN[s] for s in order]) if bars else None
    checks = [(name, lc.get(key) or {}) for name, key in (("overall", "by_status"), ("warranty", "warranty_by_status"),
                                                          ("OS support", "os_by_status"), ("licences", "licence_by_status"))]
    by_type = [{"type": fmt.words(name), **{s: counts.get(s, 0) for s in STATUS_ORDER}}
               for name, counts in sorted((lc.get("by_type") or {}).items())]
    attention = [{"id": a.get("id"), "type": fmt.words(a.get("type")), "status": fmt.words(a.get("status")),
                  "reason": a.get("reason"), "os": a.get("os_reason") if a.get("os_status") == "overdue" else "",
                  "value": fmt.money(a.get("replacement_value"), a.get("currency")) if a.get("replacement_value") else ""}
                 for a in _rows(lc.get("attention"))[:LIST_ROWS]]
    licences = [{"sku": x.get("sku"), "seats": x.get("seats"), "term_end": fmt.date(x.get("term_end")),
                 "status": fmt.words(x.get("status")), "reason": x.get("reason")} for x in _rows(lc.get("licence_items"))]
    return {"assets": lc.get("assets"), "licences_count": lc.get("licences"), "as_of": fmt.date(lc.get("as_of")),
            "chart": chart, "checks": checks, "statuses": STATUS_ORDER, "by_type": by_type, "attention": attention,
            "attention_count": len(_rows(lc.get("attention"))),
            "licences": licences, "os_table_version": lc.get("os_table_version")}


def roadmap(doc: dict) -> dict:
    """Initiatives by quarter; the lifecycle replacements as one line per quarter (the model's
    count and total), so a review is not a device list."""
    r = doc["roadmap"]
    currency = (doc.get("budget") or {}).get("currency") if isinstance(doc.get("budget"), dict) else None
    quarters: dict[str, list] = {}
    for g in _rows(r.get("replacements")):
        quarters.setdefault(str(g.get("quarter")), []).append({
            "id": "", "title": f"Replace {g.get('count')} device{'s' if g.get('count') != 1 else ''} due by warranty, "
                              "OS support or age", "priority": g.get("priority"), "status": "proposed",
            "source": "lifecycle", "depends_on": "", "budget": fmt.money(g.get("budget_total"), currency)})
    for i in _rows(r.get("initiatives")):
        if i.get("source") == "lifecycle" and "replacements" in r:
            continue
        quarters.setdefault(str(i.get("quarter")), []).append({
            "id": i.get("id"), "title": i.get("title"), "priority": i.get("priority"), "status": fmt.words(i.get("status")),
            "source": fmt.words(i.get("source")), "depends_on": ", ".join(map(str, i.get("depends_on") or [])),
            "budget": fmt.money(i.get("budget_total"), currency)})
    return {"quarters": sorted(quarters.items()), "findings": _rows(r.get("findings"))[:LIST_ROWS]}


def budget(doc: dict) -> dict:
    b = doc["budget"]
    currency = b.get("currency")
    quarters = _rows(b.get("quarters"))
    chart = None
    if quarters:
        labels = [_quarter_label(q.get("fiscal_quarter")) for q in quarters]
        capex = [fmt.to_float(q.get("capex")) for q in quarters]
        opex = [fmt.to_float(q.get("opex")) for q in quarters]
        desc = (f"Budget per fiscal quarter in {currency}, capex (solid) and opex (hatched) stacked: "
                + "; ".join(f"{q.get('fiscal_quarter')} capex {fmt.money(q.get('capex'))}, opex {fmt.money(q.get('opex'))}, "
                            f"total {fmt.money(q.get('total'))}" for q in quarters))
        chart = svg.stacked_bars("budget-quarters", "Budget by fiscal quarter", desc, labels,
                                 [("capex", capex, [_chart_money(q.get("capex")) for q in quarters], "solid"),
                                  ("opex", opex, [_chart_money(q.get("opex")) for q in quarters], "hatch")],
                                 totals=[_chart_money(q.get("total")) for q in quarters], y_label=currency or "",
                                 width=640, height=260)
    # The tables' amounts without the currency: the section's first line names it once.
    quarter_rows = [{"fiscal_quarter": q.get("fiscal_quarter"),
                     **{k: fmt.money(q.get(k)) for k in ("capex", "opex", "total")}} for q in quarters]
    years = [{"fiscal_year": y.get("fiscal_year"),
              **{k: fmt.money(y.get(k)) for k in ("capex", "opex", "one_time", "recurring", "approved",
                                                            "proposed", "total")}} for y in _rows(b.get("fiscal_years"))]
    return {"currency": currency, "chart": chart, "years": years, "quarters": quarter_rows, "fiscal_year_start": b.get("fiscal_year_start"),
            "price_increase": b.get("price_increase"), "lines": len(_rows(b.get("lines")))}


def alignment(doc: dict) -> dict:
    a = doc["alignment"]
    standard = a.get("standard") if isinstance(a.get("standard"), dict) else {}
    sections = []
    for s in _rows(a.get("sections")):
        if isinstance(s, dict):
            sections.append((str(s.get("title") or s.get("id")), fmt.to_float(s.get("score")),
                             fmt.percent(s.get("score")) if s.get("score") is not None else "n/a"))
    chart = svg.hbar_chart("alignment-sections", "Alignment score by section",
                           "Alignment score per section of the standard: "
                           + ", ".join(f"{label} {text}" for label, _, text in sections),
                           sections, max_value=100.0) if sections else None
    counts = [(fmt.words(k), a[k]) for k in ("aligned", "partial", "misaligned", "not_applicable", "unanswered")
              if isinstance(a.get(k), int)]
    findings = [{"priority": f.get("priority"), "question": f.get("question"), "section": f.get("section"),
                 "text": f.get("text"), "recommendation": f.get("recommendation") or ""}
                for f in _rows(a.get("findings")) if isinstance(f, dict)]
    return {"score": fmt.percent(a.get("score")) if a.get("score") is not None else "n/a",
            "coverage": fmt.percent(a.get("coverage")) if a.get("coverage") is not None else "n/a",
            "standard": " ".join(str(x) for x in (standard.get("name") or standard.get("id"), standard.get("version")) if x),
            "counts": counts, "chart": chart, "findings": findings}


def backup(doc: dict) -> dict:
    """Service health: the three roll-up figures (the model's decimal texts) and the devices
    needing attention per part."""
    section = doc["backup"]

    def part(name):
        return section.get(name) if isinstance(section.get(name), dict) else None

    def client(name):
        return (part(name) or {}).get("client") or {}

    b, p, a = client("backup"), client("patch"), client("availability")
    percent = lambda v: "\u2013" if v is None else f"{v} %"  # noqa: E731
    backup_rows = [{"device": d.get("name") or d.get("id"), "class": fmt.words(d.get("device_class")),
                    "status": fmt.words(d.get("status")), "last_good": fmt.date(d.get("last_good")) if d.get("last_good") else "never",
                    "reason": d.get("reason")} for d in _rows((part("backup") or {}).get("attention"))]
    patch_rows = [{"device": d.get("name") or d.get("id"), "status": fmt.words(d.get("status")), "missing": d.get("missing", 0),
                   "reason": d.get("reason")} for d in _rows((part("patch") or {}).get("attention"))]
    down_rows = [{"device": d.get("device_id"), "availability": percent(d.get("availability_pct")),
                  "failures": d.get("failures", 0), "down": f"{d.get('down_seconds', 0) // 60} min",
                  "mtrs": "\u2013" if d.get("mtrs_minutes") is None else f"{d.get('mtrs_minutes')} min"}
                 for d in _rows((part("availability") or {}).get("attention"))]
    by = b
    return {"backup": percent(b.get("compliance_percent")) if part("backup") else None,
            "backup_note": (f"{b.get('in_scope', 0)} devices in scope: {by.get('compliant', 0)} compliant, "
                            f"{by.get('warning', 0)} warning, {by.get('overdue', 0)} overdue, {by.get('never', 0)} never"
                            if b else "no backup data for this client"),
            "patch": percent(p.get("compliance_percent")) if part("patch") else None,
            "patch_note": (f"{p.get('reboot_pending', 0)} reboots pending; time to patch "
                           + ("\u2013" if p.get("median_days_to_patch") is None else f"{p.get('median_days_to_patch')} days (median)")
                           if p else "no patch data for this client"),
            "availability": percent(a.get("availability_pct")) if part("availability") else None,
            "availability_note": (f"{a.get('failures', 0)} outages" + (
                "" if (part("availability") or {}).get("target") is None or a.get("target_met") is None
                else f"; target {(part('availability') or {}).get('target')} % {'met' if a.get('target_met') else 'missed'}")
                if a else "no monitoring data for this client"),
            "backup_rows": backup_rows, "patch_rows": patch_rows, "down_rows": down_rows}


BUILDERS = {"kpis": kpis, "sla": sla, "security": security, "risk": risk, "backup": backup, "trueup": trueup, "lifecycle": lifecycle,
            "roadmap": roadmap, "budget": budget, "alignment": alignment}
