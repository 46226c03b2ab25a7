"""A seeded generator of a realistic MSP into an embedded SQLite file (docs/demo-data.md).

``generate(path, seed=7)`` writes clients, calendars, SLA policies, contracts with their
usage observations, assets and licences, a year of tickets, security alerts, vulnerabilities,
roadmaps and standards-alignment answers, and RMM and backup data (devices, backup
results, patches, monitoring events). The same seed gives the same table contents, byte
for byte: every step draws from its own ``random.Random`` seeded with ``"<seed>:<step>"``, so
adding a step leaves the other steps' data unchanged.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import sqlite3
from typing import Callable, Optional

from . import _catalog as cat
from ._assets import assets_step
from ._contracts import contracts_step
from ._rmm import rmm_step
from ._security import security_step
from ._tickets import tickets_step
from ._util import iso_date, largest_remainder
from ._vcio import vcio_step
from .schema import SCHEMA, USER_VERSION

GENERATOR_VERSION = "mspcore-demo-2"


@dataclasses.dataclass(frozen=True)
class DemoSummary:
    """What generate() wrote: the file, its seed and as-of date, and the rows per table."""
    path: str
    seed: int
    as_of: dt.date
    counts: dict

    def __str__(self) -> str:
        rows = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        return f"demo {self.path} (seed {self.seed}, as of {self.as_of}): {rows}"


class Context:
    """Shared state of one generation: parameters, the connection and what earlier steps made."""

    def __init__(self, db: sqlite3.Connection, seed: int, as_of: dt.date):
        self.db, self.seed, self.as_of = db, seed, as_of
        self.clients: list = []        # dicts of the clients table plus 'assets' (planned count)
        self.users: dict = {}          # tenant -> [upn, ...]
        self.assets: dict = {}         # tenant -> [asset dict (assets row + hostname, managed)]
        self.calendars: dict = {}      # tenant -> {"business": spec, "24x7": spec}

    def rng(self, step: str) -> random.Random:
        return random.Random(f"{self.seed}:{step}")

    def insert(self, table: str, rows) -> None:
        rows = list(rows)
        if rows:
            cols = list(rows[0])
            self.db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                [tuple(r[c] for c in cols) for r in rows])


def _domain(slug: str, country: str) -> str:
    return slug.replace("-", "") + {"DE": ".de", "AT": ".at", "CH": ".ch"}.get(country, ".com")


def clients_step(ctx: Context, clients: int, assets: int) -> None:
    rng = ctx.rng("clients")
    chosen = []
    for i in range(clients):
        t = cat.CLIENTS[i % len(cat.CLIENTS)]
        suffix = "" if i < len(cat.CLIENTS) else f"-{i // len(cat.CLIENTS) + 1}"
        chosen.append((t[0] + suffix, t[1] + (f" ({suffix[1:]})" if suffix else "")) + t[2:])
    sizes = largest_remainder(assets, [t[8] * rng.uniform(0.8, 1.25) for t in chosen])
    for t, n in zip(chosen, sizes):
        slug, name, industry, country, rule, tz, currency, tier, _ = t
        users = max(1, round(n * 0.7 * rng.uniform(0.9, 1.1)))
        since = dt.date(rng.randint(2014, 2024), rng.randint(1, 12), 1)
        ctx.clients.append({"tenant": slug, "name": name, "industry": industry, "country": country,
                            "holiday_rule": rule, "time_zone": tz, "currency": currency, "tier": tier,
                            "users": users, "client_since": iso_date(since), "assets": n,
                            "domain": _domain(slug, country)})
    ctx.insert("clients", [{k: c[k] for k in ("tenant", "name", "industry", "country", "holiday_rule", "time_zone",
                                              "currency", "tier", "users", "client_since")} for c in ctx.clients])
    for c in ctx.clients:
        ctx.users[c["tenant"]] = _users(rng, c["users"], c["domain"])


def _users(rng: random.Random, n: int, domain: str) -> list:
    out, seen = [], {}
    while len(out) < n:
        base = f"{rng.choice(cat.FIRST_NAMES)}.{rng.choice(cat.LAST_NAMES)}"
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{base}{'' if seen[base] == 1 else seen[base]}@{domain}")
    return out


def calendars_step(ctx: Context) -> None:
    """Business hours of the client's country with its public holidays, plus a 24x7 calendar;
    the SLA policy of the client's tier on them (docs/calendar.md, docs/sla.md)."""
    rows, policies = [], []
    for c in ctx.clients:
        week_hours, friday = cat.HOURS[c["country"]]
        week = {d: week_hours for d in ("mon", "tue", "wed", "thu")}
        week["fri"] = friday
        business = {"name": f"{c['name']} office hours", "tz": c["time_zone"], "week": week,
                    "holiday_rules": [c["holiday_rule"]], "holidays_recurring": cat.EXTRA_CLOSED[c["country"]]}
        always = {"name": "24x7", "tz": c["time_zone"], "24x7": True}
        ctx.calendars[c["tenant"]] = {"business": business, "24x7": always}
        rows += [{"tenant": c["tenant"], "name": "business", "spec": _json(business)},
                 {"tenant": c["tenant"], "name": "24x7", "spec": _json(always)}]
        targets = cat.SLA_TARGETS[c["tier"]]
        priorities = {}
        for p, (resp, res) in targets.items():
            entry = {"targets": {"response_minutes": resp, "resolution_minutes": res}}
            if p in cat.SLA_24X7[c["tier"]]:
                entry["calendar"] = always
            priorities[p] = entry
        policy = {"calendar": business,
                  "targets": {"response_minutes": targets["P3"][0], "resolution_minutes": targets["P3"][1]},
                  "priorities": priorities, "pause_statuses": ["waiting_customer"],
                  "pause_applies_to": ["resolution"], "resolution_clock": "first",
                  "resolved_statuses": ["resolved", "closed"]}
        policies.append({"tenant": c["tenant"], "tier": c["tier"], "spec": _json(policy)})
    ctx.insert("calendars", rows)
    ctx.insert("sla_policies", policies)


