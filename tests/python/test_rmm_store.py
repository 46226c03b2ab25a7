"""mspcore.RmmStore: frames with the records' field names and the documented dtypes, tenant
scope, runs and issues. Rows are written here with sqlite3 where a test needs values no sample
file has (a missing optional, a far-future instant); the imports are in test_import_rmm.py."""
import datetime as dt
import sqlite3
from contextlib import closing

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

UTC = dt.timezone.utc
DEVICE_COLUMNS = ["tenant", "source", "id", "name", "device_class", "os", "site", "last_seen", "online",
                  "reboot_required", "patch_status", "patches_pending", "backup_expected", "retired"]
RESULT_COLUMNS = ["tenant", "device_id", "source", "id", "at", "outcome", "copy", "verification", "data_source",
                  "errors", "detail"]
PATCH_COLUMNS = ["tenant", "device_id", "source", "patch_id", "title", "severity", "state", "released",
                 "installed_at", "reboot_required"]
EVENT_COLUMNS = ["tenant", "device_id", "source", "id", "monitor", "priority", "opened", "resolved", "outage",
                 "ticket", "detail"]


def _epoch(text: str) -> int:
    return int(dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


@pytest.fixture
def store_path(tmp_path):
    """A store with two tenants' rows, written as the store writes them (rmm_tables.cpp)."""
    path = tmp_path / "rmm.db"
    msp.RmmStore(path).close()  # creates the schema
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("INSERT INTO import_runs (id, file, vendor, started, finished, batches, inserted) "
                   "VALUES (1, 'x.json', 'datto_rmm', 0, 1, 1, 5)")
        db.execute("INSERT INTO import_issues VALUES (1, 1, 'x.json', 3, 'lastSeen', 'INVALID_TIME', 'bad')")
        db.executemany("INSERT INTO devices VALUES (?, 'datto_rmm', ?, ?, 'server', 'Linux', '', ?, ?, 0, "
                       "'unknown', ?, 1, 0, 1)",
                       [("acme", "D1", "web", _epoch("2025-03-01T08:00:00Z"), 1, 4),
                        ("globex", "D2", "db", None, None, None)])
        db.executemany("INSERT INTO backup_results VALUES (?, ?, 'cove', ?, ?, 'success', 'offsite', 'none', '', "
                       "0, '', 1)",
                       [("acme", "D1", "R1", _epoch("2025-03-01T02:00:00Z")),
                        ("acme", "D1", "R2", _epoch("2025-03-02T02:00:00Z")),
                        ("globex", "D2", "R3", _epoch("2025-03-01T03:00:00Z"))])
        db.execute("INSERT INTO patches VALUES ('acme', 'D1', 'datto_rmm', 'KB1', 't', 'critical', 'missing', "
                   "20130, NULL, 0, 1)")  # released 2025-02-11 (day 20130)
        db.execute("INSERT INTO events VALUES ('globex', 'D2', 'datto_rmm', 'E1', 'm', 'high', ?, NULL, 1, '', '', 1)",
                   (_epoch("2025-03-02T10:00:00Z"),))
    return path


def test_frames_have_the_field_names_and_dtypes(store_path):
    with msp.RmmStore(store_path) as store:
        devices = store.devices()
        results = store.backup_results()
        patches = store.patches()
        events = store.events()
    assert list(devices.columns) == DEVICE_COLUMNS
    assert list(results.columns) == RESULT_COLUMNS
    assert list(patches.columns) == PATCH_COLUMNS
    assert list(events.columns) == EVENT_COLUMNS
    assert str(devices["last_seen"].dtype) == "datetime64[ns, UTC]"
    assert str(devices["patches_pending"].dtype) == "Int64"
    assert str(devices["online"].dtype) == "boolean"
    assert devices["reboot_required"].dtype == np.bool_
    assert pd.api.types.is_string_dtype(devices["tenant"])
    assert devices.loc[0, "last_seen"] == pd.Timestamp("2025-03-01T08:00:00Z")
    assert devices.loc[1, "last_seen"] is pd.NaT
    assert devices.loc[1, "patches_pending"] is pd.NA
    assert devices.loc[1, "online"] is pd.NA
    assert devices.loc[0, "patches_pending"] == 4
    assert str(results["at"].dtype) == "datetime64[ns, UTC]"
    assert results["errors"].dtype == np.int64
    assert str(patches["released"].dtype) == "datetime64[ns]"
    assert patches.loc[0, "released"] == pd.Timestamp("2025-02-11")
    assert str(patches["installed_at"].dtype) == "datetime64[ns, UTC]"
    assert events.loc[0, "resolved"] is pd.NaT


def test_empty_frames_keep_their_columns_and_dtypes(tmp_path):
    with msp.RmmStore(tmp_path / "empty.db") as store:
        devices = store.devices()
        runs = store.runs()
    assert len(devices) == 0
    assert list(devices.columns) == DEVICE_COLUMNS
    assert str(devices["last_seen"].dtype) == "datetime64[ns, UTC]"
    assert str(devices["patches_pending"].dtype) == "Int64"
    assert list(runs.columns) == ["id", "file", "vendor", "started", "finished", "error", "batches", "inserted",
                                  "updated", "unchanged", "issues"]


def test_tenant_scope_and_time_window(store_path):
    with msp.RmmStore(store_path) as store:
        assert list(store.devices("acme")["id"]) == ["D1"]
        assert list(store.devices(tenant="globex")["id"]) == ["D2"]
        assert len(store.devices("initech")) == 0
        assert list(store.backup_results()["id"]) == ["R1", "R2", "R3"]  # by tenant, then at
        # since inclusive, until exclusive; datetimes, Timestamps and ISO text alike.
        assert list(store.backup_results("acme", since="2025-03-01T02:00:00Z", until="2025-03-02T02:00:00Z")["id"]) == ["R1"]
        assert list(store.backup_results(since=pd.Timestamp("2025-03-01T02:30:00Z"))["id"]) == ["R2", "R3"]
        assert list(store.backup_results(until=dt.datetime(2025, 3, 1, 3, tzinfo=UTC))["id"]) == ["R1"]
        with pytest.raises(msp.NaiveDatetimeError):
            store.backup_results(since=dt.datetime(2025, 3, 1))
        assert list(store.events("acme")["id"]) == []
        with pytest.raises(msp.InvalidArgumentError):
            store.devices("")


def test_runs_and_issues_only_without_a_tenant(store_path):
    with msp.RmmStore(store_path) as store:
        runs = store.runs()
        assert list(runs["file"]) == ["x.json"]
        assert runs.loc[0, "inserted"] == 5
        assert runs.loc[0, "finished"] == pd.Timestamp(1, unit="s", tz="UTC")
        issues = store.issues()
        assert list(issues.columns) == ["run_id", "file", "row", "field", "code", "message"]
        assert issues.to_dict("records") == [{"run_id": 1, "file": "x.json", "row": 3, "field": "lastSeen",
                                              "code": "INVALID_TIME", "message": "bad"}]
        assert len(store.issues(1)) == 1
        assert len(store.runs("acme")) == 0
        assert len(store.issues(tenant="acme")) == 0
        with pytest.raises(msp.NotFoundError, match="import run 7 not found in all tenants"):
            store.issues(7)
        with pytest.raises(msp.InvalidTypeError):
            store.issues("1")


def test_an_instant_outside_the_nanosecond_range_is_named(store_path):
    with closing(sqlite3.connect(store_path)) as db, db:
        db.execute("UPDATE backup_results SET at = ? WHERE id = 'R3'", (_epoch("2300-01-01T00:00:00Z"),))
    with msp.RmmStore(store_path) as store:
        with pytest.raises(msp.OutOfRangeError, match=r"backup_results\[2\]\.at: 2300-01-01T00:00:00Z is outside"):
            store.backup_results()


def test_closed_store_and_bad_files(tmp_path):
    store = msp.RmmStore(tmp_path / "a.db")
    store.close()
    with pytest.raises(msp.InvalidStateError, match="closed"):
        store.devices()
    (tmp_path / "junk.db").write_text("not sqlite at all, not at all, not at all, not at all, not at all, !")
    with pytest.raises(msp.StorageError):
        msp.RmmStore(tmp_path / "junk.db")
    with msp.TrueUpLedger(tmp_path / "ledger.db"):
        pass
    with pytest.raises(msp.StorageError, match="is not an mspcore RMM store"):
        msp.RmmStore(tmp_path / "ledger.db")
