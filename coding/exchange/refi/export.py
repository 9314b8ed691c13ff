"""REFI-QDA project export: study or region rows as records for ``coding.exchange.refi.qdpx``.

Queries are constant in the number of codings: interviews and codings are read by two
server-side cursors in the same order (interview id) and merged, one source at a time.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.models import Interview, Region, Study
from coding.exchange.pseudonyms import OffsetMap, Pseudonymiser
from coding.exchange.records import CaseRecord, CodingRecord, SourceRecord, UserRecord
from coding.exchange.refi import qdpx
from coding.exchange.refi.codebook import code_records, guid_for
from coding.exchange.refi.memo_notes import memos_of, note_records
from coding.exchange.refi.qdpx import CASE_VARIABLES
from coding.exchange.refi.study_variables import StudyVariables, study_variables
from coding.models import Coding
from coding.privacy.selectors import study_pseudonymiser

INTERVIEW_CHUNK = 100  # transcripts can be long: few per round trip
CODING_CHUNK = 2000


def coder_pseudonym(user_id: int, key: str) -> str:
    digest = hmac.new(key.encode(), f"user:{user_id}".encode(), hashlib.sha256).hexdigest()
    return f"Coder {digest[:6].upper()}"


class _NoNames:
    """Stands in for a Pseudonymiser when names stay as they are."""

    def name(self, name: str) -> str:
        return name

    def text(self, text: str) -> str:
        return text

    def apply(self, text: str) -> tuple[str, None]:
        return text, None


Names = Pseudonymiser | _NoNames


def qdpx_export(owner: Study | Region, out: BinaryIO, *, pseudonymised: bool = False, key: str = "") -> None:
    """Write ``owner`` (a study or one region) as a .qdpx to ``out``."""
    study = owner if isinstance(owner, Study) else owner.study
    regions = list(Region.objects.filter(study=study).order_by("name", "pk"))
    if isinstance(owner, Region):
        regions = [region for region in regions if region.pk == owner.pk]
    interviews = Interview.objects.filter(region__in=regions)
    names = study_pseudonymiser(study.pk, key) if pseudonymised else _NoNames()
    memos = memos_of(study, owner if isinstance(owner, Region) else None)
    variables = study_variables(study.pk, [region.pk for region in regions], names.text)
    qdpx.write_project(
        out,
        name=study.title,
        users=_users(interviews, pseudonymised, key, {memo.author_id for memo in memos}),
        codes=code_records(study.coding_scheme_id),
        cases=_cases(regions, interviews, names, variables),
        sources=_sources(interviews, names, variables),
        created=timezone.now().isoformat(timespec="seconds"),
        description=names.text(study.research_question),
        notes=note_records(memos, names),
        variables=variables.records,
    )


def _users(interviews: QuerySet, pseudonymised: bool, key: str, authors: set[int]) -> list[UserRecord]:
    """The coders of the interviews and the authors of the memos."""
    coders = (
        get_user_model()
        .objects.filter(Q(codings__interview__in=interviews) | Q(pk__in=authors))
        .distinct()
        .order_by("pk")
    )
    return [
        UserRecord(guid_for("user", user.pk), coder_pseudonym(user.pk, key) if pseudonymised else user.get_username())
        for user in coders
    ]


def _cases(regions: list[Region], interviews: QuerySet, names: Names, variables: StudyVariables) -> list[CaseRecord]:
    sources: dict[int, list[str]] = defaultdict(list)
    for pk, region_id in interviews.order_by("pk").values_list("pk", "region_id"):
        sources[region_id].append(guid_for("interview", pk))
    return [
        CaseRecord(
            guid_for("region", region.pk),
            region.name,
            tuple(sources[region.pk]),
            dict(zip(CASE_VARIABLES, (region.country, region.technology_field, region.lifecycle_phase), strict=True)),
            names.text(region.description),
            variables.of("region", region.pk),
        )
        for region in regions
    ]


def _sources(
    interviews: QuerySet, names: Names, variables: StudyVariables
) -> Iterator[tuple[SourceRecord, list[CodingRecord]]]:
    """Each interview with its codings, merging two cursors ordered by interview id."""
    interviewees: dict[int, list[str]] = defaultdict(list)
    through = Interview.interviewees.through.objects.filter(interview__in=interviews)
    for interview_id, name in through.order_by("actor__name").values_list("interview_id", "actor__name"):
        interviewees[interview_id].append(names.name(name))
    codings = (
        Coding.objects.filter(interview__in=interviews)
        .order_by("interview_id", "start", "end", "pk")
        .values_list("pk", "interview_id", "code_id", "coder_id", "start", "end", "memo", "created_at")
        .iterator(chunk_size=CODING_CHUNK)
    )
    pending = next(codings, None)
    rows = interviews.select_related("region", "wave").order_by("pk").iterator(chunk_size=INTERVIEW_CHUNK)
    for interview in rows:
        text, offsets = names.apply(interview.transcript)
        records: list[CodingRecord] = []
        while pending is not None and pending[1] <= interview.pk:
            if pending[1] == interview.pk:
                records.append(_coding_record(pending, interview.pk, text, offsets, names))
            pending = next(codings, None)
        source = _source_record(interview, text, tuple(interviewees[interview.pk]), names)
        yield replace(source, study_values=variables.of("interview", interview.pk)), records


def _coding_record(row: tuple, interview_id: int, text: str, offsets: OffsetMap | None, names: Names) -> CodingRecord:
    pk, _, code_id, coder_id, start, end, memo, created = row
    if offsets is not None:
        start, end = offsets.span(start, end)
    return CodingRecord(
        guid_for("coding", pk),
        guid_for("interview", interview_id),
        guid_for("code", code_id),
        start,
        end,
        text[start:end],
        guid_for("user", coder_id),
        names.text(memo),
        created.isoformat(timespec="seconds") if created else "",
    )


def _source_record(interview: Interview, text: str, interviewees: tuple[str, ...], names: Names) -> SourceRecord:
    return SourceRecord(
        guid_for("interview", interview.pk),
        names.text(interview.title),
        text,
        region=interview.region.name,
        wave=interview.wave.label if interview.wave else "",
        date=interview.date.isoformat() if interview.date else None,
        mode=interview.mode,
        language=interview.language,
        consent=interview.consent_status,
        pseudonymised=interview.pseudonymised or not isinstance(names, _NoNames),
        interviewees=interviewees,
        memo=names.text(interview.memo),
    )
