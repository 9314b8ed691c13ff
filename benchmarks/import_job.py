"""The dump import's upload request as a job vs the import itself (what the request used to wait for).

Run: ``.venv/bin/pytest -q -s -p no:cacheprovider benchmarks/import_job.py`` (the test database
settings, like the suite; the broker is the suite's Redis, no worker runs). Imports the demo study's
dump (``coding/demo/demo_study.json``) REPEATS times each way and prints min and median seconds.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coding.jobs.models import Job
from coding.jobs.services import job_run

DUMP = Path(__file__).resolve().parents[1] / "coding" / "demo" / "demo_study.json"
REPEATS = 5


@pytest.mark.django_db
def test_upload_request_and_import_times(client, django_user_model):
    data = DUMP.read_bytes()
    for username in ("demo", "coder", "viewer"):  # the dump's coders and interviewers
        django_user_model.objects.create_user(username)
    client.force_login(django_user_model.objects.get(username="demo"))
    requests, imports = [], []
    for _ in range(REPEATS):
        upload = SimpleUploadedFile("demo.json", data, content_type="application/json")
        started = time.perf_counter()
        response = client.post(reverse("exports:study-import"), {"dump": upload})
        requests.append(time.perf_counter() - started)
        assert response.status_code == 302
        job = Job.objects.order_by("-pk").first()
        started = time.perf_counter()
        assert job_run(job_id=job.pk) == "done", Job.objects.get(pk=job.pk).problems[:3]
        imports.append(time.perf_counter() - started)
    print(f"\ndump of {len(data):,} bytes, {REPEATS} runs each")
    for label, times in (("upload request (store, queue)", requests), ("the import itself (job_run)", imports)):
        print(f"{label:32} min {min(times):.3f} s, median {statistics.median(times):.3f} s")
