"""QBR KPIs from Python (issue #6): kpi_frame, partials, trends, asset KPIs, the dictionary.

Every expected value below is worked out by hand from the small tables in this file.
"""
import math

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

# Tenant a, Berlin:
#   t0 created 2025-01-05 10:00Z, response +1 h, resolved +24 h (Jan), net, csat yes, nps 10, fcr yes
#   t1 created 2025-02-01 09:00Z, response +30 min, open, mail
#   t2 created 2025-03-31 23:30Z = 2025-04-01 01:30 CEST (Q2), resolved 2025-04-01 01:00Z (1.5 h), reopened, net,
#      csat no, nps 3, fcr no
# Tenant b: t3 created 2025-04-02 08:00Z, response +15 min, resolved +24 h, csat yes, nps 8; t4 created 2025-10-01.
TICKETS = pd.DataFrame({
    "tenant": ["a", "a", "a", "b", "b"],
    "created": pd.to_datetime(["2025-01-05T10:00Z", "2025-02-01T09:00Z", "2025-03-31T23:30Z", "2025-04-02T08:00Z",
                               "2025-10-01T08:00Z"]),
    "first_response": pd.to_datetime(["2025-01-05T11:00Z", "2025-02-01T09:30Z", None, "2025-04-02T08:15Z", None]),
    "resolved": pd.to_datetime(["2025-01-06T10:00Z", None, "2025-04-01T01:00Z", "2025-04-03T08:00Z", None]),
    "reopened": [False, False, True, False, False],
    "category": ["net", "mail", "net", None, "net"],
    "csat": [True, None, False, True, None],
    "nps": [10, None, 3, 8, None],
    "first_contact": [True, None, False, None, None],
})


def split(frame, parts):
    bounds = np.linspace(0, len(frame), parts + 1).astype(int)
    return [frame.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def row(frame, tenant, period):
    found = frame[(frame["tenant"] == tenant) & (frame["period"] == period)]
    assert len(found) == 1, (tenant, period)
    return found.iloc[0]


def test_kpi_frame_quarters_in_berlin():
    f = msp.kpi_frame(TICKETS, period="quarter", tz="Europe/Berlin", group_by=["tenant"])
    # Every tenant gets every quarter from the first (Q1) to the last (Q4) with tickets.
    assert list(f["period"]) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"] * 2
    assert f["period_start"].iloc[1] == pd.Timestamp("2025-04-01")
    a1, a2, a3 = row(f, "a", "2025-Q1"), row(f, "a", "2025-Q2"), row(f, "a", "2025-Q3")
    assert (a1.created, a1.closed, a1.backlog) == (2, 1, 1)
    assert (a2.created, a2.closed, a2.backlog) == (1, 1, 1)
    assert (a3.created, a3.closed, a3.backlog) == (0, 0, 1)  # an empty quarter still carries the backlog
    assert a1.first_response_hours_mean == 0.75 and a1.first_response_hours_median == 0.75
    assert a1.first_response_hours_p90 == pytest.approx(0.95)  # 0.5 + 0.9 * 0.5
    assert a1.resolution_hours_mean == 24.0 and a2.resolution_hours_mean == 1.5
    assert a1.reopen_rate_pct == 0.0 and a2.reopen_rate_pct == 100.0
    assert math.isnan(a3.reopen_rate_pct) and math.isnan(a3.resolution_hours_median)  # empty: null, not 0
    assert a1.csat_positive_pct == 100.0 and a2.csat_positive_pct == 0.0
    assert a1.first_contact_resolution_pct == 100.0 and a2.first_contact_resolution_pct == 0.0
    assert a1.nps == 100.0 and a2.nps == -100.0 and row(f, "b", "2025-Q2").nps == 0.0
    assert a1.top_categories == "mail (1), net (1)" and a2.top_categories == "net (1)"
    assert pd.isna(a3.top_categories)
    b4 = row(f, "b", "2025-Q4")
    assert (b4.created, b4.closed, b4.backlog) == (1, 0, 1)
    assert "sla_response_attainment_pct" not in f.columns  # no policy given
    assert "tickets_per_endpoint" not in f.columns  # no endpoints given


def test_months_across_dst_and_fiscal_years():
    m = msp.kpi_frame(TICKETS, period="month", tz="Europe/Berlin", group_by=["tenant"], kpis=["created"])
    assert row(m, "a", "2025-03")["created"] == 0  # t2 is 2025-04-01 01:30 CEST
    assert row(m, "a", "2025-04")["created"] == 1
    utc = msp.kpi_frame(TICKETS, period="month", tz="UTC", group_by=["tenant"], kpis=["created"])
    assert row(utc, "a", "2025-03")["created"] == 1
    # Fiscal year from April: Jan-Mar 2025 is the last quarter of FY2025.
    fq = msp.kpi_frame(TICKETS, period="quarter", tz="Europe/Berlin", group_by=["tenant"], fiscal_year_start=4,
                       kpis=["created", "closed"])
    assert list(fq["period"].unique()) == ["FY2025-Q4", "FY2026-Q1", "FY2026-Q2", "FY2026-Q3"]
    assert row(fq, "a", "FY2025-Q4")["created"] == 2 and row(fq, "a", "FY2026-Q1")["created"] == 1
    fy = msp.kpi_frame(TICKETS, period="year", tz="Europe/Berlin", group_by=[], fiscal_year_start=4,
                       kpis=["created", "backlog"])
    assert list(fy["period"]) == ["FY2025", "FY2026"] and list(fy["created"]) == [2, 3]
    assert list(fy["backlog"]) == [1, 2]


POLICY = {"calendar": {"tz": "Europe/Berlin",
                       "week": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}},
          "targets": {"response_minutes": 60, "resolution_minutes": 480}}


