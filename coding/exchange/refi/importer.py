"""The REFI-QDA project import behind ``services.qdpx_import``: where each source goes, and its rows."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases.choices import ActorKind, ConsentStatus, InterviewMode, LifecyclePhase, Role, TechnologyField
from cases.models import Actor, Interview, Region, Study, Wave
from coding.exchange.records import CaseRecord, ImportErrors, ParsedProject, Problem, SourceRecord
from coding.exchange.refi.codebook import guid_for
from coding.exchange.refi.export import CODING_CHUNK, INTERVIEW_CHUNK
from coding.exchange.refi.memo_notes import create_memos
from coding.exchange.refi.qdpx_reader import read_project
from coding.exchange.refi.variable_import import import_variables
from coding.models import Code, Coding, CodingScheme
from coding.variables import values as pure
from coding.variables.fixed import fixed_names

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class QdpxImportResult:
    scheme: CodingScheme
    regions: list[Region]
    interviews: int
    codings: int
    variable_renames: list[str] = field(default_factory=list)  # a note per variable whose name changed


def read_upload(upload: BinaryIO, filename: str) -> ParsedProject:
    """The checked project in ``upload``; ImportErrors for an oversize or malformed file."""
    size = upload.seek(0, os.SEEK_END)
    upload.seek(0)
    if size > settings.QDPX_MAX_UPLOAD_BYTES:
        limit = settings.QDPX_MAX_UPLOAD_BYTES
        raise ImportErrors([Problem(filename, f"the file has {size:,} bytes; the limit is {limit:,}")])
    return read_project(
        upload,
        filename=filename,
        max_uncompressed=settings.QDPX_MAX_UNCOMPRESSED_BYTES,
        max_source_chars=settings.TRANSCRIPT_MAX_UPLOAD_BYTES,  # as for a transcript from any other way in
        fixed_names={target: fixed_names(target) for target in (pure.REGION, pure.INTERVIEW)},
    )


class ImportPlan:
    """Where each source goes; ``check`` finds conflicts with the database before ``write``."""

    def __init__(self, project: ParsedProject, study: Study, region: Region | None, filename: str) -> None:
        self.project, self.study, self.region, self.filename = project, study, region, filename
        self.case_of: dict[str, CaseRecord] = {}
        for case in project.cases:
            for guid in case.source_guids:
                self.case_of.setdefault(guid, case)  # a source in several cases goes to the first
        self.problems: list[Problem] = []
        self.reuse: dict[str, Code] | None = None  # codes of the study's own scheme, when it keeps it

    def target_name(self, source: SourceRecord) -> str | None:
        if self.region is not None:
            return self.region.name
        case = self.case_of.get(source.guid)
        return case.name if case else None

    def check(self) -> None:
        if self.study.coding_scheme_id and Coding.objects.filter(interview__region__study=self.study).exists():
            # Re-pinning the study to a new version would cut its codings off from the scheme.
            self.reuse = self._match_codes()
        existing = set(Interview.objects.filter(region__study=self.study).values_list("region__name", "title"))
        seen: set[tuple[str, str]] = set()
        for source in self.project.sources:
            target = self.target_name(source)
            where = f"{self.filename}, source {source.name!r} ({source.guid})"
            if target is None:
                self.problems.append(Problem(where, "the source belongs to no case: choose a target region"))
            elif (target, source.name) in existing or (target, source.name) in seen:
                self.problems.append(Problem(where, f"region {target!r} already has an interview with this title"))
            elif len(source.name) > 200:
                self.problems.append(Problem(where, "the source name is longer than 200 characters"))
            seen.add((target or "", source.name))
        if self.problems:
            raise ImportErrors(self.problems)

    def _match_codes(self) -> dict[str, Code]:
        """Project codes → codes of the study's scheme, by our GUID or else by their path of names."""
        existing = {code.pk: code for code in Code.objects.filter(scheme_id=self.study.coding_scheme_id)}
        by_guid = {guid_for("code", pk): code for pk, code in existing.items()}
        by_path = {_path(code, lambda c: existing.get(c.parent_id)): code for code in existing.values()}
        records = {record.guid: record for record in self.project.codes}
        matched: dict[str, Code] = {}
        for record in self.project.codes:
            code = by_guid.get(record.guid) or by_path.get(_path(record, lambda r: records.get(r.parent_guid or "")))
            if code is None:
                self.problems.append(
                    Problem(f"{self.filename}, code {record.name!r} ({record.guid})",
                            f"the study already has codings, so codes must come from its scheme "
                            f"{self.study.coding_scheme}; this code is not in it")
                )  # fmt: skip
            else:
                matched[record.guid] = code
        return matched

    def scheme_name(self) -> str:
        """The name of the new scheme version: the study's scheme's, else the project's."""
        current = self.study.coding_scheme
        name = current.name if current else self.project.name or self.study.title
        return name[:200]

    def write(self, default_coder: User, *, scheme: CodingScheme, codes: dict[str, Code]) -> QdpxImportResult:
        """Regions, interviews and codings; ``codes`` are the scheme's codes by the project's GUIDs."""
        regions = self._regions()
        interviews = self._interviews(regions)
        coders = self._coders(default_coder)
        records = self.project.codings
        rows = [
            Coding(
                interview=interviews[record.source_guid], code=codes[record.code_guid],
                coder=coders.get(record.coder_guid or "", default_coder),
                start=record.start, end=record.end, quote=record.quote, memo=record.memo,
            )
            for record in records
        ]  # fmt: skip
        rows = _merge_twins(rows)
        try:
            bulk_create_with_history(rows, Coding, batch_size=CODING_CHUNK)
        except IntegrityError as error:  # the database's own offset check: should not happen after read_project
            transaction.set_rollback(True)
            raise ImportErrors([Problem(self.filename, f"the database refused a coding: {error}")]) from error
        import_variables(
            self.project,
            self.study,
            regions=regions if self.region is None else None,
            interviews=interviews,
            filename=self.filename,
        )
        create_memos(
            self.project,
            self.study,
            codes=codes,
            interviews=interviews,
            regions=regions,
            authors=coders,
            default_author=default_coder,
        )
        renames = [note for record in self.project.variables if (note := record.rename_note())]
        return QdpxImportResult(scheme, list(regions.values()), len(interviews), len(rows), renames)

    def _regions(self) -> dict[str, Region]:
        if self.region is not None:
            return {self.region.name: self.region}
        wanted = {case.name: case for case in self.project.cases if any(g in self.case_of for g in case.source_guids)}
        regions = {region.name: region for region in Region.objects.filter(study=self.study, name__in=list(wanted))}
        problems: list[Problem] = []
        for name, case in wanted.items():
            if name in regions:
                continue
            region = _region_from_case(self.study, case)
            try:
                region.full_clean(validate_unique=False)
            except ValidationError as error:
                problems.append(Problem(f"{self.filename}, case {name!r}", "; ".join(error.messages)))
                continue
            region.save()
            regions[name] = region
        if problems:
            transaction.set_rollback(True)
            raise ImportErrors(problems)
        return regions

    def _interviews(self, regions: dict[str, Region]) -> dict[str, Interview]:
        """Interviews by source GUID, with their waves and interviewees (created when missing)."""
        waves = {(w.region_id, w.label): w for w in Wave.objects.filter(region__in=regions.values())}
        persons = {(a.region_id, a.name): a for a in Actor.objects.persons().filter(region__in=regions.values())}
        rows: list[Interview] = []
        problems: list[Problem] = []
        for source in self.project.sources:
            target = self.target_name(source)
            assert target is not None  # check() refused the sources without a target region
            region = regions[target]
            interview = _interview_from_source(source, region, self._wave(waves, region, source), self.filename)
            try:
                interview.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                problems.append(Problem(f"{self.filename}, source {source.name!r}", "; ".join(error.messages)))
            rows.append(interview)
        if problems:
            transaction.set_rollback(True)
            raise ImportErrors(problems)
        bulk_create_with_history(rows, Interview, batch_size=INTERVIEW_CHUNK)
        links = []
        for source, interview in zip(self.project.sources, rows, strict=True):
            for person_name in source.interviewees:
                key = (interview.region_id, person_name[:200])
                if key not in persons:
                    persons[key] = Actor.objects.create(region=interview.region, kind=ActorKind.PERSON, name=key[1])
                links.append(Interview.interviewees.through(interview=interview, actor=persons[key]))
        Interview.interviewees.through.objects.bulk_create(links, ignore_conflicts=True)
        return {source.guid: interview for source, interview in zip(self.project.sources, rows, strict=True)}

    def _wave(self, waves: dict[tuple[int, str], Wave], region: Region, source: SourceRecord) -> Wave | None:
        label = (source.wave or "")[:100]
        if not label:
            return None
        if (region.pk, label) not in waves:
            start = _date(source.date) or timezone.localdate()
            waves[(region.pk, label)] = Wave.objects.create(region=region, label=label, start=start)
        return waves[(region.pk, label)]

    def _coders(self, default_coder: User) -> dict[str, User]:
        """REFI-QDA user GUID → a member of the study with that username (coders and leads only)."""
        names = {user.name: user.guid for user in self.project.users if user.name}
        members = get_user_model().objects.filter(
            memberships__study=self.study, memberships__role__in=[Role.LEAD, Role.CODER], username__in=list(names)
        )
        return {names[member.get_username()]: member for member in members}


