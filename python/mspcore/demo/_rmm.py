"""RMM and backup data of the demo: devices, backup job results, patches, monitoring events.

What a data hub holds after importing its RMM and backup consoles (docs/rmm-import.md), with
the vendors' device ids already mapped to the hub's asset ids, so every record's ``device_id``
is an ``assets.id``. Each client has one RMM (Datto RMM 60 %, N-central 40 %) and one backup
product (N-able Cove 55 %, Datto BCDR 45 %).

Distributions:
- devices: every managed server, workstation and laptop; 5 % of the endpoints offline for
  3-20 days before as_of, 1 % retired at the vendor; servers are always backed up, endpoints
  at the 40 % of clients whose plan includes them; every client's Microsoft 365 tenant is one
  cloud "device" of the backup product.
- everything runs through the end of the ``as_of`` day (backup and patch compliance are
  judged as of then);
- backup results (the last 62 days): servers at 10:00 and 22:00 client time (12 h apart, the
  server RPO), endpoints and the cloud tenant at 22:00; outcomes 93 % success, 3 % success with
  exceptions, 1 % warning, 3 % failed; 3 % of the devices fail every night for their last 1-4
  days; 1 % of the expected devices have never had a backup. Cove backs up straight to its
  cloud (offsite); Datto BCDR backs up locally with a screenshot verification of the night
  backup and copies offsite at 03:00.
- patches (the last 6 Patch Tuesdays): 3-6 per device and month; installed 1-25 days after the
  release (servers later than endpoints), the newest month's patches partly still missing or
  pending or failed, 2 % declined, 1 % of the older ones superseded by a later rollup.
- monitoring events (the last 200 days): per server about one outage a quarter (device offline,
  5 minutes to 4 hours), disk and resource alerts on every device class.
"""
from __future__ import annotations

import datetime as dt

from ._util import iso_date, iso_instant, midnight

_HISTORY_DAYS = 62
_PATCH_MONTHS = 6
_EVENT_DAYS = 200
_BACKED_CLASSES = {"server": "server", "workstation": "workstation", "laptop": "workstation"}
_SEVERITIES = (("critical", 2), ("important", 4), ("moderate", 2), ("low", 1))
_ALERTS = (("perf_disk_usage_ctx", "moderate", "C: {p}% used"),
           ("perf_resource_usage_ctx", "low", "CPU above {p}% for 15 minutes"),
           ("antivirus_ctx", "high", "Antivirus definitions older than {p} hours"))


def _tz(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _patch_tuesday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)


def _outcome(rng) -> tuple:
    r = rng.random()
    if r < 0.93:
        return "success", 0, ""
    if r < 0.96:
        return "success_with_exceptions", rng.randint(1, 40), "Completed with errors: files in use skipped"
    if r < 0.97:
        return "warning", rng.randint(1, 3), "Completed, snapshot consolidation pending"
    return "failed", rng.randint(1, 5), rng.choice(("VSS snapshot failed", "Destination unreachable",
                                                    "Agent not responding"))


def _devices(rng, c: dict, assets: list, as_of: dt.datetime, rmm: str, backs_endpoints: bool) -> list:
    out = []
    for a in assets:
        cls = _BACKED_CLASSES.get(a["type"])
        if cls is None or not a["managed"]:
            continue
        offline = cls == "workstation" and rng.random() < 0.05
        last_seen = as_of - (dt.timedelta(days=rng.randint(3, 20), minutes=rng.randint(0, 600)) if offline
                             else dt.timedelta(minutes=rng.randint(1, 30)))
        out.append({"tenant": c["tenant"], "source": rmm, "id": a["id"], "name": a["hostname"], "device_class": cls,
                    "os": " ".join(p for p in (a["os"], a["os_edition"], a["os_version"]) if p) or None,
                    "site": c["name"], "last_seen": iso_instant(last_seen), "online": int(not offline),
                    "reboot_required": 0, "patch_status": "unknown", "patches_pending": None,
                    "backup_expected": int(cls == "server" or backs_endpoints), "retired": int(rng.random() < 0.01)})
    return out


