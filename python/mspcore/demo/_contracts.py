"""Contracts of the demo: a managed-services agreement per client, Microsoft 365 NCE lines,
what the RMM, the M365 directory, the backup console and the distributor report, and the
licences the MSP resells.

Deviations: the billed quantity of each line is the observed usage minus a gap that is 0 for
55 % of lines, positive (usage not billed yet: revenue leakage) for 25 % and negative (billed
but no longer used: refund risk) for 20 %; a quarter of the M365 subscriptions bought more
seats than are assigned (shelfware). Directory units carry shared mailboxes and service
accounts, which the reconciliation excludes by default.
"""
from __future__ import annotations

import datetime as dt
import decimal
import json

from . import _catalog as cat
from ._util import add_months, iso_date, money

_SKU_MAP = {"SentinelOne Singularity Complete": "EDR", "Managed Workplace User": "MANAGED-USER",
            "Managed Server": "MANAGED-SERVER", "Cloud Backup Storage (TB)": "BACKUP-TB"}


def _gap(rng, n: int) -> int:
    r = rng.random()
    if r < 0.55:
        return 0
    if r < 0.80:
        return rng.randint(1, max(1, n // 12))
    return -rng.randint(1, max(1, min(4, n // 8 + 1)))


def _line(c, line_id, sku, quantity, price, term_start, **kw) -> dict:
    row = {"tenant": c["tenant"], "contract_id": kw.pop("contract_id"), "line_id": line_id, "sku": sku,
           "quantity": quantity, "unit_price": price, "currency": c["currency"], "billing_period": "monthly",
           "billing_mode": "advance", "term_start": iso_date(term_start), "term_end": None, "term_kind": "flexible",
           "proration": "actual", "commitment_minimum": 0, "true_down": "immediate", "tolerance_units": 0,
           "tolerance_percent": "0"}
    row.update(kw)
    return row


def _obs(c, sku, source, quantity, at, units=None) -> dict:
    return {"tenant": c["tenant"], "sku": sku, "source": source, "quantity": quantity, "as_of": at,
            "units": None if units is None else json.dumps(units, sort_keys=True, separators=(",", ":"))}


def contracts_step(ctx) -> None:
    rng = ctx.rng("contracts")
    as_of = ctx.as_of
    at = (as_of - dt.timedelta(days=1)).isoformat() + "T02:00:00Z"          # last night's sync
    earlier = add_months(as_of, -1).isoformat() + "T02:00:00Z"               # superseded (latest wins)
    lines, obs, licences = [], [], []
    for c in ctx.clients:
        tenant, cur = c["tenant"], c["currency"]
        assets, users = ctx.assets[tenant], ctx.users[tenant]
        factor = decimal.Decimal(cat.SERVICE_PRICE_BY_TIER[c["tier"]])
        user_p, device_p, server_p, edr_p, tb_p = (money(decimal.Decimal(p) * factor) for p in cat.SERVICE_PRICES[cur])
        msa_start = max(dt.date.fromisoformat(c["client_since"]), add_months(as_of, -30)).replace(day=1)
        msa = dict(contract_id=f"MSA-{msa_start.year}", term_kind="fixed", term_end=iso_date(add_months(msa_start, 36)),
                   true_down="at_renewal", tolerance_units=1)
        if add_months(msa_start, 36) <= as_of:  # an expired fixed term renews for another 36 months
            msa_start = add_months(msa_start, 36)
            msa.update(contract_id=f"MSA-{msa_start.year}", term_end=iso_date(add_months(msa_start, 36)))
        managed = [a for a in assets if a["managed"]]
        endpoints = sum(a["type"] in ("workstation", "laptop", "server") for a in managed)
        servers = sum(a["type"] == "server" for a in managed)
        tb = max(1, round(servers * rng.uniform(1.5, 4.0) + len(users) * 0.02))
        usage = (("L-1", "MANAGED-USER", len(users), user_p, "license", "Managed Workplace User"),
                 ("L-2", "MANAGED-SERVER", servers, server_p, "rmm", "Managed Server"),
                 ("L-3", "EDR", endpoints, edr_p, "rmm", "SentinelOne Singularity Complete"),
                 ("L-4", "BACKUP-TB", tb, tb_p, "asset", "Cloud Backup Storage (TB)"))
        for line_id, sku, n, price, source, vendor_name in usage:
            if n == 0:
                continue
            billed = max(0, n - _gap(rng, n))
            kw = dict(msa)
            if sku == "BACKUP-TB":
                kw.update(term_kind="flexible", term_end=None, true_down="next_period", tolerance_units=0)
            else:
                kw["commitment_minimum"] = int(billed * 0.8)
            lines.append(_line(c, line_id, sku, billed, price, msa_start, **kw))
            name = vendor_name if rng.random() < 0.5 else sku  # some tools report the product name
            obs.append(_obs(c, name, source, n, at))
            obs.append(_obs(c, sku, source, max(0, n - rng.randint(0, 3)), earlier))
        # Microsoft 365 NCE: one annual subscription of the main plan, Exchange for frontline staff.
        plan = cat.M365[2] if len(users) > 300 or c["tier"] == "premium" and rng.random() < 0.5 else cat.M365[0]
        if c["tier"] == "essential" and rng.random() < 0.5:
            plan = cat.M365[1]
        frontline = [f"frontline{i:02d}@{c['domain']}" for i in range(1, rng.randint(0, max(1, len(users) // 6)) + 1)]
        start = add_months(as_of, -rng.randint(1, 11)).replace(day=rng.randint(1, 28))
        if tenant == ctx.clients[0]["tenant"]:  # one subscription inside the NCE cancellation window
            start = as_of - dt.timedelta(days=3)
        shared = [f"{box}@{c['domain']}" for box in ("info", "office", "invoices")[: rng.randint(0, 3)]]
        service = [f"svc-scan@{c['domain']}"] if rng.random() < 0.4 else []
        for n_line, ((sku, vendor_name, prices), people, kind) in enumerate(
                ((plan, users, "nce_annual"), (cat.M365[3], frontline, "nce_monthly")), start=1):
            if not people:
                continue
            months = 12 if kind == "nce_annual" else 1
            s = start if months == 12 else first_month_start(as_of)
            billed = max(0, len(people) - _gap(rng, len(people)))
            purchased = billed + (rng.randint(1, 5) if rng.random() < 0.25 else 0)
            lines.append(_line(c, f"M-{n_line}", sku, billed, prices[cur], s, contract_id="M365-CSP",
                               term_kind=kind, term_end=iso_date(add_months(s, months)),
                               true_down="at_renewal" if months == 12 else "next_period"))
            units = list(people)
            if n_line == 1:
                units += [{"identity": u, "shared": True} for u in shared]
                units += [{"identity": u, "service_account": True} for u in service]
            obs.append(_obs(c, vendor_name, "license", None, at, units))
            obs.append(_obs(c, vendor_name, "vendor", purchased, at))
            licences.append({"tenant": tenant, "sku": sku, "seats": purchased,
                             "term_end": iso_date(add_months(s, months) - dt.timedelta(days=1)),
                             "renewal_price": money(decimal.Decimal(prices[cur]) * months * purchased),
                             "currency": cur, "auto_renew": 1})
        for sku, prices in rng.sample(cat.OTHER_LICENCES, rng.randint(1, 3)):
            seats = 1 if sku in ("FORTICARE-UTP", "VEEAM-VDC") else max(1, len(users) // rng.randint(3, 15))
            end = None if rng.random() < 0.08 else as_of + dt.timedelta(days=rng.randint(-75, 420))
            licences.append({"tenant": tenant, "sku": sku, "seats": seats,
                             "term_end": None if end is None else iso_date(end),
                             "renewal_price": money(decimal.Decimal(prices[cur]) * seats), "currency": cur,
                             "auto_renew": int(rng.random() < 0.6)})
    ctx.insert("contract_lines", lines)
    ctx.insert("observations", obs)
    ctx.insert("licences", licences)
    m365 = {name: sku for sku, name, _ in cat.M365}
    ctx.insert("sku_map", [{"name": k, "sku": v} for k, v in sorted({**_SKU_MAP, **m365}.items())])


def first_month_start(as_of: dt.date) -> dt.date:
    """Start of the current monthly NCE term: the first of the run's month."""
    return as_of.replace(day=1)
