"""Alert normalisation and prioritisation through the Python API: every shared sample, errors, batches,
every matrix case of priority_matrices.json."""
import datetime as dt
import json

import pytest

import mspcore as msp

UTC = dt.timezone.utc

XDR_ALARM = {
    "alarm_id": "XDR-2025-00042", "account_id": 77, "account_name": "Acme Industries",
    "hostname": "ACME-DC01", "device_id": "dev-9f3a",
    "alarm_name": "Possible Credential Dumping", "category": "Endpoint",
    "description": "LSASS memory read by an unsigned process",
    "sha256": "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    "severity": "High", "status": "Open", "verdict": "True Positive", "mitigation": "Not Mitigated",
    "created_at": "2025-06-02T08:15:00+02:00", "updated_at": "2025-06-02T07:45:30Z",
    "cves": ["cve-2024-3400"], "cvss_vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
}


def load(shared_data, name):
    return json.loads((shared_data / "alerts" / name).read_text())


@pytest.fixture
def s1_threat(shared_data):
    return load(shared_data, "sentinelone_threat_v2_1_sample.json")["data"][0]


@pytest.fixture
def uam_alert(shared_data):
    return load(shared_data, "sentinelone_uam_alerts_graphql_sample.json")["data"]["alerts"]["edges"][0]["node"]


@pytest.fixture
def rc_incident(shared_data):
    return load(shared_data, "rocketcyber_incident.synthetic.json")["GET /v3/incidents"]["data"][0]


def mapped(value, raw):
    return {"value": value, "raw": raw}


def test_sentinelone_threat_sample(s1_threat):
    a = msp.normalize_alert("sentinelone", s1_threat)
    assert a == {
        "source": "sentinelone",
        "source_id": "715718962991148224",
        "tenant": {"account_id": "433241117337583618", "account_name": "SentinelOne",
                   "site_id": "475482421366727779", "site_name": "demisto"},
        "asset": {"id": "657613730168123595", "name": "EC2AMAZ-AJ0KANC"},
        "affected_assets": 1,
        "threat": "sha1:3395856ce81f2b7382dee72602f798b642f14140",
        "title": "Unconfirmed 123490.crdownload",
        "description": None,
        "category": "Malware",
        "severity": mapped("unknown", None),
        "verdict": mapped("undefined", "undefined"),
        "confidence": mapped("malicious", "malicious"),
        "mitigation": mapped("mitigated", "mitigated"),
        "status": mapped("resolved", "resolved"),
        "first_seen": dt.datetime(2019, 9, 15, 12, 5, 49, tzinfo=UTC),
        "last_seen": dt.datetime(2020, 4, 2, 14, 52, 28, tzinfo=UTC),
        "cves": [],
        "cvss_vector": None,
        "cvss_score": None,
    }
    assert a["first_seen"].tzinfo is not None


def test_sentinelone_uam_sample(uam_alert):
    a = msp.normalize_alert("sentinelone_uam", json.dumps(uam_alert))  # a JSON string works too
    assert a["source_id"] == "test_id"
    assert a["tenant"] == {"account_id": "12345", "account_name": "Test", "site_id": "12345",
                           "site_name": "Default site"}
    assert a["asset"] == {"id": "test", "name": "name"}
    assert a["threat"] == "sha256:abc123"
    assert a["title"] == "Malicious Activity Detected"
    assert a["description"] == "Description of Alert"
    assert a["category"] == "RANSOMWARE"
    assert a["severity"] == mapped("critical", "CRITICAL")
    assert a["verdict"] == mapped("undefined", "UNDEFINED")
    assert a["confidence"] == mapped("malicious", "MALICIOUS")
    assert a["mitigation"] == mapped("not_mitigated", "UNMITIGATED")
    assert a["status"] == mapped("open", "NEW")
    assert a["first_seen"] == a["last_seen"] == dt.datetime(2025, 12, 23, 12, 24, 3, tzinfo=UTC)


def test_rocketcyber_incident_sample(rc_incident):
    a = msp.normalize_alert("rocketcyber", rc_incident)
    assert a["source_id"] == "5001"
    assert a["tenant"] == {"account_id": "1001", "account_name": "Acme Industries", "site_id": None,
                           "site_name": None}
    assert a["asset"] == {"id": None, "name": "DESKTOP-ABC123"}
    assert a["affected_assets"] == 1
    assert a["threat"] == "name:Suspicious PowerShell Execution Detected"
    assert a["description"] == "Encoded PowerShell command detected"
    for key in ("severity", "verdict", "confidence", "mitigation"):
        assert a[key] == mapped("unknown", None)
    assert a["status"] == mapped("open", "open")
    assert a["first_seen"] == dt.datetime(2025, 6, 1, 14, 20, tzinfo=UTC)
    assert a["last_seen"] == dt.datetime(2025, 6, 1, 16, 0, tzinfo=UTC)


