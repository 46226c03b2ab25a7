import datetime as dt
import sqlite3
import textwrap
from contextlib import closing
from decimal import Decimal

import pytest

import mspcore as msp

UTC = dt.timezone.utc
JAN1 = dt.datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
FEB20 = dt.datetime(2024, 2, 20, 8, 0, tzinfo=UTC)
FEB21 = dt.datetime(2024, 2, 21, 10, 0, tzinfo=UTC)


def line(line_id="L-1", quantity=10, tenant="acme", **extra):
    d = {"tenant": tenant, "contract_id": "C-1", "line_id": line_id, "sku": "M365-BP", "quantity": quantity,
         "unit_price": Decimal("12.50"), "currency": "EUR", "term_start": dt.date(2024, 1, 1)}
    d.update(extra)
    return d


def proposal(action="true_up", delta=3, line_id="L-1", tenant="acme", effective=dt.date(2024, 3, 1)):
    return {"tenant": tenant, "contract_id": "C-1", "line_id": line_id, "sku": "M365-BP", "action": action,
            "delta_quantity": delta, "effective_date": effective, "amount": Decimal("37.50"), "currency": "EUR",
            "rule": "test",
            "evidence": [{"source": "license", "reported": 13, "counted": 13, "as_of": FEB20, "observations": 1}]}


def count(path, table="events"):
    with closing(sqlite3.connect(path)) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def path(tmp_path):
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(path):
    with msp.TrueUpLedger(path) as ledger:
        yield ledger


def test_proposed_approved_applied(ledger):
    first = ledger.record_change(line(), "2024-01-01", actor="ann", at=JAN1)
    [pid] = ledger.propose(proposal(), actor="reconciler", at=FEB20, reason="run 1")
    assert ledger.proposal_state(pid) == "proposed"
    ledger.decide(pid, "approved", actor="bob", at=FEB21, reason="customer agreed")
    assert ledger.proposal_state(pid) == "approved"
    change = ledger.apply(pid, actor="bob", at="2024-02-21T10:05:00Z")
    assert ledger.proposal_state(pid) == "applied"

    assert ledger.quantity_as_of("acme", "C-1", "L-1", dt.date(2024, 2, 29)) == 10
    assert ledger.quantity_as_of("acme", "C-1", "L-1", "2024-03-01") == 13
    applied = ledger.line_as_of("acme", "C-1", "L-1", dt.date(2024, 3, 1))
    assert applied["quantity"] == 13
    assert applied["unit_price"] == Decimal("12.50")
    assert applied["term_start"] == dt.date(2024, 1, 1)
    assert applied["term_end"] is None

    events = ledger.history("acme", "C-1", "L-1")
    assert [e["kind"] for e in events] == ["line_change", "proposed", "approved", "line_change", "applied"]
    assert events[0]["sequence"] == first
    assert events[2]["at"] == FEB21 and events[2]["at"].tzinfo is not None
    assert events[2]["actor"] == "bob" and events[2]["reason"] == "customer agreed"
    assert events[3]["sequence"] == change and events[3]["proposal_id"] == pid
    assert events[3]["effective_date"] == dt.date(2024, 3, 1)
    assert events[3]["detail"]["quantity"] == 13
    assert events[4]["detail"] == {"line_change_sequence": change}
    assert events[1]["detail"]["evidence"][0]["as_of"] == "2024-02-20T08:00:00Z"

    with pytest.raises(msp.InvalidStateError, match="is applied"):
        ledger.apply(pid, actor="bob")
    with pytest.raises(msp.InvalidStateError):
        ledger.decide(pid, "rejected", actor="bob")


