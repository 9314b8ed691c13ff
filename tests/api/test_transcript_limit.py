"""One transcript limit for every way in: TRANSCRIPT_MAX_UPLOAD_BYTES characters, whether the
text is sent to the API, pasted on the page or read from an uploaded file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Interview
from tests.workbench_cases.test_pages import interview_data
from tests.workbench_cases.test_transcripts import docx_bytes

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_refuses_an_11_million_character_transcript_naming_the_default_limit(bob, region):
    body = {"region": region.pk, "title": "Long", "transcript": "a" * 11_000_000}
    response = api_for(bob).post(reverse("api:interview-list"), body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "transcript": ["The transcript is 11,000,000 characters long; the limit is 10,485,760 characters."]
    }
    assert not Interview.objects.exists()


def test_the_api_takes_a_transcript_of_exactly_the_limit_and_refuses_one_more(bob, region, settings):
    settings.TRANSCRIPT_MAX_UPLOAD_BYTES = 100
    url = reverse("api:interview-list")
    ok = api_for(bob).post(url, {"region": region.pk, "title": "Fits", "transcript": "ä" * 100}, format="json")
    assert ok.status_code == 201, ok.content
    interview = Interview.objects.get()
    too_long = api_for(bob).patch(
        reverse("api:interview-detail", args=[interview.pk]), {"transcript": "ä" * 101}, format="json"
    )
    assert too_long.status_code == 400
    assert "the limit is 100 characters" in too_long.json()["transcript"][0]
    interview.refresh_from_db()
    assert interview.transcript == "ä" * 100


def test_the_page_refuses_pasted_text_over_the_limit_and_keeps_it_in_the_form(client, bob, region, settings):
    settings.TRANSCRIPT_MAX_UPLOAD_BYTES = 100
    client.force_login(bob)
    url = reverse("interviews:create", args=[region.pk])
    response = client.post(url, interview_data(transcript="x" * 101))
    assert response.status_code == 200
    assert response.context["form"].errors["transcript"] == [
        "The transcript is 101 characters long; the limit is 100 characters."
    ]
    assert response.context["form"]["transcript"].value() == "x" * 101  # nothing typed is lost
    assert not Interview.objects.exists()
    assert client.post(url, interview_data(transcript="x" * 100)).status_code == 302


def test_a_docx_whose_text_is_over_the_limit_is_refused(client, bob, region, settings):
    settings.TRANSCRIPT_MAX_UPLOAD_BYTES = 100_000  # the compressed file fits, its text does not
    upload = SimpleUploadedFile("long.docx", docx_bytes("y" * 400_000))
    assert upload.size <= 100_000
    client.force_login(bob)
    response = client.post(reverse("interviews:create", args=[region.pk]), interview_data(upload=upload))
    # The streaming .docx reader stops at the limit, before the whole text is built.
    assert "The Word document&#x27;s text is longer than the limit of 100,000 characters." in response.content.decode()
    assert not Interview.objects.exists()
