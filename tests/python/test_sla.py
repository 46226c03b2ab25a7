"""SLA contract from Python: evaluate_sla, sla_attainment, evaluate_sla_frame (issue #3)."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

UTC = dt.timezone.utc
POLICY = {
    "calendar": {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"],
                 "week": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}},
    "targets": {"response_minutes": 60, "resolution_minutes": 480},
    "priorities": {"P1": {"targets": {"response_minutes": 15, "resolution_minutes": 240},
                          "calendar": {"tz": "Europe/Berlin", "24x7": True}}},
    "pause_statuses": ["waiting_customer"],
    "at_risk_threshold": 0.75,
}


@pytest.fixture(scope="module")
def policy():
    return msp.SlaPolicy.from_json(POLICY)


def test_evaluate_sla_contract(policy):
    ticket = {"created": "2024-06-03T09:00:00+02:00", "first_response": dt.datetime(2024, 6, 3, 7, 45, tzinfo=UTC),
              "priority": "P3"}
    r = msp.evaluate_sla(ticket, policy, now="2024-06-03T12:00:00+02:00")
    assert set(r) == {"response", "resolution", "plan"}
    resp = r["response"]
    assert resp["status"] == "met" and resp["elapsed_seconds"] == 2700 and resp["elapsed_minutes"] == 45
    assert resp["remaining_minutes"] == 15 and resp["consumed_ratio"] == pytest.approx(0.75)
    assert resp["due"] == dt.datetime(2024, 6, 3, 8, tzinfo=UTC)
    assert r["resolution"]["status"] == "in_progress"
    assert r["plan"]["status"] == "no_target" and r["plan"]["due"] is None


def test_pause_priority_change_and_reply_after_close(policy):
    paused = msp.evaluate_sla({"created": "2024-06-03T09:00:00+02:00", "priority": "P3",
                               "status_history": [["2024-06-03T09:10:00+02:00", "waiting_customer"]]},
                              policy, now="2024-06-03T09:30:00+02:00")
    assert paused["response"]["status"] == "paused"
    assert paused["response"]["due"] == dt.datetime(2024, 6, 3, 8, 20, tzinfo=UTC)
    changed = msp.evaluate_sla({"created": "2024-06-08T10:00:00+02:00", "first_response": "2024-06-10T09:30:00+02:00",
                                "priority": "P1", "priority_history": [["2024-06-08T10:05:00+02:00", "P3"]]},
                               policy, now="2024-06-10T12:00:00+02:00")
    assert changed["response"]["elapsed_seconds"] == 2100 and changed["response"]["status"] == "met"
    late_reply = msp.evaluate_sla({"created": "2024-06-03T16:00:00+02:00", "first_response": "2024-06-03T17:30:00+02:00",
                                   "priority": "P3"}, policy, now="2024-06-04T00:00:00Z", explain=True)
    assert late_reply["response"]["status"] == "met"
    assert [s["kind"] for s in late_reply["response"]["explanation"]] == ["counted", "closed"]


def test_invalid_ticket_is_a_status_not_a_crash(policy):
    r = msp.evaluate_sla({"created": "2024-06-03T09:00:00Z", "resolved": "2024-06-03T08:00:00Z", "priority": "P3"},
                         policy, now="2024-06-03T12:00:00Z")
    assert r["response"]["status"] == "invalid" and r["response"]["error"] == "INVALID_TIMELINE"
    with pytest.raises(msp.NaiveDatetimeError):
        msp.evaluate_sla({"created": dt.datetime(2024, 6, 3, 9), "priority": "P3"}, policy)
    with pytest.raises(msp.InvalidArgumentError, match="ticket.created"):
        msp.evaluate_sla({"priority": "P3"}, policy)


def test_sla_attainment():
    assert msp.sla_attainment(["met", "met", "breached", "at_risk", "no_target", "invalid", "paused", "met"]) == {
        "met": 3, "breached": 1, "evaluated": 4, "attainment_pct": 75.0, "open": 2, "excluded": 2}
    assert msp.sla_attainment(["met", "met", "breached"])["attainment_pct"] == 66.67
    assert msp.sla_attainment([])["attainment_pct"] is None
    with pytest.raises(ValueError, match="'late'"):
        msp.sla_attainment(["late"])
    grouped = msp.sla_attainment(pd.Series(["met", "breached", "met", "met"]), by=pd.Series(["a", "a", "b", "b"], name="t"))
    assert grouped.loc["a", "attainment_pct"] == 50.0 and grouped.loc["b", "met"] == 2
    assert grouped.index.name == "t"


def test_evaluate_sla_frame_matches_single_evaluation(policy):
    rng = np.random.default_rng(3)
    n = 300
    base = pd.Timestamp("2024-05-27 06:00", tz="UTC")
    created = base + pd.to_timedelta(rng.integers(0, 20 * 86400, n), unit="s")
    first = created + pd.to_timedelta(rng.integers(0, 20000, n), unit="s")
    first = first.where(rng.random(n) > 0.3)
    resolved = created + pd.to_timedelta(rng.integers(0, 3 * 86400, n), unit="s")
    resolved = resolved.where(rng.random(n) > 0.25)
    df = pd.DataFrame({"created": created, "first_response": first, "resolved": resolved,
                       "priority": rng.choice(["P1", "P3"], n)}, index=[f"T{i}" for i in range(n)])
    pause_rows = []
    for label, c in zip(df.index[::3], df["created"][::3]):
        s = c + pd.Timedelta(minutes=10)
        pause_rows.append((label, s, s + pd.Timedelta(minutes=50)))
    pauses = pd.DataFrame(pause_rows, columns=["ticket", "start", "end"]).sample(frac=1, random_state=1)
    now = pd.Timestamp("2024-06-20 12:00", tz="UTC")
    out = msp.evaluate_sla_frame(df, policy, now=now, pauses=pauses)
    assert list(out.index) == list(df.index)
    assert "plan_status" not in out.columns  # the policy has no plan target
    by_ticket = {label: [] for label in df.index}
    for label, s, e in pause_rows:
        by_ticket[label].append((s, e))
    for label, row in df.sample(60, random_state=2).iterrows():
        history = []
        for s, e in by_ticket[label]:
            history += [[s, "waiting_customer"], [e, "open"]]
        ticket = {"created": row.created, "priority": row.priority, "status_history": history,
                  "first_response": None if pd.isna(row.first_response) else row.first_response,
                  "resolved": None if pd.isna(row.resolved) else row.resolved}
        single = msp.evaluate_sla(ticket, policy, now=now)
        for target in ("response", "resolution"):
            assert out.at[label, f"{target}_status"] == single[target]["status"], (label, target)
            assert out.at[label, f"{target}_elapsed_seconds"] == single[target]["elapsed_seconds"]
            assert out.at[label, f"{target}_due"] == single[target]["due"]
    assert (out["error"] == "OK").all()


def test_frame_bad_rows_and_bad_arguments(policy):
    df = pd.DataFrame({"created": pd.to_datetime(["2024-06-03T09:00:00Z", "2024-06-03T09:00:00Z"]),
                       "first_response": pd.to_datetime([None, None]),
                       "resolved": pd.to_datetime(["2024-06-03T08:00:00Z", None]),
                       "priority": ["P3", "P3"]})
    out = msp.evaluate_sla_frame(df, policy, now="2024-06-03T12:00:00Z")
    assert out["response_status"].tolist() == ["invalid", "breached"]
    assert out["error"].tolist() == ["INVALID_TIMELINE", "OK"]
    with pytest.raises(msp.NotFoundError, match="'nope'"):
        msp.evaluate_sla_frame(df, policy, now="2024-06-03T12:00:00Z",
                               pauses=pd.DataFrame({"ticket": ["nope"], "start": df["created"][:1], "end": [pd.NaT]}))
