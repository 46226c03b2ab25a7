"""mspcore.availability (docs/rmm-availability.md): hand-worked cases from dicts and from an
importer-shaped DataFrame, the result frames' shape, calendars as objects or specs, and the
named errors. The C++ tests and the golden cases in tests/golden/rmm work the same rules."""
import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

UTC = dt.timezone.utc
START, END = "2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z"  # April: 30 days = 2592000 s
NINE = [["08:00", "17:00"]]
BUSINESS = {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"],
            "week": {d: NINE for d in ("mon", "tue", "wed", "thu", "fri")}}


def outage(device, opened, resolved=None, tenant="acme", **extra):
    return {"tenant": tenant, "device_id": device, "opened": opened, "resolved": resolved, "outage": True, **extra}


def test_a_month_of_24x7_with_one_43_minute_outage():
    devices, clients = msp.availability([outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z")],
                                        START, END, target="99.9")
    d = devices.iloc[0]
    assert (d.scheduled_seconds, d.down_seconds, d.up_seconds, d.failures) == (2592000, 2580, 2589420, 1)
    # 1 - 43 / (30 x 1440) = 43157 / 43200 = 0.9990046296...: 99.9004 rounded down
    assert d.availability_pct == Decimal("99.9004")
    assert (d.mtbf_seconds, d.mtrs_seconds) == (2589420, 2580)
    assert (d.mtbf_minutes, d.mtrs_minutes) == (Decimal("43157.00"), Decimal("43.00"))
    assert bool(d.target_met) is True  # 258942000 >= 99.9 x 2592000 = 258940800
    assert clients.iloc[0].devices_missed == 0
    missed = msp.availability([outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z")], START, END,
                              target=Decimal("99.95"))
    assert bool(missed.devices.iloc[0].target_met) is False


def test_the_frames_have_one_row_per_device_and_client_with_typed_columns():
    r = msp.availability([outage("B", "2025-04-10T10:00:00Z", "2025-04-10T11:00:00Z"),
                          outage("A", "2025-04-30T23:00:00Z"),  # still open: runs to the period end
                          outage("X", "2025-04-02T00:00:00Z", "2025-04-02T00:30:00Z", tenant="beta")], START, END)
    assert list(r.devices.columns) == list(msp.monitoring.DEVICE_COLUMNS)
    assert list(r.clients.columns) == list(msp.monitoring.CLIENT_COLUMNS)
    assert list(zip(r.devices.tenant, r.devices.device_id)) == [("acme", "A"), ("acme", "B"), ("beta", "X")]
    assert list(r.devices.down_seconds) == [3600, 3600, 1800]
    assert str(r.devices.scheduled_seconds.dtype) == "int64"
    assert str(r.devices.mtbf_seconds.dtype) == "Int64" and str(r.devices.target_met.dtype) == "boolean"
    assert r.devices.target_met.isna().all()  # no target: neither met nor missed
    assert list(r.clients.tenant) == ["acme", "beta"]
    acme = r.clients.iloc[0]
    assert (acme.devices, acme.scheduled_seconds, acme.down_seconds, acme.failures) == (2, 5184000, 7200, 2)
    assert acme.availability_pct == Decimal("99.8611")  # 100 x 5176800 / 5184000 = 99.86111...
    assert pd.isna(acme.devices_missed)
    assert json.loads(r.to_json())["devices"][0]["availability_pct"] == "99.8611"
    assert "devices=3" in repr(r)


def test_an_importer_frame_goes_in_unchanged():
    rows = [outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z", source="datto_rmm", id="A-1",
                   monitor="online_offline_status_ctx", priority="critical", ticket="T-1", detail="offline"),
            outage("SRV-2", "2025-04-30T23:00:00Z", None, source="datto_rmm", id="A-2", monitor="ping",
                   priority="high", ticket=None, detail=None),
            {"tenant": "acme", "device_id": "SRV-2", "opened": "2025-04-11T08:00:00Z", "resolved": "2025-04-11T09:00:00Z",
             "outage": False, "source": "datto_rmm", "id": "A-3", "monitor": "disk", "priority": "moderate",
             "ticket": None, "detail": None}]
    frame = pd.DataFrame(rows, columns=list(msp.monitoring.MONITORING_EVENT_KEYS))
    frame["opened"] = pd.to_datetime(frame["opened"], utc=True).dt.tz_convert("Europe/Berlin")
    frame["resolved"] = pd.to_datetime(frame["resolved"], utc=True)  # NaT for the open event
    assert frame["resolved"].isna().sum() == 1
    from_frame = msp.availability(frame, pd.Timestamp(START), pd.Timestamp(END))
    from_dicts = msp.availability(rows, START, END)
    assert from_frame.to_json() == from_dicts.to_json()
    pd.testing.assert_frame_equal(from_frame.devices, from_dicts.devices)
    assert list(from_frame.devices.down_seconds) == [2580, 3600]
    assert tuple(msp.monitoring.MONITORING_EVENT_KEYS) == ("tenant", "device_id", "source", "id", "monitor", "priority",
                                                          "opened", "resolved", "outage", "ticket", "detail")


def test_overlapping_and_touching_outages_count_once():
    day = ("2025-04-10T00:00:00Z", "2025-04-11T00:00:00Z")
    devices, _ = msp.availability([outage("S", "2025-04-10T10:00:00Z", "2025-04-10T11:00:00Z"),
                                   outage("S", "2025-04-10T10:30:00Z", "2025-04-10T11:30:00Z"),
                                   outage("S", "2025-04-10T11:30:00Z", "2025-04-10T12:00:00Z"),
                                   outage("S", "2025-04-10T14:00:00Z", "2025-04-10T14:10:00Z")], *day)
    d = devices.iloc[0]
    assert (d.down_seconds, d.failures) == (7800, 2)  # [10:00, 12:00) once + 10 min
    shuffled = [outage("T", "2025-04-10T00:00:00Z", "2025-04-10T00:01:00Z"),
                outage("S", "2025-04-10T14:00:00Z", "2025-04-10T14:10:00Z"),
                outage("S", "2025-04-10T11:30:00Z", "2025-04-10T12:00:00Z"),
                outage("S", "2025-04-10T10:30:00Z", "2025-04-10T11:30:00Z"),
                outage("S", "2025-04-10T10:00:00Z", "2025-04-10T11:00:00Z")]
    again = msp.availability(shuffled, *day).devices  # the input order does not matter
    pd.testing.assert_frame_equal(again.iloc[:1], devices)
    assert d.availability_pct == Decimal("90.9722")  # 100 x 78600 / 86400
    assert (d.mtbf_minutes, d.mtrs_minutes) == (Decimal("655.00"), Decimal("65.00"))


def test_business_calendar_as_object_dict_or_json_text():
    events = [outage("SRV-1", "2025-04-11T16:00:00+02:00", "2025-04-14T09:30:00+02:00"),  # Fri 16:00 -> Mon 09:30
              outage("SRV-2", "2025-04-17T16:30:00+02:00", "2025-04-22T08:15:00+02:00")]  # across Easter
    start, end = "2025-04-01T00:00:00+02:00", "2025-05-01T00:00:00+02:00"
    results = [msp.availability(events, start, end, calendar=c).to_json()
               for c in (BUSINESS, json.dumps(BUSINESS), msp.Calendar.from_json(BUSINESS))]
    assert results[0] == results[1] == results[2]
    devices = msp.availability(events, start, end, calendar=BUSINESS).devices
    # 20 business days x 9 h (Good Friday and Easter Monday are holidays in NRW)
    assert list(devices.scheduled_seconds) == [648000, 648000]
    assert list(devices.down_seconds) == [9000, 2700]  # 1 h + 1.5 h; 30 min + 15 min
    assert list(devices.availability_pct) == [Decimal("98.6111"), Decimal("99.5833")]


def test_dst_nights_on_24x7_count_elapsed_seconds():
    berlin = {"tz": "Europe/Berlin", "24x7": True}
    tz = "Europe/Berlin"
    spring = msp.availability([outage("S", pd.Timestamp("2025-03-30 01:30", tz=tz), pd.Timestamp("2025-03-30 03:30", tz=tz))],
                              pd.Timestamp("2025-03-30", tz=tz), pd.Timestamp("2025-03-31", tz=tz), calendar=berlin)
    assert (spring.devices.scheduled_seconds[0], spring.devices.down_seconds[0]) == (82800, 3600)  # 23 h; 1 h
    autumn = msp.availability([], pd.Timestamp("2025-10-26", tz=tz), pd.Timestamp("2025-10-27", tz=tz),
                              devices=[{"tenant": "acme", "id": "S"}])
    assert autumn.devices.scheduled_seconds[0] == 90000  # 25 h, no calendar: elapsed seconds
    assert autumn.devices.availability_pct[0] == Decimal("100.0000")


def test_devices_list_retired_and_without_events():
    devices = pd.DataFrame({"tenant": ["acme", "acme", "acme"], "source": ["datto_rmm"] * 3, "id": ["S1", "S2", "OLD"],
                            "name": ["a", "b", "c"], "device_class": ["server", "server", "workstation"],
                            "retired": [False, False, True]})
    r = msp.availability([outage("S1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z"),
                          outage("OLD", "2025-04-02T00:00:00Z", "2025-04-03T00:00:00Z")], START, END,
                         devices=devices, target=99)
    assert list(r.devices.device_id) == ["S1", "S2"]
    quiet = r.devices.iloc[1]
    assert quiet.availability_pct == Decimal("100.0000") and quiet.failures == 0
    assert pd.isna(quiet.mtbf_seconds) and quiet.mtbf_minutes is None  # no failure: undefined
    assert r.clients.iloc[0].availability_pct == Decimal("99.9502")  # 100 x 5181420 / 5184000


def test_bad_inputs_are_named():
    ok = outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z")
    with pytest.raises(msp.InvalidTimelineError, match=r"^events\[1\] \(tenant 'acme' device 'SRV-1' event 'A-7'\)"
                                                       r"\.resolved: 2025-04-10T09:00:00Z is before opened") as info:
        msp.availability([ok, {**ok, "id": "A-7", "resolved": "2025-04-10T09:00:00Z"}], START, END)
    assert info.value.row == 1
    with pytest.raises(msp.NaiveDatetimeError, match=r"^events\[0\] \(tenant 'acme' device 'SRV-1'\)\.opened"):
        msp.availability([{**ok, "opened": dt.datetime(2025, 4, 10, 10)}], START, END)
    with pytest.raises(msp.NaiveDatetimeError, match=r"^period\.start"):
        msp.availability([ok], dt.datetime(2025, 4, 1), END)
    with pytest.raises(msp.InvalidArgumentError, match=r"priority: unknown event priority 'urgent' \(known: critical"):
        msp.availability([{**ok, "priority": "urgent"}], START, END)
    frame = pd.DataFrame([ok]).assign(opened=pd.Series([pd.NaT], dtype="datetime64[ns, UTC]"))
    with pytest.raises(msp.InvalidArgumentError, match=r"^events\[0\] \(tenant 'acme' device 'SRV-1'\): opened is missing"):
        msp.availability(frame, START, END)
    with pytest.raises(msp.InvalidArgumentError, match=r"^target: nan is not a percentage"):
        msp.availability([ok], START, END, target=np.nan)
    with pytest.raises(msp.InvalidTypeError, match=r"^target: 99\.9 is a binary floating-point number"):
        msp.availability([ok], START, END, target=99.9)
    with pytest.raises(msp.ParseError, match=r"^target: 'NaN' is not a plain decimal number"):
        msp.availability([ok], START, END, target=Decimal("NaN"))
    with pytest.raises(msp.OutOfRangeError, match=r"^target: 0 is outside \(0, 100\]"):
        msp.availability([ok], START, END, target=0)
    with pytest.raises(msp.InvalidArgumentError, match=r"^period: end 2025-04-01T00:00:00Z is not after start 2025-05-01"):
        msp.availability([ok], END, START)
    with pytest.raises(msp.UnknownTimeZoneError, match=r"^calendar: unknown time zone 'Europe/Berlln'"):
        msp.availability([ok], START, END, calendar={"tz": "Europe/Berlln", "24x7": True})
    with pytest.raises(msp.InvalidTypeError, match="calendar must be an mspcore.Calendar"):
        msp.availability([ok], START, END, calendar=42)
    with pytest.raises(msp.InvalidArgumentError, match=r"device_id: no device 'SRV-1' of tenant 'acme' in devices"):
        msp.availability([ok], START, END, devices=[{"tenant": "acme", "id": "SRV-2"}])
    with pytest.raises(msp.InvalidArgumentError, match=r"^events is missing"):
        msp.availability(None, START, END)
    with pytest.raises(msp.InvalidArgumentError, match=r"^events\[0\]: unknown key 'severity'"):
        msp.availability([{**ok, "severity": "high"}], START, END)


def test_the_rmm_kpis_are_in_the_dictionary():
    d = {k["id"]: k for k in msp.kpi_dictionary()}
    expected = {"backup_compliance_pct": ("percent", "higher"), "patch_compliance_pct": ("percent", "higher"),
                "time_to_patch_days_median": ("days", "lower"), "availability_pct": ("percent", "higher"),
                "mtbf_hours": ("hours", "higher"), "mtrs_hours": ("hours", "lower")}
    for kpi, (unit, better) in expected.items():
        assert (d[kpi]["subject"], d[kpi]["unit"], d[kpi]["better"]) == ("device", unit, better)
    assert "mspcore.availability" in d["availability_pct"]["formula"]
    assert "mspcore.backup_compliance" in d["backup_compliance_pct"]["formula"]
    assert "mspcore.patch_compliance" in d["patch_compliance_pct"]["formula"]
