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
from coding.exchange.dump.services import study_import
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


RUNNERS: dict[str, Callable[[Job, Progress], dict[str, Any]]] = {
    JobKind.DUMP_IMPORT: run_dump_import,
    JobKind.QDPX_IMPORT: run_qdpx_import,
    JobKind.QDPX_EXPORT: run_qdpx_export,
}
