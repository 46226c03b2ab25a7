"""The straightforward pandas implementation of the asset lifecycle (docs/vcio-lifecycle.md) that
bench_lifecycle.py times against mspcore: vectorised dates, windows and estimates, the OS rows
merged on the normalised (os, version, edition) of each distinct combination, replacement by
age pulled by the tickets of the last 12 months (groupby + merge), the overall status by
urgency, and every reason text built with vectorised string operations.

It covers the default policy (90-day windows, the default typical lives and max ages, the
default pull rule, no replacement values) and the fields bench_lifecycle.py generates; within
that it writes every column exactly as mspcore does.
"""
import json
import re

import numpy as np
import pandas as pd

from bench_trueup import add_months, div_half_even

TYPICAL_LIFE = {"workstation": 4, "laptop": 4, "server": 5, "network": 5, "storage": 5, "printer": 5, "mobile": 3}
MAX_AGE = {"workstation": 4, "laptop": 4, "server": 6, "network": 7, "storage": 5, "printer": 5, "mobile": 3}
TRACKS_OS = ("workstation", "laptop", "server")
WINDOW = 90
TICKETS, HOURS, PULL, MAX_PULL = 6, 8, 6, 24
RULE = f"policy: {PULL} months per {TICKETS} tickets or per {HOURS} reactive hours, at most {MAX_PULL}"
NO_DAY = np.iinfo(np.int64).min
URGENCY = {"overdue": 3, "due_soon": 2, "unknown": 1, "supported": 0}


def _days(series) -> np.ndarray:
    """Day numbers of a date column (datetime64 or 'YYYY-MM-DD' text); NO_DAY where missing."""
    if series.dtype.kind != "M":
        series = pd.to_datetime(series, format="%Y-%m-%d")
    return series.to_numpy().astype("datetime64[D]").astype(np.int64)


def _iso(days) -> pd.Series:
    return pd.Series(np.datetime_as_string(np.asarray(days).astype("datetime64[D]")), dtype="str")


def _str(values) -> pd.Series:
    return pd.Series(np.asarray(values).astype(str), dtype="str")


def _plural(n, one, many) -> pd.Series:
    return _str(n) + pd.Series(np.where(n == 1, " " + one, " " + many), dtype="str")


def _status(left, window=WINDOW) -> np.ndarray:
    return np.where(left < 0, "overdue", np.where(left <= window, "due_soon", "supported")).astype(object)


def _when(end, left) -> pd.Series:
    """'ends D, in N days' / 'ends D, today' / 'ended D, N days ago'."""
    d = _iso(end)
    later = "ends " + d + ", in " + _plural(left, "day", "days")
    today = "ends " + d + ", today"
    past = "ended " + d + ", " + _plural(-left, "day", "days") + " ago"
    return later.where(left > 0, today.where(left == 0, past))


def _window_note(left) -> pd.Series:
    return pd.Series(np.where(left < 0, "", f" (window {WINDOW})"), dtype="str")


def _normalised(text: str) -> str:
    return re.sub(r"[ \t_-]+", " ", text).strip().lower()


