"""Cross-check of the QBR ticket KPIs (issue #6) against an independent pandas computation.

1,000,000 generated tickets (seeded numpy; 2,000 tenants of very different sizes over 2023-2024,
resolutions running into 2025) go through ``mspcore.kpi_frame(period="quarter",
tz="Europe/Berlin", group_by=["tenant"])``. The reference implements the definitions of the
KPI dictionary (docs/kpi.md) with pandas alone: instants tz_convert-ed to Europe/Berlin and
bucketed with to_period, groupby per tenant and period, quantiles with pandas' linear
interpolation, one row per tenant for every period from the first to the last with a created or
resolved instant. Agreement required:

- counts (created, closed, backlog) exactly;
- means within 1e-9 relative; ratios (reopen rate, FCR, CSAT, NPS) within 1e-12 relative;
- medians and p90 exactly where the cell has <= 128 values (the sketch keeps them), else within
  the documented bound of the sketch: 1/128 of the exact value;
- null (NaN / None) in exactly the same cells; top categories as the same text.

A subset (200 tenants) is checked the same way for fiscal years starting in April
(period="year", fiscal_year_start=4), fiscal quarters starting in October and calendar months
(the DST months included), and for merged partials of four slices against the whole.

The data puts tickets on purpose near and exactly at Berlin quarter boundaries (local midnight,
and one second before) and around the DST changes, resolves some exactly at a boundary, leaves
first responses and resolutions missing, and has csat / first_contact as nullable booleans and
nps as 0-10 floats with NaN.
"""
import numpy as np
import pandas as pd
import pytest

import mspcore as msp

TZ = "Europe/Berlin"
N = 1_000_000
TENANTS = 2_000
EXACT_LIMIT = 128  # QuantileSketch::kExactLimit
BOUND = 1 / 128    # QuantileSketch::kRelativeError
CATEGORIES = np.array(["backup", "email", "hardware", "identity", "network", "printer", "security", "software"])
DST_CHANGES = pd.to_datetime(["2023-03-26T01:00Z", "2023-10-29T01:00Z", "2024-03-31T01:00Z", "2024-10-27T01:00Z"])

SETTINGS = {  # period, fiscal_year_start -> pandas frequency and label format
    ("quarter", 1): ("Q", lambda p: p.qyear.astype(str) + "-Q" + p.quarter.astype(str)),
    ("quarter", 10): ("Q-SEP", lambda p: "FY" + p.qyear.astype(str) + "-Q" + p.quarter.astype(str)),
    ("year", 4): ("Y-MAR", lambda p: "FY" + p.year.astype(str)),
    ("month", 1): ("M", lambda p: p.strftime("%Y-%m")),
}


def _seconds(ts) -> np.ndarray:
    return pd.DatetimeIndex(ts).as_unit("s").asi8


