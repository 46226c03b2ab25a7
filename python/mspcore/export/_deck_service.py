"""Slides of the service sections: KPIs (table with trend arrows, line charts), SLA
attainment (doughnut gauges, bars per priority), security alerts, risk and its contributions.
Every figure is the model's, only formatted."""
from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches

from . import _deck_format as fmt
from ._deck_layout import BAD, GOOD, NEUTRAL, WARN, Box, bar_gap, chart, doughnut_hole, rgb, table, text_box

KPI_ROWS_PER_SLIDE = 11
TRENDS_PER_SLIDE = 6
# The KPIs a trend slide shows when the caller names none, the first six present.
KEY_KPIS = ("created", "backlog", "first_response_hours_mean", "resolution_hours_mean", "sla_response_attainment_pct",
            "sla_resolution_attainment_pct", "csat_positive_pct", "nps", "first_contact_resolution_pct",
            "tickets_per_endpoint", "rhem", "reopen_rate_pct")
ASSESSMENT_COLOURS = {"better": GOOD, "worse": BAD}
SEVERITY_ORDER = ("critical", "high", "medium", "low", "info", "informational", "unknown")
SEVERITY_COLOURS = {"critical": "9B2C2C", "high": "C53030", "medium": "DD6B20", "low": "D69E2E"}
TARGET_COLOURS = {"response": "2B6CB0", "resolution": "805AD5", "plan": "319795"}
NUMBER_FORMATS = {"count": "#,##0", "percent": '0.0"%"', "hours": '0.00" h"', "years": '0.0" y"'}


def pages(rows, size):
    """``rows`` in slide-sized chunks (one empty chunk for no rows)."""
    rows = list(rows)
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def paged_title(title, n, count):
    return title if count == 1 else f"{title} ({n + 1}/{count})"


def note(slide, box: Box, text, size=12):
    return text_box(slide, box, [text], size=size, colour=NEUTRAL, name="Note")


# -- KPIs ---------------------------------------------------------------------------------
def _kpi_row(item):
    unit = item.get("unit", "")
    assessment = item.get("assessment")
    colour = ASSESSMENT_COLOURS.get(assessment, NEUTRAL)
    if item.get("delta") is None:
        change = "\u2013"
    else:
        change = f"{fmt.arrow(item.get('direction'))} {fmt.number(item['delta'], unit, signed=True)}"
    return [item.get("title") or item.get("id"), fmt.number(item.get("previous"), unit),
            fmt.number(item.get("current"), unit), (change, {"colour": colour}),
            (fmt.assessment(assessment), {"colour": colour, "bold": assessment in ASSESSMENT_COLOURS}),
            "unusual" if item.get("unusual") else ""]


def kpi_slides(deck, kpis, trend_kpis=None):
    items = kpis.get("items") or []
    periods = kpis.get("periods") or []
    current = kpis.get("current_period")
    previous = periods[periods.index(current) - 1] if current in periods and periods.index(current) > 0 else None
    header = ["KPI", f"Previous ({previous})" if previous else "Previous",
              f"Current ({current})" if current else "Current", "Change", "Assessment", "Note"]
    chunks = pages(items, KPI_ROWS_PER_SLIDE)
    for n, chunk in enumerate(chunks):
        slide, box = deck.slide(paged_title("Service KPIs", n, len(chunks)))
        main, foot = box.rows(0.88, 0.12)
        if chunk:
            table(slide, main, header, [_kpi_row(i) for i in chunk], widths=(0.34, 0.15, 0.15, 0.13, 0.13, 0.10),
                  size=12, row_height=Inches(0.38), name="KPI table", align="lrrrll")
        else:
            note(slide, main, "No KPI was measured for this client in the period.", size=16)
        lines = ["\u25b2 up \u00b7 \u25bc down \u00b7 \u25ba flat; the assessment says whether the change is better "
                 "or worse for the client (\u201cneutral\u201d: a volume, no better direction)."]
        if kpis.get("top_categories") and n == len(chunks) - 1:
            lines.insert(0, f"Top ticket categories ({current}): {kpis['top_categories']}")
        text_box(slide, foot, lines, size=11, colour=NEUTRAL, name="Note")
    _kpi_trends(deck, items, periods, trend_kpis)


def _trend_items(items, trend_kpis):
    by_id = {i["id"]: i for i in items}
    numeric = [i for i in items if i.get("unit") != "text" and any(v is not None for v in i.get("values") or [])]
    if trend_kpis is not None:
        return [by_id[k] for k in trend_kpis if k in by_id]
    chosen = [by_id[k] for k in KEY_KPIS if k in by_id and by_id[k] in numeric][:TRENDS_PER_SLIDE]
    return chosen or numeric[:TRENDS_PER_SLIDE]


