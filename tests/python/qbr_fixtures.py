"""Rich QBR models for the export tests: two tenants (acme, bolt) with every section filled
from small hand-made sources through mspcore.qbr_model, so the exports are tested on real
models, not on hand-written documents. Each tenant's ids and names carry its name, so a leak
into another tenant's export shows up as text.
"""
from decimal import Decimal

import mspcore as msp

PERIODS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def kpi_rows(tenant, scale=1):
    """Five quarters of KPI values (a ready KPI frame): created rises, backlog falls (better),
    the first response mean rises in the last quarter (worse), CSAT stays (unchanged)."""
    created = [40, 42, 45, 44, 50]
    backlog = [12, 11, 9, 8, 6]
    response = [1.5, 1.25, 1.0, 0.75, 1.25]
    sla = [92.5, 94.0, 95.5, 96.0, 97.25]
    csat = [88.0, 90.0, 91.0, 93.0, 93.0]
    rows = []
    for i, period in enumerate(PERIODS):
        rows.append({"tenant": tenant, "period": period, "created": created[i] * scale, "backlog": backlog[i] * scale,
                     "first_response_hours_mean": response[i], "sla_response_attainment_pct": sla[i],
                     "csat_positive_pct": csat[i], "top_categories": f"{tenant}-email (20), network (12), printer (7)"})
    return {"rows": rows}


def sla_rows(tenant):
    """8 tickets in the period: response met 6, breached 2 (75 %); resolution met 5, breached 2,
    one open (5/7 = 71.43 %). P1 tickets: 2 (response 1 met 1 breached)."""
    plan = [("P1", "met", "met"), ("P1", "breached", "met"), ("P2", "met", "breached"), ("P2", "met", "met"),
            ("P3", "met", "met"), ("P3", "met", "breached"), ("P3", "breached", "met"), ("P3", "met", "in_progress")]
    return {"tickets": [{"tenant": tenant, "id": f"{tenant}-T{i}", "priority": p, "response": r, "resolution": s}
                        for i, (p, r, s) in enumerate(plan)]}


def alerts(tenant):
    def alert(n, severity, status, priority, seen):
        return {"tenant": tenant, "source": "sentinelone", "source_id": f"{tenant}-A{n}",
                "title": f"{tenant} alert {n}", "severity": {"value": severity, "raw": severity},
                "status": {"value": status, "raw": status}, "asset": {"id": f"{tenant}-PC{n}", "name": f"{tenant}-PC{n}"},
                "priority": priority, "first_seen": seen}
    return [alert(1, "critical", "open", 1, "2026-11-03T08:00:00Z"), alert(2, "high", "open", 2, "2026-10-20T08:00:00Z"),
            alert(3, "high", "resolved", 2, "2026-12-01T08:00:00Z"), alert(4, "medium", "resolved", 3, "2026-10-02T08:00:00Z"),
            alert(5, "low", "resolved", 4, "2026-11-15T08:00:00Z"), alert(6, "low", "open", None, "2026-12-20T08:00:00Z")]


RISK_INPUTS = {"backup_compliance": 90, "patch_compliance": 80, "unmitigated_threats": 2,
               "lifecycle": {"assets": 10, "past_warranty": 2, "os_past_eol": 4},
               "incidents": [{"priority": 1, "age_days": 30}, {"priority": 4, "age_days": 60}]}


def contracts(tenant):
    return [{"tenant": tenant, "contract_id": f"{tenant}-C1", "line_id": "L1", "sku": "M365-BP", "quantity": 10,
             "unit_price": Decimal("15.00"), "currency": "EUR", "term_start": "2026-01-01"},
            {"tenant": tenant, "contract_id": f"{tenant}-C1", "line_id": "L2", "sku": "EDR", "quantity": 20,
             "unit_price": Decimal("4.50"), "currency": "EUR", "term_start": "2026-01-01"}]


def observations(tenant):
    return [{"tenant": tenant, "sku": "M365-BP", "source": "license", "quantity": 14, "as_of": "2026-12-01"},
            {"tenant": tenant, "sku": "EDR", "source": "rmm", "quantity": 17, "as_of": "2026-12-01"}]


def assets(tenant):
    base = [("PC1", "workstation", "2019-03-01", "2022-03-01", "Windows 10"),
            ("PC2", "workstation", "2021-06-01", "2027-02-01", "Windows 11"),
            ("PC3", "workstation", "2024-01-10", "2029-01-10", "Windows 11"),
            ("NB1", "laptop", "2020-05-01", "2023-05-01", "Windows 10"),
            ("NB2", "laptop", "2025-02-01", "2028-02-01", "Windows 11"),
            ("SRV1", "server", "2018-09-01", "2023-09-01", None),
            ("FW1", "network", "2022-01-15", None, None)]
    out = []
    for id_, type_, bought, warranty, os_ in base:
        a = {"id": f"{tenant}-{id_}", "tenant": tenant, "type": type_, "purchase_date": bought,
             "replacement_value": "1250.00", "currency": "EUR"}
        if warranty:
            a["warranty_end"] = warranty
        if os_:
            a.update(os=os_, os_version="22H2" if os_ == "Windows 10" else "24H2", os_edition="Pro")
        out.append(a)
    return out


