"""SLA frame benchmark: evaluate_sla_frame on 1,000,000 tickets with two pauses on average.

Target: under 1 second on one core; peak memory within 2x the input columns. Peak memory is
the peak of tracemalloc's traced allocations during one call (numpy registers its buffers
there), and, as a cross-check, the resident set sampled every millisecond during the first
call. For context, the per-ticket Python path (evaluate_sla on dicts) is timed on a sample
and extrapolated.
"""
import argparse
import resource
import sys
import threading
import time
import tracemalloc

import numpy as np
import pandas as pd

import mspcore as msp
from procmem import rss

POLICY = {
    "calendar": {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"],
                 "week": {d: [["08:00", "12:00"], ["13:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}},
    "targets": {"response_minutes": 60, "resolution_minutes": 480},
    "priorities": {"P1": {"targets": {"response_minutes": 15, "resolution_minutes": 240},
                          "calendar": {"tz": "Europe/Berlin", "24x7": True}},
                   "P2": {"targets": {"response_minutes": 30, "resolution_minutes": 360}}},
    "pause_statuses": ["waiting_customer"],
}


class PeakSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self.stop = rss(), False

    def run(self):
        while not self.stop:
            self.peak = max(self.peak, rss())
            time.sleep(0.001)


def generate(n: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    base = np.int64(1704067200)  # 2024-01-01T00:00:00Z
    created = base + rng.integers(0, 365 * 86400, n)
    first = created + rng.integers(60, 6 * 3600, n)
    resolved = created + rng.integers(3600, 10 * 86400, n)
    first = np.where(rng.random(n) < 0.1, np.iinfo(np.int64).min, first)
    resolved = np.where(rng.random(n) < 0.2, np.iinfo(np.int64).min, resolved)
    to_ts = lambda a: pd.array(np.where(a == np.iinfo(np.int64).min, np.datetime64("NaT"),
                                        a.astype("datetime64[s]")), dtype="datetime64[s]")
    df = pd.DataFrame({
        "created": created.astype("datetime64[s]"),
        "first_response": to_ts(first),
        "resolved": to_ts(resolved),
        "priority": pd.Categorical.from_codes(rng.integers(0, 4, n), ["P1", "P2", "P3", "P4"]),
    })
    counts = rng.poisson(2.0, n)
    ticket = np.repeat(np.arange(n), counts)
    order_in_ticket = np.arange(len(ticket)) - np.repeat(np.cumsum(counts) - counts, counts)
    start = created[ticket] + 1800 + order_in_ticket * 7200 + rng.integers(0, 3000, len(ticket))
    end = start + rng.integers(300, 3600, len(ticket))
    pauses = pd.DataFrame({"ticket": ticket, "start": start.astype("datetime64[s]"), "end": end.astype("datetime64[s]")})
    return df, pauses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=2_000)
    args = ap.parse_args()
    policy = msp.SlaPolicy.from_json(POLICY)
    df, pauses = generate(args.tickets)
    now = pd.Timestamp("2025-01-15", tz="UTC")
    input_bytes = int(df.memory_usage(deep=True, index=False).sum() + pauses.memory_usage(deep=True, index=False).sum())

    base = rss()
    sampler = PeakSampler()
    sampler.start()
    msp.evaluate_sla_frame(df, policy, now=now, pauses=pauses)
    sampler.stop = True
    sampler.join()
    rss_peak = sampler.peak - base
    tracemalloc.start()
    msp.evaluate_sla_frame(df, policy, now=now, pauses=pauses)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        out = msp.evaluate_sla_frame(df, policy, now=now, pauses=pauses)
        times.append(time.perf_counter() - t0)
        del out
    t = min(times)

    sample = df.head(args.sample)
    t0 = time.perf_counter()
    for i, row in enumerate(sample.itertuples()):
        history = []
        for s, e in pauses[pauses.ticket == i][["start", "end"]].itertuples(index=False):
            history += [[pd.Timestamp(s, tz="UTC"), "waiting_customer"], [pd.Timestamp(e, tz="UTC"), "open"]]
        msp.evaluate_sla({"created": pd.Timestamp(row.created, tz="UTC"), "priority": str(row.priority),
                          "first_response": None if pd.isna(row.first_response) else pd.Timestamp(row.first_response, tz="UTC"),
                          "resolved": None if pd.isna(row.resolved) else pd.Timestamp(row.resolved, tz="UTC"),
                          "status_history": history}, policy, now=now)
    t_loop = (time.perf_counter() - t0) / args.sample * args.tickets

    print(f"evaluate_sla_frame: {args.tickets:,} tickets, {len(pauses):,} pauses ({len(pauses) / args.tickets:.2f} per ticket)")
    print(f"{'implementation':<56}{'seconds':>10}{'vs loop':>10}")
    print(f"{'per-ticket evaluate_sla loop (sample, extrapolated)':<56}{t_loop:>10.2f}{1:>9.0f}x")
    print(f"{'evaluate_sla_frame (one C++ pass)':<56}{t:>10.3f}{t_loop / t:>9.0f}x")
    print(f"input columns {input_bytes / 2**20:,.0f} MiB; peak allocations during the call "
          f"{traced_peak / 2**20:,.0f} MiB ({traced_peak / input_bytes:.2f}x the input, output included); "
          f"resident set grew by {rss_peak / 2**20:,.0f} MiB during the first call (the allocator reuses the "
          f"memory freed after generating the data); process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB, data generation included")
    print("targets: under 1 s:", "met" if t < 1 else "NOT met",
          "| peak within 2x input:", "met" if traced_peak <= 2 * input_bytes else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
