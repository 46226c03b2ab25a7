"""Access control through Python (docs/access-control.md): the hand-worked decisions of
tests/cpp/test_access.cpp on tests/access/comanaged_model.json give the same answers, the
store scopes, and the model's bad input named with the same messages.

Decision order (how the answers were worked out): a principal's assigned roles in order,
each role's own grants before its parents' (depth first); the first matching deny decides,
else the first matching allow.
"""
import json
import pathlib

import pytest

import mspcore as msp

MODEL = json.loads((pathlib.Path(__file__).resolve().parents[1] / "access" / "comanaged_model.json").read_text())


@pytest.fixture(scope="module")
def model():
    return msp.AccessModel(MODEL)


def res(kind, tenant, scope=None):
    return {"kind": kind, "tenant": tenant, "scope": scope}


def test_deny_beats_inherited_allow(model):
    # alice: technician[0], viewer[0] (through technician), no_finance_reports[0] (deny).
    d = model.authorize("alice", "read", res("report", "acme", "finance"))
    assert not d and d.reason == "denied"
    assert (d.role, d.grant_index, d.grant_id, d.chain) == ("no_finance_reports", 0, "no-finance",
                                                            ("no_finance_reports",))
    m = model.authorize("alice", "read", res("report", "acme", "monthly"))
    assert m and (m.role, m.grant_id, m.chain) == ("viewer", "view-all", ("technician", "viewer"))
    # bob: his own allow of the finance report loses against the deny he inherits.
    b = model.authorize("bob", "read", res("report", "acme", "finance"))
    assert not b and b.chain == ("restricted_tech", "no_finance_reports")


def test_external_technician_across_tenants(model):
    assert model.authorize("carol", "write", res("ticket", "acme", "network")).grant_id == "network-queue"
    out = model.authorize("carol", "write", res("ticket", "beta", "network"))
    assert not out and out.reason == "outside_home_tenants"
    assert (out.role, out.grant_index, out.grant_id, out.chain) == (None, None, None, ())
    assert model.authorize("dave", "read", res("report", "beta", "monthly")).reason == "outside_home_tenants"
    assert model.allows("dave", "read", res("report", "acme", "monthly"))


def test_wildcards_and_the_kind_as_a_whole(model):
    assert model.authorize("alice", "write", res("ticket", "zeta", "q-anything")).grant_id == "work-tickets"
    whole = model.authorize("alice", "read", {"kind": "report", "tenant": "acme"})
    assert not whole and whole.grant_id == "no-finance"
    assert model.authorize("carol", "read", res("ticket", "acme")).reason == "no_grant"
    assert model.authorize("mallory", "read", res("ticket", "acme")).reason == "unknown_principal"


def test_the_decision_document_is_the_c_abis(model):
    d = model.authorize("alice", "read", res("report", "acme", "finance"))
    assert d.to_json() == ('{"allowed":false,"chain":["no_finance_reports"],"grant_id":"no-finance",'
                           '"grant_index":0,"reason":"denied","role":"no_finance_reports"}')
    assert repr(d) == "Decision(refused: denied by no_finance_reports[0])"


def test_scope_for_store_calls(model):
    assert model.scope_for("alice", "write", "ticket") is None  # every tenant
    assert model.scope_for("alice", "write", "ticket", tenant="acme") == "acme"
    assert model.scope_for("dave", "write", "ticket") == "acme"
    assert model.tenant_scope("dave", "write", "ticket") == "acme"
    with pytest.raises(msp.PermissionDeniedError) as e:
        model.scope_for("dave", "read", "ticket", tenant="beta")
    assert str(e.value) == "principal 'dave' may not read ticket of tenant 'beta': outside_home_tenants"
    assert isinstance(e.value, PermissionError) and e.value.code == 23
    with pytest.raises(msp.PermissionDeniedError, match="a tenant must be named"):
        model.scope_for("alice", "read", "report")
    with pytest.raises(msp.PermissionDeniedError, match="unknown principal"):
        model.scope_for("mallory", "read", "ticket")


def test_a_json_text_is_the_same_model():
    text = msp.AccessModel(json.dumps(MODEL))
    assert text.grant_count == 9  # 1 + 1 + 1 + 1 + 2 + 2 + 1 over the seven roles
    assert text.authorize("erin", "approve", res("contract", "beta", "C-9")).grant_id == "no-beta-contracts"


@pytest.mark.parametrize("model, message", [
    ({"roles": [{"id": "tech"}], "principals": [{"id": "bob", "roles": ["tech", "admin"]}]},
     "model.principals[0] (principal 'bob').roles[1]: unknown role 'admin' (known: tech)"),
    ({"roles": [{"id": "a", "inherits": ["b"]}, {"id": "b", "inherits": ["a"]}]},
     "model.roles: inheritance cycle 'a' -> 'b' -> 'a'"),
    ({"roles": [{"id": "r", "grants": [{"actions": ["read"], "kinds": ["tickets"]}]}]},
     "model.roles[0] (role 'r').grants[0].kinds[0]: unknown resource kind 'tickets' (known: ticket, queue, report, "
     "kb_space, contract)"),
    ({"principals": [{"id": "x", "external": 1}]},
     "model.principals[0] (principal 'x').external: expected true or false, got 1"),
])
def test_bad_models_are_named(model, message):
    with pytest.raises(msp.InvalidArgumentError) as e:
        msp.AccessModel(model)
    assert str(e.value) == message


def test_bad_requests_are_named(model):
    with pytest.raises(msp.InvalidArgumentError, match=r"unknown action 'delete' \(known: read, write, approve\)"):
        model.authorize("alice", "delete", res("ticket", "acme"))
    with pytest.raises(msp.InvalidArgumentError, match="resource: tenant is missing"):
        model.authorize("alice", "read", {"kind": "ticket"})
    with pytest.raises(msp.InvalidArgumentError, match="unknown key 'tenants'"):
        model.authorize("alice", "read", {"kind": "ticket", "tenants": "acme"})
