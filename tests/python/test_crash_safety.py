"""Crash safety of the SQLite stores: a writer is killed with SIGKILL at random points, again and
again, and after every kill the store must hold exactly the steps that had committed: none that
was reported committed is lost, none is half there, none is there twice. Then the disk fills
(a small tmpfs) and the file turns read-only: named errors, and the file stays intact.

Each store is driven by a fixed list of steps, each one transaction. A reference run without
kills records the store's observable state after every step; after a kill the state must equal
one of those snapshots (all or nothing), at or after the last step the writer reported. The
next writer resumes at the following step. The loops are bounded in count, not in time.
"""
import copy
import datetime as dt
import json
import os
import pathlib
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from decimal import Decimal

import pytest

import mspcore as msp

UTC = dt.timezone.utc
KILLS = 100
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


# ---- the ledger ---------------------------------------------------------------------------

def _line(k: int, j: int) -> dict:
    return {"tenant": "acme", "contract_id": f"C-{k}", "line_id": f"L-{j}", "sku": "M365-BP", "quantity": 10 + j,
            "unit_price": Decimal("12.50"), "currency": "EUR", "term_start": dt.date(2024, 1, 1)}


def _proposal(k: int) -> dict:
    return {"tenant": "acme", "contract_id": f"C-{k}", "line_id": "L-0", "sku": "M365-BP", "action": "true_up",
            "delta_quantity": 2, "effective_date": dt.date(2024, 3, 1), "amount": Decimal("25.00"),
            "currency": "EUR", "rule": "crash-test", "evidence": []}


def _ledger_steps(count: int):
    """Step s as a function of the open ledger: four kinds of write, each one transaction."""
    steps = []
    for k in range(count):
        at = dt.datetime(2024, 2, 1, tzinfo=UTC) + dt.timedelta(minutes=k)
        steps.append(lambda led, k=k, at=at: led.record_changes(
            [(_line(k, j), dt.date(2024, 1, 1)) for j in range(3)], "writer", at=at, reason=f"lines {k}"))
        steps.append(lambda led, k=k, at=at: led.propose(_proposal(k), "writer", at=at, reason=f"propose {k}"))
        # Proposal ids are 1, 2, ... in step order (the reference run checks it).
        steps.append(lambda led, k=k, at=at: led.decide(k + 1, "approved", "writer", at=at, reason=f"decide {k}"))
        steps.append(lambda led, k=k, at=at: led.apply(k + 1, "writer", at=at, reason=f"apply {k}"))
    return steps


def _ledger_state(path) -> list:
    if not os.path.exists(path):
        return []
    with msp.TrueUpLedger(path) as led:
        return [(e["sequence"], e["kind"], e["contract_id"], e["line_id"], e["proposal_id"], e["quantity"], e["reason"])
                for e in led.history("acme")]


# ---- the alert pipeline -------------------------------------------------------------------

def _alert(template, alert_id: int, device: str, at: str) -> tuple:
    p = copy.deepcopy(template)
    p.update(id=alert_id, accountId=1001, affectedDevices=[device], title="Suspicious PowerShell Execution Detected",
             createdAt=at, updatedAt=at)
    return ("rocketcyber", p)


def _pipeline_steps(template, count: int):
    """Each step ingests new alerts (some joining earlier incidents) and re-delivers an earlier
    one; after every fifth, a step of its own resolves the first open incident, so a later alert reopens or
    starts a new one."""
    steps = []
    for k in range(count):
        at = (dt.datetime(2025, 6, 1, tzinfo=UTC) + dt.timedelta(minutes=10 * k)).strftime("%Y-%m-%dT%H:%M:%SZ")
        now = dt.datetime(2025, 6, 1, tzinfo=UTC) + dt.timedelta(minutes=10 * k + 1)
        batch = [_alert(template, 1000 + 3 * k + i, f"D-{(k + i) % 7}", at) for i in range(3)]
        if k:
            batch.append(_alert(template, 1000 + 3 * (k - 1), f"D-{(k - 1) % 7}", at))  # changed re-delivery

        steps.append(lambda pipe, batch=batch, now=now: pipe.ingest(batch, now=now))
        if k % 5 == 4:  # its own step: each step is one transaction
            steps.append(lambda pipe, now=now: _resolve_first_open(pipe, now))
    return steps


def _resolve_first_open(pipe, now) -> None:
    open_ones = [i for i in pipe.incidents("1001") if i["status"] == "open"]
    if open_ones:
        pipe.resolve_incident(open_ones[0]["id"], at=now)


def _pipeline_state(path) -> tuple:
    if not os.path.exists(path):
        return (0, [])
    with msp.AlertPipeline(path) as pipe:
        return (pipe.alert_count(), pipe.incidents("1001"))


# ---- the kill loop ------------------------------------------------------------------------

def _reference(open_store, steps, state, path) -> list:
    """The state before any step and after each one, without kills."""
    snapshots = [state(path)]
    with open_store(path) as store:
        for step in steps:
            step(store)
            snapshots.append(state(path))
    return snapshots


