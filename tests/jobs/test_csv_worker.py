"""A CSV import confirmed on the mapping page and run by a real Celery worker process (Redis broker,
the test database): the status shows its two steps, then the actors are there."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Actor
from coding.jobs.models import Job, JobStatus

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CACHE_URL = "redis://127.0.0.1:6379/13"  # progress goes from the worker to the pages through it


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Autouse fixtures run first: the broker is emptied before anything is sent."""


def test_the_worker_imports_the_mapped_csv_and_the_status_shows_its_steps(client, bob, region, start_worker, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CACHE_URL},
    }
    client.force_login(bob)
    text = "Name,Kind,Type,Founded\nElmos,organisation,firm_large,1984\nAnna Lindqvist,person,,\n"
    upload = SimpleUploadedFile("actors.csv", text.encode(), content_type="text/csv")
    client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    mapping = {"name": "Name", "kind": "Kind", "org_type": "Type", "founded": "Founded"}
    response = client.post(reverse("exports:csv-import-map", args=[region.pk]), mapping)
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk]) and job.status == JobStatus.QUEUED
    start_worker(CACHE_URL=CACHE_URL, JOBS_TEST_STEP_DELAY_SECONDS="0.5")

    seen: list[tuple[int, int]] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        state = client.get(reverse("jobs:status", args=[job.pk])).json()
        seen.append((state["progress"]["done"], state["progress"]["total"]))
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert state["status"] == "done", state["problems"]
    # csv_import's steps: checking every row, then writing them (services.STEPS = 2).
    assert any(total == 2 for _done, total in seen), seen
    assert state["result_url"] == reverse("cases:actor-list", args=[region.pk])
    founded = dict(Actor.objects.filter(region=region).values_list("name", "founded"))
    assert founded == {"Elmos": 1984, "Anna Lindqvist": None}  # the file's two rows
    job.refresh_from_db()
    assert not job.upload
