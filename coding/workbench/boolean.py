"""Boolean retrieval over coded passages: AND, OR, NOT, "follows within N paragraphs" (no Django here).

A passage is ``(interview, start, end, code, coder)`` with half-open character offsets
``[start, end)``, as ``Coding`` stores them. Two passages *overlap* when they are in the same
interview and share at least one character: ``a.start < b.end and b.start < a.end`` (passages
that only touch, one ending where the other starts, do not overlap).

A query is a tree; each node yields a set of passages:

- ``Code(id)``: the passages coded with ``id`` (the caller decides whether sub-codes count, by
  passing several ids);
- ``And(A, B)``: the passages of A that overlap a passage of B;
- ``Or(A, B)``: the passages of A and those of B;
- ``Not(A, B)``: the passages of A that overlap no passage of B;
- ``Follows(A, B, n)``: the passages of B that follow a passage of A within ``n`` paragraphs:
  same interview, B starts at or after A's end (``b.start >= a.end``), and B's first paragraph
  is at most ``n`` paragraphs after A's last (``first(b) - last(a) <= n``; 0 = the same paragraph);
- ``SameInterview(A, B)``: the passages of A in an interview that has a passage of B.

The overlap tests sort each interview's passages once and bisect, so a node costs
O((|A| + |B|) log |B|), not |A| × |B|.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple


class Passage(NamedTuple):
    interview: int
    start: int
    end: int
    code: int
    coder: int
    key: int = 0  # the coding's id, so a result leads back to its row; 0 in hand-made cases


# The first and last paragraph number of a passage (coding.interviews.paragraphs).
ParagraphSpan = Callable[[Passage], tuple[int, int]]


@dataclass(frozen=True)
class Code:
    codes: frozenset[int]


@dataclass(frozen=True)
class And:
    left: Query
    right: Query


@dataclass(frozen=True)
class Or:
    left: Query
    right: Query


@dataclass(frozen=True)
class Not:
    left: Query
    right: Query


@dataclass(frozen=True)
class Follows:
    left: Query
    right: Query
    within: int  # paragraphs, >= 0


@dataclass(frozen=True)
class SameInterview:
    left: Query
    right: Query


Query = Code | And | Or | Not | Follows | SameInterview


def leaf_codes(query: Query) -> set[int]:
    """Every code id the query names."""
    if isinstance(query, Code):
        return set(query.codes)
    return leaf_codes(query.left) | leaf_codes(query.right)


def evaluate(query: Query, passages: Iterable[Passage], span: ParagraphSpan | None = None) -> list[Passage]:
    """The passages the query selects, in (interview, start, end, code, coder, key) order.

    ``span`` gives a passage's paragraphs; it is needed only when the query has ``Follows``.
    """
    by_code: dict[int, list[Passage]] = defaultdict(list)
    for passage in passages:
        by_code[passage.code].append(passage)
    return sorted(_run(query, by_code, span))


def _run(query: Query, by_code: dict[int, list[Passage]], span: ParagraphSpan | None) -> set[Passage]:
    if isinstance(query, Code):
        return {passage for code in query.codes for passage in by_code.get(code, ())}
    left, right = _run(query.left, by_code, span), _run(query.right, by_code, span)
    if isinstance(query, Or):
        return left | right
    if isinstance(query, And):
        return overlapping(left, right)
    if isinstance(query, Not):
        return left - overlapping(left, right)
    if isinstance(query, SameInterview):
        interviews = {passage.interview for passage in right}
        return {passage for passage in left if passage.interview in interviews}
    if span is None:
        raise ValueError("Follows needs the passages' paragraphs")
    return following(left, right, query.within, span)


class _Index:
    """One interview's passages sorted by start, with the running maximum of their ends."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        ordered = sorted(passages, key=lambda passage: passage.start)
        self.starts = [passage.start for passage in ordered]
        self.max_ends = list(accumulate((passage.end for passage in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        # Passages starting before ``end``: one of them overlaps iff the longest reaches past ``start``.
        before = bisect_left(self.starts, end)
        return before > 0 and self.max_ends[before - 1] > start


def _by_interview(passages: Iterable[Passage]) -> dict[int, list[Passage]]:
    grouped: dict[int, list[Passage]] = defaultdict(list)
    for passage in passages:
        grouped[passage.interview].append(passage)
    return grouped


def overlapping(left: Iterable[Passage], right: Iterable[Passage]) -> set[Passage]:
    """The passages of ``left`` that overlap at least one passage of ``right``."""
    indexes = {interview: _Index(found) for interview, found in _by_interview(right).items()}
    return {
        passage
        for passage in left
        if (index := indexes.get(passage.interview)) is not None and index.overlaps(passage.start, passage.end)
    }


def following(left: Iterable[Passage], right: Iterable[Passage], within: int, span: ParagraphSpan) -> set[Passage]:
    """The passages of ``right`` that follow a passage of ``left`` within ``within`` paragraphs."""
    # Per interview, the earliest end of a left passage ending in each paragraph is all we need:
    # b qualifies if some a has a.end <= b.start and first(b) - within <= last(a) <= first(b).
    ends: dict[int, dict[int, int]] = defaultdict(dict)
    for passage in left:
        last = span(passage)[1]
        known = ends[passage.interview].get(last)
        ends[passage.interview][last] = passage.end if known is None else min(known, passage.end)
    found = set()
    for passage in right:
        by_paragraph = ends.get(passage.interview)
        if not by_paragraph:
            continue
        first = span(passage)[0]
        if _follows_one(by_paragraph, first - within, first, passage.start):
            found.add(passage)
    return found


def _follows_one(ends: dict[int, int], lowest: int, highest: int, start: int) -> bool:
    """Some left passage ends in a paragraph of ``[lowest, highest]`` at or before ``start``."""
    if highest - lowest + 1 <= len(ends):
        candidates = (ends.get(paragraph) for paragraph in range(lowest, highest + 1))
        return any(end is not None and end <= start for end in candidates)
    return any(lowest <= paragraph <= highest and end <= start for paragraph, end in ends.items())


WORDS = {And: "AND", Or: "OR", Not: "NOT", SameInterview: "in an interview with"}


def describe(query: Query, name: Callable[[int], str]) -> str:
    """The query in words, e.g. ``(“Trust” AND “Rivalry”) followed within 2 ¶ by “Exit”``."""
    if isinstance(query, Code):
        names = sorted(f"“{name(code)}”" for code in query.codes)
        return names[0] if len(names) == 1 else "(" + " or ".join(names) + ")"
    left, right = describe(query.left, name), describe(query.right, name)
    if not isinstance(query.left, Code):
        left = f"({left})"
    if not isinstance(query.right, Code):
        right = f"({right})"
    if isinstance(query, Follows):
        return f"{left} followed within {query.within} ¶ by {right}"
    return f"{left} {WORDS[type(query)]} {right}"
