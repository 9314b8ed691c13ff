"""The organisation level in the comparison (docs/levels.md): the graph metrics and classifications
of each column's organisation-level result (``result["levels"]["organisation"]``), as sections of
their own after the level as coded. No Django in here.

The sections are built by the same builders as the level as coded, on columns whose result is the
organisation level, so both levels are read, shown and marked alike; only keys and titles differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from coding.analysis.levels import organisation_result
from coding.analysis.message import Message, message
from coding.comparison.rows import Column, Section, section

PREFIX = "organisation."
Build = Callable[[Sequence[Column]], Section]


def organisation_sections(
    columns: Sequence[Column], metric_section: Build, classification_section: Build
) -> list[Section]:
    """Graph metrics and classifications at the organisation level, row keys prefixed "organisation."."""
    folded = [replace(column, result=_organisation(column.result)) for column in columns]
    sections = []
    folding = message(
        "Persons folded into their affiliated organisation; ties inside one organisation left out; "
        "persons without an affiliation stay as their own vertex."
    )
    for build, title in (
        (metric_section, message("Graph metrics, organisation level")),
        (classification_section, message("Classifications, organisation level")),
    ):
        built = build(folded)
        rows = [replace(row, key=PREFIX + row.key) for row in built.rows]
        note = Message("{folding} {note}", {"folding": folding, "note": built.note_said or Message(built.note)})
        sections.append(section(PREFIX + built.key, title, rows, note))
    return sections


def _organisation(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The organisation level of a result; None (no result) for results stored before levels existed."""
    if result is None:
        return None
    return organisation_result(result)
