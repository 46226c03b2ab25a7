"""Monitoring SLAs (docs/rmm-availability.md): availability, MTBF and MTRS of devices and
clients over a period, from monitoring events, on a business calendar or 24x7.

Thin glue: the events and devices (lists of dicts or DataFrames, an importer's frames as they
are) go to the core's decoders, the C++ core measures, and the result comes back as two
DataFrames (``devices``, ``clients``) or as the C ABI's JSON document.
"""
from __future__ import annotations

import decimal
import functools

from . import _core
from ._json import json_text
from .calendar import Calendar
from .trueup import _table

MONITORING_EVENT_KEYS = _core.MONITORING_EVENT_FIELDS
_DECIMALS = ("availability_pct", "mtbf_minutes", "mtrs_minutes")
_WHOLE_OR_NONE = ("mtbf_seconds", "mtrs_seconds", "devices_missed")
_MEASURES = ("scheduled_seconds", "down_seconds", "up_seconds", "failures", "availability_pct", "mtbf_seconds",
             "mtrs_seconds", "mtbf_minutes", "mtrs_minutes", "target_met")
DEVICE_COLUMNS = ("tenant", "device_id") + _MEASURES
CLIENT_COLUMNS = ("tenant", "devices", "devices_missed") + _MEASURES


def _frame(columns: dict, names: tuple):
    """The core's columns as a DataFrame: seconds and counts int64, the nullable ones Int64,
    percentages and minutes decimal.Decimal (None where undefined), target_met a nullable
    boolean."""
    import pandas as pd

    data = {}
    for name in names:
        col = columns[name]
        if name in _DECIMALS:
            data[name] = pd.Series([None if v is None else decimal.Decimal(v) for v in col], dtype=object)
        elif name in _WHOLE_OR_NONE:
            data[name] = pd.arrays.IntegerArray(*col)
        elif name == "target_met":
            data[name] = pd.arrays.BooleanArray(col == 1, col < 0)
        elif name in ("tenant", "device_id"):
            data[name] = pd.Series(col, dtype=object)
        else:
            data[name] = col
    return pd.DataFrame(data, columns=list(names))


class AvailabilityResult:
    """``devices``: one row per device, sorted by (tenant, device_id); ``clients``: one row per
    tenant, the sums of its devices and the ratios of the sums. Unpacks as ``devices, clients``."""

    def __init__(self, native):
        self._native = native

    @functools.cached_property
    def devices(self):
        return _frame(self._native.devices(), DEVICE_COLUMNS)

    @functools.cached_property
    def clients(self):
        return _frame(self._native.clients(), CLIENT_COLUMNS)

    def __iter__(self):
        return iter((self.devices, self.clients))

    def to_json(self) -> str:
        """The result as the JSON document of the C ABI (msp_availability_json)."""
        return self._native.to_json()

    def __repr__(self) -> str:
        return f"AvailabilityResult(devices={len(self.devices)}, clients={len(self.clients)})"


def _calendar(calendar):
    if calendar is None:
        return None
    if isinstance(calendar, Calendar):
        return calendar._cal
    if isinstance(calendar, (dict, str, bytes, bytearray)):
        return _core._availability_calendar(json_text(calendar, "calendar"))
    raise _core.InvalidTypeError("calendar must be an mspcore.Calendar, a calendar spec (dict or JSON string) or "
                                 f"None for 24x7, not {type(calendar).__name__}")


def availability(events, period_start, period_end, *, calendar=None, devices=None, target=None) -> AvailabilityResult:
    """Availability, MTBF and MTRS of each device and client over [period_start, period_end).

    events: monitoring events (a list of dicts or a DataFrame with the MONITORING_EVENT_KEYS
    columns: tenant, device_id, opened, and optionally resolved (None/NaT while open), outage
    (only outages count), source, id, monitor, priority, ticket, detail); instants tz-aware.
    period_start, period_end: tz-aware datetimes, pandas Timestamps or ISO-8601 text.
    calendar: an mspcore.Calendar or a calendar spec (docs/calendar.md); None is 24x7.
    devices: the devices that were monitored (records with the device keys; tenant and id are
    read, retired ones are left out); a device without events was up. Without it, the devices
    the events name.
    target: a percentage as text, Decimal or int ("99.9"): gives target_met (and the clients'
    devices_missed).
    """
    native = _core._availability(_table(events), period_start, period_end, _calendar(calendar),
                                 None if devices is None else _table(devices), target)
    return AvailabilityResult(native)
