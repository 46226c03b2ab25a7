"""JSON documents for the core: a dict or a JSON text in, the text out (thin glue only)."""
from __future__ import annotations

import json


def json_text(value, what: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return json.dumps(value)
    raise TypeError(f"{what} must be a dict or a JSON string, not {type(value).__name__}")
