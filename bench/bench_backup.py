"""Backup compliance benchmark (issue #16): mspcore.backup_compliance against a straightforward
pandas implementation of the same rules (backup_pandas.py), 10,000,000 results.

Target: at least 10x the pandas implementation end to end, the ratio printed.

The data (backup_data.py, fixed seed): 200,000 devices of 2,000 clients (15 % servers, 72 %
workstations of which a fifth offline for up to 14 days, a few network, cloud and other; 2 %
retired, 3 % without a backup expected), 10,000,000 results over the 60 days before as_of
(85 % success, 5 % with exceptions, warning, failed, missed, not_expected; 40 % offsite, 10 %
verified), 1 % of the devices without results, 0.5 % whose every session fails, 30 % whose
results stop up to 5 days before as_of. Text columns are pandas Categoricals, instants
tz-aware UTC, the same frame for both sides.

Timed (wall clock, best of N; CPU time beside it), each side in its own process (data generated
again from the seed), peak RSS = the process's high-water mark during the runs (reset after
generation, so the inputs are included):
- mspcore: ``mspcore.backup_compliance(results, devices, as_of)``: the devices frame and the
  clients frame;
- pandas: backup_pandas.backup_compliance + clients (join on tenant and device id, groupby).

After timing, status, age_seconds, attempts and good are compared for every device, and the
per-client counts; any difference is printed and the script exits with status 1.

Run: python bench/bench_backup.py [--results N] [--devices N] [--clients N] [--repeats N]
"""
import argparse
import pathlib
import pickle
import sys
import tempfile
import time

import numpy as np
from backup_data import AS_OF, generate
from procmem import mib, run_child, timed_runs

NO_VALUE = np.iinfo(np.int64).min


def child(side: str, args) -> None:
    t = time.perf_counter()
    results, devices = generate(args.results, args.devices, args.clients, args.seed)
    generation = time.perf_counter() - t
    if side == "mspcore":
        import mspcore

        def run():
            return mspcore.backup_compliance(results, devices, AS_OF.to_pydatetime())
    else:
        import backup_pandas

        def run():
            frame = backup_pandas.backup_compliance(results, devices, AS_OF)
            return frame, backup_pandas.clients(frame)

    (frame, clients), summary = timed_runs(run, args.repeats)
    summary["generation"] = generation
    summary["counts"] = frame["status"].astype(str).value_counts().to_dict()
    columns = {"status": frame["status"].astype(str).to_numpy(dtype=object),
               "age_seconds": frame["age_seconds"].astype("Int64").fillna(NO_VALUE).to_numpy(np.int64),
               "attempts": frame["attempts"].astype("int64").to_numpy(),
               "good": frame["good"].astype("int64").to_numpy()}
    statuses = ["compliant", "warning", "overdue", "never", "unknown", "out_of_scope", "in_scope"]
    per_client = clients.set_index("tenant")[statuses] if "tenant" in clients.columns else clients[statuses]
    with open(args.out, "wb") as f:
        pickle.dump({"summary": summary, "columns": columns, "clients": per_client.astype("int64").sort_index()},
                    f, protocol=pickle.HIGHEST_PROTOCOL)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--results", type=int, default=10_000_000)
    ap.add_argument("--devices", type=int, default=200_000)
    ap.add_argument("--clients", type=int, default=2_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--child", choices=("mspcore", "pandas"), help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args)
        return 0
    options = ["--results", args.results, "--devices", args.devices, "--clients", args.clients,
               "--repeats", args.repeats, "--seed", args.seed]
    with tempfile.TemporaryDirectory() as tmp:
        ref = run_child(__file__, "pandas", options, pathlib.Path(tmp))
        ours = run_child(__file__, "mspcore", options, pathlib.Path(tmp))
    p, m = ref["summary"], ours["summary"]
    print(f"backup compliance: {args.results:,} results, {args.devices:,} devices, {args.clients:,} clients, "
          f"as_of {AS_OF.isoformat()}")
    print(f"data generation {p['generation']:.2f} s per process (not timed); each side in its own process, "
          f"wall time best of {args.repeats}")
    print(f"{'implementation':<52}{'wall s':>8}{'cpu s':>8}{'peak RSS MiB':>14}{'speed-up':>10}")
    for name, s in (("pandas (join + groupby, backup_pandas.py)", p), ("mspcore.backup_compliance", m)):
        print(f"{name:<52}{s['wall']:>8.3f}{s['cpu']:>8.3f}{mib(s['peak_rss']):>14}{p['wall'] / s['wall']:>10.2f}x")
    print(f"all runs (s): pandas {', '.join(f'{w:.2f}' for w in p['walls'])}; "
          f"mspcore {', '.join(f'{w:.2f}' for w in m['walls'])}")
    print(f"peak RSS includes the inputs (RSS before the runs: pandas process {mib(p['base_rss'])} MiB, "
          f"mspcore process {mib(m['base_rss'])} MiB)")
    print("status:", ", ".join(f"{k} {v:,}" for k, v in sorted(m["counts"].items())))
    problems = []
    for name, a in ours["columns"].items():
        b = ref["columns"][name]
        bad = np.flatnonzero(a != b)
        if len(bad):
            problems.append(f"{name}: {len(bad):,} devices differ, e.g. row {bad[0]}: mspcore {a[bad[0]]!r} "
                            f"vs pandas {b[bad[0]]!r}")
    if not ours["clients"].equals(ref["clients"]):
        problems.append("per-client counts differ")
    if problems:
        print("RESULTS DISAGREE:\n" + "\n".join(problems))
        return 1
    print(f"results agree: status, age_seconds, attempts, good on all {args.devices:,} devices and the per-client "
          f"counts of {len(ours['clients']):,} clients")
    print(f"ratio (pandas wall / mspcore wall): {p['wall'] / m['wall']:.1f}x; target >= 10x:",
          "met" if p["wall"] >= 10 * m["wall"] else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
