"""Writes of import jobs: submit an upload, send it to the worker, run it.

Flow: the page or API checks size and type in the request (quick refusals stay immediate), then
``job_submit`` stores the file (Django's default storage, under MEDIA_ROOT), creates the job and
sends ``run_job``. The worker's ``job_run`` claims the job with a conditional UPDATE (a duplicate
message does nothing) and runs the import service, which is one transaction: a failed import
writes nothing and its problems are stored on the job.

Progress: the import runs inside its transaction, so other connections cannot see rows it
writes; the worker puts progress in the shared cache instead (Redis; the job page reads it from
there). Without a shared cache the bar shows "running" until the job is done.

Degrade, don't fail: when the broker cannot be reached, a small file (``SYNC_MAX_BYTES``) is
imported during the request, as before jobs existed, and the job page says so; a larger one stays
queued and the job page sends it again while it polls (``job_check``). A job running longer than
the worker's hard time limit was lost with its worker: ``job_check`` marks it failed.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.language.models import LanguagePreference
from cases.models import Region, Study
from coding.analysis.message import N_
from coding.exchange.downloads import table_filename
from coding.exchange.records import ImportErrors
from coding.exchange.tables.rows import TABLES
from coding.jobs.models import Job, JobKind, JobStatus
from coding.jobs.runners import RUNNERS
from coding.jobs.selectors import progress_key
from coding.jobs.tasks import run_job

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files import File

logger = logging.getLogger(__name__)

# Files imported during the request when the worker's queue is unreachable: a 1 MB dump (about
# 4,000 codings) imports in about a second (12.5 s for 50,000 codings, issue 17).
SYNC_MAX_BYTES = 1024 * 1024
# Stored in English (the job's message); the job page translates them for its reader (selectors.job_state).
RAN_IN_REQUEST = N_("The worker's queue could not be reached, so this import ran during the upload.")
WAITING = N_("The worker's queue cannot be reached just now; this page sends the job again while it is open.")
EXPORTED_IN_REQUEST = N_("The worker's queue could not be reached, so this file was built during the request.")
LOST = N_("The worker stopped during the import (nothing was written): please upload the file again.")


def job_submit(
    *, kind: JobKind, user: User, upload: File, study: Study | None = None, params: dict[str, Any] | None = None
) -> Job:
    """Store the upload as a new queued job and send it to the worker (or degrade, see the module)."""
    job = _job_create(kind=kind, user=user, upload=upload, study=study, params=params or {})
    if not job_send(job=job) and job.upload.size <= SYNC_MAX_BYTES:
        job_run(job_id=job.pk, note=RAN_IN_REQUEST)
        job.refresh_from_db()
    return job


def job_export(*, user: User, study: Study, pseudonymised: bool) -> Job:
    """A .qdpx export of ``study`` as a job (the worker builds the file; the job page links it).

    With the broker down the file is built during the request, as the download always was.
    """
    suffix = "-pseudonymised" if pseudonymised else ""
    job = Job(kind=JobKind.QDPX_EXPORT, user=user, study=study, params={"pseudonymised": pseudonymised})
    job.filename = f"study-{study.pk}{suffix}.qdpx"
    return _export_start(job)


def job_table_export(*, user: User, owner: Study | Region, table: str, pseudonymised: bool) -> Job:
    """A statistics table (a key of ``TABLES``) of a study or region as .xlsx, built by the worker
    (during the request with the broker down); the name is the direct download's."""
    if table not in TABLES:
        raise ValueError(f"Unknown table {table!r}")
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    params = {"table": table, "region": region.pk if region else None, "pseudonymised": pseudonymised}
    job = Job(kind=JobKind.TABLE_EXPORT, user=user, study=study, params=params)
    job.filename = table_filename(owner, table, "xlsx", pseudonymised=pseudonymised)
    return _export_start(job)


