"""Replacement policy through Python: service records as dicts and DataFrames give the C ABI's
answer; the frame functions take service=; errors are named (hand-worked values: see
tests/cpp/test_replacement.cpp, days counted month by month from as_of)."""
import datetime as dt
import decimal
import json

import pandas as pd
import pytest

import mspcore as msp

AS_OF = dt.date(2025, 10, 15)
# By age 2022-10-15 + 4 years = 2026-10-15, 365 days after as_of.
LAPTOP = {"id": "NB-1", "tenant": "acme", "type": "laptop", "purchase_date": dt.date(2022, 10, 15)}


def tickets(n, date, minutes=0):
    return [{"tenant": "acme", "asset_id": "NB-1", "date": date, "minutes": minutes} for _ in range(n)]


def test_fourteen_tickets_and_eleven_and_a_half_hours_pull_twelve_months():
    # 14 tickets: 14 // 6 = 2 steps; 4 x 50 + 10 x 49 = 690 minutes: 690 // 480 = 1 step. The
    # larger, 2 x 6 = 12 months: 2026-10-15 -> 2025-10-15, today: due soon because of service.
    service = tickets(4, dt.date(2025, 9, 1), 50) + tickets(10, dt.date(2025, 9, 2), 49)
    a = msp.lifecycle([LAPTOP], as_of=AS_OF, service=service).assets[0]
    assert (a["replacement_status"], a["replacement_code"]) == ("due_soon", "replacement_pulled_by_service")
    assert a["replacement_date"] == AS_OF and a["replacement_by_age"] == dt.date(2026, 10, 15)
    assert (a["replacement_tickets_12m"], a["replacement_reactive_minutes_12m"]) == (14, 690)
    assert a["replacement_reactive_hours_12m"] == decimal.Decimal("11.50")
    assert a["replacement_pulled_months"] == 12
    assert "14 tickets and 11.50 reactive hours in the last 12 months pull it 12 months earlier" in a["replacement_reason"]
    assert (a["status"], a["reason_code"]) == ("due_soon", "replacement_pulled_by_service")


def test_dataframes_and_dicts_give_the_same_document():
    service = tickets(6, "2025-05-01") + [{"tenant": "acme", "asset_id": "NB-1", "date": "2025-05-02",
                                           "kind": "time_entry", "hours": decimal.Decimal("1.25")}]
    from_dicts = msp.lifecycle([LAPTOP], as_of=AS_OF, service=service)
    from_frame = msp.lifecycle(pd.DataFrame([LAPTOP]), as_of="2025-10-15", service=pd.DataFrame(service))
    assert from_frame.to_json() == from_dicts.to_json()
    assert list(from_frame.assets) == list(from_dicts.assets)
    # 6 tickets: one step, 6 months: 2026-04-15, 182 days; 1.25 hours = 75 minutes.
    a = from_dicts.assets[0]
    assert (a["replacement_date"], a["replacement_days_left"], a["replacement_reactive_minutes_12m"]) == (
        dt.date(2026, 4, 15), 182, 75)
    doc = json.loads(from_dicts.to_json())["assets"][0]
    assert doc["replacement_date"] == "2026-04-15" and doc["replacement_reactive_hours_12m"] == "1.25"


def test_the_window_boundary_days():
    # as_of 2025-10-15 counts 2024-10-16 .. 2025-10-15: a year back to the day is out, as_of is in.
    inside = tickets(5, "2025-10-15")
    r = msp.lifecycle_frame([LAPTOP], AS_OF, service=inside + tickets(1, "2024-10-15"))
    assert r["replacement_tickets_12m"].tolist() == [5]
    r = msp.lifecycle_frame([LAPTOP], AS_OF, service=inside + tickets(1, "2024-10-16"))
    assert r["replacement_tickets_12m"].tolist() == [6]
    assert r["replacement_pulled_months"].tolist() == [6]


