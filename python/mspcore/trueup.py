"""Contract true-up (docs/contract-trueup.md): reconcile contract lines with what vendors,
licence/asset tools, RMMs and billing report, and propose true-ups and true-downs.

Thin glue: records (lists of dicts or DataFrames) go to the core's one decoder of true-up
records, the C++ core does the work, and the result comes back as typed columns (or as the
JSON document the C ABI returns).
"""
from __future__ import annotations

import datetime as _dt
import decimal
import functools
from collections.abc import Sequence

import numpy as np

from . import _core
from ._json import dumps
from ._time import from_epoch

LINE_KEYS = _core.CONTRACT_LINE_FIELDS
OBSERVATION_KEYS = _core.OBSERVATION_FIELDS
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

        # copy=False: pandas keeps each (fresh) array as it is instead of stacking the numeric
        # columns into one block, a transposing copy that took most of the time.
        return pd.DataFrame({name: _pandas_values(col) for name, col in self._columns.items()},
                            index=pd.RangeIndex(self._len), copy=False)


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
    """A fresh array per call (the frame takes it without a copy; the records keep theirs)."""
    import pandas as pd

    kind = col[0]
    if kind == "str":
        _, codes, dictionary = col
        if _arrow_strings():
            # The Arrow buffers of pandas' "str" array written by the core from the codes (the
            # bytes once, on two threads): the same column as a take from the dictionary.
            import pyarrow as pa

            offsets, data, validity, nulls = _core._dictionary_strings(codes, dictionary)
            array = pa.LargeStringArray.from_buffers(len(codes), pa.py_buffer(offsets), pa.py_buffer(data),
                                                     None if validity is None else pa.py_buffer(validity), nulls)
            return pd.array(array, dtype="str")
        # The dictionary as pandas' string array, then one take: the same column (missing as
        # NA) as inferring it from Python strings, without a conversion per row.
        return pd.array(dictionary, dtype="str").take(codes, allow_fill=True)
    if kind == "money":
        return _decoded(col)
    values, mask = col[1], _masked(col)
    if kind == "int":
        return pd.arrays.IntegerArray(values.copy(), mask.copy()) if mask is not None else values.copy()
    if kind == "bool":  # a masked flag is NA, never False
        return pd.arrays.BooleanArray(values.astype(bool), mask.copy()) if mask is not None else values.astype(bool)
    stamps = values.astype("datetime64[D]" if kind == "date" else "datetime64[s]")
    if mask is not None:
        stamps[mask] = np.datetime64("NaT")
    stamps = stamps.astype("datetime64[s]")
    return pd.DatetimeIndex(stamps, tz="UTC") if kind == "instant" else stamps


@functools.cache
def _arrow_strings() -> bool:
    """Whether pandas' "str" dtype is held by Arrow (pyarrow installed) as a large_string array."""
    import pandas as pd

    try:
        import pyarrow as pa
    except ImportError:
        return False
    array = pd.array(["x"], dtype="str")
    return getattr(array.dtype, "storage", None) == "pyarrow" and getattr(array, "_pa_array", None) is not None \
        and array._pa_array.type == pa.large_string()


def _evidence_lists(columns: dict, n: int) -> list:
    sources = [name[len("evidence."):-len(".counted")] for name in columns
               if name.startswith("evidence.") and name.endswith(".counted")]
    fields = {s: {f: _python_values(columns[f"evidence.{s}.{f}"]) for f in _EVIDENCE_FIELDS} for s in sources}
    return [[{"source": s, **{f: fields[s][f][i] for f in _EVIDENCE_FIELDS}} for s in sources
             if fields[s]["counted"][i] is not None] for i in range(n)]


_EVIDENCE_FIELDS = ("reported", "counted", "as_of", "observations")


def _table(records):
    """What the core's decoder reads: a DataFrame as a dict of numpy columns, anything else as is."""
    if not (hasattr(records, "columns") and hasattr(records, "to_dict")):
        return records
    return {name: _column(records[name]) for name in records.columns}


class _ArrowText(tuple):
    """(length, offset, offsets, data, validity or None) of an Arrow string column, which the
    core reads in place."""

    _mspcore_arrow_text = True


def _column(series):
    # numpy has no zones: tz-aware data becomes its UTC wall times (what datetime64 means).
    if getattr(series.dtype, "tz", None) is not None:
        series = series.dt.tz_convert(None)
    text = _arrow_text(series)
    return text if text is not None else series.to_numpy()


def _arrow_text(series):
    """A pandas string column held by Arrow as its buffers (no Python str per value), else None."""
    import pandas as pd

    dtype = series.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    import pyarrow as pa

    array = getattr(series.array, "_pa_array", None)
    if array is None:
        return None
    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    if array.type != pa.large_string():
        array = array.cast(pa.large_string())
    validity, offsets, data = array.buffers()
    as_numpy = lambda buffer, dtype: np.frombuffer(buffer, dtype=dtype) if buffer is not None else np.zeros(  # noqa: E731
        0 if dtype == np.uint8 else 1, dtype=dtype)
    return _ArrowText((len(array), array.offset, as_numpy(offsets, np.int64), as_numpy(data, np.uint8),
                       None if validity is None or array.null_count == 0 else as_numpy(validity, np.uint8)))


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
    native = _core._reconcile(_table(contracts), _table(observations), as_of, dict(sku_map or {}),
                              dumps(rules, "rules"))
    return ReconcileResult(native)
