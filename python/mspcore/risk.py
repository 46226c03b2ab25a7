"""Client risk score (docs/security-risk.md): 0-100, higher is riskier, with grade, coverage,
per-factor contributions and the model version; a risk register rated on NIST SP 800-30
Table I-2.

Thin glue: inputs and model go to the C++ core as JSON text; the result comes back as a dict.
"""
from __future__ import annotations

import json

from . import _core
from ._json import json_text as _json_text

FACTORS = ("incidents", "threats", "vulnerabilities", "lifecycle", "backup", "patch", "controls")
NIST_LEVELS = ("Very Low", "Low", "Moderate", "High", "Very High")


def risk_score(inputs, model=None) -> dict:
    """The risk score of a client.

    ``inputs`` (dict or JSON string) may hold ``incidents`` (list of ``{"priority": 1-5 or
    "P1", "age_days": n}``), ``unmitigated_threats`` (count), ``vulnerabilities`` (list of
    ``{"id", "cvss": vector or "cvss_score": 0-10, "epss": 0-1, "kev": bool}``),
    ``kev_catalog`` (CVE ids, or the CISA KEV catalogue dict), ``lifecycle`` (``{"assets",
    "past_warranty", "os_past_eol"}``), ``backup_compliance`` and ``patch_compliance``
    (percent), ``controls`` (list of ``{"id", "weight": "high"|"medium"|"low", "answer":
    "aligned"|"partial"|"not_aligned"|"not_applicable"}``) and ``risk_register`` (list of
    ``{"id", "title", "likelihood", "impact"}``, levels 1-5 or "Very Low".."Very High").
    A missing member lowers the coverage and counts as the model's ``missing_factor_risk``
    (0.5 by default), never as perfect.

    ``model`` (dict or JSON string) replaces parts of default_risk_model() and must then
    give its own ``"version"``.

    Returns ``{"score": 0-100 (one decimal), "grade": "A".."F", "coverage": 0-100,
    "contributions": {factor: {"known", "risk", "weight", "points", "detail"}},
    "model_version": str, "risk_register": [{"id", "title", "likelihood", "impact",
    "level"}]}``. Bad input raises InvalidArgumentError (unknown key), OutOfRangeError
    (percent over 100, negative count), ParseError (malformed CVSS vector, naming the entry).
    """
    model_text = None if model is None else _json_text(model, "model")
    return json.loads(_core.risk_score_json(_json_text(inputs, "inputs"), model_text))


def default_risk_model() -> dict:
    """The default risk model "mspcore-risk-1", in the format ``model`` takes."""
    return json.loads(_core.default_risk_model_json())


def _level(value, what: str) -> int:
    if isinstance(value, bool):
        raise _core.InvalidTypeError(f"{what} must be 1-5 or a NIST level name, not bool")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        key = value.strip().lower().replace("_", " ").replace("-", " ")
        for i, name in enumerate(NIST_LEVELS, start=1):
            if key == name.lower() or key == str(i):
                return i
        raise _core.InvalidArgumentError(f"{what}: unknown NIST level {value!r} (known: {', '.join(NIST_LEVELS)} or 1-5)")
    raise _core.InvalidTypeError(f"{what} must be 1-5 or a NIST level name, not {type(value).__name__}")


def nist_risk_level(likelihood, impact) -> str:
    """NIST SP 800-30 Rev.1 Table I-2: the level of risk ("Very Low".."Very High") of a
    likelihood and an impact, each 1-5 or a level name."""
    return _core.nist_risk_level(_level(likelihood, "likelihood"), _level(impact, "impact"))
