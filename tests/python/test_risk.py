"""Client risk score through the Python API: a hand-computed example, missing inputs, KEV from
the shared catalogue sample, every NIST Table I-2 cell, bad input."""
import json

import pytest

import mspcore as msp

FULL = {
    "incidents": [{"priority": 1, "age_days": 30}, {"priority": "P2", "age_days": 0},
                  {"priority": 4, "age_days": 30}, {"priority": 4, "age_days": 60}],
    "unmitigated_threats": 2,
    "vulnerabilities": [{"id": "CVE-1", "cvss_score": 10, "epss": 0.5, "kev": True},
                        {"id": "CVE-2", "cvss_score": 10, "epss": 0.5, "kev": True}],
    "lifecycle": {"assets": 10, "past_warranty": 2, "os_past_eol": 4},
    "backup_compliance": 90,
    "patch_compliance": 80,
    "controls": [{"weight": "high", "answer": "aligned"}, {"weight": "medium", "answer": "partial"},
                 {"weight": "low", "answer": "not_aligned"}],
}


def test_contract_keys_and_hand_computed_score():
    out = msp.risk_score(FULL)
    assert set(out) >= {"score", "grade", "coverage", "contributions", "model_version"}
    # 15 + 5 + 18.75 + 3 + 1.5 + 2 + 2.78 = 48.03
    assert out["score"] == 48.0
    assert out["grade"] == "C"
    assert out["coverage"] == 100
    assert out["model_version"] == "mspcore-risk-1"
    c = out["contributions"]
    assert list(c) == list(msp.risk.FACTORS)
    assert c["vulnerabilities"]["points"] == pytest.approx(18.75)
    assert c["controls"]["risk"] == pytest.approx(2.5 / 9)
    assert sum(f["points"] for f in c.values()) == pytest.approx(48.0277, abs=1e-3)
    assert msp.risk_score(json.dumps(FULL)) == out


def test_missing_inputs_lower_coverage_and_are_not_perfect():
    none = msp.risk_score({})
    assert (none["score"], none["coverage"], none["grade"]) == (50.0, 0, "C")
    some = msp.risk_score({"backup_compliance": 100, "patch_compliance": 100})
    assert (some["score"], some["coverage"], some["grade"]) == (37.5, 25, "B")
    assert some["contributions"]["incidents"] == {"known": False, "risk": 0.5, "weight": 20, "points": 10.0,
                                                  "detail": "missing: counted as 0.5"}


def test_kev_catalogue_and_epss(shared_data):
    kev = json.loads((shared_data / "frameworks" / "kev" / "kev_sample.json").read_text())
    listed = kev["vulnerabilities"][0]["cveID"]
    vulns = [{"id": listed.lower(), "cvss_score": 10, "epss": 1}, {"id": "CVE-1999-0001", "cvss_score": 10}]
    with_kev = msp.risk_score({"vulnerabilities": vulns, "kev_catalog": kev})["contributions"]["vulnerabilities"]
    assert with_kev["risk"] == pytest.approx(31 / 41)  # 10 x 1 x 3 + 10 x 0.1 = 31
    without = msp.risk_score({"vulnerabilities": vulns})["contributions"]["vulnerabilities"]
    assert without["risk"] == pytest.approx(11 / 21)


def test_every_nist_cell(shared_data):
    doc = json.loads((shared_data / "frameworks" / "table_I-2_risk_matrix.json").read_text())
    register = []
    for likelihood, row in doc["risk_level"].items():
        for impact, level in row.items():
            assert msp.nist_risk_level(likelihood, impact) == level
            register.append({"id": f"{likelihood}/{impact}", "likelihood": likelihood, "impact": impact})
    out = msp.risk_score({"risk_register": register})["risk_register"]
    assert len(out) == 25
    for entry in out:
        likelihood, impact = entry["id"].split("/")
        assert entry["level"] == doc["risk_level"][likelihood][impact]
    assert msp.nist_risk_level(3, 5) == "High"
    with pytest.raises(ValueError):
        msp.nist_risk_level("Extreme", 1)


def test_custom_model():
    model = msp.default_risk_model()
    assert model["version"] == "mspcore-risk-1"
    assert sum(model["weights"].values()) == 100
    model.update(version="strict-1", missing_factor_risk=1)
    assert msp.risk_score({"backup_compliance": 100}, model)["score"] == 85.0
    with pytest.raises(msp.InvalidArgumentError, match="needs its own"):
        msp.risk_score({}, {"missing_factor_risk": 1})


@pytest.mark.parametrize("inputs, error, text", [
    ({"backups": 90}, msp.InvalidArgumentError, "unknown key"),
    ({"backup_compliance": 120}, msp.OutOfRangeError, "backup_compliance"),
    ({"unmitigated_threats": -3}, msp.OutOfRangeError, "must be >= 0"),
    ({"lifecycle": {"assets": 5, "past_warranty": -1, "os_past_eol": 0}}, msp.OutOfRangeError, "past_warranty"),
    ({"vulnerabilities": [{"id": "CVE-2024-9", "cvss": "CVSS:3.1/garbage"}]}, msp.ParseError, r"\(CVE-2024-9\)"),
])
def test_bad_input(inputs, error, text):
    with pytest.raises(error, match=text):
        msp.risk_score(inputs)
    with pytest.raises(ValueError):
        msp.risk_score(inputs)


def test_wrong_type():
    with pytest.raises(TypeError):
        msp.risk_score([1, 2])
