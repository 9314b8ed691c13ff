"""The comparison's "Concepts of the article" rows: readers of a result's ``concepts`` (pure).

Each reader returns a cell (value, text, evidence on the analysis page) or None when the stored
result predates the concepts; ``table`` turns them into rows beside the other sections.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coding.analysis.message import Message, message
from coding.comparison.rows import COUNT, SHARE, Cell, Column, Evidence, percent

Reader = Callable[[Column], Cell | None]


def _share(count: int, whole: int, anchor: str) -> Cell:
    value = count / whole if whole else None
    text = "—" if value is None else f"{value:.0%} ({count} of {whole})"
    said = (
        "—"
        if value is None
        else message("{share} ({count} of {whole})", share=percent(value), count=count, whole=whole)
    )
    return Cell(value, text, Evidence("analysis", anchor), said=said)


def _concepts(column: Column) -> dict[str, Any] | None:
    return column.stored_result.get("concepts") or None


def _combining(column: Column) -> Cell | None:
    if not (concepts := _concepts(column)):
        return None
    figures = concepts["weak_and_strong"]
    return _share(figures["combining_actors"], figures["actors_with_rated_contacts"], "concept-weak-strong")


def _gatekeepers(column: Column) -> Cell | None:
    if not (concepts := _concepts(column)):
        return None
    count = len(concepts["location_brokerage"]["regional_gatekeepers"])
    return Cell(count, str(count), Evidence("analysis", "concept-gatekeepers"))


def _spin_offs(column: Column) -> Cell | None:
    if not (concepts := _concepts(column)):
        return None
    figures = concepts["spin_offs"]
    return _share(figures["cooperating"], figures["spin_offs"], "concept-spin-offs")


def _humus(base_rate: bool) -> Reader:
    """Pairs cooperating in the next wave, summed over the steps between consecutive waves."""
    part, whole = (
        ("other_became_cooperation", "other_contact_pairs")
        if base_rate
        else (
            "became_cooperation",
            "low_threshold_pairs",
        )
    )

    def read(column: Column) -> Cell | None:
        concepts = _concepts(column)
        if not concepts or not concepts["low_threshold_to_cooperation"]:
            return None
        steps = concepts["low_threshold_to_cooperation"]
        return _share(sum(step[part] for step in steps), sum(step[whole] for step in steps), "concept-humus")

    return read


CONCEPT_ROWS: tuple[tuple[str, Message, str, Reader], ...] = (
    ("concepts.weak_and_strong", message("Actors combining weak and strong contacts"), SHARE, _combining),
    ("concepts.regional_gatekeepers", message("Regional gatekeepers"), COUNT, _gatekeepers),
    ("concepts.spin_offs_cooperating", message("Spin-offs cooperating with their parent"), SHARE, _spin_offs),
    (
        "concepts.low_threshold_to_cooperation",
        message("Low-threshold pairs cooperating in the next wave"),
        SHARE,
        _humus(False),
    ),
    (
        "concepts.other_to_cooperation",
        message("Other pairs in contact cooperating in the next wave"),
        SHARE,
        _humus(True),
    ),
)
