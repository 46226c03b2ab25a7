"""QBR KPIs: ticket KPIs by group and period, from mergeable partial states (docs/kpi.md).

Every formula lives in the C++ core (mspcore/kpi); this module turns pandas columns into the
typed columns the core reads and the core's columns back into a DataFrame.
"""
from __future__ import annotations

import numpy as np

from . import _core
from ._columns import to_epoch_column

_PARTIAL_COLUMNS = ("period_id", "partial")


def kpi_dictionary() -> list[dict]:
    """Every KPI with its formula, clock, pause policy, inclusion rule and aggregation."""
    return _core.kpi_dictionary()


def _ticket_kpi_ids() -> list[str]:
    return [k["id"] for k in _core.kpi_dictionary() if k["subject"] == "ticket"]


def _raise_first(bad: np.ndarray, code: int, message):
    """Raise the error of the first row where ``bad`` holds; ``message(row)`` names it."""
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        _core._raise(code, message(row), row)


def _nullable_as_float(values):
    """A pandas nullable boolean / Int / Float column as float64 with NaN; others unchanged."""
    import pandas as pd

    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "biuf":
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    return values


def _flag_input(values, what: str) -> np.ndarray:
    """Yes/no flags as a numeric array the core converts: booleans or 0/1 numbers as they are,
    nullable and object columns as float64 with NaN for missing."""
    import pandas as pd

    array = np.asarray(_nullable_as_float(values))
    if array.dtype.kind not in "biuf":
        missing = pd.isna(array)
        for row in np.flatnonzero(~missing):
            if not isinstance(array[row], (bool, np.bool_, int, np.integer, float)) or array[row] not in (0, 1):
                _core._raise(_core.OutOfRangeError.code, f"{what}[{row}] is {array[row]!r}, not a yes/no flag", int(row))
        array = np.where(missing, np.nan, array).astype(np.float64)
    return array


def _flag_column(values, what: str) -> np.ndarray:
    """int8 1/0 from booleans or 0/1 numbers (plain, nullable or object); missing is -1."""
    return _core.flag_column(_flag_input(values, what), what)  # one checked pass in C++


def _nps_input(values) -> np.ndarray:
    array = np.asarray(_nullable_as_float(values))
    return array if array.dtype.kind in "biuf" else array.astype(np.float64)


def _work_seconds(values) -> np.ndarray:
    return _core.work_seconds(np.asarray(_nullable_as_float(values), dtype=np.float64))


def _codes(values):
    """Integer codes (int32, or a categorical's own int8 / int16 / int32) and the distinct values
    of a column (sorted, or a categorical's order); missing values are -1. Categoricals cost
    nothing."""
    import pandas as pd

    if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), np.asarray(values.cat.categories)  # int8, int16 or int32
    codes, uniques = pd.factorize(values, sort=True)
    return codes.astype(np.int32), np.asarray(uniques)


def _group_codes(df, group_by):
    """Group code per row (sorted by key) and the key of each group as a DataFrame."""
    import pandas as pd

    if not group_by:
        return np.zeros(len(df), dtype=np.int32), pd.DataFrame(index=range(1))
    per_column = []
    for name in group_by:
        if name not in df.columns:
            raise _core.NotFoundError(f"group_by column {name!r} is not in the tickets (columns: {list(df.columns)})")
        codes, uniques = _codes(df[name])
        _raise_first(codes < 0, _core.InvalidArgumentError.code,
                     lambda row: f"{name}[{row}] is missing: every ticket needs a group")
        per_column.append((codes, uniques))
    if len(per_column) == 1:  # the common case needs no second pass
        codes, uniques = per_column[0]
        return codes, pd.DataFrame({group_by[0]: uniques})
    combined = np.zeros(len(df), dtype=np.int64)
    for codes, uniques in per_column:
        combined = combined * len(uniques) + codes.astype(np.int64)
    present, group = np.unique(combined, return_inverse=True)
    keys = {}
    for name, (codes, uniques) in reversed(list(zip(group_by, per_column))):
        keys[name] = uniques[present % len(uniques)]
        present = present // len(uniques)
    return group.astype(np.int32), pd.DataFrame({name: keys[name] for name in group_by})


