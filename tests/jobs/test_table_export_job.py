"""The XLSX statistics tables as jobs, from the exports page and the API (``POST /api/exports/``):
built by the worker's code, the same workbook as the direct download, linked from the job page and
fetched through the API; members only; with the broker down built in the request."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from coding.jobs import services
from coding.jobs.models import Job, JobKind, JobStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(region):
    factories.OrganisationFactory(region=region, name="Elmos")
    factories.PersonFactory(region=region, name="Anna Lindqvist", pseudonym="Respondent A")
    return region


def rows_of(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_member_starts_a_table_job_on_the_exports_page_and_downloads_the_workbook(client, carol, study, actors, sent):
    client.force_login(carol)  # a viewer: tables are for every member
    page = client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
    start = reverse("jobs:region-table-export", args=[actors.pk, "actors"])
    assert f'action="{start}"' in page and f'action="{start}?pseudonymised=1"' in page
    response = client.post(start)
    job = Job.objects.get(kind=JobKind.TABLE_EXPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk]) and job.status == JobStatus.QUEUED
    assert job.filename == f"region-{actors.pk}-actors.xlsx" and job.study == study
    assert services.job_run(job_id=job.pk) == JobStatus.DONE  # what the worker's task calls
    page = client.get(response["Location"]).content.decode()
    download = reverse("jobs:download", args=[job.pk])
    assert f'id="job-download" href="{download}"' in page
    made = rows_of(body(client.get(download)))
    direct = rows_of(body(client.get(reverse("exports:region-table", args=[actors.pk, "actors", "xlsx"]))))
    assert made == direct
    names = made[0].index("name")
    assert sorted(row[names] for row in made[1:]) == ["Anna Lindqvist", "Elmos"]  # the fixture's two actors


def test_with_the_broker_down_the_pseudonymised_table_is_built_during_the_request(client, alice, study, actors, sent):
    sent.down()
    client.force_login(alice)
    client.post(reverse("jobs:study-table-export", args=[study.pk, "actors"]) + "?pseudonymised=1")
    job = Job.objects.get(kind=JobKind.TABLE_EXPORT)
    assert job.status == JobStatus.DONE and job.message == services.EXPORTED_IN_REQUEST
    assert job.filename == f"study-{study.pk}-actors-pseudonymised.xlsx"
    made = rows_of(body(client.get(reverse("jobs:download", args=[job.pk]))))
    names = made[0].index("name")
    assert sorted(row[names] for row in made[1:]) == ["Elmos", "Respondent A"]


def test_outsiders_get_404_and_unknown_tables_404_without_a_job(client, mallory, carol, study, actors, sent):
    client.force_login(carol)
    assert client.post(reverse("jobs:study-table-export", args=[study.pk, "memos"])).status_code == 404
    assert client.get(reverse("jobs:study-table-export", args=[study.pk, "actors"])).status_code == 405
    client.post(reverse("jobs:study-table-export", args=[study.pk, "actors"]))
    job = Job.objects.get()
    services.job_run(job_id=job.pk)
    client.force_login(mallory)
    assert client.post(reverse("jobs:region-table-export", args=[actors.pk, "actors"])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert Job.objects.count() == 1


def test_the_exports_page_takes_a_fixed_number_of_queries_whatever_the_regions(
    client, carol, study, django_assert_max_num_queries
):
    client.force_login(carol)
    for count in (1, 6):
        while study.regions.count() < count:
            factories.RegionFactory(study=study)
        with django_assert_max_num_queries(8):  # session, user, study, regions and their waves
            page = client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
        assert page.count("/tables/actors.xlsx/job/?pseudonymised=1") == count + 1


# --- API --------------------------------------------------------------------------------------


def api_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_api_starts_a_table_export_answers_202_and_serves_the_file_when_done(carol, study, actors, sent):
    api = api_for(carol)
    response = api.post(reverse("api:exports"), {"kind": "xlsx", "region": actors.pk, "table": "actors"}, format="json")
    assert response.status_code == 202
    job = Job.objects.get()
    answer = response.json()
    assert response["Location"] == answer["url"] == reverse("api:job-detail", args=[job.pk])
    assert answer["status"] == "queued" and answer["file_url"] == ""
    services.job_run(job_id=job.pk)
    done = api.get(answer["url"]).json()
    assert done["status"] == "done" and done["file_url"] == reverse("api:job-file", args=[job.pk])
    made = rows_of(body(api.get(done["file_url"])))
    direct = rows_of(body(api.get(reverse("api:region-table", args=[actors.pk, "actors", "xlsx"]))))
    assert made == direct and len(made) == 3  # the header and the fixture's two actors


def test_the_api_starts_a_qdpx_export_of_a_study(alice, study, actors, sent):
    api = api_for(alice)
    response = api.post(reverse("api:exports"), {"kind": "qdpx", "study": study.pk, "pseudonymised": True})
    assert response.status_code == 202
    job = Job.objects.get()
    assert job.kind == JobKind.QDPX_EXPORT and job.params == {"pseudonymised": True}
    services.job_run(job_id=job.pk)
    assert body(api.get(api.get(response["Location"]).json()["file_url"])).startswith(b"PK")  # a zip


def test_the_api_refuses_an_incomplete_export_request_with_400_and_makes_no_job(alice, study, region, sent):
    api = api_for(alice)
    for data, field in (
        ({"kind": "xlsx", "study": study.pk}, "table"),
        ({"kind": "xlsx", "study": study.pk, "region": region.pk, "table": "actors"}, "study"),
        ({"kind": "qdpx", "region": region.pk}, "study"),
        ({"kind": "xlsx", "study": study.pk, "table": "memos"}, "table"),
        ({"kind": "pdf", "study": study.pk}, "kind"),
    ):
        response = api.post(reverse("api:exports"), data, format="json")
        assert response.status_code == 400 and field in response.json(), (data, response.json())
    assert not Job.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("alice", 202), ("bob", 202), ("carol", 202), ("mallory", 404)])
def test_api_exports_and_their_files_are_for_the_study_members(request, study, region, alice, persona, status, sent):
    api = api_for(request.getfixturevalue(persona))
    response = api.post(reverse("api:exports"), {"kind": "xlsx", "study": study.pk, "table": "waves"}, format="json")
    assert response.status_code == status
    job = Job(kind=JobKind.TABLE_EXPORT, study=study, user=alice, filename="t.xlsx", status="done")
    job.output.save("t.xlsx", ContentFile(b"PK not really a workbook"))
    assert api.get(reverse("api:job-file", args=[job.pk])).status_code == (404 if persona == "mallory" else 200)
