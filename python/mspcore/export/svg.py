"""Small SVG chart writers for the reports (docs/export-report.md): pure Python, deterministic
text out, readable without colour.

Every chart is ``role="img"`` with an ``aria-label``, a ``<title>`` and a ``<desc>`` that says
what it shows in words; every value is printed as a text label next to its mark, axes are
labelled in text, and series are told apart by patterns (solid, hatched, dotted) and a legend,
never by colour alone. The charts only draw: values arrive as numbers for the geometry *and*
as the text to print (the report formats them), so a chart cannot show a figure the model
does not hold.

``chart_id`` prefixes the ids inside a chart (patterns), so several charts can be inlined into
one HTML document without clashing ids.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape as _escape

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
INK = "#1f2933"       # text and lines: near-black, readable in greyscale
MUTED = "#52606d"     # axes and grid labels (contrast > 4.5:1 on white)
GRID = "#d9dee3"
# Fill tones are chosen to differ in lightness (so they differ in greyscale); patterns on top
# carry the distinction on their own.
TONES = ("#2f5d8a", "#9fb3c8", "#e4e7eb")
PATTERNS = ("solid", "hatch", "dots", "plain")


def _text(value) -> str:
    return _escape(str(value), {'"': "&quot;"})


def _n(x: float) -> str:
    """A coordinate with one decimal, without a trailing .0: stable text for the same input."""
    r = round(float(x), 1)
    if r == 0:
        r = 0.0  # no "-0"
    s = f"{r:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{_text(chart_id)}" role="img" '
        f'aria-labelledby="{_text(chart_id)}-title {_text(chart_id)}-desc" aria-label="{_text(title)}: {_text(desc)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}" font-size="11" fill="{INK}">',
        f'<title id="{_text(chart_id)}-title">{_text(title)}</title>',
        f'<desc id="{_text(chart_id)}-desc">{_text(desc)}</desc>',
    ]


def _patterns(chart_id: str) -> str:
    """hatch (diagonal lines) and dots, each on its own lightness tone, and plain (white);
    "solid" is a plain dark fill (_fill)."""
    cid = _text(chart_id)
    return (
        "<defs>"
        f'<pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{TONES[1]}"/>'
        f'<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="{INK}" stroke-width="1.2"/></pattern>'
        f'<pattern id="{cid}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="{TONES[2]}"/><circle cx="2.5" cy="2.5" r="1.1" fill="{INK}"/></pattern>'
        f'<pattern id="{cid}-plain" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#ffffff"/></pattern>'
        "</defs>"
    )


def _fill(chart_id: str, pattern: str) -> str:
    if pattern not in PATTERNS:
        raise ValueError(f"pattern {pattern!r} is not one of {', '.join(PATTERNS)}")
    if pattern == "solid":  # a plain fill: a tiled pattern would show seams in some renderers
        return TONES[0]
    return f"url(#{_text(chart_id)}-{pattern})"


def _nice_max(value: float) -> float:
    """The axis maximum: the value rounded up to 1, 2 or 5 x 10^k (at least 1)."""
    if value <= 0:
        return 1.0
    exp = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        top = step * 10 ** exp
        if top >= value - 1e-12:
            return float(top)
    return float(10 ** (exp + 1))  # pragma: no cover - the loop always returns


def line_chart(chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[float | None],
               value_texts: Sequence[str], *, y_label: str = "", y_min: float | None = None,
               y_max: float | None = None, width: int = 330, height: int = 170) -> str:
    """One series over periods: a line with a marker and the value printed above each point;
    a missing value (None) breaks the line and is labelled "n/a"."""
    if not (len(labels) == len(values) == len(value_texts)):
        raise ValueError("line_chart: labels, values and value_texts must have the same length")
    left, right, top, bottom = 40, 14, 40, 26
    inset = 18  # the first and last point away from the axis labels and the edge
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [float(v) for v in values if v is not None]
    lo = min(known + [0.0]) if y_min is None else y_min
    hi = _nice_max(max(known + [lo + 1e-9])) if y_max is None else y_max
    if hi <= lo:
        hi = lo + 1.0
    step = (plot_w - 2 * inset) / max(len(labels) - 1, 1) if len(labels) > 1 else 0.0
    x_of = [left + (inset + i * step if len(labels) > 1 else plot_w / 2) for i in range(len(labels))]

    def y_of(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    out = _open(chart_id, width, height, title, desc)
    # Axis and three grid lines with their values as text.
    for frac in (0.0, 0.5, 1.0):
        v = lo + frac * (hi - lo)
        y = y_of(v)
        out.append(f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" stroke="{GRID}"/>')
        out.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end" fill="{MUTED}" font-size="9">'
                   f'{_text(_axis_number(v))}</text>')
    # The title, visible (the <title> element is not drawn): the unit in parentheses.
    caption = f"{title} ({y_label})" if y_label else title
    out.append(f'<text x="4" y="13" font-size="11" font-weight="bold">{_text(caption)}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    # The line, broken at missing values.
    run: list[str] = []
    for i, v in enumerate(values):
        if v is None:
            if len(run) > 1:
                out.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{INK}" stroke-width="2"/>')
            run = []
            continue
        run.append(f"{_n(x_of[i])},{_n(y_of(float(v)))}")
    if len(run) > 1:
        out.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{INK}" stroke-width="2"/>')
    for i, (label, v, text) in enumerate(zip(labels, values, value_texts)):
        x = x_of[i]
        out.append(f'<text x="{_n(x)}" y="{height - bottom + 14}" text-anchor="middle" fill="{MUTED}" font-size="9">'
                   f'{_text(label)}</text>')
        if v is None:
            out.append(f'<text x="{_n(x)}" y="{_n(top + plot_h - 4)}" text-anchor="middle" font-size="9">n/a</text>')
            continue
        y = y_of(float(v))
        last = i == len(values) - 1
        out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{4 if last else 3}" fill="{"#ffffff" if last else INK}" '
                   f'stroke="{INK}" stroke-width="2"/>')
        weight = ' font-weight="bold"' if last else ""
        out.append(f'<text x="{_n(x)}" y="{_n(y - 8)}" text-anchor="middle" font-size="10"{weight}>'
                   f'{_text(text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _axis_number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 10 or float(v).is_integer() else f"{v:.1f}"


def hbar_chart(chart_id: str, title: str, desc: str, bars: Sequence[tuple[str, float, str]], *,
               patterns: Sequence[str] | None = None, max_value: float | None = None, width: int = 480,
               bar_height: int = 18, label_width: int = 150) -> str:
    """Horizontal bars: (label, value, value text) each; the label left of the bar, the value
    text right of it. ``patterns`` (one per bar) tells bars apart without colour."""
    gap, top = 8, 6
    height = top + len(bars) * (bar_height + gap) + 4
    value_room = 90
    plot_w = width - label_width - value_room
    hi = max_value if max_value is not None else max([float(v) for _, v, _ in bars] + [0.0])
    hi = hi if hi > 0 else 1.0
    out = _open(chart_id, width, height, title, desc)
    out.append(_patterns(chart_id))
    for i, (label, value, text) in enumerate(bars):
        y = top + i * (bar_height + gap)
        w = max(float(value), 0.0) / hi * plot_w
        pattern = patterns[i] if patterns else "solid"
        out.append(f'<text x="{label_width - 6}" y="{_n(y + bar_height / 2 + 4)}" text-anchor="end">{_text(label)}</text>')
        out.append(f'<rect x="{label_width}" y="{y}" width="{_n(plot_w)}" height="{bar_height}" fill="none" '
                   f'stroke="{GRID}"/>')
        if w > 0:
            out.append(f'<rect x="{label_width}" y="{y}" width="{_n(w)}" height="{bar_height}" '
                       f'fill="{_fill(chart_id, pattern)}" stroke="{INK}" stroke-width="0.8"/>')
        out.append(f'<text x="{_n(label_width + plot_w + 6)}" y="{_n(y + bar_height / 2 + 4)}" '
                   f'font-weight="bold">{_text(text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def vbar_chart(chart_id: str, title: str, desc: str, bars: Sequence[tuple[str, float, str]], *,
               y_label: str = "", width: int = 480, height: int = 200, pattern: str = "solid") -> str:
    """Vertical bars: (label, value, value text) each; the value printed above its bar."""
    return stacked_bars(chart_id, title, desc, [label for label, _, _ in bars],
                        [("", [v for _, v, _ in bars], [t for _, _, t in bars], pattern)],
                        totals=None, y_label=y_label, width=width, height=height, legend=False)


def stacked_bars(chart_id: str, title: str, desc: str, categories: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float], Sequence[str], str]], *,
                 totals: Sequence[str] | None, y_label: str = "", width: int = 560, height: int = 240,
                 legend: bool = True) -> str:
    """Vertical stacked bars: ``series`` = (name, values, value texts, pattern) each, stacked
    from the bottom in the order given; a segment's text is printed inside it when it fits,
    the total (``totals``, text) above the bar; a legend names each pattern."""
    for name, values, texts, _ in series:
        if not (len(values) == len(texts) == len(categories)):
            raise ValueError(f"stacked_bars: series {name!r} needs one value and text per category")
    left, right, top = 46, 10, 24 if totals is not None else 20
    bottom = 38 + (20 if legend else 0)
    plot_w, plot_h = width - left - right, height - top - bottom
    sums = [sum(max(float(s[1][i]), 0.0) for s in series) for i in range(len(categories))]
    hi = _nice_max(max(sums + [0.0]))
    slot = plot_w / max(len(categories), 1)
    bar_w = min(slot * 0.6, 60.0)
    out = _open(chart_id, width, height, title, desc)
    out.append(_patterns(chart_id))
    for frac in (0.0, 0.5, 1.0):
        y = top + plot_h - frac * plot_h
        out.append(f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" stroke="{GRID}"/>')
        out.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end" fill="{MUTED}" font-size="9">'
                   f'{_text(_axis_number(frac * hi))}</text>')
    if y_label:
        out.append(f'<text x="4" y="{top - 10}" fill="{MUTED}" font-size="9">{_text(y_label)}</text>')
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar_w) / 2
        base = top + plot_h
        for name, values, texts, pattern in series:
            v = max(float(values[i]), 0.0)
            h = v / hi * plot_h
            if h <= 0:
                continue
            base -= h
            out.append(f'<rect x="{_n(x)}" y="{_n(base)}" width="{_n(bar_w)}" height="{_n(h)}" '
                       f'fill="{_fill(chart_id, pattern)}" stroke="{INK}" stroke-width="0.8">'
                       f'<title>{_text(category)}{": " + _text(name) if name else ""} {_text(texts[i])}</title></rect>')
            tw = 6.2 * len(str(texts[i])) + 4
            if len(series) > 1 and h >= 14 and tw <= bar_w + 6:
                # On a white box so the text stays legible over any pattern.
                out.append(f'<rect x="{_n(x + bar_w / 2 - tw / 2)}" y="{_n(base + h / 2 - 7)}" width="{_n(tw)}" '
                           f'height="13" fill="#ffffff" opacity="0.9"/>')
                out.append(f'<text x="{_n(x + bar_w / 2)}" y="{_n(base + h / 2 + 3)}" text-anchor="middle" '
                           f'font-size="9">{_text(texts[i])}</text>')
        label = totals[i] if totals is not None else (series[0][2][i] if series else "")
        out.append(f'<text x="{_n(x + bar_w / 2)}" y="{_n(base - 5)}" text-anchor="middle" font-size="10" '
                   f'font-weight="bold">{_text(label)}</text>')
        out.append(f'<text x="{_n(x + bar_w / 2)}" y="{top + plot_h + 14}" text-anchor="middle" fill="{MUTED}" '
                   f'font-size="9">{_text(category)}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    if legend:
        x = left
        y = height - 14
        for name, _, _, pattern in series:
            out.append(f'<rect x="{x}" y="{y - 9}" width="14" height="11" fill="{_fill(chart_id, pattern)}" '
                       f'stroke="{INK}" stroke-width="0.8"/>')
            out.append(f'<text x="{x + 19}" y="{y}">{_text(name)} ({_text(pattern)})</text>')
            x += 30 + 7 * (len(name) + len(pattern) + 3)
    out.append("</svg>")
    return "\n".join(out)


def gauge(chart_id: str, title: str, desc: str, percent: float | None, text: str, caption: str = "", *,
          size: int = 150) -> str:
    """A donut for a share 0..100: the attained part dark, the rest light, and the value as
    text in the middle (``text``; "n/a" when ``percent`` is None), ``caption`` below."""
    r, stroke = size * 0.34, size * 0.13
    cx, cy = size / 2, size * 0.45
    out = _open(chart_id, size, size, title, desc)
    # Background ring: the unattained share, light; the attained arc dark (a lightness contrast,
    # and the value is printed in the middle).
    out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="none" stroke="{TONES[2]}" '
               f'stroke-width="{_n(stroke)}"/>')
    out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r + stroke / 2)}" fill="none" stroke="{MUTED}" '
               f'stroke-width="0.6"/>')
    if percent is not None:
        p = min(max(float(percent), 0.0), 100.0)
        if p >= 100.0:
            out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="none" stroke="{TONES[0]}" '
                       f'stroke-width="{_n(stroke)}"/>')
        elif p > 0:
            angle = p / 100.0 * 2 * math.pi
            x1, y1 = cx, cy - r
            x2, y2 = cx + r * math.sin(angle), cy - r * math.cos(angle)
            large = 1 if p > 50 else 0
            out.append(f'<path d="M{_n(x1)},{_n(y1)} A{_n(r)},{_n(r)} 0 {large} 1 {_n(x2)},{_n(y2)}" fill="none" '
                       f'stroke="{TONES[0]}" stroke-width="{_n(stroke)}"/>')
    out.append(f'<text x="{_n(cx)}" y="{_n(cy + 5)}" text-anchor="middle" font-size="{_n(size * 0.11)}" '
               f'font-weight="bold">{_text(text if percent is not None else "n/a")}</text>')
    if caption:
        out.append(f'<text x="{_n(cx)}" y="{_n(size * 0.93)}" text-anchor="middle" font-size="11">{_text(caption)}</text>')
    out.append("</svg>")
    return "\n".join(out)
