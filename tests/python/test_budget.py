"""mspcore.budget: the same hand-worked budgets as the C++ tests (amounts worked out in the
comments), DataFrame input and output, lifecycle replacements, and named bad input."""
from decimal import Decimal

import pandas as pd
import pytest

import mspcore as msp


def line(kind, amount, category="opex", period="monthly", **extra):
    c = {"kind": kind, "amount": amount, "currency": "EUR", "category": category, **extra}
    if kind == "recurring":
        c["period"] = period
    return c


def initiative(id, quarter, status, costs, depends_on=None):
    return {"id": id, "tenant": "acme", "quarter": quarter, "status": status, "costs": costs, "depends_on": depends_on}


def test_price_increase_over_three_years():
    # 12 x 1,000.00; 12 x 1,050.00; 12 x 1,102.50.
    r = msp.budget([initiative("I-1", "2027-Q1", "approved", [line("recurring", "1000.00")])], price_increase="5")
    assert [y["total"] for y in r.fiscal_years] == [Decimal("12000.00"), Decimal("12600.00"), Decimal("13230.00")]
    assert r.currency == "EUR" and r.first_fiscal_year == "FY2027"


def test_fiscal_year_from_april_from_a_dataframe():
    # FY2027 = April 2026 - March 2027: 100.00 monthly from October 2026 is 6 x 100.00 = 600.00,
    # the one-time 500.00 in January 2027 is FY2027-Q4; FY2028 is 12 x 100.00.
    roadmap = pd.DataFrame([initiative("I-1", "2026-Q4", "approved", [line("recurring", "100.00")]),
                            initiative("I-2", "2027-Q1", "proposed", [line("one_time", Decimal("500.00"), "capex")]),
                            initiative("I-3", "2026-Q3", "declined", [line("one_time", "7.00", "capex")])])
    r = msp.budget(roadmap, years=2, fiscal_year_start=4)
    years = r.fiscal_years.to_pandas()
    assert list(years["total"]) == [Decimal("1100.00"), Decimal("1200.00")]
    assert list(years["approved"]) == [Decimal("600.00"), Decimal("1200.00")]
    assert list(years["proposed"]) == [Decimal("500.00"), Decimal("0.00")]
    q4 = r.quarters.to_pandas().set_index("fiscal_quarter").loc["FY2027-Q4"]
    assert (q4["capex"], q4["opex"], q4["total"]) == (Decimal("500.00"), Decimal("300.00"), Decimal("800.00"))
    assert "I-3" not in set(r.lines.to_pandas()["initiative"])
    assert sum(r.lines.to_pandas()["amount"]) == sum(years["total"])


def test_replacements_from_lifecycle():
    # A-1's warranty ended before 2026-12-06: replaced in that quarter (2026-Q4) for 1,200.00.
    lc = msp.lifecycle([{"id": "A-1", "tenant": "acme", "type": "laptop", "warranty_end": "2026-11-30",
                         "replacement_value": "1200.00", "currency": "EUR"}], as_of="2026-12-06")
    r = msp.budget([], lifecycle=lc, years=1)
    assert [(x["id"], x["quarter"], x["source"], x["priority"]) for x in r.initiatives] == [
        ("replace:A-1", "2026-Q4", "lifecycle", 1)]
    assert r.fiscal_years[0]["capex"] == Decimal("1200.00")
    assert r.fiscal_years[0]["proposed"] == Decimal("1200.00")


def test_cycle_and_bad_input_are_named():
    with pytest.raises(msp.InvalidArgumentError, match=r"dependency cycle I-3 -> I-5 -> I-3$"):
        msp.budget([initiative("I-3", "2027-Q1", "approved", [], ["I-5"]),
                    initiative("I-5", "2027-Q1", "approved", [], "I-3")])
    with pytest.raises(msp.InvalidArgumentError, match=r"\.depends_on: unknown initiative 'I-9'"):
        msp.budget([initiative("I-1", "2027-Q1", "approved", [], ["I-9"])])
    with pytest.raises(msp.InvalidArgumentError, match=r"\.quarter: '2027-Q5' is not a quarter"):
        msp.budget([initiative("I-1", "2027-Q5", "approved", [])])
    with pytest.raises(msp.InvalidArgumentError, match=r"\.status: unknown initiative status 'maybe'"):
        msp.budget([initiative("I-1", "2027-Q1", "maybe", [])])
    with pytest.raises(msp.InvalidArgumentError, match=r"costs\[0\]\.amount: -1\.00 must be >= 0"):
        msp.budget([initiative("I-1", "2027-Q1", "approved", [line("one_time", "-1.00")])])
    # A float NaN is a missing value in the records layer (the text "NaN" is a golden case).
    with pytest.raises(msp.InvalidArgumentError, match=r"costs\[0\]: amount is missing$"):
        msp.budget([initiative("I-1", "2027-Q1", "approved", [line("one_time", float("nan"))])])
    with pytest.raises(msp.CurrencyMismatchError, match=r"costs\[1\]: currency USD differs"):
        msp.budget([initiative("I-1", "2027-Q1", "approved",
                               [line("one_time", "1.00"), {**line("one_time", "1.00"), "currency": "USD"}])])
    with pytest.raises(msp.OutOfRangeError, match=r"^budget\.fiscal_year_start: 13 is outside 1\.\.12$"):
        msp.budget([], fiscal_year_start=13)
    with pytest.raises(msp.InvalidArgumentError, match=r"^contracts\[0\]"):
        msp.budget([], contracts=[{"tenant": "acme"}])


def test_renewals_from_contracts_dataframe():
    # 25 x 10.00 monthly from the term end 2027-07-01: 6 x 250.00 = 1,500.00 in FY2027.
    contracts = pd.DataFrame([{"tenant": "acme", "contract_id": "C-1", "line_id": "L-1", "sku": "M365-BP",
                               "quantity": 25, "unit_price": "10.00", "currency": "EUR", "term_start": "2026-07-01",
                               "term_end": "2027-07-01", "term_kind": "nce_annual"}])
    r = msp.budget([], contracts=contracts, years=1)
    assert r.initiatives[0]["id"] == "renew:C-1/L-1"
    assert r.fiscal_years[0]["recurring"] == Decimal("1500.00")
