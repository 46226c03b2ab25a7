"""Every exception the public API raises is an mspcore.Error with a code from the status table.

Each public function is called with valid arguments, then once with each argument replaced by
each value of POISON. A call may succeed (many poisons are valid somewhere: 0, "", -1) or raise;
what it raises must be an mspcore.Error of a listed code with a message, never a bare
TypeError, KeyError or a third-party exception (numpy, pandas, nlohmann json, pybind11 casts).
"""
import datetime as dt
import math
from decimal import Decimal

import pandas as pd
import pytest

import mspcore as msp

UTC = dt.timezone.utc
CODES = {value for _name, value, *_ in msp.STATUS_TABLE if value}
POISON = [None, math.nan, math.inf, -1, 10**30, True, "", "not a value", b"\xff\xfe", [], {}, [None], {"x": math.nan},
          object(), dt.datetime(2024, 1, 1), Decimal("NaN"), pd.NaT]

CALENDAR = {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"],
            "week": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}
POLICY = {"calendar": CALENDAR, "targets": {"response_minutes": 60, "resolution_minutes": 480}}
LINE = dict(tenant="acme", contract_id="C-1", line_id="L-1", sku="M365-BP", quantity=10,
            unit_price=Decimal("15.00"), currency="EUR", term_start=dt.date(2024, 1, 1))
SEEN = dict(tenant="acme", sku="M365-BP", source="license", quantity=12, as_of=dt.date(2024, 5, 1))
TICKETS = pd.DataFrame({"tenant": ["a", "b"], "priority": ["P3", "P1"],
                        "created": pd.to_datetime(["2024-04-02T09:00:00Z", "2024-05-06T10:00:00Z"])})
ESCALATION = {"ladders": {"P1": [{"name": "notify on-call", "after_minutes": 0}]}}
RACI_MATRIX = {"parties": [{"id": "msp", "kind": "msp"}], "lanes": ["network"],
               "cells": [{"tenant": "t", "lane": "network", "party": "msp", "raci": "RA"}]}
RACI_ROUTING = {"rules": [{"category": "net*", "lane": "network"}], "queues": [{"party": "msp", "queue": "NOC"}]}
RACI_TICKETS = [{"tenant": "t", "id": "T1", "category": "network/vpn", "owner": "msp"}]


def _calendar():
    return msp.Calendar.from_json(CALENDAR)


def _policy():
    return msp.SlaPolicy.from_json(POLICY)


# (name, function, positional arguments, keyword arguments): a valid call each.
ACCESS = {"roles": [{"id": "r", "grants": [{"actions": ["read"], "kinds": ["ticket"]}]}],
          "principals": [{"id": "p", "roles": ["r"]}]}

