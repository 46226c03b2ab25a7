"""CVSS scoring: mspcore against the PyPI `cvss` package (Red Hat's reference implementation).

Generates N CVSS v3.1 and N CVSS v4.0 vectors from random metric values (seeded: mandatory
metrics always, each optional metric with probability 1/2, as bench_cvss.cpp does), then times

  * mspcore.cvss_score_many on the whole column (a list of str, and a numpy str array),
  * mspcore.cvss_score called once per vector (a dict per vector),
  * the `cvss` package, CVSS3(v) / CVSS4(v) per vector: on a sample (default 20,000) and
    extrapolated to N, unless --full,

checks that both give identical scores on the sample, and prints times and ratios.

    .venv/bin/pip install -r bench/requirements.txt     # the `cvss` package: benchmark only
    PYTHONPATH=build/cvss-rel/python .venv/bin/python bench/bench_cvss.py [--n 1000000]
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import time

import numpy as np

import mspcore

V31 = [
    ("AV", "NALP", True), ("AC", "LH", True), ("PR", "NLH", True), ("UI", "NR", True), ("S", "UC", True),
    ("C", "HLN", True), ("I", "HLN", True), ("A", "HLN", True),
    ("E", "XUPFH", False), ("RL", "XOTWU", False), ("RC", "XURC", False),
    ("CR", "XLMH", False), ("IR", "XLMH", False), ("AR", "XLMH", False),
    ("MAV", "XNALP", False), ("MAC", "XLH", False), ("MPR", "XNLH", False), ("MUI", "XNR", False),
    ("MS", "XUC", False), ("MC", "XNLH", False), ("MI", "XNLH", False), ("MA", "XNLH", False),
]
V40 = [
    ("AV", "NALP", True), ("AC", "LH", True), ("AT", "NP", True), ("PR", "NLH", True), ("UI", "NPA", True),
    ("VC", "HLN", True), ("VI", "HLN", True), ("VA", "HLN", True),
    ("SC", "HLN", True), ("SI", "HLN", True), ("SA", "HLN", True),
    ("E", "XAPU", False), ("CR", "XHML", False), ("IR", "XHML", False), ("AR", "XHML", False),
    ("MAV", "XNALP", False), ("MAC", "XLH", False), ("MAT", "XNP", False), ("MPR", "XNLH", False),
    ("MUI", "XNPA", False), ("MVC", "XHLN", False), ("MVI", "XHLN", False), ("MVA", "XHLN", False),
    ("MSC", "XHLN", False), ("MSI", "XSHLN", False), ("MSA", "XSHLN", False),
    ("S", "XNP", False), ("AU", "XNY", False), ("R", "XAUI", False), ("V", "XDC", False),
    ("RE", "XLMH", False), ("U", ("X", "Clear", "Green", "Amber", "Red"), False),
]
V3_TEMPORAL = {"E", "RL", "RC"}
V3_ENVIRONMENTAL = {"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"}


def generate(prefix: str, metrics, n: int, rng: np.random.Generator) -> list[str]:
    columns = []
    for name, values, mandatory in metrics:
        fields = np.array([f"/{name}:{v}" for v in values] + [""], dtype=object)
        index = rng.integers(0, len(values), size=n)
        if not mandatory:
            index[rng.random(n) < 0.5] = len(values)  # left out
        columns.append(fields[index])
    return [prefix + "".join(row) for row in zip(*columns)]


def best_of(repeats: int, fn) -> float:
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def reference_score(vector: str, cls):
    """The score the `cvss` package gives, picked as mspcore's "score" is (see cvss_score)."""
    c = cls(vector)
    if vector.startswith("CVSS:4.0/"):
        return c.base_score, c.severity
    base, temporal, environmental = c.scores()
    given = {f.split(":")[0] for f in vector.split("/")[1:] if not f.endswith(":X")}
    if given & V3_ENVIRONMENTAL:
        return environmental, c.severities()[2]
    if given & V3_TEMPORAL:
        return temporal, c.severities()[1]
    return base, c.severities()[0]


def fmt_rate(n: int, seconds: float) -> str:
    return f"{seconds:8.3f} s  {n / seconds / 1e6:7.3f} M vectors/s  {seconds / n * 1e9:9.0f} ns/vector"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="vectors per version (default 1,000,000)")
    parser.add_argument("--sample", type=int, default=20_000, help="vectors timed with the cvss package")
    parser.add_argument("--full", action="store_true", help="time the cvss package on all N vectors")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    try:
        import cvss
        from cvss import CVSS3, CVSS4
    except ImportError:
        raise SystemExit("the `cvss` package is needed: .venv/bin/pip install -r bench/requirements.txt")

    rng = np.random.default_rng(args.seed)
    print(f"CVSS scoring: mspcore {mspcore.__version__} vs cvss {getattr(cvss, '__version__', '?')} (PyPI)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          "timings are best of 3 for mspcore, one run for cvss")
    for label, prefix, metrics, cls in (("v3.1", "CVSS:3.1", V31, CVSS3), ("v4.0", "CVSS:4.0", V40, CVSS4)):
        vectors = generate(prefix, metrics, args.n, rng)
        column = np.array(vectors)
        n = len(vectors)
        print(f"\n{label}: {n:,} vectors, e.g. {vectors[0]}")

        scores, status = mspcore.cvss_score_many(vectors)
        assert (status == 0).all(), "a generated vector was rejected"
        t_batch = best_of(3, lambda: mspcore.cvss_score_many(vectors))
        t_numpy = best_of(3, lambda: mspcore.cvss_score_many(column))
        t_single = best_of(1, lambda: [mspcore.cvss_score(v) for v in vectors])

        sample = vectors[: min(args.sample, n)] if not args.full else vectors
        t0 = time.perf_counter()
        reference = [reference_score(v, cls) for v in sample]
        t_sample = time.perf_counter() - t0
        t_cvss = t_sample * n / len(sample)
        how = "measured on all vectors" if len(sample) == n else f"extrapolated from a {len(sample):,}-vector sample"

        # Identical scores (and severities) on the sample, from both mspcore entry points.
        mismatches = 0
        for i, (v, (ref_score, ref_severity)) in enumerate(zip(sample, reference)):
            d = mspcore.cvss_score(v)
            if d["score"] != ref_score or d["severity"] != ref_severity or scores[i] != ref_score:
                mismatches += 1
                if mismatches <= 5:
                    print(f"  MISMATCH {v}: mspcore {d} / batch {scores[i]}, cvss {ref_score} {ref_severity}")
        print(f"  identical scores on the {len(sample):,}-vector sample: "
              f"{'yes' if mismatches == 0 else f'NO, {mismatches} differ'}")

        print(f"  mspcore.cvss_score_many(list)   {fmt_rate(n, t_batch)}")
        print(f"  mspcore.cvss_score_many(numpy)  {fmt_rate(n, t_numpy)}")
        print(f"  mspcore.cvss_score per vector   {fmt_rate(n, t_single)}")
        print(f"  cvss {cls.__name__}(v) per vector      {fmt_rate(n, t_cvss)}  ({how})")
        print(f"  ratio cvss / cvss_score_many(list):  {t_cvss / t_batch:8.0f}x")
        print(f"  ratio cvss / cvss_score_many(numpy): {t_cvss / t_numpy:8.0f}x")
        print(f"  ratio cvss / cvss_score per vector:  {t_cvss / t_single:8.0f}x")


if __name__ == "__main__":
    main()
