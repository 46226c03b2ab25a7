"""numpy/pandas columns of instants <-> int64 Unix seconds, vectorised (no per-row Python)."""
from __future__ import annotations

import numpy as np

from . import _core


def to_epoch_column(values, what: str, missing: int | None = None) -> np.ndarray:
    """int64 Unix seconds from datetime64, tz-aware pandas data, int64 seconds or ISO strings.

    Missing values (NaT, None) are an error naming the row, unless ``missing`` gives the
    int64 value that stands for them.
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency, kept optional here
        pd = None
    if pd is not None and isinstance(values, (pd.Series, pd.Index, pd.arrays.DatetimeArray)):
        dtype = values.dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            # tz_convert(None) gives the UTC wall times the data is stored as: a view, no copy.
            values = values.dt.tz_convert(None) if isinstance(values, pd.Series) else values.tz_convert(None)
        elif dtype == object or dtype == "string":
            values = pd.to_datetime(values, utc=True, format="ISO8601")
            values = values.tz_localize(None) if isinstance(values, pd.Index) else values.dt.tz_localize(None)
        values = values.to_numpy()
    array = np.asarray(values)
    if array.dtype.kind == "M":
        # numpy datetime64 has no zone and is read as UTC; fractions truncate toward the past.
        # A view when the data is already in seconds: NaT is INT64_MIN, which is also the
        # core's "no instant", so missing values need no rewriting (and the caller's data
        # is never written to).
        out = array.astype("datetime64[s]", copy=False).view(np.int64)
        if missing != _core.NO_INSTANT:
            nat = out == _core.NO_INSTANT
            if nat.any():
                if missing is None:
                    row = int(np.flatnonzero(nat)[0])
                    _core._raise(_core.InvalidTimeError.code, f"{what}[{row}] is missing (NaT)", row)
                out = np.where(nat, missing, out)
        return out
    if array.dtype.kind in "iu":
        return array.astype(np.int64, copy=False)
    if array.dtype.kind in "OU":
        def parse(row, v):
            if v is None or (isinstance(v, float) and v != v):
                if missing is None:
                    _core._raise(_core.InvalidTimeError.code, f"{what}[{row}] is missing", row)
                return missing
            return _core.parse_instant(str(v))
        return np.fromiter((parse(i, v) for i, v in enumerate(array)), dtype=np.int64, count=len(array))
    raise _core.InvalidTypeError(f"{what} must be datetime64, tz-aware pandas data, int64 Unix seconds or ISO strings, "
                    f"not {array.dtype}")


def to_int_column(values, what: str) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind == "m":
        return array.astype("timedelta64[s]").astype(np.int64)
    if array.dtype.kind not in "iu":
        raise _core.InvalidTypeError(f"{what} must be integers (seconds) or timedelta64, not {array.dtype}")
    return array.astype(np.int64, copy=False)


def check_status(status: np.ndarray, errors: str, what: str):
    """errors='raise': the first failed row raises its error; 'status': the caller gets the column."""
    if errors not in ("raise", "status"):
        raise _core.InvalidArgumentError(f"errors must be 'raise' or 'status', not {errors!r}")
    if errors == "raise" and status.any():
        row = int(np.flatnonzero(status)[0])
        _core._raise(int(status[row]), f"{what}: row {row} failed with status "
                                       f"{_core.STATUS_TABLE[int(status[row])][0]}", row)