def _json(value) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# The steps in order; each takes the context. A new record type adds its step here.
STEPS = (("calendars", calendars_step), ("assets", assets_step), ("contracts", contracts_step),
         ("tickets", tickets_step), ("security", security_step), ("vcio", vcio_step),
         ("rmm", rmm_step))


def generate(path, seed: int = 7, clients: int = 20, assets: int = 3000, as_of: dt.date = dt.date(2026, 12, 1),
             progress: Optional[Callable[[str, int, int], None]] = None) -> DemoSummary:
    """Write the demo MSP into the SQLite file ``path`` (replaced if it exists).

    ``clients`` clients share ``assets`` assets; tickets cover the year before ``as_of``
    (nothing happens after it). ``progress(step, done, total)`` is called after each step.
    Returns a DemoSummary with the rows written per table.
    """
    import mspcore

    if clients < 1 or assets < clients:
        raise mspcore.InvalidArgumentError(f"need clients >= 1 and assets >= clients, got clients={clients} assets={assets}")
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    path = os.fspath(path)
    tmp = path + ".tmp"
    for p in (tmp, tmp + "-journal"):
        if os.path.exists(p):
            os.remove(p)
    db = sqlite3.connect(tmp)
    try:
        # A scratch file renamed into place at the end: no journal or syncs needed while writing.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA user_version = {USER_VERSION}")
        db.execute("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?)",
                   (seed, iso_date(as_of), GENERATOR_VERSION, clients, assets, mspcore.os_lifecycle_table_version()))
        ctx = Context(db, seed, as_of)
        total = len(STEPS) + 1
        clients_step(ctx, clients, assets)
        if progress:
            progress("clients", 1, total)
        for i, (name, step) in enumerate(STEPS, start=2):
            step(ctx)
            if progress:
                progress(name, i, total)
        db.commit()
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
        counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        db.close()
    os.replace(tmp, path)
    return DemoSummary(path, seed, as_of, counts)
