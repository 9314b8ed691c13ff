"""The co-occurrence table as an HTML heat map (no Django here).

Written with plain string joins rather than a template loop: 300 codes make 90,000 cells, which a
Django template renders in seconds and this in a fraction of one. Every text from the database
(code names, colours) is escaped; numbers and the link base (escaped once) are the only other parts.
Cells are shaded by the Jaccard coefficient in four steps whose text colours keep a contrast of at
least 4.5:1 (static/site/app.css); the numbers are always shown, the shade only repeats them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TypeVar

from coding.workbench.cooccurrence import Cell, Table

T = TypeVar("T")

# (lower bound, exclusive, CSS class), first match wins; 0 < J <= 0.1 is heat-1.
SHADES = ((0.5, "heat-4"), (0.25, "heat-3"), (0.1, "heat-2"), (0.0, "heat-1"))


def shade(jaccard: float) -> str:
    return next(name for bound, name in SHADES if jaccard > bound)


def heatmap(codes: Sequence[tuple[int, str, str]], table: Table, link: str) -> str:
    """``<thead>`` and ``<tbody>`` of the table; ``codes`` are (id, name, colour) in display order,
    ``link`` the retrieval address that a cell's ``&a=..&b=..`` is appended to."""
    base = escape(link)
    head = "".join(f'<th scope="col" class="heat-col"><span>{escape(name)}</span></th>' for _, name, _ in codes)
    rows = []
    for a, name, colour in codes:
        cells = "".join(_cell(table.cell(a, b), f"{base}&amp;a={a}&amp;b={b}", a == b) for b, _, _ in codes)
        label = f'<span class="swatch" style="background: {escape(colour)}"></span> {escape(name)}'
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    return f'<thead><tr><th scope="col">Code</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'


def _cell(cell: Cell, href: str, diagonal: bool) -> str:
    if not cell.count:
        return '<td class="heat-0">·</td>'
    # The diagonal (a code with itself, Jaccard 1) is grey, so it does not outshine the pairs.
    shown = "heat-self" if diagonal else shade(cell.jaccard)
    return f'<td class="{shown}"><a href="{href}">{cell.count}<small>{cell.jaccard:.2f}</small></a></td>'


def most_used(items: Sequence[T], size: Callable[[T], int], limit: int | None) -> list[T]:
    """The ``limit`` items of largest ``size`` (ties: the earlier one), kept in their order."""
    if limit is None or len(items) <= limit:
        return list(items)
    ranked = sorted(range(len(items)), key=lambda index: (-size(items[index]), index))
    keep = set(ranked[:limit])
    return [item for index, item in enumerate(items) if index in keep]
