"""Import jobs without a worker: a failing import lists every problem and writes nothing, access,
the broker down, query counts. (With a real worker: test_worker.py; in Chromium: test_browser.py.)"""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Actor, Interview, Region, Study
from coding.jobs import services
from coding.jobs.models import Job, JobKind, JobStatus
from coding.models import Coding, Interaction

pytestmark = pytest.mark.django_db
MODELS = (Study, Region, Actor, Interview, Coding, Interaction)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def upload(data: bytes, name: str = "study.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/json")


def submit(client, data: bytes):
    """POST the dump import page; the answer and the job it made."""
    response = client.post(reverse("exports:study-import"), {"dump": upload(data)})
    return response, Job.objects.order_by("-pk").first()


def test_the_import_page_queues_a_job_and_sends_the_user_to_its_page(client, mallory, dump_bytes, sent):
    client.force_login(mallory)
    before = counts()
    response, job = submit(client, dump_bytes)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.QUEUED and job.sent_at is not None and job.user == mallory
    assert job.upload.read() == dump_bytes, "the file is stored for the worker"
    assert counts() == before, "nothing is imported before the worker runs the job"
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and "Waiting for the worker" in page


def test_a_failing_import_lists_every_problem_and_writes_nothing(client, mallory, broken_dump, sent):
    client.force_login(mallory)
    before = counts()
    _response, job = submit(client, broken_dump)
    assert services.job_run(job_id=job.pk) == JobStatus.FAILED  # what the worker's task calls
    job.refresh_from_db()
    assert counts() == before
    wheres = [problem["where"] for problem in job.problems]
    assert {"regions[0].actors[0].kind", "regions[0].interviews[0].codings[0].quote"} <= set(wheres)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f"Nothing was imported: {len(wheres)} problem" in page
    assert len(re.findall(r"<li>", page.split('id="import-problems"')[1])) == len(wheres), "every problem shown"
    assert f'id="import-again" href="{reverse("exports:study-import")}"' in page
    assert not job.upload, "the stored file is deleted once the job is finished"


def test_a_job_runs_once_however_many_messages_arrive(mallory, dump_bytes, sent):
    job = services.job_submit(kind=JobKind.DUMP_IMPORT, user=mallory, upload=upload(dump_bytes))
    assert services.job_run(job_id=job.pk) == JobStatus.DONE
    assert services.job_run(job_id=job.pk) == "skipped: not queued"
    assert Study.objects.filter(memberships__user=mallory).count() == 2  # her own study and the import


def test_with_the_broker_down_a_small_file_is_imported_during_the_upload(client, mallory, dump_bytes, sent):
    sent.down()  # the Celery app really fails to connect
    client.force_login(mallory)
    response, job = submit(client, dump_bytes)
    assert response.status_code == 302 and job.status == JobStatus.DONE
    new = Study.objects.get(pk=job.result["study"])
    assert new.regions.get().actors.count() == 2 and Coding.objects.filter(interview__region__study=new).count() == 2
    assert services.RAN_IN_REQUEST in html.unescape(client.get(response["Location"]).content.decode())


def test_with_the_broker_down_a_large_file_waits_and_is_sent_when_the_broker_is_back(
    client, mallory, dump_bytes, sent, monkeypatch
):
    monkeypatch.setattr(services, "SYNC_MAX_BYTES", 100)  # the dump is "large" now
    sent.down()
    client.force_login(mallory)
    before = counts()
    _response, job = submit(client, dump_bytes)
    assert job.status == JobStatus.QUEUED and job.sent_at is None and job.message == services.WAITING
    assert counts() == before
    status_url = reverse("jobs:status", args=[job.pk])
    assert client.get(status_url).json()["status"] == "queued"  # still down: the poll sends nothing
    assert not _job_messages(sent)
    sent.up()
    assert client.get(status_url).json()["message"] == services.WAITING
    assert _job_messages(sent) == [job.pk], "the next poll sent the job"
    job.refresh_from_db()
    assert job.sent_at is not None and job.message == ""


def _job_messages(sent) -> list[int]:
    import base64
    import json

    found = []
    for raw in sent.redis.lrange(sent.queue, 0, -1):
        envelope = json.loads(raw)
        if envelope["headers"].get("task") == "coding.jobs.tasks.run_job":
            found.append(json.loads(base64.b64decode(envelope["body"]))[0][0])
    return found


