"""QBR KPI benchmark (issue #6): mspcore.kpi_frame against pandas and DuckDB on the same tickets.

10,000,000 tickets (numpy, fixed seed) of 5,000 tenants of very different sizes, created over
2023-2024 (resolutions run into 2026), quarterly KPIs per tenant in Europe/Berlin: created,
closed, backlog at quarter end, reopen rate, first response and resolution time (24x7 hours:
mean, median, p90), CSAT (positive share and response rate), NPS and first-contact
resolution: one row per tenant for every quarter from the first to the last with a created or
resolved instant, null where a quarter has nothing to measure (docs/kpi.md).

The tickets are one DataFrame: tenant as a pandas Categorical (dictionary-encoded text, as
Parquet or read_csv(dtype="category") give it), created / first_response / resolved as
datetime64[s, UTC] with NaT, reopened bool, csat and first_contact as float32 1/0/NaN, nps
as float32 0-10/NaN. Each side computes the same KPIs from it:

- mspcore: ``mspcore.kpi_frame(tickets, period="quarter", tz="Europe/Berlin",
  group_by=["tenant"], kpis=[...])``;
- pandas: tz_convert + to_period, groupby(tenant, quarter) aggregations (mean, median,
  quantile(0.9)), reindex onto every tenant x quarter, cumsum for the backlog;
- DuckDB: the DataFrame registered as a view (no copy), one SQL query (timezone() +
  date_trunc('quarter'), quantile_cont, a tenant x quarter grid, a window sum for the
  backlog), fetched as a DataFrame. DuckDB runs on all cores (its default, 2 here) and, in a
  second row, on one thread like mspcore.

Each side runs in its own process on the same data (generated again from the seed, not
timed): wall time best of N, CPU time of that run, and peak RSS (the process's high-water
mark, reset after the data is generated: the input columns, the interpreter and whatever the
computation holds at its peak). The "growth" column is the peak minus the RSS before the runs,
i.e. the working memory of the computation, to be read against the size of the input columns.
The mspcore process also makes one more, untimed run split into Python column preparation and
the C++ call.

After timing, the three results are compared cell by cell: counts exactly, means within 1e-9
relative, ratios within 1e-12, medians and p90 exactly where the cell has at most 128 values
and within the sketch's 1/128 of the exact value beyond (pandas and DuckDB are exact); any
difference is printed and the script exits with status 1.

Run: python bench/bench_kpi.py [--tickets N] [--tenants N] [--repeats N] [--memory-scaling]
"""
import argparse
import os
import pathlib
import pickle
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from procmem import timed_runs

TZ = "Europe/Berlin"
EXACT_LIMIT, BOUND = 128, 1 / 128  # QuantileSketch::kExactLimit, kRelativeError
COUNTS = ["created", "closed", "backlog"]
MEANS = ["first_response_hours_mean", "resolution_hours_mean"]
QUANTILES = ["first_response_hours_median", "first_response_hours_p90", "resolution_hours_median",
             "resolution_hours_p90"]
RATIOS = ["reopen_rate_pct", "csat_positive_pct", "csat_response_rate_pct", "nps", "first_contact_resolution_pct"]
KPIS = COUNTS + ["reopen_rate_pct", "first_response_hours_mean", "first_response_hours_median",
                 "first_response_hours_p90", "resolution_hours_mean", "resolution_hours_median",
                 "resolution_hours_p90", "csat_positive_pct", "csat_response_rate_pct", "nps",
                 "first_contact_resolution_pct"]


# ---------------------------------------------------------------------------------------------
# Data

