import datetime as dt
from decimal import Decimal

import pytest

import mspcore as msp

FEB_START, FEB_END = dt.date(2024, 2, 1), dt.date(2024, 3, 1)


def eur(amount):
    return msp.Money(amount, "EUR")


def test_semantics_example():
    amount = eur("100.00")
    assert msp.prorate(amount, FEB_START, FEB_END, dt.date(2024, 2, 15), FEB_END) == eur("51.72")
    assert msp.prorate(amount, FEB_START, FEB_END, dt.date(2024, 2, 15), FEB_END, "actual") == eur("51.72")
    assert msp.prorate(amount, FEB_START, FEB_END, dt.date(2024, 2, 15), FEB_END, "30/360") == eur("53.33")
    assert msp.prorate(amount, FEB_START, FEB_END, dt.date(2024, 2, 15), FEB_END, convention="none") == eur("100.00")
    result = msp.prorate(amount, FEB_START, FEB_END, dt.date(2024, 2, 15), FEB_END)
    assert isinstance(result, msp.Money)
    assert result.amount == Decimal("51.72")
    assert str(result) == "EUR 51.72"


def test_iso_string_dates_and_mixed_inputs():
    assert msp.prorate(eur("100.00"), "2024-02-01", "2024-03-01", "2024-02-15", "2024-03-01") == eur("51.72")
    assert msp.prorate(eur("100.00"), "2024-02-01", FEB_END, "2024-02-15", dt.date(2024, 3, 1),
                       convention="30/360") == eur("53.33")


def test_non_leap_february_quarter_and_year():
    p = msp.prorate
    assert p(eur("100.00"), "2023-02-01", "2023-03-01", "2023-02-15", "2023-03-01") == eur("50.00")
    assert p(eur("100.00"), "2023-02-01", "2023-03-01", "2023-02-15", "2023-03-01", "30/360") == eur("53.33")
    assert p(eur("300.00"), "2024-01-01", "2024-04-01", "2024-02-15", "2024-04-01") == eur("151.65")  # 46/91
    assert p(eur("300.00"), "2024-01-01", "2024-04-01", "2024-02-15", "2024-04-01", "30/360") == eur("153.33")
    assert p(eur("1200.00"), "2024-01-01", "2025-01-01", "2024-07-01", "2025-01-01") == eur("603.28")  # 184/366
    assert p(eur("1200.00"), "2024-01-01", "2025-01-01", "2024-07-01", "2025-01-01", "30/360") == eur("600.00")


def test_clipping_currencies_and_rounding():
    p = msp.prorate
    assert p(eur("100.00"), FEB_START, FEB_END, "2024-01-20", "2024-02-15") == eur("48.28")  # 14/29
    assert p(eur("100.00"), FEB_START, FEB_END, "2024-03-01", "2024-03-10") == eur("0.00")
    assert p(msp.Money(10000, "JPY"), FEB_START, FEB_END, "2024-02-15", FEB_END) == msp.Money(5172, "JPY")
    assert str(p(msp.Money("100.000", "KWD"), FEB_START, FEB_END, "2024-02-15", FEB_END)) == "KWD 51.724"
    # 100.01 x 14/28 = 50.005: a tie.
    args = (eur("100.01"), "2023-02-01", "2023-03-01", "2023-02-01", "2023-02-15")
    assert p(*args) == eur("50.00")
    assert p(*args, rounding="half_even") == eur("50.00")
    assert p(*args, rounding="half_up") == eur("50.01")
    with pytest.raises(ArithmeticError):
        p(*args, rounding="unnecessary")


def test_errors():
    with pytest.raises(TypeError, match="datetime"):
        msp.prorate(eur("100.00"), dt.datetime(2024, 2, 1), FEB_END, "2024-02-15", FEB_END)
    with pytest.raises(TypeError):
        msp.prorate(eur("100.00"), 19754, FEB_END, "2024-02-15", FEB_END)
    with pytest.raises(TypeError):
        msp.prorate(100.0, FEB_START, FEB_END, "2024-02-15", FEB_END)
    with pytest.raises(msp.InvalidArgumentError, match="'30/365'") as e:
        msp.prorate(eur("100.00"), FEB_START, FEB_END, "2024-02-15", FEB_END, "30/365")
    assert isinstance(e.value, ValueError)
    with pytest.raises(msp.InvalidArgumentError, match="'2024-02-20'.*'2024-02-10'"):
        msp.prorate(eur("100.00"), FEB_START, FEB_END, "2024-02-20", "2024-02-10")
    with pytest.raises(ValueError, match="period_end"):
        msp.prorate(eur("100.00"), FEB_END, FEB_START, "2024-02-15", FEB_END)
    with pytest.raises(msp.InvalidArgumentError, match="whole months"):
        msp.prorate(eur("100.00"), "2024-01-01", "2024-01-31", "2024-01-15", "2024-01-31", "30/360")
    with pytest.raises(msp.InvalidArgumentError):
        msp.prorate(eur("100.00"), FEB_START, FEB_END, "2024-02-15", FEB_END, rounding="nearest")
    with pytest.raises(ValueError, match="2024-02-30"):
        msp.prorate(eur("100.00"), FEB_START, FEB_END, "2024-02-30", FEB_END)