# --- Access -----------------------------------------------------------------------------------


@pytest.fixture
def qdpx_job(study, alice) -> Job:
    """A .qdpx import job in ``study`` (the leads' import)."""
    return Job.objects.create(kind=JobKind.QDPX_IMPORT, study=study, user=alice, filename="p.qdpx")


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 403), ("carol", 403), ("mallory", 404)])
def test_a_qdpx_job_is_seen_by_the_study_leads_only(client, request, qdpx_job, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("jobs:detail", args=[qdpx_job.pk])).status_code == status
    assert client.get(reverse("jobs:status", args=[qdpx_job.pk])).status_code == status


def test_a_dump_job_is_seen_by_its_uploader_only_until_it_made_a_study(client, alice, mallory):
    job = Job.objects.create(kind=JobKind.DUMP_IMPORT, user=mallory, filename="study.json")
    for user, status in ((mallory, 200), (alice, 404)):
        client.force_login(user)
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == status
        assert client.get(reverse("jobs:status", args=[job.pk])).status_code == status


def test_anonymous_users_are_sent_to_log_in(client, qdpx_job):
    response = client.get(reverse("jobs:detail", args=[qdpx_job.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_missing_job_is_404(client, alice):
    client.force_login(alice)
    assert client.get(reverse("jobs:detail", args=[987654])).status_code == 404


# --- Query counts -----------------------------------------------------------------------------


def test_the_job_page_and_status_take_a_fixed_number_of_queries(client, alice, study, django_assert_max_num_queries):
    problems = [{"where": f"regions[{n}].name", "message": "This field cannot be blank."} for n in range(300)]
    job = Job.objects.create(
        kind=JobKind.QDPX_IMPORT, study=study, user=alice, filename="p.qdpx", status="failed", problems=problems
    )
    client.force_login(alice)
    with django_assert_max_num_queries(6):  # session, user, job with study, membership
        page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert page.content.decode().count("This field cannot be blank.") == 300
    with django_assert_max_num_queries(6):
        assert len(client.get(reverse("jobs:status", args=[job.pk])).json()["problems"]) == 300


def test_a_job_running_past_the_workers_hard_time_limit_fails_asking_for_the_file_again(
    client, mallory, dump_bytes, settings
):
    from datetime import timedelta

    from django.utils import timezone

    job = Job.objects.create(kind=JobKind.DUMP_IMPORT, user=mallory, filename="study.json", status="running")
    job.upload.save("study.json", SimpleUploadedFile("study.json", dump_bytes))
    client.force_login(mallory)
    status_url = reverse("jobs:status", args=[job.pk])
    limit = settings.CELERY_TASK_TIME_LIMIT
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(seconds=limit - 5))
    assert client.get(status_url).json()["status"] == "running", "a run may still be going"
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(seconds=limit + 5))
    body = client.get(status_url).json()
    assert body["status"] == "failed" and body["problems"] == [{"where": "study.json", "message": services.LOST}]
    job.refresh_from_db()
    assert not job.upload


def test_the_import_pages_link_the_users_own_recent_jobs(client, alice, bob, study, django_assert_max_num_queries):
    mine = [Job.objects.create(kind=JobKind.DUMP_IMPORT, user=alice, filename=f"mine-{n}.json") for n in range(7)]
    Job.objects.create(kind=JobKind.DUMP_IMPORT, user=bob, filename="bobs.json")
    qdpx = Job.objects.create(kind=JobKind.QDPX_IMPORT, user=alice, study=study, filename="project.qdpx")
    client.force_login(alice)
    with django_assert_max_num_queries(4):  # session, user, the jobs
        page = client.get(reverse("exports:study-import")).content.decode()
    linked = re.findall(r'href="/jobs/(\d+)/"', page)
    assert linked == [str(job.pk) for job in reversed(mine[2:])], "the latest five, newest first"
    assert "bobs.json" not in page and "project.qdpx" not in page
    page = client.get(reverse("exports:study-qdpx-import", args=[study.pk])).content.decode()
    assert re.findall(r'href="/jobs/(\d+)/"', page) == [str(qdpx.pk)]
