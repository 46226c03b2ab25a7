"""Small helpers of the demo generator: money, dates, instants, weighted draws."""
from __future__ import annotations

import datetime as dt
import decimal

UTC = dt.timezone.utc
CENT = decimal.Decimal("0.01")
# Prices outside the euro area, relative to the EUR catalogue amount.
CURRENCY_FACTOR = {"EUR": decimal.Decimal("1"), "USD": decimal.Decimal("1.08"), "CHF": decimal.Decimal("0.96")}


def money(value) -> str:
    """A decimal amount as TEXT with two places (half-even), never a float."""
    return str(decimal.Decimal(value).quantize(CENT, rounding=decimal.ROUND_HALF_EVEN))


def in_currency(eur_amount: str, currency: str) -> str:
    return money(decimal.Decimal(eur_amount) * CURRENCY_FACTOR[currency])


def iso_date(d: dt.date) -> str:
    return d.isoformat()


def iso_instant(t: dt.datetime) -> str:
    """ "YYYY-MM-DDTHH:MM:SSZ" (whole seconds; isoformat is the fast path)."""
    return t.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, tzinfo=UTC)


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (day clamped to the month's end)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def first_of_month(d: dt.date) -> dt.date:
    return d.replace(day=1)


_CUMULATIVE: dict = {}


def weighted(rng, items, weight_index=-1):
    """One item of ``items`` (a tuple) drawn with the weight at ``weight_index`` of each item."""
    key = (id(items), weight_index)
    cum = _CUMULATIVE.get(key)
    if cum is None or cum[0] is not items:
        total, acc = 0, []
        for it in items:
            total += it[weight_index]
            acc.append(total)
        cum = _CUMULATIVE[key] = (items, acc)
    return rng.choices(items, cum_weights=cum[1])[0]


def largest_remainder(total: int, weights) -> list:
    """Integers proportional to ``weights`` that add up to ``total`` exactly (ties by position)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out
