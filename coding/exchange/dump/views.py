"""The JSON dump of a whole study: streamed download and the import page.

Download: members only (404 otherwise, via cases.access), like the other exports. Import: any
logged-in user; the importer becomes the lead of the new study. The import runs as a job in the
worker (``coding.jobs``): this page checks the file's size and sends the user to the job's page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render

from cases.access import get_for_user
from cases.models import Study
from coding.exchange.downloads import dump_response, wants_pseudonyms
from coding.exchange.dump.export import DumpRefused
from coding.exchange.dump.forms import DumpImportForm
from coding.jobs.models import JobKind
from coding.jobs.selectors import recent_jobs
from coding.jobs.services import job_submit

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest


@login_required
def study_dump_file(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    study = get_for_user(Study.objects.select_related("coding_scheme"), request.user, pk=pk)
    try:
        return dump_response(study, pseudonymised=wants_pseudonyms(request.GET))
    except DumpRefused as error:
        messages.error(request, str(error))
        return redirect("exports:study-list", pk=study.pk)


@login_required
def study_dump_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DumpImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = job_submit(kind=JobKind.DUMP_IMPORT, user=request.user, upload=form.cleaned_data["dump"])
        return redirect("jobs:detail", pk=job.pk)
    status = 400 if request.method == "POST" else 200
    jobs = recent_jobs(user=request.user, kind=JobKind.DUMP_IMPORT)
    return render(request, "coding/exports/import.html", {"form": form, "jobs": jobs}, status=status)
