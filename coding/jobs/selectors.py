"""Reads of import jobs: one job for a user (404 outside), and its progress as the page shows it.

Access: a job about a study is seen by its study's members with the role its import needs (the
.qdpx import is the leads', the CSV import the coders' and leads'); a dump import, which has no
study until it is done, by the user who uploaded it, and afterwards by the members of the study it
made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext

from cases.access import require_role
from cases.choices import Role
from coding.jobs.models import Job, JobKind, JobStatus

if TYPE_CHECKING:
    from cases.access import AnyUser
    from cases.models import Study


def progress_key(job_id: int) -> str:
    """Where the worker puts a running job's progress (``services``), in the shared cache."""
    return f"jobs:progress:{job_id}"


ROLE_OF_KIND = {
    JobKind.DUMP_IMPORT: Role.VIEWER,
    JobKind.QDPX_IMPORT: Role.LEAD,
    JobKind.QDPX_EXPORT: Role.VIEWER,
    JobKind.CSV_IMPORT: Role.CODER,  # as the CSV import pages
    JobKind.TABLE_EXPORT: Role.VIEWER,
}


def job_for_user(user: AnyUser, pk: int) -> Job:
    """The job, if ``user`` may see it: 404 outside, 403 below the kind's role."""
    job = Job.objects.select_related("study").filter(pk=pk).first()
    if job is None or not user.is_authenticated:
        raise Http404
    if job.study is None:
        if job.user_id != user.pk:
            raise Http404
        return job
    require_role(job.study, user, ROLE_OF_KIND[JobKind(job.kind)])
    return job


@dataclass(frozen=True)
class JobState:
    """What the job page and the API show: status, progress (done of total; 0 of 0 = unknown)."""

    id: int
    kind: str
    status: str
    status_label: str
    done: int
    total: int
    message: str
    problems: list[dict[str, str]]
    result: dict[str, Any] | None
    result_url: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "status_label": self.status_label,
            "progress": {"done": self.done, "total": self.total},
            "message": self.message,
            "problems": self.problems,
            "result": self.result,
            "result_url": self.result_url,
        }


def job_state(job: Job) -> JobState:
    done, total = job.progress_done, job.progress_total
    if job.status == JobStatus.RUNNING:
        done, total = cache.get(progress_key(job.pk)) or (0, 0)
    study_id = (job.result or {}).get("study")
    return JobState(
        id=job.pk,
        kind=job.kind,
        status=job.status,
        status_label=job.get_status_display(),
        done=done,
        total=total,
        message=gettext(job.message) if job.message else "",  # a fixed note (services), in the reader's language
        problems=list(job.problems),
        result=job.result,
        result_url=_result_url(job, study_id),
    )


def recent_jobs(
    *, user: AnyUser, kind: JobKind, study: Study | None = None, region_id: int | None = None, limit: int = 5
) -> list[Job]:
    """The latest jobs of ``kind`` that ``user`` started (in ``study``; a CSV import: into the region
    ``region_id``), for the import pages to link back to."""
    if not user.is_authenticated:
        return []
    jobs = Job.objects.filter(kind=kind, user=user)
    if study is not None:
        jobs = jobs.filter(study=study)
    if region_id is not None:
        jobs = jobs.filter(params__region=region_id)
    return list(jobs.order_by("-created_at", "-pk")[:limit])


def _result_url(job: Job, study_id: int | None) -> str:
    """The export's file, or the study an import wrote to, once done."""
    if job.status != JobStatus.DONE:
        return ""
    if job.output:
        return reverse("jobs:download", args=[job.pk])
    if job.kind == JobKind.CSV_IMPORT:  # the records it made: a region's actors, or its page (the ties)
        page = "cases:actor-list" if job.params.get("target") == "actors" else "cases:region-detail"
        return reverse(page, args=[job.params["region"]])
    return reverse("cases:study-detail", args=[study_id]) if study_id else ""
