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
        return dumps(value, what, exact=False)
    raise _core.InvalidTypeError(f"{what} must be a dict or a JSON string, not {type(value).__name__}")


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
    raise _core.InvalidTypeError(f"{type(value).__name__} has no JSON form mspcore reads (use Decimal, str, int or dates)")


def dumps(value, what: str, exact: bool = True) -> str:
    """The JSON text of a Python value for the core, naming `what` when it has none. `exact`:
    decimals, dates and instants as the core's strings (json_default); else only JSON's own
    types (vendor payloads). NaN and infinity are refused: JSON has no such numbers."""
    try:
        return json.dumps(value, default=json_default if exact else None, allow_nan=False)
    except _core.Error as e:
        raise type(e)(f"{what}: {e}") from None
    except ValueError as e:  # NaN, infinity, a circular reference
        raise _core.InvalidArgumentError(f"{what} has no JSON form: {e} (a missing value is None)") from None
    except TypeError as e:  # a key that is not a str, int, float, bool or None
        raise _core.InvalidTypeError(f"{what} has no JSON form: {e}") from None