def generate(n: int = N, tenants: int = TENANTS, seed: int = 20240606) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start, end = _seconds(pd.to_datetime(["2023-01-01T00:00Z", "2025-01-01T00:00Z"]))
    # Month starts in Berlin (every quarter start among them) and the DST changes, in UTC seconds.
    month_starts = _seconds(pd.date_range("2023-01-01", "2026-12-01", freq="MS", tz=TZ).tz_convert("UTC"))
    edges = np.sort(np.concatenate([month_starts[(month_starts > start) & (month_starts < end)],
                                    _seconds(DST_CHANGES)]))

    # Tenants from a few tickets a quarter to thousands: cells on both sides of the exact limit.
    weight = rng.lognormal(0.0, 1.2, tenants)
    tenant = rng.choice(tenants, n, p=weight / weight.sum())

    created = rng.integers(start, end, n)
    near = rng.random(n) < 0.08  # within 3 hours of a month start or DST change
    created[near] = rng.choice(edges, near.sum()) + rng.integers(-3 * 3600, 3 * 3600, near.sum())
    at = rng.random(n) < 0.01  # exactly at an edge, or one second before
    created[at] = rng.choice(edges, at.sum()) - rng.integers(0, 2, at.sum())

    response = np.round(rng.lognormal(np.log(2 * 3600), 1.5, n)).astype(np.int64)
    response[rng.random(n) < 0.02] = 0
    first_response = created + np.minimum(response, 60 * 86400)
    no_response = rng.random(n) < 0.07

    duration = np.round(rng.lognormal(np.log(86400), 1.8, n)).astype(np.int64)
    resolved = created + np.minimum(duration, 400 * 86400)
    # 3 % resolved exactly at the next month start after created, or one second before it
    # (never before created).
    on_edge = rng.random(n) < 0.03
    nxt = month_starts[np.searchsorted(month_starts, created[on_edge], side="right")]
    resolved[on_edge] = np.maximum(created[on_edge], nxt - rng.integers(0, 2, on_edge.sum()))
    open_ = rng.random(n) < 0.09

    csat = pd.array(rng.random(n) < 0.8, dtype="boolean")
    csat[rng.random(n) < 0.7] = pd.NA
    first_contact = pd.array(rng.random(n) < 0.35, dtype="boolean")
    first_contact[rng.random(n) < 0.1] = pd.NA
    nps = rng.integers(0, 11, n).astype(np.float64)
    nps[rng.random(n) < 0.75] = np.nan
    category = CATEGORIES[rng.choice(len(CATEGORIES), n, p=[0.1, 0.2, 0.12, 0.15, 0.1, 0.05, 0.08, 0.2])]

    def instants(seconds, missing=None):
        out = pd.Series(seconds.astype("datetime64[s]")).dt.tz_localize("UTC").astype("datetime64[ns, UTC]")
        if missing is not None:
            out[missing] = pd.NaT
        return out

    return pd.DataFrame({
        "tenant": np.array([f"T{i:04d}" for i in range(tenants)], dtype=object)[tenant],
        "created": instants(created),
        "first_response": instants(first_response, no_response),
        "resolved": instants(resolved, open_),
        "reopened": rng.random(n) < 0.06,  # also on open tickets: counted only when resolved
        "category": category.astype(object),
        "csat": csat,
        "nps": nps,
        "first_contact": first_contact,
    })


@pytest.fixture(scope="module")
def tickets() -> pd.DataFrame:
    return generate()


def for_mspcore(df: pd.DataFrame) -> pd.DataFrame:
    # Workaround, reported: kpi_frame raises "TypeError: boolean value of NA is ambiguous" for a
    # pandas nullable "boolean" flag column with <NA>; floats 1.0 / 0.0 / NaN mean the same.
    return df.assign(**{c: df[c].astype("float64") for c in ("csat", "first_contact")})


# ---------------------------------------------------------------------------------------------
# The pandas reference

