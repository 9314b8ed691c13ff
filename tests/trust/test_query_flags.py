"""Yes/no query parameters are read strictly: a pseudonymised download never carries a real name,
whatever the spelling, and a malformed value is a 400 naming the parameter (cases/query_flags.py)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.query_flags import parse_flag
from tests import factories

YES = ["1", "true", "True", "TRUE", "yes", "Yes", "on", "ON"]
NO = ["0", "false", "False", "no", "off", "OFF"]
MALFORMED = ["2", "null", "", "y", "yes please", "-1"]

# (name, url) of every download that honours ?pseudonymised=: the pages and the API.
DOWNLOADS = {
    "page-network": lambda region: reverse("exports:region-file", args=[region.pk, "graphml"]),
    "page-table": lambda region: reverse("exports:region-table", args=[region.pk, "actors", "csv"]),
    "page-dump": lambda region: reverse("exports:study-dump", args=[region.study_id]),
    "page-qdpx": lambda region: reverse("exports:region-file", args=[region.pk, "qdpx"]),
    "api-network": lambda region: reverse("api:region-export", args=[region.pk, "graphml"]),
    "api-table": lambda region: reverse("api:region-table", args=[region.pk, "actors", "csv"]),
    "api-dump": lambda region: reverse("api:study-export", args=[region.study_id, "dump"]),
}


@pytest.fixture
def anna(region):
    person = factories.PersonFactory(region=region, name="Anna Lindqvist", pseudonym="Respondent A")
    factories.InteractionFactory(region=region, source=person)
    interview = factories.InterviewFactory(region=region, transcript="Intro. Anna Lindqvist said we share the lab.")
    interview.interviewees.add(person)
    return person


def _client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _get(client, url: str, value: str | None):
    return client.get(url, {} if value is None else {"pseudonymised": value})


def _unpacked(body: bytes) -> bytes:
    """A .qdpx's members joined (its names are inside the deflated zip), any other file as it is."""
    if not body.startswith(b"PK"):
        return body
    archive = zipfile.ZipFile(io.BytesIO(body))
    return b"".join(archive.read(name) for name in archive.namelist())


@pytest.mark.parametrize("download", DOWNLOADS)
@pytest.mark.parametrize("value", YES)
def test_every_spelling_of_yes_replaces_the_real_name(download, value, region, anna, carol):
    response = _get(_client(carol), DOWNLOADS[download](region), value)
    assert response.status_code == 200
    body = _unpacked(_body(response))
    assert b"Lindqvist" not in body and b"Respondent A" in body
    assert "-pseudonymised." in response["Content-Disposition"]


@pytest.mark.parametrize("download", DOWNLOADS)
@pytest.mark.parametrize("value", [*NO, None])
def test_no_and_absent_give_the_real_names(download, value, region, anna, carol):
    response = _get(_client(carol), DOWNLOADS[download](region), value)
    assert response.status_code == 200
    assert b"Anna Lindqvist" in _unpacked(_body(response))
    assert "-pseudonymised." not in response["Content-Disposition"]


@pytest.mark.parametrize("download", DOWNLOADS)
@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_value_is_a_400_naming_the_parameter_never_a_file(download, value, region, anna, carol):
    response = _get(_client(carol), DOWNLOADS[download](region), value)
    assert response.status_code == 400
    body = _body(response).decode()
    assert "pseudonymised" in body and "Lindqvist" not in body
    if download.startswith("api"):
        assert "pseudonymised" in response.json()
    else:
        assert response["Content-Type"].startswith("text/html") and "must be one of 1, true, yes, on" in body


@pytest.mark.parametrize("download", DOWNLOADS)
def test_the_parameter_given_twice_is_a_400(download, region, anna, carol):
    url = DOWNLOADS[download](region) + "?pseudonymised=1&pseudonymised=0"
    response = _client(carol).get(url)
    assert response.status_code == 400 and b"Lindqvist" not in _body(response)


def test_the_parser_accepts_exactly_the_documented_words():
    assert all(parse_flag(word) for word in YES) and not any(parse_flag(word) for word in NO)
    for word in MALFORMED:
        with pytest.raises(ValueError):
            parse_flag(word)


def test_the_api_schema_documents_the_accepted_values(carol):
    client = APIClient()
    client.force_login(carol)
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    # The file downloads (GET); ``POST /api/exports/`` starts an export job and takes no query flags.
    downloads = [path for path, operations in schema["paths"].items() if "get" in operations]
    paths = [path for path in downloads if "/exports/" in path or "/tables/" in path]
    assert len(paths) == 4
    for path in paths:
        [parameter] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "pseudonymised"]
        assert sorted(parameter["schema"]["enum"]) == sorted(["1", "true", "yes", "on", "0", "false", "no", "off"])
        assert "400" in parameter["description"] and "400" in schema["paths"][path]["get"]["responses"]


# --- The other yes/no parameters of the pages -------------------------------------------------


def test_the_comparison_refuses_a_malformed_by_wave_instead_of_reading_it_as_yes(client, study, region, alice):
    factories.WaveFactory(region=region, label="First")
    client.force_login(alice)
    url = reverse("comparison:page", args=[study.pk])
    for value in ("2", "null"):
        response = client.get(url, {"region": region.pk, "by_wave": value})
        assert response.status_code == 400 and "Use one of 1, true, yes, on" in response.content.decode()
    off = client.get(url, {"region": region.pk, "by_wave": "off"})
    assert off.status_code == 200 and "checked" not in _checkbox(off, "by_wave")
    on = client.get(url, {"region": region.pk, "by_wave": "On"})
    assert on.status_code == 200 and "checked" in _checkbox(on, "by_wave")


def _checkbox(response, name: str) -> str:
    [tag] = re.findall(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())
    return tag


def test_the_analysis_page_refuses_a_malformed_fragment_flag(client, region, carol):
    client.force_login(carol)
    url = reverse("analysis:region", args=[region.pk])
    response = client.get(url, {"fragment": "maybe"})
    assert response.status_code == 400 and "fragment" in response.content.decode()
    assert "<html" not in client.get(url, {"fragment": "1"}).content.decode()
    assert "<html" in client.get(url, {"fragment": "0"}).content.decode()
