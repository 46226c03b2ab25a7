"""mspcore.reconcile: the Python contract of issue #4, with hand-computed examples."""
import datetime as dt
import json
import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

AS_OF = "2024-05-10T10:00:00Z"


def line(**over):
    base = dict(tenant="acme", contract_id="C-1", line_id="L-1", sku="M365-BP", quantity=10,
                unit_price=Decimal("15.00"), currency="EUR", term_start=dt.date(2024, 1, 1))
    base.update(over)
    return base


def seen(source, quantity, sku="M365-BP", as_of=dt.date(2024, 5, 1), **over):
    base = dict(tenant="acme", sku=sku, source=source, quantity=quantity, as_of=as_of)
    base.update(over)
    return base


def test_proposal_has_the_contract_fields():
    r = msp.reconcile([line(commitment_minimum=8)], [seen("license", 5)], AS_OF)
    [p] = r.proposals
    assert p["contract_id"] == "C-1" and p["line_id"] == "L-1" and p["sku"] == "M365-BP"
    assert p["action"] == "true_down"
    assert p["delta_quantity"] == 2 and p["limited_by_commitment"]
    assert p["effective_date"] == dt.date(2024, 5, 10)
    assert p["deferred_until"] is None
    assert p["amount"] == Decimal("-21.29")  # -(15.00 x 2 x 22/31)
    assert p["currency"] == "EUR"
    assert p["rule"] == "true_down.immediate"
    assert p["evidence"] == [{"source": "license", "reported": 5, "counted": 5, "observations": 1,
                              "as_of": dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)}]


def test_nce_day_6_applies_and_day_8_defers():
    nce = line(quantity=10, unit_price="20.00", term_start="2024-03-01", term_end="2025-03-01", term_kind="nce_annual")
    obs = [seen("license", 8, as_of="2024-03-01")]
    [day6] = msp.reconcile([nce], obs, dt.datetime(2024, 3, 6, 12, tzinfo=dt.timezone.utc)).proposals
    assert day6["effective_date"] == dt.date(2024, 3, 6) and day6["deferred_until"] is None
    assert day6["amount"] == Decimal("-473.55")
    [day8] = msp.reconcile([nce], obs, "2024-03-08T12:00:00Z").proposals
    assert day8["deferred_until"] == dt.date(2025, 3, 1) == day8["effective_date"]
    assert day8["rule"] == "true_down.nce_deferred_to_renewal"


def test_annual_nce_increase_prorated_to_term_end():
    nce = line(unit_price="120.00", term_end="2025-01-01", term_kind="nce_annual", billing_period="annual")
    [p] = msp.reconcile([nce], [seen("rmm", 12, as_of="2024-07-01")], "2024-07-01T09:00:00Z").proposals
    assert p["amount"] == Decimal("120.66")  # 120.00 x 2 x 184/366
    assert p["prorated_to"] == dt.date(2025, 1, 1)


def test_person_counted_once_and_exclusions():
    units_license = ["alice@acme.example", "bob@acme.example", {"identity": "carol@acme.example"}]
    units_rmm = [" ALICE@acme.example", {"identity": "dave@acme.example"},
                 {"identity": "carol@acme.example", "kiosk": True},
                 {"identity": "eve@acme.example", "self_paid": True}]
    obs = [seen("license", None, units=units_license), seen("rmm", None, units=units_rmm)]
    for o in obs:
        del o["quantity"]
    r = msp.reconcile([line(quantity=2)], obs, AS_OF)
    [p] = r.proposals
    assert p["delta_quantity"] == 1  # alice, bob, dave: 3 - 2
    assert [e["reported"] for e in p["evidence"]] == [3, 4]
    assert [e["counted"] for e in p["evidence"]] == [2, 2]


def test_tolerance_suppresses_noise():
    assert not msp.reconcile([line(quantity=100, tolerance_percent="5")], [seen("license", 105)], AS_OF).proposals
    [p] = msp.reconcile([line(quantity=100, tolerance_percent=Decimal("5"))], [seen("license", 106)], AS_OF).proposals
    assert p["delta_quantity"] == 6


