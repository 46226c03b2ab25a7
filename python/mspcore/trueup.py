"""Contract true-up (docs/contract-trueup.md): reconcile contract lines with what vendors,
licence/asset tools, RMMs and billing report, and propose true-ups and true-downs.

Thin glue: records (lists of dicts or DataFrames) become columns, the C++ core does the work,
and the result comes back as the same JSON document the C ABI returns.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import functools
from collections.abc import Sequence

import numpy as np

from . import _core
from ._json import dumps
from ._columns import to_epoch_column
from ._time import from_epoch, to_epoch

LINE_KEYS = ("tenant", "contract_id", "line_id", "sku", "quantity", "unit_price", "currency", "billing_period",
             "billing_mode", "term_start", "term_end", "term_kind", "proration", "commitment_minimum", "true_down",
             "tolerance_units", "tolerance_percent")
OBSERVATION_KEYS = ("tenant", "sku", "source", "quantity", "as_of", "units")
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()


class Records(Sequence):
    """Records of a result: a sequence of dicts (built on access) that also converts itself,
    column by column, to a pandas DataFrame with ``to_pandas()``.

    Evidence is a list of dicts per record; in the DataFrame it is flattened to columns
    ``evidence.<source>.reported``, ``.counted``, ``.as_of`` and ``.observations``.
    """

    def __init__(self, columns: dict, with_evidence: bool = False):
        self._columns = columns  # name -> (kind, values[, mask]) from the core
        self._with_evidence = with_evidence
        self._len = len(next(iter(columns.values()))[1]) if columns else 0
        self._rows = None

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index):
        return self._dicts()[index]

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (Records, list)) else NotImplemented

    def __repr__(self) -> str:
        return repr(self._dicts())

    def _dicts(self) -> list:
        if self._rows is None:
            plain = {name: _python_values(col) for name, col in self._columns.items() if not name.startswith("evidence.")}
            rows = [dict(zip(plain, values)) for values in zip(*plain.values())] if plain else []
            if self._with_evidence:
                for row, items in zip(rows, _evidence_lists(self._columns, self._len)):
                    row["evidence"] = items
            self._rows = rows
        return self._rows

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame({name: _pandas_values(col) for name, col in self._columns.items()},
                            index=pd.RangeIndex(self._len))


def _masked(col):
    return col[2] if len(col) > 2 and col[0] not in ("str", "money") else None


def _decoded(col) -> np.ndarray:
    """Object array of a dictionary-encoded column (code -1 is None); money as Decimal."""
    kind, codes, values = col
    if kind == "money":
        values = [decimal.Decimal(v) for v in values]
    table = np.empty(len(values) + 1, dtype=object)
    table[:-1] = values
    return table[codes]


def _python_values(col) -> list:
    kind, values, mask = col[0], col[1], _masked(col)
    if kind in ("str", "money"):
        return _decoded(col).tolist()
    if kind == "int":
        out = values.tolist()
    elif kind == "bool":
        out = values.astype(bool).tolist()
    elif kind == "date":
        out = [_dt.date.fromordinal(int(v) + _EPOCH_ORDINAL) for v in values]
    else:  # instant
        out = [from_epoch(v) for v in values.tolist()]
    if mask is not None:
        out = [None if m else v for v, m in zip(out, mask.tolist())]
    return out


def _pandas_values(col):
    import pandas as pd

    kind, values, mask = col[0], col[1], _masked(col)
    if kind in ("str", "money"):
        return _decoded(col)
    if kind == "int":
        return pd.arrays.IntegerArray(values, mask) if mask is not None else values
    if kind == "bool":
        return values.astype(bool)
    stamps = values.astype("datetime64[D]" if kind == "date" else "datetime64[s]")
    if mask is not None:
        stamps[mask] = np.datetime64("NaT")
    stamps = stamps.astype("datetime64[s]")
    return pd.DatetimeIndex(stamps, tz="UTC") if kind == "instant" else stamps


def _evidence_lists(columns: dict, n: int) -> list:
    sources = [name[len("evidence."):-len(".counted")] for name in columns
               if name.startswith("evidence.") and name.endswith(".counted")]
    fields = {s: {f: _python_values(columns[f"evidence.{s}.{f}"]) for f in _EVIDENCE_FIELDS} for s in sources}
    return [[{"source": s, **{f: fields[s][f][i] for f in _EVIDENCE_FIELDS}} for s in sources
             if fields[s]["counted"][i] is not None] for i in range(n)]


_EVIDENCE_FIELDS = ("reported", "counted", "as_of", "observations")


def _is_frame(records) -> bool:
    return hasattr(records, "columns") and hasattr(records, "to_dict")


def _columns(records, keys, what: str) -> tuple[dict, int]:
    """{key: column} of a DataFrame or an iterable of dicts; unknown keys are errors (typos)."""
    if _is_frame(records):
        unknown = [c for c in records.columns if c not in keys]
        if unknown:
            raise _core.InvalidArgumentError(f"{what}: unknown column {unknown[0]!r} (known: {', '.join(keys)})")
        return {k: records[k] for k in records.columns}, len(records)
    rows = list(records)
    present = set()
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise _core.InvalidTypeError(f"{what}[{i}] must be a dict, not {type(row).__name__}")
        for key in row:
            if key not in keys:
                raise _core.InvalidArgumentError(f"{what}[{i}]: unknown key {key!r} (known: {', '.join(keys)})")
        present.update(row)
    return {k: [row.get(k) for row in rows] for k in keys if k in present}, len(rows)


def _missing(v) -> bool:
    pd = _pd()
    return v is None or (isinstance(v, float) and v != v) or (pd is not None and (v is pd.NaT or v is pd.NA))


def _pd():
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        return None
    return pd


def _none_where_missing(values: list) -> list:
    """values with None where a value is missing (None, NaN, NaT, NA); vectorised where pandas is there."""
    pd = _pd()
    if pd is None:
        return [None if _missing(v) else v for v in values]
    array = np.fromiter(values, dtype=object, count=len(values))
    at = np.flatnonzero(pd.isna(array))
    if not len(at):
        return values
    # pd.isna finds a superset (it also knows Decimal('NaN'), datetime64 NaT): confirm by type.
    na_types = (type(None), type(pd.NaT), type(pd.NA))
    if not all(issubclass(t, float) or t in na_types for t in set(map(type, array[at]))):
        at = [i for i in at.tolist() if _missing(values[i])]
    array[at] = None
    return array.tolist()


def _all_text(values: list) -> bool:
    """Whether every value that is not missing is a str (a C loop where pandas is there)."""
    pd = _pd()
    if pd is None:
        return all(type(v) is str or _missing(v) for v in values)
    return pd.api.types.infer_dtype(np.fromiter(values, dtype=object, count=len(values)),
                                    skipna=True) in ("string", "empty")


def _decimal_text(values, what: str) -> list:
    values = _as_list(values)
    if _all_text(values):
        return _none_where_missing(values)  # the core parses (and names the row of) every text

    def text(i, v):
        if _missing(v):
            return None
        if isinstance(v, float):
            raise _core.InvalidTypeError(f"{what}[{i}] is a float ({v!r}): money must be exact; use decimal.Decimal or a string")
        if isinstance(v, decimal.Decimal):
            return format(v, "f")
        if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
            return str(int(v))
        if isinstance(v, str):
            return v
        raise _core.InvalidTypeError(f"{what}[{i}] must be a Decimal, int or string, not {type(v).__name__}")
    return [text(i, v) for i, v in enumerate(values)]


def _days(values, what: str) -> list:
    """Days since 1970-01-01 of dates (datetime.date, 'YYYY-MM-DD', datetime64); None stays None."""
    array = np.asarray(values)
    if array.dtype.kind == "M":
        days = array.astype("datetime64[D]")
        out = days.astype(np.int64).tolist()
        for i in np.flatnonzero(np.isnat(days)):
            out[i] = None
        return out

    values = _as_list(values)
    if all(type(v) is str and len(v) == 10 or v is None for v in values):
        try:  # vectorised; on any bad text the per-value path below names the row
            parsed = np.array(values, dtype="datetime64[D]")
            out = parsed.astype(np.int64).tolist()
            for i in np.flatnonzero(np.isnat(parsed)):
                out[i] = None
            return out
        except ValueError:
            pass

    def day(i, v):
        if _missing(v):
            return None
        if isinstance(v, _dt.datetime):
            raise _core.InvalidTypeError(f"{what}[{i}] must be a date, not a datetime ({v!r}); pass value.date()")
        if isinstance(v, _dt.date):
            return v.toordinal() - _EPOCH_ORDINAL
        if isinstance(v, str):
            return _core.parse_instant(v + "T00:00:00Z") // 86400 if len(v) == 10 else \
                _core._raise(_core.InvalidArgumentError.code, f"{what}[{i}]: {v!r} is not a date 'YYYY-MM-DD'", i)
        raise _core.InvalidTypeError(f"{what}[{i}] must be a datetime.date or 'YYYY-MM-DD', not {type(v).__name__}")
    return [day(i, v) for i, v in enumerate(values)]


def _whole(values, what: str) -> np.ndarray:
    """int64 quantities; a float is accepted only when whole (NaN is an error naming the row)."""
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        return array.astype(np.int64, copy=False)
    if array.dtype.kind in "fO":
        out = np.empty(len(array), dtype=np.int64)
        for i, v in enumerate(_optional_whole(array, what)):
            if v is None:
                _core._raise(_core.InvalidArgumentError.code, f"{what}[{i}] is missing", i)
            if not isinstance(v, (int, np.integer)) or isinstance(v, bool):
                _core._raise(_core.InvalidArgumentError.code, f"{what}[{i}] = {v!r} is not a whole number", i)
            out[i] = v
        return out
    raise _core.InvalidTypeError(f"{what} must hold whole numbers, not {array.dtype}")


def _instant_seconds(value, what: str) -> int:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return (value.toordinal() - _EPOCH_ORDINAL) * 86400
    if isinstance(value, str) and len(value) == 10:
        return to_epoch(value + "T00:00:00Z", what)
    return to_epoch(value, what)


def _instants(values, what: str) -> np.ndarray:
    if _is_series_with_tz(values):
        return to_epoch_column(values, what)
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return to_epoch_column(array, what)
    out = np.empty(len(array), dtype=np.int64)
    for i, v in enumerate(values):
        if _missing(v):
            _core._raise(_core.InvalidTimeError.code, f"{what}[{i}] is missing", i)
        out[i] = _instant_seconds(v, f"{what}[{i}]")
    return out


def _is_series_with_tz(values) -> bool:
    pd = _pd()
    return pd is not None and isinstance(getattr(values, "dtype", None), pd.DatetimeTZDtype)


def _line_columns(contracts) -> tuple[dict, int]:
    cols, n = _columns(contracts, LINE_KEYS, "contracts")
    for key in ("unit_price", "tolerance_percent"):
        if key in cols:
            cols[key] = _decimal_text(cols[key], f"contracts.{key}")
    for key in ("term_start", "term_end"):
        if key in cols:
            cols[key] = _days(cols[key], f"contracts.{key}")
    for key in ("quantity", "commitment_minimum", "tolerance_units"):
        if key in cols:
            cols[key] = _optional_whole(cols[key], f"contracts.{key}")
    for key in ("tenant", "contract_id", "line_id", "sku", "currency", "billing_period", "billing_mode", "term_kind",
                "proration", "true_down"):
        if key in cols:  # pandas marks a missing text as NaN or NA; the core knows None
            cols[key] = _none_where_missing(_as_list(cols[key]))
    return {k: _as_list(v) for k, v in cols.items()}, n


def _as_list(values) -> list:
    return values if isinstance(values, list) else values.tolist() if hasattr(values, "tolist") else list(values)


def _optional_whole(values, what: str) -> list:
    """Whole numbers or None; floats (as pandas makes them around NaN) only when whole."""
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        return array.tolist()
    if array.dtype.kind == "f" and np.all(np.isnan(array) | (array == np.round(array))):
        missing = np.isnan(array)  # pandas' missing value; None below
        out = np.where(missing, 0, array).astype(np.int64).tolist()
        for i in np.flatnonzero(missing):
            out[i] = None
        return out

    def whole(i, v):
        if _missing(v):
            return None
        if isinstance(v, (float, np.floating)):
            if not float(v).is_integer():
                _core._raise(_core.InvalidArgumentError.code, f"{what}[{i}] = {v!r} is not a whole number", i)
            return int(v)
        return v
    return [whole(i, v) for i, v in enumerate(values)]


class ReconcileResult:
    """What a reconciliation found: ``deviations``, ``proposals``, ``held`` (changes a rule
    forbids) and ``unmapped`` observations, each a sequence of dicts with ``.to_pandas()``."""

    def __init__(self, native):
        self._native = native
        self.as_of = from_epoch(native.as_of)

    # Each table crosses from C++ on first use: who needs only the proposals does not pay
    # for hundreds of thousands of deviations.
    @functools.cached_property
    def deviations(self) -> Records:
        return Records(self._native.deviations(), with_evidence=True)

    @functools.cached_property
    def proposals(self) -> Records:
        return Records(self._native.proposals(), with_evidence=True)

    @functools.cached_property
    def held(self) -> Records:
        return Records(self._native.held())

    @functools.cached_property
    def unmapped(self) -> Records:
        return Records(self._native.unmapped())

    def fingerprints(self) -> dict:
        """SHA-256 of each input in canonical form (order-independent), for storing a run."""
        return self._native.fingerprints()

    def to_json(self) -> str:
        """The result as the JSON document of the C ABI (msp_trueup_reconcile_json)."""
        return self._native.to_json()

    def __repr__(self) -> str:
        return (f"ReconcileResult(as_of={self.as_of.isoformat()}, deviations={len(self.deviations)}, "
                f"proposals={len(self.proposals)}, held={len(self.held)}, unmapped={len(self.unmapped)})")


def reconcile(contracts, observations, as_of, sku_map=None, rules=None) -> ReconcileResult:
    """Reconcile purchased, assigned and billed quantities per tenant and SKU as of ``as_of``.

    contracts: contract lines (list of dicts or a DataFrame) with keys tenant, contract_id,
    line_id, sku, quantity, unit_price (Decimal or str, never float), currency, term_start and
    optionally billing_period, billing_mode, term_end, term_kind, proration,
    commitment_minimum, true_down, tolerance_units, tolerance_percent.
    observations: tenant, sku, source (vendor, license, asset, rmm, billing, crm), quantity,
    as_of (date or tz-aware instant) and optionally units (identities or dicts with identity,
    shared, kiosk, self_paid, service_account).
    sku_map: {vendor SKU or product name: contract SKU}. rules: billable-unit rules,
    rounding, NCE window and default tolerance (docs/contract-trueup.md).
    """
    lines, line_count = _line_columns(contracts)
    obs, n = _columns(observations, OBSERVATION_KEYS, "observations")
    units = obs.get("units")
    if units is not None:
        # With unit detail the quantity may be left out: it is then the number of units.
        reported = obs.get("quantity", [None] * n)
        obs["quantity"] = [len(u) if _missing(q) and u is not None else q for q, u in zip(reported, units)]
    for key in ("tenant", "sku", "source", "quantity", "as_of"):
        if key not in obs and n:
            raise _core.InvalidArgumentError(f"observations: {key} is missing")
    quantity = _whole(obs["quantity"], "observations.quantity") if n else np.empty(0, np.int64)
    instants = _instants(obs["as_of"], "observations.as_of") if n else np.empty(0, np.int64)
    text_columns = {k: _as_list(obs[k]) for k in ("tenant", "sku", "source") if k in obs}
    native = _core._reconcile(lines, line_count, text_columns, quantity, instants,
                              None if units is None else _as_list(units), _instant_seconds(as_of, "as_of"),
                              dict(sku_map or {}), dumps(rules, "rules"))
    return ReconcileResult(native)
