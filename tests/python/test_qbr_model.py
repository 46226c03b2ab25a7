"""The QBR report model from Python (issue #14 item 6): computed from raw sources, validated
against docs/qbr-model.schema.json, tenant-isolated (a property test), bad input named.

Every expected number is worked out by hand in the comments from the small tables here.
"""
import datetime as dt
import json
import pathlib

import jsonschema
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mspcore as msp

SCHEMA = json.loads((pathlib.Path(__file__).resolve().parents[2] / "docs" / "qbr-model.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# 24x7, response 1 h, resolution 8 h.
POLICY = msp.SlaPolicy.from_json({"calendar": {"tz": "UTC", "24x7": True},
                                  "targets": {"response_minutes": 60, "resolution_minutes": 480}})
# acme: T1 in Q3; T2 (response 20 min met, resolution 10 h breached), T3 (response 2 h breached,
# resolution 4 h met), T4 (no response, open: both breached by the end of Q4) in Q4. bolt: B1.
TICKETS = pd.DataFrame({
    "tenant": ["acme", "acme", "acme", "acme", "bolt"],
    "id": ["T1", "T2", "T3", "T4", "B1"],
    "created": pd.to_datetime(["2026-07-10T10:00Z", "2026-10-05T10:00Z", "2026-11-02T08:00Z", "2026-12-01T09:00Z",
                               "2026-11-01T00:00Z"]),
    "first_response": pd.to_datetime(["2026-07-10T10:30Z", "2026-10-05T10:20Z", "2026-11-02T10:00Z", None,
                                      "2026-11-01T00:10Z"]),
    "resolved": pd.to_datetime(["2026-07-10T14:00Z", "2026-10-05T20:00Z", "2026-11-02T12:00Z", None,
                                "2026-11-01T01:00Z"]),
    "priority": ["P3"] * 5,
})
ASSETS = [
    {"id": "PC-1", "tenant": "acme", "type": "workstation", "purchase_date": "2021-06-01", "warranty_end": "2024-06-01",
     "os": "Windows 10", "os_version": "22H2", "os_edition": "Pro", "replacement_value": "950.00", "currency": "EUR"},
    {"id": "PC-9", "tenant": "bolt", "type": "workstation", "purchase_date": "2025-06-01", "warranty_end": "2028-06-01"},
]
ROADMAP = [
    {"id": "I-1", "tenant": "acme", "title": "Firewall", "quarter": "2027-Q1", "status": "approved",
     "costs": [{"kind": "one_time", "amount": "3000.00", "currency": "EUR", "category": "capex"}]},
    {"id": "I-9", "tenant": "bolt", "title": "Other", "quarter": "2027-Q1", "status": "approved",
     "costs": [{"kind": "one_time", "amount": "1.00", "currency": "EUR", "category": "capex"}]},
]


def model(**extra):
    sources = dict(tickets=TICKETS, sla_policy=POLICY, assets=ASSETS, roadmap=ROADMAP,
                   risk_inputs={"backup_compliance": 90}, client={"name": "ACME GmbH"})
    sources.update(extra)
    return msp.qbr_model("acme", "2026-Q4", **sources)


def test_model_from_raw_sources():
    m = model()
    assert m["model"] == msp.qbr.MODEL_VERSION == "mspcore-qbr-1"
    assert m["sections"] == ["kpis", "sla", "risk", "lifecycle", "roadmap", "budget"]
    assert m["period"] == {"label": "2026-Q4", "start": "2026-10-01", "end": "2026-12-31"}
    # SLA of the 3 Q4 tickets: response T2 met, T3 and T4 breached = 1/3; resolution T3 met, T2, T4 breached.
    response, resolution = m["sla"]["targets"]
    assert (response["met"], response["breached"], response["attainment_pct"]) == (1, 2, 33.33)
    assert (resolution["met"], resolution["breached"]) == (1, 2)
    assert {(b["id"], b["target"]) for b in m["sla"]["breaches"]} == {("T2", "resolution"), ("T3", "response"),
                                                                       ("T4", "response"), ("T4", "resolution")}
    # KPIs: created 1 (Q3) -> 3 (Q4); backlog 0 -> 1 (T4 open): up, and lower is better.
    items = {i["id"]: i for i in m["kpis"]["items"]}
    assert m["kpis"]["periods"] == ["2026-Q3", "2026-Q4"]
    assert items["created"]["values"] == [1.0, 3.0] and items["created"]["assessment"] == "neutral"
    assert (items["backlog"]["delta"], items["backlog"]["assessment"]) == (1.0, "worse")
    # Lifecycle: PC-1's warranty ended 2024-06-01, 730 + 213 = 943 days before 2026-12-31.
    assert m["lifecycle"]["assets"] == 1 and m["lifecycle"]["by_status"]["overdue"] == 1
    assert m["lifecycle"]["attention"][0]["warranty_days_left"] == -943
    # Budget: the overdue PC-1 is replaced now (2026-Q4, 950.00 proposed), the firewall in 2027-Q1.
    years = {y["fiscal_year"]: y for y in m["budget"]["fiscal_years"]}
    assert (years["FY2026"]["total"], years["FY2026"]["proposed"]) == ("950.00", "950.00")
    assert (years["FY2027"]["total"], years["FY2027"]["approved"]) == ("3000.00", "3000.00")
    assert [(i["id"], i["budget_total"]) for i in m["roadmap"]["initiatives"]] == [("replace:PC-1", "950.00"),
                                                                                  ("I-1", "3000.00")]
    # Risk: backup 90 % compliant is risk 0.1 x weight 15 = 1.5 points; the largest is the unknown
    # vulnerabilities factor, 0.5 x 25 = 12.5.
    assert m["risk"]["ranked"][0]["factor"] == "vulnerabilities" and m["risk"]["ranked"][0]["points"] == 12.5
    assert m["risk"]["contributions"]["backup"]["points"] == pytest.approx(1.5)
    assert "bolt" not in m.to_json() and "PC-9" not in m.to_json() and "I-9" not in m.to_json()


def test_model_is_schema_valid():
    errors = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(json.loads(model().to_json()))]
    assert errors == []


def test_ready_results_and_documents_give_the_same_model():
    lc = msp.lifecycle(ASSETS, as_of="2026-12-31")
    budget = msp.budget(ROADMAP, lifecycle=lc)
    risk = msp.risk_score({"backup_compliance": 90})
    a = msp.qbr_model("acme", "2026-Q4", lifecycle=lc, budget=budget, risk=risk)
    b = msp.qbr_model("acme", "2026-Q4", lifecycle=json.loads(lc.to_json()), budget=json.loads(budget.to_json()),
                      risk=risk)
    assert a.to_json() == b.to_json()
    # The many-tenant budget, filtered by the model, equals the one computed on acme's rows.
    assert a["budget"] == model()["budget"]


def test_monthly_model():
    m = msp.qbr_model("acme", "2026-11", tickets=TICKETS, sla_policy=POLICY)
    # November: only T3 (response breached, resolution met).
    assert m["period"] == {"label": "2026-11", "start": "2026-11-01", "end": "2026-11-30"}
    assert m["sla"]["tickets"] == 1 and m["sla"]["breaches"] == [{"id": "T3", "priority": "P3", "target": "response"}]
    assert m["kpis"]["periods"][-1] == "2026-11"


def test_bad_input_is_named():
    with pytest.raises(msp.InvalidArgumentError, match="unknown source 'asset'"):
        msp.qbr_model("acme", "2026-Q4", asset=ASSETS)
    with pytest.raises(msp.InvalidArgumentError, match=r"period: '2026-Q5' is not a quarter \(expected YYYY-Q1"):
        msp.qbr_model("acme", "2026-Q5")
    with pytest.raises(msp.InvalidArgumentError, match="tenant must be a non-empty str"):
        msp.qbr_model("", "2026-Q4")
    with pytest.raises(msp.InvalidTypeError, match="trueup must be an mspcore result or its JSON document"):
        msp.qbr_model("acme", "2026-Q4", trueup=[1, 2])
    with pytest.raises(msp.InvalidArgumentError) as info:
        msp.qbr_model("acme", "2026-Q4", assets=[{"id": "X", "tenant": "acme", "type": "toaster"}])
    assert "toaster" in str(info.value)


TENANTS = st.sampled_from(["acme", "bolt", "cyan", "dyna"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TENANTS, st.integers(0, 3), st.integers(0, 5)), min_size=1, max_size=12), TENANTS)
def test_a_report_never_holds_another_tenants_rows(rows, tenant):
    # Generated tenants: each row gives an asset, a ticket and an initiative whose ids carry the
    # tenant's name, so any leak shows up as another tenant's name in the model's text.
    assets, tickets, roadmap = [], [], []
    for n, (owner, age, hours) in enumerate(rows):
        assets.append({"id": f"{owner}-A{n}", "tenant": owner, "type": "laptop",
                       "purchase_date": f"{2020 + age}-01-15", "replacement_value": "800.00", "currency": "EUR"})
        tickets.append({"tenant": owner, "id": f"{owner}-T{n}", "priority": "P3",
                        "created": pd.Timestamp("2026-10-01T08:00Z") + pd.Timedelta(hours=10 * n),
                        "first_response": pd.Timestamp("2026-10-01T08:00Z") + pd.Timedelta(hours=10 * n + hours),
                        "resolved": pd.NaT})
        roadmap.append({"id": f"{owner}-I{n}", "tenant": owner, "quarter": "2027-Q1", "status": "proposed",
                        "costs": [{"kind": "one_time", "amount": "10.00", "currency": "EUR", "category": "opex"}]})
    lc = msp.lifecycle(assets, as_of="2026-12-31")  # many tenants: the model keeps one
    m = msp.qbr_model(tenant, "2026-Q4", tickets=pd.DataFrame(tickets), sla_policy=POLICY, lifecycle=lc,
                      budget=msp.budget(roadmap, lifecycle=lc))
    text = m.to_json()
    for other in {"acme", "bolt", "cyan", "dyna"} - {tenant}:
        assert other not in text
    own = sum(1 for owner, *_ in rows if owner == tenant)
    assert m["lifecycle"]["assets"] == own
    assert (m["sla"]["tickets"] if m["sla"] else 0) == own
    assert list(VALIDATOR.iter_errors(json.loads(text))) == []