def _kpi_trends(deck, items, periods, trend_kpis):
    chosen = _trend_items(items, trend_kpis)
    if not chosen or not periods:
        return
    chunks = pages(chosen, TRENDS_PER_SLIDE)
    palette = ("2B6CB0", "805AD5", "319795", "DD6B20", "D53F8C", "38A169")
    for n, chunk in enumerate(chunks):
        slide, box = deck.slide(paged_title("KPI trends", n, len(chunks)))
        columns = 3 if len(chunk) > 4 else min(len(chunk), 2) if len(chunk) > 1 else 1
        grid_rows = (len(chunk) + columns - 1) // columns
        cells = [c for r in box.rows(*[1 / grid_rows] * grid_rows) for c in r.split(*[1 / columns] * columns)]
        for k, (item, cell) in enumerate(zip(chunk, cells)):
            unit = item.get("unit", "")
            number_format = NUMBER_FORMATS.get(unit, "#,##0.00")
            label_format = "#,##0" if unit == "count" else "#,##0.00"
            assessment = item.get("assessment")
            suffix = f"  {fmt.arrow(item.get('direction'))} {fmt.assessment(assessment)}" if assessment else ""
            chart(slide, cell, XL_CHART_TYPE.LINE_MARKERS, periods, [(item["title"], item["values"])],
                  number_format=number_format, label_format=label_format, labels=True, axis_min=None,
                  label_position=XL_LABEL_POSITION.ABOVE,
                  colours=[palette[k % len(palette)]], font_size=10, title=f"{item['title']}{suffix}",
                  name=f"Trend: {item['id']}")


# -- SLA ----------------------------------------------------------------------------------
def sla_slides(deck, sla):
    slide, box = deck.slide("SLA attainment")
    head, body = box.rows(0.1, 0.9)
    breaches = sla.get("breaches") or []
    text_box(slide, head, [f"{sla.get('tickets', 0)} tickets created in the period \u00b7 {len(breaches)} "
                           f"breach{'es' if len(breaches) != 1 else ''}"], size=14, colour=NEUTRAL, name="Summary")
    targets = sla.get("targets") or []
    left, right = body.split(0.48, 0.52)
    gauges = left.split(*[1 / max(len(targets), 1)] * max(len(targets), 1), gap=Inches(0.15)) if targets else []
    for target, cell in zip(targets, gauges):
        _gauge(slide, cell, target)
    if not targets:
        note(slide, left, "No SLA target was evaluated.", size=16)
    chart_box, list_box = right.rows(0.72, 0.28)
    _by_priority(slide, chart_box, sla.get("by_priority") or [], [t["target"] for t in targets])
    if breaches:
        shown = ", ".join(f"{b['id']} ({b['priority']}, {b['target']})" for b in breaches[:8])
        more = f" and {len(breaches) - 8} more" if len(breaches) > 8 else ""
        text_box(slide, list_box, [f"Breaches: {shown}{more}"], size=11, colour=NEUTRAL, name="Breaches")


