"""Builds the deck: opens the template, makes the title and agenda slides, then one or more
slides per present section in the model's order (docs/export-deck.md)."""
from __future__ import annotations

import datetime as _dt
import importlib.resources
import io

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from .. import _core
from . import _deck_format as fmt, _deck_health, _deck_service, _deck_vcio
from ._deck_layout import (FOOTER_H, MARGIN, NEUTRAL, Box, body_placeholder, clear_slides, drop_unused_placeholders,
                           find_layout, set_text, text_box, title_placeholder)

# Section -> (agenda text, renderer). The order of the deck; service health sits after risk.
SECTIONS = {
    "kpis": ("Service KPIs and trends", _deck_service.kpi_slides),
    "sla": ("SLA attainment", _deck_service.sla_slides),
    "security": ("Security alerts", _deck_service.security_slides),
    "risk": ("Security risk", _deck_service.risk_slides),
    "backup": ("Backup, patching and availability", _deck_health.health_slides),
    "trueup": ("Licence true-up", _deck_vcio.trueup_slides),
    "lifecycle": ("Asset lifecycle", _deck_vcio.lifecycle_slides),
    "roadmap": ("Roadmap", _deck_vcio.roadmap_slides),
    "budget": ("Budget", _deck_vcio.budget_slides),
    "alignment": ("Standards alignment", _deck_vcio.alignment_slides),
}
TITLE_LAYOUTS = ("Title Slide", "Title")
CONTENT_LAYOUTS = ("Title Only", "Title only", "Nur Titel")
AGENDA_LAYOUTS = ("Title and Content", "Title and Text", "Titel und Inhalt")


def default_template():
    return importlib.resources.files(__package__).joinpath("templates", "qbr.pptx").read_bytes()


def present_sections(doc: dict):
    """The sections that get slides: those the model lists as present."""
    listed = set(doc.get("sections") or [])
    return [s for s in SECTIONS if doc.get(s) is not None and s in listed]