def _ticket_columns(df, group) -> tuple[dict, set]:
    """The core's typed columns and the names of the inputs present."""
    missing = _core.NO_INSTANT
    cols = {"created": to_epoch_column(df["created"], "created"), "group": group}
    present = set()
    for name in ("first_response", "resolved"):
        if name in df.columns:
            cols[name] = to_epoch_column(df[name], name, missing)
            present.add(name)
    # Flags and scores go in their own dtype: the core converts and checks them a block at a time.
    for name in ("reopened", "first_contact", "csat", "reactive"):
        if name in df.columns:
            cols[name] = _flag_input(df[name], name)
            present.add(name)
    if "reactive" in cols and cols["reactive"].dtype.kind == "f":
        _raise_first(np.isnan(cols["reactive"]), _core.InvalidArgumentError.code, lambda row: f"reactive[{row}] is missing")
    if "nps" in df.columns:
        cols["nps"] = _nps_input(df["nps"])
        present.add("nps")
    if "work_hours" in df.columns:
        cols["work_seconds"] = _work_seconds(df["work_hours"])
        present.add("work_hours")
    for name in ("priority", "category"):
        if name in df.columns:
            cols[name], names = _codes(df[name])
            cols[f"{name}_names"] = [str(n) for n in names]
            present.add(name)
    if "priority" in cols:
        _raise_first(cols["priority"] < 0, _core.InvalidArgumentError.code, lambda row: f"priority[{row}] is missing")
    return cols, present


def _select_kpis(kpis, available: set, subject: str = "ticket") -> list[str]:
    """The core's selection: the requested KPIs (checked), or all that the inputs allow."""
    return _core.select_kpis(subject, None if kpis is None else [str(k) for k in kpis], sorted(available))


def _endpoint_column(endpoints, keys) -> np.ndarray:
    """Endpoints per group: a number for all, or a mapping / Series keyed like the groups."""
    groups = len(keys)
    if endpoints is None:
        return np.zeros(0)
    if np.isscalar(endpoints):
        return np.full(groups, float(endpoints))
    get = endpoints.get if hasattr(endpoints, "get") else dict(endpoints).get
    names = list(keys.columns)
    out = np.empty(groups)
    for i, row in enumerate(keys.itertuples(index=False, name=None)):
        value = get(row[0] if len(names) == 1 else tuple(row))
        out[i] = np.nan if value is None else float(value)
    return out


def _frame(raw: dict, keys, group_by):
    """The core's grid (groups x periods) as a DataFrame: keys, period, period_start, KPIs."""
    import pandas as pd

    groups, periods = raw["groups"], raw["periods"]
    rows = np.repeat(np.arange(groups), periods)
    out = {name: keys[name].to_numpy()[rows] for name in (group_by or [])}
    out["period"] = np.tile(np.array(raw["labels"], dtype=object), groups)
    out["period_start"] = np.tile(np.array(raw["start_dates"], dtype="datetime64[D]"), groups)
    for name, values in raw["columns"].items():
        out[name] = np.array([v or None for v in values], dtype=object) if isinstance(values, list) else values
    frame = pd.DataFrame(out)
    frame.attrs["mspcore.kpi"] = {"groups": groups, "periods": periods, "group_by": list(group_by or [])}
    return frame


def _as_frame(tickets):
    import pandas as pd

    return tickets if isinstance(tickets, pd.DataFrame) else pd.DataFrame(tickets)


def _policy_object(policy):
    if policy is None:
        return None
    return policy._policy if hasattr(policy, "_policy") else policy


