"""The service health slide: backup compliance, patch compliance and availability of the
client's devices (the model's "backup" section), three figures and the devices that need
attention. Percentages are the model's decimal strings, shown as they are."""
from __future__ import annotations

from pptx.util import Inches

from . import _deck_format as fmt
from ._deck_layout import BAD, NEUTRAL, table, text_box
from ._deck_service import note

ATTENTION_ROWS = 8


def _figure(part, key, caption, extra=""):
    """A big number with its caption: the roll-up's percentage, or a dash when not measured."""
    client = (part or {}).get("client") or {}
    value = client.get(key)
    shown = "\u2013" if value is None else f"{value} %"
    return [[(shown, {"size": 40, "bold": True, "colour": "1A365D"})],
            [(caption, {"size": 13, "colour": NEUTRAL})],
            [(extra, {"size": 12})]]


def _backup_extra(part):
    client = (part or {}).get("client") or {}
    by = client
    if not client:
        return "no backup data"
    return f"{client.get('in_scope', 0)} in scope \u00b7 overdue {by.get('overdue', 0)} \u00b7 never {by.get('never', 0)}"


def _patch_extra(part):
    client = (part or {}).get("client") or {}
    if not client:
        return "no patch data"
    median = client.get("median_days_to_patch")
    return (f"{client.get('reboot_pending', 0)} reboots pending \u00b7 "
            + ("time to patch \u2013" if median is None else f"time to patch {median} days (median)"))


def _availability_extra(part):
    client = (part or {}).get("client") or {}
    if not client:
        return "no monitoring data"
    target = (part or {}).get("target")
    met = client.get("target_met")
    verdict = "" if target is None or met is None else (f" \u00b7 target {target} % " + ("met" if met else "missed"))
    return f"{client.get('failures', 0)} outages" + verdict


def _attention_rows(section):
    rows = []
    for d in ((section.get("backup") or {}).get("attention") or []):
        rows.append([d.get("name") or d.get("id", ""), "Backup", (fmt.label(d.get("status", "")), {"colour": BAD}),
                     str(d.get("reason") or "")])
    for d in ((section.get("patch") or {}).get("attention") or []):
        rows.append([d.get("name") or d.get("id", ""), "Patching", fmt.label(d.get("status", "")), str(d.get("reason") or "")])
    for d in ((section.get("availability") or {}).get("attention") or []):
        minutes = d.get("down_seconds", 0) // 60
        rows.append([d.get("device_id", ""), "Availability", f"{d.get('availability_pct')} %",
                     f"down {minutes} min in {d.get('failures', 0)} outage(s)"])
    return rows


def health_slides(deck, section):
    slide, box = deck.slide("Backup, patching and availability")
    figures, body = box.rows(0.36, 0.64)
    cells = figures.split(1 / 3, 1 / 3, 1 / 3)
    text_box(slide, cells[0], _figure(section.get("backup"), "compliance_percent", "devices with a backup within their RPO",
                                      _backup_extra(section.get("backup"))), name="Backup compliance")
    text_box(slide, cells[1], _figure(section.get("patch"), "compliance_percent", "devices fully patched",
                                      _patch_extra(section.get("patch"))), name="Patch compliance")
    text_box(slide, cells[2], _figure(section.get("availability"), "availability_pct", "availability over the period",
                                      _availability_extra(section.get("availability"))), name="Availability")
    rows = _attention_rows(section)
    if not rows:
        note(slide, body, "Every device is backed up, patched and was available.", size=14)
        return
    shown = rows[:ATTENTION_ROWS]
    caption, rest = body.rows(0.14, 0.86, gap=Inches(0.05))
    text_box(slide, caption, ["Needs attention" + (f" (first {len(shown)} of {len(rows)})" if len(rows) > len(shown) else "")],
             size=13, bold=True, name="Table title")
    table(slide, rest, ["Device", "Area", "Status", "Why"], shown, widths=(0.2, 0.13, 0.14, 0.53), size=10,
          row_height=Inches(0.28), name="Attention table", align="llll")