def test_frame_functions_keep_their_contract_and_take_service():
    # lifecycle_frame(assets, as_of, policy=None) still works positionally; service= is added.
    frame = msp.lifecycle_frame([LAPTOP], AS_OF, {"max_age_years": {"laptop": 3}})
    # 2022-10-15 + 3 years = 2025-10-15: due today.
    assert frame["replacement_days_left"].tolist() == [0]
    assert frame["replacement_code"].tolist() == ["replacement_due_by_age"]
    assert msp.licence_frame([], AS_OF).empty


def test_policy_value_and_payer_in_the_records_and_the_budget():
    # 2021-12-01 + 4 years = 2025-12-01: due soon, 2025-Q4, at the policy's 1,100.00.
    policy = {"replacement_value": {"laptop": {"amount": "1100.00", "currency": "EUR"}}, "payer": {"server": "msp"}}
    assets = [dict(LAPTOP, purchase_date="2021-12-01"),
              {"id": "SRV-1", "tenant": "acme", "type": "server", "purchase_date": "2019-03-01",
               "replacement_value": "4500.00", "currency": "EUR"}]
    lc = msp.lifecycle(assets, as_of=AS_OF, policy=policy)
    nb, srv = lc.assets
    assert (nb["replacement_value"], nb["replacement_value_source"], nb["replacement_payer"]) == (
        decimal.Decimal("1100.00"), "policy", "client")
    assert (srv["replacement_status"], srv["replacement_payer"]) == ("overdue", "msp")
    b = msp.budget([], lifecycle=lc, years=1)
    assert [(x["id"], x["quarter"]) for x in b.initiatives] == [("replace:NB-1", "2025-Q4")]
    assert [f["code"] for f in b.findings] == ["replacement_value_from_policy", "replacement_paid_by_msp"]
    assert b.fiscal_years[0]["capex"] == decimal.Decimal("1100.00")


@pytest.mark.parametrize("change, error, message", [
    ({"asset_id": "NB-9"}, msp.InvalidArgumentError,
     "service[0] (tenant 'acme' asset 'NB-9').asset_id: no asset 'NB-9' of tenant 'acme' in assets"),
    ({"minutes": -1}, msp.OutOfRangeError, "service[0] (tenant 'acme' asset 'NB-1').minutes: -1 is outside 0..527040"),
    ({"minutes": 1.5}, msp.InvalidArgumentError, "service[0] (tenant 'acme' asset 'NB-1').minutes: expected a whole number"),
    ({"minutes": None, "hours": 0.5}, msp.InvalidTypeError,
     "service[0] (tenant 'acme' asset 'NB-1').hours: 0.5 is a binary floating-point number; hours must be exact"),
    ({"minutes": None, "hours": decimal.Decimal("NaN")}, msp.ParseError, "service[0] (tenant 'acme' asset 'NB-1').hours"),
    ({"date": "2025-02-30"}, msp.InvalidTimeError, "service[0] (tenant 'acme' asset 'NB-1').date"),
    ({"date": None}, msp.InvalidArgumentError, "service[0] (tenant 'acme' asset 'NB-1'): date is missing"),
    ({"kind": "call"}, msp.InvalidArgumentError, "service[0] (tenant 'acme' asset 'NB-1').kind: unknown service kind 'call'"),
    ({"reactive": 1}, msp.InvalidArgumentError, "service[0] (tenant 'acme' asset 'NB-1').reactive: expected true or false"),
])
def test_bad_service_records_are_named(change, error, message):
    record = dict(tickets(1, "2025-05-01")[0], **change)
    with pytest.raises(error) as info:
        msp.lifecycle([LAPTOP], as_of=AS_OF, service=[record])
    assert str(info.value).startswith(message)
    assert info.value.row == 0


def test_float_nan_minutes_are_missing_not_zero_errors():
    # pandas' missing value: no minutes given (0), the ticket still counts.
    frame = pd.DataFrame(tickets(1, "2025-05-01") + [dict(tickets(1, "2025-05-02")[0], minutes=float("nan"))])
    a = msp.lifecycle([LAPTOP], as_of=AS_OF, service=frame).assets[0]
    assert (a["replacement_tickets_12m"], a["replacement_reactive_minutes_12m"]) == (2, 0)
