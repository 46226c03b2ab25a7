"""vCIO lifecycle through Python: dicts, DataFrames and the C ABI's JSON give the same records
and the same named errors (hand-worked values: see tests/cpp/test_lifecycle.cpp)."""
import datetime as dt
import decimal
import json
import math

import pandas as pd
import pytest

import mspcore as msp

ASSETS = [
    {"id": "PC-1", "tenant": "acme", "type": "workstation", "warranty_end": dt.date(2028, 1, 1), "os": "Windows 10",
     "os_version": "22H2", "os_edition": "Pro", "replacement_value": decimal.Decimal("950.00"), "currency": "EUR"},
    {"id": "NB-7", "tenant": "acme", "type": "laptop", "purchase_date": dt.date(2021, 11, 1), "os": "Windows 11",
     "os_version": "24H2", "os_edition": "Pro", "replacement_value": None, "currency": None},
]
LICENCES = [{"tenant": "acme", "sku": "M365-BP", "seats": 25, "term_end": dt.date(2025, 11, 14), "auto_renew": True}]


def test_windows_10_the_day_after_its_end():
    r = msp.lifecycle(ASSETS, LICENCES, as_of=dt.date(2025, 10, 15))
    pc, nb = r.assets
    assert (pc["status"], pc["reason_code"], pc["os_support_end"]) == ("overdue", "os_support_ended", dt.date(2025, 10, 14))
    assert pc["os_row"] == "Windows 10 22H2 Pro" and pc["os_table"] == msp.os_lifecycle_table_version()
    assert pc["replacement_value"] == decimal.Decimal("950.00")
    # 2021-11-01 + 4 years = 2025-11-01: 17 days after as_of, an estimate.
    assert (nb["status"], nb["warranty_estimate"], nb["warranty_days_left"]) == ("due_soon", True, 17)
    assert r.licences[0]["reason_code"] == "renewal_due"


def test_dataframes_give_the_same_records_as_dicts_and_json():
    as_of = dt.date(2025, 10, 15)
    from_dicts = msp.lifecycle(ASSETS, LICENCES, as_of=as_of)
    from_frames = msp.lifecycle(pd.DataFrame(ASSETS), pd.DataFrame(LICENCES), as_of="2025-10-15")
    assert list(from_frames.assets) == list(from_dicts.assets)
    assert list(from_frames.licences) == list(from_dicts.licences)
    assert from_frames.to_json() == from_dicts.to_json()
    doc = json.loads(from_dicts.to_json())
    assert [a["status"] for a in doc["assets"]] == [a["status"] for a in from_dicts.assets]
    frame = from_dicts.assets.to_pandas()
    assert list(frame["status"]) == ["overdue", "due_soon"]


def test_user_rows_override_the_shipped_table():
    rows = [{"os": "Windows 10", "version": "22H2", "edition": "Pro", "support_end": "2028-10-10",
             "source": "ESU contract 4711"}]
    r = msp.lifecycle(ASSETS[:1], as_of="2025-10-15", os_table=rows)
    assert r.os_table_version == "mspcore-os-1+user"
    assert (r.assets[0]["os_status"], r.assets[0]["os_source"]) == ("supported", "ESU contract 4711")


def test_shipped_table_rows_carry_sources():
    rows = msp.os_lifecycle_table()
    assert len(rows) == 48 and all(row["source"] for row in rows)
    ws = [r for r in rows if (r["os"], r["version"]) == ("Windows Server", "2012 R2")]
    assert ws[0]["support_end"] == dt.date(2023, 10, 10)


def test_float_nan_is_missing_as_everywhere_in_the_records_layer():
    # pandas writes a missing amount as NaN: it is "no value", never 0.
    asset = dict(ASSETS[0], replacement_value=math.nan)
    assert msp.lifecycle([asset], as_of="2025-10-15").assets[0]["replacement_value"] is None


