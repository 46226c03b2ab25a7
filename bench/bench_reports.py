"""Client reports end to end (issue #15): the QBR model, the PowerPoint deck and the PDF of 500
clients, with the time per report and the share spent outside mspcore's own code.

The data: the demo generator (docs/demo-data.md) with --clients clients and 150 assets each,
tickets, alerts, contracts, roadmaps and standards answers in SQLite (generated first, not
timed). Timed per client (wall clock): the model (mspcore.demo.qbr.client_model: every section
computed by the library from the store), the deck (mspcore.export.qbr_deck) and the PDF
(mspcore.export.qbr_pdf: Jinja2 + WeasyPrint). Printed: per stage the mean, median and 95th
percentile per report, the total, and reports per minute.

The share outside mspcore: a sample of the reports runs again under cProfile, and each
function's own time is attributed to mspcore (python/mspcore/** and the C++ extension's calls)
or to the rest (python-pptx, WeasyPrint and its font and PDF libraries, Jinja2, pandas, numpy,
sqlite3, the standard library). There is no comparison package for this benchmark: the
share is the comparison, it says how much of a report's time mspcore could still win back.

Run: python bench/bench_reports.py [--clients 500] [--profile-sample 20] [--out DIR]
"""
import argparse
import cProfile
import pathlib
import pstats
import statistics
import tempfile
import time

import mspcore
from mspcore import demo
from mspcore.demo.qbr import client_model
from mspcore.export import qbr_deck, qbr_pdf

PACKAGE = str(pathlib.Path(mspcore.__file__).resolve().parent)


def stats(values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"mean {statistics.fmean(values):6.3f} s  median {statistics.median(values):6.3f} s  p95 {p95:6.3f} s"


def one_report(db, tenant, out):
    t0 = time.perf_counter()
    model = client_model(db, tenant)
    t1 = time.perf_counter()
    qbr_deck(model, out / f"{tenant}.pptx")
    t2 = time.perf_counter()
    qbr_pdf(model, out / f"{tenant}.pdf")
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def ours(filename: str, function: str) -> bool:
    """Own time of mspcore: its Python files and the calls into its C++ extension. Builtins that
    mspcore's Python calls (list.append, ...) count as outside: the share is a lower bound."""
    return filename.startswith(PACKAGE) or "mspcore._core" in function


def profile_share(db, tenants, out):
    profiler = cProfile.Profile()
    profiler.enable()
    for tenant in tenants:
        one_report(db, tenant, out)
    profiler.disable()
    mine = total = 0.0
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in pstats.Stats(profiler).stats.items():
        total += tottime
        if ours(filename, function):
            mine += tottime
    return mine, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--profile-sample", type=int, default=20)
    parser.add_argument("--out", type=pathlib.Path)
    args = parser.parse_args()
    out = args.out or pathlib.Path(tempfile.mkdtemp(prefix="bench-reports-"))
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "demo.db"
    t = time.perf_counter()
    demo.generate(db_path, seed=11, clients=args.clients, assets=150 * args.clients)
    print(f"demo: {args.clients} clients, {150 * args.clients} assets generated in {time.perf_counter() - t:.1f} s "
          f"(not timed below)")
    with demo.open_demo(db_path) as db:
        tenants = db.tenants()
        model_t, deck_t, pdf_t = [], [], []
        start = time.perf_counter()
        for tenant in tenants:
            m, d, p = one_report(db, tenant, out)
            model_t.append(m)
            deck_t.append(d)
            pdf_t.append(p)
        wall = time.perf_counter() - start
        per_report = [a + b + c for a, b, c in zip(model_t, deck_t, pdf_t)]
        print(f"\n{len(tenants)} client reports (model + PPTX + PDF) in {wall:.1f} s: "
              f"{60 * len(tenants) / wall:.1f} reports per minute on one core")
        for name, values in (("model", model_t), ("deck ", deck_t), ("pdf  ", pdf_t), ("all  ", per_report)):
            print(f"  {name} {stats(values)}  total {sum(values):7.1f} s")
        sample = tenants[: args.profile_sample]
        mine, total = profile_share(db, sample, out)
        print(f"\nprofiled {len(sample)} reports: {total:.1f} s of function time, {mine:.1f} s in mspcore "
              f"({100 * mine / total:.1f} %), {total - mine:.1f} s outside it ({100 * (total - mine) / total:.1f} %: "
              "python-pptx, WeasyPrint, Jinja2, pandas, the standard library)")
    print(f"\nfiles in {out}")


if __name__ == "__main__":
    main()
