"""mspcore.backup_compliance / patch_compliance: lists of dicts and DataFrames (plain and
Categorical text columns) give the same frames as the C ABI's document; bad input is named."""
import datetime as dt
import decimal
import json

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

AS_OF = "2025-03-10T12:00:00Z"
DEVICES = [{"tenant": "acme", "source": "cove", "id": "S1", "device_class": "server"},
           {"tenant": "acme", "source": "datto_bcdr", "id": "W1", "device_class": "workstation",
            "last_seen": "2025-03-03T12:00:00Z", "online": False},
           {"tenant": "beta", "source": "cove", "id": "S2", "device_class": "server"}]
RESULTS = [{"tenant": "acme", "device_id": "S1", "at": "2025-03-10T00:00:00Z", "outcome": "success", "copy": "offsite"},
           {"tenant": "acme", "device_id": "W1", "at": "2025-03-03T10:00:00Z", "outcome": "success_with_exceptions",
            "errors": 2},
           {"tenant": "acme", "device_id": "W1", "at": "2025-03-05T01:00:00Z", "outcome": "missed"},
           {"tenant": "beta", "device_id": "S2", "at": "2025-03-09T17:59:59Z", "outcome": "success",
            "verification": "passed"},
           {"tenant": "beta", "device_id": "NOPE", "at": "2025-03-09T17:59:59Z", "outcome": "failed"}]


def frame(records, instants=("at", "last_seen")):
    f = pd.DataFrame(records)
    for name in instants:
        if name in f.columns:
            f[name] = pd.to_datetime(f[name], utc=True)
    return f


def test_the_statuses_and_the_roll_up():
    devices, clients = msp.backup_compliance(RESULTS, DEVICES, AS_OF)
    assert list(devices["status"]) == ["compliant", "compliant", "overdue"]
    assert list(devices["age_seconds"]) == [43200, 7200, 64801]
    assert bool(devices["offline_suppressed"][1])
    assert devices["judged_at"][1] == pd.Timestamp("2025-03-03T12:00:00Z")
    assert devices["attempts"][1] == 1  # the missed session after last_seen is not counted
    assert devices["success_percent"][0] == decimal.Decimal("100.00")
    assert list(clients["tenant"]) == ["acme", "beta"]
    assert list(clients["compliance_percent"]) == [decimal.Decimal("100.00"), decimal.Decimal("0.00")]
    assert list(clients["unmatched_results"]) == [0, 1]


@pytest.mark.parametrize("categorical", [False, True])
def test_a_dataframe_gives_the_same_frames(categorical):
    results = frame(RESULTS)
    if categorical:
        for name in ("tenant", "device_id", "outcome", "copy", "verification"):
            results[name] = results[name].astype("category")
    expected = msp.backup_compliance(RESULTS, DEVICES, AS_OF)
    got = msp.backup_compliance(results, frame(DEVICES), AS_OF)
    pd.testing.assert_frame_equal(got.devices, expected.devices)
    pd.testing.assert_frame_equal(got.clients, expected.clients)


def test_the_frames_equal_the_c_abi_document():
    doc = json.loads(msp._core._backup_compliance_json(json.dumps(
        {"as_of": AS_OF, "devices": DEVICES, "backup_results": RESULTS, "policy": {"exceptions_good": False}})))
    devices, clients = msp.backup_compliance(RESULTS, DEVICES, AS_OF, policy={"exceptions_good": False})
    assert list(devices["status"]) == [d["status"] for d in doc["devices"]]
    assert list(devices["reason"]) == [d["reason"] for d in doc["devices"]]
    assert [str(v) for v in clients["compliance_percent"]] == [c["compliance_percent"] for c in doc["clients"]]


