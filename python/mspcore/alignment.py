"""vCIO standards alignment (docs/vcio-alignment.md): a standard's weighted questions in
sections, each tenant's answers scored as an exact percentage with coverage and every
question's contribution; misaligned and partial answers as roadmap findings and proposed
initiatives.

Thin glue: the standard (a dict or a JSON text) and the answers (a list of dicts or a
DataFrame) go to the core's decoders, the C++ core scores, and the result comes back as the C
ABI's JSON document, whose records are offered as sequences of dicts with ``.to_pandas()``
(percentages and weights as ``decimal.Decimal``).
"""
from __future__ import annotations

import decimal
import functools
import json

from . import _core
from ._frame import Frame
from .trueup import _table

STANDARD_KEYS = _core.STANDARD_FIELDS
SECTION_KEYS = _core.SECTION_FIELDS
QUESTION_KEYS = _core.QUESTION_FIELDS
ANSWER_KEYS = _core.ANSWER_FIELDS
_DECIMALS = frozenset({"score", "coverage", "weight", "points", "contribution", "lost"})
_NESTED = ("sections", "questions", "findings", "initiatives")


def _per_tenant(tenants: list, key: str) -> list:
    # The nested records flattened, each with its tenant first (findings carry it already).
    return [{"tenant": t["tenant"], **row} for t in tenants for row in t[key]]


class AlignmentResult:
    """``tenants`` (one summary record per tenant: score, coverage and the counts of answers),
    ``sections``, ``questions``, ``findings`` and ``initiatives`` (flat, each with its tenant;
    the initiatives are roadmap records ``mspcore.budget`` takes as they are); ``standard``
    ({"id", "name", "version"}) and ``quarter`` (of the initiatives, or None)."""

    def __init__(self, document: str):
        self._json = document
        self._doc = json.loads(document)
        self.standard = self._doc["standard"]
        self.quarter = self._doc["quarter"]

    @functools.cached_property
    def tenants(self) -> Frame:
        return Frame([{k: v for k, v in t.items() if k not in _NESTED} for t in self._doc["tenants"]], _DECIMALS)

    @functools.cached_property
    def sections(self) -> Frame:
        return Frame(_per_tenant(self._doc["tenants"], "sections"), _DECIMALS)

    @functools.cached_property
    def questions(self) -> Frame:
        return Frame(_per_tenant(self._doc["tenants"], "questions"), _DECIMALS)

    @functools.cached_property
    def findings(self) -> Frame:
        return Frame([f for t in self._doc["tenants"] for f in t["findings"]], _DECIMALS)

    @functools.cached_property
    def initiatives(self) -> Frame:
        return Frame([x for t in self._doc["tenants"] for x in t["initiatives"]])

    def score(self, tenant: str) -> decimal.Decimal | None:
        """The tenant's score in percent (None when none of its answers is scored)."""
        for t in self._doc["tenants"]:
            if t["tenant"] == tenant:
                return None if t["score"] is None else decimal.Decimal(t["score"])
        raise _core.InvalidArgumentError(f"no answers of tenant {tenant!r}")

    def to_json(self) -> str:
        """The result as the JSON document of the C ABI (msp_vcio_alignment_json)."""
        return self._json

    def __repr__(self) -> str:
        return (f"AlignmentResult(standard={self.standard['id']!r}, tenants={len(self._doc['tenants'])}, "
                f"findings={len(self.findings)})")


def alignment_score(standards, answers, *, quarter=None, as_of=None) -> AlignmentResult:
    """Each tenant's alignment with the standard ``standards`` (a dict or its JSON text:
    id, name, version, sections with id, title, weight and their questions with id, text,
    weight, priority 1..5, recommendation, estimated_cost, currency, cost_category) from
    ``answers`` (a list of dicts or a DataFrame: tenant, question, answer aligned | partial |
    misaligned | not_applicable | unanswered, note, answered_at).

    ``quarter`` ("YYYY-Qn") or ``as_of`` (a date: the quarter after it): the quarter of the
    proposed initiatives made from the findings; neither: no initiatives.
    """
    options = {"quarter": quarter, "as_of": as_of}
    return AlignmentResult(_core._alignment_json(standards, None if answers is None else _table(answers), options))
