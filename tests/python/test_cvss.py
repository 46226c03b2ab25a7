"""CVSS v3.0 / v3.1 / v4.0 through the Python API: every shared reference vector, errors, batch."""
import math

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

V3_FILES = {
    "vectors_simple3.txt": 2592,
    "vectors_simple31.txt": 2592,
    "vectors_cvsslib3.txt": 29,
    "vectors_calculator3.txt": 2,
}
V4_FILES = {
    "vectors_simple4.txt": 1058,
    "vectors_security4.txt": 54,
    "vectors_supplemental4.txt": 576,
    "vectors_threat4.txt": 6,
}
V3_ENVIRONMENTAL = {"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"}
V3_TEMPORAL = {"E", "RL", "RC"}


def read_vectors(shared_data, name):
    """[(vector, (expected scores...))] from 'vector - (a, b, c)', 'vector - (a,)' or 'vector - a'."""
    rows = []
    for line in (shared_data / "cvss" / name).read_text().splitlines():
        if not line.strip():
            continue
        vector, expected = line.split(" - ")
        numbers = tuple(float(x) for x in expected.strip().strip("()").split(",") if x.strip())
        rows.append((vector, numbers))
    return rows


def severity(score):
    if score == 0.0:
        return "None"
    if score <= 3.9:
        return "Low"
    if score <= 6.9:
        return "Medium"
    if score <= 8.9:
        return "High"
    return "Critical"


def defines(vector, group):
    return any(f.split(":")[0] in group and f.split(":")[1] != "X" for f in vector.split("/")[1:])


@pytest.mark.parametrize("name", sorted(V3_FILES))
def test_v3_reference_vectors(shared_data, name):
    rows = read_vectors(shared_data, name)
    assert len(rows) == V3_FILES[name]
    for vector, (base, temporal, environmental) in rows:
        result = msp.cvss_score(vector)
        assert (result["base"], result["temporal"], result["environmental"]) == (base, temporal, environmental), vector
        assert result["version"] == vector[5:8]
        expected = (
            environmental if defines(vector, V3_ENVIRONMENTAL) else temporal if defines(vector, V3_TEMPORAL) else base
        )
        assert result["score"] == expected, vector
        assert result["severity"] == severity(expected), vector


@pytest.mark.parametrize("name", sorted(V4_FILES))
def test_v4_reference_vectors(shared_data, name):
    rows = read_vectors(shared_data, name)
    assert len(rows) == V4_FILES[name]
    for vector, (score,) in rows:
        result = msp.cvss_score(vector)
        assert result["score"] == score, vector
        assert result["version"] == "4.0"
        assert result["temporal"] is None and result["environmental"] is None
        assert result["severity"] == severity(score), vector


def test_batch_matches_single_on_all_reference_vectors(shared_data):
    vectors = [v for name in {**V3_FILES, **V4_FILES} for v, _ in read_vectors(shared_data, name)]
    assert len(vectors) == sum(V3_FILES.values()) + sum(V4_FILES.values()) == 6909
    scores, status = msp.cvss_score_many(vectors)
    assert scores.dtype == np.float64 and status.dtype == np.int32
    assert (status == 0).all()
    assert scores.tolist() == [msp.cvss_score(v)["score"] for v in vectors]


def test_hand_worked_examples():
    assert msp.cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == {
        "version": "3.1",
        "base": 9.8,
        "temporal": 9.8,
        "environmental": 9.8,
        "score": 9.8,
        "severity": "Critical",
    }
    temporal = msp.cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C")
    assert (temporal["base"], temporal["temporal"], temporal["score"], temporal["severity"]) == (9.8, 8.8, 8.8, "High")
    assert msp.cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/MAV:L")["score"] == 8.1
    assert msp.cvss_score("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/MS:C")["environmental"] == 9.9
    assert msp.cvss_score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/MS:C")["environmental"] == 10.0
    assert msp.cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U") == {
        "version": "4.0",
        "base": 9.3,
        "temporal": None,
        "environmental": None,
        "score": 8.1,
        "severity": "High",
    }
    result = msp.cvss_score("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N")
    assert isinstance(result["score"], float) and repr(result["score"]) == "5.5"


@pytest.mark.parametrize(
    ("vector", "message"),
    [
        ("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric AV has no value 'X' (expected N, A, L, P)"),
        ("", "the vector is empty"),
        ("garbage", "missing prefix 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/'"),
        ("CVSS:2.0/AV:N", "unsupported CVSS version 'CVSS:2.0'"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "trailing '/'"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y", "unknown metric 'XX' for CVSS v3.1"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:N", "metric AV appears more than once"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U", "missing mandatory metrics C, I, A"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "missing mandatory metric SA"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red", "metric U has no value 'red'"),
        ("CVSS:3.1/AV:N//AC:L", "empty field"),
        ("CVSS:3.1/AVN", "field 'AVN' is not METRIC:VALUE"),
    ],
)
def test_malformed_vectors_raise_parse_error(vector, message):
    with pytest.raises(msp.ParseError) as info:
        msp.cvss_score(vector)
    assert isinstance(info.value, ValueError)
    assert info.value.code == msp.ParseError.code
    assert message in str(info.value)
    assert str(info.value).startswith("CVSS vector '" + vector[:80])


def test_non_string_argument_is_a_type_error():
    with pytest.raises(TypeError):
        msp.cvss_score(None)
    with pytest.raises(TypeError):
        msp.cvss_score(9.8)


def test_batch_status_per_row():
    vectors = [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "garbage",
        None,
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
        float("nan"),
        "",
    ]
    scores, status = msp.cvss_score_many(vectors)
    parse, invalid = msp.ParseError.code, msp.InvalidArgumentError.code
    assert status.tolist() == [0, parse, invalid, 0, invalid, parse]
    assert scores[0] == 9.8 and scores[3] == 8.1
    assert all(math.isnan(scores[i]) for i in (1, 2, 4, 5))


def test_batch_accepts_numpy_and_pandas():
    good = [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:\u00e9",  # not ASCII: a parse error, not a crash
    ]
    expected_scores = [9.8, 3.7, 9.3]
    for column in (
        good,
        tuple(good),
        np.array(good),
        np.array(good, dtype=object),
        np.array([v.encode("utf-8") for v in good]),
        pd.Series(good),
        pd.Series(good, dtype="string"),
        pd.Index(good),
    ):
        scores, status = msp.cvss_score_many(column)
        assert scores[:3].tolist() == expected_scores, type(column)
        assert status.tolist() == [0, 0, 0, msp.ParseError.code], type(column)
        assert math.isnan(scores[3])
    empty_scores, empty_status = msp.cvss_score_many([])
    assert empty_scores.shape == (0,) and empty_status.shape == (0,)


def test_batch_rejects_bad_arguments():
    with pytest.raises(TypeError):
        msp.cvss_score_many("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    with pytest.raises(TypeError):
        msp.cvss_score_many(np.array([1.0, 2.0]))
    with pytest.raises(msp.InvalidArgumentError):
        msp.cvss_score_many(np.array([["CVSS:3.1/AV:N"]]))
