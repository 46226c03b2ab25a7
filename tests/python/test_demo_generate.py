"""The demo generator (docs/demo-data.md): deterministic, the right sizes, tenant-isolated
loaders, and data that runs through every mspcore API with plausible, non-trivial results."""
import collections
import datetime as dt
import sqlite3

import pytest

import mspcore as msp
from mspcore import demo

AS_OF = dt.date(2026, 12, 1)
NOW = "2026-12-01T00:00:00Z"


def _dump(path) -> list:
    """Every table's rows in rowid order plus the user_version: what 'byte-identical' compares."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = [("user_version", db.execute("PRAGMA user_version").fetchone())]
        out += [(t, db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()) for t in tables]
        return out
    finally:
        db.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "small.db"
    summary = demo.generate(path, seed=11, clients=3, assets=200)
    return summary, demo.open_demo(path)


def test_same_seed_same_contents_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    demo.generate(a, seed=3, clients=3, assets=120)
    demo.generate(b, seed=3, clients=3, assets=120)
    demo.generate(c, seed=4, clients=3, assets=120)
    assert _dump(a) == _dump(b)
    assert _dump(a) != _dump(c)


def test_regenerating_replaces_the_file(tmp_path):
    path = tmp_path / "d.db"
    demo.generate(path, seed=1, clients=2, assets=40)
    demo.generate(path, seed=1, clients=2, assets=40)
    assert demo.open_demo(path).meta()["seed"] == 1
    assert not (tmp_path / "d.db.tmp").exists()


def test_counts_and_meta(small):
    summary, d = small
    assert summary.counts["clients"] == 3 and summary.counts["assets"] == 200
    assert len(d.clients()) == 3 and len(d.assets()) == 200
    meta = d.meta()
    assert (meta["seed"], meta["as_of"], meta["generator_version"]) == (11, "2026-12-01", demo.GENERATOR_VERSION)
    tickets = d.tickets()
    assert summary.counts["tickets"] == len(tickets) > 500
    start = dt.datetime(2025, 12, 1, tzinfo=dt.timezone.utc)
    end = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    assert tickets["created"].min() >= start and tickets["created"].max() < end
    assert (tickets["resolved"].dropna() < end).all() and (tickets["first_response"].dropna() < end).all()
    # a European and a US client among the first three, with their zones and currencies
    zones = {c["time_zone"] for c in d.clients()}
    assert {"Europe/Berlin", "Europe/Vienna", "America/New_York"} <= zones
    assert {c["currency"] for c in d.clients()} == {"EUR", "USD"}


def test_schema_version_and_money_as_text(small, tmp_path):
    _, d = small
    db = sqlite3.connect(d.path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == demo.USER_VERSION == 2
    for table, column in (("contract_lines", "unit_price"), ("assets", "replacement_value"),
                          ("licences", "renewal_price"), ("initiative_costs", "amount")):
        types = {r[0] for r in db.execute(f"SELECT DISTINCT typeof({column}) FROM {table}")}
        assert types <= {"text", "null"}, (table, column, types)
    for table, column in (("backup_results", "at"), ("patches", "installed_at"), ("monitoring_events", "resolved")):
        rows = [r[0] for r in db.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")]
        assert rows and all(len(v) == 20 and v.endswith("Z") for v in rows), (table, column)  # ISO UTC instants
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(msp.InvalidArgumentError, match="schema version 99"):
        demo.open_demo(d.path)
    sqlite3.connect(d.path).execute("PRAGMA user_version = 2").connection.commit()
    with pytest.raises(msp.NotFoundError):
        demo.open_demo(tmp_path / "missing.db")


def test_record_tables_have_exactly_the_record_fields(small):
    _, d = small
    assert tuple(d.contract_lines()[0]) == msp._core.CONTRACT_LINE_FIELDS
    assert tuple(d.assets()[0]) == msp._core.ASSET_FIELDS
    assert tuple(d.licences()[0]) == msp._core.LICENCE_FIELDS
    assert set(d.observations()[0]) <= set(msp._core.OBSERVATION_FIELDS)


def test_every_loader_keeps_to_its_tenant(small):
    _, d = small
    tenants = d.tenants()
    assert len(tenants) == 3
    methods = ("contract_lines", "observations", "assets", "asset_inventory", "licences", "ticket_status",
               "alerts", "vendor_accounts", "vulnerabilities", "patch_compliance", "risk_register", "roadmap",
               "alignment_answers", "rmm_devices", "backup_results", "patches", "monitoring_events")
    for tenant in tenants:
        for name in methods:
            rows = getattr(d, name)(tenant)
            assert rows, (name, tenant)
            assert {r["tenant"] for r in rows} == {tenant}, name
        assert set(d.tickets(tenant)["tenant"]) == {tenant}
        assert set(d.asset_kpi_inputs(tenant)["tenant"]) == {tenant}
        ids = set(d.tickets(tenant)["id"])
        assert set(d.ticket_pauses(tenant)["ticket"]) <= ids and set(d.sla_tickets(tenant)) == ids
        # the vendor accounts of the tenant's alerts are the tenant's own
        accounts = {a["account_id"] for a in d.vendor_accounts(tenant)}
        for result in msp.normalize_alerts(*d.alert_batch(tenant)):
            assert result["alert"]["tenant"]["account_id"] in accounts
    assert sum(len(d.assets(t)) for t in tenants) == len(d.assets())


def test_unknown_tenant_is_not_found(small):
    _, d = small
    with pytest.raises(msp.NotFoundError, match="nobody"):
        d.sla_policy("nobody")
    with pytest.raises(msp.NotFoundError):
        d.risk_inputs("nobody")
    assert d.assets("nobody") == []


def test_reconcile_finds_deviations_both_ways(small):
    _, d = small
    result = msp.reconcile(**d.reconcile_inputs())
    kinds = collections.Counter(x["kind"] for x in result.deviations)
    assert kinds["revenue_leakage"] > 0 and kinds["refund_risk"] > 0
    assert len(result.proposals) > 0 and len(result.unmapped) == 0
    # shared mailboxes and service accounts in the directory units are not billable
    assert any(e["reported"] > e["counted"] for x in result.deviations for e in x["evidence"] if e["source"] == "license")


def test_sla_breaches_are_realistic_and_single_ticket_agrees(small):
    _, d = small
    statuses = collections.Counter()
    for tenant in d.tenants():
        tickets = d.tickets(tenant)
        policy = d.sla_policy(tenant)
        frame = msp.evaluate_sla_frame(tickets, policy, now=NOW, pauses=d.ticket_pauses(tenant))
        assert (frame["error"] == "OK").all()
        statuses.update(frame["resolution_status"].astype(str))
        att = msp.sla_attainment(frame["response_status"])
        assert 80 < att["attainment_pct"] < 99.5
        # the single-ticket API (with status history and reopens) on a sample of tickets
        singles = d.sla_tickets(tenant)
        for ticket_id in list(tickets.index[::50]):
            one = msp.evaluate_sla(singles[ticket_id], policy, now=NOW)
            assert one["response"]["status"] != "invalid"
            if not singles[ticket_id]["reopened"]:  # without reopens the batch is the same evaluation
                assert one["resolution"]["status"] == frame.loc[ticket_id, "resolution_status"]
    breached = statuses["breached"] / (statuses["met"] + statuses["breached"])
    assert 0.02 < breached < 0.15, statuses
    assert statuses["paused"] + statuses["in_progress"] + statuses["at_risk"] > 0  # open tickets at as_of


def test_kpi_frame_gives_every_ticket_kpi(small):
    _, d = small
    tenant = d.tenants()[0]
    tickets = d.tickets(tenant)
    users = d.client(tenant)["users"]
    frame = msp.kpi_frame(tickets, period="quarter", tz=d.client(tenant)["time_zone"], group_by=["tenant"],
                          policy=d.sla_policy(tenant), endpoints=users)
    assert list(frame["period"]) == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    full = frame.iloc[1:4]
    for kpi in ("sla_response_attainment_pct", "first_contact_resolution_pct", "csat_positive_pct", "nps",
                "reopen_rate_pct", "rhem", "tickets_per_endpoint"):
        assert full[kpi].notna().all(), kpi
    assert (full["first_contact_resolution_pct"] > 5).all() and (full["csat_positive_pct"] > 70).all()
    assert 0.6 < full["tickets_per_endpoint"].mean() < 5


def test_lifecycle_and_assets(small):
    _, d = small
    result = d.lifecycle()
    assets = result.assets
    assert collections.Counter(a["status"] for a in assets)["overdue"] > 0
    win10 = [a for a in assets if a["os_row"] and a["os_row"].startswith("Windows 10")]
    assert win10 and all(a["os_status"] == "overdue" for a in win10)   # Windows 10 is past its end
    assert any(a["os_status"] == "supported" for a in assets)
    assert any(a["warranty_estimate"] for a in assets)                  # some warranties unknown
    assert {a["type"] for a in assets} >= {"workstation", "laptop", "server", "network", "printer"}
    assert len(result.licences) > 0
    kpis = msp.asset_kpi_frame(d.asset_kpi_inputs(), as_of=d.as_of)
    assert kpis["os_past_eol"].sum() > 0 and kpis["assets"].sum() == 200


def test_budget_per_tenant(small):
    _, d = small
    for tenant in d.tenants():
        result = msp.budget(d.roadmap(tenant), lifecycle=d.lifecycle(tenant), contracts=d.contract_lines(tenant))
        assert result.currency == d.client(tenant)["currency"]
        assert sum(y["total"] for y in result.fiscal_years) > 0
        sources = {i.get("source") for i in result.initiatives}
        assert {"lifecycle", "contracts"} <= sources


def test_alerts_and_risk_score(small):
    _, d = small
    results = msp.normalize_alerts(*d.alert_batch())
    assert results and all(r["ok"] for r in results)
    assert len({r["alert"]["source"] for r in results}) >= 2
    scores = []
    for tenant in d.tenants():
        score = msp.risk_score(d.risk_inputs(tenant))
        assert score["coverage"] == 100  # every input is known, backup compliance from the RMM data
        assert score["contributions"]["backup"]["known"]
        scores.append(score["score"])
    assert all(0 < s < 100 for s in scores) and len(set(scores)) == len(scores)


def test_alignment_standard_and_answers(small):
    _, d = small
    standard = d.alignment_standard()
    assert len(standard["sections"]) == 5
    questions = [q for s in standard["sections"] for q in s["questions"]]
    assert len(questions) == 20 and {q["weight"] for q in questions} == {1, 3, 5}
    answers = d.alignment_answers(d.tenants()[0])
    assert {a["question"] for a in answers} == {q["id"] for q in questions}
    assert {a["answer"] for a in d.alignment_answers()} <= {"aligned", "partial", "misaligned", "not_applicable"}


def test_rmm_data_hangs_together(small):
    _, d = small
    for tenant in d.tenants():
        devices = {r["id"]: r for r in d.rmm_devices(tenant)}
        assets = {a["id"] for a in d.assets(tenant)}
        assert [r["device_class"] for r in devices.values()].count("cloud") == 1  # the Microsoft 365 tenant
        assert {i for i, r in devices.items() if r["device_class"] != "cloud"} <= assets
        results = d.backup_results(tenant)
        assert {r["device_id"] for r in results} <= {i for i, r in devices.items() if r["backup_expected"]}
        assert len({r["source"] for r in results}) == 1  # one backup product per client
        for p in d.patches(tenant):
            assert p["device_id"] in devices
            assert (p["installed_at"] is None) == (p["state"] != "installed")
            assert p["installed_at"] is None or p["installed_at"][:10] > p["released"]
        for e in d.monitoring_events(tenant):
            assert e["resolved"] is None or e["resolved"] > e["opened"]
            assert not e["outage"] or devices[e["device_id"]]["device_class"] == "server"
    outcomes = collections.Counter(r["outcome"] for r in d.backup_results())
    assert set(outcomes) == {"success", "success_with_exceptions", "warning", "failed"}
    assert outcomes["success"] > 0.85 * sum(outcomes.values())
    # a server is backed up twice a day, 12 hours apart in its client's time (the server RPO)
    server = next(r for r in d.rmm_devices() if r["device_class"] == "server" and r["backup_expected"])
    jobs = {r["at"] for r in d.backup_results(server["tenant"])
            if r["device_id"] == server["id"] and r["detail"] != "Offsite sync"}
    assert 100 < len(jobs) <= 2 * 62  # two jobs on each of the 62 days (fewer on a failing or new device)


def test_calendars_follow_the_client(small):
    _, d = small
    for c in d.clients():
        cal = d.calendar(c["tenant"])
        assert cal.tz == c["time_zone"]
        assert d.calendar(c["tenant"], "24x7").is_open("2026-12-25T03:00:00Z")
        assert not cal.is_open("2026-12-25T15:00:00Z")  # Christmas is a public holiday everywhere here
    with pytest.raises(msp.Error):
        demo.generate(d.path + ".x", clients=0)


def test_full_size_default(tmp_path):
    """The default demo: 20 clients, 3,000 assets, 15-40k tickets (a few seconds)."""
    summary = demo.generate(tmp_path / "full.db")
    c = summary.counts
    assert (c["clients"], c["assets"]) == (20, 3000)
    assert 15000 <= c["tickets"] <= 40000
    d = demo.open_demo(summary.path)
    assert {cl["country"] for cl in d.clients()} == {"DE", "AT", "CH", "US"}
    assert len({cl["tenant"] for cl in d.clients()}) == 20
