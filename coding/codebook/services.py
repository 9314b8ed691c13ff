"""Versioning of coding schemes.

A study pins one version of a scheme. A version in use may be extended (new codes) and its
wording improved (definition, example, colour, concept, order), but nothing that changes what
existing codings mean: codes are not deleted, renamed or moved, and the scheme is not deleted.
Such changes go into a new version made by ``scheme_copy``; the admin enforces this for every
in-use version (``check_code_change``), since a version there may be pinned by several studies.

The coding workbench edits the one version its study pins (``code_create``, ``code_update``); if
another study pins it too, or it is the default scheme as shipped, the first such edit copies it
to a new version for this study alone and moves the study's codings onto the copies
(``study_own_version``), so no study changes another's codebook.
Coders add codes where the study allows it and leads always may; leads rename and recolour codes,
and move one to another parent while neither it nor its sub-codes code any passage. A rename keeps
every coding on its code (the code's history keeps the former name: it is a relabel, as in MAXQDA,
not a new meaning); a move of a coded branch would change the code paths of existing passages, so
it still needs a new version.

A lead reorganises the version their study pins in place (``coding.codebook.reorganise``: merge,
split, move, recorded and undoable), provided no other study pins it; ``study_own_version`` first
gives the study a copy of its own, its codings moving onto the copy's codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_update_with_history

from cases.access import role_allows
from cases.choices import Role
from cases.models import Study
from coding.codebook.default_scheme import SCHEME_NAME, SCHEME_VERSION
from coding.codebook.plan import change_reason
from coding.exchange.records import CodeRecord
from coding.memos.models import Memo
from coding.models import HEX_COLOUR, Code, Coding, CodingScheme

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Fields that carry a code's meaning; changing them on an in-use scheme is destructive.
MEANING_FIELDS = ("name", "parent_id")
COPY_HINT = gettext_noop("Copy the scheme to a new version for that.")


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
def study_own_version(*, study: Study, user: User | None, note: str = "") -> CodingScheme:
    """Give ``study`` a copy of the version it shares with other studies; its codings move to the copies.

    Each coding and memo takes the copy of its code (same name, same place in the tree), recorded
    in its history; the other studies keep the version as it was. Returns the new version.
    """
    return _own_copy(study, user=user, note=note)[0]


def _own_copy(study: Study, *, user: User | None, note: str) -> tuple[CodingScheme, dict[int, Code]]:
    """``study_own_version``, also returning the copy of each old code (by the old code's id)."""
    locked = Study.objects.select_for_update().get(pk=study.pk)  # two first edits copy once
    old = locked.coding_scheme
    if old is None:
        raise ValidationError(_("This study has no coding scheme to copy."))
    description = f"{old.description}\n\n{note}".strip() if note else old.description
    new, copies = scheme_version_create(name=old.name, codes=_records(old), based_on=old, description=description)
    codings = list(Coding.objects.filter(interview__region__study=locked, code__scheme=old).order_by("pk"))
    for coding in codings:
        coding.code_id = copies[str(coding.code_id)].pk
    reason = change_reason(f"Moved to {new}, the study's own version of {old}")
    bulk_update_with_history(
        codings, Coding, ["code"], batch_size=1000, default_user=user, default_change_reason=reason
    )
    locked.coding_scheme = new
    locked.save(update_fields=["coding_scheme", "updated_at"])
    # The study's memos on codes follow them (after the repin: a memo's code must be in the study's scheme).
    memos = list(Memo.objects.filter(study=locked, code__scheme=old).order_by("pk"))
    for memo in memos:
        memo.code_id = copies[str(memo.code_id)].pk
    bulk_update_with_history(memos, Memo, ["code"], batch_size=1000, default_user=user, default_change_reason=reason)
    study.coding_scheme = new
    return new, {int(old_id): code for old_id, code in copies.items()}


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
            code.suggests_mode,
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
            suggests_mode=record.suggests_mode,
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
            raise ValidationError(_("The code tree has a cycle and cannot be copied."))
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
            _("“%(code)s” cannot be renamed: the scheme %(scheme)s is used by a study. %(hint)s")
            % {"code": before["name"], "scheme": code.scheme, "hint": _(COPY_HINT)}
        )
    if before["parent_id"] != code.parent_id:
        raise ValidationError(
            _("“%(code)s” cannot be moved to another parent: the scheme %(scheme)s is used by a study. %(hint)s")
            % {"code": code.name, "scheme": code.scheme, "hint": _(COPY_HINT)}
        )


def check_code_deletion(code: Code) -> None:
    if code.scheme.in_use:
        raise ValidationError(
            _("“%(code)s” cannot be deleted: the scheme %(scheme)s is used by a study. %(hint)s")
            % {"code": code.name, "scheme": code.scheme, "hint": _(COPY_HINT)}
        )
    if code.codings.exists():
        raise ValidationError(_("“%(code)s” cannot be deleted: passages are coded with it.") % {"code": code.name})
    if code.children.exists():
        raise ValidationError(
            _("“%(code)s” cannot be deleted: delete or move its sub-codes first.") % {"code": code.name}
        )


def check_scheme_deletion(scheme: CodingScheme) -> None:
    if scheme.in_use:
        titles = ", ".join(scheme.studies.values_list("title", flat=True)[:5])
        raise ValidationError(
            _("%(scheme)s cannot be deleted: it is used by %(studies)s.") % {"scheme": scheme, "studies": titles}
        )


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


NAME_MAX = Code._meta.get_field("name").max_length or 200
DEFAULT_COLOUR = "#4c78a8"
KEEP = object()  # ``code_update``: leave the parent as it is


