"""The page of one import job and the status it polls (``static/jobs/job.js``).

Access as ``selectors.job_for_user``: 404 outside, 403 below the import's role.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from coding.jobs.selectors import job_for_user, job_state
from coding.jobs.services import job_check


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
