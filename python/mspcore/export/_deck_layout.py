"""The deck's page furniture on python-pptx: layouts found by name in any template (with a
fallback by structure), slides with a title, a content box below it and a footer, and native
tables, charts and text boxes placed in that box. Knows nothing of the model's sections."""
from __future__ import annotations

from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

GOOD, BAD, NEUTRAL, WARN = "2F855A", "C53030", "4A5568", "C05621"
STATUS_COLOURS = {"supported": "38A169", "due_soon": "DD6B20", "overdue": "C53030", "unknown": "A0AEC0"}
FOOTER_H = Inches(0.45)
MARGIN = Inches(0.5)
_FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    def split(self, *fractions, gap=Inches(0.3)):
        """Side by side boxes with the given width fractions (summing to 1)."""
        free = self.width - gap * (len(fractions) - 1)
        out, left = [], self.left
        for f in fractions:
            width = int(free * f)
            out.append(Box(left, self.top, width, self.height))
            left += width + gap
        return out

    def rows(self, *fractions, gap=Inches(0.2)):
        """Stacked boxes with the given height fractions (summing to 1)."""
        free = self.height - gap * (len(fractions) - 1)
        out, top = [], self.top
        for f in fractions:
            height = int(free * f)
            out.append(Box(self.left, top, self.width, height))
            top += height + gap
        return out


def rgb(hex_text: str) -> RGBColor:
    return RGBColor.from_string(hex_text)


def _placeholder_types(layout):
    return [ph.placeholder_format.type for ph in layout.placeholders]


def find_layout(prs, names, purpose):
    """The first layout named in ``names`` (case-insensitive); else the one whose placeholders
    fit ``purpose`` best ("title": a centred title and a subtitle; "content": a title and as
    little else as possible; "agenda": a title and one body), the template's first on ties."""
    by_name = {layout.name.strip().lower(): layout for layout in prs.slide_layouts}
    for name in names:
        if name.lower() in by_name:
            return by_name[name.lower()]

    def rank(layout):
        types = _placeholder_types(layout)
        titled = any(t in _TITLE_TYPES for t in types)
        others = sum(1 for t in types if t not in _FOOTER_TYPES + _TITLE_TYPES)
        if purpose == "title":
            return (PP_PLACEHOLDER.CENTER_TITLE not in types, PP_PLACEHOLDER.SUBTITLE not in types, not titled)
        if purpose == "agenda":
            return (not titled, abs(others - 1))
        return (not titled, others)
    return min(prs.slide_layouts, key=rank)


def clear_slides(prs) -> None:
    """A template's own example slides are not part of the deck."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def title_placeholder(slide):
    for ph in slide.placeholders:
        if ph.placeholder_format.type in _TITLE_TYPES:
            return ph
    return None


def body_placeholder(slide):
    for ph in slide.placeholders:
        if ph.placeholder_format.type not in _FOOTER_TYPES + _TITLE_TYPES:
            return ph
    return None


def drop_unused_placeholders(slide, keep=()) -> None:
    """Empty placeholders would show 'Click to add text' in an editor: remove them."""
    keep_ids = {id(k._element) for k in keep if k is not None}
    for ph in list(slide.placeholders):
        if id(ph._element) not in keep_ids:
            ph._element.getparent().remove(ph._element)


def set_text(frame, lines, size=None, bold=False, colour=None, align=None) -> None:
    """Replace a text frame's text with ``lines`` (str, or lists of (text, {style}) runs)."""
    frame.clear()
    for n, line in enumerate(lines):
        p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        if align is not None:
            p.alignment = align
        for text, style in ([(line, {})] if isinstance(line, str) else line):
            run = p.add_run()
            run.text = text
            font = run.font
            if style.get("size", size):
                font.size = Pt(style.get("size", size))
            if style.get("bold", bold):
                font.bold = True
            if style.get("colour", colour):
                font.color.rgb = rgb(style.get("colour", colour))


def text_box(slide, box: Box, lines, size=14, bold=False, colour=None, align=None, anchor=MSO_ANCHOR.TOP, name=None):
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    if name:
        shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    set_text(frame, lines, size=size, bold=bold, colour=colour, align=align)
    return shape


