"""mspcore.alignment_score: the hand-worked alignment of the C++ tests (values worked out in the
comments, see tests/cpp/test_vcio_alignment.cpp), dicts, DataFrames and JSON text giving the
same result, initiatives fed to the budget, and named bad input."""
import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import pytest

import mspcore as msp

# Effective weights (section x question) in brackets; total 12.
STANDARD = {"id": "baseline", "name": "MSP baseline", "version": "2026.1", "sections": [
    {"id": "S1", "title": "Security", "weight": 2, "questions": [
        {"id": "Q1", "text": "MFA on every admin account", "priority": 1,
         "recommendation": "Enforce MFA for admins"},                                  # [2]
        {"id": "Q2", "text": "EDR on every endpoint", "weight": Decimal("2")},         # [4]
        {"id": "Q3", "text": "Offline backup copy"}]},                                 # [2]
    {"id": "S2", "title": "Documentation", "questions": [
        {"id": "Q4", "text": "Network diagram is current", "priority": 2, "recommendation": "Draw the network diagram",
         "estimated_cost": Decimal("1200.00"), "currency": "EUR"},                     # [1]
        {"id": "Q5", "text": "Runbooks for key systems", "weight": "3"}]}]}           # [3]

ANSWERS = [
    {"tenant": "acme", "question": "Q1", "answer": "partial", "note": "2 of 5 admins", "answered_at": dt.date(2026, 5, 10)},
    {"tenant": "acme", "question": "Q2", "answer": "aligned", "note": None, "answered_at": dt.date(2026, 5, 10)},
    {"tenant": "acme", "question": "Q3", "answer": "not_applicable", "note": None, "answered_at": None},
    {"tenant": "acme", "question": "Q4", "answer": "misaligned", "note": None, "answered_at": None},
    {"tenant": "beta", "question": "Q1", "answer": "not_applicable", "note": None, "answered_at": None},
]


def test_hand_worked_score_contributions_and_sections():
    r = msp.alignment_score(STANDARD, ANSWERS)
    # acme: 2 x 0.5 + 4 x 1 + 1 x 0 = 5 of 7 -> 71.43; answered 9 of 12 -> 75.00.
    assert r.score("acme") == Decimal("71.43")
    acme = r.tenants[0]
    assert (acme["tenant"], acme["coverage"], acme["answered"], acme["applicable"], acme["unanswered"]) == (
        "acme", Decimal("75.00"), 4, 3, 1)
    # 71.43 split 1:4:0 -> 14.29, 57.14, 0.00; 28.57 lost split 1:0:1 -> 14.29, 0.00, 14.28 (tie to the earlier).
    q = {row["id"]: row for row in r.questions if row["tenant"] == "acme"}
    assert [q[i]["contribution"] for i in ("Q1", "Q2", "Q4")] == [Decimal("14.29"), Decimal("57.14"), Decimal("0.00")]
    assert [q[i]["lost"] for i in ("Q1", "Q2", "Q4")] == [Decimal("14.29"), Decimal("0.00"), Decimal("14.28")]
    assert sum(q[i]["contribution"] for i in ("Q1", "Q2", "Q4")) == r.score("acme")
    assert q["Q3"]["contribution"] is None and q["Q5"]["answer"] == "unanswered"
    assert q["Q1"]["answered_at"] == "2026-05-10" and q["Q1"]["note"] == "2 of 5 admins"
    sections = [(s["id"], s["score"], s["coverage"]) for s in r.sections if s["tenant"] == "acme"]
    assert sections == [("S1", Decimal("83.33"), Decimal("100.00")), ("S2", Decimal("0.00"), Decimal("25.00"))]
    # beta answered only not_applicable: no score (None, not 0); Q1 [2] of 12 answered -> 16.67.
    assert r.score("beta") is None
    assert r.tenants[1]["coverage"] == Decimal("16.67")
    assert [(f["code"], f["question"], f["priority"]) for f in r.findings] == [
        ("standard_misaligned", "Q4", 2), ("standard_partial", "Q1", 2)]
    assert r.standard == {"id": "baseline", "name": "MSP baseline", "version": "2026.1"}
    assert r.quarter is None and len(r.initiatives) == 0
    assert "sections" not in r.tenants[0]


