import datetime as dt

import pytest

import mspcore as msp

UTC = dt.timezone.utc


def test_instants_in_all_accepted_forms():
    expected = dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert msp.parse_instant("2024-03-31T03:30:00+02:00") == expected
    assert msp.instant("2024-03-31T01:30:00Z") == expected
    assert msp.instant(dt.datetime(2024, 3, 30, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))) == expected
    pd = pytest.importorskip("pandas")
    assert msp.instant(pd.Timestamp("2024-03-31 03:30", tz="Europe/Berlin")) == expected
    import numpy as np

    assert msp.instant(np.datetime64("2024-03-31T01:30:00")) == expected
    assert msp.instant(expected).tzinfo is not None


def test_naive_datetimes_are_rejected_clearly():
    with pytest.raises(msp.NaiveDatetimeError, match="naive") as info:
        msp.instant(dt.datetime(2024, 3, 31, 1, 30))
    assert isinstance(info.value, ValueError)
    with pytest.raises(msp.NaiveDatetimeError, match="offset"):
        msp.instant("2024-03-31T01:30:00")
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValueError):
        msp.instant(pd.Timestamp("2024-03-31 01:30"))
    with pytest.raises(TypeError):
        msp.instant(1711848600.0)


def test_invalid_times_name_the_text():
    with pytest.raises(msp.InvalidTimeError, match="2024-02-30"):
        msp.instant("2024-02-30T00:00:00Z")
    with pytest.raises(msp.InvalidTimeError, match="25:00"):
        msp.instant("2024-01-01T25:00:00Z")


def test_dst_rules():
    # Berlin spring forward: 02:30 does not exist and moves to 03:30 CEST.
    assert msp.local_to_utc("2024-03-31T02:30:00", "Europe/Berlin") == dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    # Berlin fall back: 02:30 happens twice; the first (CEST) is taken.
    assert msp.local_to_utc(dt.datetime(2024, 10, 27, 2, 30), "Europe/Berlin") == dt.datetime(
        2024, 10, 27, 0, 30, tzinfo=UTC)
    assert msp.local_to_utc("2024-11-03T01:30", "America/New_York") == dt.datetime(2024, 11, 3, 5, 30, tzinfo=UTC)
    assert msp.utc_to_local("2024-10-27T01:30:00Z", "Europe/Berlin") == dt.datetime(2024, 10, 27, 2, 30)


def test_unknown_zone():
    with pytest.raises(msp.UnknownTimeZoneError, match="'Europe/Berlln'") as info:
        msp.local_to_utc("2024-01-01T00:00", "Europe/Berlln")
    assert isinstance(info.value, LookupError)
