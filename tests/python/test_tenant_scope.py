"""Tenant scope through Python: ``tenant=None`` is every tenant; another tenant's id is
NotFoundError with the message of an unknown id, and the row is left as it was
(docs/contract-ledger.md, docs/security-alert-pipeline.md)."""
import datetime as dt
import json
import random
from decimal import Decimal

import pytest

import mspcore as msp

UTC = dt.timezone.utc
JAN1 = dt.datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
FEB20 = dt.datetime(2024, 2, 20, 8, 0, tzinfo=UTC)
FEB21 = dt.datetime(2024, 2, 21, 10, 0, tzinfo=UTC)
NOW = dt.datetime(2025, 6, 10, tzinfo=UTC)


def line(tenant, quantity):
    return {"tenant": tenant, "contract_id": "C-1", "line_id": "L-1", "sku": "M365-BP", "quantity": quantity,
            "unit_price": Decimal("12.50"), "currency": "EUR", "term_start": dt.date(2024, 1, 1)}


def true_up(tenant, delta):
    return {"tenant": tenant, "contract_id": "C-1", "line_id": "L-1", "sku": "M365-BP", "action": "true_up",
            "delta_quantity": delta, "effective_date": dt.date(2024, 3, 1), "amount": Decimal("12.50"),
            "currency": "EUR", "rule": "test"}


def not_found(call):
    with pytest.raises(msp.NotFoundError) as info:
        call()
    assert info.value.code == msp.NotFoundError.code
    assert isinstance(info.value, LookupError)
    return str(info.value)


@pytest.fixture
def ledger(tmp_path):
    with msp.TrueUpLedger(tmp_path / "ledger.db") as ledger:
        ledger.record_changes([(line("acme", 10), "2024-01-01"), (line("globex", 70), "2024-01-01")],
                              actor="ann", at=JAN1)
        assert ledger.propose([true_up("acme", 3), true_up("globex", 4)], actor="r", at=FEB20) == [1, 2]
        yield ledger


def test_ledger_another_tenants_proposal_is_not_found(ledger):
    events = len(ledger.history("globex"))
    # For acme, globex's proposal 2 reads exactly as the unknown proposal 99.
    assert not_found(lambda: ledger.decide(2, "approved", "eve", FEB21, tenant="acme")) == \
        "proposal 2 not found in tenant 'acme'"
    assert not_found(lambda: ledger.decide(99, "approved", "eve", FEB21, tenant="acme")) == \
        "proposal 99 not found in tenant 'acme'"
    assert not_found(lambda: ledger.apply(2, "eve", FEB21, tenant="acme")) == "proposal 2 not found in tenant 'acme'"
    assert not_found(lambda: ledger.proposal_state(2, tenant="acme")) == "proposal 2 not found in tenant 'acme'"
    assert len(ledger.history("globex")) == events
    assert ledger.proposal_state(2, tenant="globex") == "proposed"

    # Its own proposal in its own scope; everything with the default (all tenants).
    ledger.decide(1, "approved", "bob", FEB21, "agreed", tenant="acme")
    ledger.apply(1, "bob", FEB21, tenant="acme")
    assert ledger.quantity_as_of("acme", "C-1", "L-1", "2024-03-01") == 13
    assert ledger.proposal_state(1) == "applied"
    ledger.decide(2, "approved", actor="msp", at=FEB21)
    ledger.apply(2, actor="msp", at=FEB21)
    assert ledger.quantity_as_of("globex", "C-1", "L-1", "2024-03-01") == 74
    assert not_found(lambda: ledger.proposal_state(99)) == "proposal 99 not found in all tenants"


def test_ledger_scope_is_keyword_only_and_checked(ledger):
    # The positional signature is unchanged: a sixth positional argument is not a tenant.
    with pytest.raises(msp.InvalidTypeError):
        ledger.decide(1, "approved", "bob", FEB21, "", "acme")
    with pytest.raises(msp.InvalidTypeError):
        ledger.proposal_state(1, "acme")
    with pytest.raises(msp.InvalidArgumentError) as info:
        ledger.decide(1, "approved", "bob", FEB21, tenant="")
    assert info.value.code == msp.InvalidArgumentError.code
    with pytest.raises(msp.InvalidTypeError):
        ledger.apply(1, "bob", FEB21, tenant=7)
    assert ledger.proposal_state(1, tenant="acme") == "proposed"


