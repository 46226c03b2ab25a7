"""vCIO budget benchmark (issue #14, budget half): mspcore.budget against a vectorised pandas
implementation of the same semantics.

Target: a 3-year budget for 5,000 clients at least 10x faster than a straightforward pandas
implementation, the ratio printed.

The data (numpy, fixed seed): 5,000 tenants with 3-9 initiatives each (about 30,000), in
calendar quarters 2026-Q1 .. 2028-Q2 (the last one after the horizon: beyond_horizon findings),
statuses proposed / approved / scheduled / done / declined, priorities 1-5, about a third
depending on one or two earlier initiatives of the same tenant (some scheduled before their
dependency, some depending on a declined one: findings); 1-3 cost lines each (about 60,000):
one-time (mostly capex) and recurring monthly / quarterly / annual (mostly opex), flat or
per_asset with counts 0-249, amounts in EUR as decimal text, one in ten per-asset amounts with
4 decimals (so the half-even rounding of each month's amount matters). Both sides get the same
two DataFrames: initiatives (id, tenant, title, quarter, priority, status, depends_on as text
"I-1, I-3") and cost lines (tenant, initiative, name, kind, period, basis, amount, count,
currency, category), the table shape a pandas user has; mspcore takes them as
``budget(initiatives, costs=costs, ...)``.

Timed (wall clock, best of N; CPU time of the same run beside it), 3 fiscal years from April,
price increase 3.5 % a year:
- mspcore: ``mspcore.budget(initiatives, years=3, fiscal_year_start=4, price_increase="3.5",
  costs=costs)`` plus ``.lines.to_pandas()``, ``.quarters.to_pandas()``,
  ``.fiscal_years.to_pandas()`` (amounts as decimal.Decimal objects) and ``len(.findings)``;
  and once more in a third process with ``.to_pandas("arrow")`` (amounts as exact Arrow
  decimal128 columns);
- pandas: merge the cost lines onto the initiatives, explode each recurring line into its
  billing months, compound the price increase per budget year, round each line's amount per
  month half-even in exact integer cents, groupby line x fiscal quarter, tenant x fiscal quarter
  and tenant x fiscal year (every quarter and year of the horizon per tenant, zero where nothing
  is paid), and the dependency findings with a merge. It implements docs/vcio-budget.md for
  this data shape: one currency, dependencies only on earlier initiatives (so no cycle to find)
  and all known, no lifecycle or contracts.

After timing, the results are compared field by field (lines: every field, amounts to the
cent and unit amounts exactly; quarters and fiscal years: the seven sums; findings: code,
tenant and initiative); any difference is printed and the script exits with status 1.

Each side runs in its own subprocess (the same data, generated again from the seed); peak
RSS is the process's resident-set high-water mark during the runs (reset after the data is
generated, so it includes the input DataFrames).

Run: python bench/bench_budget.py [--tenants N] [--repeats N]
"""
import argparse
import decimal
import pathlib
import pickle
import sys
import tempfile
import time
from fractions import Fraction

import numpy as np
import pandas as pd
from procmem import mib, run_child, timed_runs

YEARS, FISCAL_YEAR_START, PRICE_INCREASE = 3, 4, "3.5"
STATUSES = np.array(["proposed", "approved", "scheduled", "done", "declined"], dtype=object)
PERIODS = {"monthly": 1, "quarterly": 3, "annual": 12}
NAMES = np.array(["licences", "hardware", "project", "support", "backup", "security"], dtype=object)
TITLES = np.array(["Firewall refresh", "M365 E5 upgrade", "Backup to cloud", "Laptop rollout", "SIEM",
                   "Network segmentation", "Server migration", "MFA everywhere"], dtype=object)
SUMS = ["capex", "opex", "one_time", "recurring", "approved", "proposed", "total"]


# ---------------------------------------------------------------------------------------------
# Data

def _decimal_text(units: np.ndarray, places: np.ndarray) -> np.ndarray:
    """Decimal text of amounts in 1e-4 units, with 2 or 4 fraction digits (the dictionary of
    distinct values formatted once)."""
    key = units * 10 + places
    unique, inverse = np.unique(key, return_inverse=True)
    texts = []
    for k in unique.tolist():
        u, p = divmod(k, 10)
        texts.append(f"{u // 10000}.{u % 10000:04d}" if p == 4 else f"{u // 10000}.{u % 10000 // 100:02d}")
    return np.array(texts, dtype=object)[inverse]


