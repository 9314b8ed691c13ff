"""Reads of Boolean retrieval and code co-occurrence: passages of a study, filtered, as plain tuples.

The set logic is in ``boolean`` and ``cooccurrence`` (pure); here the passages are fetched in one
query, paragraph numbers come from ``coding.interviews.paragraphs``, and the selected passages are
loaded back as rows. Every function runs a fixed number of queries however many codings there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import QuerySet

from cases.models import Actor, Interview, Region, Study, Wave
from coding.interviews.paragraphs import ParagraphIndex
from coding.models import Code, Coding
from coding.workbench import boolean, cooccurrence
from coding.workbench.selectors import descendant_ids, scheme_codes
from coding.workbench.variable_filters import ValueFilter, interviews_matching

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class PassageFilters:
    """Which passages take part: those of a region, a wave, an interviewee, a coder, and of interviews
    with an interview or interviewee variable's value (any if None)."""

    region: Region | None = None
    wave: Wave | None = None
    actor: Actor | None = None
    coder: User | None = None
    variable: ValueFilter | None = None

    def lookups(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.region is not None:
            found["interview__region"] = self.region
        if self.wave is not None:
            found["interview__wave"] = self.wave
        if self.actor is not None:
            found["interview__interviewees"] = self.actor
        if self.coder is not None:
            found["coder"] = self.coder
        if self.variable is not None:  # a subquery inside the same statement
            found["interview__in"] = interviews_matching(self.variable)
        return found


@dataclass(frozen=True)
class Retrieved:
    """One passage of a result, with what a reader needs to cite it."""

    coding: Coding
    paragraph: str  # "¶ 3" or "¶ 3–5"


def code_families(codes: Sequence[Code]) -> dict[int, frozenset[int]]:
    """Each code of the scheme → itself and its sub-codes (for ``query_json.parse``)."""
    return {code.pk: frozenset(descendant_ids(codes, code.pk)) for code in codes}


def study_code_families(study: Study) -> dict[int, frozenset[int]]:
    return code_families(scheme_codes(study))


def passages(study: Study, filters: PassageFilters, codes: Iterable[int] | None = None) -> list[boolean.Passage]:
    """The study's passages (of ``codes`` if given) within the filters, in one query."""
    codings = _codings(study, filters, codes)
    return [
        boolean.Passage(*row) for row in _rows(codings, "interview_id", "start", "end", "code_id", "coder_id", "pk")
    ]


def _rows(codings: QuerySet[Coding], *columns: str) -> list[tuple[int, ...]]:
    """The integer columns of the codings, straight from the cursor (no per-row ORM step: for
    50,000 rows this is 0.08 s against 0.45 s through ``values_list``)."""
    sql, params = codings.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _codings(study: Study, filters: PassageFilters, codes: Iterable[int] | None = None) -> QuerySet[Coding]:
    codings = Coding.objects.filter(interview__region__study=study, **filters.lookups()).order_by()
    if codes is not None:
        codings = codings.filter(code_id__in=list(codes))
    # An interview with two interviewees would repeat its codings in the join on the interviewee.
    return codings.distinct() if filters.actor is not None else codings


def paragraph_indexes(interview_ids: Iterable[int]) -> dict[int, ParagraphIndex]:
    """The paragraph index of each interview's transcript (one query)."""
    transcripts = Interview.objects.filter(pk__in=set(interview_ids)).values_list("pk", "transcript")
    return {pk: ParagraphIndex(transcript) for pk, transcript in transcripts}


def _uses_follows(query: boolean.Query) -> bool:
    if isinstance(query, boolean.Code):
        return False
    return isinstance(query, boolean.Follows) or _uses_follows(query.left) or _uses_follows(query.right)


def select(study: Study, query: boolean.Query, filters: PassageFilters) -> list[boolean.Passage]:
    """The passages the query selects, by region, interview date and title, then in transcript order.

    Three queries at most: the passages, the transcripts (only for "follows"), the interviews' order.
    """
    found = passages(study, filters, boolean.leaf_codes(query))
    span = None
    if _uses_follows(query):
        indexes = paragraph_indexes(passage.interview for passage in found)

        def span(passage: boolean.Passage) -> tuple[int, int]:
            return indexes[passage.interview].span(passage.start, passage.end)

    selected = boolean.evaluate(query, found, span)
    order = Interview.objects.filter(pk__in={passage.interview for passage in selected}).order_by(
        "region__name", "date", "title", "pk"
    )
    rank = {pk: index for index, pk in enumerate(order.values_list("pk", flat=True))}
    return sorted(selected, key=lambda passage: (rank[passage.interview], passage.start, passage.end, passage.key))


def retrieved(selected: Sequence[boolean.Passage]) -> list[Retrieved]:
    """The rows of the selected passages (a page of them, or all for a file) with paragraph labels.

    Two queries: the codings, and the transcripts of their interviews for the paragraph numbers.
    """
    rows = (
        Coding.objects.filter(pk__in=[passage.key for passage in selected])
        .select_related("code", "coder", "interview__region", "interview__wave")
        .defer("interview__transcript")
        .in_bulk()
    )
    indexes = paragraph_indexes(passage.interview for passage in selected)
    return [
        Retrieved(rows[passage.key], indexes[passage.interview].label(passage.start, passage.end))
        for passage in selected
        if passage.key in rows
    ]


def cooccurrence_rows(study: Study, filters: PassageFilters) -> list[tuple[int, ...]]:
    """(interview, start, end, code) of every passage within the filters, in one query."""
    return _rows(_codings(study, filters), "interview_id", "start", "end", "code_id")


def cooccurrence_table(study: Study, filters: PassageFilters, unit: cooccurrence.Unit) -> cooccurrence.Table:
    return cooccurrence.table(cooccurrence_rows(study, filters), unit)
