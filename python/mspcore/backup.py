"""Backup and patch compliance (docs/rmm-backup-compliance.md, docs/rmm-patch-compliance.md).

Thin glue: records (lists of dicts or DataFrames with the normalised records' columns, as
``mspcore.import_rmm`` returns them) go to the core's decoders; the C++ core decides. A
DataFrame of backup results is passed as columns: text columns as codes and categories (a
pandas Categorical as it is, other text through ``pandas.factorize``), instants as int64 Unix
seconds, so ten million results need no Python object per row.

Both functions return a ``Compliance`` named tuple of two DataFrames, ``devices`` (one row per
device, in input order) and ``clients`` (one row per tenant, by name)::

    devices, clients = mspcore.backup_compliance(results, devices, as_of)
"""
from __future__ import annotations

import decimal
import json
from typing import NamedTuple

import numpy as np

from . import _core
from ._columns import to_epoch_column
from ._json import dumps
from .trueup import _table

DEVICE_KEYS = _core.DEVICE_FIELDS
BACKUP_RESULT_KEYS = _core.BACKUP_RESULT_FIELDS
PATCH_KEYS = _core.PATCH_FIELDS
BACKUP_STATUSES = _core.BACKUP_STATUSES
_INSTANTS = ("judged_at", "last_result", "last_good", "last_verified", "last_offsite")
_OPTIONAL_INTS = ("age_seconds", "verification_age_seconds", "offsite_age_seconds")
_BACKUP_DECIMALS = ("age_hours", "success_percent")


class Compliance(NamedTuple):
    """``devices``: one row per device in input order; ``clients``: one row per tenant."""

    devices: object
    clients: object


def _is_frame(value) -> bool:
    return hasattr(value, "columns") and hasattr(value, "to_dict")


def _refuse_naive(frame, what: str):
    # numpy datetime64 means UTC to the core; a pandas column without a zone is more likely
    # local time, and mspcore never guesses a zone.
    for name in frame.columns:
        dtype = frame[name].dtype
        if getattr(dtype, "kind", None) == "M" and getattr(dtype, "tz", None) is None:
            raise _core.NaiveDatetimeError(f"{what}.{name}: a datetime column without a time zone; mspcore never "
                                           f"guesses one (use .dt.tz_localize(...))")


def _records(table, what: str):
    if _is_frame(table):
        _refuse_naive(table, what)
        return _table(table)
    return table


def _coded_results(frame):
    """(columns, generic) for the core's bulk path, or None when a column is not one it reads."""
    import pandas as pd

    columns = {}
    for name in frame.columns:
        series = frame[name]
        dtype = series.dtype
        if name == "at":
            if getattr(dtype, "kind", None) != "M":
                return None
            columns[name] = to_epoch_column(series, "backup_results.at", missing=_core.NO_INSTANT)
        elif name == "errors":
            if dtype.kind not in "iuf":
                return None
            columns[name] = series.to_numpy(dtype=np.float64)
        elif isinstance(dtype, pd.CategoricalDtype):
            columns[name] = (series.cat.codes.to_numpy(dtype=np.int32), list(dtype.categories))
        elif dtype == object or isinstance(dtype, pd.StringDtype):
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            columns[name] = (codes.astype(np.int32, copy=False), list(uniques))
        else:
            return None
    return columns, (lambda: _table(frame))


def _instant_column(values):
    import pandas as pd

    return pd.Series(np.asarray(values).view("datetime64[s]")).dt.tz_localize("UTC")


def _optional_int_column(values):
    import pandas as pd

    values = np.asarray(values)
    return pd.arrays.IntegerArray(values, values == _core.NO_INSTANT)


def _decimals(values):
    return [None if v is None else decimal.Decimal(v) for v in values]


