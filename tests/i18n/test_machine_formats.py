"""The language changes what people read, never what programs read (issue 18).

The same demo study is fetched through the API and as every download with ``Accept-Language``
English and German: JSON keys, CSV/XLSX column names and the files' bytes stay the same. Only
texts written for people (a classification's reason) may differ, and their keys may not.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from cases.models import Region, Study
from coding.demo.loader import load_demo
from coding.exchange.downloads import NETWORK_FORMATS
from coding.exchange.tables.rows import TABLES

LANGUAGES = ("en-gb", "de")
# Human texts in the API: same key, a text in the reader's language.
READ_BY_PEOPLE = {"reason", "label_text", "detail", "meaning"}


@pytest.fixture
def demo(db) -> tuple[Client, Study, Region]:
    study = Study.objects.get(pk=load_demo(password="pw-for-tests").study_id)
    client = Client()
    client.force_login(study.memberships.get(user__username="demo").user)
    return client, study, study.regions.order_by("pk").first()


def fetched(client: Client, url: str) -> dict[str, bytes]:
    answers = {}
    for language in LANGUAGES:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, (url, language, response.status_code)
        answers[language] = b"".join(response.streaming_content) if response.streaming else response.content
    return answers


def shape(value: Any) -> Any:
    """The JSON's keys all the way down, with people's texts reduced to their type."""
    if isinstance(value, dict):
        return {key: "text" if key in READ_BY_PEOPLE else shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return value


def without_export_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_german_catalogue_is_in_use_for_these_checks() -> None:
    with translation.override("de"):
        assert translation.gettext("Skip to content") == "Zum Inhalt springen"


@pytest.mark.parametrize(
    "path", ["studies", "regions", "waves", "actors", "interviews", "interactions", "codes", "codings", "memos"]
)
def test_api_lists_are_the_same_in_both_languages(demo, path):
    client, study, _ = demo
    answers = fetched(client, f"/api/{path}/?study={study.pk}")
    english, german = (json.loads(answers[language]) for language in LANGUAGES)
    assert german == english


def test_the_api_snapshots_keep_their_keys_and_figures_in_german(demo):
    client, _, region = demo
    answers = fetched(client, f"/api/snapshots/?region={region.pk}")
    english, german = (json.loads(answers[language]) for language in LANGUAGES)
    assert shape(german) == shape(english)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_csv_tables_are_byte_identical(demo, table):
    client, study, _ = demo
    answers = fetched(client, f"/studies/{study.pk}/tables/{table}.csv")
    assert answers["de"] == answers["en-gb"]
    header = next(csv.reader(io.StringIO(answers["de"].decode("utf-8-sig"))))
    assert header[: len(TABLES[table].columns)] == list(TABLES[table].columns)


@pytest.mark.parametrize("table", ["actors", "interactions", "codings"])
def test_xlsx_tables_hold_the_same_cells(demo, table):
    client, study, _ = demo
    answers = fetched(client, f"/studies/{study.pk}/tables/{table}.xlsx")
    cells = {
        language: [
            [[cell.value for cell in row] for row in sheet.iter_rows()]
            for sheet in load_workbook(io.BytesIO(content), read_only=True).worksheets
        ]
        for language, content in answers.items()
    }
    assert cells["de"] == cells["en-gb"]


@pytest.mark.parametrize("fmt", sorted(NETWORK_FORMATS))
def test_network_files_are_byte_identical(demo, fmt):
    client, study, _ = demo
    answers = fetched(client, f"/studies/{study.pk}/export/{fmt}/")
    assert answers["de"] == answers["en-gb"]


def test_the_dump_is_the_same_but_for_its_time(demo):
    client, study, _ = demo
    answers = fetched(client, f"/studies/{study.pk}/export/dump.json")
    english, german = (without_export_time(json.loads(answers[language])) for language in LANGUAGES)
    assert german == english
