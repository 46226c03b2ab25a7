"""The QBR model of one client of a demo database: every source read with the tenant filter,
every section computed by the library (docs/vcio-qbr-model.md)."""
from __future__ import annotations

import datetime as dt

MSP = {"name": "Nordlicht IT Services GmbH", "contact": "vcio@nordlicht-it.example"}


def last_full_quarter(day: dt.date) -> str:
    """The last calendar quarter that ended before ``day``: 2026-12-01 -> "2026-Q3"."""
    quarter = (day.month - 1) // 3  # the quarters before day's own this year
    return f"{day.year}-Q{quarter}" if quarter else f"{day.year - 1}-Q4"


def last_full_month(day: dt.date) -> str:
    first = day.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


def _service(tickets):
    """The tickets with a device as the lifecycle's service records (reactive work per device)."""
    rows = []
    for t in tickets[tickets["device_id"].notna()].itertuples(index=False):
        minutes = 0 if t.work_hours != t.work_hours else int(round(float(t.work_hours) * 60))
        rows.append({"tenant": t.tenant, "asset_id": t.device_id, "date": t.created.date(), "minutes": minutes,
                     "reactive": bool(t.reactive) if t.reactive == t.reactive else True})
    return rows


def client_model(demo, tenant: str, period: str | None = None, as_of: dt.date | None = None):
    """The QBR model of ``tenant`` from an open demo (mspcore.demo.open_demo) for ``period``
    (default: the last full quarter before ``as_of``), as of ``as_of`` (default: the demo's)."""
    import mspcore as msp

    as_of = as_of or demo.as_of
    period = period or last_full_quarter(as_of)
    client = demo.client(tenant)
    tickets = demo.tickets(tenant)
    recon = demo.reconcile_inputs(tenant)
    sources, payloads = demo.alert_batch(tenant)
    alerts = [r["alert"] for r in msp.normalize_alerts(sources, payloads) if r["ok"]]
    for alert in alerts:  # read by the tenant's vendor accounts: the vendor account maps to the tenant
        alert["priority"] = msp.prioritize_alert(alert)["priority"]
        alert["tenant"] = tenant
    sources = dict(
        as_of=as_of, client={k: str(client[k]) for k in ("name", "industry", "country", "time_zone", "currency")},
        msp=MSP, tickets=tickets, pauses=demo.ticket_pauses(tenant), sla_policy=demo.sla_policy(tenant),
        tz=client["time_zone"], alerts=alerts, risk_inputs=demo.risk_inputs(tenant),
        contracts=recon["contracts"], observations=recon["observations"], sku_map=recon["sku_map"],
        assets=demo.assets(tenant), licences=demo.licences(tenant), service=_service(tickets),
        roadmap=demo.roadmap(tenant), budget_options={"years": 3},
        devices=demo.rmm_devices(tenant), backup_results=demo.backup_results(tenant), patches=demo.patches(tenant),
        events=demo.monitoring_events(tenant), monitoring_calendar=demo.calendar_spec(tenant, "24x7"),
        availability_target="99.9")
    standard = demo.alignment_standard()
    answers = [{"tenant": a["tenant"], "question": a["question"], "answer": a["answer"], "note": a["note"],
                "answered_at": a["answered"]} for a in demo.alignment_answers(tenant, standard["id"])]
    sources.update(standards=standard, answers=answers)
    return msp.qbr_model(tenant, period, **sources)
