"""The analysis page's charts, read from a stored result (docs/domain.md §2). No Django in here.

Each chart comes with the table of the figures it draws (its text alternative), built from the
same numbers, so the picture and the table cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coding.analysis.partitions import ROLES
from coding.charts.svg import SERIES_COLOURS, Point, Series, bars, scatter

TOP_BROKERS = 10


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    note: str
    svg: str
    head: Sequence[str]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)


def region_charts(result: dict[str, Any], word: Callable[[Any], str]) -> list[Chart]:
    actors = result.get("actors", [])
    charts = [degree_distribution(actors), constraint_and_betweenness(actors), brokers(actors)]
    groups = ((result.get("metrics") or {}).get("ei_actor_type") or {}).get("groups") or {}
    charts.append(ei_by_group(groups, word))
    return charts


def degree_distribution(actors: Sequence[dict[str, Any]]) -> Chart:
    counts = Counter(actor.get("degree") or 0 for actor in actors)
    degrees = list(range(max(counts, default=0) + 1))
    title = "Degree distribution"
    svg = bars(
        title=title,
        categories=[str(d) for d in degrees],
        series=[Series("", [counts.get(d, 0) for d in degrees], SERIES_COLOURS[0])],
        unit="actors",
    )
    note = "Actors by their number of contacts (degree); isolates at 0."
    return Chart("degree", title, note, svg, ("Degree", "Actors"), [(d, counts[d]) for d in degrees if counts[d]])


def constraint_and_betweenness(actors: Sequence[dict[str, Any]]) -> Chart:
    """Burt's constraint against betweenness: brokers sit low on constraint and high on betweenness."""
    placed = [
        Point(float(actor["constraint"]), float(actor.get("betweenness") or 0), actor.get("name", str(actor["id"])))
        for actor in actors
        if actor.get("constraint") is not None
    ]
    title = "Constraint and betweenness"
    svg = scatter(title=title, points=placed, x_label="Constraint (Burt 1992)", y_label="Betweenness")
    note = "One point per actor with contacts (hover for the name); the five farthest out are named."
    rows = [(point.label, round(point.x, 3), round(point.y, 3)) for point in sorted(placed, key=lambda p: -p.y)]
    return Chart("constraint", title, note, svg, ("Actor", "Constraint", "Betweenness"), rows)


def brokers(actors: Sequence[dict[str, Any]], top: int = TOP_BROKERS) -> Chart:
    """The actors with the most Gould–Fernandez brokerage roles, their roles stacked."""
    ranked = sorted(
        (actor for actor in actors if actor.get("brokerage_total")),
        key=lambda actor: (-actor["brokerage_total"], actor.get("name", "")),
    )[:top]
    names = [actor.get("name", str(actor["id"])) for actor in ranked]
    series = [
        Series(role, [actor.get(f"brokerage_{role}", 0) for actor in ranked], SERIES_COLOURS[i])
        for i, role in enumerate(ROLES)
    ]
    title = f"Brokerage roles of the top {top} actors"
    svg = bars(title=title, categories=names, series=series, unit="brokerage roles")
    note = "Gould–Fernandez roles over actor types, per actor; the actors with the most roles."
    rows = [(name, *(s.values[i] for s in series)) for i, name in enumerate(names)]
    return Chart("brokerage", title, note, svg, ("Actor", *ROLES), rows)


def ei_by_group(groups: dict[str, dict[str, Any]], word: Callable[[Any], str]) -> Chart:
    """Krackhardt & Stern's E-I index of each actor type: −1 all ties inside, +1 all across."""
    names = [word(group) for group in groups]
    values = [figures.get("index") for figures in groups.values()]
    title = "E-I index by actor type"
    series = [Series("", values, SERIES_COLOURS[0])]
    svg = bars(title=title, categories=names, series=series, unit="E-I index", stacked=False, low=-1.0, high=1.0)
    note = "−1: every tie of the group stays inside it; +1: every tie crosses to another group."
    rows = [
        (name, figures.get("external"), figures.get("internal"), _rounded(figures.get("index")))
        for name, figures in zip(names, groups.values(), strict=True)
    ]
    return Chart("ei", title, note, svg, ("Actor type", "Pairs across", "Pairs inside", "E-I"), rows)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