def _os_lookup(combos: pd.DataFrame, table: dict, as_of: int) -> pd.DataFrame:
    """Per distinct (type, os, os_version, os_edition): the OS check (one Python pass over the
    few distinct combinations, as one writes a lookup before a merge)."""
    rows = table["rows"]
    aliases = table["aliases"]
    version = table["version"]
    products = {_normalised(r["os"]) for r in rows}
    by_version = {}
    for r in rows:
        by_version.setdefault((_normalised(r["os"]), _normalised(r["version"])), []).append(r)
    out = []
    for c in combos.itertuples(index=False):
        rec = {"os_status": None, "os_code": None, "os_reason": None, "os_support_end": NO_DAY, "os_estimate": None,
               "os_row": None, "os_table": None, "os_source": None}
        os_, ver, ed = (None if pd.isna(v) else v for v in (c.os, c.os_version, c.os_edition))
        if os_ is None:
            if c.type in TRACKS_OS:
                rec.update(os_status="unknown", os_code="os_missing", os_reason=f"no OS given for a {c.type}",
                           os_estimate=False)
            out.append(rec)
            continue
        rec.update(os_status="unknown", os_estimate=False)
        canonical = aliases.get(_normalised(os_), _normalised(os_))
        if canonical not in products:
            rec.update(os_code="os_not_in_table", os_reason=f"OS '{os_}' is not in the OS lifecycle table {version}")
            out.append(rec)
            continue
        if ver is None:
            rec.update(os_code="os_version_missing", os_reason=f"no OS version given for '{os_}'")
            out.append(rec)
            continue
        v = ver
        found = by_version.get((canonical, _normalised(v)), [])
        while not found and "." in v:
            v = v[:v.rindex(".")]
            found = by_version.get((canonical, _normalised(v)), [])
        if not found:
            rec.update(os_code="os_version_not_in_table",
                       os_reason=f"'{os_}' version '{ver}' is not in the OS lifecycle table {version}")
            out.append(rec)
            continue
        wanted = _normalised(ed or "")
        row = next((r for r in found if _normalised(r["edition"]) == wanted), None)
        editions = ", ".join(r["edition"] for r in found)
        if row is None and not wanted and all(r["support_end"] == found[0]["support_end"] for r in found):
            row = found[0]
        if row is None:
            why = (f"has no row for edition '{ed}' (editions: {editions})" if wanted else
                   f"ends on different days by edition ({editions}) and no os_edition is given")
            rec.update(os_code="os_edition_not_in_table" if wanted else "os_edition_missing",
                       os_reason=f"{found[0]['os']} {found[0]['version']} {why}")
            out.append(rec)
            continue
        label = " ".join(x for x in (row["os"], row["version"], row["edition"]) if x)
        source = f" [{label}, table {row['table']}]"
        rec.update(os_row=label, os_table=row["table"], os_source=row["source"], os_estimate=row["estimate"])
        if row["support_end"] is None:
            rec.update(os_code="os_no_end_date", os_reason=f"{label}: no support end known: {row['note']}{source}")
            out.append(rec)
            continue
        end = np.datetime64(row["support_end"], "D").astype(np.int64)
        rec["os_support_end"] = end
        rec["os_label"], rec["os_from"] = label, source
        rec["os_prefix"] = "estimated support " if row["estimate"] else "support "
        rec["os_extension"] = (f"; {row['extension']} until {row['extension_end']}"
                               if row["extension"] and row["extension_end"] else "")
        out.append(rec)
    looked = pd.DataFrame(out)
    for k in ("os_label", "os_from", "os_prefix", "os_extension"):
        if k not in looked:
            looked[k] = None
    return pd.concat([combos.reset_index(drop=True), looked], axis=1)