@pytest.mark.parametrize("change, error, message", [
    ({"replacement_value": decimal.Decimal("NaN")}, msp.ParseError,
     "assets[0] (tenant 'acme' asset 'PC-1').replacement_value: 'NaN' is not a plain decimal number"),
    ({"replacement_value": 950.0}, msp.InvalidTypeError, "assets[0] (tenant 'acme' asset 'PC-1').replacement_value"),
    ({"replacement_value": decimal.Decimal("-1")}, msp.InvalidArgumentError,
     "assets[0] (tenant 'acme' asset 'PC-1').replacement_value: -1 must be >= 0"),
    ({"type": "toaster"}, msp.InvalidArgumentError, "assets[0] (tenant 'acme' asset 'PC-1').type: unknown asset type"),
    ({"warranty_end": "2025-02-30"}, msp.InvalidTimeError, "assets[0] (tenant 'acme' asset 'PC-1').warranty_end"),
    ({"colour": "red"}, msp.InvalidArgumentError, "assets[0]: unknown key 'colour'"),
])
def test_bad_assets_are_named(change, error, message):
    with pytest.raises(error) as info:
        msp.lifecycle([dict(ASSETS[0], **change)], as_of="2025-10-15")
    assert str(info.value).startswith(message)
    # The carrier's unknown-key error names the record but carries no row (as for true-up).
    assert info.value.row == (None if "unknown key" in message else 0)


def test_bad_licences_and_policy_are_named():
    with pytest.raises(msp.InvalidArgumentError, match=r"licences\[0\] \(tenant 'acme' sku 'M365-BP'\)\.seats: -2 must be >= 0"):
        msp.lifecycle([], [dict(LICENCES[0], seats=-2)], as_of="2025-10-15")
    with pytest.raises(msp.InvalidArgumentError, match="policy.windows: unknown asset type 'laptops'"):
        msp.lifecycle([], as_of="2025-10-15", policy={"windows": {"laptops": 30}})


def test_a_check_that_does_not_apply_is_none_and_na_never_false():
    switch = {"id": "SW-1", "tenant": "acme", "type": "network", "warranty_end": "2030-01-01"}
    r = msp.lifecycle([switch, ASSETS[0]], as_of="2025-10-15")
    assert (r.assets[0]["os_status"], r.assets[0]["os_estimate"]) == (None, None)
    frame = r.assets.to_pandas()
    assert frame["os_estimate"].isna().tolist() == [True, False]
    assert frame["os_support_end"].isna().tolist() == [True, False]


def test_as_of_is_required_and_may_be_positional():
    with pytest.raises(msp.InvalidArgumentError, match="^as_of is missing$"):
        msp.lifecycle(ASSETS)
    assert msp.lifecycle(ASSETS, LICENCES, "2025-10-15").to_json() == \
        msp.lifecycle(ASSETS, LICENCES, as_of=dt.date(2025, 10, 15)).to_json()


def test_the_frame_functions_of_the_api_contract():
    # mspcore.lifecycle_frame(assets, as_of, policy=None) and mspcore.licence_frame(licences,
    # as_of): the records above as DataFrames, one row per input record.
    assets = msp.lifecycle_frame(pd.DataFrame(ASSETS), dt.date(2025, 10, 15))
    assert list(assets["id"]) == ["PC-1", "NB-7"]
    assert list(assets["status"]) == ["overdue", "due_soon"]
    licences = msp.licence_frame(LICENCES, "2025-10-15")
    assert list(licences["reason_code"]) == ["renewal_due"]
    # A 10-day window moves the laptop's estimate (17 days left) out of due_soon.
    narrow = msp.lifecycle_frame(ASSETS, dt.date(2025, 10, 15), policy={"windows": {"default": 10}})
    assert narrow["status"].iloc[1] == "supported"


def test_many_distinct_ids_and_repeats_come_back_exactly():
    # Text columns travel dictionary-encoded; a column whose first 1,024 values are all distinct
    # (ids) switches to one entry per row. Rows after that switch, repeats and other tenants
    # must still decode to their own values, in records and in the DataFrame.
    assets = [{"id": f"A{i}", "tenant": "t", "type": "printer"} for i in range(1500)]
    assets += [{"id": "A7", "tenant": "u", "type": "printer"}, {"id": "C", "tenant": "u", "type": "mobile"}]
    r = msp.lifecycle(assets, as_of="2026-01-01")
    assert [a["id"] for a in r.assets] == [a["id"] for a in assets]
    frame = r.assets.to_pandas()
    assert list(frame["id"]) == [a["id"] for a in assets]
    assert list(frame["tenant"]) == [a["tenant"] for a in assets]
    assert list(frame["type"][-3:]) == ["printer", "printer", "mobile"]