def test_dicts_dataframes_and_json_text_give_the_same_document():
    from_dicts = msp.alignment_score(STANDARD, ANSWERS, quarter="2026-Q4")
    frame = pd.DataFrame(ANSWERS)  # note has None, answered_at dates in an object column
    from_frame = msp.alignment_score(STANDARD, frame, quarter="2026-Q4")
    from_text = msp.alignment_score(json.dumps(STANDARD, default=str), ANSWERS, quarter="2026-Q4")
    assert from_frame.to_json() == from_dicts.to_json() == from_text.to_json()
    df = from_dicts.questions.to_pandas()
    assert list(df.columns[:3]) == ["tenant", "id", "section"] and len(df) == 10
    assert from_dicts.tenants.to_pandas()["score"].tolist()[0] == Decimal("71.43")


def test_initiatives_go_to_the_budget_as_they_are():
    # as_of 2026-05-10 (2026-Q2): initiatives in 2026-Q3; only Q4 has an estimated cost, 1,200.00.
    r = msp.alignment_score(STANDARD, ANSWERS, as_of=dt.date(2026, 5, 10))
    assert r.quarter == "2026-Q3"
    assert [(x["id"], x["priority"], x["quarter"]) for x in r.initiatives] == [
        ("align:Q4", 2, "2026-Q3"), ("align:Q1", 2, "2026-Q3")]
    b = msp.budget(list(r.initiatives), years=1)
    assert b.fiscal_years[0]["proposed"] == Decimal("1200.00")


def test_bad_standards_and_answers_are_named():
    def with_weight(value):
        st = json.loads(json.dumps(STANDARD, default=str))
        st["sections"][0]["weight"] = value
        return st

    with pytest.raises(msp.InvalidArgumentError, match=r"^standard\.sections\[0\] \(section 'S1'\)\.weight: nan is not "
                                                      r"a weight \(a decimal > 0\)$"):
        msp.alignment_score(with_weight(float("nan")), ANSWERS)
    with pytest.raises(msp.InvalidTypeError, match=r"weight: 0\.5 is a binary floating-point number; weights are exact"):
        msp.alignment_score(with_weight(0.5), ANSWERS)
    with pytest.raises(msp.InvalidArgumentError, match=r"^standard\.sections\[0\] \(section 'S1'\)\.weight: -1 must be > 0$"):
        msp.alignment_score(with_weight(Decimal("-1")), ANSWERS)
    with pytest.raises(msp.ParseError):
        msp.alignment_score(with_weight(Decimal("NaN")), ANSWERS)
    with pytest.raises(msp.InvalidArgumentError, match=r"^answers\[1\] \(tenant 'acme' question 'Q9'\)\.question: "
                                                      r"unknown question 'Q9' \(standard 'baseline'\)$") as info:
        msp.alignment_score(STANDARD, pd.DataFrame([ANSWERS[0], {**ANSWERS[1], "question": "Q9"}]))
    assert info.value.row == 1
    with pytest.raises(msp.InvalidArgumentError, match=r"^answers\[0\]: unknown key 'score'"):
        msp.alignment_score(STANDARD, [{"tenant": "acme", "question": "Q1", "answer": "aligned", "score": 1}])
    with pytest.raises(msp.InvalidArgumentError, match=r"^standard: expected an object, got \[1\]$"):
        msp.alignment_score([1], ANSWERS)
    with pytest.raises(msp.ParseError):
        msp.alignment_score("{not json", ANSWERS)
    with pytest.raises(msp.InvalidArgumentError, match=r"^alignment: give quarter or as_of, not both$"):
        msp.alignment_score(STANDARD, ANSWERS, quarter="2026-Q3", as_of="2026-05-10")
    with pytest.raises(msp.InvalidArgumentError, match=r"^no answers of tenant 'zeta'$"):
        msp.alignment_score(STANDARD, ANSWERS).score("zeta")
