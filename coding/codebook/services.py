"""Versioning of coding schemes.

A study pins one version of a scheme. A version in use may be extended (new codes) and its
wording improved (definition, example, colour, concept, order), but nothing that changes what
existing codings mean: codes are not deleted, renamed or moved, and the scheme is not deleted.
Such changes go into a new version made by ``copy_scheme``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from coding.models import Code, CodingScheme

# Fields that carry a code's meaning; changing them on an in-use scheme is destructive.
MEANING_FIELDS = ("name", "parent_id")
COPY_HINT = "Copy the scheme to a new version for that."


def copy_scheme(scheme: CodingScheme, *, description: str | None = None) -> CodingScheme:
    """The scheme with its whole code tree as the next version of the same name (one transaction)."""
    with transaction.atomic():
        # Lock the versions of this name so two copies cannot take the same number.
        list(CodingScheme.objects.select_for_update().filter(name=scheme.name).values_list("pk", flat=True))
        latest = CodingScheme.objects.filter(name=scheme.name).aggregate(latest=Max("version"))["latest"]
        copy = CodingScheme.objects.create(
            name=scheme.name,
            version=latest + 1,
            description=scheme.description if description is None else description,
            based_on=scheme,
        )
        codes = list(scheme.codes.order_by("pk"))
        new_ids: dict[int, Code] = {}
        # Parents before children: repeat over the codes whose parent is already copied.
        pending = codes
        while pending:
            waiting = []
            for code in pending:
                if code.parent_id is not None and code.parent_id not in new_ids:
                    waiting.append(code)
                    continue
                new_ids[code.pk] = Code.objects.create(
                    scheme=copy,
                    parent=new_ids[code.parent_id] if code.parent_id is not None else None,
                    name=code.name,
                    definition=code.definition,
                    example=code.example,
                    colour=code.colour,
                    concept=code.concept,
                    order=code.order,
                )
            if len(waiting) == len(pending):  # a cycle would loop forever; the database forbids it
                raise ValidationError("The code tree has a cycle and cannot be copied.")
            pending = waiting
    return copy


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
