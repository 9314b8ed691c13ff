"""Versioning of coding schemes.

A study pins one version of a scheme. A version in use may be extended (new codes) and its
wording improved (definition, example, colour, concept, order), but nothing that changes what
existing codings mean: codes are not deleted, renamed or moved, and the scheme is not deleted.
Such changes go into a new version made by ``scheme_copy``.

A lead reorganises the version their study pins in place (``coding.codebook.reorganise``: merge,
split, move, recorded and undoable), provided no other study pins it; ``study_own_version`` first
gives the study a copy of its own, its codings moving onto the copy's codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from cases.models import Study
from coding.codebook.plan import change_reason
from coding.exchange.records import CodeRecord
from coding.models import Code, Coding, CodingScheme

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Fields that carry a code's meaning; changing them on an in-use scheme is destructive.
MEANING_FIELDS = ("name", "parent_id")
COPY_HINT = "Copy the scheme to a new version for that."


class CodesInvalid(ValidationError):
    """Codes that break the model's rules, each as (name, messages); nothing was written."""

    def __init__(self, codes: list[tuple[str, list[str]]]) -> None:
        super().__init__([f"“{name}”: {'; '.join(messages)}" for name, messages in codes])
        self.codes = codes


@transaction.atomic
def scheme_copy(*, scheme: CodingScheme, description: str | None = None) -> CodingScheme:
    """The scheme with its whole code tree as the next version of the same name."""
    description = scheme.description if description is None else description
    return scheme_version_create(name=scheme.name, codes=_records(scheme), based_on=scheme, description=description)[0]


@transaction.atomic
def study_own_version(*, study: Study, user: User) -> CodingScheme:
    """Give ``study`` a copy of the version it shares with other studies; its codings move to the copies.

    Each coding takes the copy of its code (same name, same place in the tree), recorded in its
    history; the other studies keep the version as it was. Returns the new version.
    """
    locked = Study.objects.select_for_update().get(pk=study.pk)
    old = locked.coding_scheme
    if old is None:
        raise ValidationError("This study has no coding scheme to copy.")
    new, copies = scheme_version_create(name=old.name, codes=_records(old), based_on=old, description=old.description)
    codings = list(Coding.objects.filter(interview__region__study=locked, code__scheme=old).order_by("pk"))
    for coding in codings:
        coding.code_id = copies[str(coding.code_id)].pk
    reason = change_reason(f"Moved to {new}, the study's own version of {old}")
    bulk_update_with_history(
        codings, Coding, ["code"], batch_size=1000, default_user=user, default_change_reason=reason
    )
    locked.coding_scheme = new
    locked.save(update_fields=["coding_scheme", "updated_at"])
    study.coding_scheme = new
    return new


def _records(scheme: CodingScheme) -> list[CodeRecord]:
    """The scheme's codes as records whose guid is the code's id."""
    return [
        CodeRecord(
            str(code.pk),
            code.name,
            str(code.parent_id) if code.parent_id else None,
            code.colour,
            code.definition,
            code.example,
            code.concept,
            code.order,
        )
        for code in scheme.codes.order_by("pk")
    ]


@transaction.atomic
def scheme_version_create(
    *, name: str, codes: Sequence[CodeRecord], based_on: CodingScheme | None = None, description: str = ""
) -> tuple[CodingScheme, dict[str, Code]]:
    """A code tree as the next version of the scheme ``name`` (version 1 if new); all or nothing.

    ``codes`` name their parents by ``guid``; a parent outside the list makes a top-level code.
    ``based_on`` defaults to the latest version of ``name``. Each code is checked with
    ``full_clean``; CodesInvalid lists every code that fails. A new version never touches the
    codes of earlier ones, which studies may have pinned. Returns the scheme and its codes by guid.
    """
    # Lock the versions of this name so two new versions cannot take the same number.
    versions = list(CodingScheme.objects.select_for_update().filter(name=name).order_by("-version"))
    latest = versions[0] if versions else None
    scheme = CodingScheme.objects.create(
        name=name,
        version=latest.version + 1 if latest else 1,
        description=description,
        based_on=based_on if based_on is not None else latest,
    )
    created: dict[str, Code | None] = {}  # None: the code failed its checks; its children go to the top
    problems: list[tuple[str, list[str]]] = []
    for record in _parents_first(codes):
        code = Code(
            scheme=scheme,
            parent=created.get(record.parent_guid) if record.parent_guid else None,
            name=record.name,
            definition=record.definition,
            example=record.example,
            colour=record.colour,
            concept=record.concept,
            order=record.order,
        )
        try:
            code.full_clean()
        except ValidationError as error:
            problems.append((record.name, error.messages))
            created[record.guid] = None
            continue
        code.save()
        created[record.guid] = code
    if problems:
        raise CodesInvalid(problems)
    return scheme, {guid: code for guid, code in created.items() if code is not None}


def _parents_first(codes: Sequence[CodeRecord]) -> list[CodeRecord]:
    """The codes with each parent before its children; repeated passes keep the given order otherwise."""
    known = {record.guid for record in codes}
    placed: set[str] = set()
    ordered: list[CodeRecord] = []
    pending = list(codes)
    while pending:
        waiting = []
        for record in pending:
            if record.parent_guid in known and record.parent_guid not in placed:
                waiting.append(record)
                continue
            ordered.append(record)
            placed.add(record.guid)
        if len(waiting) == len(pending):  # would loop forever; the database forbids cycles anyway
            raise ValidationError("The code tree has a cycle and cannot be copied.")
        pending = waiting
    return ordered


def check_code_change(code: Code) -> None:
    """Refuse renaming or moving a code of a scheme that a study uses."""
    if code.pk is None or not code.scheme.in_use:
        return
    before = Code.objects.filter(pk=code.pk).values(*MEANING_FIELDS).first()
    if before is None:
        return
    if before["name"] != code.name:
        raise ValidationError(
            f"“{before['name']}” cannot be renamed: the scheme {code.scheme} is used by a study. {COPY_HINT}"
        )
    if before["parent_id"] != code.parent_id:
        raise ValidationError(
            f"“{code.name}” cannot be moved to another parent: the scheme {code.scheme} is used by a study. {COPY_HINT}"
        )


def check_code_deletion(code: Code) -> None:
    if code.scheme.in_use:
        raise ValidationError(
            f"“{code.name}” cannot be deleted: the scheme {code.scheme} is used by a study. {COPY_HINT}"
        )
    if code.codings.exists():
        raise ValidationError(f"“{code.name}” cannot be deleted: passages are coded with it.")
    if code.children.exists():
        raise ValidationError(f"“{code.name}” cannot be deleted: delete or move its sub-codes first.")


def check_scheme_deletion(scheme: CodingScheme) -> None:
    if scheme.in_use:
        titles = ", ".join(scheme.studies.values_list("title", flat=True)[:5])
        raise ValidationError(f"{scheme} cannot be deleted: it is used by {titles}.")


def code_tree(scheme: CodingScheme) -> list[tuple[Code, int]]:
    """The scheme's codes in tree order with their depth (one query)."""
    codes = list(scheme.codes.all())
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    for siblings in children.values():
        siblings.sort(key=lambda code: (code.order, code.name))
    ordered: list[tuple[Code, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for code in children.get(parent, []):
            ordered.append((code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return ordered
