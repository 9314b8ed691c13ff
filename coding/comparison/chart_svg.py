"""The comparison page's charts as SVG (coding/charts/svg.py), for their SVG download and their
text alternative. No Django in here.

Drawn from the same series as the Chart.js charts on the page (``charts.chart_series``), in the
same colours (``static/coding/comparison.js``), so the download shows what the reader saw. Its own
words and figures are messages (``coding.analysis.message``) that ``say`` writes in the reader's
language (English by default).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coding.analysis.message import Figure, Message, message, render
from coding.charts.svg import Series, bars, lines, radar

Say = Callable[[Any], str]

MODE_MIX_COLOURS = ("#2e7d32", "#ef6c00", "#6a1b9a", "#c62828", "#777777", "#cccccc")
SERIES = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#eeca3b")
PALETTE = (
    *SERIES,
    *("#1b9e77", "#7570b3", "#a6761d", "#17becf", "#bcbd22", "#393b79", "#843c39", "#637939", "#e7298a", "#666666"),
)


@dataclass(frozen=True)
class ChartFigure:
    key: str
    title: str
    svg: str
    head: Sequence[str]
    rows: Sequence[Sequence[Any]]


def comparison_figures(
    series: dict[str, Any], titles: Sequence[tuple[str, str]], *, say: Say = render
) -> list[ChartFigure]:
    """Each chart of the page as SVG with its figures as rows (one per series, one column per region)."""
    columns = [column["label"] if column["current"] else column["label"] + " †" for column in series["columns"]]
    title = dict(titles)
    figures = [
        _stacked(
            "chart-grabher",
            title["chart-grabher"],
            series["grabher"],
            columns,
            say(message("% of typed ties")),
            SERIES,
            say,
        ),
        _stacked(
            "chart-coordination",
            title["chart-coordination"],
            series["coordination"],
            columns,
            say(message("% of ties")),
            MODE_MIX_COLOURS,
            say,
        ),
        _stacked(
            "chart-actor-types",
            title["chart-actor-types"],
            series["actor_types"],
            columns,
            say(message("% of actors")),
            PALETTE,
            say,
        ),
    ]
    round3 = _round3(say)
    radar_series = [
        Series(label, [values[i] for values in series["radar"]["values"]], SERIES[i % len(SERIES)])
        for i, label in enumerate(columns)
    ]
    svg = radar(title=title["chart-radar"], axes=series["radar"]["labels"], series=radar_series)
    figures.append(
        ChartFigure("chart-radar", title["chart-radar"], svg, ("", *columns), _rows(series["radar"], round3))
    )
    for region in series["waves"]:
        waves = [
            label if current else label + " †"
            for label, current in zip(region["waves"], region["current"], strict=True)
        ]
        line_series = [
            Series(line["label"], line["values"], SERIES[i % len(SERIES)]) for i, line in enumerate(region["lines"])
        ]
        key = f"chart-waves-{region['region']}"
        name = say(message("{region} over its waves", region=region["title"]))
        svg = lines(title=name, categories=waves, series=line_series, low=0.0, high=1.0)
        rows = [(line["label"], *(round3(v) for v in line["values"])) for line in region["lines"]]
        figures.append(ChartFigure(key, name, svg, ("", *waves), rows))
    return figures


def _stacked(
    key: str, title: str, stack: dict[str, Any], columns: list[str], unit: str, colours: Sequence[str], say: Say
) -> ChartFigure:
    series = [
        Series(label, [None if v is None else v * 100 for v in values], colours[i % len(colours)])
        for i, (label, values) in enumerate(zip(stack["labels"], stack["values"], strict=True))
    ]
    svg = bars(title=title, categories=columns, series=series, unit=unit, high=100.0)
    return ChartFigure(key, title, svg, ("", *columns), _rows(stack, _percent(say)))


def _rows(stack: dict[str, Any], shown: Callable[[float | None], str]) -> list[tuple[Any, ...]]:
    return [
        (label, *(shown(v) for v in values)) for label, values in zip(stack["labels"], stack["values"], strict=True)
    ]


def _percent(say: Say) -> Callable[[float | None], str]:
    def shown(value: float | None) -> str:
        if value is None:
            return "—"
        return say(Message("{percent} %", {"percent": Figure(float(f"{value * 100:.1f}"), 1)}))

    return shown


def _round3(say: Say) -> Callable[[float | None], str]:
    def shown(value: float | None) -> str:
        return "—" if value is None else say(Figure(float(f"{value:.3f}"), 3))

    return shown
