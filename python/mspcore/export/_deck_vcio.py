"""Slides of the vCIO sections: licence true-up, asset lifecycle, roadmap, budget and
standards alignment. Money is shown from the model's decimal strings (never a float); charts
get the same strings as numbers, because a chart's data is numbers."""
from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from . import _deck_format as fmt
from ._deck_layout import BAD, NEUTRAL, STATUS_COLOURS, WARN, bar_gap, chart, table, text_box
from ._deck_service import note, paged_title, pages

STATUSES = ("supported", "due_soon", "overdue", "unknown")
ROADMAP_ROWS_PER_SLIDE = 10
ATTENTION_ROWS = 7
PROPOSAL_ROWS = 6
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def short(text, limit=80):
    text = str(text or "")
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def chart_number(text, where):
    """A decimal string as a chart value (charts hold numbers; the table beside shows the text)."""
    return float(fmt.decimal_of(text, where))


# -- true-up ------------------------------------------------------------------------------
def trueup_slides(deck, trueup):
    slide, box = deck.slide("Licence true-up")
    counts = (f"{len(trueup.get('deviations') or [])} deviations \u00b7 {len(trueup.get('proposals') or [])} proposals"
              f" \u00b7 {len(trueup.get('held') or [])} held \u00b7 {len(trueup.get('unmapped') or [])} unmapped")
    head, top, bottom = box.rows(0.08, 0.36, 0.56)
    text_box(slide, head, [counts], size=14, colour=NEUTRAL, name="Summary")
    left, right = top.split(0.56, 0.44)
    kinds = trueup.get("by_kind") or []
    if kinds:
        rows = [[fmt.label(k["kind"]), str(k["count"]), fmt.money(k["monthly_value"], k.get("currency"), "by_kind"),
                 fmt.money(k["annual_value"], k.get("currency"), "by_kind")] for k in kinds]
        table(slide, left, ["Deviation", "Count", "Monthly value", "Annual value"], rows,
              widths=(0.34, 0.12, 0.27, 0.27), size=11, row_height=Inches(0.34), name="True-up by kind", align="lrrr")
    else:
        note(slide, left, "No deviations between contracts and what was observed.", size=14)
    actions = trueup.get("by_action") or []
    if actions:
        rows = [[fmt.label(a["action"]), str(a["count"]), fmt.money(a["amount"], a.get("currency"), "by_action")]
                for a in actions]
        table(slide, right, ["Proposal", "Count", "Amount"], rows, widths=(0.4, 0.2, 0.4), size=11,
              row_height=Inches(0.34), name="True-up by action", align="lrr")
    proposals = (trueup.get("proposals") or [])[:PROPOSAL_ROWS]
    if proposals:
        total = len(trueup.get("proposals") or [])
        caption, bottom = bottom.rows(0.14, 0.86, gap=Inches(0.05))
        text_box(slide, caption, ["Proposals" + (f" (first {len(proposals)} of {total})" if total > len(proposals) else "")],
                 size=13, bold=True, name="Table title")
        rows = [[str(p.get("sku", "")), str(p.get("contract_id", "")), fmt.label(p.get("action", "")),
                 f"{p.get('quantity_before', '')} \u2192 {p.get('quantity_after', '')}",
                 fmt.money(p.get("amount"), p.get("currency"), "proposals"), fmt.day(p.get("effective_date")),
                 fmt.day(p.get("deferred_until")) if p.get("deferred_until") else ""]
                for p in proposals]
        table(slide, bottom, ["SKU", "Contract", "Action", "Quantity", "Amount", "Effective", "Deferred to"], rows,
              widths=(0.16, 0.16, 0.13, 0.12, 0.16, 0.13, 0.14), size=11, row_height=Inches(0.34),
              name="True-up proposals", align="lllcrll")


