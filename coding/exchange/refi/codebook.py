"""Imports that write rows (issue 6): thin glue between coding.exchange parsers and the models."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from coding.exchange.records import CodeRecord, ImportErrors, Problem
from coding.exchange.refi.qdc import codebook
from coding.exchange.refi.qdc_reader import read_codebook
from coding.models import Code, CodingScheme


def code_guid(pk: int) -> str:
    """A stable GUID per code, so repeated exports of a scheme name the same codes alike."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cluster-case-studies:code:{pk}"))


def code_records(scheme_id: int | None) -> list[CodeRecord]:
    """The codes of a scheme as exchange records, named by ``code_guid``."""
    return [
        CodeRecord(
            code_guid(code.pk),
            code.name,
            code_guid(code.parent_id) if code.parent_id else None,
            code.colour,
            code.definition,
            code.example,
            code.concept,
            code.order,
        )
        for code in Code.objects.filter(scheme_id=scheme_id)
    ]


def codebook_file(scheme_id: int | None) -> bytes:
    """The scheme as a REFI-QDA codebook (.qdc)."""
    return codebook(code_records(scheme_id))


def import_codebook(data: bytes, *, name: str, filename: str = "codebook.qdc") -> CodingScheme:
    """A .qdc as the next version of the scheme ``name`` (version 1 if new); all or nothing.

    Codes are created parent first, so each child's parent already has its key; a new version
    never touches the codes of earlier ones, which studies may have pinned.
    """
    records = read_codebook(data, filename)  # raises ImportErrors before anything is written
    return create_scheme_version(records, name=name, filename=filename)[0]


def create_scheme_version(
    records: list[CodeRecord], *, name: str, filename: str
) -> tuple[CodingScheme, dict[str, Code]]:
    """Code records (parents first) as the next version of the scheme ``name``; all or nothing.

    Returns the scheme and its codes by the records' GUIDs (the .qdpx import maps codings with it).
    """
    with transaction.atomic():
        previous = CodingScheme.objects.filter(name=name).select_for_update().order_by("-version").first()
        version = (CodingScheme.objects.filter(name=name).aggregate(Max("version"))["version__max"] or 0) + 1
        scheme = CodingScheme.objects.create(name=name, version=version, based_on=previous)
        by_guid: dict[str, Code] = {}
        problems: list[Problem] = []
        for record in records:
            code = Code(
                scheme=scheme,
                parent=by_guid.get(record.parent_guid) if record.parent_guid else None,
                name=record.name,
                colour=_six_digit(record.colour) or "#4c78a8",
                definition=record.definition,
                example=record.example,
                concept=record.concept,
                order=record.order,
            )
            try:
                code.full_clean()
            except ValidationError as error:
                problems += [Problem(f"{filename}, code {record.name!r}", "; ".join(error.messages))]
                continue
            code.save()
            by_guid[record.guid] = code
        if problems:
            transaction.set_rollback(True)
            raise ImportErrors(problems)
    return scheme, by_guid


def _six_digit(colour: str) -> str:
    """REFI-QDA allows #RGB; our codes store #RRGGBB."""
    if len(colour) == 4 and colour.startswith("#"):
        return "#" + "".join(digit * 2 for digit in colour[1:])
    return colour
