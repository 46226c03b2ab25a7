"""Money benchmark: mspcore against Python's decimal.Decimal on the same amounts.

Sums 10 million amounts and does 1 million divisions rounded HalfEven to cents.
Build the C++ side first (scripts/bench.sh does it): build/release/bench/bench_money.
Prints both times and the ratio; the machine is shared, so each time is a best of runs.
"""
import argparse
import decimal
import json
import pathlib
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

import numpy as np

import mspcore as msp

ROOT = pathlib.Path(__file__).resolve().parents[1]


def best(fn, repeats=3):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--divisions", type=int, default=1_000_000)
    ap.add_argument("--binary", default=str(ROOT / "build" / "release" / "bench" / "bench_money"))
    args = ap.parse_args()

    rng = np.random.default_rng(20261127)
    cents = rng.integers(-10_000_000, 10_000_000, size=args.n, dtype=np.int64)  # +-100,000.00 EUR

    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "cents.int64"
        cents.tofile(path)
        cpp = json.loads(subprocess.run([args.binary, str(path), str(args.divisions)], check=True,
                                        capture_output=True, text=True).stdout)

    decimals = [Decimal(int(c)).scaleb(-2) for c in cents]
    t_py_sum, py_total = best(lambda: sum(decimals, Decimal(0)))
    t_np_col, col = best(lambda: msp.sum_minor_units(cents, "EUR"), repeats=5)

    cent = Decimal("0.01")
    ctx = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)

    def py_divide():
        acc = Decimal(0)
        for i in range(args.divisions):
            acc += ctx.divide(decimals[i], 1 + i % 97).quantize(cent, context=ctx)
        return acc

    t_py_div, py_checksum = best(py_divide, repeats=1)

    assert Decimal(cpp["total"]) == py_total == col.amount, "sums disagree"
    assert Decimal(cpp["divide_checksum"]) == py_checksum, "division results disagree"

    print(f"money benchmark: {args.n:,} amounts, {args.divisions:,} divisions (HalfEven to cents)")
    print(f"{'task':<44}{'seconds':>10}{'vs decimal':>12}")
    rows = [
        ("sum: Python decimal.Decimal", t_py_sum, t_py_sum),
        ("sum: C++ Money objects (checked int128)", cpp["sum_objects_s"], t_py_sum),
        ("sum: C++ column kernel (sum_minor_units)", cpp["sum_column_s"], t_py_sum),
        ("sum: Python msp.sum_minor_units(numpy)", t_np_col, t_py_sum),
        ("divide: Python decimal.Decimal", t_py_div, t_py_div),
        ("divide: C++ mspcore::divide", cpp["divide_s"], t_py_div),
    ]
    for name, t, ref in rows:
        print(f"{name:<44}{t:>10.4f}{ref / t:>11.1f}x")
    print(f"C++ peak RSS {cpp['peak_rss_mib']:.0f} MiB; results identical: sum {py_total}, "
          f"division checksum {py_checksum}")
    print("target: sum >= 50x faster than decimal.Decimal:",
          "met" if t_py_sum / cpp["sum_column_s"] >= 50 else "NOT met", "(column kernel)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
