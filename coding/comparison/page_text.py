"""The comparison table in the reader's language, for the page (the files keep the English table).

The pure table (``coding.comparison.table``) carries English texts for the files and, beside them,
messages (``said``) for the page; this writes the page's version in place: titles, notes and
labels translated, numbers with the language's decimal mark. Fixed English texts without a message
are translated as they are (they are marked with ``N_`` where they are written).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext

from cases.choices import OrgType
from coding.analysis.message import message
from coding.comparison.rows import Column, Comparison, Row
from coding.templatetags.says import say


def _translated(text: str) -> str:
    return gettext(text) if text else text


def _actor_type(key: str) -> str | None:
    """How pages name an actor type in the reader's language (the organisation types' labels)."""
    if key in OrgType.values:
        return str(OrgType(key).label)
    if key == "organisation":
        return gettext("Organisation (untyped)")
    if key == "person":
        return gettext("Person without known employer")
    return None


def _label(row: Row) -> str:
    """The row's label; an actor type (its key's words in English, as the files write them) by its
    type's label in other languages."""
    if not (get_language() or "en").startswith("en"):
        for prefix, template in (("actor_types.", None), ("coverage.type.", "Type: {type}")):
            if row.key.startswith(prefix) and (named := _actor_type(row.key.removeprefix(prefix))):
                return named if template is None else say(message("Type: {type}", type=named))
    return say(row.said) if row.said else _translated(row.label)


def localise(table: Comparison) -> None:
    """Write ``table``'s sections, rows and cells in the active language (in place)."""
    for section in table.sections:
        section.title = say(section.title_said) if section.title_said else _translated(section.title)
        section.note = say(section.note_said) if section.note_said else _translated(section.note)
        for row in section.rows:
            row.label = _label(row)
            for cell in row.cells:
                if cell.said is not None:
                    cell.text = say(cell.said)


def column_label(column: Column) -> str:
    return say(column.label_said)


def localise_series(series: dict[str, Any], columns: list[Column]) -> None:
    """The chart series' column labels in the active language (the rows' labels come from the table)."""
    for entry, column in zip(series["columns"], columns, strict=True):
        entry["label"] = column_label(column)
