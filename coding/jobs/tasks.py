"""The Celery task that runs one import job (an id in, ``services.job_run`` does the work).

The service is imported inside the task because ``services`` imports this task to enqueue it.
No automatic retry: the import is one transaction, so a failed run wrote nothing and reports why.
"""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_job(job_id: int) -> str:
    """Run a queued job; a duplicate message finds it claimed and does nothing."""
    from coding.jobs.services import job_run

    return job_run(job_id=job_id)