def generate(n: int, tenants: int, seed: int = 20240606) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start, end = 1672531200, 1735689600  # 2023-01-01T00:00Z, 2025-01-01T00:00Z
    weight = rng.lognormal(0.0, 1.2, tenants)  # a few tickets a quarter to thousands
    tenant = rng.choice(tenants, n, p=weight / weight.sum()).astype(np.int32)
    created = rng.integers(start, end, n)
    response = np.minimum(np.round(rng.lognormal(np.log(2 * 3600), 1.5, n)), 60 * 86400).astype(np.int64)
    duration = np.minimum(np.round(rng.lognormal(np.log(86400), 1.8, n)), 400 * 86400).astype(np.int64)

    def instants(seconds, missing=None):
        a = seconds.astype("datetime64[s]")
        if missing is not None:
            a[missing] = np.datetime64("NaT")
        return pd.Series(a).dt.tz_localize("UTC")

    def flag(p_true, p_missing):
        out = (rng.random(n) < p_true).astype(np.float32)
        out[rng.random(n) < p_missing] = np.nan
        return out

    nps = rng.integers(0, 11, n).astype(np.float32)
    nps[rng.random(n) < 0.75] = np.nan
    names = np.array([f"T{i:04d}" for i in range(tenants)])
    return pd.DataFrame({
        "tenant": pd.Categorical.from_codes(tenant, categories=names),
        "created": instants(created),
        "first_response": instants(created + response, rng.random(n) < 0.07),
        "resolved": instants(created + duration, rng.random(n) < 0.09),
        "reopened": rng.random(n) < 0.06,
        "csat": flag(0.8, 0.7),
        "nps": nps,
        "first_contact": flag(0.35, 0.1),
    })


# ---------------------------------------------------------------------------------------------
# The three implementations; each returns tenant, period ("2024-Q1") and the KPI columns.

def run_mspcore(df):
    import mspcore as msp

    out = msp.kpi_frame(df, period="quarter", tz=TZ, group_by=["tenant"], kpis=KPIS)
    return out[["tenant", "period"] + KPIS]


def run_pandas(df):
    def quarter(column):
        return df[column].dt.tz_convert(TZ).dt.tz_localize(None).dt.to_period("Q")

    cq, rq = quarter("created"), quarter("resolved")
    created_in = pd.DataFrame({"tenant": df["tenant"], "q": cq,
                               "fr": (df["first_response"] - df["created"]).dt.total_seconds()})
    g = created_in.groupby(["tenant", "q"], observed=True)["fr"]
    c = pd.DataFrame({"created": g.size(), "fr_mean": g.mean(), "fr_median": g.median(), "fr_p90": g.quantile(0.9)})

    done = rq.notna().to_numpy()
    r = df[done]
    nps = r["nps"]
    closed_in = pd.DataFrame({
        "tenant": r["tenant"], "q": rq[done], "reopened": r["reopened"],
        "rs": (r["resolved"] - r["created"]).dt.total_seconds(), "csat": r["csat"],
        "fc": r["first_contact"], "nps_net": np.where(nps >= 9, 1.0, np.where(nps <= 6, -1.0, 0.0)),
        "nps_known": nps.notna()})
    g = closed_in.groupby(["tenant", "q"], observed=True)
    rs = g["rs"]
    s = g[["reopened", "csat", "fc", "nps_known"]].sum()
    known = g[["csat", "fc"]].count()
    rr = pd.DataFrame({"closed": g.size(), "reopened": s["reopened"], "rs_mean": rs.mean(), "rs_median": rs.median(),
                       "rs_p90": rs.quantile(0.9), "csat_pos": s["csat"], "csat_n": known["csat"], "fc_yes": s["fc"],
                       "fc_n": known["fc"], "nps_n": s["nps_known"],
                       "nps_net": closed_in["nps_net"].where(closed_in["nps_known"]).groupby(
                           [closed_in["tenant"], closed_in["q"]], observed=True).sum()})

    periods = pd.period_range(min(cq.min(), rq.min()), max(cq.max(), rq.max()), freq="Q")
    tenants = df["tenant"].cat.remove_unused_categories().cat.categories  # the tenants with tickets
    grid = pd.MultiIndex.from_product([tenants, periods], names=["tenant", "q"])
    c, rr = c.reindex(grid), rr.reindex(grid)
    created, closed = c["created"].fillna(0).astype(np.int64), rr["closed"].fillna(0).astype(np.int64)
    nonzero = lambda x: x.where(x > 0)  # noqa: E731
    out = pd.DataFrame({
        "created": created.to_numpy(), "closed": closed.to_numpy(),
        "backlog": (created - closed).groupby(level="tenant", observed=True).cumsum().to_numpy(),
        "reopen_rate_pct": (100.0 * rr["reopened"] / nonzero(rr["closed"])).to_numpy(),
        "first_response_hours_mean": (c["fr_mean"] / 3600).to_numpy(),
        "first_response_hours_median": (c["fr_median"] / 3600).to_numpy(),
        "first_response_hours_p90": (c["fr_p90"] / 3600).to_numpy(),
        "resolution_hours_mean": (rr["rs_mean"] / 3600).to_numpy(),
        "resolution_hours_median": (rr["rs_median"] / 3600).to_numpy(),
        "resolution_hours_p90": (rr["rs_p90"] / 3600).to_numpy(),
        "csat_positive_pct": (100.0 * rr["csat_pos"] / nonzero(rr["csat_n"])).to_numpy(),
        "csat_response_rate_pct": (100.0 * rr["csat_n"] / nonzero(rr["closed"])).to_numpy(),
        "nps": (100.0 * rr["nps_net"] / nonzero(rr["nps_n"])).to_numpy(),
        "first_contact_resolution_pct": (100.0 * rr["fc_yes"] / nonzero(rr["fc_n"])).to_numpy(),
    })
    labels = periods.qyear.astype(str) + "-Q" + periods.quarter.astype(str)
    out.insert(0, "period", np.tile(np.asarray(labels, dtype=object), len(grid.levels[0])))
    out.insert(0, "tenant", np.repeat(np.asarray(grid.levels[0], dtype=object), len(periods)))
    return out


