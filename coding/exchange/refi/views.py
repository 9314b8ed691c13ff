"""The REFI-QDA project import page for leads (the .qdpx download is in ``coding.exchange.downloads``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Study
from coding.exchange.refi.forms import QdpxImportForm
from coding.jobs.models import JobKind
from coding.jobs.selectors import recent_jobs
from coding.jobs.services import job_submit

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest


@login_required
def qdpx_import_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Leads upload a coded project; it is imported as a job, whose page lists every problem of a failure."""
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    form = QdpxImportForm(study, request.POST or None, request.FILES or None, initial={"coder": request.user.pk})
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data["region"]
        params = {"region": region.pk if region else None, "coder": form.cleaned_data["coder"].pk}
        upload = form.cleaned_data["upload"]
        job = job_submit(kind=JobKind.QDPX_IMPORT, user=request.user, upload=upload, study=study, params=params)
        return redirect("jobs:detail", pk=job.pk)
    jobs = recent_jobs(user=request.user, kind=JobKind.QDPX_IMPORT, study=study)
    return render(request, "coding/exports/qdpx_import.html", {"study": study, "form": form, "jobs": jobs})