def _gauge(slide, cell: Box, target):
    """A doughnut of met vs breached tickets, the attainment % (the model's) in its hole."""
    name = fmt.label(target["target"])
    title_box, ring, caption = cell.rows(0.12, 0.63, 0.25, gap=Inches(0.05))
    text_box(slide, title_box, [name], size=16, bold=True, align=PP_ALIGN.CENTER, name=f"Gauge title: {target['target']}")
    met, breached = target.get("met", 0), target.get("breached", 0)
    if met + breached:
        side = min(ring.width, ring.height)
        square = Box(ring.left + (ring.width - side) // 2, ring.top, side, side)
        frame = chart(slide, square, XL_CHART_TYPE.DOUGHNUT, ["Met", "Breached"], [(f"{name} tickets", [met, breached])],
                      legend=False, name=f"SLA gauge: {target['target']}")
        doughnut_hole(frame, 68)
        points = frame.chart.plots[0].series[0].points
        for k, colour in enumerate((GOOD, BAD)):
            points[k].format.fill.solid()
            points[k].format.fill.fore_color.rgb = rgb(colour)
        inner = Box(square.left + side // 6, square.top + side // 2 - Inches(0.3), side * 2 // 3, Inches(0.6))
        size = max(10, min(20, int(Emu(side).pt / 7.5)))  # "100.00 %" fits the hole of a small gauge
        box = text_box(slide, inner, [fmt.percent(target.get("attainment_pct"))], size=size, bold=True,
                       align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE, name=f"Attainment: {target['target']}")
        box.text_frame.word_wrap = False
    else:
        text_box(slide, ring, ["not evaluated"], size=14, colour=NEUTRAL, align=PP_ALIGN.CENTER,
                 anchor=MSO_ANCHOR.MIDDLE)
    text_box(slide, caption, [f"met {met} \u00b7 breached {breached}",
                              f"open {target.get('open', 0)} \u00b7 excluded {target.get('excluded', 0)}"],
             size=11, colour=NEUTRAL, align=PP_ALIGN.CENTER, name=f"Gauge counts: {target['target']}")


def _by_priority(slide, box: Box, rows, targets):
    priorities = list(dict.fromkeys(r["priority"] for r in rows))
    if not priorities:
        return
    value = {(r["priority"], r["target"]): r.get("attainment_pct") for r in rows}
    series = [(fmt.label(t), [value.get((p, t)) for p in priorities]) for t in targets]
    frame = chart(slide, box, XL_CHART_TYPE.COLUMN_CLUSTERED, priorities, series, number_format='0"%"',
                  labels=True, label_format="0.00", axis_min=0, axis_max=100,
                  label_position=XL_LABEL_POSITION.INSIDE_END, label_colour="FFFFFF",
                  colours=[TARGET_COLOURS.get(t) for t in targets], title="Attainment by priority (%)",
                  name="SLA by priority")
    bar_gap(frame, 80, -10)


# -- security -----------------------------------------------------------------------------
def _severity_key(name):
    return (SEVERITY_ORDER.index(name), "") if name in SEVERITY_ORDER else (len(SEVERITY_ORDER), name)


def _asset_text(asset):
    if isinstance(asset, dict):
        return str(asset.get("name") or asset.get("id") or "\u2013")
    return "\u2013" if asset is None else str(asset)


def security_slides(deck, security):
    slide, box = deck.slide("Security alerts")
    head, body = box.rows(0.1, 0.9)
    by_status = security.get("by_status") or {}
    status = " \u00b7 ".join(f"{fmt.label(k).lower()} {v}" for k, v in by_status.items())
    text_box(slide, head, [f"{security.get('alerts', 0)} alerts in the period" + (f" \u00b7 {status}" if status else "")],
             size=14, colour=NEUTRAL, name="Summary")
    left, right = body.split(0.36, 0.64)
    by_severity = security.get("by_severity") or {}
    severities = sorted(by_severity, key=_severity_key)
    if severities:
        frame = chart(slide, left, XL_CHART_TYPE.COLUMN_CLUSTERED, [fmt.label(s) for s in severities],
                      [("Alerts", [by_severity[s] for s in severities])], number_format="#,##0", labels=True,
                      legend=False, title="Alerts by severity", name="Alerts by severity")
        bar_gap(frame, 60)
        points = frame.chart.plots[0].series[0].points
        for k, s in enumerate(severities):
            points[k].format.fill.solid()
            points[k].format.fill.fore_color.rgb = rgb(SEVERITY_COLOURS.get(s, "718096"))
    else:
        note(slide, left, "No alerts in the period.", size=16)
    items = (security.get("items") or [])[:9]
    if items:
        rows = [[str(i.get("priority") or "\u2013"), fmt.label(i.get("severity") or "unknown"), str(i.get("title") or ""),
                 _asset_text(i.get("asset")), fmt.label(i.get("status") or ""), fmt.day(i.get("first_seen"))]
                for i in items]
        title_box, table_box = right.rows(0.08, 0.92, gap=Inches(0.05))
        text_box(slide, title_box, ["Most urgent first"], size=13, bold=True, name="Table title")
        table(slide, table_box, ["Prio", "Severity", "Alert", "Asset", "Status", "First seen"], rows,
              widths=(0.08, 0.13, 0.35, 0.17, 0.12, 0.15), size=11, row_height=Inches(0.36), name="Alert table",
              align="clllll")


# -- risk ---------------------------------------------------------------------------------
def risk_slides(deck, risk):
    slide, box = deck.slide("Security risk")
    left, right = box.split(0.26, 0.74)
    grade = risk.get("grade")
    score = risk.get("score")
    panel = [[("\u2013" if score is None else f"{score:g}", {"size": 54, "bold": True, "colour": "1A365D"})],
             [("risk score of 100 (lower is better)", {"size": 13, "colour": NEUTRAL})],
             [(" ", {"size": 10})],
             [(f"Grade {grade}" if grade else "", {"size": 26, "bold": True})],
             [(f"Coverage {risk.get('coverage', 0):g} %", {"size": 15})],
             [("share of the score's inputs that were measured", {"size": 11, "colour": NEUTRAL})]]
    text_box(slide, left, panel, name="Risk score")
    ranked = risk.get("ranked") or []
    if not ranked:
        return
    chart_box, table_box = right.rows(0.5, 0.5)
    frame = chart(slide, chart_box, XL_CHART_TYPE.BAR_CLUSTERED, [fmt.label(r["factor"]) for r in ranked],
                  [("Points", [r["points"] for r in ranked])], number_format="0", labels=True, label_format="0.00",
                  legend=False, colours=[WARN], title="What drives the score (points)", name="Risk contributions")
    frame.chart.category_axis.reverse_order = True  # the largest on top, as ranked
    bar_gap(frame, 40)
    rows = [[fmt.label(r["factor"]), fmt.points(r["points"]), f"{r.get('weight', 0):g}",
             "measured" if r.get("known") else ("missing", {"colour": BAD}), str(r.get("detail") or "")]
            for r in ranked[:5]]
    table(slide, table_box, ["Factor", "Points", "Weight", "Input", "Detail"], rows,
          widths=(0.18, 0.1, 0.1, 0.13, 0.49), size=10, row_height=Inches(0.3), name="Risk table", align="lrrll")
