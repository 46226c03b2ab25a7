from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

import mspcore as msp


def test_acceptance_rounding_and_allocation():
    m = msp.Money("10.005", "EUR")
    assert m.round("half_even") == msp.Money("10.00", "EUR")
    assert str(m.round("half_even")) == "EUR 10.00"
    assert str(m.round("half_up")) == "EUR 10.01"
    parts = msp.allocate(msp.Money("100.00", "EUR"), [1, 1, 1])
    assert [str(p) for p in parts] == ["EUR 33.34", "EUR 33.33", "EUR 33.33"]
    assert msp.Money("100.00", "EUR").allocate([Decimal("0.5"), "0.5"]) == [msp.Money("50", "EUR")] * 2


def test_amount_types():
    assert msp.Money(Decimal("1.50"), "EUR").amount == Decimal("1.50")
    assert isinstance(msp.Money(7, "JPY").amount, Decimal)
    assert msp.Money(Decimal("1E+3"), "EUR").amount == Decimal(1000)
    assert msp.Money("-0.01", "USD").amount == Decimal("-0.01")
    with pytest.raises(TypeError, match="float"):
        msp.Money(1.5, "EUR")
    with pytest.raises(TypeError):
        msp.Money(True, "EUR")
    with pytest.raises(TypeError):
        msp.Money(None, "EUR")


@pytest.mark.parametrize("bad", ["1e3", "12,50", "", "NaN", "1.2.3", " 1"])
def test_bad_amount_names_the_value(bad):
    with pytest.raises(msp.ParseError, match=repr(bad)) as info:
        msp.Money(bad, "EUR")
    assert isinstance(info.value, ValueError)
    assert info.value.code == msp.ParseError.code


def test_non_finite_decimal_rejected():
    with pytest.raises(ValueError, match="NaN"):
        msp.Money(Decimal("NaN"), "EUR")
    with pytest.raises(ValueError, match="Infinity"):
        msp.Money(Decimal("-Infinity"), "EUR")


def test_errors_map_to_builtin_groups():
    with pytest.raises(LookupError, match="'XYZ'"):
        msp.Money("1", "XYZ")
    with pytest.raises(msp.UnknownCurrencyError):
        msp.Money("1", "eur")
    with pytest.raises(ArithmeticError, match="38"):
        msp.Money("1" * 39, "EUR")
    with pytest.raises(msp.CurrencyMismatchError, match="USD"):
        msp.Money("1", "EUR") + msp.Money("1", "USD")
    with pytest.raises(msp.RoundingNecessaryError):
        msp.Money("0.005", "EUR").round("unnecessary")
    with pytest.raises(ValueError, match="'nearest'"):
        msp.Money("1", "EUR").round("nearest")
    with pytest.raises(msp.DivisionByZeroError):
        msp.Money("1", "EUR").divide(0)


def test_operators_equality_hash():
    a, b = msp.Money("10.0", "EUR"), msp.Money("10.00", "EUR")
    assert a == b and hash(a) == hash(b)
    assert len({a, b, msp.Money("10", "USD")}) == 2
    assert msp.Money("10", "EUR") != msp.Money("10", "USD")
    assert msp.Money("1", "EUR") != "1"
    assert msp.Money("0.10", "EUR") + msp.Money("0.20", "EUR") == msp.Money("0.3", "EUR")
    assert -msp.Money("5", "EUR") == msp.Money("-5", "EUR")
    assert msp.Money("19.99", "EUR") * 3 == msp.Money("59.97", "EUR")
    assert 2 * msp.Money("0.5", "EUR") == msp.Money("1", "EUR")
    assert msp.Money("100", "EUR") * Decimal("0.19") == msp.Money("19", "EUR")
    assert msp.Money("1", "EUR") < msp.Money("1.01", "EUR")
    assert sum([msp.Money("0.1", "EUR")] * 10) == msp.Money("1", "EUR")
    assert repr(msp.Money("1.50", "EUR")) == "Money('1.50', 'EUR')"
    assert msp.Money("1000", "JPY").divide(3) == msp.Money("333", "JPY")
    assert msp.minor_units("KWD") == 3 and msp.minor_units("JPY") == 0
    assert "EUR" in msp.currencies()


def test_sum_minor_units_column():
    import numpy as np

    cents = np.array([199, -1, 2**62, 2**62], dtype=np.int64)
    assert msp.sum_minor_units(cents, "EUR") == msp.Money(Decimal(2**63 + 198) / 100, "EUR")


money_text = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False)


@given(money_text, money_text)
def test_add_subtract_roundtrip(a, b):
    x, y = msp.Money(a, "EUR"), msp.Money(b, "EUR")
    assert x + y - y == x
    assert (x + y).amount == a + b


@given(money_text)
def test_parse_format_roundtrip(a):
    m = msp.Money(a, "EUR")
    assert msp.Money(str(m.amount), "EUR") == m
    assert m.amount == a


@given(st.integers(min_value=-10**12, max_value=10**12),
       st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=20).filter(any))
def test_allocate_sums_exactly(cents, ratios):
    total = msp.Money(Decimal(cents) / 100, "EUR")
    parts = total.allocate(ratios)
    assert len(parts) == len(ratios)
    assert sum(parts) == total
    assert all(p.amount.as_tuple().exponent == -2 for p in parts)


@given(st.integers(min_value=10**36, max_value=10**38 - 1))
def test_overflow_raises_instead_of_wrapping(n):
    big = msp.Money(n, "EUR")
    with pytest.raises(ArithmeticError):
        big * 10 * 10
    with pytest.raises(ArithmeticError):
        msp.Money(10**38 - 1, "EUR") + msp.Money(1, "EUR")
