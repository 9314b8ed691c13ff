"""The CSV import as a job: the mapping page queues it, the worker's code imports it (or lists
every problem and writes nothing), the job page shows the result; access, the broker down, the
API (202 and poll), query counts. (A real worker: test_csv_worker.py.)"""

from __future__ import annotations

import html
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Actor
from coding.jobs import services
from coding.jobs.models import Job, JobKind, JobStatus
from tests import factories

pytestmark = pytest.mark.django_db

ACTORS_CSV = (
    "Name;Kind;Org. Type;Founded;Notes\n"
    "Fraunhofer IMS;organisation;Research institute;1984;applied research\n"
    "Elmos;Organisation;firm_large;1984;\n"
    "Anna Lindqvist;person;;;\n"
)
MAPPING = {"name": "Name", "kind": "Kind", "org_type": "Org. Type", "founded": "Founded"}
# Rows 2 and 3 have a kind no actor has; row 4 would be fine: the file is refused whole.
BROKEN_CSV = "name,kind\nA,robot\nB,machine\nC,person\n"


def upload_csv(client, region, text: str, name: str = "actors.csv") -> None:
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    response = client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    assert response.status_code == 302


def confirm(client, region, mapping: dict[str, str]):
    """POST the mapping step; the answer and the newest job."""
    response = client.post(reverse("exports:csv-import-map", args=[region.pk]), mapping)
    return response, Job.objects.order_by("-pk").first()


def test_the_mapping_step_queues_a_job_that_imports_the_rows_and_links_them(client, bob, region, sent):
    client.force_login(bob)
    upload_csv(client, region, ACTORS_CSV)
    response, job = confirm(client, region, MAPPING)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.study, job.user, job.filename) == (
        JobKind.CSV_IMPORT, JobStatus.QUEUED, region.study, bob, "actors.csv"
    )  # fmt: skip
    assert job.sent_at is not None and job.params == {"region": region.pk, "target": "actors", "mapping": MAPPING}
    assert json.loads(job.upload.read())["rows"][1] == ["Elmos", "Organisation", "firm_large", "1984", ""]
    assert not Actor.objects.filter(region=region).exists(), "nothing is imported before the worker runs the job"
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and "Waiting for the worker" in page

    assert services.job_run(job_id=job.pk) == JobStatus.DONE  # what the worker's task calls
    # The file, by hand: three actors; "Notes" was not mapped, the empty location is "inside".
    actors = {actor.name: actor for actor in Actor.objects.filter(region=region)}
    assert set(actors) == {"Fraunhofer IMS", "Elmos", "Anna Lindqvist"}
    assert (actors["Fraunhofer IMS"].org_type, actors["Fraunhofer IMS"].founded) == ("research_institute", 1984)
    assert actors["Elmos"].location == "inside" and actors["Fraunhofer IMS"].description == ""
    assert actors["Anna Lindqvist"].history.get().history_user == bob
    page = client.get(response["Location"]).content.decode()
    assert f"Imported 3 actors into {region.name}." in page
    assert f'id="job-open" href="{reverse("cases:actor-list", args=[region.pk])}"' in page
    job.refresh_from_db()
    assert not job.upload, "the stored table is deleted once the job is finished"
    # The upload was consumed: the mapping page now asks for a file.
    assert "No file is waiting" in client.get(reverse("exports:csv-import-map", args=[region.pk])).content.decode()


def test_a_failing_csv_job_lists_every_problem_writes_nothing_and_keeps_the_file_and_mapping(client, bob, region, sent):
    client.force_login(bob)
    upload_csv(client, region, BROKEN_CSV)
    _response, job = confirm(client, region, {"name": "name", "kind": "kind"})
    assert services.job_run(job_id=job.pk) == JobStatus.FAILED
    job.refresh_from_db()
    assert not Actor.objects.filter(region=region).exists()
    assert [problem["where"] for problem in job.problems] == ["row 2, column kind", "row 3, column kind"]
    page = html.unescape(client.get(reverse("jobs:detail", args=[job.pk])).content.decode())
    assert "Nothing was imported: 2 problems" in page
    assert "row 2, column kind: 'robot' is not one of" in page and "row 3, column kind: 'machine' is not one of" in page
    assert f'id="import-remap" href="{reverse("exports:csv-import-map", args=[region.pk])}"' in page
    # Back on the mapping page: the same file, the mapping last tried (not the one proposed from names).
    page = client.get(reverse("exports:csv-import-map", args=[region.pk])).content.decode()
    assert "3 rows" in page and '<option value="name" selected>' in page


def test_a_mapping_that_leaves_out_a_required_field_is_refused_at_once_without_a_job(client, bob, region, sent):
    client.force_login(bob)
    upload_csv(client, region, ACTORS_CSV)
    response, job = confirm(client, region, {"name": "Name"})
    assert response.status_code == 200 and job is None
    assert "Choose the column for “Kind (organisation / person)”: it is required." in response.content.decode()


def test_with_the_broker_down_a_small_csv_is_imported_during_the_request(client, bob, region, sent):
    sent.down()  # the Celery app really fails to connect
    client.force_login(bob)
    upload_csv(client, region, ACTORS_CSV)
    response, job = confirm(client, region, MAPPING)
    assert response.status_code == 302 and job.status == JobStatus.DONE
    assert Actor.objects.filter(region=region).count() == 3
    assert services.RAN_IN_REQUEST in html.unescape(client.get(response["Location"]).content.decode())