DUCKDB_SQL = f"""
WITH t AS (
  SELECT tenant,
         date_trunc('quarter', timezone('{TZ}', created)) AS cq,
         date_trunc('quarter', timezone('{TZ}', resolved)) AS rq,
         epoch(first_response) - epoch(created) AS fr,
         epoch(resolved) - epoch(created) AS rs,
         reopened, csat, first_contact, nps
  FROM tickets),
c AS (
  SELECT tenant, cq AS q, count(*) AS created, avg(fr) AS fr_mean,
         quantile_cont(fr, 0.5) AS fr_median, quantile_cont(fr, 0.9) AS fr_p90
  FROM t GROUP BY ALL),
r AS (
  SELECT tenant, rq AS q, count(*) AS closed, sum(reopened::INTEGER) AS reopened, avg(rs) AS rs_mean,
         quantile_cont(rs, 0.5) AS rs_median, quantile_cont(rs, 0.9) AS rs_p90,
         count(csat) AS csat_n, sum(csat) AS csat_pos, count(first_contact) AS fc_n, sum(first_contact) AS fc_yes,
         count(nps) AS nps_n, count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6) AS nps_net
  FROM t WHERE rq IS NOT NULL GROUP BY ALL),
span AS (SELECT least(min(cq), min(rq)) AS lo, greatest(max(cq), max(rq)) AS hi FROM t),
grid AS (
  SELECT tenant, q
  FROM (SELECT DISTINCT tenant FROM t)
  CROSS JOIN (SELECT unnest(range(lo, hi + INTERVAL 3 MONTH, INTERVAL 3 MONTH)) AS q FROM span))
SELECT grid.tenant::VARCHAR AS tenant, strftime(grid.q, '%Y') || '-Q' || quarter(grid.q) AS period,
       coalesce(c.created, 0) AS created, coalesce(r.closed, 0) AS closed,
       sum(coalesce(c.created, 0) - coalesce(r.closed, 0)) OVER (PARTITION BY grid.tenant ORDER BY grid.q) AS backlog,
       100.0 * r.reopened / r.closed AS reopen_rate_pct,
       c.fr_mean / 3600 AS first_response_hours_mean, c.fr_median / 3600 AS first_response_hours_median,
       c.fr_p90 / 3600 AS first_response_hours_p90,
       r.rs_mean / 3600 AS resolution_hours_mean, r.rs_median / 3600 AS resolution_hours_median,
       r.rs_p90 / 3600 AS resolution_hours_p90,
       100.0 * r.csat_pos / nullif(r.csat_n, 0) AS csat_positive_pct,
       100.0 * r.csat_n / r.closed AS csat_response_rate_pct,
       100.0 * r.nps_net / nullif(r.nps_n, 0) AS nps,
       100.0 * r.fc_yes / nullif(r.fc_n, 0) AS first_contact_resolution_pct
FROM grid LEFT JOIN c ON c.tenant = grid.tenant AND c.q = grid.q
          LEFT JOIN r ON r.tenant = grid.tenant AND r.q = grid.q
ORDER BY grid.tenant, grid.q
"""


