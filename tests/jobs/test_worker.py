"""A dump imported through the job by a real Celery worker process (Redis broker, the test database),
its progress read back from the shared cache as the job page reads it."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Actor, Study
from coding.jobs.models import Job, JobStatus
from coding.models import Coding, Interaction
from tests.analysis_worker.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CACHE_URL = "redis://127.0.0.1:6379/13"  # progress goes from the worker to the pages through it


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Autouse fixtures run first: the broker is emptied before anything is sent."""


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CACHE_URL},
    }


def test_the_worker_imports_a_dump_and_the_status_shows_its_progress(
    client, mallory, study, dump_bytes, start_worker, shared_cache
):
    client.force_login(mallory)
    upload = SimpleUploadedFile("study.json", dump_bytes, content_type="application/json")
    response = client.post(reverse("exports:study-import"), {"dump": upload})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    start_worker(CACHE_URL=CACHE_URL, JOBS_TEST_STEP_DELAY_SECONDS="0.4")

    seen: list[tuple[int, int]] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        state = client.get(reverse("jobs:status", args=[job.pk])).json()
        seen.append((state["progress"]["done"], state["progress"]["total"]))
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert state["status"] == "done", state
    # The dump importer's steps: reading and checking the file, then ten kinds of rows (importer.py).
    steps = [done for done, total in seen if total == 11]
    assert steps and steps == sorted(steps) and any(0 < done < 11 for done in steps), seen

    new = Study.objects.get(pk=state["result"]["study"])
    assert state["result_url"] == reverse("cases:study-detail", args=[new.pk])
    assert new.role_of(mallory) == "lead"
    # The reference: the rows of the dumped study (the fixture made 2 actors, 2 codings, 1 tie).
    for model, path in ((Actor, "region__study"), (Coding, "interview__region__study"), (Interaction, "region__study")):
        assert model.objects.filter(**{path: new}).count() == model.objects.filter(**{path: study}).count()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and not job.upload


def test_the_worker_reports_every_problem_of_a_broken_dump_and_writes_nothing(
    client, mallory, broken_dump, start_worker
):
    client.force_login(mallory)
    studies = Study.objects.count()
    upload = SimpleUploadedFile("study.json", broken_dump, content_type="application/json")
    client.post(reverse("exports:study-import"), {"dump": upload})
    job = Job.objects.get()
    start_worker()
    wait_for(lambda: Job.objects.get(pk=job.pk).finished, timeout=90, what="the job")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and Study.objects.count() == studies
    assert {"regions[0].actors[0].kind", "regions[0].interviews[0].codings[0].quote"} <= {
        problem["where"] for problem in job.problems
    }
