"""Assets of the demo: hardware by type with purchase dates, warranties, OS and values.

Distributions: ages are triangular (most devices 1-3 years old, a tail up to 7-10 years);
the warranty is the type's standard term (30 % bought with two extra years) ending the day
before the anniversary, unknown for 12 %; client OSes are drawn from a 2026 mix in which about a
quarter of Windows devices still run Windows 10 (end of servicing 2025-10-14), never on devices
bought in the last 18 months.
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


def _os(rng, kind: str, make: str, purchased: dt.date, as_of: dt.date):
    if kind in ("workstation", "laptop"):
        if make == "Apple":
            return weighted(rng, cat.MAC_OS)[:3]
        while True:
            row = weighted(rng, cat.CLIENT_OS)
            if row[0] != "Windows 10" or purchased < add_months(as_of, -18):
                return row[:3]
    if kind == "server":
        return weighted(rng, cat.SERVER_OS)[:3]
    return None, None, None


def _asset(rng, c: dict, kind: str, k: int, as_of: dt.date, users: list) -> dict:
    makes, (lo, hi), warranty_years, crit = cat.HARDWARE[kind]
    make, model = rng.choice(makes)
    lo_age, hi_age, mode = _AGE_YEARS[kind]
    purchased = as_of - dt.timedelta(days=int(rng.triangular(lo_age, hi_age, mode) * 365.25) + 1)
    years = warranty_years + (2 if rng.random() < 0.3 else 0)
    warranty = None if rng.random() < 0.12 else add_months(purchased, 12 * years) - dt.timedelta(days=1)
    os_name, os_version, os_edition = _os(rng, kind, make, purchased, as_of)
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
    for c in ctx.clients:
        made = []
        for kind, n in _type_counts(c["assets"]):
            made += [_asset(rng, c, kind, k, ctx.as_of, ctx.users[c["tenant"]]) for k in range(1, n + 1)]
        ctx.assets[c["tenant"]] = made
        ctx.insert("assets", [{k: a[k] for k in _ASSET_COLUMNS} for a in made])
        ctx.insert("asset_inventory", [{"tenant": a["tenant"], "id": a["id"], "hostname": a["hostname"],
                                        "managed": a["managed"], "assigned_user": a["assigned_user"]} for a in made])
