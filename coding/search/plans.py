"""The preview of "code all hits": which passages would be coded and which already are.

A plan is computed the same way for the preview and for the confirmation; its ``token`` (a hash
of the passages to code) travels with the confirmation, so hits that changed in between (a
transcript edited, a coding added) are noticed instead of coding something nobody saw.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coding.interviews.paragraphs import ParagraphIndex
from coding.models import Code, Coding
from coding.search import selectors
from coding.search.kwic import passages

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from cases.models import Interview, Study
    from coding.search.query import SearchQuery


@dataclass(frozen=True)
class PlannedPassage:
    interview: Interview
    start: int
    end: int
    paragraph: str
    duplicate: bool  # the same passage already has this code from this coder: skipped

    @property
    def quote(self) -> str:
        return self.interview.transcript[self.start : self.end]


@dataclass(frozen=True)
class Plan:
    code: Code
    unit: str
    passages: list[PlannedPassage]

    @property
    def new(self) -> list[PlannedPassage]:
        return [passage for passage in self.passages if not passage.duplicate]

    @property
    def duplicates(self) -> list[PlannedPassage]:
        return [passage for passage in self.passages if passage.duplicate]

    @property
    def new_count(self) -> int:
        return len(self.new)

    @property
    def duplicate_count(self) -> int:
        return len(self.duplicates)

    @property
    def token(self) -> str:
        ids = ";".join(f"{p.interview.pk}:{p.start}:{p.end}" for p in self.new)
        return hashlib.sha256(f"{self.code.pk}|{self.unit}|{ids}".encode()).hexdigest()[:16]


def plan(*, study: Study, query: SearchQuery, filters: selectors.Filters, code: Code, unit: str, coder: User) -> Plan:
    """Every hit of the search, as passages of ``unit``: three queries however many hits."""
    interviews = list(selectors.matching_interviews(study, query, filters))
    found = selectors.with_hits(interviews, query, lines=False)
    existing = set(
        Coding.objects.filter(interview__in=interviews, code=code, coder=coder).values_list(
            "interview_id", "start", "end"
        )
    )
    planned: list[PlannedPassage] = []
    for each in found:
        text = each.interview.transcript
        index = ParagraphIndex(text)
        for start, end in passages(text, each.hits, unit):
            duplicate = (each.interview.pk, start, end) in existing
            planned.append(PlannedPassage(each.interview, start, end, index.label(start, end), duplicate))
    return Plan(code, unit, planned)
