import copy
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing

import pytest

import mspcore as msp

UTC = dt.timezone.utc
NOW = dt.datetime(2025, 6, 10, tzinfo=UTC)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "alerts.db"


@pytest.fixture(scope="module")
def rocketcyber(shared_data):
    doc = json.loads((shared_data / "alerts" / "rocketcyber_incident.synthetic.json").read_text())
    return doc["GET /v3/incidents"]["data"][0]


@pytest.fixture(scope="module")
def sentinelone(shared_data):
    doc = json.loads((shared_data / "alerts" / "sentinelone_threat_v2_1_sample.json").read_text())
    return doc["data"][0]


def rc(template, id, account=1001, device="DESKTOP-ABC123", title="Suspicious PowerShell Execution Detected",
       at="2025-06-01T14:20:00Z", **extra):
    """The RocketCyber sample with its id, tenant, asset, threat (title) and times varied."""
    p = copy.deepcopy(template)
    p.update(id=id, accountId=account, affectedDevices=[device], title=title, createdAt=at, updatedAt=at, **extra)
    return p


def thousand(template):
    # 1,000 alerts over 50 keys: account 1000 + i%5, device D-(i%50), title T(i%10) -> key i%50.
    return [("rocketcyber", rc(template, 10_000 + i, account=1000 + i % 5, device=f"D-{i % 50}", title=f"T{i % 10}"))
            for i in range(1000)]


def test_same_batch_twice_gives_requests_once(path, rocketcyber):
    batch = thousand(rocketcyber)
    with msp.AlertPipeline(path) as p:
        first = p.ingest(batch, now=NOW)
        assert p.last_errors == []
        assert p.last_counts == {"new": 1000, "updated": 0, "unchanged": 0}
        assert len(first) == 50
        assert {r["action"] for r in first} == {"create"}
        assert len({r["dedup_key"] for r in first}) == 50
        r0 = first[0]
        # severity unknown 2 + confidence unknown 1 + mitigation unknown 1 = 4 -> urgency 2;
        # criticality unknown 1 -> impact 2; priority 3.
        assert (r0["tenant"], r0["asset"], r0["threat"]) == ("1000", "D-0", "name:T0")
        assert r0["priority"] == 3 and r0["priority_label"] == "Moderate"
        assert r0["psa"]["autotask"] == {"id": 2, "name": "Medium"}
        assert r0["queue"] == "security"
        assert r0["title"] == "[Moderate] T0 on D-0 (1000)"
        assert r0["alert_count"] == 20 and len(r0["alert_ids"]) == 20
        assert r0["alert_ids"][:2] == ["rocketcyber:10000", "rocketcyber:10050"]
        assert p.ingest(batch, now=NOW) == []
        assert p.last_counts == {"new": 0, "updated": 0, "unchanged": 1000}
        assert p.alert_count() == 1000
    # A restart loses nothing.
    with msp.AlertPipeline(path) as p:
        assert p.alert_count() == 1000
        assert p.ingest(batch, now=NOW) == []
        assert len(p.incidents("1000")) == 10
        more = p.ingest([{"source": "rocketcyber", "payload": rc(rocketcyber, 99, account=1000, device="D-0",
                                                                  title="T0", at="2025-06-01T20:00:00Z")}], now=NOW)
        assert [(r["action"], r["incident_id"], r["alert_count"]) for r in more] == [("update", r0["incident_id"], 21)]


def test_correlation_window(path, rocketcyber):
    with msp.AlertPipeline(path) as p:
        a = p.ingest([("rocketcyber", rc(rocketcyber, 1, at="2025-06-01T00:00:00Z"))], now=NOW)
        b = p.ingest([("rocketcyber", rc(rocketcyber, 2, at="2025-06-01T23:00:00Z"))], now=NOW)  # 23 h: joins
        c = p.ingest([("rocketcyber", rc(rocketcyber, 3, at="2025-06-03T00:00:00Z"))], now=NOW)  # 25 h: new
        assert [r["action"] for r in a + b + c] == ["create", "update", "create"]
        assert b[0]["incident_id"] == a[0]["incident_id"] and b[0]["dedup_key"] == a[0]["dedup_key"]
        assert c[0]["incident_id"] != a[0]["incident_id"]
        incidents = p.incidents("1001")
        assert [i["alert_count"] for i in incidents] == [2, 1]
        assert incidents[0]["last_seen"] == dt.datetime(2025, 6, 1, 23, tzinfo=UTC)
        assert incidents[0]["status"] == "open"


