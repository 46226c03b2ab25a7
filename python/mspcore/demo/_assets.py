"""Assets of the demo: hardware by type with purchase dates, warranties, OS and values.

Distributions: ages are triangular (most devices 1-3 years old, a tail up to 7-10 years);
the warranty is the type's standard term (40 % bought with two extra years) ending the day
before the anniversary, unknown for 12 %; 10 % of desktops and laptops are Macs; 22 % of older
Windows devices (bought over 18 months ago) still run Windows 10 (end of servicing 2025-10-14);
the rest run a Windows 11 feature update that is supported on ``as_of`` (mspcore's OS table), 15 %
the one whose servicing ended last.
"""
from __future__ import annotations

import datetime as dt
import string

from . import _catalog as cat
from ._util import add_months, iso_date, largest_remainder, money, weighted, CURRENCY_FACTOR

_AGE_YEARS = {"workstation": (0, 7, 1.5), "laptop": (0, 6, 1.5), "server": (0, 9, 3), "network": (0, 10, 3),
              "storage": (0, 8, 3), "printer": (0, 9, 3), "mobile": (0, 4, 1), "other": (0, 10, 4)}
_MANAGED = {"workstation": 0.96, "laptop": 0.95, "server": 0.98, "network": 0.6, "storage": 0.7,
            "printer": 0.2, "mobile": 0.8, "other": 0.1}


def _type_counts(n: int) -> list:
    counts = largest_remainder(n, [w for _, w in cat.ASSET_MIX])
    types = [t for t, _ in cat.ASSET_MIX]
    if n >= 10:  # every office of ten devices has a server and a firewall
        for need in ("server", "network"):
            i = types.index(need)
            if counts[i] == 0:
                counts[i], counts[1] = 1, counts[1] - 1
    return list(zip(types, counts))


def windows11_versions(as_of: dt.date) -> dict:
    """Per edition: (versions released and supported on as_of, newest first; the version whose
    servicing ended last). A feature update is taken as released 24 months (Pro, Home) or
    36 months (Enterprise, Education) before its end of servicing."""
    import mspcore

    out = {}
    for edition, _ in cat.WINDOWS11_EDITIONS:
        rows = sorted((r for r in mspcore.os_lifecycle_table() if r["os"] == "Windows 11" and r["edition"] == edition),
                      key=lambda r: r["support_end"], reverse=True)
        months = 36 if edition in ("Enterprise", "Education") else 24
        live = [r["version"] for r in rows if r["support_end"] >= as_of and add_months(r["support_end"], -months) <= as_of]
        ended = [r["version"] for r in rows if r["support_end"] < as_of]
        out[edition] = (live or [rows[0]["version"]], ended[0] if ended else None)
    return out


def _os(rng, kind: str, make: str, purchased: dt.date, as_of: dt.date, win11: dict):
    if kind in ("workstation", "laptop"):
        if make == "Apple":
            return weighted(rng, cat.MAC_OS)[:3]
        if rng.random() < cat.WINDOWS10_SHARE and purchased < add_months(as_of, -18):
            version, edition, _ = weighted(rng, cat.WINDOWS10)
            return "Windows 10", version, edition
        edition = weighted(rng, cat.WINDOWS11_EDITIONS)[0]
        live, behind = win11[edition]
        if behind and rng.random() < cat.WINDOWS11_BEHIND:
            return "Windows 11", behind, edition
        # the newest release on most devices, the one before on fewer
        weights = [3 if i == 0 else 1 for i in range(len(live))]
        return "Windows 11", rng.choices(live, weights=weights)[0], edition
    if kind == "server":
        return weighted(rng, cat.SERVER_OS)[:3]
    return None, None, None


def _asset(rng, c: dict, kind: str, k: int, as_of: dt.date, users: list, win11: dict) -> dict:
    makes, (lo, hi), warranty_years, crit = cat.HARDWARE[kind]
    if kind in ("workstation", "laptop") and rng.random() >= cat.APPLE_SHARE:
        makes = tuple(m for m in makes if m[0] != "Apple")
    make, model = rng.choice(makes)
    lo_age, hi_age, mode = _AGE_YEARS[kind]
    purchased = as_of - dt.timedelta(days=int(rng.triangular(lo_age, hi_age, mode) * 365.25) + 1)
    years = warranty_years + (2 if rng.random() < 0.4 else 0)
    warranty = None if rng.random() < 0.12 else add_months(purchased, 12 * years) - dt.timedelta(days=1)
    os_name, os_version, os_edition = _os(rng, kind, make, purchased, as_of, win11)
    value = None if rng.random() < 0.05 else money(int(round(rng.uniform(lo, hi), -1)) * CURRENCY_FACTOR[c["currency"]])
    prefix = cat.TYPE_PREFIX[kind]
    code = c["tenant"].replace("-", "")[:4].upper()
    return {"id": f"{prefix}-{k:04d}", "tenant": c["tenant"], "type": kind, "make": make, "model": model,
            "serial": "".join(rng.choices(string.ascii_uppercase + string.digits, k=10)),
            "purchase_date": iso_date(purchased), "warranty_end": None if warranty is None else iso_date(warranty),
            "os": os_name, "os_version": os_version, "os_edition": os_edition or None,
            "replacement_value": value, "currency": None if value is None else c["currency"],
            "criticality": rng.choices(("low", "medium", "high", "critical"), weights=crit)[0],
            # inventory facts (asset_inventory), not lifecycle record fields:
            "hostname": f"{code}-{prefix}{k:03d}", "managed": int(rng.random() < _MANAGED[kind]),
            "assigned_user": rng.choice(users) if kind in ("workstation", "laptop", "mobile") else None}


_ASSET_COLUMNS = ("id", "tenant", "type", "make", "model", "serial", "purchase_date", "warranty_end", "os",
                  "os_version", "os_edition", "replacement_value", "currency", "criticality")


def assets_step(ctx) -> None:
    rng = ctx.rng("assets")
    win11 = windows11_versions(ctx.as_of)
    for c in ctx.clients:
        made = []
        for kind, n in _type_counts(c["assets"]):
            made += [_asset(rng, c, kind, k, ctx.as_of, ctx.users[c["tenant"]], win11) for k in range(1, n + 1)]
        ctx.assets[c["tenant"]] = made
        ctx.insert("assets", [{k: a[k] for k in _ASSET_COLUMNS} for a in made])
        ctx.insert("asset_inventory", [{"tenant": a["tenant"], "id": a["id"], "hostname": a["hostname"],
                                        "managed": a["managed"], "assigned_user": a["assigned_user"]} for a in made])
