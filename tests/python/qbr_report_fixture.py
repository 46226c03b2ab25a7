"""A rich QBR model for the export tests: tenant "acme" (and a second tenant "bolt" whose rows
must never show up), 2026-Q4, every section present. Built with mspcore.qbr_model from small
hand-made sources, so the numbers the tests look for are worked out here in the comments.
"""
import datetime as dt
import json

import mspcore as msp
import qbr_fixtures

TENANT, PERIOD = "acme", "2026-Q4"
QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]

# KPI rows over five quarters. acme's SLA response attainment 88 -> 91 -> 90 -> 92 -> 95
# (delta +3, better), backlog 14 -> 9 (delta -3 from 12, better), first response mean 1.8 h -> 2.4 h
# (worse, +0.6); bolt's rows carry tell-tale values (777) that must not appear.
_ACME = {
    "created": [120, 131, 118, 125, 140],
    "closed": [118, 129, 121, 122, 143],
    "backlog": [14, 16, 13, 12, 9],
    "first_response_hours_mean": [2.1, 1.9, 2.0, 1.8, 2.4],
    "resolution_hours_mean": [9.5, 8.7, 8.9, 8.1, 7.6],
    "sla_response_attainment_pct": [88.0, 91.0, 90.0, 92.0, 95.0],
    "sla_resolution_attainment_pct": [84.0, 86.5, 87.0, 89.0, 90.5],
    "csat_positive_pct": [93.0, 94.0, 92.5, 95.0, 96.0],
}
KPI_ROWS = [{"tenant": TENANT, "period": q, **{k: v[i] for k, v in _ACME.items()}} for i, q in enumerate(QUARTERS)]
KPI_ROWS += [{"tenant": "bolt", "period": q, "created": 777, "backlog": 777} for q in QUARTERS]

# SLA: 20 acme tickets created in Q4. Response: 19 met, 1 breached (A-07) -> 95.00 %;
# resolution: 18 met, 1 breached, 1 in progress -> 18/19 = 94.74 %.
_SLA = []
for n in range(1, 21):
    tid = f"A-{n:02d}"
    _SLA.append({"tenant": TENANT, "id": tid, "priority": "P1" if n <= 4 else "P3",
                 "response": "breached" if tid == "A-07" else "met",
                 "resolution": "breached" if tid == "A-11" else ("in_progress" if tid == "A-20" else "met")})
_SLA.append({"tenant": "bolt", "id": "BOLT-777", "priority": "P1", "response": "breached", "resolution": "breached"})
SLA = {"tickets": _SLA}


def _alert(tenant, sid, title, severity, status, seen, priority, asset):
    return {"tenant": tenant, "source": "sentinelone", "source_id": sid, "title": title,
            "severity": {"value": severity, "raw": severity}, "status": {"value": status, "raw": status},
            "asset": {"id": None, "name": asset}, "first_seen": seen, "priority": priority}


# Four acme alerts in Q4 (one in Q3 is left out); by severity high 2, medium 1, low 1.
ALERTS = [
    _alert(TENANT, "S1-101", "Ransomware behaviour blocked", "high", "resolved", "2026-10-03T08:00:00Z", 1, "ACME-FS01"),
    _alert(TENANT, "S1-102", "Credential dumping attempt", "high", "open", "2026-11-20T13:30:00Z", 2, "ACME-PC17"),
    _alert(TENANT, "S1-103", "Suspicious PowerShell", "medium", "in_progress", "2026-12-02T09:15:00Z", 3, "ACME-PC04"),
    _alert(TENANT, "S1-104", "Potentially unwanted app", "low", "resolved", "2026-12-15T16:45:00Z", None, "ACME-LT09"),
    _alert(TENANT, "S1-099", "Old alert from Q3", "low", "resolved", "2026-08-01T10:00:00Z", 4, "ACME-PC01"),
    _alert("bolt", "BOLT-S1-777", "Bolt secret alert", "high", "open", "2026-11-01T10:00:00Z", 1, "BOLT-PC"),
]

# Risk: incidents (1 open P2, 5 days) + 1 unmitigated threat + two CVEs, lifecycle 3 of 8 past
# warranty, backup 96.5 %, patch 88 %, controls: MFA aligned, IR partial. The score is the
# library's (risk_score); the tests read it from the model.
RISK_INPUTS = {
    "incidents": [{"id": "INC-1", "priority": 2, "age_days": 5}],
    "unmitigated_threats": 1,
    "vulnerabilities": [{"id": "CVE-2024-3400", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "epss": 0.94},
                        {"id": "CVE-2023-1234", "cvss_score": 5.3, "kev": False}],
    "kev_catalog": ["CVE-2024-3400"],
    "lifecycle": {"assets": 8, "past_warranty": 3, "os_past_eol": 1},
    "backup_compliance": 96.5, "patch_compliance": 88,
    "controls": [{"id": "MFA-1", "weight": "high", "answer": "aligned"},
                 {"id": "IR-3", "weight": "medium", "answer": "partial"}],
}

# True-up as of 2027-01-01: M365 10 seats contracted, 12 licensed -> a true-up of 2 seats.
CONTRACTS = [
    {"tenant": TENANT, "contract_id": "C-1", "line_id": "L-1", "sku": "M365-BP", "quantity": 10,
     "unit_price": "15.00", "currency": "EUR", "term_start": "2026-01-01"},
    {"tenant": TENANT, "contract_id": "C-1", "line_id": "L-2", "sku": "EDR", "quantity": 25,
     "unit_price": "4.50", "currency": "EUR", "term_start": "2026-01-01"},
    {"tenant": "bolt", "contract_id": "BOLT-C", "line_id": "BL-1", "sku": "BOLT-SKU", "quantity": 5,
     "unit_price": "777.00", "currency": "EUR", "term_start": "2026-01-01"},
]
OBSERVATIONS = [
    {"tenant": TENANT, "sku": "M365-BP", "source": "license", "quantity": 12, "as_of": "2026-12-01"},
    {"tenant": TENANT, "sku": "EDR", "source": "rmm", "quantity": 22, "as_of": "2026-12-01"},
    {"tenant": "bolt", "sku": "BOLT-SKU", "source": "license", "quantity": 9, "as_of": "2026-12-01"},
]