def backup_compliance(results, devices, as_of, policy=None) -> Compliance:
    """Backup compliance of ``devices`` from ``results`` as of the instant ``as_of`` (an aware
    datetime or ISO text with a zone).

    results: tenant, device_id, at, outcome and optionally source, id, copy, verification,
    data_source, errors, detail (lists of dicts or a DataFrame; datetimes must have a zone).
    devices: tenant, id and optionally source, name, device_class, os, site, last_seen, online,
    reboot_required, patch_status, patches_pending, backup_expected, retired.
    policy: {"rpo_hours": {"server": 12, "workstation": 24, ...}, "warning_percent": 150,
    "exceptions_good": True, "success_window_days": 30, "verification_max_age_hours": None,
    "offsite_max_age_hours": None, "suppress_offline_workstations": True}.

    ``devices`` frame: tenant, source, id, name, device_class, status (a Categorical of
    BACKUP_STATUSES), reason_code, reason, rpo_hours, judged_at, offline_suppressed,
    last_result, last_good, age_seconds, age_hours (Decimal), attempts, good, success_percent
    (Decimal), last_verified, verification_age_seconds, last_offsite, offsite_age_seconds.
    ``clients`` frame: tenant, devices, in_scope, one count per status, compliance_percent
    (Decimal: compliant / in scope x 100, 2 places), sources, unmatched_results.
    """
    import pandas as pd

    if _is_frame(results):
        _refuse_naive(results, "backup_results")
        coded = _coded_results(results) if len(results) else None
        carrier = coded if coded is not None else _table(results)
    else:
        carrier = results
    columns, clients, _ = _core._backup_compliance(carrier, _records(devices, "devices"), as_of,
                                                   dumps(policy, "policy"))
    frame = pd.DataFrame(dict(columns))
    frame["status"] = pd.Categorical.from_codes(np.asarray(columns["status"]), categories=BACKUP_STATUSES)
    for name in _INSTANTS:
        frame[name] = _instant_column(columns[name])
    for name in _OPTIONAL_INTS:
        frame[name] = _optional_int_column(columns[name])
    for name in _BACKUP_DECIMALS:
        frame[name] = _decimals(columns[name])
    client_frame = pd.DataFrame(clients, columns=["tenant", "devices", "in_scope", *BACKUP_STATUSES,
                                                  "compliance_percent", "sources", "unmatched_results"])
    client_frame["compliance_percent"] = _decimals(client_frame["compliance_percent"])
    return Compliance(frame, client_frame)


_BUCKETS = ("0_7", "8_30", "31_90", "over_90", "unknown")
_BUCKET_COLUMNS = [f"missing_{severity}_{b}" for severity in ("critical", "important") for b in _BUCKETS]
_PATCH_DEVICE_COLUMNS = ["tenant", "source", "id", "name", "device_class", "status", "reason_code", "reason",
                         "from_summary", "missing", *_BUCKET_COLUMNS, "reboot_pending", "failed", "excluded",
                         "installed_in_period", "median_days_to_patch"]
_PATCH_CLIENT_COLUMNS = ["tenant", "devices", "in_scope", "fully_patched", "not_patched", "unknown", "out_of_scope",
                         "compliance_percent", *_BUCKET_COLUMNS, "reboot_pending", "failed", "installed_in_period",
                         "median_days_to_patch", "unmatched_patches"]


def _flat(row: dict) -> dict:
    """Buckets {"missing_critical": {"0_7": n, ...}} as columns missing_critical_0_7, ..."""
    out = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out.update({f"{key}_{bucket}": n for bucket, n in value.items()})
        else:
            out[key] = value
    for key in ("compliance_percent", "median_days_to_patch"):
        if key in out and out[key] is not None:
            out[key] = decimal.Decimal(out[key])
    return out


def patch_compliance(patches, devices, as_of, policy=None) -> Compliance:
    """Patch compliance of ``devices`` from ``patches`` as of the instant ``as_of``.

    patches: tenant, device_id, patch_id, state and optionally source, title, severity,
    released (a date), installed_at, reboot_required. A device without patch records is judged
    from its RMM summary (patch_status, patches_pending, reboot_required).
    policy: {"device_classes": ["server", "workstation"], "severities": [...],
    "exclude_declined": True, "exclude_superseded": True, "period_days": 30}.

    ``devices`` frame: status (fully_patched, not_patched, unknown, out_of_scope), reason_code,
    reason, from_summary, missing, missing_critical_<bucket> and missing_important_<bucket> for
    the buckets 0_7, 8_30, 31_90, over_90, unknown, reboot_pending, failed, excluded,
    installed_in_period, median_days_to_patch (Decimal). ``clients``: the same sums per tenant,
    one count per status, compliance_percent (Decimal) and unmatched_patches.
    """
    import pandas as pd

    doc = json.loads(_core._patch_compliance(_records(patches, "patches"), _records(devices, "devices"), as_of,
                                             dumps(policy, "policy")))
    return Compliance(pd.DataFrame([_flat(r) for r in doc["devices"]], columns=_PATCH_DEVICE_COLUMNS),
                      pd.DataFrame([_flat(r) for r in doc["clients"]], columns=_PATCH_CLIENT_COLUMNS))
