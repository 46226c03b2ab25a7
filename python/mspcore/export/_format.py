"""Formatting for the exports: text from the model's values, never new figures.

Money stays exact (the model's decimal text through Decimal, thousands separated, its own
decimals kept); numbers from the model's floats are rounded for display only, with the
number of decimals fixed per unit so the same model always gives the same text.
"""
from __future__ import annotations

import datetime as _dt
import decimal
from decimal import Decimal, InvalidOperation

from .. import _core

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not locale-bound
# Decimals shown per KPI unit (docs/kpi-dictionary.md units).
UNIT_DECIMALS = {"count": 0, "percent": 1, "hours": 2, "years": 1, "ratio": 2, "score": 1}
UNIT_SUFFIX = {"percent": " %", "hours": " h", "years": " y"}


def decimal_of(text, where: str = "amount") -> decimal.Decimal:
    """A model money string ("1250.00") as a Decimal; anything else is named."""
    if isinstance(text, decimal.Decimal):
        return text
    if not isinstance(text, str):
        raise _core.InvalidTypeError(f"{where}: expected a decimal string, got {text!r}")
    try:
        return decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise _core.InvalidArgumentError(f"{where}: {text!r} is not a decimal") from None


def grouped(text: str) -> str:
    """'-12500.00' -> '-12,500.00': thousands separators on the digits as written."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, frac = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + dot + frac


def money(amount, currency=None, where: str = "amount") -> str:
    """'12500.00', 'EUR' -> 'EUR 12,500.00' (the model's digits, grouped; never through a float)."""
    if amount is None:
        return "n/a"
    text = grouped(format(decimal_of(amount, where), "f"))
    return f"{currency} {text}" if currency else text


def to_float(amount) -> float:
    """A decimal text as float, for chart geometry only (labels use money())."""
    try:
        return float(Decimal(str(amount)))
    except (InvalidOperation, ValueError, TypeError):
        return 0.0


def number(value, decimals: int = 1) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return value
    text = f"{value:,.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and set(text[1:]) <= set("0.,") else text


def percent(value, decimals: int = 2) -> str:
    """'94.74 %' (SLA attainment has 2 decimals in the model)."""
    return "n/a" if value is None else f"{number(value, decimals)} %"


def kpi_value(value, unit: str) -> str:
    if value is None:
        return "n/a"
    return number(value, UNIT_DECIMALS.get(unit, 2)) + UNIT_SUFFIX.get(unit, "")


def kpi_delta(value, unit: str) -> str:
    """A signed change: '+3.0 pp' (a percentage changes by percentage points), '-0.50 h',
    '±0' for no change."""
    if value is None:
        return "n/a"
    text = kpi_value(abs(value), unit)
    if unit == "percent":
        text = text.replace(" %", " pp")
    shown = number(abs(value), UNIT_DECIMALS.get(unit, 2))
    if set(shown) <= set("0.,"):
        return "±" + text
    return ("+" if value > 0 else "-") + text


def date(text) -> str:
    """'31 Dec 2026' from 'YYYY-MM-DD' (or an ISO instant: its date); other text unchanged."""
    if not text:
        return "n/a"
    try:
        d = _dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return str(text)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def words(identifier) -> str:
    """'due_soon' -> 'due soon', 'revenue_leakage' -> 'revenue leakage'."""
    return "n/a" if identifier is None else str(identifier).replace("_", " ")
