"""Escalation workflows (docs/security-risk.md, section "Escalation"): per priority a ladder
of steps, evaluated against the acknowledgement on a 24x7 or business clock.

Thin glue: the policy goes to the C++ core as JSON text; instants are tz-aware datetimes.
"""
from __future__ import annotations

import json

from . import _core
from ._json import json_text as _json_text
from ._time import from_epoch, to_epoch
from .calendar import Calendar


def _priority(value) -> int:
    if isinstance(value, bool):
        raise _core.InvalidTypeError("priority must be 1-5 or 'P1'-'P5', not bool")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip().upper()
        if len(text) == 2 and text[0] == "P" and text[1] in "12345":
            return int(text[1])
        if text in ("1", "2", "3", "4", "5"):
            return int(text)
        raise _core.InvalidArgumentError(f"priority: expected 1-5 or 'P1'-'P5', got {value!r}")
    raise _core.InvalidTypeError(f"priority must be 1-5 or 'P1'-'P5', not {type(value).__name__}")


def _step(step):
    if step is None:
        return None
    out = dict(step)
    out["due_at"] = from_epoch(_core.parse_instant(out["due_at"]))
    return out


def escalation_due(policy, priority, opened_at, now, acknowledged_at=None, calendar: Calendar | None = None) -> dict:
    """Which steps of the ladder of ``priority`` are due at ``now``, and the next one.

    ``policy`` (dict or JSON string) is ``{"ladders": {"P1": [{"name": "notify on-call",
    "after_minutes": 0, "condition": "unacknowledged" | "always"}, ...], ...}, "default":
    [...]}``. ``priority`` is 1-5 or "P1".."P5". ``opened_at``, ``now`` and
    ``acknowledged_at`` (None: not acknowledged) are tz-aware datetimes or ISO-8601 strings;
    an acknowledgement after ``now`` is not known yet and is ignored. With a ``calendar``
    (mspcore.Calendar), ``after_minutes`` are business minutes; without one, 24x7.

    Returns ``{"priority": int, "acknowledged": bool, "acknowledged_at": datetime | None,
    "due": [{"index", "step", "after_minutes", "condition", "due_at"}, ...], "stopped": [...],
    "next": {...} | None}``: ``due`` lists the steps due at or before ``now`` (a conditional
    step acknowledged at or before its due instant is ``stopped`` instead), ``next`` the first
    step due after ``now``.
    """
    native = None
    if calendar is not None:
        if not isinstance(calendar, Calendar):
            raise _core.InvalidTypeError(f"calendar must be an mspcore.Calendar, not {type(calendar).__name__}")
        native = calendar._cal
    ack = None if acknowledged_at is None else to_epoch(acknowledged_at, "acknowledged_at")
    out = json.loads(_core.escalation_due_json(_json_text(policy, "policy"), _priority(priority),
                                               to_epoch(opened_at, "opened_at"), to_epoch(now, "now"), ack, native))
    if out["acknowledged_at"] is not None:
        out["acknowledged_at"] = from_epoch(_core.parse_instant(out["acknowledged_at"]))
    out["due"] = [_step(s) for s in out["due"]]
    out["stopped"] = [_step(s) for s in out["stopped"]]
    out["next"] = _step(out["next"])
    return out
