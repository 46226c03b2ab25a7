"""The exports' input: a QBR model as a QbrModel, a dict or its JSON text, of the version the
exports were written for; and the optional packages they need."""
from __future__ import annotations

import importlib
import json
from collections.abc import Mapping

from .. import _core

MODEL_VERSION = "mspcore-qbr-1"


def load_model(model) -> dict:
    """The model document as a plain dict (a copy: renderers may not change the caller's)."""
    if hasattr(model, "to_json"):
        text = model.to_json()
    elif isinstance(model, (str, bytes, bytearray)):
        text = model.decode("utf-8") if isinstance(model, (bytes, bytearray)) else model
    elif isinstance(model, Mapping):
        text = json.dumps(dict(model))
    else:
        raise _core.InvalidTypeError(f"model must be a QbrModel, a dict or its JSON text, not {type(model).__name__}")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise _core.ParseError(f"model: not JSON ({e})") from None
    if not isinstance(doc, dict):
        raise _core.InvalidArgumentError(f"model: expected a JSON object, got {type(doc).__name__}")
    version = doc.get("model")
    if version != MODEL_VERSION:
        raise _core.InvalidArgumentError(f"model: version {version!r} is not {MODEL_VERSION!r}, the one this export reads")
    for member in ("tenant", "period", "sections"):
        if member not in doc:
            raise _core.InvalidArgumentError(f"model: no {member!r} member")
    return doc


def require(module: str, package: str):
    """Import an optional dependency of the exports, or say how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise _core.NotFoundError(f"{package} is not installed; the exports need it: pip install mspcore[reports] "
                                  f"({e})") from e
