"""vCIO roadmap and budget (docs/vcio-budget.md): a roadmap's cost lines per fiscal quarter and
fiscal year over 1-3 years, in exact money.

Thin glue: the roadmap (a list of dicts or a DataFrame of initiatives) goes to the core's one
decoder of initiatives, the C++ core computes, and the result comes back as the C ABI's JSON
document, whose records are offered as sequences of dicts with ``.to_pandas()`` (amounts as
``decimal.Decimal``).
"""
from __future__ import annotations

import decimal
import functools
import json

from . import _core
from ._frame import Frame
from .lifecycle import LifecycleResult
from .trueup import _table

INITIATIVE_KEYS = _core.INITIATIVE_FIELDS
COST_LINE_KEYS = _core.COST_LINE_FIELDS
_AMOUNTS = frozenset({"unit_amount", "amount", "capex", "opex", "one_time", "recurring", "approved", "proposed", "total"})


class BudgetResult:
    """``lines`` (one record per cost line and fiscal quarter it pays in), ``quarters`` and
    ``fiscal_years`` (per tenant: capex, opex, one_time, recurring, approved, proposed, total),
    ``initiatives`` (the roadmap's and the generated ones), ``findings``; ``currency``."""

    def __init__(self, document: str):
        self._json = document
        self._doc = json.loads(document)
        for key in ("currency", "first_fiscal_year", "fiscal_year_start", "years", "rounding"):
            setattr(self, key, self._doc[key])
        self.price_increase = decimal.Decimal(self._doc["price_increase"])

    @functools.cached_property
    def lines(self) -> Frame:
        return Frame(self._doc["lines"], _AMOUNTS)

    @functools.cached_property
    def quarters(self) -> Frame:
        return Frame(self._doc["quarters"], _AMOUNTS)

    @functools.cached_property
    def fiscal_years(self) -> Frame:
        return Frame(self._doc["fiscal_years"], _AMOUNTS)

    @functools.cached_property
    def initiatives(self) -> Frame:
        return Frame(self._doc["initiatives"], _AMOUNTS)

    @functools.cached_property
    def findings(self) -> Frame:
        return Frame(self._doc["findings"], _AMOUNTS)

    def to_json(self) -> str:
        """The result as the JSON document of the C ABI (msp_vcio_budget_json)."""
        return self._json

    def __repr__(self) -> str:
        return (f"BudgetResult(currency={self.currency}, first_fiscal_year={self.first_fiscal_year}, "
                f"years={self.years}, lines={len(self.lines)}, findings={len(self.findings)})")


def budget(roadmap, lifecycle=None, contracts=None, years=3, fiscal_year_start=1, price_increase="0") -> BudgetResult:
    """The budget of ``roadmap`` (initiatives: id, tenant, quarter "YYYY-Qn", status and
    optionally title, priority 1..5, depends_on, costs: a list of cost lines with kind
    one_time|recurring, period monthly|annual, basis flat|per_asset, amount, count, currency,
    category capex|opex) over ``years`` (1..3) fiscal years starting in month
    ``fiscal_year_start``, with ``price_increase`` percent per year (str or Decimal).

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
    return BudgetResult(_core._budget_json(_table(roadmap), native, None if contracts is None else _table(contracts), options))
