"""Charts: small SVG figures drawn on the server, to put inline in an HTML page.

    bar_chart        horizontal bars, one per (label, value), the value written after each
    stacked_columns  columns over categories (weeks), a stacked segment per series (rule)
    line_chart       a line with point markers per series, on the same axes
    progress_bar     one bar split in done / not done, with the percentage written above

Each returns one ``<svg>`` element: no XML declaration, script, external font or stylesheet,
nor a ``style`` attribute, so it goes into a page or a self-contained report as is, even
under a strict Content-Security-Policy. ``viewBox`` and ``width="100%"`` scale it to its
container. All four share one frame, :func:`nice_ticks`, the axes and the legend.

Accessible: ``role="img"``, and ``aria-labelledby`` names a ``<title>`` (the chart's title)
and a ``<desc>`` summing the data up in a sentence; each bar, segment and point has its own
``<title>``, shown on hover. Ids start with ``chart_id``, so charts on one page don't
collide. Colours are Okabe–Ito (safe for colour-blind readers), text is #1f2937 (15:1 on
white). Every text is escaped (:func:`_esc`). NaN, infinities, negative values and series of
the wrong length are refused with a ``ValueError`` naming the series and the index; no data
at all shows the ``empty`` text.

    >>> "gedaan: 7 / 9 (78%)" in progress_bar("ack", "Beleid gelezen / policy read", 7, 9)
    True
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["bar_chart", "line_chart", "nice_ticks", "progress_bar", "stacked_columns"]

# Okabe & Ito (2008), "Color Universal Design"; series past the eighth reuse the colours.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
TEXT = "#1f2937"  # every text, 14.7:1 on white
LINE = "#6b7280"  # baseline and outlines
GRID = "#e5e7eb"  # gridlines and the "not done" part of a progress bar
EMPTY = "Geen gegevens / no data"

FONT = 13
CHAR_W = 0.6  # a character's width in ems, roughly: text is laid out without measuring it
PAD = 8
TITLE_H = 32  # the visible title's band at the top
LEGEND_H = 22
ROW_H = 26  # a horizontal bar's row; never less than ROW_MIN
ROW_MIN = 18
X_LABELS_H = 28
MAX_X_LABELS = 12

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_COLOUR = re.compile(r"#(?:[0-9A-Fa-f]{3}){1,2}")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

Series = Sequence[tuple[str, Sequence[float]]]


def nice_ticks(max_value: float) -> list[float]:
    """Ticks from 0 up to ``max_value`` or just above it, in 3 to 5 steps of 1, 2 or 5 × 10^k.

    ``max_value`` 0 (all data zero) gets the ticks of 1; negative or not finite: ValueError.

    >>> nice_ticks(7)
    [0.0, 2.0, 4.0, 6.0, 8.0]
    >>> nice_ticks(0.3)
    [0.0, 0.1, 0.2, 0.3]
    """
    if not math.isfinite(max_value) or max_value < 0:
        raise ValueError(f"nice_ticks needs a finite number >= 0, not {max_value!r}")
    top = max_value or 1.0
    exp = math.floor(math.log10(top / 5))
    for e in (exp - 1, exp, exp + 1):  # one either side, in case log10 rounded the wrong way
        for mantissa in (1, 2, 5):
            step = mantissa * 10.0**e
            steps = math.ceil(top / step - 1e-9)
            if steps <= 5:
                return [float(f"{i * step:.12g}") for i in range(steps + 1)]
    raise AssertionError("unreachable: 5 × 10^(exp+1) covers top in at most 5 steps")


def bar_chart(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    unit: str = "",
    colour: str | None = None,
    width: int = 640,
    height: int | None = None,
    empty: str = EMPTY,
) -> str:
    """Horizontal bars, one per ``(label, value)``, the value written after each bar.

    ``unit`` is appended to the values as is ("%", " posts"); ``colour`` is a hex colour
    (default: the palette's first). The chart is ``ROW_H`` per item high unless ``height``
    says otherwise; items never get less than ``ROW_MIN`` each.
    """
    _check_frame(chart_id, width, height)
    fill = PALETTE[0] if colour is None else colour
    if not _COLOUR.fullmatch(fill):
        raise ValueError(f"colour {colour!r} must be a hex colour such as #0072B2")
    for i, (label, value) in enumerate(items):
        _check_value(f"item {label!r}", i, value)
    if not items:
        return _empty(chart_id, title, empty, width, height or 120, empty)
    shown = [_num(value) + unit for _, value in items]
    label_w = min(max(_width(label) for label, _ in items), width * 0.35)
    left = PAD + label_w + 8
    room = max(width - PAD - left - max(_width(s) for s in shown) - 6, 40.0)
    row = ROW_H if height is None else max((height - TITLE_H - PAD) / len(items), ROW_MIN)
    peak = max(value for _, value in items) or 1.0
    parts = ['<g class="bars">']
    for i, ((label, value), text) in enumerate(zip(items, shown, strict=True)):
        y = TITLE_H + i * row
        bar_w = value / peak * room
        parts.append(_text(left - 8, y + row / 2, _clip(label, label_w), "end"))
        if value > 0:
            parts.append(_rect(left, y + row * 0.2, bar_w, row * 0.6, fill, f"{label}: {text}"))
        parts.append(_text(left + bar_w + 6, y + row / 2, text))
    parts.append("</g>")
    total_h = TITLE_H + row * len(items) + PAD
    return _frame(chart_id, title, _bar_desc(items, shown, unit), width, total_h, parts)


def stacked_columns(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Series,
    *,
    width: int = 640,
    height: int = 280,
    empty: str = EMPTY,
) -> str:
    """Vertical columns over ``categories``, one stacked segment per ``(name, values)``.

    Every series has one value per category, each finite and >= 0; segments of 0 are left
    out. A legend names the series when there are several.
    """
    _check_frame(chart_id, width, height)
    _check_series(categories, series)
    if not categories or not series:
        return _empty(chart_id, title, empty, width, height, empty)
    totals = [math.fsum(values[i] for _, values in series) for i in range(len(categories))]
    plot, parts, total_h = _xy_layout(categories, series, max(totals), width, height)
    col_w = plot.band * 0.7
    parts.append('<g class="bars">')
    for i, category in enumerate(categories):
        base = 0.0
        for j, (name, values) in enumerate(series):
            top, bottom = plot.y(base + values[i]), plot.y(base)
            if values[i] > 0:
                tip = f"{name}, {category}: {_num(values[i])}"
                parts.append(_rect(plot.x(i) - col_w / 2, top, col_w, bottom - top, _hue(j), tip))
            base += values[i]
    parts.append("</g>")
    return _frame(chart_id, title, _series_desc(categories, series), width, total_h, parts)


def line_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Series,
    *,
    width: int = 640,
    height: int = 280,
    empty: str = EMPTY,
) -> str:
    """One line per ``(name, values)`` over ``categories``, a marker on every point.

    Values as for :func:`stacked_columns`; the y axis starts at 0.
    """
    _check_frame(chart_id, width, height)
    _check_series(categories, series)
    if not categories or not series:
        return _empty(chart_id, title, empty, width, height, empty)
    peak = max(max(values) for _, values in series)
    plot, parts, total_h = _xy_layout(categories, series, peak, width, height)
    parts.append('<g class="lines">')
    for j, (name, values) in enumerate(series):
        points = [(plot.x(i), plot.y(value)) for i, value in enumerate(values)]
        line = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        parts.append(_el("polyline", points=line, fill="none", stroke=_hue(j), stroke_width=2))
        for (x, y), category, value in zip(points, categories, values, strict=True):
            tip = _tip(f"{name}, {category}: {_num(value)}")
            parts.append(_el("circle", tip, cx=x, cy=y, r=3.5, fill=_hue(j)))
    parts.append("</g>")
    return _frame(chart_id, title, _series_desc(categories, series), width, total_h, parts)


def progress_bar(
    chart_id: str,
    title: str,
    done: int,
    total: int,
    *,
    labels: tuple[str, str] = ("gedaan", "niet gedaan"),
    width: int = 640,
    empty: str = EMPTY,
) -> str:
    """One bar for ``total``, split in ``done`` and the rest, with the percentage written.

    ``labels`` name the two parts. A ``total`` of 0 shows ``empty``; ``done`` more than
    ``total``, or either below 0: ValueError.
    """
    _check_frame(chart_id, width, None)
    if done < 0 or total < 0:
        raise ValueError(f"done ({done}) and total ({total}) must both be >= 0")
    if done > total:
        raise ValueError(f"done ({done}) is more than total ({total})")
    if total == 0:
        return _empty(chart_id, title, empty, width, 110, f"{empty} ({labels[0]}: 0 / 0)")
    pct = _percent(done, total)
    summary = f"{labels[0]}: {done} / {total} ({pct}%)"
    bar_y, bar_w = TITLE_H + 12, width - 2 * PAD
    done_w = done / total * bar_w
    parts = [_text(PAD, TITLE_H, summary), '<g class="bars">']
    if done:
        parts.append(_rect(PAD, bar_y, done_w, 24, PALETTE[0], summary))
    if done < total:
        tip = f"{labels[1]}: {total - done} ({100 - pct}%)"
        parts.append(_rect(PAD + done_w, bar_y, bar_w - done_w, 24, GRID, tip))
    outline = _el("rect", x=PAD, y=bar_y, width=bar_w, height=24, fill="none", stroke=LINE)
    parts.append("</g>" + outline)
    legend, legend_h = _legend([(labels[0], PALETTE[0]), (labels[1], GRID)], width, bar_y + 34)
    desc = f"{summary}; {labels[1]}: {total - done}."
    return _frame(chart_id, title, desc, width, bar_y + 34 + legend_h, parts + legend)


# -- the frame and its parts ------------------------------------------------------------------


def _frame(chart_id: str, title: str, desc: str, width: int, height: float, body: list[str]) -> str:
    """The ``<svg>`` element: accessible name and description, visible title, then ``body``."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" '
        f'viewBox="0 0 {width} {_num(height)}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}" fill="{TEXT}">'
        f'<title id="{chart_id}-title">{_esc(title)}</title>'
        f'<desc id="{chart_id}-desc">{_esc(desc)}</desc>'
        f'<text x="{PAD}" y="20" font-size="15" font-weight="600">'
        f"{_esc(_clip(title, width - 2 * PAD, 15))}</text>" + "".join(body) + "</svg>"
    )


