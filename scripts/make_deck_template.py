#!/usr/bin/env python3
"""Writes the default QBR deck template, python/mspcore/export/templates/qbr.pptx (16:9).

python-pptx's own default template is 4:3; changing the slide size of a finished deck leaves
its layouts' placeholders at 4:3 positions. So the size is set first, on the empty default
presentation, and every placeholder of the master and the layouts is then scaled to it before
any slide exists; the look (Arial, so LibreOffice renders with the metric-compatible Liberation
Sans; a calm colour scheme; left-aligned titles with an accent rule) lives in the theme, the
master and the layouts, where an MSP's designer would change it. The deck uses the layouts
"Title Slide", "Title and Content" and "Title Only" by name.

Run from the repository root:  python scripts/make_deck_template.py [output.pptx]
"""
from __future__ import annotations

import datetime as dt
import pathlib
import sys

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.autoshape import Shape
from pptx.util import Emu, Inches, Pt

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "python" / "mspcore" / "export" / "templates" / "qbr.pptx"

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: 16:9, PowerPoint's "Widescreen"
OLD_WIDTH = Inches(10)
DARK, ACCENT = "1A365D", "2B6CB0"
COLOURS = {"dk2": DARK, "lt2": "EDF2F7", "accent1": ACCENT, "accent2": "ED8936", "accent3": "38A169",
           "accent4": "805AD5", "accent5": "319795", "accent6": "D53F8C"}


def scale_x(element) -> None:
    """Stretch every explicit position of a master or layout horizontally from 4:3 to 16:9."""
    for xfrm in element.iter(qn("a:xfrm")):
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None:
            off.set("x", str(int(off.get("x")) * WIDTH // OLD_WIDTH))
        if ext is not None:
            ext.set("cx", str(int(ext.get("cx")) * WIDTH // OLD_WIDTH))


def place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def theme(prs) -> None:
    """Arial for headings and body; the colour scheme above."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    for font in ("a:majorFont", "a:minorFont"):
        root.find(f".//{qn(font)}/{qn('a:latin')}").set("typeface", "Arial")
    scheme = root.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", "mspcore QBR")
    for name, rgb in COLOURS.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=rgb)
    root.set("name", "mspcore QBR")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rule(tree, shape_id: int, name: str, left, top, width, height, rgb: str) -> None:
    """A filled rectangle without outline, behind the placeholders of a master or layout."""
    sp = CT_Shape.new_autoshape_sp(shape_id, name, "rect", left, top, width, height)
    shape = Shape(sp, None)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(rgb)
    shape.line.fill.background()
    tree.insert(2, sp)  # after nvGrpSpPr and grpSpPr: drawn first, so behind the text


def master(prs) -> None:
    m = prs.slide_master
    scale_x(m._element)
    title, body = m.placeholders[0], m.placeholders[1]
    place(title, Inches(0.5), Inches(0.3), WIDTH - Inches(1.0), Inches(0.85))
    place(body, Inches(0.5), Inches(1.4), WIDTH - Inches(1.0), Inches(5.35))
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM  # titles sit on the rule below
    styles = m._element.find(qn("p:txStyles"))
    lvl1 = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    lvl1.set("algn", "l")
    rpr = lvl1.find(qn("a:defRPr"))
    rpr.set("sz", "2800")
    rpr.set("b", "1")
    for level in styles.find(qn("p:bodyStyle")):
        size = level.find(qn("a:defRPr"))
        if size is not None and size.get("sz"):
            size.set("sz", str(int(size.get("sz")) * 2 // 3))  # 32/28/24 pt -> 21/18/16 pt
    rule(m.shapes._spTree, 90, "Accent rule", Inches(0.5), Inches(1.2), WIDTH - Inches(1.0), Pt(2), ACCENT)
    rule(m.shapes._spTree, 91, "Accent band", 0, 0, WIDTH, Inches(0.12), DARK)


def title_layout(prs) -> None:
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Slide")
    layout._element.set("showMasterSp", "0")  # its own band instead of the master's rules
    title, subtitle = layout.placeholders[0], layout.placeholders[1]
    place(title, Inches(1.0), Inches(2.2), WIDTH - Inches(2.0), Inches(1.5))
    place(subtitle, Inches(1.0), Inches(3.9), WIDTH - Inches(2.0), Inches(1.8))
    for ph in (title, subtitle):
        for p in ph.text_frame.paragraphs:
            p.alignment = PP_ALIGN.LEFT
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    rule(layout.shapes._spTree, 92, "Title band", 0, 0, Inches(0.45), HEIGHT, DARK)
    rule(layout.shapes._spTree, 93, "Title rule", Inches(1.0), Inches(3.8), Inches(3.0), Pt(4), ACCENT)
    # The layout's placeholders carry their own left alignment (lstStyle) for slides made from it.
    for ph in (title, subtitle):
        lst = ph._element.txBody.find(qn("a:lstStyle"))
        if lst is None:
            lst = etree.Element(qn("a:lstStyle"))
            ph._element.txBody.insert(1, lst)  # after a:bodyPr, as the schema orders them
        lvl = lst.find(qn("a:lvl1pPr"))
        if lvl is None:
            lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
        lvl.set("algn", "l")
        lvl.set("marL", "0")
        lvl.set("indent", "0")
        if ph is title:  # the client's name, 40 pt bold
            rpr = lvl.find(qn("a:defRPr"))
            rpr = etree.SubElement(lvl, qn("a:defRPr")) if rpr is None else rpr
            rpr.set("sz", "4000")
            rpr.set("b", "1")


def main(out: pathlib.Path) -> None:
    prs = Presentation()
    # Before anything else: the size the master and layouts are then fitted to.
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    theme(prs)
    master(prs)
    for layout in prs.slide_layouts:
        scale_x(layout._element)
    title_layout(prs)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "mspcore QBR template", "mspcore", "mspcore"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(out)
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(prs.slide_layouts)} layouts)")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
