"""The page of one job, the status it polls (``static/jobs/job.js``), an export's file, and starting an export.

Access as ``selectors.job_for_user``: 404 outside, 403 below the import's role.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cases.access import get_for_user
from cases.models import Region, Study
from cases.query_flags import query_flag
from coding.exchange.tables.rows import TABLES
from coding.jobs.selectors import job_for_user, job_state
from coding.jobs.services import job_check, job_export, job_table_export


@login_required
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_user(request.user, pk)
    problems = [f"{problem['where']}: {problem['message']}" for problem in job.problems]
    context = {"job": job, "state": job_state(job), "problems": problems}
    return render(request, "jobs/detail.html", context)


@login_required
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = job_for_user(request.user, pk)
    job_check(job=job)  # sends a job the broker could not take; fails one its worker lost
    return JsonResponse(job_state(job).as_json())


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file a finished export job made (members of its study, as the download itself)."""
    job = job_for_user(request.user, pk)
    if not job.output:
        raise Http404(gettext("This job has no file (yet)."))
    return FileResponse(job.output.open("rb"), as_attachment=True, filename=job.filename)


@require_POST
@login_required
def qdpx_export_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the .qdpx export of a study in the worker (``?pseudonymised=1``) and follow it on the job page."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    job = job_export(user=request.user, study=study, pseudonymised=query_flag(request.GET, "pseudonymised"))  # type: ignore[arg-type]
    return redirect("jobs:detail", pk=job.pk)


@require_POST
@login_required
def table_export_job(request: HttpRequest, pk: int, table: str, scope: str) -> HttpResponse:
    """Start the .xlsx of a statistics table of a study or region (``?pseudonymised=1``) in the worker."""
    if table not in TABLES:
        raise Http404
    owner: Study | Region
    if scope == "study":
        owner = get_for_user(Study.objects.all(), request.user, pk=pk)
    else:
        owner = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    pseudonymised = query_flag(request.GET, "pseudonymised")
    job = job_table_export(user=request.user, owner=owner, table=table, pseudonymised=pseudonymised)  # type: ignore[arg-type]
    return redirect("jobs:detail", pk=job.pk)