class Deck:
    """The presentation being written and the parts every slide shares."""

    def __init__(self, doc: dict, template, logo):
        self.doc = doc
        source = io.BytesIO(default_template()) if template is None else template
        try:
            self.prs = Presentation(source)
        except Exception as e:  # python-pptx raises several kinds for a file that is no .pptx
            raise _core.InvalidArgumentError(f"template: not a PowerPoint .pptx file ({type(e).__name__}: {e})") from e
        clear_slides(self.prs)
        self.logo = logo
        self.title_layout = find_layout(self.prs, TITLE_LAYOUTS, "title")
        self.content_layout = find_layout(self.prs, CONTENT_LAYOUTS, "content")
        self.agenda_layout = find_layout(self.prs, AGENDA_LAYOUTS, "agenda")
        self.width, self.height = self.prs.slide_width, self.prs.slide_height
        client = doc.get("client") or {}
        msp = doc.get("msp") or {}
        self.client_name = client.get("name") or doc["tenant"]
        self.msp_name = msp.get("name") or ""

    # -- slides -------------------------------------------------------------------------
    def slide(self, title: str, layout=None, keep_body=False):
        """A content slide with ``title``; returns it and the free box below the title."""
        slide = self.prs.slides.add_slide(layout or self.content_layout)
        ph = title_placeholder(slide)
        drop_unused_placeholders(slide, keep=(ph, body_placeholder(slide) if keep_body else None))
        if ph is not None:
            ph.text_frame.text = title
            top = ph.top + ph.height + Inches(0.2)
        else:  # a template without a titled layout: our own title box
            text_box(slide, Box(MARGIN, Inches(0.3), self.width - 2 * MARGIN, Inches(0.8)), [title], size=28,
                     bold=True, anchor=MSO_ANCHOR.BOTTOM, name="Title")
            top = Inches(1.3)
        self._footer(slide)
        box = Box(MARGIN, top, self.width - 2 * MARGIN, self.height - FOOTER_H - Inches(0.1) - top)
        return slide, box

    def _footer(self, slide) -> None:
        number = len(self.prs.slides)
        period = self.doc["period"]["label"]
        parts = [p for p in (self.msp_name, f"QBR {period}", self.client_name) if p]
        y = self.height - FOOTER_H
        text_box(slide, Box(MARGIN, y, Inches(8), Inches(0.35)), [" \u00b7 ".join(parts)], size=10, colour=NEUTRAL,
                 name="Footer")
        right = self.width - MARGIN
        if self.logo is not None:
            pic = self._picture(slide, right, y, Inches(0.32), name="Logo")
            right = pic.left - Inches(0.15)
        text_box(slide, Box(right - Inches(0.8), y, Inches(0.8), Inches(0.35)), [str(number)], size=10,
                 colour=NEUTRAL, align=PP_ALIGN.RIGHT, name="Slide number")

    def _picture(self, slide, right, top, height, name):
        logo = self.logo
        if hasattr(logo, "seek"):
            logo.seek(0)
        try:
            pic = slide.shapes.add_picture(logo if not isinstance(logo, bytes) else io.BytesIO(logo), 0, top,
                                           height=height)
        except Exception as e:
            raise _core.InvalidArgumentError(f"logo: not an image python-pptx can place ({type(e).__name__}: {e})") from e
        pic.left = right - pic.width
        pic.name = name
        return pic

    def title_slide(self) -> None:
        doc = self.doc
        slide = self.prs.slides.add_slide(self.title_layout)
        title = title_placeholder(slide)
        sub = body_placeholder(slide)
        lines = [f"Quarterly Business Review \u00b7 {fmt.period_span(doc['period'])}"]
        if self.msp_name:
            lines.append(f"Presented by {self.msp_name}")
        lines.append(f"Figures as of {doc.get('as_of') or doc['period']['end']}")
        if title is not None:
            title.text_frame.text = self.client_name
        else:
            text_box(slide, Box(Inches(1), Inches(2.2), self.width - Inches(2), Inches(1.5)), [self.client_name],
                     size=40, bold=True, anchor=MSO_ANCHOR.BOTTOM, name="Title")
        if sub is not None:
            set_text(sub.text_frame, lines, size=20)
        else:
            text_box(slide, Box(Inches(1), Inches(3.9), self.width - Inches(2), Inches(1.8)), lines, size=20,
                     name="Subtitle")
        drop_unused_placeholders(slide, keep=(title, sub))
        if self.logo is not None:
            self._picture(slide, self.width - Inches(0.8), Inches(0.6), Inches(1.0), name="Logo")

    def agenda(self, sections) -> None:
        slide, box = self.slide("Agenda", self.agenda_layout, keep_body=True)
        body = body_placeholder(slide)
        items = [SECTIONS[s][0] for s in sections]
        if body is not None:
            set_text(body.text_frame, items, size=20)
        else:
            text_box(slide, box, [f"\u2022 {item}" for item in items], size=20, name="Agenda")


def build(doc: dict, template=None, logo=None, trend_kpis=None):
    deck = Deck(doc, template, logo)
    sections = present_sections(doc)
    deck.title_slide()
    deck.agenda(sections)
    for section in sections:
        renderer = SECTIONS[section][1]
        if section == "kpis":
            renderer(deck, doc[section], trend_kpis=trend_kpis)
        else:
            renderer(deck, doc[section])
    props = deck.prs.core_properties
    props.title = f"QBR {doc['period']['label']} \u2013 {deck.client_name}"
    props.author = props.last_modified_by = deck.msp_name or "mspcore"
    props.subject = "Quarterly Business Review"
    as_of = _dt.date.fromisoformat(doc.get("as_of") or doc["period"]["end"])
    props.created = props.modified = _dt.datetime(as_of.year, as_of.month, as_of.day)
    props.revision = 1
    return deck.prs
