"""A year of tickets per client, timed on the client's SLA calendars.

Distributions: about one ticket per user and month (0.8-1.3 by client); 88 % created in office
hours, weekends rare; priorities P1 2 %, P2 10 %, P3 58 %, P4 30 %. The first response and the
resolution are drawn in business seconds of the priority's calendar as the target times a
log-normal factor (median 25-42 % of the target by client, sigma 0.7; resolution 24-40 %, sigma 0.75): 2-10 % of tickets breach
by client. 18 % of tickets wait for the customer (a pause of 2-72 h, which stops the resolution
clock), 4 % are reopened. CSAT is answered for 35 % of resolved tickets (positive 93 %, 70 % after a
breach or a reopen), NPS for 8 %. Nothing happens after ``as_of``: later events are cut off,
so the last days have open tickets.
"""
from __future__ import annotations

import datetime as dt
import math

from . import _catalog as cat
from ._util import UTC, iso_instant, midnight, weighted

_MONTH_FACTOR = {8: 0.8, 12: 0.85}
_QUICK = ("Account & Access", "Email & M365", "Software")


def _created(rng, c, year_start: dt.datetime, local_to_utc) -> dt.datetime:
    """A creation instant in [year_start, year_start + 365 days), mostly in office hours."""
    week_hours, friday = cat.HOURS[c["country"]]
    stop = year_start + dt.timedelta(days=365)
    while True:
        day = (year_start + dt.timedelta(days=rng.randrange(365))).date()
        if day.weekday() >= 5 and rng.random() > 0.08:
            continue
        if rng.random() > _MONTH_FACTOR.get(day.month, 1.0):
            continue
        if rng.random() < 0.88:
            windows = friday if day.weekday() == 4 else week_hours
            lo, hi = windows[0][0], windows[-1][1]
            start = int(lo[:2]) * 60 + int(lo[3:])
            end = int(hi[:2]) * 60 + int(hi[3:])
            minute = int(rng.triangular(start, end, start + (end - start) * 0.3))
        else:
            minute = rng.randrange(24 * 60)
        wall = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randrange(60))
        created = local_to_utc(wall, c["time_zone"])
        if year_start <= created < stop:  # local days near the ends may fall outside in UTC
            return created


_DEVICE_TYPES = {"Printing": ("printer",), "Network": ("network",), "Backup": ("server", "storage"),
                 "Hardware": ("workstation", "laptop", "printer", "mobile")}


def _device_pools(assets) -> dict:
    """Asset ids per ticket category (the devices such a ticket is about)."""
    pools = {}
    for name, *_ in cat.CATEGORIES:
        want = _DEVICE_TYPES.get(name, ("workstation", "laptop"))
        pools[name] = [a["id"] for a in assets if a["type"] in want] or [a["id"] for a in assets]
    return pools


def tickets_step(ctx) -> None:
    import mspcore

    rng = ctx.rng("tickets")
    end = midnight(ctx.as_of)
    year_start = end - dt.timedelta(days=365)
    rows, history, number = [], [], 0
    for c in ctx.clients:
        tenant = c["tenant"]
        cals = {k: mspcore.Calendar.from_json(v) for k, v in ctx.calendars[tenant].items()}
        targets, always = cat.SLA_TARGETS[c["tier"]], cat.SLA_24X7[c["tier"]]
        quality = rng.uniform(0.25, 0.42)
        n = round(c["users"] * rng.uniform(0.8, 1.3) * 12)
        made, pools = [], _device_pools(ctx.assets[tenant])
        for _ in range(n):
            created = _created(rng, c, year_start, mspcore.local_to_utc)
            category, _, reactive, hours, device_share = weighted(rng, cat.CATEGORIES, 1)
            priority = weighted(rng, cat.PRIORITY_MIX)[0]
            if category == "Security" and priority in ("P3", "P4") and rng.random() < 0.4:
                priority = "P2"
            cal = cals["24x7" if priority in always else "business"]
            resp_target, res_target = targets[priority]
            resp = max(60, int(resp_target * 60 * math.exp(rng.gauss(math.log(quality), 0.7))))
            quick = category in _QUICK and rng.random() < 0.35   # solved while on the phone
            if quick:
                res = resp + rng.randint(120, 1200)
            else:
                res = max(resp + 300, int(res_target * 60 * math.exp(rng.gauss(math.log(quality * 0.95), 0.75))))
            first = cal.add_business(created, resp)
            events = [(created, "new"), (first, "in_progress")]
            pause = None
            if priority not in always and rng.random() < 0.18:
                ps = first + dt.timedelta(minutes=rng.randint(10, 240))
                pause = (ps, ps + dt.timedelta(minutes=rng.randint(120, 72 * 60)))
            resolved = cal.add_business(created, res, pauses=[pause] if pause else ())
            if pause and pause[0] >= resolved:
                pause = None
            if pause:
                resolved = max(resolved, pause[1] + dt.timedelta(minutes=5))
                events += [(pause[0], "waiting_customer"), (pause[1], "in_progress")]
            events.append((resolved, "resolved"))
            reopened = rng.random() < 0.04
            if reopened:
                back = resolved + dt.timedelta(minutes=rng.randint(120, 3 * 24 * 60))
                events += [(back, "in_progress"), (cal.add_business(back, rng.randint(1800, 6 * 3600)), "resolved")]
            events = [(t, s) for t, s in events if t < end]   # nothing after as_of
            last_resolved = [t for t, s in events if s == "resolved"]
            is_resolved = bool(events) and events[-1][1] == "resolved"
            reopen_seen = sum(s == "resolved" for _, s in events) > 1 or (len(last_resolved) == 1 and not is_resolved)
            breached = resp > resp_target * 60 or res > res_target * 60
            csat = nps = first_contact = None
            if is_resolved:
                first_contact = int(quick and not reopen_seen)
                if rng.random() < 0.35:
                    csat = int(rng.random() < (0.70 if breached or reopen_seen else 0.93))
                if rng.random() < 0.08:
                    r = rng.random()
                    nps = rng.randint(9, 10) if r < 0.55 else rng.randint(7, 8) if r < 0.85 else rng.randint(0, 6)
            work = max(0.25, round(hours * (2 if priority == "P1" else 1) * math.exp(rng.gauss(0, 0.6)) * 4) / 4)
            made.append(({"tenant": tenant, "created": iso_instant(created),
                          "first_response": iso_instant(first) if first < end else None,
                          "resolved": iso_instant(events[-1][0]) if is_resolved else None,
                          "priority": priority, "category": category, "reopened": int(reopen_seen),
                          "first_contact": first_contact, "csat": csat, "nps": nps, "work_hours": work,
                          "reactive": int(reactive),
                          "device_id": rng.choice(pools[category]) if rng.random() < device_share
                          else None}, events))
        made.sort(key=lambda m: m[0]["created"])
        for row, events in made:
            number += 1
            row = {"tenant": row.pop("tenant"), "id": f"T{number:06d}", **row}
            rows.append(row)
            history += [{"tenant": tenant, "ticket": row["id"], "at": iso_instant(t), "status": s} for t, s in events]
    ctx.insert("tickets", rows)
    ctx.insert("ticket_status", history)
