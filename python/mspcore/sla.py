"""SLA evaluation (docs/sla.md): single tickets as dicts, whole frames as columns."""
from __future__ import annotations

import datetime as _dt
import json

import numpy as np

from . import _core
from ._json import dumps
from ._columns import to_epoch_column
from ._time import from_epoch, to_epoch

TARGETS = ("response", "resolution", "plan")
STATUSES = tuple(_core.sla_status_names())


class SlaPolicy:
    """A validated SLA policy: per-priority targets and calendars, pause rules."""

    __slots__ = ("_policy",)

    def __init__(self, native):
        self._policy = native

    @classmethod
    def from_json(cls, spec) -> "SlaPolicy":
        """From the policy JSON (docs/sla.md), as a dict or a JSON string."""
        text = spec if isinstance(spec, (str, bytes)) else dumps(spec, "policy")
        return cls(_core.SlaPolicy.from_json(text))

    def has_target(self, target: str) -> bool:
        return self._policy.has_target(target)


def _now(now) -> int:
    return to_epoch(_dt.datetime.now(_dt.timezone.utc) if now is None else now, "now")


def _iso(value, what):
    if value is None or isinstance(value, str):
        return value
    return _core.format_instant(to_epoch(value, what))


def _ticket_json(ticket) -> str:
    if isinstance(ticket, (str, bytes)):
        return ticket
    t = dict(ticket)
    for key in ("created", "first_response", "resolved", "planned"):
        if key in t:
            t[key] = _iso(t[key], key)
    for key in ("status_history", "priority_history"):
        if t.get(key) is not None:
            t[key] = [[_iso(at, key), value] for at, value in t[key]]
    if t.get("reopened") is not None:
        t["reopened"] = [_iso(at, "reopened") for at in t["reopened"]]
    return dumps(t, "ticket")


def _result(d: dict) -> dict:
    d["due"] = None if d["due"] is None else from_epoch(_core.parse_instant(d["due"]))
    for seg in d.get("explanation", ()):
        seg["start"] = from_epoch(_core.parse_instant(seg["start"]))
        seg["end"] = from_epoch(_core.parse_instant(seg["end"]))
    return d


def evaluate_sla(ticket, policy: SlaPolicy, now=None, explain: bool = False) -> dict:
    """Evaluate one ticket: ``{"response": {...}, "resolution": {...}, "plan": {...}}``.

    ``ticket`` is a dict (or JSON string) with created, first_response, resolved, priority,
    status_history, priority_history, reopened; instants as tz-aware datetimes or ISO strings.
    ``now`` defaults to the current time. Each result has status, due (tz-aware UTC datetime
    or None), target_minutes, elapsed_seconds, elapsed_minutes, remaining_minutes,
    consumed_ratio, and for invalid tickets error and message.
    """
    raw = json.loads(_core.evaluate_sla_json(_ticket_json(ticket), policy._policy, _now(now), explain))
    return {target: _result(raw[target]) for target in TARGETS}


def _status_codes(statuses) -> np.ndarray:
    import pandas as pd

    if isinstance(statuses, pd.Series) and isinstance(statuses.dtype, pd.CategoricalDtype):
        statuses = statuses.astype(str)
    values = [s["status"] if isinstance(s, dict) else s for s in statuses]
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    if len(codes) and codes.min() < 0:
        row = int(np.argmax(codes < 0))
        raise _core.InvalidArgumentError(f"statuses[{row}] is missing (None or NaN); every row needs a status")
    lookup = np.array([_core.parse_sla_status(str(u)) for u in uniques], dtype=np.int8)
    return lookup[codes] if len(codes) else np.zeros(0, dtype=np.int8)


def sla_attainment(statuses, by=None):
    """Attainment = met / (met + breached) in percent (2 decimals, half up).

    ``statuses``: SLA status strings (or result dicts, or a pandas Series). Returns
    ``{"met", "breached", "evaluated", "attainment_pct", "open", "excluded"}``; with ``by``
    (group keys of the same length: a Series, array or list) a DataFrame with one row per group.
    """
    codes = _status_codes(statuses)
    if by is None:
        return _core.sla_attainment_codes(codes, np.zeros(len(codes), dtype=np.int32), 1)[0]
    import pandas as pd

    groups, keys = pd.factorize(pd.Series(by if hasattr(by, "__len__") else list(by)), sort=True)
    if len(groups) != len(codes):
        raise _core.InvalidArgumentError(f"by has {len(groups)} values but statuses has {len(codes)}")
    rows = _core.sla_attainment_codes(codes, groups.astype(np.int32), len(keys))
    return pd.DataFrame(rows, index=pd.Index(keys, name=getattr(by, "name", None)))