CALLS = [
    ("AccessModel", msp.AccessModel, [ACCESS], {}),
    ("AccessModel.authorize", lambda *a: msp.AccessModel(ACCESS).authorize(*a),
     ["p", "read", {"kind": "ticket", "tenant": "acme"}], {}),
    ("AccessModel.scope_for", lambda *a: msp.AccessModel(ACCESS).scope_for(*a), ["p", "read", "ticket"], {}),
    ("Money", msp.Money, ["12.34", "EUR"], {}),
    ("cvss_score", msp.cvss_score, ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"], {}),
    ("cvss_score_many", msp.cvss_score_many, [["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"]], {}),
    ("allocate", msp.allocate, [msp.Money("10.00", "EUR"), [1, 2]], {}),
    ("parse_instant", msp.parse_instant, ["2024-06-03T09:00:00Z"], {}),
    ("local_to_utc", msp.local_to_utc, ["2024-06-03T09:00", "Europe/Berlin"], {}),
    ("holidays", msp.holidays, ["DE-NW", 2024], {}),
    ("Calendar.from_json", msp.Calendar.from_json, [CALENDAR], {}),
    ("business_seconds_between", lambda *a: _calendar().business_seconds_between(*a),
     ["2024-06-03T09:00:00Z", "2024-06-04T09:00:00Z"], {}),
    ("add_business", lambda *a: _calendar().add_business(*a), ["2024-06-03T09:00:00Z", 3600], {}),
    ("add_business_days", lambda *a: _calendar().add_business_days(*a), ["2024-06-03T09:00:00Z", 2], {}),
    ("SlaPolicy.from_json", msp.SlaPolicy.from_json, [POLICY], {}),
    ("evaluate_sla", lambda t, now: msp.evaluate_sla(t, _policy(), now=now),
     [{"created": "2024-06-03T09:00:00+02:00", "priority": "P3"}, "2024-06-03T12:00:00+02:00"], {}),
    ("sla_attainment", msp.sla_attainment, [["met", "breached"]], {}),
    ("reconcile", msp.reconcile, [[LINE], [SEEN], "2024-05-10T10:00:00Z"], {}),
    ("reconcile rules", lambda r: msp.reconcile([LINE], [SEEN], "2024-05-10T10:00:00Z", rules=r),
     [{"rounding": "half_even"}], {}),
    ("risk_score", msp.risk_score, [{}], {}),
    ("nist_risk_level", msp.nist_risk_level, [3, 4], {}),
    ("escalation_due", msp.escalation_due, [ESCALATION, 1, "2024-06-07T09:00:00Z", "2024-06-07T10:00:00Z"], {}),
    ("normalize_alert", msp.normalize_alert, ["rocketcyber", {"id": 1, "account_id": 7, "title": "x", "createdAt": "2025-01-01T00:00:00Z"}], {}),
    ("kpi_frame", msp.kpi_frame, [TICKETS], {}),
    ("lifecycle", lambda a, lic, as_of, policy, table: msp.lifecycle(a, lic, as_of=as_of, policy=policy, os_table=table),
     [[{"id": "A-1", "tenant": "t", "type": "laptop", "os": "Windows 11", "os_version": "24H2", "os_edition": "Pro"}],
      [{"tenant": "t", "sku": "s", "seats": 1}], "2025-10-15", {"windows": {"default": 30}},
      [{"os": "FreeBSD", "version": "14", "support_end": "2028-11-30", "source": "x"}]], {}),
    ("lifecycle service", lambda a, service, policy: msp.lifecycle(a, as_of="2025-10-15", policy=policy, service=service),
     [[{"id": "A-1", "tenant": "t", "type": "laptop", "purchase_date": "2022-01-01"}],
      [{"tenant": "t", "asset_id": "A-1", "date": "2025-05-01", "hours": "1.5"}],
      {"max_age_years": {"laptop": 5}, "payer": {"default": "shared"},
       "replacement_value": {"laptop": {"amount": "1100.00", "currency": "EUR"}}}], {}),
    ("availability", lambda events, start, end, calendar, devices, target: msp.availability(
        events, start, end, calendar=calendar, devices=devices, target=target),
     [[{"tenant": "t", "device_id": "d", "opened": "2025-04-10T10:00:00Z", "resolved": "2025-04-10T10:43:00Z",
        "outage": True}], "2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z", CALENDAR, [{"tenant": "t", "id": "d"}],
      "99.9"], {}),
    # Co-managed IT: the RACI matrix
    ("raci_validate", msp.raci_validate, [RACI_MATRIX], {}),
    ("route_tickets", msp.route_tickets, [RACI_TICKETS, RACI_MATRIX, RACI_ROUTING], {}),
    ("raci_violations", lambda t, m, r: msp.raci_violations(t, m, routing=r), [RACI_TICKETS, RACI_MATRIX, RACI_ROUTING],
     {}),
]

CASES = [(name, fn, args, k, poison) for name, fn, args, _kw in CALLS for k in range(len(args)) for poison in POISON]


@pytest.mark.parametrize("name, fn, args", [(n, f, a) for n, f, a, _ in CALLS], ids=[c[0] for c in CALLS])
def test_the_valid_calls_work(name, fn, args):
    fn(*args)


@pytest.mark.parametrize("name, fn, args, position, poison", CASES,
                         ids=[f"{c[0]}-arg{c[3]}-{type(c[4]).__name__}{i}" for i, c in enumerate(CASES)])
def test_bad_arguments_raise_coded_errors(name, fn, args, position, poison):
    bad = list(args)
    bad[position] = poison
    try:
        fn(*bad)
    except msp.Error as e:
        assert e.code in CODES, (name, position, poison, e.code)
        assert str(e), (name, position, poison)
    except Exception as e:  # noqa: BLE001 - the point of the test
        pytest.fail(f"{name}(arg {position} = {poison!r}) raised {type(e).__module__}.{type(e).__name__}: {e}")


def test_nan_in_trueup_rules_is_named():
    # Once a raw "[json.exception.parse_error.101]" RuntimeError from the JSON parser.
    with pytest.raises(msp.InvalidArgumentError, match="^rules has no JSON form"):
        msp.reconcile([LINE], [SEEN], "2024-05-10T10:00:00Z", rules={"rounding": math.nan})


def test_a_pybind11_conversion_error_is_coded_and_keeps_its_cause():
    with pytest.raises(msp.InvalidTypeError, match="^allocate\\(\\): incompatible function arguments") as info:
        msp.allocate("10.00", [1, 2])
    assert isinstance(info.value, TypeError) and isinstance(info.value.__cause__, TypeError)
    with pytest.raises(msp.InvalidTypeError, match="currency must be a str"):
        msp.Money("1.00", None)
