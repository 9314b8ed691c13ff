"""The analysis page's long lists (actor rows, evidence links) as HTML built here, not in the template.

Profiled on a 300-actor / 1,500-tie region (``benchmarks/analysis_page.py --profile``): the
template engine's cost per variable over some 4,500 actor cells and 7,000 evidence links, and a
``reverse()`` per link, were most of the page's server time. Same markup, escaped the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape  # the same five characters as django.utils.html.escape, without its wrapping
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from coding.worker.figure_tables import FigureTable

_SAMPLE_ID = 987654321


def url_for(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for many ids: resolved once, the id put in by formatting."""
    prefix, suffix = reverse(name, args=[_SAMPLE_ID]).split(str(_SAMPLE_ID))
    return lambda pk: f"{prefix}{pk}{suffix}"


def tie_item(tie: dict[str, Any]) -> str:
    """One evidence line: the tie and the interviews its codings are in."""
    interviews = "".join(
        f' · <a href="{interview["url"]}">{escape(interview["title"])}</a>' for interview in tie["interviews"]
    )
    return f'<li><a href="{tie["url"]}">{escape(tie["label"])}</a>{interviews}</li>'


def tie_items(ties: Iterable[dict[str, Any]]) -> SafeString:
    return mark_safe("".join(tie["html"] for tie in ties))  # noqa: S308 - built from escaped parts above


def actor_rows_html(rows: Iterable[dict[str, Any]], attribute: str) -> SafeString:
    """The ``<tr>`` of an actor table; ``attribute`` names the row (data-actor, data-organisation-actor)."""
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<tr {attribute}="{row["id"]}"><td><a href="{row["url"]}">{escape(row["name"])}</a></td>'
            + "".join(_cell(raw, shown) for raw, shown in row["cells"])
            + "</tr>"
            for row in rows
        )
    )


def _cell(raw: Any, shown: str) -> str:
    value = "" if raw is None else str(raw) if isinstance(raw, int | float) else escape(str(raw))
    return f'<td data-value="{value}">{escape(shown)}</td>'


def figure_tables_html(tables: Iterable[FigureTable]) -> SafeString:
    """Nested figures' small tables (a Grabher mix names its type per tie: hundreds of rows)."""
    return mark_safe("".join(_figure_table(table) for table in tables))  # noqa: S308 - every value escaped


def _figure_table(table: FigureTable) -> str:
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    head = (
        "<thead><tr>" + "".join(f'<th scope="col">{escape(label)}</th>' for label in table.head) + "</tr></thead>"
        if any(table.head)
        else ""
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>' + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:]) + "</tr>"
        for row in table.rows
    )
    return f'<table class="figure-table" data-role="figure-table">{caption}{head}<tbody>{rows}</tbody></table>'


def chart_table_html(
    head: Sequence[str], rows: Sequence[Sequence[Any]], number: Callable[[float], str] = str
) -> SafeString:
    """A chart's figures as its text alternative: the first cell of a row heads it, None reads "—";
    ``number`` writes a float in the reader's language (``PageWords.number``)."""
    cells = "".join(f'<th scope="col">{escape(str(label))}</th>' for label in head)
    body = (
        "".join(
            f'<tr><th scope="row">{escape(str(row[0]))}</th>'
            + "".join(f"<td>{_chart_cell(cell, number)}</td>" for cell in row[1:])
            + "</tr>"
            for row in rows
        )
        or f'<tr><td colspan="{len(head)}" class="muted">{escape(gettext("Nothing to draw in this layer."))}</td></tr>'
    )
    return mark_safe(  # noqa: S308 - every value escaped
        f'<table class="figure-table"><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>'
    )


def _chart_cell(cell: Any, number: Callable[[float], str]) -> str:
    if cell is None:
        return "—"
    return escape(number(cell) if isinstance(cell, float) else str(cell))


def links_html(links: Iterable[tuple[str, str]]) -> SafeString:
    """ "name, name, …" as links, from (name, url) pairs."""
    return mark_safe(", ".join(f'<a href="{url}">{escape(name)}</a>' for name, url in links))  # noqa: S308
