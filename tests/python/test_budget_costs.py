"""mspcore.budget with its cost lines as a table of their own (costs=), and the money forms of
to_pandas; amounts worked out by hand in the comments."""
from decimal import Decimal

import pandas as pd
import pytest

import mspcore as msp

INITIATIVES = pd.DataFrame([{"id": "I-1", "tenant": "acme", "quarter": "2027-Q1", "status": "approved"},
                            {"id": "I-1", "tenant": "beta", "quarter": "2027-Q2", "status": "proposed"}])


def test_cost_table_gives_the_same_budget_as_nested_costs():
    # FY2027 = calendar 2027. acme: 12 x 100.00 monthly = 1,200.00 opex + 500.00 capex = 1,700.00;
    # beta: 2.50 x 3 assets = 7.50 a quarter from April: April, July, October = 22.50.
    costs = pd.DataFrame([
        {"tenant": "acme", "initiative": "I-1", "kind": "recurring", "period": "monthly", "amount": "100.00",
         "currency": "EUR", "category": "opex"},
        {"tenant": "beta", "initiative": "I-1", "kind": "recurring", "period": "quarterly", "basis": "per_asset",
         "amount": "2.50", "count": 3, "currency": "EUR", "category": "opex"},
        {"tenant": "acme", "initiative": "I-1", "kind": "one_time", "amount": "500.00", "currency": "EUR",
         "category": "capex"}])
    r = msp.budget(INITIATIVES, years=1, costs=costs)
    nested = [{"id": "I-1", "tenant": "acme", "quarter": "2027-Q1", "status": "approved",
               "costs": [{k: v for k, v in row.items() if k not in ("tenant", "initiative") and pd.notna(v)}
                         for row in costs[costs.tenant == "acme"].to_dict("records")]},
              {"id": "I-1", "tenant": "beta", "quarter": "2027-Q2", "status": "proposed",
               "costs": [{k: (int(v) if k == "count" else v) for k, v in row.items()
                          if k not in ("tenant", "initiative") and pd.notna(v)}
                         for row in costs[costs.tenant == "beta"].to_dict("records")]}]
    assert r.to_json() == msp.budget(nested, years=1).to_json()
    assert [(y["tenant"], y["total"]) for y in r.fiscal_years] == [("acme", Decimal("1700.00")),
                                                                   ("beta", Decimal("22.50"))]
    # The table's rows keep their order within an initiative: acme's one-time line is its cost 1.
    assert [line["cost"] for line in r.lines if line["tenant"] == "acme" and line["kind"] == "one_time"] == [1]


def test_money_forms_of_to_pandas():
    costs = [{"tenant": "acme", "initiative": "I-1", "kind": "one_time", "amount": "0.125", "basis": "per_asset",
              "count": 3, "currency": "EUR", "category": "capex"}]
    r = msp.budget(INITIATIVES.iloc[:1], years=1, costs=costs)
    # 0.125 x 3 = 0.375, rounded half-even to 0.38.
    assert r.lines[0]["amount"] == Decimal("0.38") and r.lines[0]["unit_amount"] == Decimal("0.125")
    assert list(r.lines.to_pandas()["amount"]) == [Decimal("0.38")]
    assert r.lines.to_pandas("minor_units")["amount"].tolist() == [38]
    pytest.importorskip("pyarrow")
    arrow = r.fiscal_years.to_pandas("arrow")
    assert list(arrow["capex"]) == [Decimal("0.38")] and arrow["capex"].sum() == Decimal("0.38")
    with pytest.raises(msp.InvalidArgumentError, match="money: unknown 'float'"):
        r.lines.to_pandas("float")


def test_cost_table_errors_name_the_row():
    with pytest.raises(msp.InvalidArgumentError, match=r"^costs\[0\]: unknown initiative 'I-9' \(tenant 'acme'\)$"):
        msp.budget(INITIATIVES, costs=[{"tenant": "acme", "initiative": "I-9", "kind": "one_time", "amount": "1",
                                        "currency": "EUR", "category": "capex"}])
    with pytest.raises(msp.InvalidArgumentError,
                       match=r"^costs\[0\] \(tenant 'acme' initiative 'I-1'\)\.amount: -1 must be >= 0$"):
        msp.budget(INITIATIVES, costs=[{"tenant": "acme", "initiative": "I-1", "kind": "one_time", "amount": "-1",
                                        "currency": "EUR", "category": "capex"}])
