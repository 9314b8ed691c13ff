"""The study's memos in a .qdpx and back: rows to ``NoteRecord``s for the writer, notes to memos.

REFI-QDA names codes, text sources (our interviews) and cases (our regions), so memos on those
keep their target through an export and an import; a memo on the study is a note on the project.
Actors and waves have no REFI-QDA element: their memos are notes on the project whose Description
names the actor or wave, and an import brings them back as memos on the study.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from coding.exchange.records import NoteRecord, ParsedProject
from coding.exchange.refi.codebook import guid_for
from coding.memos.models import Memo

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from cases.models import Interview, Region, Study
    from coding.models import Code

TITLE_LENGTH = 200


class Names(Protocol):
    def name(self, name: str) -> str: ...

    def text(self, text: str) -> str: ...


def memos_of(study: Study, region: Region | None) -> list[Memo]:
    """The memos a study's export carries; a region's carries those on its records and on codes."""
    memos = Memo.objects.filter(study=study).select_related("actor", "wave__region", "interview").order_by("pk")
    if region is not None:
        in_region = Q(region=region) | Q(interview__region=region) | Q(actor__region=region) | Q(wave__region=region)
        memos = memos.filter(in_region | Q(code__isnull=False))
    return list(memos)


def note_records(memos: list[Memo], names: Names) -> list[NoteRecord]:
    return [_note(memo, names) for memo in memos]


def _note(memo: Memo, names: Names) -> NoteRecord:
    kind, target, description = "", "", ""
    if memo.code_id is not None:
        kind, target = "code", guid_for("code", memo.code_id)
    elif memo.interview_id is not None:
        kind, target = "source", guid_for("interview", memo.interview_id)
    elif memo.region_id is not None:
        kind, target = "case", guid_for("region", memo.region_id)
    elif memo.actor is not None:
        description = f"On the actor {names.name(memo.actor.name)}"
    elif memo.wave is not None:
        description = f"On the wave {memo.wave.label} of {memo.wave.region.name}"
    return NoteRecord(
        guid_for("memo", memo.pk),
        names.text(memo.title),
        names.text(memo.text),
        kind,
        target,
        guid_for("user", memo.author_id),
        memo.created_at.isoformat(timespec="seconds"),
        memo.updated_at.isoformat(timespec="seconds"),
        description,
    )


def create_memos(
    project: ParsedProject,
    study: Study,
    *,
    codes: Mapping[str, Code],
    interviews: Mapping[str, Interview],
    regions: Mapping[str, Region],
    authors: Mapping[str, User],
    default_author: User,
) -> int:
    """The project's notes as memos of ``study``, on the code, interview or region they refer to.

    A note on anything else (a case whose region was not written, a selection) becomes a memo on
    the study; a note without text is left out (there would be nothing to keep).
    """
    case_names = {case.guid: case.name for case in project.cases}
    rows = []
    for note in project.notes:
        if not note.text.strip():
            continue
        memo = Memo(
            study=study,
            author=authors.get(note.creator_guid, default_author),
            title=(note.name or note.text.strip().splitlines()[0])[:TITLE_LENGTH],
            text=note.text,
        )
        if note.target_kind == "code":
            memo.code = codes.get(note.target_guid)
        elif note.target_kind == "source":
            memo.interview = interviews.get(note.target_guid)
        elif note.target_kind == "case":
            memo.region = regions.get(case_names.get(note.target_guid, ""))
        rows.append(memo)
    bulk_create_with_history(rows, Memo, default_user=default_author, default_change_reason="Imported from a .qdpx")
    return len(rows)