def roadmap(tenant):
    def item(n, title, quarter, status, priority, costs):
        return {"id": f"{tenant}-I{n}", "tenant": tenant, "title": f"{title} ({tenant})", "quarter": quarter,
                "status": status, "priority": priority, "costs": costs}
    return [item(1, "Firewall refresh", "2027-Q1", "approved", 1,
                 [{"kind": "one_time", "amount": "12500.00", "currency": "EUR", "category": "capex"}]),
            item(2, "Backup to cloud", "2027-Q2", "proposed", 2,
                 [{"kind": "recurring", "period": "monthly", "amount": "380.00", "currency": "EUR", "category": "opex"}]),
            item(3, "Security awareness", "2027-Q3", "scheduled", 3,
                 [{"kind": "one_time", "amount": "2400.00", "currency": "EUR", "category": "opex"}])]


def alignment(tenant):
    """An alignment result document (docs/vcio-alignment.md shape) for one tenant."""
    return {"standard": {"id": "msp-std", "name": "MSP Standard", "version": "2026.1"}, "quarter": "2026-Q4",
            "tenants": [{"tenant": tenant, "score": "72.50", "coverage": "90.00", "question_count": 10, "answered": 9,
                         "applicable": 9, "aligned": 5, "partial": 2, "misaligned": 2, "not_applicable": 0,
                         "unanswered": 1,
                         "sections": [{"id": "sec-backup", "title": "Backup", "score": "85.00", "coverage": "100.00"},
                                      {"id": "sec-identity", "title": "Identity", "score": "60.00", "coverage": "100.00"},
                                      {"id": "sec-network", "title": "Network", "score": None, "coverage": "0.00"}],
                         "questions": [],
                         "findings": [{"code": "misaligned", "tenant": tenant, "question": "q-mfa", "section": "sec-identity",
                                       "priority": 1, "text": f"MFA not enforced for admins ({tenant})",
                                       "recommendation": "Enforce MFA", "note": None},
                                      {"code": "partial", "tenant": tenant, "question": "q-offsite", "section": "sec-backup",
                                       "priority": 3, "text": "Offsite copy weekly, not daily",
                                       "recommendation": None, "note": None}],
                         "initiatives": []}]}


def devices(tenant):
    return [{"tenant": tenant, "source": "cove", "id": f"{tenant}-SRV-1", "name": "SRV-1", "device_class": "server"},
            {"tenant": tenant, "source": "cove", "id": f"{tenant}-WS-1", "name": "WS-1", "device_class": "workstation"}]


def backup_results(tenant):
    # SRV-1 backed up 6 h before the end of as_of (2026-12-31): within its 12 h RPO; WS-1 only
    # 2 days before: past 1.5 x its 24 h RPO, overdue.
    return [{"tenant": tenant, "device_id": f"{tenant}-SRV-1", "source": "cove", "id": f"{tenant}-b1",
             "at": "2026-12-31T18:00:00Z", "outcome": "success"},
            {"tenant": tenant, "device_id": f"{tenant}-WS-1", "source": "cove", "id": f"{tenant}-b2",
             "at": "2026-12-30T00:00:00Z", "outcome": "success"}]


def monitoring_events(tenant):
    # one 43-minute outage of SRV-1 in the quarter
    return [{"tenant": tenant, "device_id": f"{tenant}-SRV-1", "source": "datto_rmm", "id": f"{tenant}-e1",
             "opened": "2026-11-03T10:00:00Z", "resolved": "2026-11-03T10:43:00Z", "outage": True}]


def rich_model(tenant="acme", **override):
    """Every section of ``tenant``'s 2026-Q4 model; ``override`` replaces or removes (None) sources."""
    other = "bolt" if tenant == "acme" else "acme"
    sources = dict(kpis={"rows": kpi_rows(tenant)["rows"] + kpi_rows(other, 3)["rows"]},
                   sla={"tickets": sla_rows(tenant)["tickets"] + sla_rows(other)["tickets"]},
                   alerts=alerts(tenant) + alerts(other), risk_inputs=RISK_INPUTS,
                   contracts=contracts(tenant) + contracts(other),
                   observations=observations(tenant) + observations(other),
                   assets=assets(tenant) + assets(other), roadmap=roadmap(tenant) + roadmap(other),
                   budget_options={"years": 2},
                   devices=devices(tenant) + devices(other), backup_results=backup_results(tenant) + backup_results(other),
                   events=monitoring_events(tenant) + monitoring_events(other), availability_target="99.9",
                   client={"name": f"{tenant.upper()} GmbH", "contact": f"Jane Doe ({tenant})"},
                   msp={"name": "Northwind IT Services"})
    sources.update(override)
    sources = {k: v for k, v in sources.items() if v is not None}
    return msp.qbr_model(tenant, "2026-Q4", **sources)
