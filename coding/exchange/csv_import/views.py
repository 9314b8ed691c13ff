"""CSV import of a region's actors or interactions: upload, map the columns, import.

Coders and leads only (cases.access: 404 outside the study, 403 for viewers). The parsed upload
waits in the session between the two steps, so the file is read once. A confirmed mapping is
checked at once (a required field left out stays a quick refusal on this page); then the import
runs as a job (``coding.jobs``: the parsed table stored, the target, region and mapping in its
params) and the user follows it on the job page; nothing is written until every row is valid
(coding.exchange.csv_import.services). The upload and the last mapping stay in the session until
a job of theirs succeeds, so a refused file can be mapped again without uploading it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Region
from coding.exchange.csv_import.forms import CsvUploadForm, MappingForm
from coding.exchange.csv_import.jobs import csv_import_job
from coding.exchange.csv_import.table import CsvTable
from coding.exchange.records import ImportErrors
from coding.jobs.models import Job, JobKind, JobStatus
from coding.jobs.selectors import recent_jobs
from coding.variables.selectors import study_variables
from coding.variables.values import ACTOR

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

PREVIEW_ROWS = 5


def _session_key(region: Region) -> str:
    return f"csv-import-{region.pk}"


def _region(request: HttpRequest, pk: int) -> Region:
    return get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.CODER, pk=pk)


@login_required
def csv_upload(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request, pk)
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        table: CsvTable = form.cleaned_data["file"]
        request.session[_session_key(region)] = {
            "target": form.cleaned_data["target"],
            "filename": cast("UploadedFile", request.FILES["file"]).name,  # there: the form is valid
            "header": table.header, "rows": table.rows, "encoding": table.encoding, "delimiter": table.delimiter,
            "first_row": table.first_row,
        }  # fmt: skip
        return redirect("exports:csv-import-map", pk=region.pk)
    jobs = recent_jobs(user=request.user, kind=JobKind.CSV_IMPORT, study=region.study, region_id=region.pk)
    context = {"region": region, "study": region.study, "form": form, "jobs": jobs}
    return render(request, "coding/csv_import/upload.html", context)


@login_required
def csv_map(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request, pk)
    key = _session_key(region)
    upload = request.session.get(key)
    if upload is not None and _consumed(upload.get("job")):
        del request.session[key]  # imported: the mapping page now asks for a file
        upload = None
    context: dict = {"region": region, "study": region.study, "upload": upload}
    if upload is None:  # nothing uploaded (or already imported): the page says so
        return render(request, "coding/csv_import/map.html", context)
    table = CsvTable(upload["header"], upload["rows"], upload["encoding"], upload["delimiter"], upload["first_row"])
    variables = study_variables(region.study, ACTOR) if upload["target"] == "actors" else []
    form = MappingForm(
        request.POST or None,
        target=upload["target"],
        header=table.header,
        variables=variables,
        chosen=upload.get("mapping"),  # the last mapping tried, over the one proposed from the names
    )
    if request.method == "POST" and form.is_valid():
        mapping, user = form.mapping(), cast("User", request.user)  # login_required
        try:
            job = csv_import_job(
                region=region, target=upload["target"], table=table, mapping=mapping, user=user,
                filename=upload["filename"],
            )  # fmt: skip
        except ImportErrors as error:  # the mapping, checked at once
            context["problems"] = [problem.translatable() for problem in error.problems]
        else:
            request.session[key] = {**upload, "mapping": mapping, "job": job.pk}
            return redirect("jobs:detail", pk=job.pk)
    context.update(form=form, preview=table.rows[:PREVIEW_ROWS], row_count=len(table.rows))
    return render(request, "coding/csv_import/map.html", context)


def _consumed(job_id: int | None) -> bool:
    """Whether the upload's last import job succeeded (one query, only once a mapping was confirmed)."""
    return job_id is not None and Job.objects.filter(pk=job_id, status=JobStatus.DONE).exists()