def _empty(chart_id: str, title: str, text: str, width: int, height: float, desc: str) -> str:
    body = [_text(width / 2, (TITLE_H + height) / 2, _clip(text, width - 2 * PAD), "middle")]
    return _frame(chart_id, title, desc, width, height, body)


def _el(tag: str, content: str = "", **attrs: float | str) -> str:
    """An element; ``stroke_width`` is written ``stroke-width``, numbers as by :func:`_num`.

    Attribute values are not escaped: they are numbers or come from this module.
    """
    pairs = [
        f'{k.replace("_", "-")}="{_num(v) if not isinstance(v, str) else v}"'
        for k, v in attrs.items()
    ]
    head = f"<{tag} {' '.join(pairs)}"
    return f"{head}>{content}</{tag}>" if content else f"{head}/>"


def _tip(text: str) -> str:
    """The ``<title>`` of a bar, segment or point: browsers show it on hover."""
    return f"<title>{_esc(text)}</title>"


def _text(x: float, y: float, text: str, anchor: str = "start") -> str:
    """A line of text, vertically centred on ``y``."""
    return _el("text", _esc(text), x=x, y=y, dy="0.35em", text_anchor=anchor)


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    return _el("rect", _tip(tip), x=x, y=y, width=w, height=h, fill=fill)


