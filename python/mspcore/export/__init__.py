"""Exports of the QBR report model (docs/vcio-qbr-model.md): renderings that only format the
model's numbers, never recompute them. The renderers need the optional ``reports`` extra
(``pip install mspcore[reports]``); importing this package does not.

- ``qbr_deck(model, path, template=None, logo=None)``: an editable PowerPoint deck with native
  charts (docs/export-deck.md).
"""
from __future__ import annotations

from .deck import qbr_deck  # noqa: F401  (deck.py imports python-pptx only when called)