def duckdb_runner(threads):
    import duckdb

    con = duckdb.connect(config={"threads": threads} if threads else {})

    def run(df):
        con.register("tickets", df)
        out = con.execute(DUCKDB_SQL).df()
        con.unregister("tickets")
        return out

    return run, con


# ---------------------------------------------------------------------------------------------
# Comparison

def differences(name: str, got: pd.DataFrame, want: pd.DataFrame, sketch: bool, sizes, interpolation=0.0) -> list[str]:
    """Cell-by-cell disagreements of got (mspcore when sketch) with want. ``interpolation``: the
    relative tolerance of an exact quantile (DuckDB's quantile_cont rounds its interpolation
    differently from pandas and mspcore, in the last bits)."""
    out = []
    if len(got) != len(want) or (got["tenant"].to_numpy() != want["tenant"].to_numpy()).any() or \
            (got["period"].to_numpy() != want["period"].to_numpy()).any():
        return [f"{name}: different rows ({len(got)} vs {len(want)}, or keys in another order)"]
    keys = list(zip(want["tenant"], want["period"]))
    for kpi in KPIS:
        g, w = got[kpi].to_numpy(np.float64), want[kpi].to_numpy(np.float64)
        if kpi in COUNTS:
            bad = g != w
        else:
            tol = np.abs(w) * (1e-9 if kpi in MEANS else 1e-12 if kpi in RATIOS else interpolation)
            if kpi in QUANTILES and sketch:
                tol = np.where(sizes[kpi.split("_hours_")[0]] > EXACT_LIMIT, np.abs(w) * BOUND * (1 + 1e-12), tol)
            with np.errstate(invalid="ignore"):
                bad = (np.isnan(g) != np.isnan(w)) | (~np.isnan(w) & ~(np.abs(g - w) <= tol))
        for i in np.flatnonzero(bad)[:3]:
            out.append(f"{name}: {kpi} at {keys[i]}: {g[i]!r} vs {w[i]!r}")
        if bad.sum() > 3:
            out.append(f"{name}: {kpi}: {bad.sum() - 3} more cells")
    return out


def cell_sizes(df: pd.DataFrame, result: pd.DataFrame) -> dict:
    """Values per cell of the two durations (to know where the sketch must be exact)."""
    def sizes(column, when):
        q = df[when].dt.tz_convert(TZ).dt.tz_localize(None).dt.to_period("Q")
        ok = df[column].notna() & q.notna()
        labels = q[ok].dt.qyear.astype(str) + "-Q" + q[ok].dt.quarter.astype(str)
        n = pd.Series(1, index=[df["tenant"][ok].astype(str).to_numpy(), labels.to_numpy()]).groupby(level=[0, 1]).size()
        return n.reindex(pd.MultiIndex.from_arrays([result["tenant"], result["period"]])).fillna(0).to_numpy()

    return {"first_response": sizes("first_response", "created"), "resolution": sizes("resolved", "resolved")}


# ---------------------------------------------------------------------------------------------
# Measuring


def mspcore_stages(df) -> dict:
    """One untimed run with the C++ call timed apart from the Python column preparation."""
    import mspcore as msp
    from mspcore import kpi

    real, seconds = kpi._core, {}

    class Timed:
        def __getattr__(self, name):
            value = getattr(real, name)
            if name != "ticket_kpis":
                return value

            def timed(*args, **kwargs):
                t = time.perf_counter()
                try:
                    return value(*args, **kwargs)
                finally:
                    seconds["core"] = time.perf_counter() - t
            return timed

    kpi._core = Timed()
    try:
        t = time.perf_counter()
        msp.kpi_frame(df, period="quarter", tz=TZ, group_by=["tenant"], kpis=KPIS)
        seconds["total"] = time.perf_counter() - t
    finally:
        kpi._core = real
    return seconds


