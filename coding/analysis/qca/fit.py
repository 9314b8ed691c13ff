"""Parameters of fit, as R's ``QCA::pof`` computes them (Ragin 2006, 2008; Dusa 2019, ch. 5-6).

Sufficiency of a set X for the outcome Y:

* inclS (consistency) = Σ min(X, Y) / Σ X
* PRI (proportional reduction in inconsistency) = (Σ min(X, Y) − Σ min(X, Y, ~Y)) / (Σ X − Σ min(X, Y, ~Y))
* covS (coverage) = Σ min(X, Y) / Σ Y
* covU (unique coverage) of term i in a sum of terms = covS_i − Σ min(X_i, Y, max_{j≠i} min(X_j, Y)) / Σ Y,
  the share of the outcome only that term covers; undefined ("-") for a single term.

Necessity of X for Y: inclN = Σ min(X, Y) / Σ Y, covN = Σ min(X, Y) / Σ X and the relevance of
necessity RoN = Σ (1 − X) / Σ (1 − min(X, Y)) (Schneider & Wagemann 2012).

Like the package, figures below 0.00001 are set to 0 (floating-point noise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coding.analysis.qca.notation import Term

Scores = Sequence[float]


def _clean(value: float) -> float:
    return 0.0 if value < 0.00001 else value


def term_membership(term: Term, values: Sequence[Sequence[float]], fuzzy: Sequence[bool]) -> list[float]:
    """Each case's membership in a conjunction: the minimum over its literals (``~X`` is 1 − X)."""
    literals = [(index, code - 1) for index, code in enumerate(term) if code]
    memberships = []
    for case_values in values:
        score = 1.0
        for index, value in literals:
            raw = case_values[index]
            # fuzzy: X or 1 - X; crisp and multi-value: in the set only with exactly that value
            member = (raw if value == 1 else 1 - raw) if fuzzy[index] else float(raw == value)
            score = min(score, member)
        memberships.append(score)
    return memberships


def union(memberships: Sequence[Scores]) -> list[float]:
    return [max(column) for column in zip(*memberships, strict=True)]


def sufficiency(x: Scores, y: Scores) -> tuple[float, float, float]:
    """(inclS, PRI, covS) of X for Y."""
    sum_x = sum(x)
    sum_y = sum(y)
    both = [min(a, b) for a, b in zip(x, y, strict=True)]
    sum_both = sum(both)
    sum_both_not_y = sum(min(a, 1 - b) for a, b in zip(both, y, strict=True))
    incl = sum_both / sum_x if sum_x else 0.0
    pri_denominator = sum_x - sum_both_not_y
    pri = (sum_both - sum_both_not_y) / pri_denominator if pri_denominator else 0.0
    cov = sum_both / sum_y if sum_y else 0.0
    return _clean(incl), _clean(pri), _clean(cov)


def unique_coverages(memberships: Sequence[Scores], y: Scores) -> list[float | None]:
    """covU of each term among ``memberships``; ``None`` when there is only one term.

    The union of the other terms is, per case, the largest covered membership unless the term
    itself holds it, then the second largest: one pass per case instead of one per pair."""
    covered = [[min(a, b) for a, b in zip(x, y, strict=True)] for x in memberships]
    return unique_coverages_of_covered(covered, sum(y))


def unique_coverages_of_covered(covered: Sequence[Scores], sum_y: float) -> list[float | None]:
    """The same from each term's min(X, Y), computed once per term by callers with many models."""
    if len(covered) < 2:
        return [None] * len(covered)
    shared = [0.0] * len(covered)
    for column in zip(*covered, strict=True):
        top = max(range(len(column)), key=column.__getitem__)
        second = max(value for index, value in enumerate(column) if index != top)
        for index, value in enumerate(column):
            shared[index] += min(value, second if index == top else column[top])
    return [
        _clean((sum(own) - overlap) / sum_y) if sum_y else 0.0 for own, overlap in zip(covered, shared, strict=True)
    ]


def necessity(x: Scores, y: Scores) -> tuple[float, float, float]:
    """(inclN, RoN, covN) of X as a necessary condition for Y."""
    both = [min(a, b) for a, b in zip(x, y, strict=True)]
    sum_y, sum_x, sum_both = sum(y), sum(x), sum(both)
    incl = sum_both / sum_y if sum_y else 0.0
    ron_denominator = sum(1 - value for value in both)
    ron = sum(1 - value for value in x) / ron_denominator if ron_denominator else 0.0
    cov = sum_both / sum_x if sum_x else 0.0
    return _clean(incl), _clean(ron), _clean(cov)


@dataclass(frozen=True)
class TermFit:
    """One prime implicant's fit; ``cases``: the cases of the explained rows it covers."""

    term: str
    incl_s: float
    pri: float
    cov_s: float
    cov_u: float | None
    cases: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "inclS": self.incl_s,
            "PRI": self.pri,
            "covS": self.cov_s,
            "covU": self.cov_u,
            "cases": list(self.cases),
        }
