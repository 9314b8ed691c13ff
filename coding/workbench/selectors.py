"""Reads of the coding workbench, each a fixed number of queries however many rows there are."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse

from cases.models import Actor, Interview, Region, Study, Wave
from coding.choices import CoordinationMode
from coding.interviews.paragraphs import ParagraphIndex
from coding.models import Code, Coding, Interaction, InteractionQuerySet
from coding.workbench.agreement import CodedRange
from coding.workbench.contrast import mark_colour, text_colour
from coding.workbench.suggestions import inherited_modes, named_in

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass
class CodeNode:
    """A code in the searchable tree: its depth and the ids of its parent codes (kept visible on a match)."""

    code: Code
    depth: int
    ancestor_ids: tuple[int, ...] = ()


def scheme_codes(study: Study) -> list[Code]:
    if study.coding_scheme_id is None:
        return []
    return list(Code.objects.filter(scheme_id=study.coding_scheme_id).order_by("order", "name"))


def code_tree(codes: Sequence[Code]) -> list[CodeNode]:
    """Codes in depth-first order (parents before children), each with its depth."""
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)
    ordered: list[CodeNode] = []

    def walk(parent_id: int | None, ancestors: tuple[int, ...]) -> None:
        for code in children[parent_id]:
            ordered.append(CodeNode(code, len(ancestors), ancestors))
            walk(code.pk, (*ancestors, code.pk))

    walk(None, ())
    return ordered


def descendant_ids(codes: Sequence[Code], root_id: int) -> set[int]:
    """``root_id`` and the ids of all its sub-codes."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code.pk)
    found, stack = set(), [root_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children[current])
    return found


@dataclass(frozen=True)
class ShownCoding:
    """A coding as the coding view draws it (no quote: that is the transcript's slice)."""

    id: int
    start: int
    end: int
    code_id: int
    coder_id: int
    memo: str
    code_name: str
    code_colour: str
    coder_name: str


def codings_for_view(interview: Interview, coder_ids: Iterable[int] | None = None) -> list[ShownCoding]:
    """The interview's codings in transcript order, as plain rows (300 model instances with their
    codes and coders cost more than the rest of the page)."""
    codings = interview.codings.order_by("start", "end", "id")
    if coder_ids:
        codings = codings.filter(coder_id__in=list(coder_ids))
    fields = ("id", "start", "end", "code_id", "coder_id", "memo", "code__name", "code__colour", "coder__username")
    return [ShownCoding(*row) for row in codings.values_list(*fields)]


def coders_of(interview: Interview) -> list:
    return list(get_user_model().objects.filter(codings__interview=interview).distinct().order_by("username"))


def study_code_counts(study: Study) -> dict[int, int]:
    """Codings per code in the whole study: one aggregate query."""
    rows = Coding.objects.filter(interview__region__study=study).values("code_id").annotate(n=Count("id")).order_by()
    return {row["code_id"]: row["n"] for row in rows}


def _shown_code(name: str, colour: str) -> list[str]:
    """Name, the lead's colour, and its shades legible on white: for underlines and stripes
    (3:1) and for the margin's code names (4.5:1), see ``contrast.py``."""
    return [name, colour, mark_colour(colour), text_colour(colour)]


def coding_view_data(interview: Interview, codings: Sequence[ShownCoding], codes: Sequence[Code]) -> dict:
    """What the coding view's script draws, compact: the transcript once, its paragraphs, and per
    coding ``[id, start, end, code id, coder id, first ¶, last ¶, memo]`` (the quote is the
    transcript's slice). Paragraph numbers come from ``ParagraphIndex``, as on every other page."""
    index = ParagraphIndex(interview.transcript)
    coders = {coding.coder_id: coding.coder_name for coding in codings}
    return {
        "text": interview.transcript,
        "paragraphs": [[paragraph.start, paragraph.end] for paragraph in index.paragraphs],
        # A coding's code is in the scheme; its own name and colour are taken in case it is not.
        "codes": {code.pk: _shown_code(code.name, code.colour) for code in codes}
        | {c.code_id: _shown_code(c.code_name, c.code_colour) for c in codings},
        "coders": coders,
        "codings": [
            [c.id, c.start, c.end, c.code_id, c.coder_id, *index.span(c.start, c.end), c.memo[:200]] for c in codings
        ],
    }


def paragraph_labels(codings: Sequence[Coding]) -> dict[int, str]:
    """ "¶ 3–5" per coding id, for lists of codings from several interviews: one query for their
    transcripts, however many codings (the lists defer the transcript on each row)."""
    interview_ids = {coding.interview_id for coding in codings}
    texts = Interview.objects.filter(pk__in=interview_ids).values_list("pk", "transcript")
    indexes = {pk: ParagraphIndex(text) for pk, text in texts}
    return {coding.pk: indexes[coding.interview_id].label(coding.start, coding.end) for coding in codings}


def coded_ranges(codings: Iterable[Coding]) -> list[CodedRange]:
    return [CodedRange(coding.coder_id, coding.code_id, coding.start, coding.end) for coding in codings]


def interactions_of_study(study: Study) -> InteractionQuerySet:
    return (
        Interaction.objects.filter(region__study=study)
        .select_related("region", "wave", "source", "target", "coder")
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("region__name", "source__name", "target__name", "id")
    )


def evidence_of(interaction: Interaction) -> QuerySet[Coding]:
    return interaction.evidence.select_related("code", "coder", "interview").defer("interview__transcript")