def _backups(rng, c: dict, devices: list, as_of: dt.datetime, product: str) -> list:
    tz = _tz(c["time_zone"])
    rows = []
    first_day = as_of.date() - dt.timedelta(days=_HISTORY_DAYS)
    for d in devices:
        if not d["backup_expected"] or d["retired"] or rng.random() < 0.01:
            continue  # not backed up, or expected but never had a backup
        hours = (10, 22) if d["device_class"] == "server" else (22,)
        cloud = d["device_class"] == "cloud"
        sources = (("m365_exchange", "m365_onedrive") if cloud else ("image",) if product == "datto_bcdr"
                   else ("files", "system_state") if d["device_class"] == "server" else ("files",))
        copy = "offsite" if product == "cove" or cloud else "local"
        failing_from = as_of - dt.timedelta(days=rng.randint(1, 4)) if rng.random() < 0.03 else None
        last_seen = dt.datetime.fromisoformat(d["last_seen"].replace("Z", "+00:00")) if d["last_seen"] else as_of
        for k in range(_HISTORY_DAYS):
            day = first_day + dt.timedelta(days=k)
            for hour in hours:
                local = dt.datetime(day.year, day.month, day.day, hour, rng.randint(0, 40), tzinfo=tz)
                at = local.astimezone(dt.timezone.utc)
                if at >= as_of or at > last_seen:
                    continue  # an offline device runs no jobs
                failing = failing_from is not None and at >= failing_from
                for source in sources:
                    outcome, errors, detail = ("failed", 1, "Destination unreachable") if failing else _outcome(rng)
                    verification = "none"
                    if copy == "local" and hour == 22 and d["device_class"] == "server" and outcome != "failed":
                        verification = "passed" if rng.random() < 0.96 else "failed"
                    rows.append(_result(d, product, source, at, outcome, copy, verification, errors, detail))
                if copy == "local" and hour == 22 and not failing:
                    sync = at.replace(hour=3, minute=0) + dt.timedelta(days=1)
                    if sync < as_of and sync <= last_seen:
                        rows.append(_result(d, product, "image", sync, "success", "offsite", "none", 0, "Offsite sync"))
    return rows


def _result(d: dict, product: str, source: str, at: dt.datetime, outcome: str, copy: str, verification: str,
            errors: int, detail: str) -> dict:
    stamp = iso_instant(at)
    key = f"{d['tenant']}/{d['id']}:{source}:{copy}:{stamp}"  # vendor ids are unique per console, not per asset id
    return {"tenant": d["tenant"], "device_id": d["id"], "source": product, "id": key, "at": stamp, "outcome": outcome, "copy": copy, "verification": verification, "data_source": source,
            "errors": errors, "detail": detail or None}


def _patches(rng, devices: list, as_of: dt.datetime) -> list:
    rows = []
    releases, y, m = [], as_of.year, as_of.month
    while len(releases) < _PATCH_MONTHS:
        tuesday = _patch_tuesday(y, m)
        if tuesday < as_of.date():
            releases.insert(0, tuesday)
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    for d in devices:
        if d["retired"]:
            continue
        last_seen = dt.datetime.fromisoformat(d["last_seen"].replace("Z", "+00:00"))
        pending = 0
        for n, released in enumerate(releases):
            newest = n == len(releases) - 1
            for j in range(rng.randint(3, 6)):
                severity = rng.choices([s for s, _ in _SEVERITIES], weights=[w for _, w in _SEVERITIES])[0]
                kb = f"KB50{released.strftime('%y%m')}{j:02d}"
                delay = rng.randint(3, 25) if d["device_class"] == "server" else rng.randint(1, 14)
                installed = midnight(released) + dt.timedelta(days=delay, hours=rng.randint(1, 20))
                state, at, r = "installed", installed, rng.random()
                if r < 0.02:
                    state, at = "declined", None
                elif r < 0.03:  # never installed: superseded by a later rollup, or the install failed
                    state, at = ("failed" if newest else "superseded"), None
                elif installed >= as_of or installed > last_seen or (newest and rng.random() < 0.15):
                    state, at = ("pending" if rng.random() < 0.5 else "missing"), None
                    if not newest and rng.random() < 0.5:
                        state = "superseded"
                reboot = state == "installed" and newest and rng.random() < 0.1
                pending += state == "pending"
                rows.append({"tenant": d["tenant"], "device_id": d["id"], "source": d["source"], "patch_id": kb,
                             "title": f"{released:%Y-%m} {'Security' if severity in ('critical', 'important') else 'Quality'}"
                                      f" update for {d['os'] or 'the operating system'}",
                             "severity": severity, "state": state, "released": iso_date(released),
                             "installed_at": None if at is None else iso_instant(at), "reboot_required": int(reboot)})
                d["reboot_required"] |= int(reboot)
        d["patches_pending"] = pending
        d["patch_status"] = ("reboot_required" if d["reboot_required"] else "pending" if pending else "fully_patched")
    return rows


