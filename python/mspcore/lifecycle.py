"""vCIO lifecycle (docs/vcio-lifecycle.md): the warranty, OS support and replacement status of
assets and the term status of licences as of a date, each with its reason.

Thin glue: records (lists of dicts or DataFrames) go to the core's one decoder of assets and
licences, the C++ core decides, and the results come back as Records (sequences of dicts with
``.to_pandas()``) or as the C ABI's JSON document.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json

from . import _core
from ._json import dumps
from .trueup import Records, _table

ASSET_KEYS = _core.ASSET_FIELDS
LICENCE_KEYS = _core.LICENCE_FIELDS
SERVICE_KEYS = _core.SERVICE_FIELDS
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()


class LifecycleResult:
    """``assets`` and ``licences``: one record per input record, in input order, with status
    (supported, due_soon, overdue, unknown), reason_code and reason; ``os_table_version``."""

    def __init__(self, native):
        self._native = native
        self.as_of = _dt.date.fromordinal(native.as_of + _EPOCH_ORDINAL)
        self.os_table_version = native.os_table_version

    @functools.cached_property
    def assets(self) -> Records:
        return Records(self._native.assets())

    @functools.cached_property
    def licences(self) -> Records:
        return Records(self._native.licences())

    def to_json(self) -> str:
        """The result as the JSON document of the C ABI (msp_lifecycle_evaluate_json)."""
        return self._native.to_json()

    def __repr__(self) -> str:
        return (f"LifecycleResult(as_of={self.as_of.isoformat()}, os_table={self.os_table_version}, "
                f"assets={len(self.assets)}, licences={len(self.licences)})")


def lifecycle(assets, licences=None, as_of=None, policy=None, os_table=None, service=None) -> LifecycleResult:
    """The lifecycle status of ``assets`` and ``licences`` (lists of dicts or DataFrames) as of
    the date ``as_of`` (a date or "YYYY-MM-DD"; required).

    assets: id, tenant, type (workstation, laptop, server, network, storage, printer, mobile,
    other) and optionally make, model, serial, purchase_date, warranty_end, os, os_version,
    os_edition, replacement_value (Decimal or str) with currency, criticality.
    licences: tenant, sku, seats and optionally term_end, renewal_price with currency, auto_renew.
    policy: {"windows": {"server": 120, "licence": 60, "default": 90}, "typical_life_years":
    {...}, "tracks_os": {...}, "max_age_years": {...}, "replacement_value": {"server": {"amount":
    "4500.00", "currency": "EUR"}}, "payer": {...}, "tickets_per_year": {...},
    "reactive_hours_per_year": {...}, "pull_months": {...}, "max_pull_months": {...}}.
    os_table: rows laid over the shipped OS table, a document {"version": ..., "rows": [...]} or
    just the list of rows (version "user").
    service: tickets and time entries (tenant, asset_id, date and optionally kind ticket|time_entry,
    minutes or hours, reactive) whose count in the 12 months up to as_of pulls a replacement earlier.
    """
    if isinstance(os_table, (list, tuple)):
        os_table = {"version": "user", "rows": list(os_table)}
    native = _core._lifecycle(_table(assets), None if licences is None else _table(licences), as_of,
                              dumps(policy, "policy"), dumps(os_table, "os_table"),
                              None if service is None else _table(service))
    return LifecycleResult(native)


def lifecycle_frame(assets, as_of, policy=None, os_table=None, service=None):
    """The lifecycle status of ``assets`` as of ``as_of`` as a DataFrame, one row per asset in
    input order (``lifecycle(assets, as_of=as_of, ...).assets.to_pandas()``)."""
    return lifecycle(assets, None, as_of, policy, os_table, service).assets.to_pandas()


def licence_frame(licences, as_of, policy=None):
    """The term status of ``licences`` as of ``as_of`` as a DataFrame, one row per licence in
    input order (``lifecycle([], licences, as_of).licences.to_pandas()``)."""
    return lifecycle([], licences, as_of, policy).licences.to_pandas()


def os_lifecycle_table() -> list:
    """The shipped OS end-of-life rows: os, version, edition, mainstream_end, support_end,
    extension, extension_end (dates as datetime.date), estimate, source, note, table."""
    rows = json.loads(_core.os_lifecycle_table_json())["rows"]
    for row in rows:
        for key in ("mainstream_end", "support_end", "extension_end"):
            if row[key] is not None:
                row[key] = _dt.date.fromisoformat(row[key])
    return rows


def os_lifecycle_table_version() -> str:
    """The shipped OS table's version, e.g. "mspcore-os-1"."""
    return _core.os_lifecycle_table_version()
