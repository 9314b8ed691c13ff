"""Re-anchoring codings onto an edited transcript: where does each quoted span sit in the new text?

Plain functions on plain values (no Django): a coding is anything with ``pk``, ``start``, ``end``
and ``quote``. Each coding goes, in this order, to an earlier place of it that still fits (when an
earlier transcript comes back), to the occurrence of its quote nearest the old offset, or through
the diff of the two texts to a span similar enough to the old quote; otherwise it is lost.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Protocol, TypeVar

# A fuzzy re-anchoring is accepted only when the new span is this similar to the old quote.
MIN_FUZZY_RATIO = 0.8


class Anchored(Protocol):
    pk: int
    start: int
    end: int
    quote: str


C = TypeVar("C", bound=Anchored)


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str


def _exact(quote: str, text: str, old_start: int) -> Anchor | None:
    """The occurrence of ``quote`` in ``text`` nearest to the old offset."""
    best: int | None = None
    position = text.find(quote)
    while position != -1:
        if best is None or abs(position - old_start) < abs(best - old_start):
            best = position
        position = text.find(quote, position + 1)
    return None if best is None else Anchor(best, best + len(quote), quote)


def _fuzzy(old_text: str, new_text: str, start: int, end: int, matcher: difflib.SequenceMatcher) -> Anchor | None:
    """Map the old span through the diff of the two texts; accept if the text there is similar."""

    def mapped(offset: int) -> int | None:
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if i1 <= offset < i2 or (offset == i2 == len(old_text)):
                if tag == "equal":
                    return j1 + (offset - i1)
                return j1 if offset == i1 else j2
        return None

    new_start, new_end = mapped(start), mapped(end) if end < len(old_text) else len(new_text)
    if new_start is None or new_end is None or new_end <= new_start:
        return None
    quote = new_text[new_start:new_end]
    if difflib.SequenceMatcher(None, old_text[start:end], quote, autojunk=False).ratio() < MIN_FUZZY_RATIO:
        return None
    return Anchor(new_start, new_end, quote)


def reanchor(
    old_text: str, new_text: str, codings: list[C], known: dict[int, list[Anchor]] | None = None
) -> tuple[dict[int, Anchor], list[C]]:
    """New anchors by coding id, and the codings that could not be placed in the new text.

    ``known``: earlier anchors of a coding, newest first (its history, when an earlier transcript
    comes back); the first that still fits the new text wins over searching for the quote.
    """
    matcher = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False)
    anchors: dict[int, Anchor] = {}
    lost: list[C] = []
    for coding in codings:
        earlier = (a for a in (known or {}).get(coding.pk, []) if new_text[a.start : a.end] == a.quote)
        anchor = (
            next(earlier, None)
            or _exact(coding.quote, new_text, coding.start)
            or _fuzzy(old_text, new_text, coding.start, coding.end, matcher)
        )
        if anchor is None:
            lost.append(coding)
        else:
            anchors[coding.pk] = anchor
    return anchors, lost
