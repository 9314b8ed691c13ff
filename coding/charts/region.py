"""The analysis page's charts, read from a stored result (docs/domain.md §2). No Django in here.

Each chart comes with the table of the figures it draws (its text alternative), built from the
same numbers, so the picture and the table cannot disagree. Titles, axes, notes and headings are
marked with ``N_`` and said through ``translate`` (the page passes Django's gettext); ``decimal``
is the reader's decimal separator for the numbers drawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coding.analysis.message import N_
from coding.analysis.partitions import ROLES
from coding.charts.svg import SERIES_COLOURS, Point, Series, bars, scatter

TOP_BROKERS = 10
# The scatter draws at most this many actors, the highest betweenness first: 5,000 points (and their
# table) were a megabyte of the page of a large region (issue 17), and the brokers it looks for are
# at the top of betweenness anyway.
SCATTER_POINTS = 400

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    note: str
    svg: str
    head: Sequence[str]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)


# Gould & Fernandez's roles as the brokerage chart names them.
ROLE_WORDS = {
    "coordinator": N_("coordinator"),
    "itinerant": N_("itinerant"),
    "representative": N_("representative"),
    "gatekeeper": N_("gatekeeper"),
    "liaison": N_("liaison"),
}


def region_charts(
    result: dict[str, Any], word: Callable[[Any], str], translate: Translate = _same, decimal: str = "."
) -> list[Chart]:
    actors = result.get("actors", [])
    charts = [
        degree_distribution(actors, translate),
        constraint_and_betweenness(actors, translate, decimal),
        brokers(actors, translate=translate),
    ]
    groups = ((result.get("metrics") or {}).get("ei_actor_type") or {}).get("groups") or {}
    charts.append(ei_by_group(groups, word, translate, decimal))
    return charts


def degree_distribution(actors: Sequence[dict[str, Any]], translate: Translate = _same) -> Chart:
    counts = Counter(actor.get("degree") or 0 for actor in actors)
    degrees = list(range(max(counts, default=0) + 1))
    title = translate(N_("Degree distribution"))
    svg = bars(
        title=title,
        categories=[str(d) for d in degrees],
        series=[Series("", [counts.get(d, 0) for d in degrees], SERIES_COLOURS[0])],
        unit=translate(N_("actors")),
    )
    note = translate(N_("Actors by their number of contacts (degree); isolates at 0."))
    head = (translate(N_("Degree")), translate(N_("Actors")))
    return Chart("degree", title, note, svg, head, [(d, counts[d]) for d in degrees if counts[d]])


def constraint_and_betweenness(
    actors: Sequence[dict[str, Any]], translate: Translate = _same, decimal: str = "."
) -> Chart:
    """Burt's constraint against betweenness: brokers sit low on constraint and high on betweenness.
    A large region draws its ``SCATTER_POINTS`` actors of highest betweenness and says so."""
    placed = [
        Point(float(actor["constraint"]), float(actor.get("betweenness") or 0), actor.get("name", str(actor["id"])))
        for actor in actors
        if actor.get("constraint") is not None
    ]
    shown = sorted(placed, key=lambda p: -p.y)[:SCATTER_POINTS]
    title = translate(N_("Constraint and betweenness"))
    svg = scatter(
        title=title,
        points=shown if len(placed) > SCATTER_POINTS else placed,
        x_label=translate(N_("Constraint (Burt 1992)")),
        y_label=translate(N_("Betweenness")),
        decimal=decimal,
    )
    note = translate(N_("One point per actor with contacts (hover for the name); the five farthest out are named."))
    if len(placed) > SCATTER_POINTS:
        note += " " + translate(N_("Drawn: the %(shown)s actors of highest betweenness of %(count)s.")) % {
            "shown": SCATTER_POINTS,
            "count": len(placed),
        }
    rows = [(point.label, round(point.x, 3), round(point.y, 3)) for point in shown]
    head = (translate(N_("Actor")), translate(N_("Constraint")), translate(N_("Betweenness")))
    return Chart("constraint", title, note, svg, head, rows)


def brokers(actors: Sequence[dict[str, Any]], top: int = TOP_BROKERS, translate: Translate = _same) -> Chart:
    """The actors with the most Gould–Fernandez brokerage roles, their roles stacked."""
    ranked = sorted(
        (actor for actor in actors if actor.get("brokerage_total")),
        key=lambda actor: (-actor["brokerage_total"], actor.get("name", "")),
    )[:top]
    names = [actor.get("name", str(actor["id"])) for actor in ranked]
    roles = [translate(ROLE_WORDS.get(role, role)) for role in ROLES]
    series = [
        Series(label, [actor.get(f"brokerage_{role}", 0) for actor in ranked], SERIES_COLOURS[i])
        for i, (role, label) in enumerate(zip(ROLES, roles, strict=True))
    ]
    title = translate(N_("Brokerage roles of the top {top} actors")).format(top=top)
    svg = bars(title=title, categories=names, series=series, unit=translate(N_("brokerage roles")))
    note = translate(N_("Gould–Fernandez roles over actor types, per actor; the actors with the most roles."))
    rows = [(name, *(s.values[i] for s in series)) for i, name in enumerate(names)]
    return Chart("brokerage", title, note, svg, (translate(N_("Actor")), *roles), rows)


def ei_by_group(
    groups: dict[str, dict[str, Any]], word: Callable[[Any], str], translate: Translate = _same, decimal: str = "."
) -> Chart:
    """Krackhardt & Stern's E-I index of each actor type: −1 all ties inside, +1 all across."""
    names = [word(group) for group in groups]
    values = [figures.get("index") for figures in groups.values()]
    title = translate(N_("E-I index by actor type"))
    series = [Series("", values, SERIES_COLOURS[0])]
    svg = bars(
        title=title,
        categories=names,
        series=series,
        unit=translate(N_("E-I index")),
        stacked=False,
        low=-1.0,
        high=1.0,
        decimal=decimal,
    )
    note = translate(N_("−1: every tie of the group stays inside it; +1: every tie crosses to another group."))
    rows = [
        (name, figures.get("external"), figures.get("internal"), _rounded(figures.get("index")))
        for name, figures in zip(names, groups.values(), strict=True)
    ]
    head = (translate(N_("Actor type")), translate(N_("Pairs across")), translate(N_("Pairs inside")), "E-I")
    return Chart("ei", title, note, svg, head, rows)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