def test_business_hours_and_sla_attainment_use_the_policy():
    # Friday 16:00 CEST -> response Monday 09:30 (1.5 business hours, breached), resolved Monday 12:00 (4 h, met);
    # Tuesday 10:00 -> 10:20 (met), resolved Wednesday 11:00 (7 + 2 = 9 business hours, breached).
    t = pd.DataFrame({"tenant": ["x", "x"], "priority": ["P3", "P3"],
                      "created": pd.to_datetime(["2025-06-06T14:00Z", "2025-06-10T08:00Z"]),
                      "first_response": pd.to_datetime(["2025-06-09T07:30Z", "2025-06-10T08:20Z"]),
                      "resolved": pd.to_datetime(["2025-06-09T10:00Z", "2025-06-11T09:00Z"])})
    f = msp.kpi_frame(t, policy=msp.SlaPolicy.from_json(POLICY))
    r = f.iloc[0]
    assert r.first_response_business_hours_mean == pytest.approx((1.5 + 20 / 60) / 2)
    assert r.resolution_business_hours_median == pytest.approx(6.5)
    assert r.resolution_hours_mean == pytest.approx((68 + 25) / 2)
    assert r.sla_response_attainment_pct == 50.0 and r.sla_resolution_attainment_pct == 50.0


def test_endpoints_give_per_endpoint_kpis():
    t = TICKETS.assign(work_hours=[1.5, None, 2.0, 4.0, None], reactive=[True, True, True, False, True])
    f = msp.kpi_frame(t, endpoints={"a": 10, "b": 4})
    a1, a2, b2 = row(f, "a", "2025-Q1"), row(f, "a", "2025-Q2"), row(f, "b", "2025-Q2")
    assert a1.tickets_per_endpoint == pytest.approx(0.2)
    assert a1.rhem == pytest.approx(1.5 / 10 / 3)  # hours of tickets closed in Q1 / endpoints / 3 months
    assert a2.rhem == pytest.approx(2.0 / 10 / 3)
    assert b2.rhem == 0.0  # b's work was planned, not reactive
    one = msp.kpi_frame(t, group_by=[], endpoints=14, kpis=["tickets_per_endpoint"])
    assert list(one["tickets_per_endpoint"]) == pytest.approx([2 / 14, 2 / 14, 0.0, 1 / 14])