def kpi_frame(tickets, period="quarter", tz=_core.DEFAULT_REPORT_TZ, group_by=("tenant",), policy=None,
              fiscal_year_start=1, kpis=None, *, endpoints=None):
    """Ticket KPIs, one row per group and period, one column per KPI (docs/kpi.md).

    ``tickets``: a DataFrame (or dict of columns) with ``created`` and optionally
    ``first_response``, ``resolved``, ``reopened``, ``priority``, ``category``, ``first_contact``,
    ``csat`` (positive yes/no, missing = no response), ``nps`` (0-10), ``work_hours``, ``reactive``
    and the ``group_by`` columns. ``policy``: an SlaPolicy for the business clock and SLA
    attainment. ``endpoints``: endpoints under management per group (number, mapping or Series)
    for tickets_per_endpoint and rhem. Periods run from the first to the last with tickets, in
    ``tz``; a KPI with nothing to measure in a period is null (counts are 0).
    """
    df = _as_frame(tickets)
    group_by = list(group_by or [])
    group, keys = _group_codes(df, group_by)
    cols, present = _ticket_columns(df, group)
    available = present | ({"policy"} if policy is not None else set()) | (
        {"endpoints"} if endpoints is not None else set())
    chosen = _select_kpis(kpis, available)
    raw = _core.ticket_kpis(cols, len(keys), period, tz, int(fiscal_year_start), _policy_object(policy), chosen,
                            _endpoint_column(endpoints, keys))
    return _frame(raw, keys, group_by)


def kpi_partials(tickets, period="quarter", tz=_core.DEFAULT_REPORT_TZ, group_by=("tenant",), policy=None,
                 fiscal_year_start=1):
    """Mergeable partial states of a partition of tickets: one row per group and period with
    the group_by columns, ``period_id`` and ``partial`` (bytes). Merge partitions with
    merge_kpi_partials and finish with kpi_from_partials (the result equals kpi_frame on all
    tickets; docs/kpi.md)."""
    import pandas as pd

    df = _as_frame(tickets)
    group_by = list(group_by or [])
    group, keys = _group_codes(df, group_by)
    cols, _ = _ticket_columns(df, group)
    rows, period_ids, partials = _core.ticket_kpi_partials(cols, len(keys), period, tz, int(fiscal_year_start),
                                                           _policy_object(policy))
    out = {name: keys[name].to_numpy()[np.asarray(rows, dtype=np.int64)] for name in group_by}
    out["period_id"] = np.asarray(period_ids, dtype=np.int32)
    out["partial"] = np.asarray(partials, dtype=object)
    return pd.DataFrame(out)


def _key_columns(partials) -> list[str]:
    return [c for c in partials.columns if c not in _PARTIAL_COLUMNS]


def merge_kpi_partials(partials):
    """Merge partial frames (a list of them or one concatenated frame): rows with the same
    group and period become one. Associative and commutative, so any partitioning works."""
    import pandas as pd

    frame = pd.concat(list(partials), ignore_index=True) if isinstance(partials, (list, tuple)) else partials
    keys = _key_columns(frame) + ["period_id"]
    merged = frame.groupby(keys, sort=True, dropna=False)["partial"].agg(
        lambda p: p.iloc[0] if len(p) == 1 else _core.merge_ticket_kpi_partials(list(p)))
    return merged.reset_index()


def kpi_from_partials(partials, period="quarter", tz=_core.DEFAULT_REPORT_TZ, fiscal_year_start=1, kpis=None, *,
                      endpoints=None):
    """The KPI frame of (merged or not) partials; the group columns are the partials' columns
    other than period_id and partial. With kpis=None: every ticket KPI the partials can give
    (endpoint KPIs only with ``endpoints``); inputs the partitions lacked give null."""
    group_by = _key_columns(partials)
    group, keys = _group_codes(partials, group_by)
    inputs = set(_core.kpi_inputs("ticket"))  # a partial carries every counter
    chosen = _select_kpis(kpis, inputs if endpoints is not None else inputs - {"endpoints"})
    raw = _core.ticket_kpis_from_partials(group, partials["period_id"].to_numpy(np.int32),
                                          list(partials["partial"]), len(keys), period, tz,
                                          int(fiscal_year_start), chosen, _endpoint_column(endpoints, keys))
    return _frame(raw, keys, group_by)


