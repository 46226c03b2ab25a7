"""The QBR deck: an editable PowerPoint file of one QBR report model (docs/export-deck.md).

Every figure on a slide is the model's, formatted; charts are native PowerPoint charts whose
data (an embedded workbook) a vCIO can restyle or edit. python-pptx is imported only here,
when a deck is made: ``pip install mspcore[reports]``.
"""
from __future__ import annotations

import os
import pathlib

from .._boundary import coded
from ._files import atomic_output
from ._model import load_model, require


def _qbr_deck(model, path, template=None, logo=None, trend_kpis=None):
    """Write the QBR deck of ``model`` (a QbrModel, its dict or its JSON text) to ``path``.

    - ``path``: a file name (str or os.PathLike; returns it as a pathlib.Path) or a writable
      binary file object (returned as it is);
    - ``template``: the MSP's .pptx (a path or a binary file object) whose layouts the deck
      uses by name ("Title Slide", "Title and Content", "Title Only"; others by structure);
      its own slides are dropped. Default: the 16:9 template shipped in the package;
    - ``logo``: an image (path, file object or bytes) for the title slide and the footers;
    - ``trend_kpis``: the KPI ids for the trend charts (default: up to six key KPIs present).
    """
    doc = load_model(model)
    require("pptx", "the QBR deck", "python-pptx")
    from ._deck_build import build  # python-pptx from here on

    if isinstance(template, (str, os.PathLike)) and not pathlib.Path(template).is_file():
        raise_not_found("template", template)
    if isinstance(logo, (str, os.PathLike)) and not pathlib.Path(logo).is_file():
        raise_not_found("logo", logo)
    # python-pptx opens str paths and reads anything else as a file object.
    template = os.fspath(template) if isinstance(template, os.PathLike) else template
    logo = os.fspath(logo) if isinstance(logo, os.PathLike) else logo
    prs = build(doc, template=template, logo=logo, trend_kpis=trend_kpis)
    if hasattr(path, "write"):
        prs.save(path)
        return path
    out = pathlib.Path(path)
    with atomic_output(out) as tmp:
        prs.save(str(tmp))
    return out


def raise_not_found(what, path):
    from .. import _core

    raise _core.NotFoundError(f"{what}: no file {str(path)!r}")


qbr_deck = coded(_qbr_deck, "qbr_deck")