def test_partials_merge_into_the_whole_for_any_split():
    rng = np.random.default_rng(5)
    n = 3000
    created = pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 730 * 86400, n), unit="s")
    duration = pd.to_timedelta(rng.lognormal(9, 1.5, n).astype(np.int64), unit="s")
    t = pd.DataFrame({
        "tenant": rng.choice(["t1", "t2", "t3"], n), "priority": rng.choice(["P1", "P3"], n),
        "created": created, "first_response": created + duration / 10,
        "resolved": (created + duration).where(rng.random(n) < 0.9),
        "reopened": rng.random(n) < 0.1, "category": rng.choice(["net", "mail", "print", "m365"], n),
        "csat": pd.array(rng.choice([True, False, None], n), dtype="boolean"),
        "nps": np.where(rng.random(n) < 0.3, rng.integers(0, 11, n), np.nan),
        "first_contact": rng.random(n) < 0.4})
    policy = msp.SlaPolicy.from_json(POLICY)
    kpis = [k["id"] for k in msp.kpi_dictionary() if k["subject"] == "ticket" and "endpoints" not in k["requires"]]
    whole = msp.kpi_frame(t, policy=policy, kpis=kpis)
    for parts in (2, 7):
        pieces = [msp.kpi_partials(p, policy=policy) for p in split(t.sample(frac=1, random_state=parts), parts)]
        merged = msp.merge_kpi_partials(pieces)
        assert merged.duplicated(["tenant", "period_id"]).sum() == 0
        pd.testing.assert_frame_equal(msp.kpi_from_partials(merged, kpis=kpis), whole, check_exact=True)
    # Merging is associative: merge of merges equals one merge.
    halves = [msp.kpi_partials(p) for p in split(t, 4)]
    nested = msp.merge_kpi_partials([msp.merge_kpi_partials(halves[:2]), msp.merge_kpi_partials(halves[2:])])
    pd.testing.assert_frame_equal(nested, msp.merge_kpi_partials(halves))


def test_trends_per_tenant():
    t = pd.DataFrame({"tenant": ["a"] * 6, "created": pd.to_datetime(
        ["2025-01-10T00:00Z", "2025-02-10T00:00Z", "2025-02-11T00:00Z", "2025-03-10T00:00Z", "2025-03-11T00:00Z",
         "2025-03-12T00:00Z"])})
    f = msp.kpi_trends(msp.kpi_frame(t, period="month", kpis=["created"]), window=3)
    assert list(f["created"]) == [1, 2, 3]
    assert list(f["created_delta"].iloc[1:]) == [1.0, 1.0] and math.isnan(f["created_delta"].iloc[0])
    assert list(f["created_moving_average"]) == [1.0, 1.5, 2.0]
    assert f["created_slope"].iloc[2] == pytest.approx(1.0)
    assert list(f["created_unusual"]) == [False, False, False]
    with pytest.raises(ValueError):
        msp.kpi_trends(pd.DataFrame({"created": [1]}))


