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

from coding.workbench.boolean import And, Code, Or, Query, SameInterview

Unit = Literal["passage", "interview"]
UNITS: tuple[Unit, ...] = ("passage", "interview")


@dataclass(slots=True)  # not frozen: tens of thousands are built per table, and frozen ones build slowly
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


# A passage, or any tuple starting (interview, start, end, code) as the database rows do.
Row = tuple[int, ...]


def table(passages: Iterable[Row], unit: Unit) -> Table:
    return _passage_table(passages) if unit == "passage" else _interview_table(passages)


def meeting_counts(passages: Iterable[Row]) -> tuple[Counter[int], Counter[tuple[int, int]]]:
    """|P(A)| per code, and |O(A, B)| per ordered pair of different codes that meet."""
    codes, sizes, met = _counts(passages)
    width = len(codes)
    pairs = Counter({(codes[key // width], codes[key % width]): n for key, n in enumerate(met) if n})
    return Counter(dict(zip(codes, sizes, strict=True))), pairs


def _counts(passages: Iterable[Row]) -> tuple[list[int], list[int], list[int]]:
    """The codes (sorted), |P| per code and |O(own, other)| at ``own * len(codes) + other`` (indexes
    into the codes), by a sweep over each interview's passages sorted by start."""
    by_interview: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for interview, start, end, code, *_ in passages:
        by_interview[interview].append((start, end, code))
    codes = sorted({code for found in by_interview.values() for _, _, code in found})
    dense = {code: index for index, code in enumerate(codes)}
    width = len(codes)
    sizes = [0] * width
    met = [0] * (width * width)
    for found in by_interview.values():
        rows = sorted((start, end, dense[code]) for start, end, code in found)
        for _, _, code in rows:
            sizes[code] += 1
        for key in _meetings(rows, width):  # passage * width + other code
            met[rows[key // width][2] * width + key % width] += 1
    return codes, sizes, met


def _meetings(rows: Sequence[tuple[int, int, int]], width: int) -> set[int]:
    """For rows (start, end, code) of one interview sorted by start: ``index * width + other code``
    for each passage and each other code it overlaps."""
    meetings: set[int] = set()
    add = meetings.add
    active: list[tuple[int, int, int]] = []  # (end, code, index) of passages that may still overlap
    for index, (start, end, code) in enumerate(rows):
        if active:
            active = [item for item in active if item[0] > start]
            # Each active passage started no later than this one and ends after its start: overlap.
            for _, other, other_index in active:
                if other != code:
                    add(index * width + other)
                    add(other_index * width + code)
        active.append((end, code, index))
    return meetings


def _passage_table(passages: Iterable[Row]) -> Table:
    codes, sizes, met = _counts(passages)
    width = len(codes)
    cells = {}
    for a in range(width):
        for b in range(a + 1, width):
            count = met[a * width + b] + met[b * width + a]
            if count:
                cells[(codes[a], codes[b])] = Cell(count, count / (sizes[a] + sizes[b]))
    return Table("passage", dict(zip(codes, sizes, strict=True)), cells)


def _interview_table(passages: Iterable[Row]) -> Table:
    # One bit per interview in each code's mask: |I(A) ∩ I(B)| is the popcount of the AND.
    bits: dict[int, int] = {}
    masks: dict[int, int] = defaultdict(int)
    for interview, _, _, code, *_ in passages:
        masks[code] |= 1 << bits.setdefault(interview, len(bits))
    codes = sorted(masks)
    sizes = {code: masks[code].bit_count() for code in codes}
    cells = {}
    for index, a in enumerate(codes):
        for b in codes[index + 1 :]:
            both = (masks[a] & masks[b]).bit_count()
            if both:
                cells[(a, b)] = Cell(both, both / (sizes[a] + sizes[b] - both))
    return Table("interview", sizes, cells)
