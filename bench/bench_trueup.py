"""True-up reconciliation benchmark (issue #4): mspcore.reconcile against pandas merge + groupby.

Target: reconcile 10,000 tenants x 30 SKUs x 4 sources (300,000 contract lines, 1,200,000
observations) in under 2 seconds on one core, with a peak memory under 1 GiB.

The data (numpy, fixed seed): one contract line per tenant and SKU, 60 % flexible lines billed
monthly and 40 % NCE annual lines (term_end one year after term_start, billed monthly or
annually), some with commitment_minimum (some of them at their floor), a few with
tolerance_units or tolerance_percent, unit prices as decimal strings in EUR; and four
observations per tenant and SKU without unit detail: vendor (purchased), license and rmm
(assigned), billing (billed), near the contract quantity with noise, all before the run's
as_of 2024-06-12T00:00:00Z. Both sides get the same two DataFrames.

Timed (wall clock, best of 3; CPU time of the same run beside it):
- mspcore: ``mspcore.reconcile(contracts, observations, as_of)`` plus
  ``.deviations.to_pandas()`` and ``.proposals.to_pandas()``;
- pandas: a merge + groupby pipeline (vectorised, no per-row Python) producing the same two
  DataFrames, money as exact integer cents (half-even rounding in integer arithmetic).

The pandas reference implements the semantics of docs/contract-trueup.md for this data shape
only: no unit-level detail, one active line per tenant and SKU, every observed pair has a line,
actual-day proration, true-down policy 'immediate', advance billing, flexible lines without
term_end. Within that shape it is complete, proposal amounts included (exact proration over
the billing periods of [effective_date, prorated_to): flexible lines to the end of the current
billing period, NCE lines to the end of the term, deferred NCE decreases over the next term).
After timing, the results are compared field by field (deviations: kind, gap, the three
quantities, monthly and annual value; proposals: action, delta, quantity after, effective
date, deferred_until, prorated_to, amount, rule, limited_by_commitment; held changes); any
difference is printed and the script exits with status 1.

Each side runs in its own subprocess (the same data, generated again from the seed) so that
memory is separated: the peak is the process's resident-set high-water mark (VmHWM, reset
after the data is generated), so it includes the input DataFrames. A third process makes one
more, untimed mspcore run split into stages (it wraps mspcore._core._reconcile for the
duration): Python column preparation, binding conversion, the C++ reconcile core (the window
in which the binding releases the GIL, seen from a sampling thread, with the main thread's
CPU clock), the conversion of the result to Python (with its JSON parts when the result
travels as JSON), to_pandas; with time in Python's cyclic GC and RSS growth per stage.

Run: python bench/bench_trueup.py [--tenants N] [--repeats N] [--no-stages]
"""
import argparse
import decimal
import gc
import inspect
import json
import pathlib
import pickle
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np
import pandas as pd
from procmem import mib, reset_hwm, rss, run_child, timed_runs, vm_hwm

AS_OF = pd.Timestamp("2024-06-12T00:00:00Z")
SOURCES = ("vendor", "license", "rmm", "billing")
KINDS = ("revenue_leakage", "refund_risk", "shelfware", "unlicensed")
MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}
NCE_WINDOW_SECONDS = 168 * 3600


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic on int64 day numbers (days since 1970-01-01), vectorised. It mirrors
# src/contract/date_math.hpp and trueup_terms.cpp; the generator and the pandas reference use it.

_DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _civil(days):
    """(year, month 1-12, day) of day numbers (H. Hinnant's civil_from_days, integer only)."""
    z = np.asarray(days, dtype=np.int64) + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    month = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (month <= 2), month, doy - (153 * mp + 2) // 5 + 1


def _from_civil(year, month, day):
    year = year - (month <= 2)
    era = year // 400
    yoe = year - era * 400
    doy = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def _month_and_day(days):
    """(months since year 0, day of the month)."""
    year, month, day = _civil(days)
    return year * 12 + month - 1, day


def add_months(days, months):
    """days + months calendar months; a day past the end of the month becomes its last day."""
    index, day = _month_and_day(days)
    year, month0 = np.divmod(index + months, 12)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    length = _DAYS_IN_MONTH[month0] + ((month0 == 1) & leap)
    return _from_civil(year, month0 + 1, np.minimum(day, length))


def months_elapsed(anchor, day):
    """Calendar months from anchor to the latest anchor date (anchor + k months) not after day."""
    months = _month_and_day(day)[0] - _month_and_day(anchor)[0]
    return months - (add_months(anchor, months) > day)