def _writer(open_store, steps, path, start: int, report_fd: int) -> None:
    """In a forked child: run the steps from `start`, reporting each one after it committed."""
    try:
        with open_store(path) as store:
            for s in range(start, len(steps)):
                steps[s](store)
                os.write(report_fd, f"{s}\n".encode())
    finally:
        os._exit(0)


def _kill_loop(open_store, steps, state, path, reference, seed: int) -> dict:
    rng = random.Random(seed)
    done = 0  # steps in the store
    kills = finished = 0
    while kills < KILLS:
        if done == len(steps):  # all written: start over on a fresh file
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(f"{path}{suffix}"):
                    os.remove(f"{path}{suffix}")
            done = 0
            finished += 1
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _writer(open_store, steps, path, done, write_fd)
        os.close(write_fd)
        # Most kills land within the first steps; some after the file has opened and grown.
        delay = rng.choice([rng.uniform(0, 0.004), rng.uniform(0, 0.03), rng.uniform(0.01, 0.12)])
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)  # a child that already exited is a zombie until waited for: no error
        _, status = os.waitpid(pid, 0)
        with os.fdopen(read_fd) as reports:
            reported = [int(x) for x in reports.read().split()]
        if os.WIFSIGNALED(status):
            kills += 1
        current = state(path)
        matches = [n for n in range(done, len(reference)) if reference[n] == current]
        assert matches, (f"after kill {kills}: the store matches no committed state at or after step {done} "
                         f"(half a transaction, a lost one or a duplicate)")
        now_done = matches[0]
        last_reported = reported[-1] + 1 if reported else done
        assert now_done >= last_reported, f"kill {kills}: step {last_reported - 1} was reported committed but is lost"
        done = now_done
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return {"kills": kills, "full_runs": finished}


def test_ledger_survives_kills(tmp_path):
    steps = _ledger_steps(12)
    reference = _reference(msp.TrueUpLedger, steps, _ledger_state, tmp_path / "reference.db")
    assert len(reference[-1]) == 12 * (3 + 1 + 1 + 2)  # 3 lines, proposed, approved, applied + its line change
    assert len(set(map(len, reference))) == len(reference)  # every step adds events: states are distinct
    result = _kill_loop(msp.TrueUpLedger, steps, _ledger_state, str(tmp_path / "ledger.db"), reference, seed=13)
    assert result["kills"] == KILLS


@pytest.fixture(scope="module")
def rocketcyber(shared_data):
    doc = json.loads((shared_data / "alerts" / "rocketcyber_incident.synthetic.json").read_text())
    return doc["GET /v3/incidents"]["data"][0]


def test_alert_pipeline_survives_kills(tmp_path, rocketcyber):
    steps = _pipeline_steps(rocketcyber, 40)
    reference = _reference(msp.AlertPipeline, steps, _pipeline_state, tmp_path / "reference.db")
    assert [count for count, _ in reference[:4]] == [0, 3, 6, 9]  # three new alerts a step; re-deliveries are not new
    assert any(i["status"] == "resolved" for i in reference[-1][1])
    assert all(a != b for a, b in zip(reference, reference[1:]))  # every step changes the store
    result = _kill_loop(msp.AlertPipeline, steps, _pipeline_state, str(tmp_path / "alerts.db"), reference, seed=29)
    assert result["kills"] == KILLS


# ---- a full disk and a read-only file -----------------------------------------------------

def _run_child(code: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB tmpfs (root only); skipped where it cannot be mounted."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_is_a_storage_error_and_keeps_what_committed(small_disk):
    path = small_disk / "ledger.db"
    steps = _ledger_steps(400)
    with msp.TrueUpLedger(path) as led:
        done = 0
        with pytest.raises(msp.StorageError) as failure:
            for step in steps:
                step(led)
                done += 1
    assert failure.value.code == msp.StorageError.code
    assert "full" in str(failure.value).lower(), str(failure.value)
    assert 0 < done < len(steps)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Exactly the steps that returned are there.
    reference = _reference(msp.TrueUpLedger, steps[:done], _ledger_state, small_disk.parent / "reference.db")
    assert _ledger_state(path) == reference[-1]


def test_read_only_file_is_a_storage_error(small_disk):
    """A database on a file system remounted read-only (root writes whatever a file's mode says,
    so the mode alone would prove nothing here)."""
    path = small_disk / "ledger.db"
    steps = _ledger_steps(2)
    with msp.TrueUpLedger(path) as led:
        for step in steps:
            step(led)
    before = _ledger_state(path)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    line = {"tenant": "acme", "contract_id": "C-9", "line_id": "L-0", "sku": "M365-BP", "quantity": 1,
            "unit_price": Decimal("1.00"), "currency": "EUR", "term_start": dt.date(2024, 1, 1)}
    with pytest.raises(msp.StorageError) as failure:
        with msp.TrueUpLedger(path) as led:
            led.record_change(line, dt.date(2024, 1, 1), "writer", reason="read-only")
    assert failure.value.code == msp.StorageError.code
    assert "read-only" in str(failure.value), str(failure.value)
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert _ledger_state(path) == before