def kpi_trends(frame, kpis=None, window=4):
    """Add <kpi>_delta, <kpi>_slope, <kpi>_moving_average and <kpi>_unusual (an XmR chart's
    signal; docs/kpi.md) for each numeric KPI column of a kpi_frame result."""
    import pandas as pd

    shape = frame.attrs.get("mspcore.kpi")
    if shape is None:
        raise _core.InvalidArgumentError("kpi_trends needs a frame made by kpi_frame or kpi_from_partials")
    ids = set(_ticket_kpi_ids())
    numeric = [c for c in frame.columns if c in ids and frame[c].dtype.kind in "if"]
    chosen = numeric if kpis is None else list(kpis)
    out = frame.copy()
    for kpi in chosen:
        if kpi not in numeric:
            raise _core.NotFoundError(f"{kpi!r} is not a numeric KPI column of the frame")
        t = _core.kpi_trend(frame[kpi].to_numpy(np.float64), shape["groups"], shape["periods"], int(window))
        out[f"{kpi}_delta"] = t["delta"]
        out[f"{kpi}_slope"] = t["slope"]
        out[f"{kpi}_moving_average"] = t["moving_average"]
        unusual = t["unusual"]
        out[f"{kpi}_unusual"] = pd.arrays.BooleanArray(unusual == 1, unusual < 0)
    return out


def _day_column(values, what: str) -> np.ndarray:
    """int32 days since 1970-01-01 from dates, datetime64 or ISO strings; missing is NO_DAY."""
    import pandas as pd

    try:
        stamps = pd.to_datetime(pd.Series(values), format="ISO8601" if pd.Series(values).dtype == object else None)
    except (ValueError, TypeError) as e:
        _core._raise(_core.InvalidTimeError.code, f"{what}: {e}")
    if getattr(stamps.dtype, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    days = stamps.to_numpy().astype("datetime64[D]").astype(np.int64)
    missing = stamps.isna().to_numpy()
    return np.where(missing, _core.NO_DAY, days).astype(np.int32)


def asset_kpi_frame(assets, as_of, group_by=("tenant", "asset_type"), kpis=None):
    """Asset KPIs per group as of a date (or one row set per date when ``as_of`` is a list).

    ``assets`` columns: the group_by columns and optionally ``managed`` (yes/no),
    ``purchased``, ``warranty_end`` and ``os_eol`` (dates). KPIs whose column is missing are
    left out unless asked for by name, which is an error naming the column (docs/kpi.md).
    """
    import pandas as pd

    df = _as_frame(assets)
    group_by = list(group_by or [])
    group, keys = _group_codes(df, group_by)
    cols = {"managed": _flag_column(df["managed"], "managed") if "managed" in df.columns else np.zeros(0, np.int8)}
    for name in ("purchased", "warranty_end", "os_eol"):
        cols[name] = _day_column(df[name], name) if name in df.columns else np.zeros(0, np.int32)
    chosen = _select_kpis(kpis, set(df.columns), "asset")
    dates = list(as_of) if isinstance(as_of, (list, tuple)) else [as_of]
    frames = []
    for day, date in zip(_day_column(dates, "as_of"), pd.to_datetime(pd.Series(dates)).dt.date):
        raw = _core.asset_kpis(group, cols["managed"], cols["purchased"], cols["warranty_end"], cols["os_eol"],
                               len(keys), int(day), chosen)
        frame = keys.copy() if group_by else pd.DataFrame(index=range(1))
        frame["as_of"] = date
        for name, values in raw.items():
            frame[name] = values
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
