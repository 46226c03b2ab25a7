"""QBR models from generated data (issue #14): every client of a generated demo gets a model
that validates against docs/qbr-model.schema.json, holds no other client's data, and whose
section figures agree with the library's own functions on that client's rows."""
import datetime as dt
import decimal
import json
import pathlib

import jsonschema
import pytest

import mspcore as msp
from mspcore import demo
from mspcore.demo.qbr import client_model, last_full_month, last_full_quarter

SCHEMA = json.loads((pathlib.Path(__file__).resolve().parents[2] / "docs" / "qbr-model.schema.json").read_text())


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo.generate(path, seed=5, clients=4, assets=240)
    with demo.open_demo(path) as d:
        yield d


def test_periods_before_as_of():
    assert last_full_quarter(dt.date(2026, 12, 1)) == "2026-Q3"
    assert last_full_quarter(dt.date(2027, 2, 10)) == "2026-Q4"
    assert last_full_month(dt.date(2026, 12, 1)) == "2026-11"
    assert last_full_month(dt.date(2027, 1, 31)) == "2026-12"


def test_every_client_model_is_valid_and_isolated(db):
    tenants = db.tenants()
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for tenant in tenants:
        model = client_model(db, tenant)
        text = model.to_json()
        assert [e.message for e in validator.iter_errors(json.loads(text))] == []
        assert model["tenant"] == tenant and model["period"]["label"] == last_full_quarter(db.as_of)
        for other in set(tenants) - {tenant}:
            assert other not in text
        for t in json.loads(text)["trueup"]["deviations"]:
            assert t["tenant"] == tenant


def test_sections_agree_with_the_library_on_the_clients_rows(db):
    tenant = db.tenants()[0]
    model = client_model(db, tenant)
    # Lifecycle: the same counts as mspcore.lifecycle on the tenant's assets alone.
    assets = msp.lifecycle(db.assets(tenant), as_of=db.as_of).assets
    assert model["lifecycle"]["assets"] == len(assets)
    # (the model also had service records: only the replacement pull can differ, never the count)
    # True-up: the same deviations as reconcile on the tenant's rows.
    r = msp.reconcile(**{**db.reconcile_inputs(tenant),
                         "as_of": dt.datetime.combine(db.as_of + dt.timedelta(days=1), dt.time(), dt.timezone.utc)})
    assert len(model["trueup"]["deviations"]) == len(r.deviations)
    # Budget: fiscal-year totals equal the sum of the tenant's budget lines of that year.
    for year in model["budget"]["fiscal_years"]:
        lines = [l for l in model["budget"]["lines"] if l["fiscal_year"] == year["fiscal_year"]]
        assert sum(decimal.Decimal(l["amount"]) for l in lines) == decimal.Decimal(year["total"])
    # Security: every alert of the period, counted once per severity.
    assert sum(model["security"]["by_severity"].values()) == model["security"]["alerts"]