# -- lifecycle ----------------------------------------------------------------------------
def lifecycle_slides(deck, lifecycle):
    slide, box = deck.slide("Asset lifecycle")
    by_status = lifecycle.get("by_status") or {}
    summary = (f"{lifecycle.get('assets', 0)} assets \u00b7 {lifecycle.get('licences', 0)} licences \u00b7 "
               + " \u00b7 ".join(f"{fmt.label(s).lower()} {by_status.get(s, 0)}" for s in STATUSES)
               + f" \u00b7 as of {lifecycle.get('as_of', '')}")
    head, body = box.rows(0.08, 0.92)
    text_box(slide, head, [summary], size=14, colour=NEUTRAL, name="Summary")
    left, right = body.split(0.4, 0.6)
    by_type = lifecycle.get("by_type") or {}
    types = list(by_type)
    if types:
        series = [(fmt.label(s), [by_type[t].get(s, 0) for t in types]) for s in STATUSES]
        frame = chart(slide, left, XL_CHART_TYPE.BAR_STACKED, [fmt.label(t) for t in types], series,
                      number_format="#,##0", labels=True, label_format="#,##0;-#,##0;;",
                      colours=[STATUS_COLOURS[s] for s in STATUSES], title="Assets by type and status", label_colour="FFFFFF",
                      name="Lifecycle by type")
        frame.chart.category_axis.reverse_order = True
        bar_gap(frame, 50, 100)
    attention = lifecycle.get("attention") or []
    if attention:
        shown = attention[:ATTENTION_ROWS]
        colours = {"overdue": BAD, "due_soon": WARN}
        rows = [[str(a["id"]), fmt.label(a.get("type", "")),
                 (fmt.label(a["status"]), {"colour": colours.get(a["status"], NEUTRAL), "bold": True}),
                 short(a.get("reason"), 95)] for a in shown]
        title = "Needs attention" + (f" (first {len(shown)} of {len(attention)})" if len(attention) > len(shown) else "")
        title_box, table_box = right.rows(0.08, 0.92, gap=Inches(0.05))
        text_box(slide, title_box, [title], size=13, bold=True, name="Table title")
        table(slide, table_box, ["Asset", "Type", "Status", "Reason"], rows, widths=(0.17, 0.14, 0.13, 0.56), size=10,
              row_height=Inches(0.5), name="Lifecycle attention", align="llll")
    else:
        note(slide, right, "No asset or licence needs attention.", size=14)


# -- roadmap ------------------------------------------------------------------------------
def roadmap_slides(deck, roadmap):
    # The lifecycle replacements as one line per quarter (the model's count and total), the
    # other initiatives one by one.
    grouped = "replacements" in roadmap
    initiatives = [i for i in roadmap.get("initiatives") or [] if not (grouped and i.get("source") == "lifecycle")]
    for g in roadmap.get("replacements") or []:
        n = g.get("count")
        initiatives.append({"quarter": g.get("quarter"), "priority": g.get("priority"), "status": "proposed",
                            "source": "lifecycle", "budget_total": g.get("budget_total"),
                            "title": f"Replace {n} device{'s' if n != 1 else ''} due by warranty, OS support or age"})
    initiatives.sort(key=lambda i: (str(i.get("quarter", "")), i.get("priority", 3)))
    currency = (deck.doc.get("budget") or {}).get("currency")
    chunks = pages(initiatives, ROADMAP_ROWS_PER_SLIDE)
    for n, chunk in enumerate(chunks):
        slide, box = deck.slide(paged_title("Roadmap", n, len(chunks)))
        if not chunk:
            note(slide, box, "No initiatives planned.", size=16)
            continue
        rows, last = [], None
        for i in chunk:
            quarter = i.get("quarter", "")
            rows.append([(quarter if quarter != last else "", {"bold": True}), str(i.get("priority", "")),
                         short(i.get("title") or i.get("id"), 85), fmt.label(i.get("status", "")),
                         fmt.label(i.get("source", "")), fmt.money(i.get("budget_total"), currency, "budget_total")])
            last = quarter
        table(slide, box, ["Quarter", "Prio", "Initiative", "Status", "Source", "Budget"], rows,
              widths=(0.1, 0.06, 0.5, 0.1, 0.1, 0.14), size=11, row_height=Inches(0.42), name="Roadmap table",
              align="lclllr")
    findings = roadmap.get("findings") or []
    if findings:
        slide, box = deck.slide("Roadmap findings")
        rows = [[str(f.get("initiative", "")), fmt.label(f.get("code", "")), short(f.get("text"), 120)]
                for f in findings[:12]]
        table(slide, box, ["Initiative", "Finding", "Detail"], rows, widths=(0.2, 0.2, 0.6), size=11,
              name="Roadmap findings")


