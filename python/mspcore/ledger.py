"""The append-only true-up ledger (docs/contract-ledger.md): contract line changes and the
proposal lifecycle (proposed -> approved | rejected; approved -> applied) in one SQLite file."""
from __future__ import annotations

import datetime as _dt
import decimal
import json
import os

from . import _core
from ._json import dumps
from ._time import from_epoch, to_epoch


def _at(value, what: str = "at") -> int:
    # "now" is decided here, never in the core: the core only records what it is given.
    return to_epoch(_dt.datetime.now(_dt.timezone.utc) if value is None else value, what)


def _date_text(value, what: str) -> str:
    if isinstance(value, _dt.datetime):
        raise _core.InvalidTypeError(f"{what} must be a datetime.date or 'YYYY-MM-DD', not a datetime.datetime; "
                        "pass value.date()")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise _core.InvalidTypeError(f"{what} must be a datetime.date or 'YYYY-MM-DD', not {type(value).__name__}")


def _line(d: dict) -> dict:
    for key in ("unit_price", "tolerance_percent"):
        d[key] = decimal.Decimal(d[key])
    for key in ("term_start", "term_end"):
        if d.get(key) is not None:
            d[key] = _dt.date.fromisoformat(d[key])
    return d


def _event(d: dict) -> dict:
    d["at"] = from_epoch(_core.parse_instant(d["at"]))
    if d["effective_date"] is not None:
        d["effective_date"] = _dt.date.fromisoformat(d["effective_date"])
    return d


class TrueUpLedger:
    """An append-only true-up ledger file; opened (and created or migrated) on construction.

    Every write takes ``actor`` (who, required), ``at`` (when: a tz-aware datetime or ISO
    string; None means now) and ``reason`` (why), and is one transaction: bad input raises
    and writes nothing. Lines and proposals are dicts with the keys of docs/contract-trueup.md
    (Decimal amounts, datetime.date or 'YYYY-MM-DD' dates). Use as a context manager or call
    close().
    """

    schema_version: int = _core.TrueUpLedger.schema_version

    def __init__(self, path):
        self._native = _core.TrueUpLedger(os.fspath(path))

    def close(self) -> None:
        self._native.close()

    def __enter__(self) -> "TrueUpLedger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def record_change(self, line: dict, effective_date, actor: str, at=None, reason: str = "") -> int:
        """Record a new state of a contract line, effective from ``effective_date``; returns its sequence."""
        return self.record_changes([(line, effective_date)], actor, at, reason)[0]

    def record_changes(self, changes, actor: str, at=None, reason: str = "") -> list[int]:
        """Record ``(line, effective_date)`` pairs in one transaction, all or none."""
        changes = list(changes)
        lines = dumps([line for line, _ in changes], "changes")
        dates = [_date_text(d, f"changes[{i}].effective_date") for i, (_, d) in enumerate(changes)]
        return self._native.record_changes_json(lines, dates, actor, _at(at), reason or "")

    def record_run(self, result, tenant: str, actor: str, at=None, reason: str = "") -> int:
        """Store a reconciliation run for one tenant; returns its id (for ``propose(..., run_id=)``).

        ``result`` is what ``mspcore.reconcile`` returns: its as_of and input fingerprints are
        stored with the numbers of this tenant's deviations, proposals and unmapped observations.
        """
        def mine(records):
            return sum(1 for r in records if r["tenant"] == tenant)

        return self._native.record_run(tenant, to_epoch(result.as_of, "as_of"), result.fingerprints(),
                                       mine(result.deviations), mine(result.proposals), mine(result.unmapped),
                                       actor, _at(at), reason or "")

    def propose(self, proposals, actor: str, at=None, reason: str = "", run_id: int | None = None) -> list[int]:
        """Store one proposal dict or a list of them in state "proposed"; returns their ids."""
        if isinstance(proposals, dict):
            proposals = [proposals]
        text = dumps(list(proposals), "proposals")
        return self._native.propose_json(text, actor, _at(at), reason or "", run_id)

    def decide(self, proposal_id: int, decision: str, actor: str, at=None, reason: str = "", *,
               tenant: str | None = None) -> None:
        """Approve or reject a proposed proposal (``decision`` "approved" or "rejected").

        ``tenant`` is the caller's tenant scope (None: all tenants): another tenant's
        proposal is NotFoundError, exactly as an unknown id.
        """
        self._native.decide(proposal_id, decision, actor, _at(at), reason or "", tenant=tenant)

    def apply(self, proposal_id: int, actor: str, at=None, reason: str = "", *, tenant: str | None = None) -> int:
        """Apply an approved proposal to its line; returns the sequence of the line change.

        ``tenant`` is the tenant scope, as in decide().
        """
        return self._native.apply(proposal_id, actor, _at(at), reason or "", tenant=tenant)

    def proposal_state(self, proposal_id: int, *, tenant: str | None = None) -> str:
        """"proposed", "approved", "rejected" or "applied"; NotFoundError for an id that is
        unknown or, with ``tenant``, another tenant's."""
        return self._native.proposal_state(proposal_id, tenant=tenant)

    def quantity_as_of(self, tenant: str, contract_id: str, line_id: str, date, known_at=None) -> int:
        """The line's quantity on ``date``, as the ledger knew it at ``known_at`` (None: everything)."""
        known = None if known_at is None else to_epoch(known_at, "known_at")
        return self._native.quantity_as_of(tenant, contract_id, line_id, _date_text(date, "date"), known)

    def line_as_of(self, tenant: str, contract_id: str, line_id: str, date, known_at=None) -> dict | None:
        """The whole line on ``date`` (as quantity_as_of), or None when it had no state then."""
        known = None if known_at is None else to_epoch(known_at, "known_at")
        text = self._native.line_as_of_json(tenant, contract_id, line_id, _date_text(date, "date"), known)
        return None if text is None else _line(json.loads(text))

    def history(self, tenant: str, contract_id: str | None = None, line_id: str | None = None) -> list[dict]:
        """The tenant's events in order (optionally one contract or line).

        Each has sequence, kind, tenant, contract_id, line_id, proposal_id, run_id, quantity,
        effective_date (datetime.date or None), actor, at (tz-aware UTC datetime), reason and
        detail (the stored line, proposal or run as a dict).
        """
        text = self._native.history_json(tenant, contract_id or "", line_id or "")
        return [_event(e) for e in json.loads(text)]