def test_barracuda_xdr_alarm():
    a = msp.normalize_alert("barracuda_xdr", XDR_ALARM)
    assert a["source_id"] == "XDR-2025-00042"
    assert a["tenant"]["account_id"] == "77"
    assert a["asset"] == {"id": "dev-9f3a", "name": "ACME-DC01"}
    assert a["threat"] == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert a["severity"] == mapped("high", "High")
    assert a["verdict"] == mapped("true_positive", "True Positive")
    assert a["mitigation"] == mapped("not_mitigated", "Not Mitigated")
    assert a["status"] == mapped("open", "Open")
    assert a["first_seen"] == dt.datetime(2025, 6, 2, 6, 15, tzinfo=UTC)
    assert a["last_seen"] == dt.datetime(2025, 6, 2, 7, 45, 30, tzinfo=UTC)
    assert a["cves"] == ["CVE-2024-3400"]
    assert a["cvss_score"] == 9.8


def test_unknown_enum_values_are_kept_raw(uam_alert, rc_incident):
    uam_alert = dict(uam_alert, severity="SEVERE", result="QUARANTINED_TWICE")
    a = msp.normalize_alert("sentinelone_uam", uam_alert)
    assert a["severity"] == mapped("unknown", "SEVERE")
    assert a["mitigation"] == mapped("unknown", "QUARANTINED_TWICE")
    assert msp.normalize_alert("rocketcyber", dict(rc_incident, status="escalated"))["status"] == \
        mapped("unknown", "escalated")


def test_errors_name_the_record(rc_incident):
    with pytest.raises(msp.InvalidArgumentError, match=r"^unknown alert source 'crowdstrike' \(known: sentinelone, "):
        msp.normalize_alert("crowdstrike", {})
    with pytest.raises(msp.ParseError, match=r"^SentinelOne threat: malformed JSON"):
        msp.normalize_alert("sentinelone", '{"id": ')
    no_id = {k: v for k, v in rc_incident.items() if k != "id"}
    with pytest.raises(ValueError, match=r"^RocketCyber incident: id: expected a non-empty string or integer id, got nothing$"):
        msp.normalize_alert("rocketcyber", no_id)
    with pytest.raises(msp.ParseError, match=r"^Barracuda XDR alarm 'XDR-2025-00042': cvss_vector: CVSS vector 'garbage'"):
        msp.normalize_alert("barracuda_xdr", dict(XDR_ALARM, cvss_vector="garbage"))
    with pytest.raises(msp.InvalidTimelineError, match=r"^RocketCyber incident '5001': last seen "):
        msp.normalize_alert("rocketcyber", dict(rc_incident, updatedAt="2025-06-01T14:00:00Z"))
    with pytest.raises(TypeError, match="payload must be a dict or a JSON string, not list"):
        msp.normalize_alert("rocketcyber", [rc_incident])


def test_batch_with_bad_records_keeps_the_others(s1_threat, uam_alert, rc_incident):
    no_id = {k: v for k, v in rc_incident.items() if k != "id"}
    results = msp.normalize_alerts(
        ["sentinelone", "sentinelone", "rocketcyber", "crowdstrike", "barracuda_xdr", "sentinelone_uam", "rocketcyber"],
        [s1_threat, "{not json", no_id, s1_threat, dict(XDR_ALARM, cvss_vector="CVSS:3.1/AV:Q"), uam_alert,
         {"id": 1, "createdAt": dt.datetime(2025, 1, 1, tzinfo=UTC)}])
    assert [r["index"] for r in results] == list(range(7))
    assert [r["ok"] for r in results] == [True, False, False, False, False, True, False]
    assert results[0]["alert"]["source_id"] == "715718962991148224"
    assert results[0]["error"] is None
    assert results[5]["alert"]["first_seen"] == dt.datetime(2025, 12, 23, 12, 24, 3, tzinfo=UTC)
    errors = [r["error"] for r in results]
    assert errors[1]["status"] == "PARSE_ERROR"
    assert errors[1]["code"] == msp.ParseError.code
    assert errors[1]["message"].startswith("record 1: SentinelOne threat: malformed JSON")
    assert errors[2] == {"code": msp.InvalidArgumentError.code, "status": "INVALID_ARGUMENT",
                         "message": "record 2: RocketCyber incident: id: expected a non-empty string or integer id, "
                                    "got nothing"}
    assert errors[3]["message"].startswith("record 3: unknown alert source 'crowdstrike'")
    assert errors[4]["status"] == "PARSE_ERROR"
    assert errors[4]["message"].startswith("record 4: Barracuda XDR alarm 'XDR-2025-00042': cvss_vector:")
    assert errors[6]["status"] == "INVALID_ARGUMENT"  # a datetime is not JSON: the caller's record, not the call
    assert errors[6]["message"].startswith("record 6: ")
    assert all(r["alert"] is None for r in results if not r["ok"])


