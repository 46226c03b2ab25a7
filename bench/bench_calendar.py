"""Business-time benchmark: mspcore against a faithful pure-Python interval implementation.

1,000,000 random (start, end) pairs over 2023-2025 on a Berlin calendar with a lunch break
and North Rhine-Westphalia holidays. pandas CustomBusinessHour can hold the windows and
holidays but has no business-seconds-between (only offset arithmetic on naive local times,
with no DST rule), so the comparison is a pure-Python implementation of the same
semantics (zoneinfo, day walk: what a user would write); it is timed on a sample and
extrapolated, since a full run would take hours. Both give identical results on the sample.
"""
import argparse
import datetime as dt
import json
import pathlib
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

import numpy as np

import mspcore as msp

ROOT = pathlib.Path(__file__).resolve().parents[1]
WINDOWS = [(dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))]
SPEC = {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"],
        "week": {d: [["08:00", "12:00"], ["13:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}


def pure_python_between(a: int, b: int, zone: ZoneInfo, holidays: set) -> int:
    """Open seconds in [a, b): walk the local days, clip each window (the rules of docs/calendar.md)."""
    if b <= a:
        return 0
    first = dt.datetime.fromtimestamp(a, zone).date() - dt.timedelta(days=1)
    last = dt.datetime.fromtimestamp(b, zone).date()
    total, day = 0, first
    while day <= last:
        if day.weekday() < 5 and day not in holidays:
            for open_t, close_t in WINDOWS:
                # fold=0: a time in a DST gap moves forward, an ambiguous one takes the first.
                o = int(dt.datetime.combine(day, open_t, zone).timestamp())
                c = int(dt.datetime.combine(day, close_t, zone).timestamp())
                lo, hi = max(o, a), min(c, b)
                if hi > lo:
                    total += hi - lo
        day += dt.timedelta(days=1)
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=2_000)
    ap.add_argument("--binary", default=str(ROOT / "build" / "release" / "bench" / "bench_calendar"))
    args = ap.parse_args()

    rng = np.random.default_rng(42)
    lo = int(dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    hi = int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    x, y = rng.integers(lo, hi, args.pairs), rng.integers(lo, hi, args.pairs)
    starts, ends = np.minimum(x, y).astype(np.int64), np.maximum(x, y).astype(np.int64)

    cal = msp.Calendar.from_json(SPEC)
    cal.business_seconds_between_many(starts[:10], ends[:10])  # compile outside the timing
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        values = cal.business_seconds_between_many(starts, ends)
        times.append(time.perf_counter() - t0)
    t_msp = min(times)

    zone = ZoneInfo("Europe/Berlin")
    holidays = {d for year in range(2022, 2027) for d, _ in msp.holidays("DE-NW", year)}
    t0 = time.perf_counter()
    reference = [pure_python_between(int(a), int(b), zone, holidays)
                 for a, b in zip(starts[:args.sample], ends[:args.sample])]
    t_py_sample = time.perf_counter() - t0
    t_py = t_py_sample / args.sample * args.pairs
    mismatches = int(np.sum(np.asarray(reference) != values[:args.sample]))

    cpp = json.loads(subprocess.run([args.binary, str(args.pairs)], check=True, capture_output=True, text=True).stdout)

    print(f"business_seconds_between: {args.pairs:,} random pairs over 3 years, Berlin, lunch break, DE-NW")
    print(f"{'implementation':<52}{'seconds':>10}{'pairs/s':>14}{'vs pure Python':>16}")
    rows = [
        (f"pure Python day walk (sample {args.sample:,}, extrapolated)", t_py),
        ("mspcore Python batch (business_seconds_between_many)", t_msp),
        ("mspcore C++ (business_seconds_between_many)", cpp["seconds"]),
    ]
    for name, t in rows:
        print(f"{name:<52}{t:>10.3f}{args.pairs / t:>14,.0f}{t_py / t:>15,.0f}x")
    print(f"results identical on the sample: {mismatches == 0} ({mismatches} mismatches)")
    print(f"compiled calendar: {cpp['compiled_bytes_per_year']:,} bytes per year (budget 65,536)")
    print("targets: C++ >= 10M pairs/s:", "met" if args.pairs / cpp["seconds"] >= 1e7 else "NOT met",
          "| Python batch >= 1000x pure Python:", "met" if t_py / t_msp >= 1000 else "NOT met")
    return 0 if mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