def _export_start(job: Job) -> Job:
    job.full_clean()
    job.save()
    if not job_send(job=job):
        job_run(job_id=job.pk, note=EXPORTED_IN_REQUEST)
        job.refresh_from_db()
    return job


@transaction.atomic
def _job_create(*, kind: JobKind, user: User, upload: File, study: Study | None, params: dict[str, Any]) -> Job:
    job = Job(kind=kind, user=user, study=study, params=params, filename=(upload.name or "upload")[:255])
    job.upload.save(job.filename, upload, save=False)
    job.full_clean()
    job.save()
    return job


def job_send(*, job: Job) -> bool:
    """Send ``run_job``; never raises on broker errors. Whether the queue took it."""
    try:
        run_job.apply_async(args=[job.pk], retry=True, retry_policy={"max_retries": 1})
    except Exception:
        logger.exception("Could not send import job %s to the worker", job.pk)
        Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(message=WAITING)
        return False
    Job.objects.filter(pk=job.pk).update(sent_at=timezone.now(), message="")
    return True


def job_check(*, job: Job) -> None:
    """What the job page's polls do besides reading: send again a queued job the broker never took,
    and fail a job that has been running longer than the worker's hard time limit, after which no
    run can still be going (a worker killed mid-import; its transaction wrote nothing)."""
    if job.status == JobStatus.QUEUED and job.sent_at is None:
        job_send(job=job)
    lost_since = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    if job.status == JobStatus.RUNNING and job.started_at is not None and job.started_at < lost_since:
        problems = [{"where": job.filename, "message": _(LOST)}]
        if Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(status=JobStatus.FAILED):
            _job_finish(job, result=None, problems=problems)


def job_run(*, job_id: int, note: str = "") -> str:
    """Run a queued job once: claimed by one conditional UPDATE, then the import, then the outcome."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), message=note
    )
    if not claimed:
        return "skipped: not queued"
    job = Job.objects.select_related("study", "user").get(pk=job_id)
    # The problems are stored in the language of the user who started the job (their stored choice).
    with translation.override(_language_of(job.user_id)):
        result, problems = _run(job)
    _job_finish(job, result=result, problems=problems)
    return job.status


def _language_of(user_id: int) -> str:
    chosen = LanguagePreference.objects.filter(user_id=user_id).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def _run(job: Job) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    result: dict[str, Any] | None = None
    problems: list[dict[str, str]] = []
    try:
        result = RUNNERS[job.kind](job, lambda done, total: _report(job.pk, done, total))
    except ImportErrors as error:
        problems = [{"where": problem.where, "message": problem.message} for problem in error.problems]
    except SoftTimeLimitExceeded:
        limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
        took_long = _("The import took longer than %(limit)s s; nothing was written.") % {"limit": limit}
        problems = [{"where": job.filename, "message": took_long}]
    except Exception as error:  # a bug, not the file: say so instead of leaving the job running forever
        logger.exception("Import job %s failed", job.pk)
        failed = _("The import failed unexpectedly (%(error)s).") % {"error": type(error).__name__}
        problems = [{"where": job.filename, "message": failed}]
    return result, problems


def _report(job_id: int, done: int, total: int) -> None:
    cache.set(progress_key(job_id), (done, total), timeout=3600)
    # Test hook: slows each step so that a browser test sees the bar move (a worker's environment).
    delay = float(os.environ.get("JOBS_TEST_STEP_DELAY_SECONDS", "0") or 0)
    if delay > 0:
        time.sleep(delay)


def _job_finish(job: Job, *, result: dict[str, Any] | None, problems: list[dict[str, str]]) -> None:
    job.status = JobStatus.DONE if result is not None else JobStatus.FAILED
    job.result, job.problems, job.finished_at = result, problems, timezone.now()
    if result is not None:
        job.study_id = result.get("study", job.study_id)
    job.progress_done = job.progress_total = 1 if result is not None else 0
    if job.upload:
        job.upload.delete(save=False)  # the file has no further use, and may hold interview text
    job.save()
    cache.delete(progress_key(job.pk))