def test_bad_input_names_the_value_and_row():
    with pytest.raises(msp.UnknownTimeZoneError, match="Mars/Olympus"):
        msp.kpi_frame(TICKETS, tz="Mars/Olympus")
    with pytest.raises(msp.InvalidArgumentError, match="week"):
        msp.kpi_frame(TICKETS, period="week")
    with pytest.raises(msp.OutOfRangeError, match="fiscal_year_start"):
        msp.kpi_frame(TICKETS, fiscal_year_start=0)
    with pytest.raises(msp.OutOfRangeError, match=r"nps\[1\] is 11"):
        msp.kpi_frame(TICKETS.assign(nps=[10, 11, None, None, None]))
    with pytest.raises(msp.OutOfRangeError, match=r"csat\[0\] is 'yes'"):
        msp.kpi_frame(TICKETS.assign(csat=["yes", None, None, None, None]))
    bad = TICKETS.copy()
    bad.loc[3, "resolved"] = pd.Timestamp("2025-04-01T00:00Z")
    with pytest.raises(msp.InvalidTimelineError, match=r"resolved\[3\] is before created"):
        msp.kpi_frame(bad)
    with pytest.raises(msp.InvalidArgumentError, match=r"tenant\[2\] is missing"):
        msp.kpi_frame(TICKETS.assign(tenant=["a", "a", None, "b", "b"]))
    with pytest.raises(msp.NotFoundError, match="mttr"):
        msp.kpi_frame(TICKETS, kpis=["mttr"])
    with pytest.raises(msp.InvalidArgumentError, match="needs priority, policy"):
        msp.kpi_frame(TICKETS, kpis=["sla_response_attainment_pct"])
    with pytest.raises(msp.InvalidTimeError, match=r"created\[0\] is missing"):
        msp.kpi_frame(TICKETS.assign(created=pd.NaT))
    with pytest.raises(msp.ParseError, match=r"partial\[0\]"):
        msp.kpi_from_partials(pd.DataFrame({"tenant": ["a"], "period_id": [24300], "partial": [b"junk"]}))


def test_flags_and_scores_of_any_numeric_dtype():
    # The same answers as float64 0/1/NaN from booleans, integers, float32 and float16.
    whole = msp.kpi_frame(TICKETS)
    for dtype in (np.float32, np.float64):
        frame = msp.kpi_frame(TICKETS.assign(csat=TICKETS["csat"].astype(dtype), nps=TICKETS["nps"].astype(dtype)))
        pd.testing.assert_frame_equal(frame, whole)
    known = TICKETS.assign(csat=TICKETS["csat"].fillna(0))
    booleans = msp.kpi_frame(known.assign(csat=known["csat"].astype(bool)))
    pd.testing.assert_frame_equal(booleans, msp.kpi_frame(known.assign(csat=known["csat"].astype(np.int16))))
    assert booleans["csat_response_rate_pct"].dropna().eq(100.0).all()
    # The first bad value is named with its row, whatever the dtype.
    with pytest.raises(msp.OutOfRangeError, match=r"csat\[2\] is 0.5, not a yes/no flag") as e:
        msp.kpi_frame(TICKETS.assign(csat=np.array([1, np.nan, 0.5, 2, 0], dtype=np.float32)))
    assert e.value.row == 2
    with pytest.raises(msp.OutOfRangeError, match=r"reopened\[1\] is 2, not a yes/no flag"):
        msp.kpi_frame(TICKETS.assign(reopened=np.array([0, 2, 1, 0, 0], dtype=np.uint8)))
    with pytest.raises(msp.OutOfRangeError, match=r"nps\[3\] is 7.5, not a whole score 0..10"):
        msp.kpi_frame(TICKETS.assign(nps=[10, None, 0, 7.5, -1]))
    with pytest.raises(msp.OutOfRangeError, match=r"nps\[0\] is -1, not a whole score 0..10"):
        msp.kpi_frame(TICKETS.assign(nps=np.array([-1, 0, 0, 0, 0], dtype=np.int64)))
    half = TICKETS.assign(nps=TICKETS["nps"].astype(np.float16))
    pd.testing.assert_frame_equal(msp.kpi_frame(half), whole)
    with pytest.raises(TypeError, match="csat must be numbers or booleans, not complex128"):
        msp._core.flag_column(np.zeros(5, dtype=complex), "csat")