def generate(tenants: int, seed: int = 20261127):
    """(initiatives, costs) DataFrames."""
    rng = np.random.default_rng(seed)
    per_tenant = rng.integers(3, 10, tenants)
    n = int(per_tenant.sum())
    t_idx = np.repeat(np.arange(tenants), per_tenant)
    k = np.arange(n) - np.repeat(np.cumsum(per_tenant) - per_tenant, per_tenant)  # 0-based within the tenant
    tenant_names = np.array([f"T{i:05d}" for i in range(tenants)], dtype=object)
    ids = np.array([f"I-{j + 1}" for j in range(int(per_tenant.max()))], dtype=object)

    # Quarters 2026-Q1 .. 2028-Q2, fewer later; 2028-Q2 is after the horizon (FY2026..FY2028 from April).
    weights = np.array([12, 12, 11, 11, 10, 10, 9, 8, 7, 6], dtype=float)
    q = rng.choice(len(weights), n, p=weights / weights.sum())
    quarters = np.array([f"{2026 + i // 4}-Q{i % 4 + 1}" for i in range(len(weights))], dtype=object)
    status = STATUSES[rng.choice(5, n, p=[0.35, 0.30, 0.10, 0.15, 0.10])]

    # Dependencies on earlier initiatives of the same tenant: no cycles, every id known.
    one = (k >= 1) & (rng.random(n) < 0.30)
    two = one & (k >= 2) & (rng.random(n) < 0.15)
    d1 = (rng.random(n) * np.maximum(k, 1)).astype(np.int64)
    d2 = (d1 + 1 + (rng.random(n) * np.maximum(k - 1, 1)).astype(np.int64)) % np.maximum(k, 1)
    depends = np.full(n, None, dtype=object)
    depends[one] = ids[d1[one]]
    both = two & (d2 != d1)
    depends[both] = ids[d1[both]] + ", " + ids[d2[both]]

    initiatives = pd.DataFrame({
        "id": ids[k], "tenant": tenant_names[t_idx], "title": TITLES[rng.integers(0, len(TITLES), n)],
        "quarter": quarters[q], "priority": rng.integers(1, 6, n), "status": status, "depends_on": depends})

    lines = rng.integers(1, 4, n)
    m = int(lines.sum())
    owner = np.repeat(np.arange(n), lines)
    one_time = rng.random(m) < 0.45
    period = np.where(one_time, None, np.array(list(PERIODS), dtype=object)[rng.choice(3, m, p=[0.6, 0.2, 0.2])])
    per_asset = rng.random(m) < 0.40
    count = np.where(per_asset, rng.integers(0, 250, m), np.nan)
    category = np.where(one_time, np.where(rng.random(m) < 0.8, "capex", "opex"),
                        np.where(rng.random(m) < 0.9, "opex", "capex")).astype(object)
    cents = np.where(per_asset, rng.integers(150, 12_000, m),
                     np.where(one_time, rng.integers(50_000, 5_000_000, m), rng.integers(2_000, 300_000, m)))
    fine = per_asset & (rng.random(m) < 0.10)  # 4 decimals: 2.4375 a seat
    units = np.where(fine, cents * 100 + rng.integers(1, 100, m), cents * 100)
    costs = pd.DataFrame({
        "tenant": initiatives["tenant"].to_numpy()[owner], "initiative": initiatives["id"].to_numpy()[owner],
        "name": NAMES[rng.integers(0, len(NAMES), m)], "kind": np.where(one_time, "one_time", "recurring").astype(object),
        "period": period, "basis": np.where(per_asset, "per_asset", "flat").astype(object),
        "amount": _decimal_text(units, np.where(fine, 4, 2)), "count": count,
        "currency": np.full(m, "EUR", dtype=object), "category": category})
    return initiatives, costs


# ---------------------------------------------------------------------------------------------
# The pandas reference

