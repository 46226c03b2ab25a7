"""Security alerts (docs/security-alerts.md): SentinelOne, RocketCyber and Barracuda XDR
payloads normalised into one record, and the record's ITIL priority.

Thin glue: payloads go to the C++ core as JSON text; records come back as dicts whose
instants are tz-aware UTC datetimes.
"""
from __future__ import annotations

import json

from . import _core
from ._json import json_text as _json_text
from ._time import from_epoch, to_epoch

SOURCES = ("sentinelone", "sentinelone_uam", "rocketcyber", "barracuda_xdr")
ASSET_CRITICALITIES = ("unknown", "low", "medium", "high", "critical")
_INSTANTS = ("first_seen", "last_seen")
_STATUS_NAMES = {row[1]: row[0] for row in _core.STATUS_TABLE}


def _record(text: str) -> dict:
    alert = json.loads(text)
    for key in _INSTANTS:
        alert[key] = from_epoch(_core.parse_instant(alert[key]))
    return alert


def normalize_alert(source: str, payload) -> dict:
    """Normalise one alert of ``source`` ("sentinelone", "sentinelone_uam", "rocketcyber",
    "barracuda_xdr") into the common record.

    ``payload`` is the vendor's JSON object for one alert, as a dict or a JSON string: a
    ``data[]`` element of SentinelOne ``/web/api/v2.1/threats``, an ``edges[].node`` of the
    UAM GraphQL ``alerts`` query, a ``data[]`` element of RocketCyber ``/v3/incidents``, or a
    Barracuda XDR alarm in the documented shape. The record has source, source_id, tenant,
    asset, affected_assets, threat, title, description, category, severity, verdict,
    confidence, mitigation, status (each ``{"value": ..., "raw": ...}``), first_seen and
    last_seen (tz-aware UTC datetimes), cves, cvss_vector and cvss_score.

    Bad input raises an mspcore error naming the record: InvalidArgumentError (unknown source,
    missing id, wrong type), ParseError (malformed JSON or CVSS vector), InvalidTimeError,
    NaiveDatetimeError, InvalidTimelineError.
    """
    return _record(_core.normalize_alert_json(source, _json_text(payload, "payload")))


def normalize_alerts(source, payloads) -> list[dict]:
    """Normalise a batch; a bad record gets its error and the others still go through.

    ``source`` is one source name for every payload, or a sequence with one name per payload.
    Returns one dict per payload, in order: ``{"index": i, "ok": True, "alert": {...},
    "error": None}`` or ``{"index": i, "ok": False, "alert": None, "error": {"code": 2,
    "status": "PARSE_ERROR", "message": "record 1: ..."}}``.
    """
    payloads = list(payloads)
    sources = [source] * len(payloads) if isinstance(source, str) else list(source)
    texts, unreadable = [], {}
    for i, payload in enumerate(payloads):
        try:
            texts.append(_json_text(payload, "payload"))
        except (TypeError, ValueError) as e:  # not a dict or str, or not serialisable
            unreadable[i] = f"record {i}: {e}"
            texts.append("")
    out = []
    for i, (text, code, message) in enumerate(_core.normalize_alerts_json(sources, texts)):
        if i in unreadable:
            text, code, message = None, _core.InvalidArgumentError.code, unreadable[i]
        error = None if text is not None else {"code": code, "status": _STATUS_NAMES[code], "message": message}
        out.append({"index": i, "ok": text is not None, "alert": None if text is None else _record(text),
                    "error": error})
    return out


def _alert_text(alert) -> str:
    if not isinstance(alert, dict):
        return _json_text(alert, "alert")
    record = dict(alert)
    for key in _INSTANTS:
        if record.get(key) is not None and not isinstance(record[key], str):
            record[key] = _core.format_instant(to_epoch(record[key], key))
    return json.dumps(record)


def prioritize_alert(alert, asset_criticality: str = "unknown", scope: int | None = None, config=None) -> dict:
    """The ITIL priority (impact x urgency) of a normalised alert and the inputs that gave it.

    ``alert`` is a record from normalize_alert (dict or JSON string). ``asset_criticality`` is
    one of "unknown", "low", "medium", "high", "critical"; ``scope`` the number of assets or
    users affected (default: the alert's affected_assets, at least 1). ``config`` (dict or JSON
    string) replaces parts of default_priority_config().

    Returns ``{"priority": 1-5, "label": "Critical".."Planning", "impact": {"level", "label",
    "points", "factors": [{"input", "value", "points"}, ...]}, "urgency": {...}, "psa":
    {"connectwise": {"id", "name"}, "autotask": {"id", "name"}}, "explanation": str}``.
    """
    context = {"asset_criticality": asset_criticality}
    if scope is not None:
        context["scope"] = scope
    config_text = None if config is None else _json_text(config, "config")
    return json.loads(_core.prioritize_alert_json(_alert_text(alert), json.dumps(context), config_text))


def default_priority_config() -> dict:
    """The default prioritisation configuration, in the format ``config`` takes."""
    return json.loads(_core.default_priority_config_json())