def _legend(entries: Sequence[tuple[str, str]], width: int, y: float) -> tuple[list[str], int]:
    """Swatches and names of ``(name, colour)`` entries, wrapped in rows; and their height."""
    parts, x, row = ['<g class="legend">'], float(PAD), 0
    for name, colour in entries:
        name = _clip(name, width / 2)
        w = 14 + _width(name) + 16
        if x > PAD and x + w > width - PAD:
            x, row = float(PAD), row + 1
        top = y + row * LEGEND_H
        swatch = _el("rect", x=x, y=top, width=10, height=10, fill=colour, stroke=LINE)
        parts.append(swatch + _text(x + 14, top + 5, name))
        x += w
    parts.append("</g>")
    return parts, (row + 1) * LEGEND_H


@dataclass(frozen=True, slots=True)
class _Plot:
    """The plot area of a chart over categories, and its scales."""

    left: float
    top: float
    right: float
    bottom: float
    y_max: float
    band: float  # the width of a category

    def x(self, i: int) -> float:
        return self.left + (i + 0.5) * self.band

    def y(self, value: float) -> float:
        return self.bottom - value / self.y_max * (self.bottom - self.top)


def _xy_layout(
    categories: Sequence[str], series: Series, peak: float, width: int, height: int
) -> tuple[_Plot, list[str], float]:
    """Legend, gridlines and axis labels of a chart over categories; its plot area, height."""
    parts: list[str] = []
    top = TITLE_H
    if len(series) > 1:
        parts, legend_h = _legend([(n, _hue(j)) for j, (n, _) in enumerate(series)], width, top)
        top += legend_h
    ticks = nice_ticks(peak)
    left = PAD + max(_width(_num(t)) for t in ticks) + 6
    plot_h = max(height - top - 8 - X_LABELS_H, 80)
    band = (width - PAD - left) / len(categories)
    plot = _Plot(left, top + 8, width - PAD, top + 8 + plot_h, ticks[-1], band)
    parts.append('<g class="grid">')
    for t in ticks:
        y, stroke = plot.y(t), LINE if t == 0 else GRID
        parts.append(_el("line", x1=left, y1=y, x2=plot.right, y2=y, stroke=stroke))
        parts.append(_text(left - 6, plot.y(t), _num(t), "end"))
    parts.append('</g><g class="x-labels">')
    every = _label_step(categories, plot.right - plot.left)
    for i in range(0, len(categories), every):
        label = _clip(categories[i], every * plot.band - 4)
        half = _width(label) / 2 + 2  # keep the first and last labels inside the chart
        x = min(max(plot.x(i), half), width - half)
        parts.append(_text(x, plot.bottom + X_LABELS_H / 2, label, "middle"))
    parts.append("</g>")
    return plot, parts, plot.bottom + X_LABELS_H


