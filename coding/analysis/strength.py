"""Granovetter tie strength (docs/domain.md).

"A (probably linear) combination of the amount of time, the emotional intensity, the intimacy
(mutual confiding), and the reciprocal services": the weighted mean of the rated components,
each scaled from the ordinal 0..4 to 0..1. Unrated components are left out of the mean (their
weight too), so a tie rated only on time is judged on time alone; no rating at all gives None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from coding.analysis.inputs import Tie, TieRatings
from coding.analysis.thresholds import AnalysisSettings

Item = TypeVar("Item")

RATING_MAX = 4

STRONG = "strong"
WEAK = "weak"


def tie_strength(
    ratings: TieRatings, weights: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0)
) -> float | None:
    """Weighted mean of the rated components on 0..1, or None when nothing usable is rated."""
    total = weighted = 0.0
    for rating, weight in zip(ratings.as_tuple(), weights, strict=True):
        if rating is None or weight == 0:
            continue
        if not 0 <= rating <= RATING_MAX:
            raise ValueError(f"Tie rating {rating} lies outside 0..{RATING_MAX}.")
        total += weight
        weighted += weight * rating / RATING_MAX
    return weighted / total if total else None


def strength_class(strength: float | None, cutoff: float) -> str | None:
    """ "strong" at or above the cut-off, "weak" below it, None when unrated."""
    if strength is None:
        return None
    return STRONG if strength >= cutoff - 1e-9 else WEAK


def tie_strengths(ties: tuple[Tie, ...] | list[Tie], settings: AnalysisSettings) -> dict[int, float | None]:
    """Strength of every tie, keyed by tie id."""
    weights = settings.tie_strength_weights
    return {tie.id: tie_strength(tie.ratings, weights) for tie in ties}


def strongest_first(items: Sequence[Item], strength: Callable[[Item], Any]) -> list[Item]:
    """``items`` by ``strength``, the strongest first and the unrated (no number) last, equal ones in
    their given order: how a picture cut to its strongest ties picks them (the analysis page's
    network; the comparison's small multiples, which do it in SQL on PostgreSQL)."""

    def key(item: Item) -> tuple[bool, float]:
        value = strength(item)
        rated = isinstance(value, int | float) and not isinstance(value, bool)
        return (not rated, -float(value) if rated else 0.0)

    return sorted(items, key=key)
