"""Imports through the API: 202 with the job to poll, quick refusals at once, the job read back."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Study
from coding.jobs.models import Job, JobStatus
from coding.jobs.services import job_run

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def post_dump(api: APIClient, data: bytes):
    upload = SimpleUploadedFile("study.json", data, content_type="application/json")
    return api.post(reverse("api:imports"), {"kind": "dump", "file": upload}, format="multipart")


def test_a_dump_import_answers_202_with_the_job_to_poll_until_done(mallory, dump_bytes, sent):
    api = api_for(mallory)
    response = post_dump(api, dump_bytes)
    assert response.status_code == 202
    job = Job.objects.get()
    body = response.json()
    assert response["Location"] == body["url"] == reverse("api:job-detail", args=[job.pk])
    assert body["status"] == "queued" and body["page"] == reverse("jobs:detail", args=[job.pk])
    job_run(job_id=job.pk)  # what the worker's task calls
    done = api.get(body["url"]).json()
    study = Study.objects.get(pk=done["result"]["study"])
    assert done["status"] == JobStatus.DONE and done["result_url"] == reverse("cases:study-detail", args=[study.pk])
    assert study.role_of(mallory) == "lead"


def test_a_failed_import_job_answers_every_problem(mallory, broken_dump, sent):
    api = api_for(mallory)
    url = post_dump(api, broken_dump).json()["url"]
    job_run(job_id=Job.objects.get().pk)
    body = api.get(url).json()
    assert body["status"] == "failed" and body["result"] is None
    assert {"regions[0].actors[0].kind", "regions[0].interviews[0].codings[0].quote"} <= {
        problem["where"] for problem in body["problems"]
    }


def test_quick_refusals_answer_400_at_once_and_make_no_job(mallory, settings, sent):
    api = api_for(mallory)
    settings.IMPORT_MAX_UPLOAD_BYTES = 10
    response = post_dump(api, b'{"format": "far too long for the limit"}')
    assert response.status_code == 400 and "the limit is 10" in response.json()["file"][0]
    file = SimpleUploadedFile("p.qdpx", b"PK")
    response = api.post(reverse("api:imports"), {"kind": "qdpx", "file": file}, format="multipart")
    assert response.status_code == 400 and set(response.json()) == {"study"}
    file = SimpleUploadedFile("p.zip", b"PK")
    response = api.post(reverse("api:imports"), {"kind": "zip", "file": file}, format="multipart")
    assert response.status_code == 400 and set(response.json()) == {"kind"}
    assert not Job.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("alice", 202), ("bob", 403), ("carol", 403), ("mallory", 404)])
def test_a_qdpx_import_is_for_the_study_leads(request, study, persona, status, sent):
    file = SimpleUploadedFile("p.qdpx", b"PK not really a zip")
    api = api_for(request.getfixturevalue(persona))
    response = api.post(reverse("api:imports"), {"kind": "qdpx", "file": file, "study": study.pk}, format="multipart")
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 403), ("carol", 403), ("mallory", 404)])
def test_a_qdpx_job_is_read_by_the_study_leads(request, study, alice, persona, status):
    job = Job.objects.create(kind="qdpx_import", study=study, user=alice, filename="p.qdpx")
    response = api_for(request.getfixturevalue(persona)).get(reverse("api:job-detail", args=[job.pk]))
    assert response.status_code == status


def test_the_job_endpoint_needs_a_login_and_a_numeric_id(alice):
    assert APIClient().get(reverse("api:job-detail", args=[1])).status_code in (401, 403)
    assert api_for(alice).get("/api/jobs/x/").status_code == 404