def test_alerts_of_the_period_and_unmapped_vendor_accounts():
    def alert(tenant, seen, severity, priority):
        return {"tenant": tenant, "source_id": f"{tenant}-{seen}", "source": "rocketcyber", "title": "x",
                "severity": {"value": severity, "raw": severity}, "status": {"value": "open", "raw": "open"},
                "first_seen": seen, "priority": priority}
    alerts = [alert("acme", "2026-10-02T10:00:00Z", "high", 2), alert("acme", "2026-12-31T23:59:59Z", "low", 4),
              alert("acme", "2027-01-01T00:00:00Z", "critical", 1), alert("bolt", "2026-11-01T00:00:00Z", "high", 1)]
    s = msp.qbr_model("acme", "2026-Q4", alerts=alerts)["security"]
    # Q4 ends 2026-12-31 23:59:59: the New Year alert is the next period's; bolt's is not acme's.
    assert s["alerts"] == 2 and s["by_severity"] == {"high": 1, "low": 1}
    assert [i["priority"] for i in s["items"]] == [2, 4]
    vendor_account = dict(alerts[0], tenant={"account_id": "378", "account_name": "ACME GmbH"})
    with pytest.raises(msp.InvalidArgumentError, match=r"alerts\[0\]: tenant is .* not a tenant id; map the vendor"):
        msp.qbr_model("acme", "2026-Q4", alerts=[vendor_account])