def child(side: str, args) -> None:
    t = time.perf_counter()
    df = generate(args.tickets, args.tenants, args.seed)
    generation = time.perf_counter() - t
    input_bytes = int(df.memory_usage(deep=True, index=False).sum())
    con = None
    if side == "mspcore":
        run = run_mspcore
    elif side == "pandas":
        run = run_pandas
    else:
        run, con = duckdb_runner(1 if side == "duckdb1" else None)
    out, summary = timed_runs(lambda: run(df), args.repeats)
    summary.update(generation=generation, input_bytes=input_bytes)
    if con is not None:
        summary["threads"] = con.execute("SELECT current_setting('threads')").fetchone()[0]
        summary["version"] = __import__("duckdb").__version__
    if side == "mspcore":
        summary["stages"] = mspcore_stages(df)
        summary["sizes"] = cell_sizes(df, out)
    out = out.assign(tenant=out["tenant"].astype(str).astype(object), period=out["period"].astype(str).astype(object))
    out = out.sort_values(["tenant", "period"], ignore_index=True)
    with open(args.out, "wb") as f:
        pickle.dump({"summary": summary, "frame": out}, f, protocol=pickle.HIGHEST_PROTOCOL)


def spawn(side: str, args, tmp: pathlib.Path) -> dict:
    out = tmp / f"{side}.pickle"
    cmd = [sys.executable, os.path.abspath(__file__), "--child", side, "--out", str(out), "--tickets",
           str(args.tickets), "--tenants", str(args.tenants), "--repeats", str(args.repeats), "--seed", str(args.seed)]
    subprocess.run(cmd, check=True)
    with open(out, "rb") as f:
        return pickle.load(f)


def mib(b) -> str:
    return "n/a" if b is None else f"{b / 2**20:,.0f}"


SIDES = {"mspcore": "mspcore.kpi_frame", "pandas": "pandas (to_period + groupby + quantile)",
         "duckdb": "DuckDB SQL (default threads)", "duckdb1": "DuckDB SQL (1 thread)"}


