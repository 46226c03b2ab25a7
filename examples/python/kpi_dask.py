"""QBR KPIs on a Dask cluster: partial states per partition, merged, equal to one kpi_frame run.

Every ticket KPI of mspcore comes from partial states that merge (counts, exact sums, and a
quantile sketch whose buckets do not depend on the other data), so tickets can be split
into partitions that are computed apart and merged in any order and grouping (issue #6,
docs/kpi-dask.md). This example:

1. starts a dask.distributed LocalCluster (2 worker processes, 1 thread each);
2. generates the tickets in partitions on the workers (each from its own seed: every
   partition has tickets of every tenant and quarter, so the merges are real);
3. runs ``mspcore.kpi_partials`` on each partition, on the workers, and merges the partial
   frames pairwise in a tree with ``mspcore.merge_kpi_partials``, also on the workers;
4. finishes the merged partials with ``mspcore.kpi_from_partials`` here;
5. generates the same partitions here, concatenates them, runs ``mspcore.kpi_frame`` on the
   whole data in one call and checks that both frames are identical
   (``pandas.testing.assert_frame_equal(check_exact=True)``); then prints a short table.

Dask is an example-only dependency (examples/requirements.txt), not a dependency of mspcore;
only dask.delayed and dask.distributed are used (no dask.dataframe, so no pyarrow). Run it
by hand from the repository root, with mspcore installed (``pip install .``) or built:

    .venv/bin/pip install -r examples/requirements.txt
    .venv/bin/python examples/python/kpi_dask.py [--tickets 2000000] [--partitions 8]
    # or against a build tree configured with -DMSP_BUILD_PYTHON=ON:
    PYTHONPATH=build/release/python .venv/bin/python examples/python/kpi_dask.py

It exits with status 0 when the merged partials equal the whole run, 1 otherwise.
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd

import mspcore as msp

TZ = "Europe/Berlin"
PERIOD = "quarter"
GROUP_BY = ["tenant"]
KPIS = ["created", "closed", "backlog", "reopen_rate_pct", "first_response_hours_mean", "first_response_hours_median",
        "first_response_hours_p90", "resolution_hours_mean", "resolution_hours_median", "resolution_hours_p90",
        "csat_positive_pct", "csat_response_rate_pct", "nps", "first_contact_resolution_pct", "top_categories"]
CATEGORIES = np.array(["backup", "email", "hardware", "identity", "network", "printer", "security", "software"])


def generate_partition(k: int, rows: int, tenants: int, seed: int) -> pd.DataFrame:
    """Partition k of the tickets: created over 2023-2024, some without first response or
    resolution, csat and first_contact as 1/0/NaN, nps 0-10/NaN."""
    rng = np.random.default_rng([seed, k])
    weight = np.random.default_rng(seed).lognormal(0.0, 1.2, tenants)  # the same tenant sizes in every partition
    tenant = rng.choice(tenants, rows, p=weight / weight.sum())
    created = rng.integers(1672531200, 1735689600, rows)  # 2023-01-01 .. 2025-01-01 UTC
    response = np.minimum(np.round(rng.lognormal(np.log(2 * 3600), 1.5, rows)), 60 * 86400).astype(np.int64)
    duration = np.minimum(np.round(rng.lognormal(np.log(86400), 1.8, rows)), 400 * 86400).astype(np.int64)

    def instants(seconds, p_missing):
        a = seconds.astype("datetime64[s]")
        a[rng.random(rows) < p_missing] = np.datetime64("NaT")
        return pd.Series(a).dt.tz_localize("UTC")

    def flag(p_true, p_missing):
        return np.where(rng.random(rows) < p_missing, np.nan, rng.random(rows) < p_true)

    return pd.DataFrame({
        "tenant": np.array([f"T{i:04d}" for i in range(tenants)], dtype=object)[tenant],
        "created": instants(created, 0.0),
        "first_response": instants(created + response, 0.07),
        "resolved": instants(created + duration, 0.09),
        "reopened": rng.random(rows) < 0.06,
        "category": CATEGORIES[rng.integers(0, len(CATEGORIES), rows)].astype(object),
        "csat": flag(0.8, 0.7),
        "nps": np.where(rng.random(rows) < 0.75, np.nan, rng.integers(0, 11, rows)),
        "first_contact": flag(0.35, 0.1),
    })


def partials_of_partition(k: int, rows: int, tenants: int, seed: int) -> pd.DataFrame:
    """What a worker does with its partition: mergeable partial states, one row per tenant and quarter."""
    return msp.kpi_partials(generate_partition(k, rows, tenants, seed), period=PERIOD, tz=TZ, group_by=GROUP_BY)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tickets", type=int, default=2_000_000)
    ap.add_argument("--tenants", type=int, default=500)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--seed", type=int, default=20240606)
    args = ap.parse_args()

    import dask
    from dask.distributed import Client, LocalCluster

    rows = [args.tickets // args.partitions + (k < args.tickets % args.partitions) for k in range(args.partitions)]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        t = time.perf_counter()
        level = [dask.delayed(partials_of_partition)(k, n, args.tenants, args.seed) for k, n in enumerate(rows)]
        while len(level) > 1:  # merge pairwise on the workers: any order and grouping gives the same
            level = [dask.delayed(msp.merge_kpi_partials)(level[i:i + 2]) if i + 1 < len(level) else level[i]
                     for i in range(0, len(level), 2)]
        merged = client.compute(level[0]).result()
        distributed = msp.kpi_from_partials(merged, period=PERIOD, tz=TZ, kpis=KPIS)
        on_cluster = time.perf_counter() - t
        workers = len(client.scheduler_info()["workers"])

    t = time.perf_counter()
    tickets = pd.concat([generate_partition(k, n, args.tenants, args.seed) for k, n in enumerate(rows)],
                        ignore_index=True)
    generated = time.perf_counter() - t
    t = time.perf_counter()
    whole = msp.kpi_frame(tickets, period=PERIOD, tz=TZ, group_by=GROUP_BY, kpis=KPIS)
    one_run = time.perf_counter() - t

    print(f"{len(tickets):,} tickets of {args.tenants} tenants in {args.partitions} partitions on {workers} Dask "
          f"workers: {len(merged):,} merged partial rows -> {len(distributed):,} tenant x quarter rows")
    print(f"cluster (generate + kpi_partials + tree merge + kpi_from_partials): {on_cluster:.2f} s; "
          f"one kpi_frame call on the concatenated data: {one_run:.2f} s (+ {generated:.2f} s to generate it here)")
    try:
        pd.testing.assert_frame_equal(distributed, whole, check_exact=True)
    except AssertionError as e:
        print("DIFFERENT: the merged partials do not give the result of one run:\n", e)
        return 1
    print("identical: merged partials == one kpi_frame run (assert_frame_equal, check_exact=True)\n")

    biggest = tickets["tenant"].value_counts().index[0]
    show = whole[whole["tenant"] == biggest].set_index("period")[
        ["created", "closed", "backlog", "reopen_rate_pct", "resolution_hours_median", "resolution_hours_p90",
         "csat_positive_pct", "nps", "top_categories"]]
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.precision", 2):
        print(f"tenant {biggest} (most tickets):")
        print(show.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
