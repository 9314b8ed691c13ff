"""Every import path that reads an uploaded file, driven the way a browser or script does, for the
hostile-files corpus (tests/data/hostile/): one function per path, each returning the answer.

Shared by tests/exchange/test_hostile_corpus.py and benchmarks/hostile_uploads.py.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cases.concurrency import version_token
from cases.models import Interview, Region, Study

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "hostile"
REFERENCE_DIR = CORPUS_DIR / "reference"


@dataclass
class World:
    """A study led by ``lead`` with a region and an interview, and clients logged in beforehand
    (a login writes the session and last_login): the lead's pages, the lead's API, and a
    superuser's admin, where codebooks are imported."""

    study: Study
    region: Region
    interview: Interview
    lead: Any
    pages: Client
    api: APIClient
    admin: Client

    @classmethod
    def of(cls, study: Study, region: Region, interview: Interview, lead: Any, admin: Any) -> World:
        pages, admin_pages, api = Client(), Client(), APIClient()
        pages.force_login(lead)
        admin_pages.force_login(admin)
        api.force_authenticate(lead)
        return cls(study, region, interview, lead, pages, api, admin_pages)


@dataclass(frozen=True)
class Answer:
    status: int
    text: str  # the page (HTML unescaped) or the API's JSON body, where the message must be
    accepted: bool  # the path took the file (redirect to the next page, or 2xx from the API)


def _page(response: Any) -> Answer:
    text = html.unescape(response.content.decode(errors="replace"))
    return Answer(response.status_code, text, response.status_code == 302)


def _job(client: Client, response: Any) -> Answer:
    """An import page's answer: its form again (a quick refusal), or the page of the job it started
    (run in the request: ``jobs_in_the_request``), where a failed job counts as the refusal (400)."""
    if response.status_code != 302:
        return _page(response)
    job = _page(client.get(response["Location"]))
    return Answer(400 if 'id="import-problems"' in job.text else 302, job.text, 'id="job-result"' in job.text)


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/octet-stream")


def interview_page(world: World, name: str, data: bytes) -> Answer:
    form = {"title": "Founder", "mode": "face_to_face", "language": "en", "consent_status": "given"}
    url = reverse("interviews:create", args=[world.region.pk])
    return _page(world.pages.post(url, {**form, "upload": _upload(name, data)}))


def interview_edit_page(world: World, name: str, data: bytes) -> Answer:
    interview = world.interview
    form = {
        "title": interview.title, "mode": interview.mode, "language": interview.language,
        "consent_status": interview.consent_status, "transcript": interview.transcript,
        "loaded_version": version_token(interview),
    }  # fmt: skip
    url = reverse("interviews:edit", args=[interview.pk])
    return _page(world.pages.post(url, {**form, "upload": _upload(name, data)}))


def _api_answer(response: Any) -> Answer:
    return Answer(response.status_code, response.content.decode(errors="replace"), 200 <= response.status_code < 300)


def api_interview_create(world: World, name: str, data: bytes) -> Answer:
    payload = {"region": world.region.pk, "title": "Founder", "mode": "face_to_face", "language": "en"}
    url = reverse("api:interview-list")
    return _api_answer(world.api.post(url, {**payload, "transcript": _upload(name, data)}, format="multipart"))


def api_interview_patch(world: World, name: str, data: bytes) -> Answer:
    url = reverse("api:interview-detail", args=[world.interview.pk])
    return _api_answer(world.api.patch(url, {"transcript": _upload(name, data)}, format="multipart"))


def qdpx_import_page(world: World, name: str, data: bytes) -> Answer:
    url = reverse("exports:study-qdpx-import", args=[world.study.pk])
    return _job(world.pages, world.pages.post(url, {"upload": _upload(name, data), "coder": world.lead.pk}))


def qdc_import_admin(world: World, name: str, data: bytes) -> Answer:
    url = reverse("admin:coding_codingscheme_import_qdc")
    return _page(world.admin.post(url, {"upload": _upload(name, data), "name": "Hostile codebook"}))


def dump_import_page(world: World, name: str, data: bytes) -> Answer:
    return _job(world.pages, world.pages.post(reverse("exports:study-import"), {"dump": _upload(name, data)}))


def csv_import_pages(world: World, name: str, data: bytes) -> Answer:
    """The upload step; if it takes the file, the mapping step with the mapping the page proposes,
    which starts the import job (run in the request: ``jobs_in_the_request``)."""
    client = world.pages
    upload_url = reverse("exports:csv-import", args=[world.region.pk])
    answer = _page(client.post(upload_url, {"target": "actors", "file": _upload(name, data)}))
    if not answer.accepted:
        return answer
    map_url = reverse("exports:csv-import-map", args=[world.region.pk])
    form = client.get(map_url).context["form"]
    proposed = {field.name: field.initial or "" for field in form}
    return _job(client, client.post(map_url, proposed))


# Path name -> (the upload it is for, the file types it takes, the function that sends a file).
PATHS: dict[str, tuple[str, tuple[str, ...], Callable[[World, str, bytes], Answer]]] = {
    "interview-page": ("transcript", (".docx", ".pdf", ".txt"), interview_page),
    "interview-edit-page": ("transcript", (".docx", ".pdf", ".txt"), interview_edit_page),
    "api-interview-create": ("transcript", (), api_interview_create),
    "api-interview-patch": ("transcript", (), api_interview_patch),
    "qdpx-import": ("REFI-QDA project", (".qdpx",), qdpx_import_page),
    "qdc-import-admin": ("codebook (.qdc, .csv, .xlsx)", (".qdc", ".csv", ".xlsx"), qdc_import_admin),
    "dump-import": ("study dump", (".json",), dump_import_page),
    "csv-import": ("CSV table", (".csv",), csv_import_pages),
}


def data_tables() -> list[str]:
    """Every table of every model (many-to-many tables included), but the sessions' (a CSV upload
    waits there for its mapping step by design) and the import jobs' (a refused file's job says why)."""
    from django.apps import apps

    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables - {"django_session", "coding_job"})


def fingerprint(tables: list[str]) -> dict[str, str]:
    """Each table's row count and a digest of all its rows, in one query: any insert, update or delete shows."""
    digest = "count(*) || ' ' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '')"
    quote = connection.ops.quote_name
    parts = [f"%s, (SELECT {digest} FROM {quote(table)} t)" for table in tables]  # noqa: S608 - the models' tables
    # One json_build_object per 50 tables: PostgreSQL takes at most 100 arguments a call.
    objects = [f"json_build_object({', '.join(parts[i : i + 50])})::jsonb" for i in range(0, len(parts), 50)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {' || '.join(objects)}", tables)
        (result,) = cursor.fetchone()
    return json.loads(result)  # Django reads jsonb as text
