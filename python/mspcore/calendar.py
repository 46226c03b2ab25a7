"""Business calendars (docs/calendar.md): a thin Python face on the compiled C++ calendar."""
from __future__ import annotations

from typing import Iterable, Tuple

import numpy as np

from . import _core
from ._json import dumps
from ._columns import check_status, to_epoch_column, to_int_column
from ._time import from_epoch, to_epoch


def _pauses(pauses: Iterable[Tuple[object, object]]):
    return [(to_epoch(s, "pause start"), to_epoch(e, "pause end")) for s, e in pauses]


class Calendar:
    """A compiled business calendar.

    Times in: tz-aware datetime, pandas Timestamp or ISO-8601 string with Z/offset.
    Times out: tz-aware UTC datetimes. ``pauses``: (start, end) pairs whose open time does
    not count. Build one with :meth:`from_json`.
    """

    __slots__ = ("_cal",)

    def __init__(self, native):
        self._cal = native

    @classmethod
    def from_json(cls, spec) -> "Calendar":
        """From the calendar JSON (docs/calendar.md), as a dict or a JSON string."""
        text = spec if isinstance(spec, (str, bytes)) else dumps(spec, "calendar")
        return cls(_core.Calendar.from_json(text))

    def to_json(self) -> str:
        return self._cal.to_json()

    @property
    def tz(self) -> str:
        return self._cal.tz

    def is_open(self, t) -> bool:
        return self._cal.is_open(to_epoch(t))

    def next_open(self, t):
        return from_epoch(self._cal.next_open(to_epoch(t)))

    def business_seconds_between(self, start, end, pauses=()) -> int:
        return self._cal.business_seconds_between(to_epoch(start, "start"), to_epoch(end, "end"), _pauses(pauses))

    def add_business(self, start, seconds, pauses=()):
        return from_epoch(self._cal.add_business(to_epoch(start, "start"), _seconds(seconds), _pauses(pauses)))

    def subtract_business(self, start, seconds, pauses=()):
        return from_epoch(self._cal.subtract_business(to_epoch(start, "start"), _seconds(seconds), _pauses(pauses)))

    def add_business_days(self, start, days: int):
        return from_epoch(self._cal.add_business_days(to_epoch(start, "start"), int(days)))

    def explain(self, start, end, pauses=()):
        """[(start, end, "counted" | "closed" | "paused"), ...] covering [start, end)."""
        return [(from_epoch(s), from_epoch(e), kind)
                for s, e, kind in self._cal.explain(to_epoch(start), to_epoch(end), _pauses(pauses))]

    def business_seconds_between_many(self, starts, ends, errors: str = "raise"):
        """Open seconds for each (start, end) row, as an int64 numpy array.

        Columns: numpy datetime64 (read as UTC), tz-aware pandas Series, int64 Unix seconds or
        ISO strings. The loop runs in C++ without the GIL. errors="status" returns
        (values, status) where status holds an error code per row (0 = OK).
        """
        values, status = self._cal.business_seconds_between_many(
            to_epoch_column(starts, "starts"), to_epoch_column(ends, "ends"))
        check_status(status, errors, "business_seconds_between_many")
        return (values, status) if errors == "status" else values

    def add_business_many(self, starts, seconds, errors: str = "raise"):
        """add_business for each row; returns numpy datetime64[s] (UTC)."""
        values, status = self._cal.add_business_many(to_epoch_column(starts, "starts"), to_int_column(seconds, "seconds"))
        check_status(status, errors, "add_business_many")
        out = values.astype("datetime64[s]")
        return (out, status) if errors == "status" else out

    def __repr__(self) -> str:
        return f"Calendar(tz={self.tz!r})"


def holidays(rule: str, year: int):
    """[(datetime.date, name), ...]: the public holidays a built-in rule set keeps in a year."""
    import datetime as dt

    epoch = dt.date(1970, 1, 1)
    return [(epoch + dt.timedelta(days=d), name) for d, name in _core.holidays(rule, int(year))]


def holiday_rules():
    """Codes of the built-in holiday rule sets ("DE", "DE-BY", ..., "US", "GB-ENG")."""
    return _core.holiday_rules()


def _seconds(value) -> int:
    if isinstance(value, float):
        if not value.is_integer():
            raise _core.InvalidArgumentError(f"seconds must be whole, got {value!r}")
        return int(value)
    if hasattr(value, "total_seconds"):  # datetime.timedelta / pandas.Timedelta
        return int(value.total_seconds())
    return int(value)
