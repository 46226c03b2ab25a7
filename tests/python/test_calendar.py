"""Calendar contract from Python: names and arguments are fixed by issue #3."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

import mspcore as msp

UTC = dt.timezone.utc
BERLIN = {
    "tz": "Europe/Berlin",
    "week": {d: [["08:00", "12:00"], ["13:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    "holiday_rules": ["DE-NW"],
}


@pytest.fixture(scope="module")
def cal():
    return msp.Calendar.from_json(BERLIN)


def test_scalar_operations_accept_all_time_forms(cal):
    # Mon 2024-06-03 09:00-14:00 CEST: 09-12 and 13-14 are open.
    assert cal.business_seconds_between("2024-06-03T09:00:00+02:00", "2024-06-03T14:00:00+02:00") == 4 * 3600
    start = dt.datetime(2024, 6, 3, 7, tzinfo=UTC)
    assert cal.business_seconds_between(start, pd.Timestamp("2024-06-03 14:00", tz="Europe/Berlin")) == 4 * 3600
    assert cal.is_open(start) and not cal.is_open("2024-06-03T12:30:00+02:00")
    assert cal.next_open("2024-06-07T17:00:00+02:00") == dt.datetime(2024, 6, 10, 6, tzinfo=UTC)
    # Fri 16:00 + 1h lands on the 17:00 close, not on Monday's opening.
    assert cal.add_business("2024-06-07T16:00:00+02:00", 3600) == dt.datetime(2024, 6, 7, 15, tzinfo=UTC)
    assert cal.add_business("2024-06-07T16:00:00+02:00", dt.timedelta(hours=1)) == dt.datetime(2024, 6, 7, 15, tzinfo=UTC)
    assert cal.subtract_business("2024-06-03T10:00:00+02:00", 7200) == dt.datetime(2024, 6, 3, 6, tzinfo=UTC)
    assert cal.add_business_days("2024-05-29T10:00:00+02:00", 1) == dt.datetime(2024, 5, 31, 8, tzinfo=UTC)
    assert cal.add_business("2024-06-03T10:00:00+02:00", 0).tzinfo is not None


def test_pauses(cal):
    pauses = [("2024-06-03T10:00:00+02:00", "2024-06-03T11:00:00+02:00"),
              (dt.datetime(2024, 6, 3, 8, 30, tzinfo=UTC), dt.datetime(2024, 6, 3, 10, 30, tzinfo=UTC))]
    assert cal.business_seconds_between("2024-06-03T09:00:00+02:00", "2024-06-03T17:00:00+02:00", pauses=pauses) == 5 * 3600
    assert cal.add_business("2024-06-03T09:00:00+02:00", 7200, pauses=pauses[:1]) == dt.datetime(2024, 6, 3, 10, tzinfo=UTC)
    explained = cal.explain("2024-06-03T09:00:00+02:00", "2024-06-03T14:00:00+02:00", pauses=pauses[:1])
    assert [k for _, _, k in explained] == ["counted", "paused", "counted", "closed", "counted"]


def test_batch_over_numpy_and_pandas(cal):
    starts = pd.Series(pd.to_datetime(["2024-06-03T09:00:00+02:00", "2024-06-07T16:00:00+02:00"], utc=True))
    ends = starts + pd.Timedelta(hours=5)
    assert cal.business_seconds_between_many(starts, ends).tolist() == [4 * 3600, 3600]
    as_int = np.array([int(t.timestamp()) for t in starts], dtype=np.int64)
    assert cal.business_seconds_between_many(as_int, as_int + 5 * 3600).tolist() == [4 * 3600, 3600]
    naive64 = starts.dt.tz_localize(None).to_numpy()   # datetime64 is read as UTC
    assert cal.business_seconds_between_many(naive64, naive64 + np.timedelta64(5, "h")).tolist() == [4 * 3600, 3600]
    due = cal.add_business_many(starts, np.array([3600, 3600]))
    assert due.dtype == np.dtype("datetime64[s]")
    assert due.tolist() == [dt.datetime(2024, 6, 3, 8), dt.datetime(2024, 6, 7, 15)]
    # Same answers as the scalar calls.
    for s, e, v in zip(starts, ends, cal.business_seconds_between_many(starts, ends)):
        assert cal.business_seconds_between(s, e) == v


def test_batch_errors_are_per_row(cal):
    starts = np.array(["2024-06-03T09:00:00", "1960-01-01T00:00:00"], dtype="datetime64[s]")
    ends = starts + np.timedelta64(3600, "s")
    values, status = cal.business_seconds_between_many(starts, ends, errors="status")
    assert values[0] == 3600 and status.tolist() == [0, msp.OutOfRangeError.code]
    with pytest.raises(msp.OutOfRangeError) as info:
        cal.business_seconds_between_many(starts, ends)
    assert info.value.row == 1
    with pytest.raises(ValueError):
        cal.business_seconds_between_many(starts, ends[:1])
    with pytest.raises(msp.InvalidTimeError, match=r"starts\[0\] is missing"):
        cal.business_seconds_between_many(np.array(["NaT"], dtype="datetime64[s]"), ends[:1])


@pytest.mark.parametrize("spec, error, text", [
    ({"tz": "Europe/Berlln"}, msp.UnknownTimeZoneError, "Europe/Berlln"),
    ({"tz": "UTC", "week": {"mon": [["08:00", "25:00"]]}}, msp.InvalidTimeError, "25:00"),
    ({"tz": "UTC", "week": {"mon2": []}}, msp.InvalidArgumentError, "mon2"),
    ({"tz": "UTC", "holidays": ["2024-02-30"]}, msp.InvalidTimeError, "2024-02-30"),
    ({"tz": "UTC", "holiday_rules": ["XX"]}, msp.UnknownHolidayRuleError, "XX"),
    ("{not json", msp.ParseError, "malformed JSON"),
])
def test_bad_calendars(spec, error, text):
    with pytest.raises(error, match=text):
        msp.Calendar.from_json(spec)


def test_naive_datetime_rejected(cal):
    with pytest.raises(msp.NaiveDatetimeError, match="naive"):
        cal.is_open(dt.datetime(2024, 6, 3, 9))
    with pytest.raises(ValueError):
        cal.add_business("2024-06-03T09:00:00", 60)


def test_dst_24x7():
    cal = msp.Calendar.from_json({"tz": "Europe/Berlin", "24x7": True})
    assert cal.business_seconds_between("2024-10-27T00:00:00+02:00", "2024-10-28T00:00:00+01:00") == 25 * 3600
    assert cal.business_seconds_between("2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00") == 23 * 3600