def lifecycle(assets: pd.DataFrame, service: pd.DataFrame, as_of: str, os_table: dict) -> pd.DataFrame:
    """One row per asset in input order, the columns of mspcore's lifecycle(...).assets."""
    n = len(assets)
    A = np.datetime64(as_of, "D").astype(np.int64)
    type_ = assets["type"]
    p = _days(assets["purchase_date"])
    w = _days(assets["warranty_end"])
    has_p, has_w = p != NO_DAY, w != NO_DAY
    life = type_.map(TYPICAL_LIFE).to_numpy(dtype=float)
    max_age = type_.map(MAX_AGE).to_numpy(dtype=float)
    type_s = type_.astype("str").reset_index(drop=True)
    p_iso = _iso(np.where(has_p, p, 0))

    # Warranty: the recorded end, else purchase + typical life (an estimate), else unknown.
    est = ~has_w & has_p & ~np.isnan(life)
    years = np.nan_to_num(life).astype(np.int64)
    w_end = np.where(has_w, w, np.where(est, add_months(np.where(est, p, 0), 12 * years), NO_DAY))
    dated = w_end != NO_DAY
    w_left = w_end - A
    w_status = np.where(dated, _status(w_left), "unknown").astype(object)
    w_code = np.select([~dated & ~has_p, ~dated, w_left > WINDOW, w_left >= 0],
                       ["warranty_unknown", "typical_life_unknown", "warranty_in_force", "warranty_ending"],
                       "warranty_expired").astype(object)
    when = _when(w_end, w_left) + _window_note(w_left)
    estimated = ("estimated warranty (no warranty end recorded; purchase " + p_iso + " + " +
                 _plural(years, "year", "years") + ", the typical life of a " + type_s + ") " + when)
    no_life = ("no warranty end, and asset type " + type_s + " has no typical life to estimate it from the "
               "purchase date " + p_iso)
    w_reason = ("warranty " + when).where(has_w, estimated.where(est, no_life.where(
        has_p, "no warranty end and no purchase date")))

    # OS: each distinct (type, os, version, edition) looked up once, merged back onto the rows.
    keys = pd.DataFrame({"type": type_, "os": assets["os"], "os_version": assets["os_version"],
                         "os_edition": assets["os_edition"]})
    combos = keys.drop_duplicates(ignore_index=True)
    o = keys.merge(_os_lookup(combos, os_table, A), on=["type", "os", "os_version", "os_edition"], how="left")
    o_end = o["os_support_end"].to_numpy(np.int64)
    o_dated = o_end != NO_DAY
    o_left = o_end - A
    o_status = np.where(o_dated, _status(o_left), o["os_status"].to_numpy(object)).astype(object)
    o_code = np.where(o_dated, np.select([o_left > WINDOW, o_left >= 0], ["os_supported", "os_support_ending"],
                                         "os_support_ended"), o["os_code"].to_numpy(object)).astype(object)
    o_text = (o["os_label"].astype("str") + " " + o["os_prefix"].astype("str") + _when(o_end, o_left) +
              _window_note(o_left) + o["os_extension"].astype("str") + o["os_from"].astype("str"))
    o_reason = o_text.where(o_dated, o["os_reason"].astype("str"))

    # Replacement: tickets and reactive minutes of the 12 months up to as_of per asset.
    after = add_months(np.array([A]), -12)[0]
    sd = _days(service["date"])
    s = service[service["reactive"].to_numpy(bool) & (sd > after) & (sd <= A)]
    counts = (s.assign(tickets=(s["kind"] == "ticket").astype(np.int64))
              .groupby(["tenant", "asset_id"], sort=False)[["tickets", "minutes"]].sum())
    got = assets[["tenant", "id"]].merge(counts, left_on=["tenant", "id"], right_index=True, how="left")
    tickets = got["tickets"].fillna(0).to_numpy(np.int64)
    minutes = got["minutes"].fillna(0).to_numpy(np.int64)
    steps = np.maximum(tickets // TICKETS, minutes // (HOURS * 60))
    pulled_months = np.minimum(steps * PULL, MAX_PULL)
    hundredths = div_half_even(minutes * 5, 3)  # minutes / 60 at two decimals, half-even
    hours = _str(hundredths // 100) + "." + _str(hundredths % 100).str.zfill(2)
    any_service = (tickets > 0) | (minutes > 0)
    service_text = (_plural(tickets, "ticket", "tickets") + " and " + hours +
                    " reactive hours in the last 12 months")
    signals = ("; " + service_text).where(any_service, "")

    ages = np.nan_to_num(max_age).astype(np.int64)
    aged = has_p & ~np.isnan(max_age)
    by_age = np.where(aged, add_months(np.where(aged, p, 0), 12 * ages), NO_DAY)
    pulled = aged & (pulled_months > 0) & (by_age > A)
    earlier = add_months(np.where(aged, by_age, 0), -pulled_months)
    r_date = np.where(pulled, np.maximum(earlier, A), by_age)
    r_left = r_date - A
    r_status = np.where(aged, _status(r_left), "unknown").astype(object)
    by_service = pulled & (_status(by_age - A) != r_status)
    r_code = np.select([~has_p, ~aged, r_status == "supported", by_service],
                       ["replacement_no_purchase_date", "replacement_no_max_age", "replacement_planned",
                        "replacement_pulled_by_service"], "replacement_due_by_age").astype(object)
    r_iso = _iso(r_date)
    when = ("replace by " + r_iso + ", in " + _plural(r_left, "day", "days") + f" (window {WINDOW})").where(
        r_left > 0, ("replace by " + r_iso + f", today (window {WINDOW})").where(
            r_left == 0, "replacement was due " + r_iso + ", " + _plural(-r_left, "day", "days") + " ago"))
    base = when + ": purchase " + p_iso + " + " + _plural(ages, "year", "years") + ", the max age of a " + type_s
    stopped = pd.Series(np.where((r_date == A) & (earlier < A), ", but not before today", ""), dtype="str")
    pull_text = (", is " + _iso(by_age) + "; " + service_text + " pull it " +
                 _plural(pulled_months, "month", "months") + " earlier" + stopped + " (" + RULE + ")")
    unpulled = ("; " + service_text + pd.Series(np.where(pulled_months > 0, " (the age date has passed: a pull "
                                                         "changes nothing)", f" pull nothing ({RULE})"), dtype="str"))
    r_reason = (base + pull_text.where(pulled, unpulled.where(any_service, ""))).where(
        aged, ("asset type " + type_s + " has no max age in the replacement policy (purchase " + p_iso + ")" +
               signals).where(has_p, "no purchase date: the replacement date (purchase + max age) is unknown" +
                              signals))

    # Overall: the most urgent check; on a tie the one that ends first, then warranty, OS, replacement.
    urgency = lambda st: pd.Series(st).map(URGENCY).to_numpy(np.int64)  # noqa: E731
    INF = np.iinfo(np.int64).max
    checks = [(urgency(w_status), np.where(dated, w_left, INF)),
              (urgency(np.where(o["os_status"].isna(), "supported", o_status)) - o["os_status"].isna().to_numpy(),
               np.where(o_dated, o_left, INF)),
              (urgency(r_status), np.where(aged, r_left, INF))]
    decider = np.zeros(n, dtype=np.int64)
    best_u, best_left = checks[0]
    for k in (1, 2):
        u, left = checks[k]
        better = (u > best_u) | ((u == best_u) & (left != INF) & (left < best_left))
        decider = np.where(better, k, decider)
        best_u, best_left = np.where(better, u, best_u), np.where(better, left, best_left)
    pick = lambda a, b, c: np.where(decider == 0, a, np.where(decider == 1, b, c))  # noqa: E731

    def date_col(days):
        return np.where(days == NO_DAY, NO_DAY, days).astype("datetime64[D]").astype("datetime64[s]")

    def maybe_int(values, present):
        return pd.arrays.IntegerArray(np.where(present, values, 0), ~present)

    has_os = o["os_status"].notna().to_numpy()
    none = pd.Series(pd.array([None] * n, dtype="str"))
    return pd.DataFrame({
        "index": np.arange(n), "id": assets["id"].to_numpy(), "tenant": assets["tenant"].to_numpy(),
        "type": type_.to_numpy(), "make": assets["make"].to_numpy(), "model": assets["model"].to_numpy(),
        "serial": none, "purchase_date": date_col(p), "criticality": "unknown",
        "replacement_value": None, "currency": none,
        "status": pick(w_status, o_status, r_status), "reason_code": pick(w_code, o_code, r_code),
        "reason": pick(w_reason.to_numpy(object), o_reason.to_numpy(object), r_reason.to_numpy(object)),
        "window_days": np.full(n, WINDOW),
        "warranty_status": w_status, "warranty_code": w_code, "warranty_reason": w_reason,
        "warranty_end": date_col(w_end), "warranty_days_left": maybe_int(w_left, dated), "warranty_estimate": est,
        "os_status": o["os_status"].where(~has_os, o_status), "os_code": o["os_code"].where(~has_os, o_code),
        "os_reason": o_reason.where(has_os, None), "os_support_end": date_col(o_end),
        "os_days_left": maybe_int(o_left, o_dated), "os_estimate": o["os_estimate"].astype("boolean"),
        "os_row": o["os_row"], "os_table": o["os_table"], "os_source": o["os_source"],
        "replacement_status": r_status, "replacement_code": r_code, "replacement_reason": r_reason,
        "replacement_date": date_col(np.where(aged, r_date, NO_DAY)),
        "replacement_days_left": maybe_int(r_left, aged), "replacement_by_age": date_col(by_age),
        "replacement_pulled_months": pulled_months, "replacement_tickets_12m": tickets,
        "replacement_reactive_minutes_12m": minutes, "replacement_reactive_hours_12m": hours,
        "replacement_payer": "client", "replacement_value_source": none,
    })


def os_table() -> dict:
    """The shipped OS table with its aliases, as mspcore publishes it."""
    import mspcore

    doc = json.loads(mspcore._core.os_lifecycle_table_json())
    return {"version": doc["version"], "aliases": doc["aliases"], "rows": doc["rows"]}
