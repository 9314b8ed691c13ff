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

from cases.models import Region
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


def run_dump_import(job: Job, progress: Progress) -> dict[str, Any]:
    with job.upload.open("rb") as upload:
        data = upload.read()
    study = study_import(data=data, user=job.user, filename=job.filename, progress=progress)
    return {"summary": f"Study “{study}” imported; you are its lead.", "study": study.pk}


def run_qdpx_import(job: Job, progress: Progress) -> dict[str, Any]:
    assert job.study is not None  # a .qdpx goes into the study of the page it was uploaded on
    region_id = job.params.get("region")
    region = Region.objects.filter(pk=region_id, study=job.study).first() if region_id else None
    coder = get_user_model().objects.get(pk=job.params["coder"])
    with job.upload.open("rb") as upload:
        file = cast("BinaryIO", upload)
        result = qdpx_import(upload=file, study=job.study, region=region, default_coder=coder, filename=job.filename)
    summary = (
        f"Imported {result.interviews} interview(s) with {result.codings} coding(s); "
        f"the study now uses {result.scheme}."
    )
    return {"summary": summary, "study": job.study.pk, "notes": list(result.variable_renames)}


def run_qdpx_export(job: Job, progress: Progress) -> dict[str, Any]:
    """The study's .qdpx, built in a temporary file and kept as the job's output for download."""
    assert job.study is not None
    pseudonymised = bool(job.params.get("pseudonymised"))
    with tempfile.TemporaryFile() as handle:
        qdpx_export(job.study, handle, pseudonymised=pseudonymised, key=settings.PSEUDONYM_KEY)
        handle.seek(0)
        job.output.save(job.filename, File(handle), save=False)
    return {"summary": f"{job.filename} is ready.", "study": job.study.pk, "download": True}


def run_csv_import(job: Job, progress: Progress) -> dict[str, Any]:
    """The CSV the mapping page read (stored parsed, ``table_json``), imported with the job's mapping."""
    assert job.study is not None
    region = Region.objects.filter(pk=job.params["region"], study=job.study).first()
    if region is None:
        raise ImportErrors([Problem("region", "The region was deleted before the import ran.")])
    with job.upload.open("rb") as upload:
        table = table_from_json(upload.read())
    target, mapping = job.params["target"], job.params["mapping"]
    count = csv_import(region=region, target=target, table=table, mapping=mapping, user=job.user, progress=progress)
    summary = f"Imported {count} {target} into {region.name}."
    return {"summary": summary, "study": job.study.pk, "region": region.pk, "target": target}


def run_table_export(job: Job, progress: Progress) -> dict[str, Any]:
    """A statistics table as .xlsx (the download's file), of the study or of ``params["region"]``."""
    assert job.study is not None
    region_id = job.params.get("region")
    owner = Region.objects.get(pk=region_id, study=job.study) if region_id else job.study
    with tempfile.TemporaryFile() as handle:
        write_table_xlsx(owner, job.params["table"], handle, pseudonymised=bool(job.params.get("pseudonymised")))
        handle.seek(0)
        job.output.save(job.filename, File(handle), save=False)
    return {"summary": f"{job.filename} is ready.", "study": job.study.pk, "download": True}


RUNNERS: dict[str, Callable[[Job, Progress], dict[str, Any]]] = {
    JobKind.DUMP_IMPORT: run_dump_import,
    JobKind.QDPX_IMPORT: run_qdpx_import,
    JobKind.QDPX_EXPORT: run_qdpx_export,
    JobKind.CSV_IMPORT: run_csv_import,
    JobKind.TABLE_EXPORT: run_table_export,
}