def div_half_even(numerator, denominator):
    """numerator / denominator rounded half-even to an integer, exact (int64, denominator > 0)."""
    q, r = np.divmod(numerator, denominator)
    twice = 2 * r
    return q + ((twice > denominator) | ((twice == denominator) & (q % 2 == 1)))


def _month_of(quarter: pd.Series) -> np.ndarray:
    """Months since year 0 of a calendar quarter's first month ("2027-Q2" -> 2027 * 12 + 3)."""
    return quarter.str[:4].astype(np.int64).to_numpy() * 12 + (quarter.str[6].astype(np.int64).to_numpy() - 1) * 3


def pandas_budget(initiatives: pd.DataFrame, costs: pd.DataFrame, years: int, fys: int, increase: str):
    """(lines, quarters, fiscal_years, findings) DataFrames; money in integer cents."""
    ini = initiatives.assign(month=_month_of(initiatives["quarter"]), order=np.arange(len(initiatives)))
    active = ini[ini["status"] != "declined"]
    earliest = int(active["month"].min())
    year, month = divmod(earliest, 12)
    first_fy = year if fys == 1 or month + 1 < fys else year + 1
    start = first_fy * 12 if fys == 1 else (first_fy - 1) * 12 + fys - 1
    months = years * 12

    c = costs.assign(cost=costs.groupby(["tenant", "initiative"], sort=False).cumcount())
    c = c.merge(active[["tenant", "id", "status", "month", "order"]], left_on=["tenant", "initiative"],
                right_on=["tenant", "id"], how="inner", validate="many_to_one")
    c = c.sort_values(["order", "cost"], ignore_index=True)  # the core's order: initiative, cost
    rel = c["month"].to_numpy() - start
    beyond = rel >= months
    findings = [pd.DataFrame({"code": "beyond_horizon", "tenant": c["tenant"][beyond], "initiative": c["id"][beyond]})]
    c, rel = c[~beyond].reset_index(drop=True), rel[~beyond]

    # One row per line and billing month.
    every = np.where(c["kind"].to_numpy() == "one_time", months, c["period"].map(PERIODS).fillna(0).to_numpy(np.int64))
    paid = (months - rel + every - 1) // every
    row = np.repeat(np.arange(len(c)), paid)
    m = rel[row] + (np.arange(len(row)) - np.repeat(np.cumsum(paid) - paid, paid)) * every[row]
    y = m // 12

    # amount x count x (1 + p/100)^y in cents, exact: amounts have at most 4 decimals.
    units = (pd.to_numeric(c["amount"]) * 10_000).round().to_numpy(np.int64)
    count = c["count"].fillna(1).to_numpy(np.int64)
    step = 1 + Fraction(increase) / 100
    num = np.array([(step ** k).numerator for k in range(years)], dtype=np.int64)
    den = np.array([(step ** k).denominator for k in range(years)], dtype=np.int64)
    base = units * count
    assert int(base.max()) * int(num.max()) * 100 < 2**63, "amounts too large for int64 cents"
    cents = div_half_even(base[row] * num[y] * 100, den[y] * 10_000)  # the one rounding per line and month

    fy = first_fy + y
    fq = (m % 12) // 3 + 1
    per = pd.DataFrame({"line": row, "fy": fy, "fq": fq, "cents": cents})
    g = per.groupby(["line", "fy", "fq"], sort=True)["cents"].sum().reset_index()
    src = c.iloc[g["line"].to_numpy()].reset_index(drop=True)
    approved = src["status"].isin(["approved", "scheduled", "done"]).to_numpy()
    lines = pd.DataFrame({
        "tenant": src["tenant"], "initiative": src["id"], "cost": src["cost"], "name": src["name"],
        "status": src["status"], "approval": np.where(approved, "approved", "proposed"), "kind": src["kind"],
        "period": src["period"], "basis": src["basis"], "category": src["category"], "unit_units": units[g["line"]],
        "count": count[g["line"]], "fiscal_year": "FY" + g["fy"].astype(str),
        "fiscal_quarter": "FY" + g["fy"].astype(str) + "-Q" + g["fq"].astype(str), "amount": g["cents"]})

    # Totals per tenant and fiscal quarter / year, from the lines.
    sums = pd.DataFrame({
        "tenant": src["tenant"], "fy": g["fy"], "fq": g["fq"],
        "capex": np.where(src["category"] == "capex", g["cents"], 0),
        "opex": np.where(src["category"] == "opex", g["cents"], 0),
        "one_time": np.where(src["kind"] == "one_time", g["cents"], 0),
        "recurring": np.where(src["kind"] == "recurring", g["cents"], 0),
        "approved": np.where(approved, g["cents"], 0), "proposed": np.where(approved, 0, g["cents"]),
        "total": g["cents"]})
    tenants = np.sort(active["tenant"].unique())
    fys_all = np.arange(first_fy, first_fy + years)
    every_quarter = pd.MultiIndex.from_product([tenants, fys_all, [1, 2, 3, 4]], names=["tenant", "fy", "fq"])
    quarters = sums.groupby(["tenant", "fy", "fq"])[SUMS].sum().reindex(every_quarter, fill_value=0).reset_index()
    quarters.insert(1, "fiscal_year", "FY" + quarters["fy"].astype(str))
    quarters.insert(2, "fiscal_quarter", quarters["fiscal_year"] + "-Q" + quarters["fq"].astype(str))
    every_year = pd.MultiIndex.from_product([tenants, fys_all], names=["tenant", "fy"])
    fiscal_years = sums.groupby(["tenant", "fy"])[SUMS].sum().reindex(every_year, fill_value=0).reset_index()
    fiscal_years.insert(1, "fiscal_year", "FY" + fiscal_years["fy"].astype(str))

    # Dependency findings: depending on a declined initiative, or landing before a dependency.
    deps = ini[["tenant", "id", "status", "month", "depends_on"]].dropna(subset=["depends_on"])
    deps = deps.assign(dep=deps["depends_on"].str.split(",")).explode("dep")
    deps["dep"] = deps["dep"].str.strip()
    deps = deps[deps["status"] != "declined"].merge(
        ini[["tenant", "id", "status", "month"]], left_on=["tenant", "dep"], right_on=["tenant", "id"],
        suffixes=("", "_dep"), how="left", validate="many_to_one")
    assert deps["id_dep"].notna().all(), "the reference assumes every dependency is known"
    declined = deps["status_dep"] == "declined"
    before = ~declined & (deps["month"] < deps["month_dep"])
    findings += [pd.DataFrame({"code": "depends_on_declined", "tenant": deps["tenant"][declined],
                               "initiative": deps["id"][declined]}),
                 pd.DataFrame({"code": "scheduled_before_dependency", "tenant": deps["tenant"][before],
                               "initiative": deps["id"][before]})]
    return lines, quarters, fiscal_years, pd.concat(findings, ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Both sides in one comparable form

LINE_KEYS = ["tenant", "initiative", "cost", "fiscal_quarter"]
LINE_FIELDS = ["name", "status", "approval", "kind", "period", "basis", "category", "unit_amount", "count",
               "fiscal_year", "amount"]
QUARTER_KEYS = ["tenant", "fiscal_quarter"]
YEAR_KEYS = ["tenant", "fiscal_year"]
FINDING_KEYS = ["code", "tenant", "initiative", "n"]


def _exact(values, places: int) -> np.ndarray:
    """Decimal amounts (or their text) -> int64 in units of 10^-places; finer amounts fail."""
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        scaled = decimal.Decimal(v).scaleb(places)
        out[i] = int(scaled)
        if scaled != int(out[i]):
            raise AssertionError(f"amount {v} has more than {places} decimals")
    return out


def _text(series) -> np.ndarray:
    return np.asarray(series.astype(object).where(series.notna(), "").astype(str), dtype=object)


def _findings(frame) -> pd.DataFrame:
    f = frame[["code", "tenant", "initiative"]].astype(str)
    return f.groupby(["code", "tenant", "initiative"]).size().rename("n").reset_index()


def normalize_mspcore(lines, quarters, years, findings):
    out_lines = pd.DataFrame({
        **{k: _text(lines[k]) for k in ("tenant", "initiative", "name", "status", "approval", "kind", "period",
                                        "basis", "category", "fiscal_year", "fiscal_quarter")},
        "cost": lines["cost"].to_numpy(np.int64), "count": lines["count"].to_numpy(np.int64),
        "unit_amount": _exact(lines["unit_amount"].tolist(), 4), "amount": _exact(lines["amount"].tolist(), 2)})

    def totals(frame, keys):
        return pd.DataFrame({**{k: _text(frame[k]) for k in keys},
                             **{s: _exact(frame[s].tolist(), 2) for s in SUMS}})
    return out_lines, totals(quarters, QUARTER_KEYS), totals(years, YEAR_KEYS), _findings(findings)


def normalize_pandas(lines, quarters, years, findings):
    out_lines = pd.DataFrame({
        **{k: _text(lines[k]) for k in ("tenant", "initiative", "name", "status", "approval", "kind", "period",
                                        "basis", "category", "fiscal_year", "fiscal_quarter")},
        "cost": lines["cost"].to_numpy(np.int64), "count": lines["count"].to_numpy(np.int64),
        "unit_amount": lines["unit_units"].to_numpy(np.int64), "amount": lines["amount"].to_numpy(np.int64)})

    def totals(frame, keys):
        return pd.DataFrame({**{k: _text(frame[k]) for k in keys}, **{s: frame[s].to_numpy(np.int64) for s in SUMS}})
    return out_lines, totals(quarters, QUARTER_KEYS), totals(years, YEAR_KEYS), _findings(findings)


def differences(name, ours, ref, keys, fields, limit=5) -> list:
    """Lines describing the first differences between mspcore (ours) and pandas (ref)."""
    ours = ours.sort_values(keys, ignore_index=True)
    ref = ref.sort_values(keys, ignore_index=True)
    if len(ours) == len(ref) and all(np.array_equal(ours[c].to_numpy(), ref[c].to_numpy()) for c in keys + fields):
        return []
    both = ours.merge(ref, on=keys, how="outer", suffixes=("_mspcore", "_pandas"), indicator=True)
    differ = both["_merge"] != "both"
    for c in fields:
        differ |= both[f"{c}_mspcore"].to_numpy() != both[f"{c}_pandas"].to_numpy()
    bad = both[differ]
    out = [f"{name}: mspcore {len(ours):,} rows, pandas {len(ref):,} rows, {len(bad):,} differ"
           " (money in cents, unit amounts in 1e-4)"]
    for _, row in bad.head(limit).iterrows():
        where = {"left_only": "only in mspcore", "right_only": "only in pandas", "both": "both"}[row["_merge"]]
        values = ", ".join(f"{c}: {row[f'{c}_mspcore']} vs {row[f'{c}_pandas']}" for c in fields
                           if row["_merge"] != "both" or row[f"{c}_mspcore"] != row[f"{c}_pandas"])
        out.append(f"  {tuple(row[k] for k in keys)} ({where}): {values}")
    return out


# ---------------------------------------------------------------------------------------------
# Measuring

def child(side: str, args) -> None:
    """Generate, time one side best of N, record peak memory, save comparable results."""
    t = time.perf_counter()
    initiatives, costs = generate(args.tenants, args.seed)
    generation = time.perf_counter() - t
    if side.startswith("mspcore"):
        import mspcore as msp

        money = side.split(":")[1]

        def run():
            res = msp.budget(initiatives, years=YEARS, fiscal_year_start=FISCAL_YEAR_START,
                             price_increase=PRICE_INCREASE, costs=costs)
            len(res.findings)
            return (res.lines.to_pandas(money), res.quarters.to_pandas(money), res.fiscal_years.to_pandas(money),
                    res)
    else:
        def run():
            return pandas_budget(initiatives, costs, YEARS, FISCAL_YEAR_START, PRICE_INCREASE)

    out, summary = timed_runs(run, args.repeats)
    summary.update(generation=generation, initiatives=len(initiatives), costs=len(costs))
    if side.startswith("mspcore"):
        lines, quarters, years, res = out
        summary["first_fiscal_year"] = res.first_fiscal_year
        frames = normalize_mspcore(lines, quarters, years, pd.DataFrame(list(res.findings)))
    else:
        frames = normalize_pandas(*out)
    with open(args.out, "wb") as f:
        pickle.dump({"summary": summary, "frames": frames}, f, protocol=pickle.HIGHEST_PROTOCOL)


def spawn(side: str, args, tmp: pathlib.Path) -> dict:
    return run_child(__file__, side, ["--tenants", args.tenants, "--repeats", args.repeats, "--seed", args.seed], tmp)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tenants", type=int, default=5_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--child", choices=("mspcore:decimal", "mspcore:arrow", "pandas"), help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        ref = spawn("pandas", args, pathlib.Path(tmp))
        ours = spawn("mspcore:decimal", args, pathlib.Path(tmp))
        arrow = spawn("mspcore:arrow", args, pathlib.Path(tmp))
    p, m, ar = ref["summary"], ours["summary"], arrow["summary"]
    lines, quarters, years, findings = ours["frames"]

    print(f"vCIO budget: {args.tenants:,} tenants, {m['initiatives']:,} initiatives, {m['costs']:,} cost lines; "
          f"{YEARS} fiscal years from month {FISCAL_YEAR_START} ({m['first_fiscal_year']} on), "
          f"price increase {PRICE_INCREASE} % a year")
    print(f"data generation {p['generation']:.2f} s per process (not timed); each side in its own process, "
          f"wall time best of {args.repeats}")
    print(f"{'implementation':<66}{'wall s':>8}{'cpu s':>8}{'peak RSS MiB':>14}{'speed-up':>10}")
    for name, s in (("pandas: merge, explode months, groupby (exact integer cents)", p),
                    ("mspcore.budget + .to_pandas() (amounts: Decimal objects)", m),
                    ('mspcore.budget + .to_pandas("arrow") (amounts: Arrow decimal128)', ar)):
        print(f"{name:<66}{s['wall']:>8.3f}{s['cpu']:>8.3f}{mib(s['peak_rss']):>14}{p['wall'] / s['wall']:>10.1f}x")
    print("speed-up = pandas wall time / this wall time")
    print(f"all runs (s): pandas {', '.join(f'{w:.3f}' for w in p['walls'])}; "
          f"mspcore {', '.join(f'{w:.3f}' for w in m['walls'])}; arrow {', '.join(f'{w:.3f}' for w in ar['walls'])}")
    print(f"peak RSS = the process's high-water mark during the runs, inputs included (inputs and interpreter: "
          f"pandas process {mib(p['base_rss'])} MiB, mspcore processes {mib(m['base_rss'])} and "
          f"{mib(ar['base_rss'])} MiB)")
    codes = findings.groupby("code")["n"].sum()
    print(f"results: {len(lines):,} lines, {len(quarters):,} tenant quarters, {len(years):,} tenant fiscal years, "
          f"findings {', '.join(f'{k} {v:,}' for k, v in codes.items())}")

    problems = []
    for name, keys, fields, a, b in (
            ("lines", LINE_KEYS, LINE_FIELDS, lines, ref["frames"][0]),
            ("quarters", QUARTER_KEYS, SUMS, quarters, ref["frames"][1]),
            ("fiscal_years", YEAR_KEYS, SUMS, years, ref["frames"][2]),
            ("findings", FINDING_KEYS[:3], FINDING_KEYS[3:], findings, ref["frames"][3])):
        problems += differences(name, a, b, keys, fields)
    for name, keys, fields, k in (("lines (arrow)", LINE_KEYS, LINE_FIELDS, 0), ("quarters (arrow)", QUARTER_KEYS, SUMS, 1),
                                  ("fiscal_years (arrow)", YEAR_KEYS, SUMS, 2)):
        problems += differences(name, arrow["frames"][k], ref["frames"][k], keys, fields)
    if problems:
        print("RESULTS DISAGREE:")
        print("\n".join(problems))
    else:
        print("results agree: every line field, the seven sums of every tenant quarter and fiscal year (to the "
              "cent) and the findings are identical")
    for what, s in (("Decimal objects", m), ("Arrow decimal128", ar)):
        ratio = p["wall"] / s["wall"]
        print(f"target: mspcore >= 10x the pandas implementation ({what}): {'met' if ratio >= 10 else 'NOT met'} "
              f"({ratio:.1f}x)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
