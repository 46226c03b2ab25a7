"""Conversions between Python time values and the core's Unix seconds (thin glue only)."""
from __future__ import annotations

import calendar
import datetime as _dt

from . import _core

_UTC = _dt.timezone.utc


def to_epoch(value, what: str = "time") -> int:
    """Unix seconds of a tz-aware datetime, pandas Timestamp, ISO-8601 string or numpy datetime64.

    A naive datetime raises NaiveDatetimeError: mspcore never guesses a time zone.
    numpy.datetime64 carries no zone and is read as UTC, as numpy defines it.
    Fractions of a second are truncated toward the past.
    """
    if isinstance(value, str):
        try:
            return _core.parse_instant(value)
        except _core.Error as e:  # the core's message names the text; this names where it was
            raise type(e)(f"{what}: {e}") from None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            _core._raise(_core.NaiveDatetimeError.code,
                         f"{what} {value.isoformat()!r} is a naive datetime: give it a time zone "
                         "(e.g. datetime(..., tzinfo=timezone.utc)) or use an ISO string with an offset")
        return calendar.timegm(value.utctimetuple())
    if type(value).__name__ == "datetime64":
        import numpy as np

        return int(value.astype("datetime64[s]").astype(np.int64))
    raise _core.InvalidTypeError(f"{what} must be a tz-aware datetime, pandas Timestamp or ISO-8601 string, "
                    f"not {type(value).__name__}")


def from_epoch(seconds: int) -> _dt.datetime:
    """tz-aware UTC datetime of Unix seconds."""
    return _dt.datetime(1970, 1, 1, tzinfo=_UTC) + _dt.timedelta(seconds=int(seconds))


def parse_instant(text: str) -> _dt.datetime:
    """Parse an ISO-8601 instant with 'Z' or an offset into a tz-aware UTC datetime."""
    return from_epoch(_core.parse_instant(text))


def instant(value) -> _dt.datetime:
    """Any accepted time value as a tz-aware UTC datetime."""
    return from_epoch(to_epoch(value))


def _local_seconds(wall) -> int:
    if isinstance(wall, str):
        return _core.parse_local_time(wall)
    if isinstance(wall, _dt.datetime):
        if wall.tzinfo is not None:
            raise _core.InvalidTypeError("local_to_utc takes a wall-clock time without tzinfo; the zone is the tz argument")
        return calendar.timegm(wall.timetuple())
    raise _core.InvalidTypeError(f"wall time must be a naive datetime or 'YYYY-MM-DDThh:mm[:ss]' string, not {type(wall).__name__}")


def local_to_utc(wall, tz: str) -> _dt.datetime:
    """The UTC instant of a wall-clock time in an IANA zone.

    In a DST gap the time moves forward by the gap (02:30 -> 03:30 on a spring-forward
    night); in the fall overlap the first (summer-time) occurrence is taken.
    """
    return from_epoch(_core.local_to_utc(tz, _local_seconds(wall)))


def utc_to_local(value, tz: str) -> _dt.datetime:
    """The wall-clock time (naive datetime) of an instant in an IANA zone."""
    local = _core.utc_to_local(tz, to_epoch(value))
    return _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=local)
