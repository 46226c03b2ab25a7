"""Escalation ladders through the Python API: 24x7 and business minutes, acknowledgement, boundaries."""
import datetime as dt

import pytest

import mspcore as msp

UTC = dt.timezone.utc

POLICY = {
    "ladders": {
        "P1": [{"name": "notify on-call", "after_minutes": 0},
               {"name": "phone on-call", "after_minutes": 10},
               {"name": "manager", "after_minutes": 30},
               {"name": "status report", "after_minutes": 60, "condition": "always"}],
    },
}
OFFICE = {"tz": "UTC", "week": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
          "holidays": ["2024-06-10"]}
OPENED = dt.datetime(2024, 6, 7, 16, 55, tzinfo=UTC)  # Friday


def t(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_24x7_boundary():
    before = msp.escalation_due(POLICY, 1, OPENED, t("2024-06-07T17:04:59Z"))
    assert [s["step"] for s in before["due"]] == ["notify on-call"]
    assert before["next"]["step"] == "phone on-call"
    assert before["next"]["due_at"] == t("2024-06-07T17:05:00Z")
    assert before["acknowledged"] is False
    at = msp.escalation_due(POLICY, "P1", OPENED, "2024-06-07T17:05:00Z")
    assert [s["step"] for s in at["due"]] == ["notify on-call", "phone on-call"]


def test_acknowledgement_stops_conditional_steps():
    out = msp.escalation_due(POLICY, 1, OPENED, t("2024-06-07T17:30:00Z"), acknowledged_at=t("2024-06-07T17:05:00Z"))
    assert out["acknowledged"] is True
    assert out["acknowledged_at"] == t("2024-06-07T17:05:00Z")
    assert [s["step"] for s in out["due"]] == ["notify on-call"]
    assert [s["step"] for s in out["stopped"]] == ["phone on-call", "manager"]
    assert out["next"]["step"] == "status report"


def test_business_minutes_across_weekend_and_holiday():
    cal = msp.Calendar.from_json(OFFICE)
    out = msp.escalation_due(POLICY, 1, OPENED, t("2024-06-08T12:00:00Z"), calendar=cal)
    assert [s["step"] for s in out["due"]] == ["notify on-call"]
    assert out["next"]["due_at"] == t("2024-06-11T09:05:00Z")  # Monday is a holiday


def test_errors():
    with pytest.raises(msp.UnknownPriorityError):
        msp.escalation_due(POLICY, 2, OPENED, OPENED)
    with pytest.raises(msp.InvalidTimelineError):
        msp.escalation_due(POLICY, 1, OPENED, OPENED - dt.timedelta(seconds=1))
    with pytest.raises(msp.InvalidArgumentError, match="condition"):
        msp.escalation_due({"ladders": {"P1": [{"name": "x", "after_minutes": 1, "condition": "x"}]}}, 1, OPENED, OPENED)
    with pytest.raises(msp.NaiveDatetimeError):
        msp.escalation_due(POLICY, 1, dt.datetime(2024, 6, 7), OPENED)
    with pytest.raises(TypeError):
        msp.escalation_due(POLICY, 1, OPENED, OPENED, calendar="24x7")
