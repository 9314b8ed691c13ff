"""The analysis page's actor tables, sorted and paged on the server (issue 17).

A 5,000-actor region's table was 5,000 rows sorted in the browser; now the page sends one page of
rows (``ACTORS_PER_PAGE``), sorted by the column the reader chose. Sort, order and page are query
parameters under a prefix per table (``actors_sort``, ``actors_order``, ``actors_page``), so the
links work without JavaScript, keep the page's other parameters (layer, wave) and the fragment the
status poll reloads shows the same page. Blanks sort last in both directions, as before.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from coding.analysis import glossary
from coding.worker.page_html import actor_rows_html

ACTORS_PER_PAGE: int = getattr(settings, "ANALYSIS_ACTORS_PER_PAGE", 50)
NAME = "name"
ORDERS = ("asc", "desc")
# Words are read from A to Z first; figures from the highest first (the reader looks for the top).
ASCENDING_FIRST = {NAME, "actor_type", "location", "community"}


@dataclass
class ActorTable:
    prefix: str
    rows_html: SafeString
    headings: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    first: int
    last: int
    previous_url: str = ""
    next_url: str = ""
    page_links: list[tuple[int, str]] = field(default_factory=list)


def actor_table(
    actors: Sequence[dict[str, Any]],
    params: QueryDict,
    *,
    prefix: str,
    attribute: str,
    name_heading: tuple[str, str],
    row_cells: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    errors: list[str],
) -> ActorTable:
    """One page of ``actors`` sorted as ``params`` ask; a bad sort key or order is told in ``errors``
    and the stored order shown, a page out of range is clamped (the last page after a shrink)."""
    sort, order = _sort_and_order(params, prefix, errors)
    ordered = _sorted(actors, sort, order) if sort else list(actors)
    pages = max(1, math.ceil(len(ordered) / ACTORS_PER_PAGE))
    page = min(pages, _page(params.get(f"{prefix}_page"), prefix, errors))
    start = (page - 1) * ACTORS_PER_PAGE
    shown = ordered[start : start + ACTORS_PER_PAGE]
    link = _linker(params, prefix)
    table = ActorTable(
        prefix=prefix,
        rows_html=actor_rows_html(row_cells(shown), attribute),
        headings=_headings(name_heading, sort, order, link),
        total=len(ordered),
        page=page,
        pages=pages,
        first=start + 1 if shown else 0,
        last=start + len(shown),
        page_links=[(number, link(page=number)) for number in _near(page, pages)],
    )
    if page > 1:
        table.previous_url = link(page=page - 1)
    if page < pages:
        table.next_url = link(page=page + 1)
    return table


def _sort_and_order(params: QueryDict, prefix: str, errors: list[str]) -> tuple[str, str]:
    sort = params.get(f"{prefix}_sort") or ""
    order = params.get(f"{prefix}_order") or ""
    if sort and sort != NAME and sort not in glossary.ACTOR_COLUMNS:
        errors.append(
            gettext(
                "Unknown column “%(column)s” to sort the actors by; showing them unsorted. Choose one of %(columns)s."
            )
            % {"column": sort, "columns": ", ".join([NAME, *glossary.ACTOR_COLUMNS])}
        )
        return "", ""
    if order and order not in ORDERS:
        errors.append(gettext("Unknown sort order “%(order)s”; use asc or desc.") % {"order": order})
        order = ""
    return sort, order or _first_order(sort)


def _first_order(sort: str) -> str:
    return "asc" if sort in ASCENDING_FIRST else "desc"


def _page(raw: str | None, prefix: str, errors: list[str]) -> int:
    if raw is None or raw == "":
        return 1
    if not raw.isdigit():
        errors.append(gettext("“%(page)s” is not a page number; showing the first page.") % {"page": raw})
        return 1
    return max(1, int(raw))


def _sorted(actors: Sequence[dict[str, Any]], sort: str, order: str) -> list[dict[str, Any]]:
    """Sorted by ``sort``; blanks last in both directions; ties broken by name, then id (stable pages)."""
    present = [actor for actor in actors if actor.get(sort) not in (None, "")]
    blank = [actor for actor in actors if actor.get(sort) in (None, "")]

    def value(actor: dict[str, Any]) -> Any:
        raw = actor.get(sort)
        return (0, float(raw), "") if isinstance(raw, int | float) else (1, 0.0, str(raw).casefold())

    by_name = sorted(present, key=lambda actor: (str(actor.get(NAME, "")).casefold(), actor["id"]))
    return sorted(by_name, key=value, reverse=order == "desc") + blank


def _linker(params: QueryDict, prefix: str) -> Callable[..., str]:
    """``link(page=…, sort=…, order=…)``: the query string with this table's parameters replaced;
    the others (layer, wave, the other table's) kept, the fragment flag of the status poll dropped."""

    def link(*, page: int | None = None, sort: str | None = None, order: str | None = None) -> str:
        query = params.copy()
        query.pop("fragment", None)
        for key, value in (("sort", sort), ("order", order), ("page", page)):
            if value is not None:
                query[f"{prefix}_{key}"] = str(value)
        if sort is not None:
            query.pop(f"{prefix}_page", None)  # a new order starts at its first page
        return f"?{query.urlencode()}#analysis-actors-section"

    return link


def _headings(name_heading: tuple[str, str], sort: str, order: str, link: Callable[..., str]) -> list[dict[str, Any]]:
    """Each column's label, meaning, link (the other order when it is the sorted one) and aria-sort."""
    columns = [(NAME, name_heading[0], name_heading[1])] + [
        (key, gettext(term.label), gettext(term.meaning) if term.meaning else gettext(term.label))
        for key, term in glossary.ACTOR_COLUMNS.items()
    ]
    headings = []
    for key, label, meaning in columns:
        current = key == sort
        next_order = ("desc" if order == "asc" else "asc") if current else _first_order(key)
        headings.append(
            {
                "key": key,
                "label": label,
                "meaning": meaning,
                "url": link(sort=key, order=next_order),
                "aria_sort": ("ascending" if order == "asc" else "descending") if current else "",
            }
        )
    return headings


def _near(page: int, pages: int, around: int = 2) -> list[int]:
    """Page numbers to link: the first, the last and a few around the current one."""
    return sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})


def actor_tables(
    actors: Sequence[dict[str, Any]],
    organisation_actors: Sequence[dict[str, Any]],
    params: QueryDict,
    errors: list[str],
    row_cells: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
) -> dict[str, Any]:
    """The page's two tables: the actors as coded and the organisation level's vertices (if any)."""
    tables: dict[str, Any] = {
        "actor_table": actor_table(
            actors,
            params,
            prefix="actors",
            attribute="data-actor",
            name_heading=(gettext("Actor"), gettext("The actor's name; links to its record.")),
            row_cells=row_cells,
            errors=errors,
        ),
        "organisation_actor_table": None,
    }
    if organisation_actors:
        tables["organisation_actor_table"] = actor_table(
            organisation_actors,
            params,
            prefix="organisation_actors",
            attribute="data-organisation-actor",
            name_heading=(
                gettext("Organisation (or unaffiliated person)"),
                gettext("The organisation, or a person without an affiliation."),
            ),
            row_cells=row_cells,
            errors=errors,
        )
    return tables


def legend_actors(actors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the network's legend needs of the actors: each type and community present, once."""
    present = {(str(actor.get("actor_type", "")), actor.get("community")) for actor in actors}
    return [{"type": kind, "community": community} for kind, community in sorted(present, key=str)]
