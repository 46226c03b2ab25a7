"""Asset lifecycle benchmark (issue #14): mspcore.lifecycle against a straightforward pandas
implementation of the same rules, for 1,000,000 assets.

Target: at least 10x the pandas implementation end to end, the ratio printed.

The data (lifecycle_data.py, fixed seed): 1,000,000 assets of 5,000 tenants (sorted by tenant),
eight types (about a third each workstations and laptops, servers, network gear, storage,
printers, mobiles, a few 'other'), purchase dates 2015-01-01 .. as_of, a vendor warranty end for
80 % (3-7 years), an OS mix as an RMM reports it (Windows 10 22H2 past its end, Windows 11
23H2/24H2/25H2 in several editions and one alias, Windows 11 without an edition, macOS with a
dotted version, Windows Server 2012 R2 .. 2022, Ubuntu 22.04.4, ESXi, RHEL, an OS not in the
table, a Windows version not in the table, none), and 300,000 service records (80 % tickets,
most of them on 2.5 % of the devices, enough to pull their replacement). The date columns are
datetime64 (what pandas reads from a database or a parsed CSV); ``--text-dates`` gives both
sides 'YYYY-MM-DD' text instead.

Timed (wall clock, best of N; CPU time of the same run beside it), each side in its own
process (data generated again from the seed), peak RSS = the process's high-water mark
during the runs (reset after the data is generated, so the inputs are included):
- mspcore: ``mspcore.lifecycle(assets, as_of=..., service=...)`` + ``.assets.to_pandas()``;
- pandas: lifecycle_pandas.lifecycle(assets, service, as_of, os_table), a DataFrame with the
  same columns.

After timing, every column is compared row by row (texts, dates as day numbers, numbers, flags,
missing values); any difference is printed and the script exits with status 1.

Run: python bench/bench_lifecycle.py [--assets N] [--tickets N] [--repeats N] [--text-dates]
"""
import argparse
import pathlib
import pickle
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from lifecycle_data import AS_OF, generate
from procmem import mib, run_child, timed_runs

NO_VALUE = np.iinfo(np.int64).min


def comparable(frame: pd.DataFrame) -> dict:
    """Each column as a numpy array both sides write alike: text (None when missing), day
    numbers or int64 (NO_VALUE when missing)."""
    out = {}
    for name in frame.columns:
        s = frame[name]
        if s.dtype.kind == "M":
            out[name] = s.to_numpy().astype("datetime64[D]").astype(np.int64)
        elif s.dtype.kind in "iub" or str(s.dtype) in ("Int64", "boolean"):
            out[name] = s.astype("Int64").fillna(NO_VALUE).to_numpy(np.int64)
        else:
            text = s.astype(object)
            out[name] = np.array([None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
                                  for v in text], dtype=object)
    return out


def differences(ours: dict, ref: dict, limit: int = 3) -> list:
    lines = []
    for name in ours:
        if name not in ref:
            lines.append(f"{name}: not in the pandas result")
            continue
        a, b = ours[name], ref[name]
        bad = np.flatnonzero(a != b) if len(a) == len(b) else np.arange(max(len(a), len(b)))
        if len(bad):
            lines.append(f"{name}: {len(bad):,} rows differ, e.g. " + "; ".join(
                f"row {i}: mspcore {a[i]!r} vs pandas {b[i]!r}" for i in bad[:limit] if i < min(len(a), len(b))))
    lines += [f"{name}: not in the mspcore result" for name in ref if name not in ours]
    return lines


def child(side: str, args) -> None:
    t = time.perf_counter()
    assets, service = generate(args.assets, args.seed, args.tickets, args.text_dates)
    generation = time.perf_counter() - t
    if side == "mspcore":
        import mspcore

        def run():
            return mspcore.lifecycle(assets, as_of=AS_OF, service=service).assets.to_pandas()
    else:
        from lifecycle_pandas import lifecycle, os_table

        table = os_table()

        def run():
            return lifecycle(assets, service, AS_OF, table)

    frame, summary = timed_runs(run, args.repeats)
    summary["generation"] = generation
    summary["counts"] = {k: frame[k].value_counts().to_dict() for k in ("status", "reason_code")}
    with open(args.out, "wb") as f:
        pickle.dump({"summary": summary, "columns": comparable(frame)}, f, protocol=pickle.HIGHEST_PROTOCOL)


def spawn(side: str, args, tmp: pathlib.Path) -> dict:
    options = ["--assets", args.assets, "--tickets", args.tickets, "--repeats", args.repeats, "--seed", args.seed]
    return run_child(__file__, side, options + (["--text-dates"] if args.text_dates else []), tmp)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--assets", type=int, default=1_000_000)
    ap.add_argument("--tickets", type=int, default=300_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20260331)
    ap.add_argument("--text-dates", action="store_true", help="dates as 'YYYY-MM-DD' text on both sides")
    ap.add_argument("--child", choices=("mspcore", "pandas"), help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        ref = spawn("pandas", args, pathlib.Path(tmp))
        ours = spawn("mspcore", args, pathlib.Path(tmp))
    p, m = ref["summary"], ours["summary"]
    print(f"asset lifecycle: {args.assets:,} assets of 5,000 tenants, {args.tickets:,} service records, as_of {AS_OF}, "
          f"dates as {'text' if args.text_dates else 'datetime64'}")
    print(f"data generation {p['generation']:.2f} s per process (not timed); each side in its own process, "
          f"wall time best of {args.repeats}")
    print(f"{'implementation':<56}{'wall s':>8}{'cpu s':>8}{'peak RSS MiB':>14}{'speed-up':>10}")
    for name, s in (("pandas (vectorised, lifecycle_pandas.py)", p),
                    ("mspcore.lifecycle + assets.to_pandas()", m)):
        print(f"{name:<56}{s['wall']:>8.3f}{s['cpu']:>8.3f}{mib(s['peak_rss']):>14}{p['wall'] / s['wall']:>10.2f}x")
    print(f"all runs (s): pandas {', '.join(f'{w:.2f}' for w in p['walls'])}; "
          f"mspcore {', '.join(f'{w:.2f}' for w in m['walls'])}")
    print(f"peak RSS includes the inputs (RSS before the runs: pandas process {mib(p['base_rss'])} MiB, "
          f"mspcore process {mib(m['base_rss'])} MiB)")
    print("status:", ", ".join(f"{k} {v:,}" for k, v in m["counts"]["status"].items()))
    print("reason_code:", ", ".join(f"{k} {v:,}" for k, v in m["counts"]["reason_code"].items()))
    problems = differences(ours["columns"], ref["columns"])
    if problems:
        print("RESULTS DISAGREE:")
        print("\n".join(problems))
        return 1
    print(f"results agree: all {len(ours['columns'])} columns identical on every row")
    print(f"ratio (pandas wall / mspcore wall): {p['wall'] / m['wall']:.1f}x; target >= 10x:",
          "met" if p["wall"] >= 10 * m["wall"] else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