def test_dictionary_defines_every_kpi():
    d = msp.kpi_dictionary()
    ids = [k["id"] for k in d]
    assert len(ids) == len(set(ids))
    for k in d:
        assert k["subject"] in ("ticket", "asset", "device")  # device: the RMM roll-ups (backup, patch, availability)
        assert k["formula"] and k["title"] and k["unit"] and k["aggregation"]
        assert k["clock"] in ("24x7", "business", "none")
        assert k["inclusion"] in ("created-in", "closed-in", "at period end", "as of", "in the period")
    f = msp.kpi_frame(TICKETS.assign(priority="P3", work_hours=1.0, reactive=True),
                      policy=msp.SlaPolicy.from_json(POLICY), endpoints=5)
    assert [c for c in f.columns if c in ids] == [k["id"] for k in d if k["subject"] == "ticket"]


ASSETS = pd.DataFrame({
    "tenant": ["a", "a", "a", "a", "b"], "asset_type": ["laptop", "laptop", "laptop", "server", "laptop"],
    "managed": [True, False, None, True, True],
    "purchased": ["2024-06-01", "2022-07-01", "2019-01-01", None, "2026-01-01"],
    "warranty_end": ["2027-06-01", "2025-08-01", "2024-01-01", None, None],
    "os_eol": ["2030-01-01", "2025-07-01", "2025-10-14", "2028-01-01", None]})


def test_asset_kpis_as_of_a_date():
    f = msp.asset_kpi_frame(ASSETS, as_of="2025-07-01")
    laptops = f[(f.tenant == "a") & (f.asset_type == "laptop")].iloc[0]
    assert laptops.assets == 3
    assert laptops.managed_pct == 50.0  # one of the two with a known flag
    # Ages on 2025-07-01: 1 y 1 m, exactly 3 y (2022-07-01), 6.5 y.
    assert (laptops.age_under_1y_pct, laptops.age_1_3y_pct) == (0.0, pytest.approx(100 / 3))
    assert laptops.age_3_5y_pct == pytest.approx(100 / 3) and laptops.age_over_5y_pct == pytest.approx(100 / 3)
    assert laptops.age_years_median == pytest.approx(1096 / 365.25)  # 2022-07-01 -> 2025-07-01
    assert laptops.warranty_covered_pct == pytest.approx(200 / 3)
    assert laptops.warranty_expired_pct == pytest.approx(100 / 3)
    assert laptops.warranty_expiring_90d_pct == pytest.approx(100 / 3)  # 2025-08-01
    assert laptops.os_past_eol == 1 and laptops.os_past_eol_pct == pytest.approx(100 / 3)  # EOL on the day
    b = f[f.tenant == "b"].iloc[0]
    assert b.assets == 0 and math.isnan(b.managed_pct)  # bought after as_of: not in the inventory yet
    two = msp.asset_kpi_frame(ASSETS, as_of=["2025-07-01", "2026-06-30"], group_by=["tenant"], kpis=["assets"])
    assert list(two["assets"]) == [4, 0, 4, 1]
    with pytest.raises(msp.InvalidArgumentError, match="needs warranty_end"):
        msp.asset_kpi_frame(ASSETS.drop(columns="warranty_end"), "2025-07-01", kpis=["warranty_covered_pct"])
    with pytest.raises(msp.NotFoundError, match="asset_type"):
        msp.asset_kpi_frame(ASSETS.drop(columns="asset_type"), "2025-07-01")


def test_dictionary_page_is_generated_from_the_dictionary():
    import pathlib
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parents[2]
    generated = subprocess.run([sys.executable, str(root / "scripts" / "gen_kpi_docs.py"), "--stdout"],
                               check=True, capture_output=True, text=True).stdout
    assert (root / "docs" / "kpi-dictionary.md").read_text() == generated, "run scripts/gen_kpi_docs.py"


def test_nullable_pandas_columns():
    t = TICKETS.assign(csat=pd.array([True, None, False, True, None], dtype="boolean"),
                       nps=pd.array([10, None, 3, 8, None], dtype="Int64"),
                       first_contact=pd.array([1, None, 0, None, None], dtype="Int8"))
    pd.testing.assert_frame_equal(msp.kpi_frame(t), msp.kpi_frame(TICKETS))
