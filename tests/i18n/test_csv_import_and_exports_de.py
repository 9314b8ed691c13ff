"""German pages of the CSV import and the exports: a refused import says why in German and writes
nothing; the files keep their machine column names whatever the reader's language.

The German sentences are written by hand (the expected wording, glossary terms); the column names
are the documented ones (README, "Tables for statistics packages": snake_case; the interactions
table's columns and the codebook's Taguette columns as the export page lists them).
"""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Actor
from coding.jobs.models import Job
from tests import factories

pytestmark = pytest.mark.django_db

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-gb"}

INTERACTION_COLUMNS = [
    "interaction_id", "region_id", "region", "wave_id", "wave", "source_id", "source", "target_id", "target",
    "directed", "mode_competition", "mode_rivalry", "mode_conflict", "mode_cooperation", "content",
    "rating_time", "rating_emotional_intensity", "rating_intimacy", "rating_reciprocal_services", "rating_mean",
    "channel", "setting", "formality", "trust_basis", "duration", "includes_private_sphere", "confidence",
    "evidence_count", "coder", "memo", "created_at",
]  # fmt: skip
CODEBOOK_COLUMNS = ["tag", "path", "description", "colour", "example", "concept", "suggests_mode"]


def _upload(client, region, text: str, **headers):
    upload = SimpleUploadedFile("actors.csv", text.encode(), content_type="text/csv")
    url = reverse("exports:csv-import", args=[region.pk])
    return client.post(url, {"target": "actors", "file": upload}, **headers)


def test_csv_import_of_a_malformed_file_is_refused_in_german_and_writes_nothing(client, bob, region):
    client.force_login(bob)
    response = _upload(client, region, "name,,name\nElmos,x,y\n", **GERMAN)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200  # the upload form again, with the file's problems
    assert "Kopfzeile, Spalte 2: Die Spalte hat keinen Namen." in page
    assert "Kopfzeile, Spalte name: Dieser Spaltenname kommt zweimal vor." in page
    assert "The column has no name." not in page
    assert not Actor.objects.filter(region=region).exists() and not Job.objects.exists()
    waiting = client.get(reverse("exports:csv-import-map", args=[region.pk]), **GERMAN)
    assert "Es wartet keine Datei auf den Import." in waiting.content.decode()


def test_csv_import_mapping_without_a_required_field_is_refused_in_german(client, bob, region):
    client.force_login(bob)
    assert _upload(client, region, "Name;Kind\nElmos;organisation\n", **GERMAN).status_code == 302
    map_url = reverse("exports:csv-import-map", args=[region.pk])
    response = client.post(map_url, {"name": "Name"}, **GERMAN)
    page = html.unescape(response.content.decode())
    assert "Nichts wurde importiert: 1 Problem." in page
    assert "Spaltenzuordnung: Wählen Sie die Spalte für „Art (Organisation / Person)“: Sie ist erforderlich." in page
    assert "Spalten zu Feldern" in page and 'name="kind"' in page  # the form's field names stay machine keys
    assert not Actor.objects.filter(region=region).exists() and not Job.objects.exists()


def test_csv_import_refusal_in_english_is_unchanged(client, bob, region):
    client.force_login(bob)
    _upload(client, region, "Name;Kind\nElmos;organisation\n", **ENGLISH)
    response = client.post(reverse("exports:csv-import-map", args=[region.pk]), {"name": "Name"}, **ENGLISH)
    page = html.unescape(response.content.decode())
    assert "Nothing was imported: 1 problem." in page
    assert "column mapping: Choose the column for “Kind (organisation / person)”: it is required." in page


def test_csv_import_api_refusal_in_german_keeps_its_key(bob, region):
    api = APIClient()
    api.force_authenticate(bob)
    file = SimpleUploadedFile("actors.csv", b"name,,kind\na,b,c\n", content_type="text/csv")
    data = {"kind": "csv", "file": file, "region": region.pk}
    response = api.post(reverse("api:imports"), data, format="multipart", **GERMAN)
    assert response.status_code == 400
    assert response.json() == {"file": ["Kopfzeile, Spalte 2: Die Spalte hat keinen Namen."]}
    assert not Job.objects.exists()


def _csv_header(client, url: str, headers: dict[str, str]) -> list[str]:
    response = client.get(url, **headers)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig").splitlines()[0].split(",")


def test_exports_keep_their_machine_column_names_in_german(client, alice, region):
    tie = factories.InteractionFactory(region=region)
    client.force_login(alice)
    table = reverse("exports:study-table", args=[region.study_id, "interactions", "csv"])
    assert _csv_header(client, table, GERMAN) == _csv_header(client, table, ENGLISH) == INTERACTION_COLUMNS
    codebook = reverse("exports:study-file", args=[region.study_id, "codebook-csv"])
    assert _csv_header(client, codebook, GERMAN) == _csv_header(client, codebook, ENGLISH) == CODEBOOK_COLUMNS
    assert tie.pk


def test_exports_page_in_german_labels_the_files_but_keeps_their_addresses(client, alice, region):
    client.force_login(alice)
    page = client.get(reverse("exports:study-list", args=[region.study_id]), **GERMAN).content.decode()
    page = html.unescape(page)
    assert "Tabellen für Statistikprogramme" in page and "Akteure mit Netzwerkkennzahlen" in page
    assert "Codesystem als CSV (Taguette; tag, path, description, colour)" in page
    assert reverse("exports:study-table", args=[region.study_id, "interactions", "csv"]) in page


def test_interaction_pages_in_german_name_the_modes_and_labels(client, bob, region):
    tie = factories.InteractionFactory(region=region, mode_rivalry=True, confidence="high")
    client.force_login(bob)
    detail = html.unescape(client.get(reverse("coding:interaction-detail", args=[tie.pk]), **GERMAN).content.decode())
    assert "Koordination:" in detail and '<span class="tag">Rivalität</span>' in detail
    assert "Sicherheit hoch" in detail and "Belege: die Textstellen hinter dieser Beziehung" in detail
    listing = client.get(reverse("coding:interaction-list", args=[region.study_id]), **GERMAN).content.decode()
    assert "Rivalität, Kooperation" in html.unescape(listing) and "<th>Beziehung</th>" in listing
    english = client.get(reverse("coding:interaction-list", args=[region.study_id]), **ENGLISH).content.decode()
    assert "rivalry, cooperation" in english and "<th>Tie</th>" in english