def in_vivo_name(text: str) -> str:
    """A passage's own words as a code name: white space collapsed, cut to the name field's length."""
    return " ".join(text.split())[:NAME_MAX].strip()


def may_add_codes(study: Study, role: str | None) -> bool:
    """Leads always; coders where the study allows it (``Study.coders_add_codes``); viewers never."""
    return role_allows(role, Role.LEAD) or (study.coders_add_codes and role_allows(role, Role.CODER))


def _own_scheme(study: Study) -> tuple[CodingScheme, dict[int, Code]]:
    """The version the study pins, made its own first if another study pins it too or it is the
    default scheme the app ships (which stays as shipped, so the demo reloads and studies start from it).

    Returns the scheme and, after such a copy, the new code of each old code's id (else empty).
    """
    locked = Study.objects.select_for_update().get(pk=study.pk)  # two first edits copy once
    scheme = locked.coding_scheme
    if scheme is None:
        raise ValidationError(_("The study has no coding scheme: a lead pins one in the study settings."))
    shipped = (scheme.name, scheme.version) == (SCHEME_NAME, SCHEME_VERSION)  # every new study's start
    if not shipped and not scheme.studies.exclude(pk=study.pk).exists():
        return scheme, {}
    note = f"Copied from {scheme} for “{study.title}” when its codebook was first changed from the workbench."
    return _own_copy(study, user=None, note=note)


def _check_name_and_colour(code: Code) -> None:
    errors: dict[str, str] = {}
    if not code.name:
        errors["name"] = _("Type a name for the code.")
    elif Code.objects.filter(scheme=code.scheme_id, parent=code.parent_id, name=code.name).exclude(pk=code.pk).exists():
        if code.parent:
            errors["name"] = _("A code “%(code)s” already exists under “%(parent)s”.") % {
                "code": code.name,
                "parent": code.parent.name,
            }
        else:
            errors["name"] = _("A code “%(code)s” already exists at the top level.") % {"code": code.name}
    if not re.fullmatch(HEX_COLOUR.strip("^$"), code.colour or ""):
        errors["colour"] = _("“%(colour)s” is not a colour: give a hex value such as %(example)s.") % {
            "colour": code.colour,
            "example": DEFAULT_COLOUR,
        }
    if errors:
        raise ValidationError(errors)


def _save_code(code: Code) -> Code:
    _check_name_and_colour(code)
    code.full_clean()
    try:
        with transaction.atomic():  # a savepoint: a twin saved meanwhile is a message, not a 500
            code.save()
    except IntegrityError as error:
        raise ValidationError(
            {"name": _("A code “%(code)s” was just added there by someone else.") % {"code": code.name}}
        ) from error
    return code


@transaction.atomic
def code_create(
    *, study: Study, user: User, name: str, parent: Code | None = None, colour: str = DEFAULT_COLOUR
) -> Code:
    """A new code in the scheme version the study pins (``PermissionDenied`` unless ``may_add_codes``)."""
    if not may_add_codes(study, study.role_of(user)):
        raise PermissionDenied(
            _("Only leads add codes to this study's scheme (a lead may allow coders in the settings).")
        )
    scheme, copies = _own_scheme(study)
    parent = copies.get(parent.pk, parent) if parent is not None else None
    if parent is not None and parent.scheme_id != scheme.pk:
        raise ValidationError({"parent": _("The parent code must be in the study's coding scheme.")})
    siblings = scheme.codes.filter(parent=parent).order_by("-order").values_list("order", flat=True).first()
    code = Code(scheme=scheme, parent=parent, name=name.strip(), colour=colour, order=(siblings or 0) + 1)
    return _save_code(code)


@transaction.atomic
def code_update(
    *, code: Code, study: Study, user: User, name: str | None = None, parent: object = KEEP, colour: str | None = None
) -> Code:
    """Rename, recolour or move (``parent``: a code or None for the top level) a code; leads only."""
    if not role_allows(study.role_of(user), Role.LEAD):
        raise PermissionDenied(_("Only leads rename, move or recolour codes."))
    scheme, copies = _own_scheme(study)
    code = copies.get(code.pk, code)
    if isinstance(parent, Code):
        parent = copies.get(parent.pk, parent)
    if code.scheme_id != scheme.pk:
        raise ValidationError(_("The code is not in the study's coding scheme."))
    if name is not None:
        code.name = name.strip()
    if colour is not None:
        code.colour = colour
    if parent is not KEEP:
        _move(code, parent if isinstance(parent, Code) else None)
    return _save_code(code)


def _move(code: Code, parent: Code | None) -> None:
    if parent == code.parent:
        return
    if parent is not None and parent.scheme_id != code.scheme_id:
        raise ValidationError({"parent": _("The parent code must be in the study's coding scheme.")})
    if parent is not None and (parent.pk == code.pk or code.pk in {a.pk for a in parent.ancestors()}):
        raise ValidationError(
            {
                "parent": _("“%(code)s” cannot go under its own sub-code “%(parent)s”.")
                % {"code": code.name, "parent": parent.name}
            }
        )
    branch = _branch_ids(code)
    if Code.objects.filter(pk__in=branch, codings__isnull=False).exists():
        raise ValidationError(
            {"parent": _("“%(code)s” or its sub-codes code passages: moving it would change their code paths. %(hint)s")
             % {"code": code.name, "hint": _(COPY_HINT)}}
        )  # fmt: skip
    code.parent = parent


def _branch_ids(code: Code) -> set[int]:
    """The code and all its sub-codes (one query for the scheme's tree)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Code.objects.filter(scheme=code.scheme_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [code.pk]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found
