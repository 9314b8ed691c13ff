"""Writes of the REFI-QDA exchange: a coded .qdpx project into a study, a codebook (.qdc, .csv, .xlsx) as a scheme.

Both are all or nothing: every problem is reported (ImportErrors) and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

from django.db import transaction

from cases.models import Region, Study
from coding.codebook.services import CodesInvalid, scheme_version_create
from coding.exchange.records import CodeRecord, ImportErrors, Problem
from coding.exchange.refi.importer import ImportPlan, QdpxImportResult, read_upload
from coding.exchange.refi.qdc_reader import read_codebook_file
from coding.models import Code, CodingScheme
from coding.worker.services import mark_stale

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEFAULT_COLOUR = "#4c78a8"  # Code.colour's default


@transaction.atomic
def qdpx_import(
    *,
    upload: BinaryIO,
    study: Study,
    region: Region | None,
    default_coder: User,
    filename: str = "project.qdpx",
) -> QdpxImportResult:
    """A coded .qdpx into ``study``: a new scheme version, interviews and codings.

    A study that already has codings keeps its scheme: the project's codes must then be codes of
    it (by our GUID, or by their path of names, e.g. a colleague's copy of the same codebook).

    Sources go to ``region``, or (without one) to the region named like their REFI-QDA case,
    created if missing. Coders are the study members whose username is the REFI-QDA user's name,
    else ``default_coder``. The analysis of the regions written to is marked stale.
    """
    plan = ImportPlan(read_upload(upload, filename), study, region, filename)
    plan.check()
    if plan.reuse is not None:
        assert study.coding_scheme is not None  # check() reuses the codes of a study's scheme only
        scheme, codes = study.coding_scheme, plan.reuse
    else:
        scheme, codes = _scheme_version(plan.project.codes, name=plan.scheme_name(), filename=filename)
        study.coding_scheme = scheme
        study.save(update_fields=["coding_scheme", "updated_at"])
    result = plan.write(default_coder, scheme=scheme, codes=codes)
    mark_stale({target.pk for target in result.regions})
    return result


@transaction.atomic
def codebook_import(
    *, data: bytes, name: str, filename: str = "codebook.qdc", split_names: bool = False
) -> CodingScheme:
    """A codebook (.qdc, or a .csv/.xlsx table of Taguette's or ours: see ``tables.codebook``) as
    the next version of the scheme ``name`` (version 1 if new).

    ``split_names`` reads "Trust.Competence" (or "Trust/Competence") in a name as Competence
    under Trust, creating Trust when missing: how Taguette writes its hierarchy.
    """
    read = read_codebook_file(data, filename, split_names=split_names)  # ImportErrors before any write
    return _scheme_version(read.codes, name=name, filename=filename)[0]


def _scheme_version(records: Sequence[CodeRecord], *, name: str, filename: str) -> tuple[CodingScheme, dict[str, Code]]:
    """The codes as a new scheme version; their problems named by file and code."""
    codes = [replace(record, colour=_six_digit(record.colour) or DEFAULT_COLOUR) for record in records]
    try:
        return scheme_version_create(name=name, codes=codes)
    except CodesInvalid as error:
        problems = [Problem(f"{filename}, code {code!r}", "; ".join(messages)) for code, messages in error.codes]
        raise ImportErrors(problems) from error


def _six_digit(colour: str) -> str:
    """REFI-QDA allows #RGB; our codes store #RRGGBB."""
    if len(colour) == 4 and colour.startswith("#"):
        return "#" + "".join(digit * 2 for digit in colour[1:])
    return colour