def range_containing(anchor, step, day):
    """[start, end) of the step-month range anchored at anchor that contains day."""
    k = months_elapsed(anchor, day) // step  # floor division, as in C++
    return add_months(anchor, k * step), add_months(anchor, (k + 1) * step)


def div_half_even(numerator, denominator):
    """numerator / denominator rounded half-even to an integer, exact (int64, denominator > 0)."""
    q, r = np.divmod(numerator, denominator)
    twice = 2 * r
    return q + ((twice > denominator) | ((twice == denominator) & (q % 2 == 1)))


def _day(text: str) -> int:
    return int(np.datetime64(text, "D").astype(np.int64))


# ---------------------------------------------------------------------------------------------
# Data

def generate(tenants: int, skus: int, seed: int = 20240612):
    """(contracts, observations) DataFrames: one line per tenant and SKU, 4 observations each."""
    rng = np.random.default_rng(seed)
    n = tenants * skus
    t_idx = np.repeat(np.arange(tenants), skus)
    s_idx = np.tile(np.arange(skus), tenants)
    tenant_names = np.array([f"T{i:05d}" for i in range(tenants)], dtype=object)[t_idx]
    sku_names = np.array([f"SKU-{j:03d}" for j in range(skus)], dtype=object)[s_idx]
    today = _day(str(AS_OF.date()))

    nce = rng.random(n) < 0.4
    annual = nce & (rng.random(n) < 0.3)  # NCE annual terms paid annually, else monthly
    # Flexible lines started in the last 3.5 years; NCE lines in the last two years, 5 % of them
    # in the last 10 days (inside the 168-hour window, and its edge: 2024-06-05 is just out).
    start = np.where(nce, today - rng.integers(0, 730, n), today - rng.integers(0, 1280, n))
    start = np.where(nce & (rng.random(n) < 0.05), today - rng.integers(0, 10, n), start)
    month, day = _month_and_day(start)
    feb29 = nce & (day == 29) & ((month % 12) == 1)
    start = start - feb29  # an NCE term must be whole months: no Feb 29 (no anniversary)
    end = np.where(nce, add_months(start, 12), np.iinfo(np.int64).min)

    quantity = 1 + np.minimum(rng.geometric(0.04, n), 400)
    list_cents = rng.integers(150, 4500, skus)[s_idx]
    discount = rng.integers(0, 21, tenants)[t_idx]  # whole percent per tenant
    cents = list_cents * (100 - discount) // 100
    cents = np.where(annual, cents * 12 * 9 // 10, cents)  # annual prepay: 10 % off, per year
    unique, inverse = np.unique(cents, return_inverse=True)
    prices = np.array([f"{c // 100}.{c % 100:02d}" for c in unique], dtype=object)[inverse]

    with_minimum = (nce & (rng.random(n) < 0.5)) | (~nce & (rng.random(n) < 0.1))
    minimum = quantity - rng.integers(0, quantity // 2 + 1)  # some at the floor already
    tol_units = np.where(rng.random(n) < 0.05, rng.integers(1, 4, n), -1)
    tol_percent = np.array([None, "5", "2.5", "10"], dtype=object)[
        np.where(rng.random(n) < 0.03, rng.integers(1, 4, n), 0)]

    contracts = pd.DataFrame({
        "tenant": tenant_names,
        "contract_id": np.array([f"C-{i:05d}" for i in range(tenants)], dtype=object)[t_idx],
        "line_id": np.array([f"L{j:03d}" for j in range(skus)], dtype=object)[s_idx],
        "sku": sku_names,
        "quantity": quantity,
        "unit_price": prices,
        "currency": np.full(n, "EUR", dtype=object),
        "billing_period": np.where(annual, "annual", "monthly").astype(object),
        "term_start": start.astype("datetime64[D]").astype("datetime64[s]"),
        "term_end": np.where(nce, end, np.iinfo(np.int64).min).astype("datetime64[D]").astype("datetime64[s]"),
        "term_kind": np.where(nce, "nce_annual", "flexible").astype(object),
        "commitment_minimum": np.where(with_minimum, minimum, np.nan),
        "tolerance_units": np.where(tol_units >= 0, tol_units, np.nan),
        "tolerance_percent": tol_percent,
    })

    def noisy(base, p_same, spread):
        step = rng.integers(1, np.maximum(2, (base * spread).astype(np.int64) + 2))
        sign = np.where(rng.random(n) < 0.5, -1, 1)
        return np.maximum(0, np.where(rng.random(n) < p_same, base, base + sign * step))

    vendor = noisy(quantity, 0.75, 0.10)
    licence = noisy(quantity, 0.55, 0.15)
    rmm = np.where(rng.random(n) < 0.7, licence, noisy(licence, 0.0, 0.05))
    billing = noisy(quantity, 0.80, 0.10)
    snapshot = int(AS_OF.timestamp()) - np.array([22 * 3600, 20 * 3600, 26 * 3600, 11 * 86400])
    as_of = np.concatenate([snapshot[k] + rng.integers(0, 3600, n) for k in range(4)])
    observations = pd.DataFrame({
        "tenant": np.tile(tenant_names, 4),
        "sku": np.tile(sku_names, 4),
        "source": np.repeat(np.array(SOURCES, dtype=object), n),
        "quantity": np.concatenate([vendor, licence, rmm, billing]),
        "as_of": pd.to_datetime(as_of, unit="s", utc=True),
    })
    return contracts, observations


# ---------------------------------------------------------------------------------------------
# The pandas reference

def pandas_reconcile(contracts: pd.DataFrame, observations: pd.DataFrame, as_of: pd.Timestamp):
    """(deviations, proposals, held) with merge + groupby; money in integer cents."""
    as_of_seconds = int(as_of.timestamp())
    today = as_of_seconds // 86400

    # Per tenant, SKU and source the latest as_of wins and its observations are summed.
    # One grouping (the string keys are factorised once), reused for the max and the sum.
    obs = observations[observations["as_of"] <= as_of]
    groups = obs.groupby(["tenant", "sku", "source"], sort=False)
    at_latest = (obs["as_of"] == groups["as_of"].transform("max")).to_numpy()
    sums = np.bincount(groups.ngroup().to_numpy(), weights=np.where(at_latest, obs["quantity"].to_numpy(), 0))
    per_source = pd.Series(sums, index=groups.size().index).unstack("source")
    m = contracts.merge(per_source.reset_index(), on=["tenant", "sku"], how="left")
    m = m.sort_values(["tenant", "sku"], ignore_index=True)

    def source(name):
        return m[name].to_numpy(np.float64) if name in m else np.full(len(m), np.nan)

    contracted = m["quantity"].to_numpy(np.int64)
    purchased_f = source("vendor")
    assigned_f = np.fmax(source("license"), source("rmm"))  # sources overlap: never added
    billed_f = source("billing")
    has_p, has_a, billed_from_contract = ~np.isnan(purchased_f), ~np.isnan(assigned_f), np.isnan(billed_f)
    purchased = np.where(has_p, purchased_f, 0).astype(np.int64)
    assigned = np.where(has_a, assigned_f, 0).astype(np.int64)
    billed = np.where(billed_from_contract, contracted, billed_f).astype(np.int64)

    tol_units = m["tolerance_units"].fillna(0).to_numpy(np.int64)
    tol_tenths = (pd.to_numeric(m["tolerance_percent"]).fillna(0) * 10).round().to_numpy(np.int64)
    price = (pd.to_numeric(m["unit_price"]) * 100).round().to_numpy(np.int64)  # exact: 2 decimals
    months = m["billing_period"].map(MONTHS).to_numpy(np.int64)

    def beyond(gap, base):  # |gap| beyond both tolerances (gap > 0 here)
        return (gap > tol_units) & (gap * 1000 > tol_tenths * base)

    rows, kinds, gaps = [], [], []
    for k, (gap, base, judged) in enumerate((
            (assigned - billed, billed, has_a), (billed - assigned, billed, has_a),
            (purchased - assigned, purchased, has_a & has_p), (assigned - purchased, purchased, has_a & has_p))):
        hit = np.flatnonzero(judged & (gap > 0) & beyond(gap, base))
        rows.append(hit)
        kinds.append(np.full(len(hit), k, dtype=np.int8))
        gaps.append(gap[hit])
    rows, kinds, gaps = np.concatenate(rows), np.concatenate(kinds), np.concatenate(gaps)
    order = np.lexsort((kinds, rows))
    rows, kinds, gaps = rows[order], kinds[order], gaps[order]
    value = price[rows] * gaps
    d = m.iloc[rows]
    deviations = pd.DataFrame({
        "tenant": d["tenant"].to_numpy(), "sku": d["sku"].to_numpy(),
        "kind": pd.Categorical.from_codes(kinds, KINDS), "gap": gaps,
        "purchased": pd.arrays.IntegerArray(purchased[rows], ~has_p[rows]),
        "assigned": assigned[rows], "billed": billed[rows], "contracted": contracted[rows],
        "billed_from_contract": billed_from_contract[rows],
        "contract_id": d["contract_id"].to_numpy(), "line_id": d["line_id"].to_numpy(),
        "monthly_value_cents": div_half_even(value, months[rows]),
        "annual_value_cents": div_half_even(value * 12, months[rows]),
        "currency": d["currency"].to_numpy(),
    })

    # Proposals: assigned against the contract quantity, beyond tolerance.
    wanted = assigned - contracted
    magnitude = np.abs(wanted)
    change = has_a & (wanted != 0) & beyond(magnitude, contracted)
    room = np.maximum(0, contracted - m["commitment_minimum"].fillna(0).to_numpy(np.int64))
    held_rows = np.flatnonzero(change & (wanted < 0) & (room == 0))
    i = np.flatnonzero(change & ~((wanted < 0) & (room == 0)))
    up = wanted[i] > 0
    delta = np.where(up, wanted[i], np.minimum(-wanted[i], room[i]))
    kind = m["term_kind"].to_numpy()[i]
    committed, nce = kind != "flexible", np.isin(kind, ("nce_monthly", "nce_annual"))
    anchor = m["term_start"].to_numpy().astype("datetime64[D]").astype(np.int64)[i]
    end = m["term_end"].to_numpy().astype("datetime64[D]").astype(np.int64)[i]
    term_months = np.where(committed, _month_and_day(end)[0] - _month_and_day(anchor)[0], 1)
    term_start, term_end = range_containing(anchor, term_months, np.full(len(i), today))
    in_window = as_of_seconds < term_start * 86400 + NCE_WINDOW_SECONDS
    deferred = ~up & nce & ~in_window & (term_end > today)
    effective = np.where(deferred, term_end, today)
    step = months[i]
    prorated_to = np.where(committed, range_containing(anchor, term_months, effective)[1],
                           range_containing(anchor, step, effective)[1])
    # F = the share of the first billing period + the whole periods up to prorated_to.
    period_start, period_end = range_containing(anchor, step, effective)
    length = period_end - period_start
    whole = np.maximum(0, months_elapsed(anchor, prorated_to) - months_elapsed(anchor, period_end)) // step
    numerator = np.minimum(prorated_to, period_end) - effective + whole * length
    amount = div_half_even(price[i] * delta * numerator, length) * np.where(up, 1, -1)
    rule = np.where(up, np.where(committed, "true_up.prorated_to_term_end", "true_up.prorated_to_period_end"),
                    np.where(deferred, "true_down.nce_deferred_to_renewal",
                             np.where(nce & in_window, "true_down.nce_cancellation_window", "true_down.immediate")))
    p = m.iloc[i]
    to_date = lambda days: days.astype("datetime64[D]")  # noqa: E731
    proposals = pd.DataFrame({
        "tenant": p["tenant"].to_numpy(), "contract_id": p["contract_id"].to_numpy(),
        "line_id": p["line_id"].to_numpy(), "sku": p["sku"].to_numpy(),
        "action": pd.Categorical.from_codes(np.where(up, 0, 1), ("true_up", "true_down")),
        "delta_quantity": delta, "quantity_before": contracted[i],
        "quantity_after": contracted[i] + np.where(up, delta, -delta),
        "effective_date": to_date(effective),
        "deferred_until": to_date(np.where(effective > today, effective, np.iinfo(np.int64).min)),
        "prorated_to": to_date(prorated_to), "invoice_date": to_date(effective),
        "amount_cents": amount, "currency": p["currency"].to_numpy(), "rule": rule,
        "limited_by_commitment": ~up & (delta < -wanted[i]),
    })
    h = m.iloc[held_rows]
    held = pd.DataFrame({"tenant": h["tenant"].to_numpy(), "contract_id": h["contract_id"].to_numpy(),
                         "line_id": h["line_id"].to_numpy(), "sku": h["sku"].to_numpy(),
                         "wanted_delta": wanted[held_rows], "reason": "commitment_minimum"})
    return deviations, proposals, held


# ---------------------------------------------------------------------------------------------
# Both sides in one comparable form

DEVIATION_KEYS = ["tenant", "sku", "kind"]
DEVIATION_FIELDS = ["gap", "purchased", "assigned", "billed", "contracted", "monthly_value", "annual_value"]
PROPOSAL_KEYS = ["tenant", "contract_id", "line_id", "sku"]
PROPOSAL_FIELDS = ["action", "delta_quantity", "quantity_after", "effective_date", "deferred_until", "prorated_to",
                   "amount", "rule", "limited_by_commitment"]
HELD_KEYS = ["tenant", "contract_id", "line_id", "sku"]
HELD_FIELDS = ["wanted_delta", "reason"]
NO_DAY = np.iinfo(np.int64).min


def _cents(values) -> np.ndarray:
    """Decimal amounts (or their text; None/NaN for none) -> int64 cents; more than 2 decimals fails."""
    out = np.empty(len(values), dtype=np.int64)
    for k, v in enumerate(values):
        if v is None or (isinstance(v, float) and v != v):
            out[k] = NO_DAY
            continue
        scaled = (v if isinstance(v, decimal.Decimal) else decimal.Decimal(str(v))).scaleb(2)
        cents = int(scaled)
        if scaled != cents:
            raise AssertionError(f"amount {v} is not whole cents")
        out[k] = cents
    return out


def _days_of(series) -> np.ndarray:
    """Day numbers of dates (datetime.date, datetime64, None/NaT for none; NaT -> NO_DAY)."""
    return pd.to_datetime(series).to_numpy().astype("datetime64[D]").astype(np.int64)


def _text(series) -> np.ndarray:
    return np.asarray(series.astype(str), dtype=object)


def _deviation_frame(deviations, monthly_cents, annual_cents) -> pd.DataFrame:
    """The compared deviation columns; the two sides differ only in how money arrives."""
    return pd.DataFrame({
        "tenant": _text(deviations["tenant"]), "sku": _text(deviations["sku"]), "kind": _text(deviations["kind"]),
        "gap": deviations["gap"].to_numpy(np.int64),
        "purchased": deviations["purchased"].fillna(-1).to_numpy(np.int64),
        "assigned": deviations["assigned"].to_numpy(np.int64), "billed": deviations["billed"].to_numpy(np.int64),
        "contracted": deviations["contracted"].to_numpy(np.int64),
        "monthly_value": monthly_cents, "annual_value": annual_cents})


def normalize_mspcore(deviations, proposals, held):
    dev = _deviation_frame(deviations, _cents(deviations["monthly_value"].tolist()),
                           _cents(deviations["annual_value"].tolist()))
    prop = pd.DataFrame({
        **{k: _text(proposals[k]) for k in PROPOSAL_KEYS},
        "action": _text(proposals["action"]), "delta_quantity": proposals["delta_quantity"].to_numpy(np.int64),
        "quantity_after": proposals["quantity_after"].to_numpy(np.int64),
        "effective_date": _days_of(proposals["effective_date"]),
        "deferred_until": _days_of(proposals["deferred_until"]), "prorated_to": _days_of(proposals["prorated_to"]),
        "amount": _cents(proposals["amount"].tolist()), "rule": _text(proposals["rule"]),
        "limited_by_commitment": proposals["limited_by_commitment"].to_numpy(bool)})
    hold = pd.DataFrame({**{k: _text(held[k]) for k in HELD_KEYS},
                         "wanted_delta": held["wanted_delta"].to_numpy(np.int64), "reason": _text(held["reason"])})
    return dev, prop, hold


def normalize_pandas(deviations, proposals, held):
    dev = _deviation_frame(deviations, deviations["monthly_value_cents"].to_numpy(np.int64),
                           deviations["annual_value_cents"].to_numpy(np.int64))
    day = lambda c: proposals[c].to_numpy().astype("datetime64[D]").astype(np.int64)  # noqa: E731
    prop = pd.DataFrame({
        **{k: _text(proposals[k]) for k in PROPOSAL_KEYS},
        "action": _text(proposals["action"]), "delta_quantity": proposals["delta_quantity"].to_numpy(np.int64),
        "quantity_after": proposals["quantity_after"].to_numpy(np.int64),
        "effective_date": day("effective_date"), "deferred_until": day("deferred_until"),
        "prorated_to": day("prorated_to"), "amount": proposals["amount_cents"].to_numpy(np.int64),
        "rule": _text(proposals["rule"]), "limited_by_commitment": proposals["limited_by_commitment"].to_numpy(bool)})
    hold = pd.DataFrame({**{k: _text(held[k]) for k in HELD_KEYS},
                         "wanted_delta": held["wanted_delta"].to_numpy(np.int64), "reason": _text(held["reason"])})
    return dev, prop, hold


def differences(name, ours, ref, keys, fields, limit=5) -> list:
    """Lines describing the first differences between mspcore (ours) and pandas (ref)."""
    if len(ours) == len(ref) and all(np.array_equal(ours[c].to_numpy(), ref[c].to_numpy()) for c in keys + fields):
        return []
    both = ours.merge(ref, on=keys, how="outer", suffixes=("_mspcore", "_pandas"), indicator=True)
    differ = both["_merge"] != "both"
    for c in fields:
        differ |= both[f"{c}_mspcore"].to_numpy() != both[f"{c}_pandas"].to_numpy()
    bad = both[differ]
    out = [f"{name}: mspcore {len(ours):,} rows, pandas {len(ref):,} rows, {len(bad):,} differ"
           + ("" if len(bad) else " in order only") + " (money in cents, dates in days since 1970-01-01)"]
    with pd.option_context("display.width", 250, "display.max_columns", 40):
        for _, row in bad.head(limit).iterrows():
            where = {"left_only": "only in mspcore", "right_only": "only in pandas", "both": "both"}[row["_merge"]]
            values = ", ".join(f"{c}: {row[f'{c}_mspcore']} vs {row[f'{c}_pandas']}" for c in fields
                               if row["_merge"] != "both" or row[f"{c}_mspcore"] != row[f"{c}_pandas"])
            out.append(f"  {tuple(row[k] for k in keys)} ({where}): {values}")
    return out


# ---------------------------------------------------------------------------------------------
# Measuring


class GilFreeSampler(threading.Thread):
    """(wall, main-thread CPU) stamps taken whenever this thread gets the GIL. During one C++
    call that holds the GIL except for a released section, the stamps span that section."""

    def __init__(self, main_clock):
        super().__init__(daemon=True)
        self.main_clock, self.stamps, self.stop = main_clock, [], False

    def run(self):
        while not self.stop:
            self.stamps.append((time.perf_counter(), time.clock_gettime(self.main_clock)))
            time.sleep(0.0002)


class Stages:
    """Wall time, CPU time of the main thread, peak RSS and time in Python's cyclic GC per stage."""

    def __init__(self):
        self.clock = time.pthread_getcpuclockid(threading.get_ident())
        self.rows, self.gc_seconds, self._gc_start = [], 0.0, None
        self.mark()

    def now(self):
        return time.perf_counter(), time.clock_gettime(self.clock)

    def mark(self):
        reset_hwm()
        self.start_rss = rss()
        self.gc_mark = self.gc_seconds
        self.wall, self.cpu = self.now()

    def add(self, name, wall=None, cpu=None, peak=True):
        w, c = self.now()
        peak = vm_hwm() if peak is True else peak or None
        self.rows.append({"stage": name, "wall": w - self.wall if wall is None else wall,
                          "cpu": c - self.cpu if cpu is None else cpu, "peak": peak,
                          "growth": None if peak is None else peak - self.start_rss,
                          "gc": self.gc_seconds - self.gc_mark})
        self.mark()

    def on_gc(self, phase, info):
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self._gc_start is not None:
            self.gc_seconds += time.perf_counter() - self._gc_start


RESULT_STAGE = "result: C++ result -> Python records (ReconcileResult)"


def stage_profile(msp, contracts, observations) -> dict:
    """One instrumented mspcore run, split into stages (private hooks of mspcore; best effort)."""
    from mspcore import _core, trueup

    real = _core._reconcile
    gc.collect()
    st = Stages()
    binding = {}

    def timed(*args, **kwargs):
        st.add("python: column preparation (mspcore/trueup.py)")
        sampler = GilFreeSampler(st.clock)
        sampler.start()
        binding["rss"] = rss()
        binding["call"] = st.now()
        try:
            return real(*args, **kwargs)
        finally:
            binding["return"] = st.now()
            sampler.stop = True
            sampler.join()
            binding["core"] = [x for x in sampler.stamps if binding["call"][0] < x[0] < binding["return"][0]]
            (w0, c0), (w1, c1), core = binding["call"], binding["return"], binding["core"]
            peak = vm_hwm()  # binding and core together
            st.start_rss = binding["rss"]
            if core:
                st.add("binding: Python columns -> C++ records (memory: + core)", core[0][0] - w0, core[0][1] - c0,
                       peak=peak)
                st.add("C++ reconcile core (GIL released)", core[-1][0] - core[0][0], core[-1][1] - core[0][1],
                       peak=False)
            else:
                st.add("binding + C++ reconcile (not separable)", w1 - w0, c1 - c0, peak=peak)

    gc.callbacks.append(st.on_gc)
    try:
        # The contracts' share of the column preparation first, on a clean heap (a private helper
        # of trueup.py; skipped if it changed).
        try:
            trueup._line_columns(contracts)
            st.add("  of which: the contracts (_line_columns)", peak=False)
        except (AttributeError, TypeError, ValueError):
            pass
        gc.collect()
        st.mark()
        _core._reconcile = timed
        res = msp.reconcile(contracts, observations, AS_OF)
        st.add(RESULT_STAGE)
        res.deviations.to_pandas()
        st.add("deviations.to_pandas()")
        res.proposals.to_pandas()
        st.add("proposals.to_pandas()")
        # When the result comes back as JSON (native.to_json + json.loads + records), that stage
        # again in parts; json.loads without the records alive, as in the real stage (the cyclic
        # GC's work grows with the number of live containers).
        native = getattr(res, "_native", None)
        json_path = hasattr(native, "to_json") and "json.loads" in inspect.getsource(trueup.ReconcileResult)
        text = native.to_json() if json_path else None
        del native
        if json_path:
            st.add("  of which: C++ result -> JSON text (to_json)")
            del res
            gc.collect()
            st.mark()
            doc = json.loads(text)
            st.add("  of which: json.loads")
            del doc
    finally:
        _core._reconcile = real
        gc.callbacks.remove(st.on_gc)
    rows = {r["stage"]: r for r in st.rows}
    prep, lines = rows["python: column preparation (mspcore/trueup.py)"], rows.get("  of which: the contracts (_line_columns)")
    if lines:
        rows["  of which: the observations (the rest)"] = {
            "stage": "  of which: the observations (the rest)", "peak": None, "growth": None,
            **{k: max(0.0, prep[k] - lines[k]) for k in ("wall", "cpu", "gc")}}
    if json_path:
        result, to_json, loads = (rows[k] for k in (RESULT_STAGE, "  of which: C++ result -> JSON text (to_json)",
                                                    "  of which: json.loads"))
        rows["  of which: Python records (the rest: dicts, Decimal, dates)"] = {
            "stage": "  of which: Python records (the rest: dicts, Decimal, dates)", "peak": None, "growth": None,
            **{k: max(0.0, result[k] - to_json[k] - loads[k]) for k in ("wall", "cpu", "gc")}}
    order = [k for k in rows if k.startswith("python")] + [k for k in rows if k.startswith("  of which: the")] + \
        [k for k in rows if k.startswith(("binding", "C++"))] + [k for k in rows if k.startswith("result")] + \
        [k for k in rows if k.startswith("  of which") and not k.startswith("  of which: the")] + \
        [k for k in rows if k.endswith("to_pandas()")]
    return {"stages": [rows[k] for k in order], "json_mib": len(text) / 2**20 if json_path else None}


def child(side: str, args) -> None:
    """Generate, time one side best of N, record peak memory, save comparable results; or
    (side 'stages') run the instrumented mspcore run in a fresh process."""
    t = time.perf_counter()
    contracts, observations = generate(args.tenants, args.skus, args.seed)
    generation = time.perf_counter() - t
    if side == "stages":
        import mspcore as msp

        with open(args.out, "wb") as f:
            pickle.dump(stage_profile(msp, contracts, observations), f)
        return
    if side == "mspcore":
        import mspcore as msp

        def run():
            res = msp.reconcile(contracts, observations, AS_OF)
            return res.deviations.to_pandas(), res.proposals.to_pandas(), res
    else:
        def run():
            return pandas_reconcile(contracts, observations, AS_OF)

    out, summary = timed_runs(run, args.repeats)
    summary["generation"] = generation
    if side == "mspcore":
        deviations, proposals, res = out
        out = None
        frames = normalize_mspcore(deviations, proposals, res.held.to_pandas())
        summary["unmapped"] = len(res.unmapped)
    else:
        frames = normalize_pandas(*out)
    with open(args.out, "wb") as f:
        pickle.dump({"summary": summary, "frames": frames}, f, protocol=pickle.HIGHEST_PROTOCOL)


def spawn(side: str, args, tmp: pathlib.Path) -> dict:
    return run_child(__file__, side, ["--tenants", args.tenants, "--skus", args.skus, "--repeats", args.repeats,
                                      "--seed", args.seed], tmp)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tenants", type=int, default=10_000)
    ap.add_argument("--skus", type=int, default=30)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20240612)
    ap.add_argument("--no-stages", action="store_true", help="skip the instrumented stage run")
    ap.add_argument("--child", choices=("mspcore", "pandas", "stages"), help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args)
        return 0

    lines = args.tenants * args.skus
    with tempfile.TemporaryDirectory() as tmp:
        ref = spawn("pandas", args, pathlib.Path(tmp))
        ours = spawn("mspcore", args, pathlib.Path(tmp))
        profile, profile_error = None, None
        if not args.no_stages:
            try:
                profile = spawn("stages", args, pathlib.Path(tmp))
            except subprocess.CalledProcessError as e:  # the hooks are private: never hide the timing
                profile_error = str(e)
    p, m = ref["summary"], ours["summary"]
    dev, prop, held = ours["frames"]

    print(f"true-up reconciliation: {args.tenants:,} tenants x {args.skus} SKUs = {lines:,} contract lines, "
          f"{4 * lines:,} observations (4 sources), as_of {AS_OF.isoformat().replace('+00:00', 'Z')}")
    print(f"data generation {p['generation']:.2f} s per process (not timed); each side in its own process, "
          f"wall time best of {args.repeats}")
    print(f"{'implementation':<58}{'wall s':>8}{'cpu s':>8}{'peak RSS MiB':>14}{'speed-up':>10}")
    for name, s in (("pandas merge + groupby (exact integer cents)", p),
                    ("mspcore.reconcile + deviations/proposals.to_pandas()", m)):
        print(f"{name:<58}{s['wall']:>8.3f}{s['cpu']:>8.3f}{mib(s['peak_rss']):>14}{p['wall'] / s['wall']:>10.2f}x")
    stages = profile["stages"] if profile else []
    core = next((r for r in stages if r["stage"].startswith("C++ reconcile core")), None)
    if core is not None:
        print(f"{'  of which the C++ reconcile core (instrumented run)':<58}{core['wall']:>8.3f}{core['cpu']:>8.3f}"
              f"{'':>14}{p['wall'] / core['wall']:>10.2f}x")
    print("speed-up = pandas wall time / this wall time (above 1: faster than pandas)")
    print(f"all runs (s): pandas {', '.join(f'{w:.2f}' for w in p['walls'])}; "
          f"mspcore {', '.join(f'{w:.2f}' for w in m['walls'])}")
    print(f"peak RSS = the process's high-water mark during the runs, inputs included (inputs and interpreter: "
          f"pandas process {mib(p['base_rss'])} MiB, mspcore process {mib(m['base_rss'])} MiB)")

    kinds = dev["kind"].value_counts()
    rules = prop["rule"].value_counts()
    print(f"results: {len(dev):,} deviations ({', '.join(f'{k} {kinds.get(k, 0):,}' for k in KINDS)}); "
          f"{len(prop):,} proposals ({', '.join(f'{r} {n:,}' for r, n in rules.items())}); "
          f"{len(held):,} held at commitment_minimum; {m.get('unmapped', 0)} unmapped")

    problems = []
    for name, keys, fields, a, b in (("deviations", DEVIATION_KEYS, DEVIATION_FIELDS, dev, ref["frames"][0]),
                                     ("proposals", PROPOSAL_KEYS, PROPOSAL_FIELDS, prop, ref["frames"][1]),
                                     ("held", HELD_KEYS, HELD_FIELDS, held, ref["frames"][2])):
        problems += differences(name, a, b, keys, fields)
    if problems:
        print("RESULTS DISAGREE:")
        print("\n".join(problems))
    else:
        print(f"results agree: deviations ({', '.join(DEVIATION_FIELDS)}), proposals ({', '.join(PROPOSAL_FIELDS)}) "
              f"and held changes are identical, amounts to the cent")

    if stages:
        top = [r for r in stages if not r["stage"].startswith(" ")]
        wall, cpu = sum(r["wall"] for r in top), sum(r["cpu"] for r in top)
        json_size = f"JSON result {profile['json_mib']:,.0f} MiB; " if profile["json_mib"] else ""
        print(f"mspcore stages (one instrumented run in a fresh process: {wall:.2f} s wall, {cpu:.2f} s CPU of the "
              f"main thread; {json_size}peak = RSS high-water mark during the stage, + = its growth over the "
              f"stage's start; GC = time in Python's cyclic garbage collector):")
        print(f"  {'stage':<62}{'wall s':>8}{'cpu s':>8}{'% cpu':>7}{'peak MiB':>10}{'+ MiB':>8}{'GC s':>7}")
        for r in stages:
            print(f"  {r['stage']:<62}{r['wall']:>8.3f}{r['cpu']:>8.3f}{100 * r['cpu'] / cpu:>6.0f}%"
                  f"{mib(r['peak']):>10}{mib(r['growth']):>8}{r['gc']:>7.2f}")
    elif profile_error:
        print("mspcore stages: unavailable:", profile_error)

    peak_ok = m["peak_rss"] is not None and m["peak_rss"] < 2**30
    print("targets: mspcore under 2 s:", "met" if m["wall"] < 2 else "NOT met",
          "| mspcore peak under 1 GiB:", "n/a" if m["peak_rss"] is None else "met" if peak_ok else "NOT met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