def memory_scaling(args) -> int:
    """mspcore's working memory (peak - RSS before) against the input at several sizes with the
    same tenants: the grid of partials is O(groups x periods) and rows pass through a fixed
    block, so the growth should level off while the input grows in proportion."""
    print(f"mspcore.kpi_frame working memory, {args.tenants:,} tenants, quarterly in {TZ}, 1 run each")
    print(f"{'tickets':>12}{'input MiB':>12}{'growth MiB':>12}{'growth/input':>14}{'wall s':>8}")
    base = args.tickets
    for tickets in (base // 4, base // 2, base, base * 2):
        args.tickets, args.repeats = tickets, 1
        with tempfile.TemporaryDirectory() as tmp:
            s = spawn("mspcore", args, pathlib.Path(tmp))["summary"]
        growth = s["peak_rss"] - s["base_rss"]
        print(f"{tickets:>12,}{mib(s['input_bytes']):>12}{mib(growth):>12}{growth / s['input_bytes']:>13.2f}x"
              f"{s['wall']:>8.2f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tickets", type=int, default=10_000_000)
    ap.add_argument("--tenants", type=int, default=5_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20240606)
    ap.add_argument("--sides", default="mspcore,pandas,duckdb,duckdb1", help="comma-separated: " + ", ".join(SIDES))
    ap.add_argument("--memory-scaling", action="store_true",
                    help="only mspcore, at 1/4, 1/2, 1 and 2 times --tickets: does its working memory grow with the rows?")
    ap.add_argument("--child", choices=tuple(SIDES), help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args)
        return 0

    if args.memory_scaling:
        return memory_scaling(args)
    sides = [s for s in args.sides.split(",") if s]
    if "mspcore" not in sides:
        ap.error("--sides must include mspcore")
    with tempfile.TemporaryDirectory() as tmp:
        results = {side: spawn(side, args, pathlib.Path(tmp)) for side in sides}
    ours = results["mspcore"]
    m = ours["summary"]
    frame = ours["frame"]
    print(f"QBR KPIs: {args.tickets:,} tickets, {args.tenants:,} tenants, created 2023-2024, quarterly in {TZ}: "
          f"{len(frame):,} tenant x quarter rows ({frame['period'].nunique()} quarters, "
          f"{frame['period'].iloc[0]}..{frame['period'].iloc[-1]}), {len(KPIS)} KPIs")
    print(f"input columns {mib(m['input_bytes'])} MiB; data generation {m['generation']:.1f} s per process "
          f"(not timed); each side in its own process, wall time best of {args.repeats}")
    print(f"{'implementation':<42}{'wall s':>8}{'cpu s':>8}{'mspcore is':>12}{'peak RSS MiB':>14}"
          f"{'growth MiB':>12}{'growth/input':>14}")
    for side in sides:
        s = results[side]["summary"]
        growth = s["peak_rss"] - s["base_rss"]
        ratio = "" if side == "mspcore" else f"{s['wall'] / m['wall']:.2f}x"
        name = SIDES[side] + (f" [{s['threads']}]" if side == "duckdb" else "")
        print(f"{name:<42}{s['wall']:>8.2f}{s['cpu']:>8.2f}{ratio:>12}{mib(s['peak_rss']):>14}{mib(growth):>12}"
              f"{growth / s['input_bytes']:>13.2f}x")
    stages = m["stages"]
    print(f"{'  mspcore, 1 run: the C++ call':<42}{stages['core']:>8.2f}")
    print(f"{'  mspcore, 1 run: Python (groups, columns)':<42}{stages['total'] - stages['core']:>8.2f}")
    print("mspcore is = that side's wall time / mspcore's (above 1: mspcore faster); peak RSS = the process's "
          "high-water mark during the runs, inputs included; growth = peak - RSS before the runs")
    print("all runs (s): " + "; ".join(f"{s} {', '.join(f'{w:.2f}' for w in results[s]['summary']['walls'])}"
                                         for s in sides))
    if "duckdb" in results:
        print(f"DuckDB {results['duckdb']['summary']['version']}")

    sizes = m["sizes"]
    problems = []
    for side in sides:
        if side != "mspcore":
            problems += differences(f"mspcore vs {side}", frame, results[side]["frame"], True, sizes,
                                    0.0 if side == "pandas" else 1e-12)
    if "pandas" in results:
        for side in ("duckdb", "duckdb1"):
            if side in results:
                problems += differences(f"pandas vs {side}", results["pandas"]["frame"], results[side]["frame"],
                                        False, sizes, 1e-12)
    exact = sum(int(((sizes[k] <= EXACT_LIMIT) & (sizes[k] > 0)).sum()) for k in sizes)
    bounded = sum(int((sizes[k] > EXACT_LIMIT).sum()) for k in sizes)
    if problems:
        print("RESULTS DISAGREE:")
        print("\n".join(problems))
    else:
        worst = 0.0
        for side in sides:
            if side != "mspcore":
                for kpi in QUANTILES:
                    g, w = frame[kpi].to_numpy(np.float64), results[side]["frame"][kpi].to_numpy(np.float64)
                    with np.errstate(invalid="ignore", divide="ignore"):
                        worst = max(worst, float(np.nanmax(np.abs(g - w) / np.abs(w))))
        print(f"results agree: counts exact, means within 1e-9, ratios within 1e-12; medians and p90 exact (pandas; "
              f"DuckDB's interpolation within 1e-12) in "
              f"{exact:,} cells with <= 128 values, within 1/128 in {bounded:,} larger cells "
              f"(largest relative difference {worst:.5f}, bound {BOUND:.5f})")
    if "pandas" in results and "duckdb" in results:
        p, d = results["pandas"]["summary"], results["duckdb"]["summary"]
        print("targets: >= 10x faster than pandas:", "met" if p["wall"] >= 10 * m["wall"] else "NOT met",
              f"({p['wall'] / m['wall']:.1f}x) | at least as fast as DuckDB:",
              "met" if d["wall"] >= m["wall"] else "NOT met", f"({d['wall'] / m['wall']:.2f}x)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