def test_deviations_and_unmapped():
    r = msp.reconcile([line(quantity=12, unit_price="10.00")],
                      [seen("vendor", 20, sku="Microsoft 365 Business Premium"), seen("license", 15),
                       seen("rmm", 3, sku="Contoso Widget")],
                      AS_OF, sku_map={"microsoft 365 business premium": "M365-BP"})
    kinds = {(d["kind"], d["gap"], d["monthly_value"], d["annual_value"]) for d in r.deviations}
    assert kinds == {("revenue_leakage", 3, Decimal("30.00"), Decimal("360.00")),
                     ("shelfware", 5, Decimal("50.00"), Decimal("600.00"))}
    [u] = r.unmapped
    assert (u["index"], u["sku"], u["source"], u["quantity"]) == (2, "Contoso Widget", "rmm", 3)
    frame = r.deviations.to_pandas()
    assert list(frame.columns[:4]) == ["tenant", "sku", "kind", "gap"]
    assert len(frame) == 2
    [p] = r.proposals  # assigned 15 - contracted 12
    assert (p["delta_quantity"], p["amount"]) == (3, Decimal("21.29"))  # 10.00 x 3 x 22/31
    assert msp.reconcile([], [], AS_OF).proposals.to_pandas().columns.tolist()[:2] == ["tenant", "contract_id"]


def test_dataframes_give_the_same_result_as_dicts():
    lines = [line(line_id=f"L-{s}", sku=f"S{s}", quantity=10 + s) for s in range(3)]
    obs = [seen(src, 9 + s + k, sku=f"S{s}") for s in range(3) for k, src in enumerate(("vendor", "license", "rmm"))]
    from_dicts = msp.reconcile(lines, obs, AS_OF)
    lines_df = pd.DataFrame(lines)
    lines_df["term_start"] = pd.to_datetime(lines_df["term_start"])
    obs_df = pd.DataFrame(obs)
    obs_df["as_of"] = pd.to_datetime(obs_df["as_of"]).dt.tz_localize("UTC")
    from_frames = msp.reconcile(lines_df, obs_df, dt.date(2024, 5, 10))
    assert from_frames.to_json() != ""  # both are complete documents
    assert [p["amount"] for p in from_frames.proposals] == [p["amount"] for p in from_dicts.proposals]
    assert from_frames.deviations == msp.reconcile(lines, obs, "2024-05-10T00:00:00Z").deviations
    assert from_frames.fingerprints() == msp.reconcile(list(reversed(lines)), obs, AS_OF).fingerprints()


def test_same_answer_as_the_c_abi_document():
    r = msp.reconcile([line()], [seen("license", 12)], AS_OF)
    doc = json.loads(r.to_json())
    assert doc["proposals"][0]["amount"] == str(r.proposals[0]["amount"]) == "21.29"  # 15.00 x 2 x 22/31


@pytest.mark.parametrize("bad, error, text", [
    (dict(contracts=[line(quantity=-2)]), msp.InvalidArgumentError, "quantity -2 must be >= 0"),
    (dict(contracts=[line(currency="EUX")]), msp.UnknownCurrencyError, "'EUX'"),
    (dict(contracts=[line(term_end="2023-01-01")]), msp.InvalidArgumentError, "must be after term_start"),
    (dict(contracts=[line(), line()]), msp.InvalidArgumentError, "duplicate line id 'L-1'"),
    (dict(contracts=[line(), line(line_id="L-2", currency="USD")]), msp.CurrencyMismatchError, "two currencies"),
    (dict(contracts=[line(quantitiy=3)]), ValueError, "unknown key 'quantitiy'"),
    (dict(observations=[seen("psa", 1)]), msp.InvalidArgumentError, "'psa'"),
    (dict(observations=[seen("rmm", -1)]), msp.InvalidArgumentError, "quantity -1"),
    (dict(observations=[seen("rmm", float("nan"))]), msp.InvalidArgumentError, "observations[0]: quantity is missing"),
    (dict(observations=[seen("rmm", 2.5)]), msp.InvalidArgumentError,
     "observations[0].quantity: expected a whole number, got 2.5"),
])
def test_bad_input_names_the_record(bad, error, text):
    args = dict(contracts=[line()], observations=[seen("license", 10)])
    args.update(bad)
    with pytest.raises(error, match=re.escape(text)):
        msp.reconcile(args["contracts"], args["observations"], AS_OF)


def test_float_money_is_a_type_error():
    with pytest.raises(TypeError, match="float"):
        msp.reconcile([line(unit_price=15.0)], [], AS_OF)


def test_error_carries_the_row():
    with pytest.raises(msp.InvalidArgumentError) as info:
        msp.reconcile([line(), line(line_id="L-2", quantity=-1)], [], AS_OF)
    assert info.value.row == 1


def test_numpy_quantities_and_missing_optional_columns():
    obs = pd.DataFrame({"tenant": ["acme"], "sku": ["M365-BP"], "source": ["license"],
                        "quantity": np.array([11], dtype=np.int32), "as_of": ["2024-05-01T00:00:00Z"]})
    lines = pd.DataFrame([line(commitment_minimum=None)])
    [p] = msp.reconcile(lines, obs, AS_OF).proposals
    assert p["delta_quantity"] == 1


