"""The .qdpx export as a job: started from the exports page, built by the worker's code, downloaded
from the job page; the same archive as the direct download; members only."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.urls import reverse

from coding.jobs import services
from coding.jobs.models import Job, JobKind, JobStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(study, region, bob):
    interview = factories.InterviewFactory(region=region)
    factories.CodingFactory(interview=interview, coder=bob, start=0, length=11)
    return study


def test_a_member_starts_the_export_and_downloads_the_file_from_the_job_page(client, carol, coded, sent):
    client.force_login(carol)  # a viewer: exports are for every member
    response = client.post(reverse("jobs:qdpx-export", args=[coded.pk]))
    job = Job.objects.get(kind=JobKind.QDPX_EXPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk]) and job.status == JobStatus.QUEUED
    assert services.job_run(job_id=job.pk) == JobStatus.DONE  # what the worker's task calls
    page = client.get(response["Location"]).content.decode()
    download = reverse("jobs:download", args=[job.pk])
    assert f'id="job-download" href="{download}"' in page
    made = zipfile.ZipFile(io.BytesIO(b"".join(client.get(download).streaming_content)))
    direct = client.get(reverse("exports:study-file", args=[coded.pk, "qdpx"]))
    reference = zipfile.ZipFile(io.BytesIO(b"".join(direct.streaming_content)))
    assert sorted(made.namelist()) == sorted(reference.namelist())
    # Only the project's own time stamps may differ: each file says when it was written.
    assert _undated(made.read("project.qde")) == _undated(reference.read("project.qde"))


def test_with_the_broker_down_the_file_is_built_during_the_request(client, alice, coded, sent):
    sent.down()
    client.force_login(alice)
    client.post(reverse("jobs:qdpx-export", args=[coded.pk]) + "?pseudonymised=1")
    job = Job.objects.get(kind=JobKind.QDPX_EXPORT)
    assert job.status == JobStatus.DONE and job.message == services.EXPORTED_IN_REQUEST
    assert job.filename == f"study-{coded.pk}-pseudonymised.qdpx" and job.params == {"pseudonymised": True}


def test_outsiders_get_404_for_the_export_and_its_file(client, mallory, alice, coded, sent):
    client.force_login(alice)
    client.post(reverse("jobs:qdpx-export", args=[coded.pk]))
    job = Job.objects.get()
    services.job_run(job_id=job.pk)
    client.force_login(mallory)
    assert client.post(reverse("jobs:qdpx-export", args=[coded.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:qdpx-export", args=[coded.pk])).status_code == 405


def _undated(project: bytes) -> bytes:
    """The project file with the <Project> element's creation and modification times blanked: they
    are the first two time stamps in the file."""
    return re.sub(rb'(creation|modified)DateTime="[^"]*"', rb'\1DateTime=""', project, count=2)