def _asset(id, type, purchase, warranty, value="1200.00", **extra):
    return {"id": id, "tenant": TENANT, "type": type, "purchase_date": purchase, "warranty_end": warranty,
            "replacement_value": value, "currency": "EUR", **extra}


# Lifecycle as of 2026-12-31 (90-day window): two overdue warranties, one due soon (2027-02-15,
# 46 days), the others supported; one OS past support (Windows 10 22H2, ended 2025-10-14).
ASSETS = [
    _asset("ACME-PC01", "workstation", "2021-03-01", "2024-03-01", "950.00", os="Windows 10", os_version="22H2",
           os_edition="Pro"),
    _asset("ACME-FS01", "server", "2020-05-01", "2025-05-01", "6500.00", criticality="high"),
    _asset("ACME-LT09", "laptop", "2024-02-16", "2027-02-15", "1400.00"),
    _asset("ACME-PC04", "workstation", "2025-01-10", "2028-01-10", "980.00"),
    _asset("ACME-PC17", "workstation", "2025-06-01", "2028-06-01", "980.00"),
    _asset("ACME-SW01", "network", "2024-09-01", "2029-09-01", "2100.00"),
    {"id": "BOLT-777", "tenant": "bolt", "type": "server", "purchase_date": "2019-01-01", "warranty_end": "2022-01-01",
     "replacement_value": "77777.00", "currency": "EUR"},
]
LICENCES = [
    {"tenant": TENANT, "sku": "M365-BP", "seats": 12, "term_end": "2027-01-31", "renewal_price": "2160.00",
     "currency": "EUR", "auto_renew": True},
]

# Roadmap (EUR, calendar fiscal years): the budget also adds replacements of the overdue assets.
ROADMAP = [
    {"id": "I-1", "tenant": TENANT, "title": "Next-generation firewall", "quarter": "2027-Q1", "status": "approved",
     "priority": 1, "costs": [{"kind": "one_time", "amount": "4800.00", "currency": "EUR", "category": "capex"},
                              {"kind": "recurring", "period": "monthly", "amount": "120.00", "currency": "EUR",
                               "category": "opex"}]},
    {"id": "I-2", "tenant": TENANT, "title": "Security awareness training", "quarter": "2027-Q2", "status": "proposed",
     "priority": 2, "costs": [{"kind": "recurring", "period": "monthly", "amount": "250.00", "currency": "EUR",
                               "category": "opex"}]},
    {"id": "I-3", "tenant": TENANT, "title": "Backup appliance refresh", "quarter": "2027-Q3", "status": "proposed",
     "priority": 3, "depends_on": ["I-1"],
     "costs": [{"kind": "one_time", "amount": "7200.00", "currency": "EUR", "category": "capex"}]},
    {"id": "BOLT-I", "tenant": "bolt", "title": "Bolt secret project", "quarter": "2027-Q1", "status": "approved",
     "costs": [{"kind": "one_time", "amount": "77777.00", "currency": "EUR", "category": "capex"}]},
]

# Alignment (the alignment area's tenant entry, shaped as msp_vcio_alignment_json writes it:
# percentages as decimal text), added to the document by hand while that area is merged.
ALIGNMENT = {
    "tenant": TENANT, "score": "72.50", "coverage": "90.00", "question_count": 20, "answered": 18, "applicable": 18,
    "aligned": 12, "partial": 4, "misaligned": 2, "not_applicable": 0, "unanswered": 2,
    "sections": [{"id": "identity", "title": "Identity & access", "score": "85.00", "coverage": "100.00"},
                 {"id": "backup", "title": "Backup & recovery", "score": "60.00", "coverage": "80.00"}],
    "questions": [],
    "findings": [{"code": "misaligned", "tenant": TENANT, "question": "BK-2", "section": "backup", "priority": 1,
                  "text": "Offsite backup copy is not tested", "recommendation": "Test a restore every quarter",
                  "note": None}],
    "initiatives": [],
    "standard": {"id": "msp-baseline", "name": "MSP baseline", "version": "2026.1"},
}

CLIENT = {"name": "ACME GmbH", "contact": "Jane Doe"}
MSP = {"name": "Blue Harbour IT"}


def qbr_model(**override):
    sources = dict(kpis={"rows": KPI_ROWS}, sla=SLA, alerts=ALERTS, risk_inputs=RISK_INPUTS, contracts=CONTRACTS,
                   observations=OBSERVATIONS, assets=ASSETS, licences=LICENCES, roadmap=ROADMAP,
                   budget_options={"years": 2}, client=CLIENT, msp=MSP, devices=qbr_fixtures.devices(TENANT),
                   backup_results=qbr_fixtures.backup_results(TENANT), events=qbr_fixtures.monitoring_events(TENANT),
                   availability_target="99.9")
    sources.update(override)
    return msp.qbr_model(TENANT, override.pop("period", PERIOD), **sources)


def full_model(**override) -> dict:
    """The model as a dict with the alignment section added (every section present)."""
    doc = json.loads(qbr_model(**override).to_json())
    doc["alignment"] = ALIGNMENT
    doc["sections"] = doc["sections"] + ["alignment"]
    return doc


AS_OF = dt.date(2026, 12, 31)
