"""vCIO roadmap and budget (docs/vcio-budget.md): a roadmap's cost lines per fiscal quarter and
fiscal year over 1-3 years, in exact money.

Thin glue: the roadmap (initiatives as a list of dicts or a DataFrame, their cost lines nested
in ``costs`` or in a separate cost-lines table) goes to the core's decoders, the C++ core
computes, and the result comes back as typed columns: offered as sequences of dicts (built on
first access, amounts as ``decimal.Decimal``) and converted column by column with
``.to_pandas()``.
"""
from __future__ import annotations

import decimal
import functools

import numpy as np

from . import _core
from .lifecycle import LifecycleResult
from .trueup import Records, _decoded, _table

INITIATIVE_KEYS = _core.INITIATIVE_FIELDS
COST_LINE_KEYS = _core.COST_LINE_FIELDS
ROADMAP_COST_KEYS = _core.ROADMAP_COST_FIELDS
MONEY = ("decimal", "arrow", "minor_units")


class Frame(Records):
    """Records of a budget: a sequence of dicts (built on first access) that also converts
    itself to a DataFrame, with a choice of how amounts appear there."""

    def _dicts(self) -> list:
        if self._rows is None:
            values = {name: col[1] if col[0] == "list" else _decoded(col).tolist() if col[0] == "str"
                      else _values(col, "decimal").tolist() for name, col in self._columns.items()}
            self._rows = [dict(zip(values, row)) for row in zip(*values.values())]
        return self._rows

    def to_pandas(self, money: str = "decimal"):
        """A DataFrame, one column per field. Amounts are exact whatever ``money`` is:
        ``"decimal"`` (default) object columns of decimal.Decimal; ``"arrow"`` pyarrow
        decimal128 columns (pandas ArrowDtype: vectorised, exact, their items are Decimal);
        ``"minor_units"`` int64 columns of the currency's minor units (cents for EUR) for the
        amounts at minor units (amount and the sums; unit_amount stays Decimal, it may be finer)."""
        import pandas as pd

        if money not in MONEY:
            raise _core.InvalidArgumentError(f"money: unknown {money!r} (known: {', '.join(MONEY)})")
        # copy=False: pandas keeps each fresh array as it is instead of copying it into blocks.
        return pd.DataFrame({name: _values(col, money) for name, col in self._columns.items()},
                            index=pd.RangeIndex(self._len), copy=False)


def _values(col, money: str):
    """A fresh column of values (numpy array or pandas extension array) of one core column."""
    kind = col[0]
    if kind == "str":
        return _text(col)
    if kind == "money":
        return _decoded(col)
    if kind == "int":
        return col[1].copy()
    if kind == "list":
        out = np.empty(len(col[1]), dtype=object)
        out[:] = col[1]
        return out
    units, scale = col[1], col[2]  # "minor": int64 units at `scale` fraction digits
    if money == "minor_units":
        return units.copy()
    if money == "arrow":
        import pandas as pd
        import pyarrow as pa

        # decimal128 is 16 bytes little-endian two's complement: the int64 and its sign word.
        words = np.empty((len(units), 2), dtype=np.int64)
        words[:, 0] = units
        words[:, 1] = units >> 63
        array = pa.Array.from_buffers(pa.decimal128(38, scale), len(units), [None, pa.py_buffer(words)])
        return pd.arrays.ArrowExtensionArray(array)
    # Decimal objects, one per distinct amount: amounts repeat (zeros, monthly lines).
    distinct, codes = np.unique(units, return_inverse=True)
    table = np.empty(len(distinct), dtype=object)
    table[:] = [decimal.Decimal(u).scaleb(-scale) for u in distinct.tolist()]
    return table[codes]


def _text(col):
    """A dictionary-encoded text column (code -1 is none) in the dtype pandas infers for text:
    with a string dtype (pandas 3), the dictionary's array taken by the codes, no per-row
    inference; else (object dtype) the object array of str and None, as pandas would keep it."""
    import pandas as pd

    _, codes, values = col
    dictionary = pd.Series(np.array(values, dtype=object)).array if values else None
    if dictionary is None or dictionary.dtype == object:
        return _decoded(col)
    return dictionary.take(codes, allow_fill=True)


class BudgetResult:
    """``lines`` (one record per cost line and fiscal quarter it pays in), ``quarters`` and
    ``fiscal_years`` (per tenant: capex, opex, one_time, recurring, approved, proposed, total),
    ``initiatives`` (the roadmap's and the generated ones), ``findings``; ``currency``."""

    def __init__(self, native):
        self._native = native
        for key in ("currency", "first_fiscal_year", "fiscal_year_start", "years", "rounding"):
            setattr(self, key, getattr(native, key))
        self.price_increase = decimal.Decimal(native.price_increase)

    # Each table crosses from C++ on first use.
    @functools.cached_property
    def lines(self) -> Frame:
        return Frame(self._native.lines())

    @functools.cached_property
    def quarters(self) -> Frame:
        return Frame(self._native.quarters())

    @functools.cached_property
    def fiscal_years(self) -> Frame:
        return Frame(self._native.fiscal_years())

    @functools.cached_property
    def initiatives(self) -> Frame:
        return Frame(self._native.initiatives())

    @functools.cached_property
    def findings(self) -> Frame:
        return Frame(self._native.findings())

    def to_json(self) -> str:
        """The result as the JSON document of the C ABI (msp_vcio_budget_json)."""
        return self._native.to_json()

    def __repr__(self) -> str:
        return (f"BudgetResult(currency={self.currency}, first_fiscal_year={self.first_fiscal_year}, "
                f"years={self.years}, lines={len(self.lines)}, findings={len(self.findings)})")


def budget(roadmap, lifecycle=None, contracts=None, years=3, fiscal_year_start=1, price_increase="0",
           costs=None) -> BudgetResult:
    """The budget of ``roadmap`` (initiatives: id, tenant, quarter "YYYY-Qn", status and
    optionally title, priority 1..5, depends_on, costs: a list of cost lines with kind
    one_time|recurring, period monthly|quarterly|annual, basis flat|per_asset, amount, count,
    currency, category capex|opex) over ``years`` (1..3) fiscal years starting in month
    ``fiscal_year_start``, with ``price_increase`` percent per year (str or Decimal).

    ``costs``: the cost lines as a table of their own (list of dicts or DataFrame, one row per
    cost line: tenant and initiative, the id of its initiative, then the cost line's fields),
    appended in table order to the costs of their initiatives.
    ``lifecycle``: a LifecycleResult (``mspcore.lifecycle(...)``) whose overdue and due-soon
    assets become replacement initiatives (at the asset's or the policy's replacement value;
    replacements the MSP pays are findings, not budgeted). ``contracts``: contract lines (as ``reconcile`` takes
    them, list of dicts or DataFrame) whose term_end starts a renewal: recurring opex.
    """
    if lifecycle is not None and not isinstance(lifecycle, LifecycleResult):
        raise _core.InvalidTypeError(
            f"lifecycle must be a LifecycleResult (mspcore.lifecycle(...)) or None, not {type(lifecycle).__name__}")
    options = {"years": years, "fiscal_year_start": fiscal_year_start, "price_increase": price_increase}
    native = None if lifecycle is None else lifecycle._native
    return BudgetResult(_core._budget(_table(roadmap), None if costs is None else _table(costs), native,
                                      None if contracts is None else _table(contracts), options))
