"""Dedup and correlation of security alerts into ticket requests
(docs/security-alert-pipeline.md), with its state in one SQLite file.

Thin glue: payloads go to the C++ core as JSON text; requests come back as dicts.
"""
from __future__ import annotations

import datetime as _dt
import json
import os

from . import _core
from ._json import dumps
from ._time import from_epoch, to_epoch


def _now(value, what: str) -> int:
    # "now" is decided here, never in the core: the core only records what it is given.
    return to_epoch(_dt.datetime.now(_dt.timezone.utc) if value is None else value, what)


def _payload_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8")
    return dumps(value, "payload", exact=False)


def _item(item, index: int) -> tuple[str, str]:
    if isinstance(item, dict):
        source, payload = item.get("source"), item.get("payload")
    else:
        source, payload = item
    if not isinstance(source, str):
        raise _core.InvalidTypeError(f"items[{index}]: source must be a str, not {type(source).__name__}")
    return source, _payload_text(payload)


def _pair(item, index: int):
    """For the native side, which takes (str, str) pairs as they are: any other item as such a
    pair, or the error text of an item that cannot be one."""
    try:
        return _item(item, index)
    except (TypeError, ValueError) as e:  # not a pair, or not serialisable
        return f"record {index}: {e}"


def _incident(d: dict) -> dict:
    for key in ("first_seen", "last_seen", "resolved_at"):
        if d[key] is not None:
            d[key] = from_epoch(d[key])
    return d


def default_alert_pipeline_config() -> dict:
    """The default configuration as a dict (the format ``AlertPipeline`` takes)."""
    return json.loads(_core.default_alert_pipeline_config_json())


class AlertPipeline:
    """Dedup and correlation state in the SQLite file ``db_path`` (created or migrated on
    construction).

    ``config`` is None (the defaults), a dict or a JSON string with any of the keys
    ``correlation_window_hours`` (24), ``reopen_policy`` ("reopen" or "new_incident"),
    ``reopen_within_days`` (7), ``priority`` (the PriorityConfig of
    ``mspcore.default_priority_config()``), ``default_queue`` ("security"),
    ``queue_by_tenant``, ``queue_by_priority`` ({"1": "soc-p1"}), ``title_template`` and
    ``body_template``. Use as a context manager or call close().
    """

    schema_version: int = _core.AlertPipeline.schema_version

    def __init__(self, db_path, config=None):
        if isinstance(config, dict):
            config = dumps(config, "config", exact=False)
        self._native = _core.AlertPipeline(os.fspath(db_path), config)
        #: Errors of the last ingest(): ``{"index", "code", "status", "message"}`` per bad record.
        self.last_errors: list[dict] = []
        #: Counts of the last ingest(): ``{"new", "updated", "unchanged"}`` alerts.
        self.last_counts: dict = {}

    def ingest(self, items, now=None) -> list[dict]:
        """Ingest a batch in one transaction and return its ticket requests.

        ``items`` are ``(source, payload)`` pairs or ``{"source": ..., "payload": ...}`` dicts;
        a payload is a dict or JSON text. A bad record (malformed JSON, missing id, unknown
        source, no tenant) does not stop the others: its error is in ``last_errors``. ``now``
        (tz-aware datetime or ISO text; None: the current time) stamps the stored rows.
        Each request is a dict with action ("create", "update", "reopen"), incident_id,
        tenant, asset, threat, title, body, priority (1-5), priority_label, psa
        ({"connectwise": {"id", "name"}, "autotask": {...}}), priority_explanation, queue,
        dedup_key, alert_count and alert_ids ("source:source_id").
        """
        if not isinstance(items, (list, tuple)):
            items = list(items)
        requests, self.last_errors, self.last_counts = self._native.ingest(items, _now(now, "now"), _pair)
        return requests

    def resolve_incident(self, incident_id: int, at=None, *, tenant: str | None = None) -> None:
        """Mark an incident resolved (``at``: tz-aware datetime or ISO text; None: now).

        ``tenant`` is the caller's tenant scope (None: all tenants): another tenant's incident
        is NotFoundError, exactly as an unknown id.
        """
        self._native.resolve_incident(incident_id, _now(at, "at"), tenant=tenant)

    def incidents(self, tenant: str) -> list[dict]:
        """The incidents of a tenant by id: id, tenant, asset, threat, dedup_key, status
        ("open"/"resolved"), priority, alert_count, first_seen, last_seen, resolved_at
        (tz-aware UTC datetimes; resolved_at None when never resolved)."""
        return [_incident(d) for d in self._native.incidents(tenant)]

    def incident(self, incident_id: int, *, tenant: str | None = None) -> dict:
        """One incident, as a dict of incidents(); NotFoundError for an id that is unknown or
        outside ``tenant`` (None: all tenants)."""
        return _incident(self._native.incident(incident_id, tenant=tenant))

    def alert_count(self, *, tenant: str | None = None) -> int:
        """Alerts stored (distinct (source, source_id)), of one tenant's incidents or (None) all."""
        return self._native.alert_count(tenant=tenant)

    @property
    def config(self) -> dict:
        """The configuration in use, with every default filled in."""
        return json.loads(self._native.config_json())

    def close(self) -> None:
        self._native.close()

    def __enter__(self) -> "AlertPipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
