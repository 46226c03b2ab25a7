"""True-up records through the core's one decoder: lists of dicts, DataFrames and the C ABI's
JSON give the same records, the same defaults and the same errors (docs/records.md)."""
import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

AS_OF = "2024-05-10T10:00:00Z"
LINE = dict(tenant="acme", contract_id="C-1", line_id="L-1", sku="M365-BP", quantity=10, unit_price="15.00",
            currency="EUR", term_start="2024-01-01")
SEEN = dict(tenant="acme", sku="M365-BP", source="license", quantity=12, as_of="2024-05-01")


def error_of(contracts, observations, as_of=AS_OF):
    with pytest.raises(msp.Error) as info:
        msp.reconcile(contracts, observations, as_of)
    return type(info.value), str(info.value), info.value.row


@pytest.mark.parametrize("bad_line, message", [
    (dict(quantity=-2), "contracts[1] (tenant 'acme' contract 'C-1' line 'L-2'): quantity -2 must be >= 0"),
    (dict(quantity=2.5), "contracts[1] (tenant 'acme' contract 'C-1' line 'L-2').quantity: expected a whole number, "
                         "got 2.5"),
    (dict(unit_price=1.5), "contracts[1] (tenant 'acme' contract 'C-1' line 'L-2').unit_price: 1.5 is a binary "
                           "floating-point number; money must be exact: write it as a string (\"1.5\")"),
    (dict(term_kind="nce_yearly"), "contracts[1] (tenant 'acme' contract 'C-1' line 'L-2').term_kind: unknown term "
                                   "kind 'nce_yearly' (known: flexible, nce_monthly, nce_annual, fixed)"),
    (dict(currency=None), "contracts[1] (tenant 'acme' contract 'C-1' line 'L-2'): currency is missing"),
])
def test_dicts_and_dataframes_fail_alike(bad_line, message):
    lines = [LINE, {**LINE, "line_id": "L-2", **bad_line}]
    from_dicts = error_of(lines, [SEEN])
    from_frame = error_of(pd.DataFrame(lines), pd.DataFrame([SEEN]))
    assert from_dicts == from_frame
    assert from_dicts[1:] == (message, 1)


def test_the_json_document_and_python_records_agree():
    # The C ABI's request form, as the golden cases use it, and Python values of the same records.
    doc = msp.reconcile([LINE], [SEEN], AS_OF).to_json()
    typed = msp.reconcile([{**LINE, "unit_price": Decimal("15.00"), "term_start": dt.date(2024, 1, 1)}],
                          [{**SEEN, "as_of": dt.datetime(2024, 5, 1, 2, tzinfo=dt.timezone(dt.timedelta(hours=2)))}],
                          dt.datetime(2024, 5, 10, 10, tzinfo=dt.timezone.utc))
    assert typed.to_json() == doc
    assert json.loads(doc)["proposals"][0]["amount"] == "21.29"  # 15.00 x 2 x 22/31 (May 10 -> June 1)


def test_what_pandas_makes_of_missing_values_means_the_default():
    # NaN in a float column (pandas' int column with gaps), None, NaT and pd.NA are all "not given".
    frame = pd.DataFrame([{**LINE, "commitment_minimum": 9}, {**LINE, "line_id": "L-2", "sku": "EDR"}])
    frame["term_start"] = pd.to_datetime(frame["term_start"])  # datetime64 at midnight: dates
    frame["term_end"] = pd.Series([pd.NaT, pd.NaT])
    frame["true_down"] = pd.array([pd.NA, "never"], dtype="string")
    assert frame["commitment_minimum"].dtype == np.float64
    r = msp.reconcile(frame, [{**SEEN, "quantity": 8}, {**SEEN, "sku": "EDR", "quantity": 8}], AS_OF)
    # L-2 (EDR, sorted first) may never go down: held. L-1 stops at its minimum 9, not at 8;
    # L-2's term_end NaT means flexible without an end, so it is active.
    assert [(h["line_id"], h["wanted_delta"], h["reason"]) for h in r.held] == [("L-2", -2, "true_down_never")]
    [p] = r.proposals
    assert (p["line_id"], p["quantity_after"], p["limited_by_commitment"]) == ("L-1", 9, True)
    assert p["amount"] == Decimal("-10.65")  # -(15.00 x 1 x 22/31) = -10.645... half-even


def test_a_date_with_a_time_of_day_is_refused_not_truncated():
    frame = pd.DataFrame([LINE])
    frame["term_start"] = pd.to_datetime(["2024-01-01T10:30:00"])
    assert error_of(frame, [SEEN])[1] == ("contracts[0] (tenant 'acme' contract 'C-1' line 'L-1').term_start: "
                                          "2024-01-01T10:30:00Z is not a date: it has a time of day")


def test_naive_datetimes_are_refused():
    kind, message, row = error_of([LINE], [SEEN, {**SEEN, "as_of": dt.datetime(2024, 5, 1, 12)}])
    assert (kind, row) == (msp.NaiveDatetimeError, 1)
    assert message == ("observations[1].as_of: datetime.datetime(2024, 5, 1, 12, 0) has no time zone: give it one "
                       "(mspcore never guesses a zone)")


def test_numpy_scalars_and_decimals_are_read_exactly():
    r = msp.reconcile([{**LINE, "quantity": np.int32(10), "unit_price": Decimal("15.00")}],
                      [{**SEEN, "quantity": np.int64(12), "as_of": np.datetime64("2024-05-01T00:00:00")}], AS_OF)
    assert r.proposals[0]["amount"] == Decimal("21.29")
    assert "Decimal('NaN')" not in error_of([{**LINE, "unit_price": Decimal("NaN")}], [SEEN])[1]
    assert error_of([{**LINE, "unit_price": Decimal("NaN")}], [SEEN])[1].startswith(
        "contracts[0] (tenant 'acme' contract 'C-1' line 'L-1').unit_price: ")


def test_columns_must_have_one_length_and_known_names():
    columns = {k: [v] for k, v in SEEN.items()}
    assert error_of([LINE], {**columns, "quantity": [1, 2]})[1] == \
        "observations: column 'quantity' has 2 values, the columns before it 1"
    assert error_of([LINE], {**columns, "qty": [1]})[1].startswith("observations: unknown key 'qty' (known: tenant, ")


def test_a_record_that_is_not_a_dict_is_named():
    assert error_of([LINE, "L-2"], [SEEN])[1:] == ("contracts[1]: expected an object, got \"L-2\"", 1)


def test_the_field_names_come_from_the_core():
    assert msp.trueup.LINE_KEYS[:4] == ("tenant", "contract_id", "line_id", "sku")
    assert "units" in msp.trueup.OBSERVATION_KEYS


def test_a_column_of_two_dimensions_is_named():
    with pytest.raises(msp.InvalidArgumentError, match=r"observations: column 'quantity' has 2 dimensions, not 1"):
        msp.reconcile([LINE], {"tenant": np.array(["acme"], dtype=object), "quantity": np.zeros((1, 2), dtype=np.int64)},
                      "2024-05-10T00:00:00Z")
