"""Paragraph numbers of a transcript, the positions people read (no Django here).

Codings are stored as character offsets; people cite "¶ 12" as MAXQDA and ATLAS.ti do. A
paragraph is a non-blank line of the transcript (text between line breaks; a .docx paragraph is
one line here, see ``docx_text``); blank lines separate paragraphs and get no number. Numbers
start at 1. An offset on a blank line belongs to the next paragraph (or the last one at the end).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int  # offset of the first character
    end: int  # offset after the last character (the line break is not part of it)


def paragraphs(text: str) -> list[Paragraph]:
    found: list[Paragraph] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            found.append(Paragraph(len(found) + 1, start, end))
        start = end + 1
    return found


class ParagraphIndex:
    """Offset → paragraph number for one transcript, in O(log n) per lookup."""

    def __init__(self, text: str) -> None:
        self.paragraphs = paragraphs(text)
        self._ends = [paragraph.end for paragraph in self.paragraphs]

    def number_at(self, offset: int) -> int:
        """The paragraph holding ``offset``: 0 for a transcript without text."""
        if not self.paragraphs:
            return 0
        # The first paragraph ending after the offset; an offset at a paragraph's end (the line
        # break) still belongs to it.
        at = bisect_right(self._ends, offset - 1)
        return self.paragraphs[min(at, len(self.paragraphs) - 1)].number

    def span(self, start: int, end: int) -> tuple[int, int]:
        """First and last paragraph of the passage ``[start, end)``."""
        return self.number_at(start), self.number_at(max(start, end - 1))

    def label(self, start: int, end: int) -> str:
        first, last = self.span(start, end)
        return f"¶ {first}" if first == last else f"¶ {first}–{last}"
