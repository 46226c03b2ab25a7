"""RMM and backup data (docs/rmm-store.md, docs/rmm-import.md): vendor exports imported into
the normalised records as pandas DataFrames, and the SQLite store that keeps them.

Thin glue: the C++ core reads the files, writes and reads the store and builds each column;
here the columns become pandas arrays. Frames have exactly the records' field names as
columns (DEVICE_COLUMNS, ...): text as str, instants as datetime64[ns, UTC], patch release
dates as datetime64[ns] at midnight, optional whole numbers as Int64 and optional flags as
boolean (missing is <NA>), so they go back into mspcore.backup_compliance() as they are.
"""
from __future__ import annotations

import os

import numpy as np

from . import _core
from ._time import to_epoch


def _array(column):
    import pandas as pd

    kind, values = column[0], column[1]
    mask = column[2] if len(column) > 2 else None
    if kind == "str":
        return values
    if kind == "instant":
        return pd.array(values.view("datetime64[ns]")).tz_localize("UTC")
    if kind == "date":
        return pd.array(values.view("datetime64[ns]"))
    if kind == "bool":
        values = values.astype(bool)
        return values if mask is None else pd.arrays.BooleanArray(values, mask)
    return values if mask is None else pd.arrays.IntegerArray(values, mask)


def _frame(columns: dict):
    import pandas as pd

    n = len(next(iter(columns.values()))[1]) if columns else 0
    return pd.DataFrame({name: _array(col) for name, col in columns.items()}, index=pd.RangeIndex(n))


class RmmImport:
    """What an import read: DataFrames ``devices``, ``backup_results``, ``patches``,
    ``events`` and ``issues`` (file, row, field, code, message: the rows not imported), and,
    when it went into a store, that store's ``report`` (run_id, batches, inserted, updated,
    unchanged, issues); otherwise ``report`` is None."""

    def __init__(self, native: dict, report: dict | None = None):
        self.devices = _frame(native["devices"])
        self.backup_results = _frame(native["backup_results"])
        self.patches = _frame(native["patches"])
        self.events = _frame(native["events"])
        self.issues = _frame(native["issues"])
        self.report = report

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}"
                           for name in ("devices", "backup_results", "patches", "events", "issues"))
        return f"RmmImport({counts}, report={self.report!r})"


def _tenants(tenants) -> dict:
    if tenants is None:
        return {}
    if not isinstance(tenants, dict):
        raise _core.InvalidTypeError(f"tenants must be a dict of site name -> tenant, not {type(tenants).__name__}")
    return tenants


def import_rmm(path, vendor: str, *, tenants=None, store=None, default_tenant: str | None = None) -> RmmImport:
    """Import an RMM or backup export (``vendor``: "datto_rmm", "datto_bcdr", "cove",
    "ncentral") into DataFrames of normalised records.

    ``tenants`` maps the vendor's site or customer names to tenants (None: the site name is the
    tenant; given: a row of an unmapped site is an issue). ``default_tenant`` is the tenant of
    records whose export names no site (a Datto BCDR appliance's assets). ``store`` (a path or
    an RmmStore) also writes the records into that store as one import run and adds its report.
    """
    if store is None:
        return RmmImport(_core.import_rmm(os.fspath(path), vendor, _tenants(tenants), default_tenant or ""))
    if isinstance(store, RmmStore):
        return store.import_rmm(path, vendor, tenants=tenants, default_tenant=default_tenant)
    with RmmStore(store) as opened:
        return opened.import_rmm(path, vendor, tenants=tenants, default_tenant=default_tenant)


def _epoch_or_none(value, what: str):
    return None if value is None else to_epoch(value, what)


class RmmStore:
    """The SQLite store of normalised RMM records; opened (and created or migrated) on
    construction. Each import is one run whose batches commit one by one with the run's
    progress: a crash keeps exactly the committed batches, and importing the same file again
    changes nothing. Reads take ``tenant`` (None: every tenant; a name: that tenant's rows
    only). Use as a context manager or call close().
    """

    schema_version: int = _core.RmmStore.schema_version

    def __init__(self, path):
        self._native = _core.RmmStore(os.fspath(path))

    def close(self) -> None:
        self._native.close()

    def __enter__(self) -> "RmmStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def import_rmm(self, path, vendor: str, *, tenants=None, default_tenant: str | None = None) -> RmmImport:
        """Import a file as one run (see mspcore.import_rmm): the records read, and the report."""
        native, report = _core.rmm_store_import(self._native, os.fspath(path), vendor, _tenants(tenants),
                                                default_tenant or "")
        return RmmImport(native, report)

    def devices(self, tenant: str | None = None):
        return _frame(self._native.devices(tenant))

    def backup_results(self, tenant: str | None = None, since=None, until=None):
        """Backup results with since <= at < until (either bound optional: tz-aware datetimes,
        pandas Timestamps or ISO-8601 strings)."""
        return _frame(self._native.backup_results(tenant, _epoch_or_none(since, "since"),
                                                  _epoch_or_none(until, "until")))

    def patches(self, tenant: str | None = None):
        return _frame(self._native.patches(tenant))

    def events(self, tenant: str | None = None):
        return _frame(self._native.events(tenant))

    def runs(self, tenant: str | None = None):
        """Import runs (id, file, vendor, started, finished: NaT while unfinished or after a
        crash, error, and the counts). Runs belong to no tenant: a tenant sees none."""
        return _frame(self._native.runs(tenant))

    def issues(self, run: int | None = None, *, tenant: str | None = None):
        """The issues of import run ``run``, or of every file's latest run (run_id, file, row,
        field, code, message). Like runs, visible only without a tenant."""
        if run is not None and (isinstance(run, bool) or not isinstance(run, (int, np.integer))):
            raise _core.InvalidTypeError(f"run must be an import run id (int), not {type(run).__name__}")
        return _frame(self._native.issues(tenant, None if run is None else int(run)))