def test_batch_with_one_source(rc_incident):
    results = msp.normalize_alerts("rocketcyber", [rc_incident, dict(rc_incident, id=5002)])
    assert [r["alert"]["source_id"] for r in results] == ["5001", "5002"]
    assert msp.normalize_alerts("rocketcyber", []) == []


def test_every_matrix_case_holds(shared_data):
    matrices = json.loads((shared_data / "frameworks" / "priority_matrices.json").read_text())
    criticality = {1: "critical", 2: "medium", 3: "low"}
    base = msp.normalize_alert("barracuda_xdr", {"alarm_id": "m", "created_at": "2025-01-01T00:00:00Z"})
    urgency_inputs = {  # default points: 4+3+2 = 9, 2+1+1 = 4, 0-6+0 = -6
        1: {"severity": mapped("critical", None), "verdict": mapped("true_positive", None),
            "mitigation": mapped("not_mitigated", None)},
        2: {"severity": mapped("medium", None), "confidence": mapped("suspicious", None),
            "mitigation": mapped("in_progress", None)},
        3: {"severity": mapped("info", None), "verdict": mapped("false_positive", None),
            "mitigation": mapped("mitigated", None)},
    }
    for row in matrices["servicenow_default_impact_x_urgency"]:
        alert = dict(base, **urgency_inputs[row["urgency"]])
        r = msp.prioritize_alert(alert, asset_criticality=criticality[row["impact"]])
        assert (r["impact"]["level"], r["urgency"]["level"]) == (row["impact"], row["urgency"]), r["explanation"]
        assert f'{r["priority"]} - {r["label"]}' == row["priority"]
        assert r["impact"]["label"] == matrices["impact_levels"][str(row["impact"])]
        assert r["urgency"]["label"] == matrices["urgency_levels"][str(row["urgency"])]


def test_priority_of_the_samples_explains_itself(uam_alert, s1_threat, shared_data):
    matrices = json.loads((shared_data / "frameworks" / "priority_matrices.json").read_text())
    r = msp.prioritize_alert(msp.normalize_alert("sentinelone_uam", uam_alert), asset_criticality="high")
    assert r["priority"] == 2
    assert r["label"] == "High"
    assert r["impact"]["factors"] == [{"input": "asset_criticality", "value": "high", "points": 2},
                                      {"input": "scope", "value": "1", "points": 0}]
    assert r["urgency"]["factors"] == [{"input": "severity", "value": "critical", "points": 4},
                                       {"input": "confidence", "value": "malicious", "points": 2},
                                       {"input": "mitigation", "value": "not_mitigated", "points": 2}]
    assert r["explanation"] == ("impact 2 (Medium): asset_criticality high +2, scope 1 +0 = 2; urgency 1 (High): "
                                "severity critical +4, confidence malicious +2, mitigation not_mitigated +2 = 8; "
                                "priority 2 - High")
    assert r["psa"]["connectwise"] == {"id": None, "name": matrices["connectwise_stock_priority_names"][1]}
    assert r["psa"]["autotask"] == {"id": 1, "name": matrices["autotask_priority_picklist_typical"]["1"]}

    r = msp.prioritize_alert(msp.normalize_alert("sentinelone", s1_threat), asset_criticality="critical", scope=12)
    assert r["explanation"] == ("impact 1 (High): asset_criticality critical +3, scope 12 +2 = 5; urgency 2 (Medium): "
                                "severity unknown +2, confidence malicious +2, mitigation mitigated +0 = 4; "
                                "priority 2 - High")


def test_priority_configuration(rc_incident):
    defaults = msp.default_priority_config()
    assert defaults["impact"]["scope"] == [{"at_least": 2, "points": 1}, {"at_least": 10, "points": 2}]
    assert defaults["urgency"]["high_at"] == 7
    assert defaults["matrix"] == [[1, 2, 3], [2, 3, 4], [3, 4, 5]]
    assert defaults["psa"]["autotask"][0] == {"id": 4, "name": "Critical"}

    alert = msp.normalize_alert("rocketcyber", rc_incident)
    assert msp.prioritize_alert(alert)["priority"] == 3
    config = {"psa": {"connectwise": [{"id": 10 + p, "name": f"P{p}"} for p in range(1, 6)]},
              "urgency": {"severity": {"unknown": 5}}}
    r = msp.prioritize_alert(alert, config=config)
    assert r["urgency"]["points"] == 7  # 5 + 1 + 1
    assert r["priority"] == 2
    assert r["psa"]["connectwise"] == {"id": 12, "name": "P2"}
    assert msp.prioritize_alert(alert, config=json.dumps(config)) == r

    with pytest.raises(msp.InvalidArgumentError, match=r"unknown key 'urgncy'"):
        msp.prioritize_alert(alert, config={"urgncy": {}})
    with pytest.raises(msp.InvalidArgumentError, match=r"unknown value 'vital'"):
        msp.prioritize_alert(alert, asset_criticality="vital")
    with pytest.raises(msp.InvalidArgumentError, match=r"priority context.scope"):
        msp.prioritize_alert(alert, scope=0)