def reference(df: pd.DataFrame, freq: str, label) -> pd.DataFrame:
    """Every ticket KPI of the dictionary that these columns allow, by tenant and period."""
    def period(column):
        return df[column].dt.tz_convert(TZ).dt.tz_localize(None).dt.to_period(freq)

    cp, rp = period("created"), period("resolved")
    periods = pd.period_range(min(cp.min(), rp.min()), max(cp.max(), rp.max()), freq=freq)
    grid = pd.MultiIndex.from_product([np.sort(df["tenant"].unique()), periods], names=["tenant", "period"])

    created_in = df.assign(period=cp)
    closed_in = df.assign(period=rp)[rp.notna()]
    keys = ["tenant", "period"]

    def per_cell(frame, aggregate):
        return aggregate(frame.groupby(keys, observed=True)).reindex(grid)

    out = pd.DataFrame(index=grid)
    out["created"] = per_cell(created_in, lambda g: g.size()).fillna(0).astype(np.int64)
    out["closed"] = per_cell(closed_in, lambda g: g.size()).fillna(0).astype(np.int64)
    out["backlog"] = (out["created"] - out["closed"]).groupby(level="tenant").cumsum()

    closed = out["closed"].replace(0, np.nan)
    out["reopen_rate_pct"] = 100.0 * per_cell(closed_in, lambda g: g["reopened"].sum()) / closed

    hours = {}
    for name, frame, end in (("first_response", created_in, "first_response"), ("resolution", closed_in, "resolved")):
        frame = frame[frame[end].notna()]
        frame = frame.assign(seconds=(frame[end] - frame["created"]).dt.total_seconds())
        out[f"{name}_hours_mean"] = per_cell(frame, lambda g: g["seconds"].mean()) / 3600.0
        out[f"{name}_hours_median"] = per_cell(frame, lambda g: g["seconds"].quantile(0.5)) / 3600.0
        out[f"{name}_hours_p90"] = per_cell(frame, lambda g: g["seconds"].quantile(0.9)) / 3600.0
        hours[name] = per_cell(frame, lambda g: g.size()).fillna(0)

    def share(flag):
        known = closed_in[closed_in[flag].notna()]
        yes = per_cell(known, lambda g: g[flag].sum())
        return yes, per_cell(known, lambda g: g.size())

    fcr, fcr_known = share("first_contact")
    out["first_contact_resolution_pct"] = 100.0 * fcr / fcr_known
    positive, responses = share("csat")
    out["csat_positive_pct"] = 100.0 * positive / responses
    out["csat_response_rate_pct"] = 100.0 * responses.fillna(0) / closed
    scored = closed_in[closed_in["nps"].notna()]
    net = per_cell(scored.assign(net=np.where(scored["nps"] >= 9, 1, np.where(scored["nps"] <= 6, -1, 0))),
                   lambda g: g["net"].sum())
    out["nps"] = 100.0 * net / per_cell(scored, lambda g: g.size())

    # Top 3 categories of the tickets created in the period: most tickets first, ties by name.
    counts = created_in.groupby(keys + ["category"], observed=True).size().rename("n").reset_index()
    counts = counts.sort_values(["tenant", "period", "n", "category"], ascending=[True, True, False, True])
    counts = counts[counts.groupby(keys, observed=True).cumcount() < 3]
    text = (counts["category"] + " (" + counts["n"].astype(str) + ")").groupby(
        [counts["tenant"], counts["period"]], observed=True).agg(", ".join)
    out["top_categories"] = text.reindex(grid)

    out = out.reset_index()
    out.insert(1, "period_label", label(pd.PeriodIndex(out["period"])))
    out.attrs["sizes"] = {"first_response": hours["first_response"].to_numpy(),
                          "resolution": hours["resolution"].to_numpy()}
    return out


# ---------------------------------------------------------------------------------------------
# Comparison

COUNTS = ("created", "closed", "backlog")
MEANS = ("first_response_hours_mean", "resolution_hours_mean")
RATIOS = ("reopen_rate_pct", "first_contact_resolution_pct", "csat_positive_pct", "csat_response_rate_pct", "nps")
QUANTILES = tuple(f"{c}_hours_{q}" for c in ("first_response", "resolution") for q in ("median", "p90"))


def assert_close(name, got, want, rtol, where):
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    null_differs = np.isnan(got) != np.isnan(want)
    assert not null_differs.any(), f"{name}: null in one side only at {where(np.flatnonzero(null_differs)[:5])}"
    both = ~np.isnan(want)
    bad = np.flatnonzero(both & ~(np.abs(got - want) <= rtol * np.abs(want)))
    assert not len(bad), (f"{name}: {len(bad)} cells beyond {rtol:g} relative, e.g. "
                          f"{where(bad[:5])}: mspcore {got[bad[:5]]} vs pandas {want[bad[:5]]}")