def test_same_source_id_updates(path, sentinelone):
    with msp.AlertPipeline(path) as p:
        first = p.ingest([("sentinelone", sentinelone)], now=NOW)
        assert len(first) == 1 and first[0]["action"] == "create"
        assert p.ingest([("sentinelone", sentinelone)], now=NOW) == []
        changed = copy.deepcopy(sentinelone)
        changed["threatInfo"]["analystVerdict"] = "false_positive"  # lowers the priority: nothing to ask
        assert p.ingest([("sentinelone", changed)], now=NOW) == []
        assert p.last_counts == {"new": 0, "updated": 1, "unchanged": 0}
        assert p.alert_count() == 1


def test_reopen_policy(path, tmp_path, rocketcyber):
    with msp.AlertPipeline(path) as p:
        a = p.ingest([("rocketcyber", rc(rocketcyber, 1, at="2025-06-01T00:00:00Z"))], now=NOW)
        p.resolve_incident(a[0]["incident_id"], at="2025-06-02T00:00:00Z")
        assert p.incidents("1001")[0]["status"] == "resolved"
        with pytest.raises(msp.InvalidStateError):
            p.resolve_incident(a[0]["incident_id"], at="2025-06-02T00:00:00Z")
        b = p.ingest([("rocketcyber", rc(rocketcyber, 2, at="2025-06-05T00:00:00Z"))], now=NOW)
        assert [(r["action"], r["incident_id"], r["dedup_key"]) for r in b] == \
            [("reopen", a[0]["incident_id"], a[0]["dedup_key"])]
    with msp.AlertPipeline(tmp_path / "new.db", {"reopen_policy": "new_incident"}) as p:
        assert p.config["reopen_policy"] == "new_incident"
        a = p.ingest([("rocketcyber", rc(rocketcyber, 1, at="2025-06-01T00:00:00Z"))], now=NOW)
        p.resolve_incident(a[0]["incident_id"], at="2025-06-02T00:00:00Z")
        b = p.ingest([("rocketcyber", rc(rocketcyber, 2, at="2025-06-05T00:00:00Z"))], now=NOW)
        assert b[0]["action"] == "create" and b[0]["incident_id"] != a[0]["incident_id"]


def test_bad_records_do_not_stop_the_batch(path, rocketcyber):
    items = [
        ("rocketcyber", rc(rocketcyber, 1)),
        ("rocketcyber", '{"id": 2, "accountId": '),                      # malformed JSON
        ("rocketcyber", {k: v for k, v in rc(rocketcyber, 3).items() if k != "id"}),  # no id
        ("qradar", rc(rocketcyber, 4)),                                    # unknown source
        ("rocketcyber", object()),                                         # not JSON at all
        ("rocketcyber", rc(rocketcyber, 6, device="OTHER")),
    ]
    with msp.AlertPipeline(path) as p:
        requests = p.ingest(items, now=NOW)
        assert [r["alert_ids"] for r in requests] == [["rocketcyber:1"], ["rocketcyber:6"]]
        assert [(e["index"], e["status"]) for e in p.last_errors] == [
            (1, "PARSE_ERROR"), (2, "INVALID_ARGUMENT"), (3, "INVALID_ARGUMENT"), (4, "INVALID_ARGUMENT")]
        assert p.last_errors[2]["message"].startswith("record 3: ") and "qradar" in p.last_errors[2]["message"]


def test_items_of_every_shape(path, rocketcyber):
    # (str, str) tuples and lists go to the core as they are; dicts, dict payloads and bytes
    # are converted; an item that cannot be a pair, bytes that are not UTF-8 and a str with a
    # lone surrogate fail alone, each with its index. A generator is read once.
    text = json.dumps(rc(rocketcyber, 1))
    items = [
        ("rocketcyber", text),
        ["rocketcyber", json.dumps(rc(rocketcyber, 2))],
        {"source": "rocketcyber", "payload": rc(rocketcyber, 3)},
        ("rocketcyber", json.dumps(rc(rocketcyber, 4)).encode()),
        5,                                                  # not a pair
        ("rocketcyber", b"\xff{}"),                         # not UTF-8
        ("rocketcyber", text[:-1] + "\udc80}"),             # a lone surrogate
        (b"rocketcyber", text),                             # the source is not a str
        ("rocketcyber", text),                              # record 0 again: unchanged
    ]
    with msp.AlertPipeline(path) as p:
        requests = p.ingest(item for item in items)
        assert [r["alert_ids"] for r in requests] == [["rocketcyber:1", "rocketcyber:2", "rocketcyber:3", "rocketcyber:4"]]
        assert p.last_counts == {"new": 4, "updated": 0, "unchanged": 1}
        assert [(e["index"], e["status"]) for e in p.last_errors] == [(i, "INVALID_ARGUMENT") for i in (4, 5, 6, 7)]
        messages = [e["message"] for e in p.last_errors]
        assert messages[0].startswith("record 4: ")
        assert messages[1].startswith("record 5: ") and "utf-8" in messages[1]
        assert messages[2].startswith("record 6: payload is not valid text") and "surrogate" in messages[2]
        assert messages[3] == "record 7: items[7]: source must be a str, not bytes"