@pytest.mark.parametrize("change, error, message", [
    ({"outcome": "ok"}, msp.InvalidArgumentError, "backup_results[1] (tenant 'acme' device 'W1').outcome: unknown "
                                                   "backup outcome 'ok'"),
    ({"errors": -1}, msp.OutOfRangeError, "backup_results[1] (tenant 'acme' device 'W1').errors: -1 must be >= 0"),
    ({"errors": 2.5}, msp.InvalidArgumentError, "backup_results[1] (tenant 'acme' device 'W1').errors: expected a whole "
                                                 "number, got 2.5"),
])
def test_bad_input_is_named_alike_in_records_and_frames(change, error, message):
    records = [dict(r) for r in RESULTS]
    records[1].update(change)
    for results in (records, frame(records), frame(records).astype({"outcome": "category"})):
        with pytest.raises(error) as info:
            msp.backup_compliance(results, DEVICES, AS_OF)
        assert str(info.value).startswith(message)
        assert info.value.code == error.code


def test_nan_errors_in_a_frame_is_missing():
    records = [dict(r) for r in RESULTS]
    records[1]["errors"] = float("nan")
    assert list(msp.backup_compliance(frame(records), DEVICES, AS_OF).devices["status"])[1] == "compliant"


def test_naive_datetimes_are_refused():
    records = [dict(r) for r in RESULTS]
    records[0]["at"] = dt.datetime(2025, 3, 10)
    with pytest.raises(msp.NaiveDatetimeError):
        msp.backup_compliance(records, DEVICES, AS_OF)
    naive = frame(RESULTS)
    naive["at"] = naive["at"].dt.tz_localize(None)
    with pytest.raises(msp.NaiveDatetimeError, match="backup_results.at: a datetime column without a time zone"):
        msp.backup_compliance(naive, DEVICES, AS_OF)
    with pytest.raises(msp.NaiveDatetimeError):
        msp.backup_compliance(RESULTS, DEVICES, "2025-03-10T12:00:00")


def test_an_unknown_column_is_named():
    with pytest.raises(msp.InvalidArgumentError, match="unknown key 'when'"):
        msp.backup_compliance(frame(RESULTS).rename(columns={"at": "when"}), DEVICES, AS_OF)


def test_patch_compliance_frames():
    patches = [{"tenant": "acme", "device_id": "S1", "patch_id": "KB1", "severity": "critical", "state": "missing",
                "released": dt.date(2025, 3, 2)},
               {"tenant": "acme", "device_id": "S1", "patch_id": "KB2", "state": "installed",
                "released": "2025-03-01", "installed_at": "2025-03-04T08:00:00Z"}]
    devices, clients = msp.patch_compliance(patches, DEVICES, AS_OF)
    assert list(devices["status"]) == ["not_patched", "unknown", "unknown"]
    assert devices["missing_critical_8_30"][0] == 1  # released 03-02, 8 days before 03-10
    assert devices["median_days_to_patch"][0] == decimal.Decimal("3")
    assert clients["compliance_percent"][0] == decimal.Decimal("0.00")
    same = msp.patch_compliance(pd.DataFrame(patches).assign(
        installed_at=lambda f: pd.to_datetime(f.installed_at, utc=True)), frame(DEVICES), AS_OF)
    pd.testing.assert_frame_equal(same.devices, devices)


def test_errors_carry_codes():
    with pytest.raises(msp.InvalidArgumentError) as info:
        msp.patch_compliance([{"tenant": "a", "device_id": "d", "patch_id": "p", "state": "gone"}], [], AS_OF)
    assert info.value.code == msp.InvalidArgumentError.code
    with pytest.raises(msp.InvalidArgumentError, match="policy: unknown key 'rpo'"):
        msp.backup_compliance(RESULTS, DEVICES, AS_OF, policy={"rpo": 1})


def test_empty_inputs():
    devices, clients = msp.backup_compliance(pd.DataFrame(columns=["tenant", "device_id", "at", "outcome"]), DEVICES,
                                             AS_OF)
    assert list(devices["status"]) == ["unknown"] * 3
    devices, clients = msp.backup_compliance([], [], AS_OF)
    assert len(devices) == 0 and len(clients) == 0
    devices, clients = msp.patch_compliance([], [], AS_OF)
    assert len(devices) == 0 and list(devices.columns)[:3] == ["tenant", "source", "id"]


def test_a_missing_required_column_is_named():
    with pytest.raises(msp.InvalidArgumentError, match=r"backup_results\[0\].*outcome is missing"):
        msp.backup_compliance(frame(RESULTS).drop(columns=["outcome"]), DEVICES, AS_OF)