def test_with_the_broker_down_a_large_csv_waits_queued_and_writes_nothing(client, bob, region, sent, monkeypatch):
    monkeypatch.setattr(services, "SYNC_MAX_BYTES", 10)  # the stored table is "large" now
    sent.down()
    client.force_login(bob)
    upload_csv(client, region, ACTORS_CSV)
    _response, job = confirm(client, region, MAPPING)
    assert job.status == JobStatus.QUEUED and job.sent_at is None and job.message == services.WAITING
    assert not Actor.objects.filter(region=region).exists()


# --- Access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 200), ("carol", 403), ("mallory", 404)])
def test_a_csv_job_is_seen_by_the_study_coders_and_leads(client, request, study, region, bob, persona, status):
    job = Job.objects.create(
        kind=JobKind.CSV_IMPORT, study=study, user=bob, filename="a.csv", params={"region": region.pk}
    )
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == status
    assert client.get(reverse("jobs:status", args=[job.pk])).status_code == status


# --- Query counts -----------------------------------------------------------------------------


def test_confirming_the_mapping_takes_the_same_queries_for_3_or_300_rows(
    client, bob, region, sent, django_assert_max_num_queries
):
    client.force_login(bob)
    for rows in (3, 300):
        upload_csv(client, region, "name,kind\n" + "".join(f"Firm {n},organisation\n" for n in range(rows)))
        # Session, user, region, the variables (form and check), the job's checks, insert and
        # send, the session saved, and the savepoints around them: none per row.
        with django_assert_max_num_queries(20):
            response = client.post(
                reverse("exports:csv-import-map", args=[region.pk]), {"name": "name", "kind": "kind"}
            )
        assert response.status_code == 302


# --- API --------------------------------------------------------------------------------------


def api_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def post_csv(api: APIClient, region, text: str, **fields):
    file = SimpleUploadedFile("actors.csv", text.encode(), content_type="text/csv")
    data = {"kind": "csv", "file": file, "region": region.pk, **fields}
    return api.post(reverse("api:imports"), data, format="multipart")


def test_the_api_answers_202_with_the_csv_job_to_poll_until_done(bob, region, sent):
    api = api_for(bob)
    response = post_csv(api, region, ACTORS_CSV, mapping=json.dumps(MAPPING))
    assert response.status_code == 202
    job = Job.objects.get()
    body = response.json()
    assert response["Location"] == body["url"] == reverse("api:job-detail", args=[job.pk])
    assert body["kind"] == "csv_import" and body["status"] == "queued" and job.params["mapping"] == MAPPING
    services.job_run(job_id=job.pk)
    done = api.get(body["url"]).json()
    assert done["status"] == "done" and done["result_url"] == reverse("cases:actor-list", args=[region.pk])
    assert done["result"]["summary"] == f"Imported 3 actors into {region.name}." and done["file_url"] == ""
    assert Actor.objects.get(name="Fraunhofer IMS").org_type == "research_institute"


def test_without_a_mapping_the_api_matches_the_columns_by_name_as_the_page_proposes(bob, region, sent):
    response = post_csv(api_for(bob), region, "Actor;Type of actor\nElmos;organisation\n", target="actors")
    assert response.status_code == 202
    assert Job.objects.get().params["mapping"] == {"name": "Actor", "kind": "Type of actor"}


def test_the_api_refuses_a_bad_mapping_or_file_at_once_and_makes_no_job(bob, region, sent, settings):
    api = api_for(bob)
    response = post_csv(api, region, ACTORS_CSV, mapping=json.dumps({"name": "Name", "kind": "Sort"}))
    assert response.status_code == 400
    assert response.json() == {"mapping": ["column mapping: The file has no column “Sort”."]}
    response = post_csv(api, region, ACTORS_CSV, mapping=json.dumps(["Name"]))
    assert response.status_code == 400 and set(response.json()) == {"mapping"}
    response = post_csv(api, region, "name,,name\na,b,c\n")
    assert response.status_code == 400 and response.json()["file"][0] == "header, column 2: The column has no name."
    file = SimpleUploadedFile("a.csv", b"name,kind\n")
    response = api.post(reverse("api:imports"), {"kind": "csv", "file": file}, format="multipart")
    assert response.status_code == 400 and set(response.json()) == {"region"}
    settings.CSV_IMPORT_MAX_BYTES = 20
    response = post_csv(api, region, ACTORS_CSV)
    assert response.status_code == 400 and "the limit is 20" in response.json()["file"][0]
    assert not Job.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("alice", 202), ("bob", 202), ("carol", 403), ("mallory", 404)])
def test_a_csv_import_through_the_api_is_for_the_coders_and_leads(request, region, persona, status, sent):
    response = post_csv(api_for(request.getfixturevalue(persona)), region, ACTORS_CSV, mapping=json.dumps(MAPPING))
    assert response.status_code == status


def test_the_upload_page_links_the_users_own_recent_csv_jobs_of_this_region(
    client, bob, alice, study, region, django_assert_max_num_queries
):
    other = factories.RegionFactory(study=study)

    def job(user, name: str, into) -> Job:
        params = {"region": into.pk}
        return Job.objects.create(kind=JobKind.CSV_IMPORT, study=study, user=user, filename=name, params=params)

    mine = [job(bob, f"m{n}.csv", region) for n in range(7)]
    job(alice, "alices.csv", region)
    job(bob, "there.csv", other)
    client.force_login(bob)
    with django_assert_max_num_queries(5):  # session, user, region with study, the jobs
        page = client.get(reverse("exports:csv-import", args=[region.pk])).content.decode()
    linked = [int(pk) for pk in re.findall(r'href="/jobs/(\d+)/"', page)]
    assert linked == [job.pk for job in reversed(mine[2:])], "the latest five, newest first"
    assert "alices.csv" not in page and "there.csv" not in page