THREADS_CHILD = textwrap.dedent("""
    import sys, threading
    import mspcore as msp
    batch = [("barracuda_xdr", '{"alarm_id": "K-%d", "account_id": "t%d", "hostname": "host-%d", '
              '"alarm_name": "Threat", "created_at": "2025-06-01T08:00:00Z"}' % (i, i % 7, i)) for i in range(5000)]
    with msp.AlertPipeline(sys.argv[1]) as p:
        results, polls = [], []
        def poll():
            while not results:
                polls.append((p.config["default_queue"], p.alert_count()))
        poller = threading.Thread(target=poll)
        poller.start()
        results.append(p.ingest(batch, now="2025-06-10T00:00:00Z"))
        poller.join()
    assert len(results[0]) == 5000, len(results[0])
    assert polls and {q for q, _ in polls} == {"security"} and {n for _, n in polls} <= {0, 5000}, polls[:3]
""")


def test_other_threads_use_the_pipeline_during_an_ingest(path):
    # ingest() builds its dicts (with the GIL) while it holds the connection's lock, so every
    # other method must wait for that lock without the GIL, else the two threads deadlock. In
    # a child process, so that a deadlock fails the test instead of hanging it.
    package_root = os.path.dirname(os.path.dirname(msp.__file__))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]))
    try:
        child = subprocess.run([sys.executable, "-c", THREADS_CHILD, str(path)], env=env, capture_output=True,
                               text=True, timeout=600)  # a deadlock detector, not a speed check
    except subprocess.TimeoutExpired:
        pytest.fail("ingest() and another thread's calls deadlocked")
    assert child.returncode == 0, child.stderr


def test_config(tmp_path, rocketcyber):
    assert msp.default_alert_pipeline_config()["correlation_window_hours"] == 24
    with pytest.raises(msp.InvalidArgumentError):
        msp.AlertPipeline(tmp_path / "x.db", {"window": 1})
    cfg = {"queue_by_tenant": {"1001": "acme-soc"}, "body_template": "{alert_count} alert(s): {title}"}
    with msp.AlertPipeline(tmp_path / "q.db", cfg) as p:
        r = p.ingest([("rocketcyber", rc(rocketcyber, 1))], now=NOW)[0]
        assert r["queue"] == "acme-soc"
        assert r["body"] == "1 alert(s): Suspicious PowerShell Execution Detected"
    p.close()
    with pytest.raises(msp.InvalidStateError):
        p.alert_count()


CHILD = textwrap.dedent("""
    import sys
    import mspcore as msp
    path, n = sys.argv[1], int(sys.argv[2])
    items = [("barracuda_xdr", '{"alarm_id": "K-%d", "account_id": "t%d", "hostname": "host-%d", '
              '"alarm_name": "Threat", "created_at": "2025-06-01T08:00:00Z"}' % (i, i % 7, i)) for i in range(n)]
    msp.AlertPipeline(path).ingest(items, now="2025-06-10T00:00:00Z")
""")


def test_killed_writer_leaves_all_or_nothing(path, kill_mid_transaction):
    msp.AlertPipeline(path).close()
    n = 100_000
    kill_mid_transaction(path, CHILD, path, n)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = db.execute("SELECT count(*) FROM alerts").fetchone()[0]
    assert stored in (0, n)
    items = [("barracuda_xdr", '{"alarm_id": "K-%d", "account_id": "t%d", "hostname": "host-%d", '
              '"alarm_name": "Threat", "created_at": "2025-06-01T08:00:00Z"}' % (i, i % 7, i)) for i in range(n)]
    with msp.AlertPipeline(path) as p:
        redo = p.ingest(items, now=NOW)
        assert len(redo) == (n if stored == 0 else 0)
        assert p.alert_count() == n
        assert p.ingest(items, now=NOW) == []
