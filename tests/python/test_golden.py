"""The golden cases of tests/golden/ through the public Python API.

tests/cpp/test_golden.cpp runs the same files through the C ABI and the C++ API. A result must
equal the case's "expect" as canonical JSON (sorted keys, no spaces, UTF-8), a failure must be
the mspcore exception of the case's "error" code with its exact message: the three languages
give byte-identical results and identical errors. Python values are turned into JSON the way
the core writes them (Decimal as text, dates as YYYY-MM-DD, instants as ...Z). See
docs/golden-tests.md.
"""
import datetime as dt
import decimal
import json
import pathlib

import pandas as pd
import pytest

import mspcore as msp

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "golden"
FILES = sorted(GOLDEN.rglob("*.json"))
NAMES = {value: name for name, value, *_ in msp.STATUS_TABLE}


def plain(value):
    """A Python result as the JSON the core writes."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _frame_records(frame):
    """DataFrame rows as the core's JSON values: NaT, NA, NaN -> None; numpy scalars -> Python;
    bucket columns (<name>_0_7, ...) -> {"<name>": {"0_7": n, ...}}."""
    import pandas as pd

    out = []
    for row in frame.astype(object).to_dict("records"):
        clean = {}
        for key, value in row.items():
            if value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
                value = None
            elif hasattr(value, "item") and not isinstance(value, (list, dict)):
                value = value.item()
            for bucket_of in ("missing_critical_", "missing_important_"):
                if key.startswith(bucket_of):
                    clean.setdefault(bucket_of[:-1], {})[key[len(bucket_of):]] = value
                    break
            else:
                clean[key] = value
        out.append(clean)
    return out


def _compliance(result, as_of):
    devices, clients = result
    return {"as_of": as_of, "devices": _frame_records(devices), "clients": _frame_records(clients)}


def _reconcile(i):
    r = msp.reconcile(i["contracts"], i["observations"], i["as_of"], i.get("sku_map"), i.get("rules"))
    return {"as_of": r.as_of, "deviations": list(r.deviations), "proposals": list(r.proposals), "held": list(r.held),
            "unmapped": list(r.unmapped)}


def _lifecycle(i):
    r = msp.lifecycle(i.get("assets"), i.get("licences"), as_of=i["as_of"], policy=i.get("policy"),
                      os_table=i.get("os_table"), service=i.get("service"))
    return {"as_of": r.as_of, "os_table_version": r.os_table_version, "assets": list(r.assets),
            "licences": list(r.licences)}


def _budget(i):
    lc = i.get("lifecycle")
    lifecycle = None if lc is None else msp.lifecycle(lc.get("assets"), lc.get("licences"), as_of=lc["as_of"],
                                                      policy=lc.get("policy"), os_table=lc.get("os_table"),
                                                      service=lc.get("service"))
    options = {k: i[k] for k in ("years", "fiscal_year_start", "price_increase") if k in i}
    r = msp.budget(i.get("initiatives", []), lifecycle=lifecycle, contracts=i.get("contracts"), **options)
    return {"currency": r.currency, "first_fiscal_year": r.first_fiscal_year, "fiscal_year_start": r.fiscal_year_start,
            "years": r.years, "price_increase": r.price_increase, "rounding": r.rounding,
            "initiatives": list(r.initiatives), "lines": list(r.lines), "quarters": list(r.quarters),
            "fiscal_years": list(r.fiscal_years), "findings": list(r.findings)}


def _qbr(i):
    sources = {k: v for k, v in i.items() if k not in ("tenant", "period", "security")}
    if "security" in i:
        sources["alerts"] = i["security"]["alerts"]
    return dict(msp.qbr_model(i["tenant"], i["period"], **sources))


def _alignment(i):
    r = msp.alignment_score(i["standard"], i.get("answers"), **{k: i[k] for k in ("quarter", "as_of") if k in i})

    def of(frame, name, keep_tenant=False):
        return [row if keep_tenant else {k: v for k, v in row.items() if k != "tenant"}
                for row in frame if row["tenant"] == name]

    tenants = [{**t, "sections": of(r.sections, t["tenant"]), "questions": of(r.questions, t["tenant"]),
                "findings": of(r.findings, t["tenant"], True), "initiatives": of(r.initiatives, t["tenant"], True)}
               for t in r.tenants]
    return {"standard": r.standard, "quarter": r.quarter, "tenants": tenants}


def _availability(i):
    r = msp.availability(i["events"], i["period"]["start"], i["period"]["end"], calendar=i.get("calendar"),
                         devices=i.get("devices"), target=i.get("target"))

    def records(frame):  # numpy and pandas scalars as the plain values the document holds
        rows = frame.astype(object).to_dict("records")
        return [{k: None if v is None or v is pd.NA else v for k, v in row.items()} for row in rows]

    return {"devices": records(r.devices), "clients": records(r.clients)}


def _raci_records(frame):
    """A RACI result frame as the core's JSON records (NA indexes -> None, numpy ints -> int)."""
    return [{k: None if v is None or v is pd.NA else (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in frame.astype(object).to_dict("records")]


def _raci_validate(i):
    problems = _raci_records(msp.raci_validate(i))
    return {"valid": not problems, "problems": problems}


COMMANDS = {
    "money.parse": lambda i: (lambda m: {"amount": m.amount, "currency": m.currency})(msp.Money(i["amount"], i["currency"])),
    "instant.parse": lambda i: int(msp.parse_instant(i["text"]).timestamp()),
    "cvss.score": lambda i: (lambda r: {"base_tenths": round(r["base"] * 10), "score_tenths": round(r["score"] * 10),
                                        "severity": r["severity"]})(msp.cvss_score(i["vector"])),
    "calendar.business_seconds": lambda i: msp.Calendar.from_json(i["calendar"]).business_seconds_between(i["start"], i["end"]),
    "sla.evaluate": lambda i: msp.evaluate_sla(i["ticket"], msp.SlaPolicy.from_json(i["policy"]), now=i["now"]),
    "trueup.reconcile": _reconcile,
    "risk.score": lambda i: msp.risk_score(i["inputs"], i.get("model")),
    "alert.normalize": lambda i: msp.normalize_alert(i["source"], i["payload"]),
    "lifecycle.evaluate": _lifecycle,
    "backup.compliance": lambda i: _compliance(msp.backup_compliance(i.get("backup_results"), i.get("devices"), i["as_of"],
                                                                     i.get("policy")), i["as_of"]),
    "patch.compliance": lambda i: _compliance(msp.patch_compliance(i.get("patches"), i.get("devices"), i["as_of"],
                                                                   i.get("policy")), i["as_of"]),
    "budget.evaluate": _budget,
    "qbr.model": _qbr,
    "alignment.score": _alignment,
    "rmm.availability": _availability,
    "access.authorize": lambda i: msp.AccessModel(i["model"]).authorize(i["principal"], i["action"], i["resource"]).to_dict(),
    # Co-managed IT: the RACI matrix
    "raci.validate": _raci_validate,
    "raci.route": lambda i: {"routes": _raci_records(msp.route_tickets(i["tickets"], i["matrix"], i["routing"]))},
    "raci.violations": lambda i: {"violations": _raci_records(msp.raci_violations(i["tickets"], i["matrix"],
                                                                                 routing=i.get("routing")))},
}

# Where Python differs from the core today, by case: the reason. Each such case must still
# fail (strict xfail), so a fix shows up and its entry is removed.
KNOWN_DIVERGENCES: dict[str, str] = {}


def _params():
    for path in FILES:
        name = str(path.relative_to(GOLDEN))
        reason = KNOWN_DIVERGENCES.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", list(_params()))
def test_golden_case(path):
    case = json.loads(path.read_text())
    run = COMMANDS[case["command"]]
    if "expect" in case:
        assert canonical(plain(run(case["input"]))) == canonical(case["expect"])
    else:
        with pytest.raises(msp.Error) as info:
            run(case["input"])
        assert (NAMES[info.value.code], str(info.value)) == (case["error"]["code"], case["error"]["message"])


def test_every_area_has_cases():
    assert len(FILES) >= 40
    assert {json.loads(p.read_text())["command"] for p in FILES} == set(COMMANDS)


def test_the_bad_input_catalogue_is_generated_from_the_cases():
    import subprocess
    import sys

    root = GOLDEN.parents[1]
    generated = subprocess.run([sys.executable, str(root / "scripts" / "gen_bad_inputs.py"), "--stdout"],
                               check=True, capture_output=True, text=True).stdout
    assert (root / "docs" / "bad-inputs.md").read_text() == generated, "run scripts/gen_bad_inputs.py"
