"""Code co-occurrence: a code × code table of counts and Jaccard coefficients (no Django here).

Works on the passages of ``coding.workbench.boolean`` (one coding = one passage with one code;
sub-codes are not rolled up: every code counts its own codings). Two units, chosen by the user:

``passage``: the units are passages (codings). For two different codes A and B, let P(A) be A's
    passages and O(A, B) those passages of A that overlap (share a character with, in the same
    interview) at least one passage of B. Then

    - count(A, B) = |O(A, B) ∪ O(B, A)| = |O(A, B)| + |O(B, A)|: the passages of either code
      that meet the other one (each passage counted once however many it meets);
    - jaccard(A, B) = count(A, B) / |P(A) ∪ P(B)| = count / (|P(A)| + |P(B)|), the share of
      both codes' passages that co-occur (P(A) and P(B) are disjoint: a coding has one code).

    The passages of a cell are exactly what the Boolean query (A AND B) OR (B AND A) retrieves.

``interview``: the units are interviews. I(A) = the interviews with at least one passage of A;

    - count(A, B) = |I(A) ∩ I(B)|, the interviews where both codes occur;
    - jaccard(A, B) = |I(A) ∩ I(B)| / |I(A) ∪ I(B)|.

    The passages of a cell: (A in the same interview as B) OR (B in the same interview as A).

On the diagonal (A, A) the count is |P(A)| (or |I(A)|) and the Jaccard coefficient 1. Codes
without any passage are left out of the table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from coding.workbench.boolean import And, Code, Or, Passage, Query, SameInterview

Unit = Literal["passage", "interview"]
UNITS: tuple[Unit, ...] = ("passage", "interview")


@dataclass(frozen=True)
class Cell:
    count: int
    jaccard: float


@dataclass(frozen=True)
class Table:
    unit: Unit
    sizes: dict[int, int]  # code -> |P(code)| or |I(code)|
    cells: dict[tuple[int, int], Cell]  # (a, b) with a < b, non-zero counts only

    def cell(self, a: int, b: int) -> Cell:
        if a == b:
            return Cell(self.sizes.get(a, 0), 1.0 if self.sizes.get(a) else 0.0)
        return self.cells.get((min(a, b), max(a, b)), Cell(0, 0.0))


def cell_query(a: int, b: int, unit: Unit) -> Query:
    """The Boolean query whose passages make up cell (a, b)."""
    if a == b:
        return Code(frozenset({a}))
    first, second = Code(frozenset({a})), Code(frozenset({b}))
    meets = And if unit == "passage" else SameInterview
    return Or(meets(first, second), meets(second, first))


def table(passages: Iterable[Passage], unit: Unit) -> Table:
    return _passage_table(passages) if unit == "passage" else _interview_table(passages)


def meeting_counts(passages: Iterable[Passage]) -> tuple[Counter[int], Counter[tuple[int, int]]]:
    """|P(A)| per code, and |O(A, B)| per ordered pair of different codes, by a sweep per interview."""
    by_interview: dict[int, list[Passage]] = defaultdict(list)
    sizes: Counter[int] = Counter()
    for passage in passages:
        by_interview[passage.interview].append(passage)
        sizes[passage.code] += 1
    met: Counter[tuple[int, int]] = Counter()
    for found in by_interview.values():
        met.update((own, other) for _, own, other in _meetings(found))
    return sizes, met


def _meetings(passages: Sequence[Passage]) -> set[tuple[int, int, int]]:
    """(index, own code, other code) for each passage of one interview and each code it meets."""
    ordered = sorted(range(len(passages)), key=lambda i: passages[i].start)
    active: list[int] = []  # passages started so far that may still overlap the next ones
    meetings: set[tuple[int, int, int]] = set()
    for i in ordered:
        current = passages[i]
        active = [j for j in active if passages[j].end > current.start]
        for j in active:  # started no later than ``current`` and ends after its start: overlap
            other = passages[j]
            if other.code != current.code:
                meetings.add((i, current.code, other.code))
                meetings.add((j, other.code, current.code))
        active.append(i)
    return meetings


def _passage_table(passages: Iterable[Passage]) -> Table:
    sizes, met = meeting_counts(passages)
    cells = {}
    for a, b in {(min(pair), max(pair)) for pair in met}:
        count = met[(a, b)] + met[(b, a)]
        cells[(a, b)] = Cell(count, count / (sizes[a] + sizes[b]))
    return Table("passage", dict(sizes), cells)


def _interview_table(passages: Iterable[Passage]) -> Table:
    # One bit per interview in each code's mask: |I(A) ∩ I(B)| is the popcount of the AND.
    bits: dict[int, int] = {}
    masks: dict[int, int] = defaultdict(int)
    for passage in passages:
        bit = bits.setdefault(passage.interview, len(bits))
        masks[passage.code] |= 1 << bit
    codes = sorted(masks)
    sizes = {code: masks[code].bit_count() for code in codes}
    cells = {}
    for index, a in enumerate(codes):
        for b in codes[index + 1 :]:
            both = (masks[a] & masks[b]).bit_count()
            if both:
                cells[(a, b)] = Cell(both, both / (sizes[a] + sizes[b] - both))
    return Table("interview", sizes, cells)