def table(slide, box: Box, header, rows, widths=None, size=11, row_height=Inches(0.36), name=None, align=None):
    """A native table: ``rows`` of cells (text, or (text, {colour, bold})), header bold.
    ``widths`` are fractions of the box; ``align`` per column ('l', 'r', 'c')."""
    shape = slide.shapes.add_table(len(rows) + 1, len(header), box.left, box.top, box.width,
                                   row_height * (len(rows) + 1))
    if name:
        shape.name = name
    tbl = shape.table
    if widths:
        used = 0
        for n, fraction in enumerate(widths):
            width = box.width - used if n == len(widths) - 1 else int(box.width * fraction)
            tbl.columns[n].width = Emu(width)
            used += width
    size = fitting_size(tbl, [header] + list(rows), size)
    for r in range(len(rows) + 1):
        tbl.rows[r].height = Emu(row_height)
    alignment = {"l": PP_ALIGN.LEFT, "r": PP_ALIGN.RIGHT, "c": PP_ALIGN.CENTER}
    for r, cells in enumerate([header] + list(rows)):
        for c, cell_value in enumerate(cells):
            text, style = cell_value if isinstance(cell_value, tuple) else (cell_value, {})
            cell = tbl.cell(r, c)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            set_text(cell.text_frame, [[(str(text), style)]], size=size, bold=(r == 0))
            cell.text_frame.word_wrap = True
            if align and align[c] in alignment:
                cell.text_frame.paragraphs[0].alignment = alignment[align[c]]
    return shape


EM = 0.7  # a character, bold or of a wide substitute font, is at most about 0.7 em wide
CELL_MARGINS = Inches(0.2)


def fitting_size(tbl, rows, size, smallest=8):
    """The largest font size up to ``size`` at which no word of a column is wider than the
    column, so no word breaks across lines (narrow 4:3 templates, wide substitute fonts); at
    the smallest size, columns still too narrow take width from the one with the most to
    spare (the free text). An estimate from character counts, not font metrics."""
    longest = []
    for column in range(len(tbl.columns)):
        words = [w for r in rows for w in str(r[column][0] if isinstance(r[column], tuple) else r[column]).split()]
        longest.append(max((len(w) for w in words), default=0))
        room = Emu(tbl.columns[column].width - CELL_MARGINS).pt
        if longest[-1]:
            size = min(size, room / (EM * longest[-1]))
    size = max(smallest, int(size))
    need = [int(Pt(EM * size * n)) + CELL_MARGINS for n in longest]
    for column, col in enumerate(tbl.columns):
        short = need[column] - col.width
        if short > 0:
            donor = max(range(len(need)), key=lambda c: tbl.columns[c].width - need[c])
            spare = tbl.columns[donor].width - need[donor]
            if donor != column and spare > 0:
                moved = min(short, spare)
                tbl.columns[donor].width = Emu(tbl.columns[donor].width - moved)
                col.width = Emu(col.width + moved)
    return size


def chart(slide, box: Box, kind, categories, series, number_format="General", name=None, legend=True,
          labels=False, label_format=None, axis_min=0, axis_max=None, colours=None, font_size=11, title=None,
          label_position=None, label_colour=None):
    """A native chart whose data sits in the deck (an embedded workbook): ``series`` is a list of
    (name, values) over ``categories``. Value axes start at ``axis_min`` explicitly: LibreOffice
    otherwise picks its own minimum for bars."""
    data = CategoryChartData(number_format=number_format)
    data.categories = list(categories)
    for series_name, values in series:
        data.add_series(series_name, list(values))
    frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, data)
    if name:
        frame.name = name
    ch = frame.chart
    ch.font.size = Pt(font_size)
    ch.has_title = bool(title)
    if title:
        ch.chart_title.text_frame.text = title
        ch.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(font_size + 1)
        ch.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
    ch.has_legend = legend and len(series) > 1
    if ch.has_legend:
        ch.legend.position = XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
    if kind not in (XL_CHART_TYPE.DOUGHNUT, XL_CHART_TYPE.PIE):
        axis = ch.value_axis
        if axis_min is not None:
            axis.minimum_scale = axis_min
        if axis_max is not None:
            axis.maximum_scale = axis_max
        axis.has_major_gridlines = True
        axis.major_gridlines.format.line.color.rgb = rgb("E2E8F0")
        axis.tick_labels.number_format = number_format
        axis.tick_labels.number_format_is_linked = False
        ch.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    plot = ch.plots[0]
    if colours:
        for s, colour in zip(plot.series, colours):
            if colour is None:
                continue
            if kind in (XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.LINE):
                s.format.line.color.rgb = rgb(colour)
                s.format.line.width = Pt(2.25)
                s.marker.format.fill.solid()
                s.marker.format.fill.fore_color.rgb = rgb(colour)
            else:
                s.format.fill.solid()
                s.format.fill.fore_color.rgb = rgb(colour)
    if labels:
        plot.has_data_labels = True
        dl = plot.data_labels
        dl.number_format = label_format or number_format
        dl.number_format_is_linked = False
        dl.font.size = Pt(font_size - 1)
        if label_position is not None:
            dl.position = label_position
        if label_colour is not None:
            dl.font.color.rgb = rgb(label_colour)
            dl.font.bold = True
    return frame


def bar_gap(frame, gap=60, overlap=None) -> None:
    plot = frame.chart.plots[0]
    plot.gap_width = gap
    if overlap is not None:
        plot.overlap = overlap


def doughnut_hole(frame, percent: int) -> None:
    hole = frame.chart._chartSpace.find(".//" + qn("c:holeSize"))
    if hole is not None:
        hole.set("val", str(percent))
