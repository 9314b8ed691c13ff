"""Hits in a transcript and their keyword-in-context lines (no Django).

The database says *which words* of a transcript match (a German ``Kooperationen`` stems to the
lexeme of ``Kooperation``: see ``selectors``); this module finds where those words are, joins
neighbours into one hit (a phrase, or two matched words with only spaces and punctuation between
them) and cuts the context either side at word boundaries. Offsets are ``str`` indices, as
codings store them. A hit can grow to the sentence or paragraph around it, for auto-coding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from coding.interviews.paragraphs import ParagraphIndex
from coding.search.query import WORD

CONTEXT_CHARS = 70
UNITS = ("hit", "sentence", "paragraph")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)")
_JOINABLE_GAP = re.compile(r"[^\w\n]{1,3}")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    words: int = 1  # matched words joined into this hit


@dataclass(frozen=True)
class ContextLine:
    """One hit with its context: ``before`` + ``match`` + ``after`` is a slice of the transcript."""

    start: int
    end: int
    before: str
    match: str
    after: str
    paragraph: str  # "¶ 3" or "¶ 3–4"
    cut_before: bool  # the context stops short of the paragraph's start
    cut_after: bool


def words_with_offsets(text: str) -> Iterator[tuple[int, int, str]]:
    for match in WORD.finditer(text):
        yield match.start(), match.end(), match.group().lower()


def distinct_words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def any_of(words: Iterable[str], *, prefixes: bool = False) -> re.Pattern[str] | None:
    """A pattern of whole words equal to (or, with ``prefixes``, starting with) one of ``words``,
    ignoring case; ``None`` for no words."""
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    if not alternatives:
        return None
    tail = r"[^\W_]*" if prefixes else ""
    return re.compile(rf"(?<![^\W_])(?:{alternatives}){tail}(?![^\W_])", re.IGNORECASE)


def find_hits(text: str, pattern: re.Pattern[str] | None) -> list[Hit]:
    """Matched words in order; a matched word right after another (1–3 signs between, no line
    break) extends that hit instead of starting a new one."""
    hits: list[Hit] = []
    if pattern is None:
        return hits
    for match in pattern.finditer(text):
        start, end = match.span()
        if hits and _JOINABLE_GAP.fullmatch(text, hits[-1].end, start):
            hits[-1] = Hit(hits[-1].start, end, hits[-1].words + 1)
        else:
            hits.append(Hit(start, end))
    return hits


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last == -1 else last


def context_line(text: str, hit: Hit, index: ParagraphIndex, width: int = CONTEXT_CHARS) -> ContextLine:
    """``width`` characters either side, within the hit's paragraph, cut back to whole words."""
    para_start, para_end = _paragraph_bounds(text, hit.start, hit.end)
    left = max(para_start, hit.start - width)
    right = min(para_end, hit.end + width)
    if left > para_start:
        space = text.find(" ", left, hit.start)
        left = space + 1 if space != -1 else left
    if right < para_end:
        space = text.rfind(" ", hit.end, right)
        right = space if space != -1 else right
    return ContextLine(
        start=hit.start,
        end=hit.end,
        before=text[left : hit.start].lstrip(),
        match=text[hit.start : hit.end],
        after=text[hit.end : right].rstrip(),
        paragraph=index.label(hit.start, hit.end),
        cut_before=left > para_start,
        cut_after=right < para_end,
    )


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding ``[start, end)``: from after the last sentence end before it (or
    the paragraph's start) to the first sentence end after it (or the paragraph's end)."""
    para_start, para_end = _paragraph_bounds(text, start, end)
    first = para_start
    for found in _SENTENCE_END.finditer(text, para_start, start):
        first = found.end()
    after = _SENTENCE_END.search(text, end, para_end)
    last = after.end() if after else para_end
    return _strip(text, first, last)


def unit_of(text: str, hit: Hit, unit: str) -> tuple[int, int]:
    """The passage to code for a hit: its words, its sentence or its paragraph."""
    if unit == "hit":
        return hit.start, hit.end
    if unit == "sentence":
        return sentence_bounds(text, hit.start, hit.end)
    if unit == "paragraph":
        return _strip(text, *_paragraph_bounds(text, hit.start, hit.end))
    raise ValueError(f"Unknown unit {unit!r}: one of {', '.join(UNITS)}.")


def passages(text: str, hits: list[Hit], unit: str) -> list[tuple[int, int]]:
    """The distinct passages of ``hits`` in ``unit``, in order (two hits in one sentence: one passage)."""
    return list(dict.fromkeys(unit_of(text, hit, unit) for hit in hits))