def compare(got: pd.DataFrame, want: pd.DataFrame) -> dict:
    """Assert agreement; returns how many non-null quantile cells were exact and bounded."""
    def where(rows):
        return list(zip(want["tenant"].to_numpy()[rows], want["period_label"].to_numpy()[rows]))

    assert len(got) == len(want), f"{len(got)} rows from mspcore, {len(want)} from pandas"
    assert list(got["tenant"]) == list(want["tenant"])
    assert list(got["period"]) == list(want["period_label"])
    expected_starts = want["period"].dt.start_time.to_numpy().astype("datetime64[D]")
    assert (got["period_start"].to_numpy().astype("datetime64[D]") == expected_starts).all()
    kpis = set(got.columns) - {"tenant", "period", "period_start"}
    assert kpis == set(COUNTS + MEANS + RATIOS + QUANTILES + ("top_categories",))

    for name in COUNTS:
        assert got[name].dtype == np.int64
        differ = np.flatnonzero(got[name].to_numpy() != want[name].to_numpy())
        assert not len(differ), (f"{name}: {len(differ)} cells differ, e.g. {where(differ[:5])}: mspcore "
                                 f"{got[name].to_numpy()[differ[:5]]} vs pandas {want[name].to_numpy()[differ[:5]]}")
    for name in MEANS:
        assert_close(name, got[name], want[name], 1e-9, where)
    for name in RATIOS:
        assert_close(name, got[name], want[name], 1e-12, where)

    seen = {"exact": 0, "bounded": 0}
    for name in QUANTILES:
        size = want.attrs["sizes"][name.split("_hours_")[0]]
        small = size <= EXACT_LIMIT
        g, w = got[name].to_numpy(np.float64), want[name].to_numpy(np.float64)
        assert_close(name + " (<= 128 values: exact)", np.where(small, g, np.nan), np.where(small, w, np.nan), 0.0,
                     where)
        # The sketch's bound is on each order statistic; interpolating between two of them keeps
        # it (weights >= 0). 1e-12 allows for the rounding of the interpolation itself.
        assert_close(name + " (> 128 values: sketch)", np.where(small, np.nan, g), np.where(small, np.nan, w),
                     BOUND * (1 + 1e-12), where)
        seen["exact"] += int((small & ~np.isnan(w)).sum())
        seen["bounded"] += int((~small).sum())

    # Null (no ticket created) is whatever the column's missing value is (NaN in pandas' str dtype).
    top = got["top_categories"].to_numpy(dtype=object)
    ref = want["top_categories"].to_numpy(dtype=object)
    top_null, ref_null = pd.isna(top), pd.isna(ref)
    differ = [i for i in range(len(ref)) if top_null[i] != ref_null[i] or (not ref_null[i] and top[i] != ref[i])]
    assert not differ, f"top_categories: {len(differ)} cells differ, e.g. {where(differ[:3])}: " \
                       f"{top[differ[:3]]} vs {ref[differ[:3]]}"
    return seen


def test_quarterly_by_tenant_agrees_with_pandas(tickets):
    got = msp.kpi_frame(for_mspcore(tickets), period="quarter", tz=TZ, group_by=["tenant"])
    want = reference(tickets, *SETTINGS[("quarter", 1)])
    seen = compare(got, want)
    # The data exercises both sides of the sketch, empty cells and the whole 2023-2025 range.
    assert seen["exact"] > 10_000 and seen["bounded"] > 1_000, seen
    assert got["first_response_hours_median"].isna().any() and (got["created"] == 0).any()
    assert got["period"].iloc[0] == "2023-Q1" and got["period"].iloc[-1] >= "2026-Q1"
    assert got["created"].sum() == len(tickets) and got["closed"].sum() == tickets["resolved"].notna().sum()


@pytest.fixture(scope="module")
def subset(tickets) -> pd.DataFrame:
    chosen = np.sort(tickets["tenant"].unique())[::10]  # 200 tenants
    return tickets[tickets["tenant"].isin(chosen)].reset_index(drop=True)


@pytest.mark.parametrize("period,fiscal_year_start", [("year", 4), ("quarter", 10), ("month", 1)])
def test_fiscal_years_and_months_on_a_subset(subset, period, fiscal_year_start):
    got = msp.kpi_frame(for_mspcore(subset), period=period, tz=TZ, group_by=["tenant"],
                        fiscal_year_start=fiscal_year_start)
    compare(got, reference(subset, *SETTINGS[(period, fiscal_year_start)]))
    if period == "year":
        assert list(got["period"].unique()) == ["FY2023", "FY2024", "FY2025", "FY2026"]
        assert str(got["period_start"].iloc[0])[:10] == "2022-04-01"


def test_merged_partials_of_slices_equal_the_whole(subset):
    data = for_mspcore(subset)
    whole = msp.kpi_frame(data, period="quarter", tz=TZ, group_by=["tenant"])
    # Interleaved slices: every tenant and period is split across partitions.
    parts = [msp.kpi_partials(data.iloc[k::4], period="quarter", tz=TZ, group_by=["tenant"]) for k in range(4)]
    merged = msp.kpi_from_partials(msp.merge_kpi_partials(parts), period="quarter", tz=TZ)
    pd.testing.assert_frame_equal(merged[whole.columns], whole, check_exact=True)