def test_proposed_rejected(ledger, path):
    ledger.record_change(line(), dt.date(2024, 1, 1), actor="ann", at=JAN1)
    pids = ledger.propose([proposal("true_down", 2)], actor="reconciler", at=FEB20)
    ledger.decide(pids[0], "rejected", actor="bob", at=FEB21, reason="still in use")
    before = count(path)
    with pytest.raises(msp.InvalidStateError, match="is rejected"):
        ledger.apply(pids[0], actor="bob", at=FEB21)
    with pytest.raises(msp.InvalidStateError):
        ledger.decide(pids[0], "approved", actor="bob", at=FEB21)
    with pytest.raises(ValueError):  # InvalidArgumentError is a ValueError
        ledger.decide(pids[0], "maybe", actor="bob", at=FEB21)
    with pytest.raises(msp.NotFoundError):
        ledger.proposal_state(pids[0] + 100)
    with pytest.raises(LookupError):
        ledger.decide(pids[0] + 100, "approved", actor="bob", at=FEB21)
    assert count(path) == before
    assert ledger.quantity_as_of("acme", "C-1", "L-1", "2024-12-31") == 10


def test_true_down_below_zero_and_unknown_line(ledger, path):
    ledger.record_change(line(quantity=2), "2024-01-01", actor="ann", at=JAN1)
    pids = ledger.propose([proposal("true_down", 3), proposal(line_id="L-9")], actor="r", at=FEB20)
    for pid in pids:
        ledger.decide(pid, "approved", actor="bob", at=FEB21)
    before = count(path)
    with pytest.raises(msp.InvalidStateError, match="from 2 to -1"):
        ledger.apply(pids[0], actor="bob", at=FEB21)
    with pytest.raises(msp.NotFoundError, match="line 'L-9'"):
        ledger.apply(pids[1], actor="bob", at=FEB21)
    assert count(path) == before


def test_replay_with_backdated_correction_and_known_at(ledger):
    ledger.record_change(line(quantity=10), "2024-01-01", actor="ann", at="2024-01-01T09:00:00Z")
    ledger.record_change(line(quantity=12), "2024-02-01", actor="ann", at="2024-02-01T09:00:00Z")
    ledger.record_change(line(quantity=15), "2024-04-01", actor="ann", at="2024-04-01T09:00:00Z")
    ledger.record_change(line(quantity=11), "2024-02-01", actor="bob", at="2024-04-10T09:00:00Z", reason="correction")
    ledger.record_change(line(quantity=14), "2024-03-15", actor="bob", at="2024-04-11T09:00:00Z")

    def q(date, known_at=None):
        return ledger.quantity_as_of("acme", "C-1", "L-1", date, known_at=known_at)

    with pytest.raises(msp.NotFoundError, match="on 2023-12-31"):
        q("2023-12-31")
    assert ledger.line_as_of("acme", "C-1", "L-1", "2023-12-31") is None
    assert [q(d) for d in ("2024-01-01", "2024-01-31", "2024-02-01", "2024-03-14", "2024-03-15", "2024-04-01")] == \
        [10, 10, 11, 11, 14, 15]
    april1 = dt.datetime(2024, 4, 1, 9, 0, tzinfo=UTC)
    assert q("2024-02-01", april1) == 12
    assert q("2024-03-15", april1) == 12
    assert q("2024-04-01", april1) == 15
    assert q("2024-04-01", april1 - dt.timedelta(seconds=1)) == 12
    assert q("2024-03-15", "2024-04-10T11:00:00+02:00") == 11  # = 09:00Z: correction known, March change not
    with pytest.raises(msp.NaiveDatetimeError):
        q("2024-03-15", dt.datetime(2024, 4, 10, 9, 0))