def retrieval_codings(study: Study) -> QuerySet[Coding]:
    return (
        Coding.objects.filter(interview__region__study=study)
        .select_related("code", "coder", "interview__region", "interview__wave")
        .defer("interview__transcript")
        .order_by("interview__region__name", "interview__date", "interview__title", "start", "id")
    )


@dataclass(frozen=True)
class MatrixColumn:
    """A column of the code matrix: a region (all its interviews) or one wave of it."""

    region_id: int
    label: str
    retrieval_url: str  # the retrieval page of the region's study
    wave_id: int | None = None

    def holds(self, region_id: int, wave_id: int | None) -> bool:
        return region_id == self.region_id and (self.wave_id is None or wave_id == self.wave_id)


@dataclass(frozen=True)
class MatrixCell:
    column: MatrixColumn
    count: int  # coded passages
    coded_interviews: int  # interviews with at least one such passage
    interviews: int  # interviews of the column

    @property
    def share(self) -> float | None:
        return self.coded_interviews / self.interviews if self.interviews else None


def matrix_column(region: Region, wave: Wave | None = None, label: str = "") -> MatrixColumn:
    retrieval_url = reverse("coding:retrieval", args=[region.study_id])
    return MatrixColumn(
        region.pk, label or (wave.label if wave else region.name), retrieval_url, wave.pk if wave else None
    )


def code_matrix(codes: Sequence[Code], columns: Sequence[MatrixColumn]) -> list[dict]:
    """Per code (including its sub-codes) and column: coded passages and the share of interviews.

    Two aggregate queries whatever the number of codes, regions or interviews. The row total
    counts the passages in any of the columns once, so overlapping columns are not added twice.
    """
    region_ids = {column.region_id for column in columns}
    pairs = (
        Coding.objects.filter(interview__region_id__in=region_ids)
        .values("code_id", "interview_id", "interview__region_id", "interview__wave_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    interview_counts: Counter[int] = Counter()
    for group in (
        Interview.objects.filter(region_id__in=region_ids)
        .values("region_id", "wave_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        for index, column in enumerate(columns):
            if column.holds(group["region_id"], group["wave_id"]):
                interview_counts[index] += group["n"]
    # code id -> column index (or None for "any column") -> interview id -> passages
    found: dict[int, dict[int | None, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for row in pairs:
        held = [
            i
            for i, column in enumerate(columns)
            if column.holds(row["interview__region_id"], row["interview__wave_id"])
        ]
        for index in held:
            found[row["code_id"]][index][row["interview_id"]] += row["n"]
        if held:
            found[row["code_id"]][None][row["interview_id"]] += row["n"]
    matrix = []
    for node in code_tree(codes):
        subtree = [found[code_id] for code_id in descendant_ids(codes, node.code.pk) if code_id in found]
        cells = []
        for index, column in enumerate(columns):
            passages = sum((by_column[index] for by_column in subtree), Counter())
            cells.append(MatrixCell(column, passages.total(), len(passages), interview_counts[index]))
        total = sum(by_column[None].total() for by_column in subtree)
        matrix.append({"node": node, "cells": cells, "total": total})
    return matrix


def interviews_with_codings(study: Study) -> QuerySet[Interview]:
    """Interviews of the study with their codings prefetched (for the agreement summary)."""
    return (
        Interview.objects.filter(region__study=study)
        .annotate(coder_count=Count("codings__coder", distinct=True))
        .filter(coder_count__gte=2)
        .defer("transcript")
        .prefetch_related(
            Prefetch(
                "codings", queryset=Coding.objects.only("id", "interview_id", "coder_id", "code_id", "start", "end")
            )
        )
        .select_related("region")
        .order_by("region__name", "title")
    )


@dataclass(frozen=True)
class InteractionSuggestions:
    """What a passage suggests: the modes its codes map to, and actors for source and target."""

    modes: set[str]
    interviewees: list[Actor]
    named: list[Actor]  # actors of the region whose name or pseudonym the passage mentions

    @property
    def mode_labels(self) -> list[str]:
        return [str(label) for value, label in CoordinationMode.choices if value in self.modes]

    @property
    def actors(self) -> list[Actor]:
        return [*self.interviewees, *(actor for actor in self.named if actor not in self.interviewees)]


def interaction_suggestions(
    interview: Interview, *, start: int, end: int, quote: str, code_ids: Iterable[int] = ()
) -> InteractionSuggestions:
    """Modes from the codes of the passage (``code_ids``, and every coding of the interview that
    overlaps [start, end)) and actors: the interviewees, then those named in ``quote``. Four queries."""
    overlapping = interview.codings.filter(start__lt=end, end__gt=start).values_list("code_id", flat=True)
    codes = {*code_ids, *overlapping}
    scheme = Code.objects.filter(scheme_id=interview.region.study.coding_scheme_id)
    rows = list(scheme.values_list("pk", "parent_id", "suggests_mode"))
    modes = inherited_modes(codes, {pk: parent for pk, parent, _ in rows}, {pk: mode for pk, _, mode in rows})
    interviewees = list(interview.interviewees.order_by("name"))
    actors = list(interview.region.actors.order_by("kind", "name"))
    named = named_in(quote, ((actor, (actor.name, actor.pseudonym)) for actor in actors))
    return InteractionSuggestions(modes, interviewees, named)
