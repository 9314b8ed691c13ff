"""What each kind of job does: the same import and export code the pages called before.

A runner returns the job's result (a summary line and the id of the study written to) or raises
``ImportErrors`` listing every problem; the import services are all or nothing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.utils.translation import gettext

from cases.models import Region
from coding.analysis.message import Message, message, plural_message
from coding.exchange.csv_import.services import csv_import
from coding.exchange.csv_import.table import table_from_json
from coding.exchange.downloads import write_table_xlsx
from coding.exchange.dump.services import study_import
from coding.exchange.records import ImportErrors, Problem
from coding.exchange.refi import qdpx_export
from coding.exchange.refi.services import qdpx_import
from coding.jobs.models import JobKind

if TYPE_CHECKING:
    from coding.jobs.models import Job

Progress = Callable[[int, int], None]


def said(summary: Message) -> dict[str, Any]:
    """The result's summary: in English for the API and logs, and as a message the job page shows
    in its reader's language (``{{ job.result.summary_message|say }}``)."""
    return {"summary": str(summary), "summary_message": summary.as_json()}


def run_dump_import(job: Job, progress: Progress) -> dict[str, Any]:
    with job.upload.open("rb") as upload:
        data = upload.read()
    study = study_import(data=data, user=job.user, filename=job.filename, progress=progress)
    return {**said(message("Study “{study}” imported; you are its lead.", study=str(study))), "study": study.pk}


def run_qdpx_import(job: Job, progress: Progress) -> dict[str, Any]:
    assert job.study is not None  # a .qdpx goes into the study of the page it was uploaded on
    region_id = job.params.get("region")
    region = Region.objects.filter(pk=region_id, study=job.study).first() if region_id else None
    coder = get_user_model().objects.get(pk=job.params["coder"])
    with job.upload.open("rb") as upload:
        file = cast("BinaryIO", upload)
        result = qdpx_import(upload=file, study=job.study, region=region, default_coder=coder, filename=job.filename)
    summary = message(
        "Imported {interviews} interview(s) with {codings} coding(s); the study now uses {scheme}.",
        interviews=result.interviews,
        codings=result.codings,
        scheme=str(result.scheme),
    )
    return {**said(summary), "study": job.study.pk, "notes": list(result.variable_renames)}


def run_qdpx_export(job: Job, progress: Progress) -> dict[str, Any]:
    """The study's .qdpx, built in a temporary file and kept as the job's output for download."""
    assert job.study is not None
    pseudonymised = bool(job.params.get("pseudonymised"))
    with tempfile.TemporaryFile() as handle:
        qdpx_export(job.study, handle, pseudonymised=pseudonymised, key=settings.PSEUDONYM_KEY)
        handle.seek(0)
        job.output.save(job.filename, File(handle), save=False)
    return {**said(message("{filename} is ready.", filename=job.filename)), "study": job.study.pk, "download": True}


def run_csv_import(job: Job, progress: Progress) -> dict[str, Any]:
    """The CSV the mapping page read (stored parsed, ``table_json``), imported with the job's mapping."""
    assert job.study is not None
    region = Region.objects.filter(pk=job.params["region"], study=job.study).first()
    if region is None:
        raise ImportErrors([Problem("region", gettext("The region was deleted before the import ran."))])
    with job.upload.open("rb") as upload:
        table = table_from_json(upload.read())
    target, mapping = job.params["target"], job.params["mapping"]
    count = csv_import(region=region, target=target, table=table, mapping=mapping, user=job.user, progress=progress)
    if target == "actors":
        summary = plural_message(
            "Imported {count} actor into {region}.", "Imported {count} actors into {region}.", count, region=region.name
        )
    else:
        summary = plural_message(
            "Imported {count} interaction into {region}.",
            "Imported {count} interactions into {region}.",
            count,
            region=region.name,
        )
    return {**said(summary), "study": job.study.pk, "region": region.pk, "target": target}


def run_table_export(job: Job, progress: Progress) -> dict[str, Any]:
    """A statistics table as .xlsx (the download's file), of the study or of ``params["region"]``."""
    assert job.study is not None
    region_id = job.params.get("region")
    owner = Region.objects.get(pk=region_id, study=job.study) if region_id else job.study
    with tempfile.TemporaryFile() as handle:
        write_table_xlsx(owner, job.params["table"], handle, pseudonymised=bool(job.params.get("pseudonymised")))
        handle.seek(0)
        job.output.save(job.filename, File(handle), save=False)
    return {**said(message("{filename} is ready.", filename=job.filename)), "study": job.study.pk, "download": True}


RUNNERS: dict[str, Callable[[Job, Progress], dict[str, Any]]] = {
    JobKind.DUMP_IMPORT: run_dump_import,
    JobKind.QDPX_IMPORT: run_qdpx_import,
    JobKind.QDPX_EXPORT: run_qdpx_export,
    JobKind.CSV_IMPORT: run_csv_import,
    JobKind.TABLE_EXPORT: run_table_export,
}
