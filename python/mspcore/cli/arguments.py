"""Argument types of the CLI: dates and instants, refused with a message that names the text."""
from __future__ import annotations

import argparse
import datetime as dt


def instant_arg(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        if value is not None or len(text) == 10:
            try:
                return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), tzinfo=dt.timezone.utc)
            except ValueError:
                pass
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD) or an instant with a zone (…Z)")
    return value


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None
