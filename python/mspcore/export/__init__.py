"""Exports of the QBR report model (docs/vcio-qbr-model.md): renderings that only format the
model's numbers, never recompute them. The renderers need the optional ``reports`` extra
(``pip install mspcore[reports]``), imported only when a rendering is made; importing this
package does not need them.

- ``qbr_deck(model, path, template=None, logo=None)``: an editable PowerPoint deck with native
  charts (docs/export-deck.md);
- ``qbr_html(model)``, ``write_html(model, path)``, ``qbr_pdf(model, path)``: the report as
  self-contained HTML and as PDF, from one template (docs/export-report.md);
- ``qbr_email(model, pdf_path, sender, to)``, ``write_eml``, ``send_email``: the report e-mail.
"""
from __future__ import annotations

from ._files import OutputError  # noqa: F401
from ._model import MissingPackageError  # noqa: F401
from .deck import qbr_deck  # noqa: F401
from .mail import qbr_email, send_email, write_eml  # noqa: F401
from .report import qbr_html, qbr_pdf, write_html  # noqa: F401
