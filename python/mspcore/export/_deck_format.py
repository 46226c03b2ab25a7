"""Text of the model's values for people: money from its decimal strings (never through a
float), numbers by KPI unit, trend arrows and assessments that read without colour."""
from __future__ import annotations

import datetime as _dt

from ._format import decimal_of, grouped, money  # noqa: F401  (one money text for every export)

ARROWS = {"up": "\u25b2", "down": "\u25bc", "flat": "\u25ba"}  # ▲ ▼ ►
ASSESSMENTS = {"better": "better", "worse": "worse", "unchanged": "unchanged", "neutral": "neutral"}
UNIT_SUFFIX = {"percent": " %", "hours": " h", "years": " y"}


def number(value, unit: str = "", signed: bool = False) -> str:
    """A KPI value: counts whole when whole, else two decimals; the unit's suffix."""
    if value is None:
        return "\u2013"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if unit == "count" and float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}"
    if signed and value > 0:
        text = "+" + text
    if signed and unit == "percent":
        return text + " pp"  # a change of a percentage is in percentage points
    return text + UNIT_SUFFIX.get(unit, "")


def percent(value) -> str:
    return "\u2013" if value is None else f"{value:.2f} %"


def points(value) -> str:
    return "\u2013" if value is None else f"{value:.2f}"


def arrow(direction) -> str:
    return ARROWS.get(direction, "")


def assessment(value) -> str:
    return ASSESSMENTS.get(value, "\u2013")


def label(identifier) -> str:
    """'due_soon' -> 'Due soon', for ids shown as text."""
    text = str(identifier).replace("_", " ")
    return text[:1].upper() + text[1:]


def day(text) -> str:
    """The date part of an instant or date text ('2026-11-03T08:00:00Z' -> '2026-11-03')."""
    return "\u2013" if not text else str(text)[:10]


def period_span(period: dict) -> str:
    """'2026-Q4 (1 Oct 2026 - 31 Dec 2026)'."""
    def fmt(iso):
        d = _dt.date.fromisoformat(iso)
        return f"{d.day} {d:%b %Y}"
    return f"{period['label']} ({fmt(period['start'])} \u2013 {fmt(period['end'])})"
