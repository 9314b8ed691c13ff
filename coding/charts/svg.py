"""Charts as SVG text, drawn on the server from the figures the page already has. No Django in here.

Why server-rendered SVG rather than a canvas-to-SVG library: the SVG *is* the chart the page
shows, so the download is the very element on screen (serialised, not re-drawn), it needs no
script to appear, prints sharp, and can be checked in a test by parsing it. Canvas-to-SVG shims
(canvas2svg, svgcanvas) replay a canvas API they only partly implement and are thinly maintained.
The PNG download is the same SVG drawn onto a canvas in the browser (``static/coding/charts.js``).
Names ride along as ``<title>`` elements: the browser shows them on hover, screen readers read
them. Colours are presentation attributes, not ``style``, so a strict CSP does not strip them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 320
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 30, 64
FONT = 'font-family="system-ui, sans-serif" font-size="11"'
SERIES_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]
    colour: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


def _open(title: str, width: int = WIDTH, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" class="chart-svg">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _text(x: float, y: float, text: str, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {FONT} fill="#333333"{extra}>{escape(text)}</text>'


def _rule(y: float, colour: str) -> str:
    return f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}"/>'


def _upright(text: str, middle: float) -> str:
    """The y axis' title, turned to read upwards along the axis."""
    return _text(14, middle, text, "middle", f' transform="rotate(-90 14 {middle:.1f})"')


def _number(value: float, decimal: str = ".") -> str:
    return _tick_text(round(value, 3), decimal)


def _nice_max(value: float) -> float:
    """A round top for an axis: 1, 2 or 5 times a power of ten at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10.0 ** len(str(int(value))) / 10 if value >= 1 else 1.0
    while power > value:
        power /= 10
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    return [low + (high - low) * i / count for i in range(count + 1)]


def _tick_text(value: float, decimal: str = ".") -> str:
    """A tick or value; ``decimal`` is the reader's decimal separator ("," on German pages)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return text if decimal == "." else text.replace(".", decimal)


def _legend(series: Sequence[Series], top: float) -> list[str]:
    parts, x = [], float(MARGIN_LEFT)
    for item in series:
        parts.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="10" height="10" fill="{item.colour}"/>')
        parts.append(_text(x + 14, top + 9, item.label, "start"))
        x += 24 + 6.5 * len(item.label)
    return parts


def _category_label(x: float, y: float, category: str, slot: float) -> str:
    """Short labels level; long ones (actor names) slanted and cut, the full name on hover."""
    if len(category) * 6.5 <= slot:
        return _text(x, y, category)
    short = category if len(category) <= 16 else category[:15] + "…"
    slanted = _text(x, y, short, "end", f' transform="rotate(-30 {x:.1f} {y:.1f})"')
    return slanted.replace("</text>", f"<title>{escape(category)}</title></text>")


def bars(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    stacked: bool = True,
    low: float = 0.0,
    high: float | None = None,
    decimal: str = ".",
) -> str:
    """Vertical bars per category, stacked or side by side; ``low`` below zero draws a zero line."""
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    totals = [
        sum(v or 0 for v in column) if stacked else max([v or 0 for v in column], default=0)
        for column in zip(*(item.values for item in series), strict=True)
    ] or [0.0]
    top = high if high is not None else _nice_max(max(totals))
    scale = plot_h / ((top - low) or 1)

    def y_of(value: float) -> float:
        return MARGIN_TOP + plot_h - (value - low) * scale

    parts = _open(title)
    for tick in _ticks(low, top):
        parts.append(_rule(y_of(tick), "#e3e6ea"))
        parts.append(_text(MARGIN_LEFT - 6, y_of(tick) + 4, _tick_text(tick, decimal), "end"))
    parts.append(_upright(unit, MARGIN_TOP + plot_h / 2))
    slot = plot_w / max(len(categories), 1)
    width = slot * 0.7 / (1 if stacked else max(len(series), 1))
    for index, category in enumerate(categories):
        base, x0 = 0.0, MARGIN_LEFT + slot * index + slot * 0.15
        for position, item in enumerate(series):
            value = item.values[index]
            if value is None:
                continue
            start = base if stacked else 0.0
            x = x0 if stacked else x0 + width * position
            y_top, y_bottom = sorted((y_of(start + value), y_of(start)))
            name = " · ".join(filter(None, (category, item.label)))
            parts.append(
                f'<rect x="{x:.1f}" y="{y_top:.1f}" width="{width:.1f}" height="{max(y_bottom - y_top, 0.5):.1f}" '
                f'fill="{item.colour}"><title>{escape(name)}: {_number(value, decimal)}</title>'
                "</rect>"
            )
            base += value if stacked else 0
        parts.append(_category_label(MARGIN_LEFT + slot * (index + 0.5), MARGIN_TOP + plot_h + 14, category, slot))
    if low < 0 < top:
        parts.append(_rule(y_of(0), "#333333"))
    if len(series) > 1 or (series and series[0].label):
        parts.extend(_legend(series, 8))  # above the plot: slanted labels take the room below
    parts.append("</svg>")
    return "".join(parts)