def xdr(alarm, tenant, host, threat="Mimikatz"):
    return ("barracuda_xdr", json.dumps({"alarm_id": alarm, "account_id": tenant, "hostname": host,
                                         "alarm_name": threat, "created_at": "2025-06-01T08:00:00Z",
                                         "severity": "High"}))


def test_pipeline_another_tenants_incident_is_not_found(tmp_path):
    with msp.AlertPipeline(tmp_path / "alerts.db") as p:
        requests = p.ingest([xdr("A1", "acme", "pc1"), xdr("A2", "acme", "pc1"), xdr("G1", "globex", "srv1")], now=NOW)
        assert [(r["tenant"], r["alert_count"]) for r in requests] == [("acme", 2), ("globex", 1)]
        acme_id, globex_id = requests[0]["incident_id"], requests[1]["incident_id"]

        assert not_found(lambda: p.incident(globex_id, tenant="acme")) == \
            f"incident {globex_id} does not exist in tenant 'acme'"
        assert not_found(lambda: p.incident(999, tenant="acme")) == "incident 999 does not exist in tenant 'acme'"
        assert not_found(lambda: p.resolve_incident(globex_id, at=NOW, tenant="acme")) == \
            f"incident {globex_id} does not exist in tenant 'acme'"
        assert p.incident(globex_id, tenant="globex")["status"] == "open"

        assert (p.alert_count(tenant="acme"), p.alert_count(tenant="globex"), p.alert_count()) == (2, 1, 3)
        mine = p.incident(acme_id, tenant="acme")
        assert (mine["id"], mine["tenant"], mine["alert_count"], mine["status"]) == (acme_id, "acme", 2, "open")
        assert mine["first_seen"] == dt.datetime(2025, 6, 1, 8, tzinfo=UTC)
        p.resolve_incident(acme_id, at="2025-06-11T00:00:00Z", tenant="acme")
        resolved = p.incident(acme_id)
        assert resolved["status"] == "resolved" and resolved["resolved_at"] == dt.datetime(2025, 6, 11, tzinfo=UTC)
        with pytest.raises(msp.InvalidArgumentError):
            p.alert_count(tenant="")


def test_pipeline_random_calls_never_cross_tenants(tmp_path):
    rng = random.Random(20261207)
    tenants = [f"T{i}" for i in range(5)]
    owner = [rng.choice(tenants) for _ in range(60)]
    with msp.AlertPipeline(tmp_path / "alerts.db") as p:
        requests = p.ingest([xdr(f"A{k}", owner[k], f"h{k}") for k in range(60)], now=NOW)
        assert [r["tenant"] for r in requests] == owner
        ids = {r["incident_id"]: r["tenant"] for r in requests}
        is_open = dict.fromkeys(ids, True)
        for _ in range(300):
            scope = rng.choice(tenants + [None])
            incident_id = rng.choice(list(ids) + [0, max(ids) + 1])
            visible = incident_id in ids and scope in (None, ids[incident_id])
            if rng.random() < 0.5:
                if visible:
                    got = p.incident(incident_id, tenant=scope)
                    assert (got["tenant"], got["status"]) == (ids[incident_id],
                                                              "open" if is_open[incident_id] else "resolved")
                else:
                    where = "all tenants" if scope is None else f"tenant '{scope}'"
                    assert not_found(lambda: p.incident(incident_id, tenant=scope)) == \
                        f"incident {incident_id} does not exist in {where}"
            elif visible and is_open[incident_id]:
                p.resolve_incident(incident_id, at=NOW, tenant=scope)
                is_open[incident_id] = False
            elif visible:
                with pytest.raises(msp.InvalidStateError):
                    p.resolve_incident(incident_id, at=NOW, tenant=scope)
            else:
                not_found(lambda: p.resolve_incident(incident_id, at=NOW, tenant=scope))
        for t in tenants:
            assert p.alert_count(tenant=t) == owner.count(t)
            assert [(i["id"], i["status"]) for i in p.incidents(t)] == \
                [(i, "open" if is_open[i] else "resolved") for i in sorted(ids) if ids[i] == t]
        assert not all(is_open.values()) and any(is_open.values())