def _events(rng, devices: list, as_of: dt.datetime) -> list:
    rows = []
    start = as_of - dt.timedelta(days=_EVENT_DAYS)
    for d in devices:
        if d["retired"]:
            continue
        outages = sum(rng.random() < 1 / 90 for _ in range(_EVENT_DAYS)) if d["device_class"] == "server" else 0
        alerts = sum(rng.random() < 1 / 120 for _ in range(_EVENT_DAYS))
        for k in range(outages + alerts):
            opened = start + dt.timedelta(seconds=rng.randrange(_EVENT_DAYS * 86400))
            outage = k < outages
            if outage:
                monitor, priority, detail = "online_offline_status_ctx", "critical", "Device offline"
                minutes = rng.randint(5, 240)
            else:
                monitor, priority, text = rng.choice(_ALERTS)
                detail, minutes = text.format(p=rng.randint(85, 99)), rng.randint(20, 3 * 24 * 60)
            resolved = opened + dt.timedelta(minutes=minutes)
            rows.append({"tenant": d["tenant"], "device_id": d["id"], "source": d["source"],
                         "id": f"{d['tenant']}/{d['id']}-{unix(opened)}", "monitor": monitor, "priority": priority,
                         "opened": iso_instant(opened), "resolved": None if resolved >= as_of else iso_instant(resolved),
                         "outage": int(outage), "ticket": f"T{opened:%Y%m%d}.{rng.randint(1, 9999):04d}" if outage else None,
                         "detail": detail})
    rows.sort(key=lambda r: (r["tenant"], r["opened"], r["id"]))
    return rows


def unix(t: dt.datetime) -> int:
    return int(t.timestamp())


def rmm_step(ctx) -> None:
    rng = ctx.rng("rmm")
    # Through the end of the as_of day: a review judges backups as of then (mspcore.qbr_model).
    as_of = midnight(ctx.as_of + dt.timedelta(days=1))
    for c in ctx.clients:
        rmm = "datto_rmm" if rng.random() < 0.6 else "ncentral"
        product = "cove" if rng.random() < 0.55 else "datto_bcdr"
        devices = _devices(rng, c, ctx.assets[c["tenant"]], as_of, rmm, rng.random() < 0.4)
        patches = _patches(rng, devices, as_of)
        events = _events(rng, devices, as_of)
        cloud = {"tenant": c["tenant"], "source": product, "id": f"M365-{c['tenant']}", "name": c["domain"],
                 "device_class": "cloud", "os": None, "site": c["name"], "last_seen": None, "online": None,
                 "reboot_required": 0, "patch_status": "unknown", "patches_pending": None, "backup_expected": 1,
                 "retired": 0}
        backups = _backups(rng, c, devices + [cloud], as_of, product)
        ctx.insert("rmm_devices", devices + [cloud])
        ctx.insert("backup_results", backups)
        ctx.insert("patches", patches)
        ctx.insert("monitoring_events", events)