def test_rows_are_append_only(ledger, path):
    ledger.record_change(line(), "2024-01-01", actor="ann", at=JAN1)
    ledger.propose(proposal(), actor="r", at=FEB20)
    with closing(sqlite3.connect(path)) as db:
        for sql in ("UPDATE events SET quantity = 0", "DELETE FROM events",
                    "UPDATE proposals SET delta_quantity = 9", "DELETE FROM proposals"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                db.execute(sql)
            db.rollback()
    assert count(path) == 2
    assert ledger.quantity_as_of("acme", "C-1", "L-1", "2024-01-01") == 10


@pytest.mark.parametrize("bad, error, text", [
    (line(quantity=-2), msp.InvalidArgumentError, "quantity -2 must be >= 0"),
    (line(currency="XYZ"), msp.UnknownCurrencyError, "'XYZ'"),
    (line(unit_price="USD 10"), msp.CurrencyMismatchError, "two currencies"),
    (line(term_end=dt.date(2023, 12, 1)), msp.InvalidArgumentError, "must be after term_start"),
])
def test_bad_line_writes_nothing(ledger, path, bad, error, text):
    ledger.record_change(line(), "2024-01-01", actor="ann", at=JAN1)
    before = count(path)
    with pytest.raises(error, match=text):
        ledger.record_change(bad, "2024-02-01", actor="ann", at=FEB20)
    assert count(path) == before


def test_bad_batch_or_stamp_writes_nothing(ledger, path):
    ledger.record_change(line(), "2024-01-01", actor="ann", at=JAN1)
    before = count(path)
    batch = [(line("L-2", 1), "2024-02-01"), (line("L-3", 2), "2024-02-01"), (line("L-4", -1), "2024-02-01")]
    with pytest.raises(msp.InvalidArgumentError) as info:
        ledger.record_changes(batch, actor="ann", at=FEB20)
    assert info.value.row == 2
    with pytest.raises(msp.InvalidArgumentError, match="actor"):
        ledger.record_change(line(), "2024-02-01", actor="", at=FEB20)
    with pytest.raises(msp.NaiveDatetimeError):
        ledger.record_change(line(), "2024-02-01", actor="ann", at=dt.datetime(2024, 2, 1))
    with pytest.raises(TypeError):
        ledger.record_change(line(), dt.datetime(2024, 2, 1, tzinfo=UTC), actor="ann", at=FEB20)
    with pytest.raises(msp.InvalidArgumentError) as info:
        ledger.propose([proposal(), proposal(delta=0)], actor="r", at=FEB20)
    assert info.value.row == 1
    assert count(path) == before
    assert count(path, "proposals") == 0


def test_at_defaults_to_now(ledger):
    start = dt.datetime.now(UTC).replace(microsecond=0)
    ledger.record_change(line(), "2024-01-01", actor="ann")
    end = dt.datetime.now(UTC)
    [event] = ledger.history("acme")
    assert start <= event["at"] <= end


def test_tenant_scope(ledger):
    ledger.record_change(line(quantity=10), "2024-01-01", actor="ann", at=JAN1)
    ledger.record_change(line(quantity=70, tenant="globex"), "2024-01-01", actor="ann", at=JAN1)
    ledger.propose(proposal(tenant="globex"), actor="r", at=FEB20)
    acme = ledger.history("acme")
    assert [(e["tenant"], e["kind"], e["quantity"]) for e in acme] == [("acme", "line_change", 10)]
    assert {e["tenant"] for e in ledger.history("globex")} == {"globex"}
    assert len(ledger.history("globex")) == 2
    assert ledger.history("initech") == []
    assert ledger.quantity_as_of("globex", "C-1", "L-1", "2024-06-01") == 70


class StandInResult:
    """What record_run reads from a reconcile result, with results of two tenants."""
    as_of = FEB20
    deviations = [{"tenant": "acme"}, {"tenant": "acme"}, {"tenant": "globex"}]
    proposals = [{"tenant": "acme"}]
    unmapped = [{"tenant": "globex"}]

    def fingerprints(self):
        return {"contracts": "a" * 64, "observations": "b" * 64, "sku_map": "c" * 64, "rules": "d" * 64}


def test_runs_count_the_tenants_own_records(ledger, path):
    run = ledger.record_run(StandInResult(), "acme", actor="reconciler", at=FEB20)
    [pid] = ledger.propose(proposal(), actor="reconciler", at=FEB20, run_id=run)
    events = ledger.history("acme")
    assert [(e["kind"], e["run_id"]) for e in events] == [("run", run), ("proposed", run)]
    assert events[0]["detail"] == {"as_of": "2024-02-20T08:00:00Z", "contracts_sha256": "a" * 64,
                                   "observations_sha256": "b" * 64, "sku_map_sha256": "c" * 64,
                                   "rules_sha256": "d" * 64, "deviations": 2, "proposals": 1, "unmapped": 0}
    assert events[1]["proposal_id"] == pid
    with pytest.raises(msp.NotFoundError, match=f"run {run}"):
        ledger.propose(proposal(tenant="globex"), actor="reconciler", at=FEB20, run_id=run)
    bad = StandInResult()
    bad.fingerprints = lambda: {"contracts": "A" * 64, "observations": "b" * 64, "sku_map": "c" * 64, "rules": "d" * 64}
    with pytest.raises(msp.InvalidArgumentError, match="contracts fingerprint"):
        ledger.record_run(bad, "acme", actor="reconciler", at=FEB20)
    assert count(path, "runs") == 1


def test_reconcile_result_to_applied_change(ledger):
    contract = line(quantity=10)
    ledger.record_change(contract, "2024-01-01", actor="ann", at=JAN1)
    seen = [{"tenant": "acme", "sku": "M365-BP", "source": "license", "quantity": 13, "as_of": dt.date(2024, 2, 20)}]
    result = msp.reconcile([contract], seen, FEB20)
    run = ledger.record_run(result, "acme", actor="reconciler", at=FEB20)
    pids = ledger.propose(result.proposals, actor="reconciler", at=FEB20, run_id=run)
    assert len(pids) == 1
    [p] = result.proposals
    assert (p["action"], p["delta_quantity"]) == ("true_up", 3)
    ledger.decide(pids[0], "approved", actor="bob", at=FEB21)
    ledger.apply(pids[0], actor="bob", at=FEB21)
    assert ledger.quantity_as_of("acme", "C-1", "L-1", p["effective_date"]) == 13
    assert ledger.quantity_as_of("acme", "C-1", "L-1", p["effective_date"] - dt.timedelta(days=1)) == 10
    stored = ledger.history("acme", "C-1", "L-1")[1]["detail"]
    assert stored["amount"] == format(p["amount"], "f")


def test_schema_version_and_newer_file(path):
    msp.TrueUpLedger(path).close()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == msp.TrueUpLedger.schema_version == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.execute("PRAGMA user_version = 5")
    with pytest.raises(msp.StorageError, match="version 5 is newer than version 1") as info:
        msp.TrueUpLedger(path)
    assert str(path) in str(info.value)


def test_not_sqlite_and_closed(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("plain text, not a database\n" * 50)
    with pytest.raises(msp.StorageError, match="not a SQLite database") as info:
        msp.TrueUpLedger(text)
    assert str(text) in str(info.value)
    ledger = msp.TrueUpLedger(tmp_path / "ledger.db")
    ledger.close()
    with pytest.raises(msp.InvalidStateError, match="closed"):
        ledger.history("acme")


CHILD = textwrap.dedent("""
    import sys
    import mspcore as msp
    path, n = sys.argv[1], int(sys.argv[2])
    line = {"tenant": "acme", "contract_id": "C-1", "sku": "M365-BP", "quantity": 1, "unit_price": "12.50",
            "currency": "EUR", "term_start": "2024-01-01"}
    changes = [(dict(line, line_id=f"L-{i}"), "2024-02-01") for i in range(n)]
    msp.TrueUpLedger(path).record_changes(changes, actor="bulk", at="2024-02-01T09:00:00Z")
""")


def test_killed_writer_leaves_all_or_nothing(path, kill_mid_transaction):
    with msp.TrueUpLedger(path) as ledger:
        ledger.record_change(line("L-0", 1), "2024-01-01", actor="ann", at=JAN1)
    before = count(path)
    assert before == 1
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists()

    n = 200_000
    kill_mid_transaction(path, CHILD, path, n)

    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = count(path)
    assert after in (before, before + n)
    with msp.TrueUpLedger(path) as ledger:
        ledger.record_change(line("L-0", 2), "2024-03-01", actor="ann", at=FEB20)
        assert ledger.quantity_as_of("acme", "C-1", "L-0", "2024-03-01") == 2
        assert ledger.quantity_as_of("acme", "C-1", "L-0", "2024-02-01") == 1
    assert count(path) == after + 1
