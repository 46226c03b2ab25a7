"""Security data of the demo: vendor accounts, alerts in the payload shapes of SentinelOne
(threats and UAM alerts), RocketCyber and Barracuda XDR (docs/security-alerts.md), open
vulnerabilities, monthly patch compliance and a risk register.

Distributions: 5-20 alerts per 100 endpoints a year; alerts older than two weeks are resolved
(92 %), newer ones mostly open; 80 % mitigated; verdicts mostly true positive or undecided, 10 %
false positives. Vulnerability ids are **synthetic** (CVE-2026-9xxxx, not real CVEs) with random
valid CVSS 3.1 vectors, EPSS 0.001-0.9 (skewed low) and 6 % in KEV.
"""
from __future__ import annotations

import datetime as dt
import json

from . import _catalog as cat
from ._util import add_months, iso_instant, midnight

_S1_VERDICT = (("true_positive", 45), ("undefined", 35), ("suspicious", 10), ("false_positive", 10))


def _hex(rng, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _ms(t: dt.datetime, rng) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{rng.randrange(1000):03d}Z"


def _status(rng, first: dt.datetime, end: dt.datetime):
    old = end - first > dt.timedelta(days=14)
    status = ("resolved" if rng.random() < 0.92 else "in_progress") if old else \
        rng.choice(("open", "open", "in_progress", "resolved"))
    mitigated = rng.random() < (0.8 if status != "open" else 0.45)
    return status, mitigated


def _pick(rng, items):
    return rng.choices([i[0] for i in items], weights=[i[1] for i in items])[0]


def _sentinelone(rng, acct, a, title, first, last, status, mitigated) -> dict:
    verdict = _pick(rng, _S1_VERDICT)
    return {"id": str(rng.randrange(10 ** 17, 10 ** 18)),
            "agentRealtimeInfo": {"accountId": acct["account_id"], "accountName": acct["account_name"],
                                  "siteId": acct["site_id"], "siteName": acct["site_name"],
                                  "agentId": str(rng.randrange(10 ** 17, 10 ** 18)),
                                  "agentComputerName": a["hostname"], "agentOsName": a["os"],
                                  "agentMachineType": "server" if a["type"] == "server" else a["type"]},
            "threatInfo": {"threatName": title[0], "classification": title[2], "confidenceLevel":
                           "malicious" if title[1] in ("high", "critical") else "suspicious",
                           "analystVerdict": verdict, "incidentStatus": {"open": "unresolved"}.get(status, status),
                           "mitigationStatus": "mitigated" if mitigated else "not_mitigated",
                           "sha1": _hex(rng, 40), "sha256": _hex(rng, 64), "md5": None,
                           "identifiedAt": _ms(first, rng), "createdAt": _ms(first, rng), "updatedAt": _ms(last, rng)}}


def _uam(rng, acct, a, title, first, last, status, mitigated) -> dict:
    return {"id": _hex(rng, 24), "name": title[0], "description": f"{title[0]} on {a['hostname']}",
            "severity": title[1].upper(), "status": {"open": "NEW"}.get(status, status.upper()),
            "result": "MITIGATED" if mitigated else "UNMITIGATED",
            "analystVerdict": _pick(rng, _S1_VERDICT).upper(), "classification": title[2].upper().replace(" ", "_"),
            "confidenceLevel": "MALICIOUS" if title[1] in ("high", "critical") else "SUSPICIOUS",
            "createdAt": _ms(first, rng), "updatedAt": _ms(last, rng), "firstSeenAt": _ms(first, rng),
            "lastSeenAt": _ms(last, rng), "detectedAt": _ms(first, rng),
            "asset": {"id": a["id"], "name": a["hostname"], "category": "Server" if a["type"] == "server" else "Endpoint"},
            "process": {"file": {"name": "payload.exe", "sha256": _hex(rng, 64), "sha1": _hex(rng, 40), "md5": _hex(rng, 32)}},
            "realTime": {"scope": {"account": {"id": acct["account_id"], "name": acct["account_name"]},
                                   "site": {"id": acct["site_id"], "name": acct["site_name"]}}}}


def _rocketcyber(rng, acct, a, title, first, last, status, mitigated) -> dict:
    return {"id": rng.randrange(100000, 999999), "title": title[0], "description": f"{title[0]} on {a['hostname']}",
            "remediation": "Isolate the endpoint and review the process tree",
            "status": {"in_progress": "open"}.get(status, status), "accountId": int(acct["account_id"]),
            "accountName": acct["account_name"], "accountPath": f"/{acct['account_name']}",
            "createdAt": iso_instant(first), "publishedAt": iso_instant(first + dt.timedelta(minutes=2)),
            "updatedAt": iso_instant(last), "resolvedAt": iso_instant(last) if status == "resolved" else None,
            "eventCount": rng.randint(1, 40), "affectedDevices": [a["hostname"]]}


def _xdr(rng, acct, a, title, first, last, status, mitigated) -> dict:
    alarm = {"alarm_id": f"XDR-{first.year}-{rng.randrange(100000):05d}", "account_id": int(acct["account_id"]),
             "account_name": acct["account_name"], "hostname": a["hostname"], "device_id": a["id"],
             "alarm_name": title[0], "category": title[2], "description": f"{title[0]} ({a['hostname']})",
             "severity": title[1].title(), "status": {"open": "Open", "in_progress": "In Progress"}.get(status, "Closed"),
             "verdict": rng.choice(("True Positive", "Suspicious", "False Positive")),
             "mitigation": "Mitigated" if mitigated else "Not Mitigated",
             "created_at": iso_instant(first), "updated_at": iso_instant(last)}
    if rng.random() < 0.2:
        alarm["sha256"] = _hex(rng, 64).upper()
    return alarm


_MAKERS = {"sentinelone": _sentinelone, "sentinelone_uam": _uam, "rocketcyber": _rocketcyber, "barracuda_xdr": _xdr}


def _vector(rng) -> str:
    m = [("AV", "NNNNALP"), ("AC", "LLLH"), ("PR", "NNLH"), ("UI", "NNR"), ("S", "UUUC"), ("C", "HHLN"),
         ("I", "HHLN"), ("A", "HLN")]
    return "CVSS:3.1/" + "/".join(f"{k}:{rng.choice(v)}" for k, v in m)


def security_step(ctx) -> None:
    rng = ctx.rng("security")
    end = midnight(ctx.as_of)
    accounts, alerts, vulns, patch, risks = [], [], [], [], []
    pool = [(f"CVE-2026-9{i:04d}", _vector(rng), round(min(0.9, rng.paretovariate(1.2) * 0.003), 4),
             int(rng.random() < 0.06)) for i in range(1, 61)]
    for index, c in enumerate(ctx.clients):
        tenant = c["tenant"]
        mine = [{"tenant": tenant, "source": "sentinelone", "account_id": str(rng.randrange(10 ** 17, 10 ** 18)),
                 "account_name": c["name"], "site_id": str(rng.randrange(10 ** 17, 10 ** 18)), "site_name": "Default site"}]
        if rng.random() < 0.4:
            mine.append({"tenant": tenant, "source": "rocketcyber", "account_id": str(1000 + 97 * index + rng.randrange(97)),
                         "account_name": c["name"], "site_id": None, "site_name": None})
        if rng.random() < 0.3:
            mine.append({"tenant": tenant, "source": "barracuda_xdr", "account_id": str(10 + 13 * index + rng.randrange(13)),
                         "account_name": c["name"], "site_id": None, "site_name": None})
        accounts += mine
        sources = [("sentinelone", 45), ("sentinelone_uam", 25)] + \
                  [({"rocketcyber": "rocketcyber", "barracuda_xdr": "barracuda_xdr"}[m["source"]],
                    20 if m["source"] == "rocketcyber" else 10) for m in mine[1:]]
        endpoints = [a for a in ctx.assets[tenant] if a["type"] in ("workstation", "laptop", "server")] \
            or ctx.assets[tenant]
        for _ in range(max(1, round(len(endpoints) * rng.uniform(0.05, 0.20)))):
            source = _pick(rng, sources)
            acct = next(m for m in mine if m["source"] == source.replace("_uam", ""))
            first = end - dt.timedelta(seconds=rng.randrange(365 * 86400))
            last = min(end - dt.timedelta(seconds=1), first + dt.timedelta(minutes=rng.randint(0, 5 * 24 * 60)))
            status, mitigated = _status(rng, first, end)
            payload = _MAKERS[source](rng, acct, rng.choice(endpoints), rng.choice(cat.ALERT_TITLES), first, last,
                                      status, mitigated)
            source_id = str(payload.get("id", payload.get("alarm_id")))
            alerts.append({"tenant": tenant, "source": source, "source_id": source_id, "first_seen": iso_instant(first),
                           "payload": json.dumps(payload, sort_keys=True, separators=(",", ":"))})
        for _ in range(round(len(endpoints) * rng.uniform(0.02, 0.15))):
            cve, vector, epss, kev = rng.choice(pool)
            vulns.append({"tenant": tenant, "id": cve, "device_id": rng.choice(endpoints)["id"], "cvss": vector,
                          "epss": epss, "kev": kev})
        devices = sum(a["managed"] for a in endpoints) or 1
        base = rng.uniform(0.78, 0.98)
        for k in range(12, 0, -1):
            month = add_months(ctx.as_of.replace(day=1), -k)
            share = min(1.0, max(0.5, base + rng.gauss(0, 0.03) + (12 - k) * 0.002))
            patch.append({"tenant": tenant, "month": month.strftime("%Y-%m"), "devices": devices,
                          "compliant": round(devices * share)})
        for i, (title, likelihood, impact) in enumerate(rng.sample(cat.RISKS, rng.randint(2, 4)), start=1):
            risks.append({"tenant": tenant, "id": f"R-{i}", "title": title,
                          "likelihood": min(5, max(1, likelihood + rng.choice((-1, 0, 0, 1)))), "impact": impact})
    # Vendors return ids that can repeat across consoles only by accident; keep the first.
    seen, unique = set(), []
    for a in alerts:
        if (a["source"], a["source_id"]) not in seen:
            seen.add((a["source"], a["source_id"]))
            unique.append(a)
    ctx.insert("vendor_accounts", accounts)
    ctx.insert("alerts", unique)
    ctx.insert("vulnerabilities", vulns)
    ctx.insert("patch_compliance", patch)
    ctx.insert("risk_register", risks)