def test_units_must_be_identities_or_dicts():
    from collections import UserDict
    for units, text in ((["a", UserDict(identity="b")], "units[1]: expected an identity or an object"),
                        ([{"identity": "a", "kisok": True}], "unknown key 'kisok'"),
                        ("abc", "expected a list")):
        with pytest.raises(msp.InvalidArgumentError, match=re.escape(text)):
            msp.reconcile([line()], [dict(tenant="acme", sku="M365-BP", source="rmm", as_of="2024-05-01",
                                          units=units)], AS_OF)


def test_missing_optional_text_in_a_dataframe_means_the_default():
    frame = pd.DataFrame([line(), line(line_id="L-2", sku="EDR", term_kind="nce_annual", term_end="2025-01-01")])
    assert frame["term_kind"].isna().any()
    r = msp.reconcile(frame, [seen("license", 12), seen("license", 7, sku="EDR")], AS_OF)
    assert [p["rule"] for p in r.proposals] == ["true_down.nce_deferred_to_renewal", "true_up.prorated_to_period_end"]


def _plain(value):
    """A record value in the form of the JSON document (amounts and dates as text)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [{k: _plain(v) for k, v in item.items()} for item in value]
    return value


def test_columns_agree_with_the_json_document():
    # Rows with evidence from different sources (masked columns), a SKU without a contract
    # line (null values), repeated tenants and SKUs across rows, held changes.
    lines = [line(tenant=t, contract_id=f"C-{t}", line_id=f"L-{s}", sku=f"S{s}", quantity=10 + s,
                  unit_price=f"{7 + s}.25", commitment_minimum=12 if s == 2 else 0)
             for t in ("acme", "beta", "cielo") for s in range(3)]
    obs = []
    for t in ("acme", "beta", "cielo"):
        for s in range(3):
            obs.append(seen("license", 9 if s == 2 else 8 + 3 * s, tenant=t, sku=f"S{s}"))  # S2: held
            if s != 1:
                obs.append(seen("vendor", 14, tenant=t, sku=f"S{s}", as_of=dt.date(2024, 4, 30)))
            if t == "beta":
                obs.append(seen("billing", 11, tenant=t, sku=f"S{s}"))
        obs.append(seen("rmm", 4, tenant=t, sku="Widget"))
    r = msp.reconcile(lines, obs, AS_OF, sku_map={"widget": "W-1"})
    doc = json.loads(r.to_json())
    for table in ("deviations", "proposals", "held", "unmapped"):
        records = getattr(r, table)
        assert len(records) == len(doc[table]) > (0 if table != "unmapped" else -1)
        for record, expected in zip(records, doc[table]):
            assert set(record) == set(expected)
            assert {k: _plain(v) for k, v in record.items()} == expected
        frame = records.to_pandas()
        assert len(frame) == len(records)
    frame = r.deviations.to_pandas()
    no_line = frame[frame["sku"] == "W-1"]
    assert len(no_line) and no_line["monthly_value"].isna().all() and no_line["contract_id"].isna().all()
    billed = (frame["tenant"] == "beta") & (frame["sku"] != "W-1")
    assert (frame["evidence.billing.counted"].notna() == billed).all()
    assert (frame["evidence.license.counted"].isna() == (frame["sku"] == "W-1")).all()


def test_observation_text_repeated_objects_and_a_missing_one():
    tenant = "acme"
    obs = pd.DataFrame({"tenant": [tenant, tenant, None], "sku": ["M365-BP"] * 3, "source": ["license"] * 3,
                        "quantity": [5, 6, 7], "as_of": pd.to_datetime(["2024-05-01"] * 3).tz_localize("UTC")})
    with pytest.raises(msp.InvalidArgumentError, match=r"observations\[2\]"):
        msp.reconcile([line()], obs.astype({"tenant": object}), AS_OF)


def test_fingerprints_are_of_the_inputs_the_run_saw():
    obs = pd.DataFrame([seen("license", 12), seen("vendor", 10)])
    obs["as_of"] = pd.to_datetime(obs["as_of"]).dt.tz_localize("UTC")
    r = msp.reconcile([line()], obs, AS_OF)
    before = r.fingerprints()
    obs.loc[0, "quantity"] = 99  # the caller's frame changes after the run
    assert r.fingerprints() == before
    assert before == msp.reconcile([line()], [seen("vendor", 10), seen("license", 12)], AS_OF).fingerprints()
    with_units = msp.reconcile([line()], [seen("license", None, units=["a@x.example"])], AS_OF)
    assert with_units.fingerprints()["observations"] != before["observations"]
