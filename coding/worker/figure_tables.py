"""Nested figures (a dict inside a result) as small tables instead of one long bracketed string.

``{"groups": {"Finance": {"external": 1, "internal": 0, "index": 1.0}}}`` becomes a table with a
row per group and a column per part, so a reader compares groups down a column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FigureTable:
    caption: str
    head: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def _words(key: Any) -> str:
    return str(key).replace("_", " ")


def figure_tables(
    value: dict[str, Any],
    fmt: Callable[[Any], str],
    word: Callable[[Any], str],
    caption: str = "",
    column_name: Callable[[Any], str] = _words,
) -> list[FigureTable]:
    """The tables of a nested figure: a row-by-column table when every part is a flat dict,
    otherwise its flat parts as one two-column table and each nested part as a table of its own.
    ``column_name`` names the columns (parts of a figure, not choice keys: plain words by default)."""
    parts = list(value.values())
    if parts and all(isinstance(part, dict) and not _has_dicts(part) for part in parts):
        columns = list(dict.fromkeys(column for part in parts for column in part))
        rows = [(word(key), *(fmt(part.get(column)) for column in columns)) for key, part in value.items()]
        # Columns are parts of a figure (external, internal, index), not choice keys: plain words.
        return [FigureTable(caption, ("", *(column_name(column) for column in columns)), rows)]
    flat = [(word(key), fmt(part)) for key, part in value.items() if not isinstance(part, dict)]
    tables = [FigureTable(caption, ("", ""), flat)] if flat else []
    for key, item in value.items():
        if isinstance(item, dict) and item:
            tables.extend(figure_tables(item, fmt, word, word(key), column_name))
    return tables


def _has_dicts(value: dict[str, Any]) -> bool:
    return any(isinstance(part, dict) for part in value.values())