def _path(node: Any, parent_of: Callable[[Any], Any]) -> tuple[str, ...]:
    """Names from the top code down to ``node`` (a Code or a CodeRecord); cycles cut short."""
    names: list[str] = []
    seen: set[int] = set()
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        names.append(node.name)
        node = parent_of(node)
    return tuple(reversed(names))


def _region_from_case(study: Study, case: CaseRecord) -> Region:
    variables = case.variables
    field = str(variables.get("Technology field") or "")
    phase = str(variables.get("Lifecycle phase") or "")
    return Region(
        study=study,
        name=case.name[:200],
        country=str(variables.get("Country") or "unknown")[:100],
        technology_field=field if field in TechnologyField.values else TechnologyField.OTHER,
        lifecycle_phase=phase if phase in LifecyclePhase.values else "",
        description=case.description,
    )


def _interview_from_source(source: SourceRecord, region: Region, wave: Wave | None, filename: str) -> Interview:
    return Interview(
        region=region,
        wave=wave,
        title=source.name,
        date=_date(source.date),
        mode=source.mode if source.mode in InterviewMode.values else InterviewMode.FACE_TO_FACE,
        language=(source.language or "en")[:20],
        consent_status=source.consent if source.consent in ConsentStatus.values else ConsentStatus.PENDING,
        pseudonymised=bool(source.pseudonymised),
        transcript=source.text,
        source_filename=filename[:255],
        memo=source.memo,
    )


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _merge_twins(rows: list[Coding]) -> list[Coding]:
    """One coding per passage, code and coder (a database constraint): a project may hold the same
    segment twice, or two of its coders may be one account here. The first stays, with both memos."""
    kept: dict[tuple[int, int, int, int, int], Coding] = {}
    for row in rows:
        key = (id(row.interview), row.code_id, row.coder_id, row.start, row.end)
        first = kept.setdefault(key, row)
        if first is not row and row.memo and row.memo not in first.memo:
            first.memo = f"{first.memo}\n\n{row.memo}" if first.memo else row.memo
    return list(kept.values())
