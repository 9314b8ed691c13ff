"""Hostile transcript uploads: each is refused within seconds, naming the limit, and saves nothing.

The files are built at test time (tests/workbench_cases/hostile_files.py). Each one goes through
``extract_text``, the interview page and the API's interview create.
"""

from __future__ import annotations

import functools
import io
import time

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Interview
from coding.interviews import files
from tests.workbench_cases import hostile_files as hostile
from tests.workbench_cases.test_pages import interview_data

# Default limits: 50 MB unpacked (52,428,800 bytes), 10 MB upload = 10,485,760 characters.
CORPUS = {
    "docx-zip-bomb-200MB-of-zeros": ("t.docx", hostile.docx_zeros_bomb, "limit of 52,428,800 bytes"),
    "docx-bomb-with-lying-header": ("t.docx", hostile.docx_bomb_with_lying_header, "damaged zip archive"),
    "docx-3-million-paragraphs": ("t.docx", hostile.docx_many_paragraphs, "the limit is 200 to 1"),
    "docx-250k-paragraphs": ("t.docx", lambda: hostile.docx_numbered_paragraphs(250_000), "limit of 200,000"),
    "docx-11M-characters": ("t.docx", lambda: hostile.docx_long_text(11), "limit of 10,485,760 characters"),
    "docx-billion-laughs": ("t.docx", hostile.docx_entity_expansion, "DOCTYPE"),
    "docx-external-entity": ("t.docx", hostile.docx_external_entity, "DOCTYPE"),
    "docx-corrupted-deflate": ("t.docx", hostile.docx_corrupted, "damaged zip archive"),
    "docx-truncated": ("t.docx", hostile.docx_truncated, "damaged zip archive"),
    "pdf-flate-bomb-200MB": ("t.pdf", hostile.pdf_flate_bomb, "limit of 52,428,800 bytes"),
    "pdf-2500-pages": ("t.pdf", lambda: hostile.pdf_many_pages(2500), "the limit is 2,000"),
    "pdf-malformed": ("t.pdf", hostile.pdf_malformed, "could not be read"),
    "pdf-cyclic-page-tree": ("t.pdf", hostile.pdf_self_referencing_pages, "could not be read"),
    "txt-binary-garbage": ("t.txt", hostile.binary_garbage, "not UTF-8"),
    "txt-utf8-with-nul": ("t.txt", hostile.utf8_with_nul, "NUL byte"),
}
IDS = list(CORPUS)
# Refused "within a few seconds" on a shared 2-core machine; before, the worst took minutes.
SECONDS = 8


@functools.cache
def hostile_bytes(case: str) -> bytes:
    return CORPUS[case][1]()


def upload(case: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(CORPUS[case][0], hostile_bytes(case))


@pytest.mark.parametrize("case", IDS)
def test_hostile_file_is_refused_quickly_naming_the_reason(case):
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        files.extract_text(upload(case))
    assert time.monotonic() - started < SECONDS
    assert CORPUS[case][2] in " ".join(refused.value.messages)


@pytest.mark.django_db
@pytest.mark.parametrize("case", IDS)
def test_hostile_file_on_the_interview_page_is_a_form_error_and_saves_nothing(client, bob, region, case):
    client.force_login(bob)
    before = Interview.objects.count()
    started = time.monotonic()
    response = client.post(reverse("interviews:create", args=[region.pk]), interview_data(upload=upload(case)))
    assert time.monotonic() - started < SECONDS
    assert response.status_code == 200
    assert CORPUS[case][2] in response.content.decode()
    assert Interview.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", IDS)
def test_hostile_file_sent_to_the_api_is_a_400_and_saves_nothing(bob, region, case):
    # The API takes a transcript as text only: a file in its place is refused, never read.
    api = APIClient()
    api.force_authenticate(bob)
    before = Interview.objects.count()
    payload = {"region": region.pk, "title": "Founder", "mode": "face_to_face", "language": "en"}
    started = time.monotonic()
    response = api.post(reverse("api:interview-list"), {**payload, "transcript": upload(case)}, format="multipart")
    assert time.monotonic() - started < SECONDS
    assert response.status_code == 400
    assert "transcript" in response.json()
    assert Interview.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("t.docx", lambda: hostile.docx_numbered_paragraphs(5_000), "limit of 0 s"),
        ("t.pdf", lambda: hostile.pdf_many_pages(3), "limit of 0 s"),
    ],
)
def test_reading_past_the_deadline_is_refused(settings, name, content, message):
    settings.TRANSCRIPT_PARSE_SECONDS = 0
    with pytest.raises(ValidationError, match=message):
        files.extract_text(SimpleUploadedFile(name, content()))


def test_unpacked_limit_is_the_setting(settings):
    settings.TRANSCRIPT_MAX_UNPACKED_BYTES = 1000
    with pytest.raises(ValidationError, match="limit of 1,000 bytes"):
        files.extract_text(SimpleUploadedFile("t.docx", hostile.docx_numbered_paragraphs(100)))


def test_docx_text_is_python_docx_paragraph_text():
    # The reference is python-docx, which read transcripts before: runs, tabs, breaks, hyperlinks; not tables.
    document = docx.Document()
    first = document.add_paragraph("Speaker A:\tHello")
    first.add_run().add_break()
    first.add_run("second line")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "in a table"
    document.add_paragraph("Ünïcode — “quotes”")
    document.add_paragraph("")
    document.add_paragraph("last")
    buffer = io.BytesIO()
    document.save(buffer)
    expected = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(buffer.getvalue())).paragraphs)
    assert files.extract_text(SimpleUploadedFile("t.docx", buffer.getvalue())) == expected
    assert expected == "Speaker A:\tHello\nsecond line\nÜnïcode — “quotes”\n\nlast"
