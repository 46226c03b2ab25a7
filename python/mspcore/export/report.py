"""The QBR / monthly report as one self-contained HTML file and as a PDF, both from one Jinja2
template (docs/export-report.md).

The input is the QBR model (docs/vcio-qbr-model.md): a QbrModel, its dict or its JSON text.
Nothing is recomputed: every figure in the report is a value of the model, formatted. Null
sections are left out, and out of the table of contents. The HTML has its CSS and its SVG
charts inline and fetches nothing; the PDF is WeasyPrint's rendering of the same HTML with
the print rules of the stylesheet (A4, page numbers and the client's name in the margins).

Jinja2 and WeasyPrint are the optional extra ``reports`` (pip install mspcore[reports]),
imported only when a report is made.
"""
from __future__ import annotations

import pathlib

from .. import _core
from . import _sections
from ._files import atomic_output
from ._model import SECTION_TITLES, load_model, present_sections, require, summary

_TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"


def _environment():
    jinja2 = require("jinja2", "the HTML and PDF report")
    # Autoescape everything: client names, ticket titles and alert texts are untrusted text.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def _context(doc: dict) -> dict:
    from markupsafe import Markup  # a Jinja2 dependency

    sections = present_sections(doc)
    data = {}
    for key in sections:
        view = _sections.BUILDERS[key](doc)
        data[key] = _mark_charts(view, Markup)
    return {"s": summary(doc), "sections": sections, "titles": SECTION_TITLES, "data": data, "tenant": doc["tenant"],
            "model_version": doc["model"], "version": _core.__version__,
            "css": Markup((_TEMPLATES / "report.css").read_text(encoding="utf-8"))}


def _mark_charts(view: dict, markup) -> dict:
    """The SVG strings (escaped by svg.py) as markup the template inserts as they are."""
    out = dict(view)
    for key in ("chart", "gauge"):
        if out.get(key):
            out[key] = markup(out[key])
    for key in ("charts", "gauges"):
        if out.get(key):
            out[key] = [markup(c) for c in out[key]]
    return out


def qbr_html(model) -> str:
    """The report as one HTML document (inline CSS and SVG, no external resources)."""
    doc = load_model(model)
    return _environment().get_template("report.html.j2").render(**_context(doc))


def write_html(model, path) -> pathlib.Path:
    """Writes qbr_html(model) to ``path`` (UTF-8) and returns the path."""
    path = pathlib.Path(path)
    page = qbr_html(model)
    with atomic_output(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path


def qbr_pdf(model, path) -> pathlib.Path:
    """The report as a PDF at ``path``: WeasyPrint's rendering of qbr_html(model), tagged for
    accessibility (PDF/UA structure tags: headings, tables, reading order)."""
    html_text = qbr_html(model)
    weasyprint = require("weasyprint", "the PDF report")
    path = pathlib.Path(path)
    # No base_url: the HTML references nothing outside itself, so nothing can be fetched.
    with atomic_output(path) as tmp:
        weasyprint.HTML(string=html_text).write_pdf(str(tmp), pdf_tags=True)
    return path