def _utc_datetimes(seconds: np.ndarray):
    """A tz-aware UTC datetime column over int64 seconds (INT64_MIN is NaT), without a copy."""
    import pandas as pd

    dtype = pd.DatetimeTZDtype(unit="s", tz="UTC")
    try:  # shares memory; the public constructors copy 8 bytes a row
        return pd.arrays.DatetimeArray._simple_new(seconds.view("datetime64[s]"), dtype=dtype)
    except (AttributeError, TypeError):  # pragma: no cover - other pandas versions
        return pd.arrays.DatetimeArray._from_sequence(seconds.view("datetime64[s]"), dtype=dtype)


def _positions(index, tickets) -> np.ndarray:
    """Row positions of pause tickets; a default RangeIndex needs no hash lookup."""
    import pandas as pd

    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 \
            and np.asarray(tickets).dtype.kind in "iu":
        position = np.asarray(tickets)
        bad = (position < 0) | (position >= len(index))
    else:
        position = index.get_indexer(tickets)
        bad = position < 0
    if bad.any():
        label = tickets.iloc[int(np.flatnonzero(bad)[0])]
        _core._raise(_core.NotFoundError.code, f"pauses: ticket {label!r} is not in the frame's index")
    return position


def _priority_codes(priority):
    """Codes and names of the priority column without materialising strings per row."""
    import pandas as pd

    if isinstance(priority.dtype, pd.CategoricalDtype):
        return priority.cat.codes.to_numpy(), [str(c) for c in priority.cat.categories]
    codes, names = pd.factorize(priority, sort=False)
    return codes, [str(x) for x in names]


def evaluate_sla_frame(df, policy: SlaPolicy, now=None, pauses=None):
    """Evaluate a DataFrame of tickets in one C++ pass (no per-row Python, GIL released).

    ``df`` columns: created, first_response, resolved (NaT when not yet), priority, and
    optionally planned. ``pauses``: a long-form DataFrame with columns ticket (a label of
    df's index), start and end (NaT while still paused). Returns a DataFrame on df's index
    with, per target the policy has: <target>_status (categorical), <target>_due (UTC),
    <target>_elapsed_seconds, <target>_elapsed_minutes, <target>_remaining_minutes,
    <target>_consumed_ratio; and error (status code name, "OK" for valid rows).
    """
    import pandas as pd

    missing = _core.NO_INSTANT
    n = len(df)
    created = to_epoch_column(df["created"], "created")
    first = to_epoch_column(df["first_response"], "first_response", missing)
    resolved = to_epoch_column(df["resolved"], "resolved", missing)
    planned = (to_epoch_column(df["planned"], "planned", missing) if "planned" in df.columns
               else np.zeros(0, dtype=np.int64))
    codes, names = _priority_codes(df["priority"])
    if pauses is not None and len(pauses):
        position = _positions(df.index, pauses["ticket"])
        starts = to_epoch_column(pauses["start"], "pauses.start")
        ends = to_epoch_column(pauses["end"], "pauses.end", missing)
        if len(position) > 1 and (position[1:] < position[:-1]).any():
            # Group the pauses by ticket; the order within a ticket does not matter (C++ merges).
            order = np.argsort(position, kind="stable")
            position, starts, ends = position[order], starts[order], ends[order]
        offsets = np.searchsorted(position, np.arange(n + 1)).astype(np.int64)
    else:
        starts = ends = np.zeros(0, dtype=np.int64)
        offsets = np.zeros(0, dtype=np.int64)
    raw = _core.evaluate_sla_columns(policy._policy, _now(now), created, first, resolved, planned,
                                     codes.astype(np.int32), names, offsets, starts, ends)
    out = {}
    status_type = pd.CategoricalDtype(STATUSES)
    for target in TARGETS:
        if target not in raw:
            continue
        cols = raw[target]
        due = cols["due"]
        remaining = cols["remaining_minutes"]
        out[f"{target}_status"] = pd.Categorical.from_codes(cols["status"], dtype=status_type)
        # "No instant" is INT64_MIN, numpy's NaT: the column is a view, not a copy.
        out[f"{target}_due"] = _utc_datetimes(due)
        out[f"{target}_elapsed_seconds"] = cols["elapsed_seconds"]
        out[f"{target}_elapsed_minutes"] = cols["elapsed_minutes"]
        out[f"{target}_remaining_minutes"] = pd.arrays.IntegerArray(remaining, remaining == missing)
        out[f"{target}_consumed_ratio"] = cols["consumed_ratio"]
    error_names = np.array([row[0] for row in _core.STATUS_TABLE], dtype=object)
    out["error"] = pd.Categorical.from_codes(raw["error"], categories=error_names)
    return pd.DataFrame(out, index=df.index, copy=False)
