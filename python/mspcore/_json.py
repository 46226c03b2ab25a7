"""JSON documents for the core: a dict or a JSON text in, the text out (thin glue only)."""
from __future__ import annotations

import datetime as _dt
import decimal
import json

from . import _core
from ._time import to_epoch


def json_text(value, what: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return json.dumps(value)
    raise TypeError(f"{what} must be a dict or a JSON string, not {type(value).__name__}")


def json_default(value):
    """json.dumps hook: exact decimals, dates and instants as the strings the core parses."""
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, _core.Money):
        return format(value.amount, "f")
    if isinstance(value, _dt.datetime):
        return _core.format_instant(to_epoch(value, "instant"))
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form mspcore reads (use Decimal, str, int or dates)")