def _label_step(categories: Sequence[str], room: float) -> int:
    """Label every k-th category: as many as fit side by side, at most ``MAX_X_LABELS``."""
    widest = min(max(_width(c) for c in categories), 120)
    fits = max(1, min(MAX_X_LABELS, int(room // (widest + 8))))
    return math.ceil(len(categories) / fits)


# -- checks, numbers and words ----------------------------------------------------------------


def _check_frame(chart_id: str, width: int, height: int | None) -> None:
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"chart_id {chart_id!r} must match [A-Za-z][A-Za-z0-9_-]*")
    if width < 200 or (height is not None and height < 100):
        raise ValueError(f"a chart is at least 200 × 100, not {width} × {height}")


def _check_value(what: str, index: int, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what}, index {index}: {value!r} is not a finite number >= 0")


def _check_series(categories: Sequence[str], series: Series) -> None:
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(
                f"series {name!r} has {len(values)} values for {len(categories)} categories"
            )
        for i, value in enumerate(values):
            _check_value(f"series {name!r}", i, value)


def _hue(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _num(value: float) -> str:
    """A number without needless decimals: 3, 2.5, 0.33, 0.001."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


def _percent(done: int, total: int) -> int:
    """``done`` of ``total`` in whole percents; 0 and 100 only when it is exactly so."""
    pct = round(100 * done / total)
    return min(max(pct, 1 if done else 0), 99 if done < total else 100)


def _esc(text: str) -> str:
    return html.escape(_NOT_XML.sub("", text), quote=True)


def _width(text: str, size: int = FONT) -> float:
    return len(text) * size * CHAR_W


def _clip(text: str, room: float, size: int = FONT) -> str:
    """``text``, cut short with "…" where it would be wider than ``room``."""
    fits = int(room // (size * CHAR_W))
    return text if len(text) <= fits else text[: max(fits - 1, 1)] + "…"


def _bar_desc(items: Sequence[tuple[str, float]], shown: list[str], unit: str) -> str:
    total = _num(math.fsum(value for _, value in items)) + unit
    head = f"{len(items)} balken / bars, totaal / total {total}"
    if len(items) > 8:
        i = max(range(len(items)), key=lambda k: items[k][1])
        return f"{head}; hoogste / highest: {items[i][0]} {shown[i]}."
    listed = ", ".join(f"{label} {s}" for (label, _), s in zip(items, shown, strict=True))
    return f"{head}: {listed}."


def _series_desc(categories: Sequence[str], series: Series) -> str:
    span = categories[0] if len(categories) == 1 else f"{categories[0]} – {categories[-1]}"
    totals = ", ".join(f"{name} {_num(math.fsum(values))}" for name, values in series)
    return f"Totaal per reeks / total per series, {span}: {totals}."