# -- budget -------------------------------------------------------------------------------
def budget_slides(deck, budget):
    slide, box = deck.slide("Budget")
    currency = budget.get("currency")
    quarters = budget.get("quarters") or []
    top, bottom = box.rows(0.6, 0.4)
    if quarters:
        names = [q["fiscal_quarter"] for q in quarters]
        series = [(kind.capitalize(), [chart_number(q[kind], f"budget.quarters[{k}].{kind}") for k, q in enumerate(quarters)])
                  for kind in ("capex", "opex")]
        frame = chart(slide, top, XL_CHART_TYPE.COLUMN_STACKED, names, series, number_format="#,##0",
                      labels=True, label_format="#,##0;-#,##0;;", colours=["2B6CB0", "ED8936"], label_colour="FFFFFF",
                      title=f"Budget by quarter ({currency})" if currency else "Budget by quarter", name="Budget by quarter")
        bar_gap(frame, 60, 100)
    years = budget.get("fiscal_years") or []
    if years:
        columns = ("capex", "opex", "one_time", "recurring", "approved", "proposed", "total")
        rows = [[(y["fiscal_year"], {"bold": True})] + [(fmt.money(y[c], None, f"budget.fiscal_years.{c}"),
                                                          {"bold": c == "total"}) for c in columns] for y in years]
        header = ["Fiscal year"] + [fmt.label(c) for c in columns]
        caption, tbl = bottom.rows(0.15, 0.85, gap=Inches(0.05))
        start = budget.get("fiscal_year_start") or 1
        text = "Fiscal year totals" + (f" in {currency}" if currency else "")
        if start != 1:
            text += f" (fiscal years from {MONTHS[start - 1]})"
        text_box(slide, caption, [text], size=13, bold=True, name="Table title")
        table(slide, tbl, header, rows, widths=(0.16,) + (0.12,) * 7, size=12, row_height=Inches(0.38),
              name="Budget by fiscal year", align="l" + "r" * 7)
    if not quarters and not years:
        note(slide, box, "No budget lines in the horizon.", size=16)


# -- alignment ----------------------------------------------------------------------------
def _score_number(value):
    """Alignment scores are decimal text (or numbers); null stays a gap."""
    if value is None:
        return None
    return float(fmt.decimal_of(value, "alignment.score")) if isinstance(value, str) else float(value)


def _score_text(value, suffix=" %"):
    if value is None:
        return "\u2013"
    return (value if isinstance(value, str) else f"{value:g}") + suffix


def alignment_slides(deck, alignment):
    slide, box = deck.slide("Standards alignment")
    standard = alignment.get("standard") or {}
    name = " ".join(str(standard.get(k)) for k in ("name", "version") if standard.get(k)) or standard.get("id") or ""
    left, right = box.split(0.3, 0.7)
    counts = [f"{fmt.label(k)} {alignment[k]}" for k in ("aligned", "partial", "misaligned", "unanswered")
              if isinstance(alignment.get(k), int)]
    panel = [[(_score_text(alignment.get("score"), ""), {"size": 54, "bold": True, "colour": "1A365D"})],
             [("alignment score of 100 (higher is better)", {"size": 13, "colour": NEUTRAL})],
             [(" ", {"size": 10})],
             [(f"Coverage {_score_text(alignment.get('coverage'))}", {"size": 15})]]
    if name:
        panel.append([(f"Standard: {name}", {"size": 13})])
    if counts:
        panel.append([(" \u00b7 ".join(counts), {"size": 12, "colour": NEUTRAL})])
    text_box(slide, left, panel, name="Alignment score")
    sections = [s for s in alignment.get("sections") or [] if isinstance(s, dict)]
    findings = [f for f in alignment.get("findings") or [] if isinstance(f, dict)]
    chart_box, table_box = right.rows(0.5, 0.5) if findings else (right, None)
    if sections:
        labels = [str(s.get("title") or s.get("id")) + ("" if s.get("score") is not None else " (not scored)")
                  for s in sections]
        frame = chart(slide, chart_box, XL_CHART_TYPE.BAR_CLUSTERED, labels,
                      [("Score", [_score_number(s.get("score")) for s in sections])], number_format="0",
                      labels=True, label_format="0.0", legend=False, axis_min=0, axis_max=100, colours=["319795"],
                      title="Score by section", name="Alignment by section")
        frame.chart.category_axis.reverse_order = True
        bar_gap(frame, 40)
    if findings and table_box is not None:
        titles = {s.get("id"): s.get("title") or s.get("id") for s in sections}
        ranked = sorted(findings, key=lambda f: f.get("priority") if isinstance(f.get("priority"), int) else 99)[:5]
        rows = [[str(f.get("priority") or "\u2013"), str(titles.get(f.get("section"), f.get("section") or "")),
                 short(f.get("text"), 70), short(f.get("recommendation") or "", 50)] for f in ranked]
        table(slide, table_box, ["Prio", "Section", "Finding", "Recommendation"], rows, widths=(0.08, 0.17, 0.45, 0.3),
              size=10, row_height=Inches(0.34), name="Alignment findings", align="clll")