def scatter(
    *, title: str, points: Sequence[Point], x_label: str, y_label: str, labelled: int = 5, decimal: str = "."
) -> str:
    """Points with their names on hover; the ``labelled`` points farthest out named on the chart."""
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM + 20
    x_top = _nice_max(max((p.x for p in points), default=0.0))
    y_top = _nice_max(max((p.y for p in points), default=0.0))

    def x_of(value: float) -> float:
        return MARGIN_LEFT + value / x_top * plot_w

    def y_of(value: float) -> float:
        return MARGIN_TOP + plot_h - value / y_top * plot_h

    parts = _open(title)
    for tick in _ticks(0, y_top):
        parts.append(_rule(y_of(tick), "#e3e6ea"))
        parts.append(_text(MARGIN_LEFT - 6, y_of(tick) + 4, _tick_text(tick, decimal), "end"))
    for tick in _ticks(0, x_top):
        parts.append(_text(x_of(tick), MARGIN_TOP + plot_h + 14, _tick_text(tick, decimal)))
    parts.append(_text(MARGIN_LEFT + plot_w / 2, HEIGHT - 8, x_label))
    parts.append(_upright(y_label, MARGIN_TOP + plot_h / 2))
    # Extremes: far along either axis, relative to the axis' range, so both kinds of outlier show.
    extremes = sorted(points, key=lambda p: -max(p.x / x_top, p.y / y_top))[:labelled]
    for point in points:
        parts.append(
            f'<circle cx="{x_of(point.x):.1f}" cy="{y_of(point.y):.1f}" r="4" fill="#4c78a8" fill-opacity="0.7">'
            f"<title>{escape(point.label)}: {_number(point.x, decimal)}, {_number(point.y, decimal)}</title></circle>"
        )
    named: list[tuple[float, float]] = []
    for point in extremes:
        x, y = x_of(point.x), y_of(point.y)
        if any(abs(x - other_x) < 80 and abs(y - other_y) < 12 for other_x, other_y in named):
            continue  # would overprint a name already placed; the point keeps its name on hover
        named.append((x, y))
        anchor = "end" if x > WIDTH - 120 else "start"
        parts.append(_text(x + (-6 if anchor == "end" else 6), y - 6, point.label, anchor, ' data-role="extreme"'))
    parts.append("</svg>")
    return "".join(parts)


def lines(
    *, title: str, categories: Sequence[str], series: Sequence[Series], low: float, high: float, decimal: str = "."
) -> str:
    """One line per series over the categories (waves); gaps where a value is missing."""
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_w / max(len(categories) - 1, 1)

    def y_of(value: float) -> float:
        return MARGIN_TOP + plot_h - (value - low) / ((high - low) or 1) * plot_h

    parts = _open(title)
    for tick in _ticks(low, high):
        parts.extend(
            [_rule(y_of(tick), "#e3e6ea"), _text(MARGIN_LEFT - 6, y_of(tick) + 4, _tick_text(tick, decimal), "end")]
        )
    for index, category in enumerate(categories):
        parts.append(_category_label(MARGIN_LEFT + step * index, MARGIN_TOP + plot_h + 14, category, step))
    for item in series:
        placed = [(MARGIN_LEFT + step * i, y_of(v), v) for i, v in enumerate(item.values) if v is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in placed)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{item.colour}" stroke-width="2"/>')
        for (x, y, value), category in zip(placed, categories, strict=False):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{item.colour}">'
                f"<title>{escape(item.label)} · {escape(category)}: {_number(value, decimal)}</title></circle>"
            )
    parts.extend(_legend(series, 8))
    parts.append("</svg>")
    return "".join(parts)


def radar(*, title: str, axes: Sequence[str], series: Sequence[Series], high: float = 1.0) -> str:
    """One closed outline per series over the axes (0 at the centre, ``high`` at the rim)."""
    centre_x, centre_y, radius = WIDTH / 2, MARGIN_TOP + (HEIGHT - MARGIN_TOP - 24) / 2, (HEIGHT - MARGIN_TOP) / 2 - 34

    def at(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(axes), 1)
        share = max(0.0, min(value / high, 1.0))
        return centre_x + radius * share * math.cos(angle), centre_y + radius * share * math.sin(angle)

    parts = _open(title)
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, ring * high) for i in range(len(axes))))
        parts.append(f'<polygon points="{points}" fill="none" stroke="#e3e6ea"/>')
    for index, axis in enumerate(axes):
        x, y = at(index, high * 1.12)
        parts.append(_text(x, y + 4, axis, "middle"))
    for item in series:
        placed = [(i, v) for i, v in enumerate(item.values) if v is not None]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, v) for i, v in placed))
        parts.append(
            f'<polygon points="{points}" fill="none" stroke="{item.colour}" stroke-width="2">'
            f"<title>{escape(item.label)}</title></polygon>"
        )
    parts.extend(_legend(series, HEIGHT - 18))
    parts.append("</svg>")
    return "".join(parts)
