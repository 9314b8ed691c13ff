"""A 200 MB file at the shipped limits: every upload page refuses it with its limit named, before
reading it, and the database is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from cases.models import Actor, Interview, Study
from coding.models import Code, Coding, CodingScheme, Interaction
from tests import factories

pytestmark = pytest.mark.django_db
SIZE = 200 * 1024 * 1024


def big_file(path: Path) -> Path:
    with path.open("wb") as file:
        file.truncate(SIZE)  # sparse: no 200 MB written to disk
    return path


def rows() -> dict[str, int]:
    models = (Study, Actor, Interview, Coding, Interaction, Code, CodingScheme)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize(
    ("page", "user", "field", "filename", "message"),
    [
        (lambda w: reverse("exports:study-import"), "alice", "dump", "study.json", "the limit is 104,857,600"),
        (
            lambda w: reverse("exports:study-qdpx-import", args=[w["study"].pk]),
            "alice",
            "upload",
            "project.qdpx",
            "the limit is 52,428,800",
        ),
        (lambda w: reverse("exports:csv-import", args=[w["region"].pk]), "bob", "file", "actors.csv", "larger than"),
        (
            lambda w: reverse("interviews:create", args=[w["region"].pk]),
            "bob",
            "upload",
            "transcript.txt",
            "the limit is 10,485,760 bytes",
        ),
        (
            lambda w: reverse("admin:coding_codingscheme_import_qdc"),
            "admin",
            "upload",
            "codes.qdc",
            "the limit is 5,242,880",
        ),
    ],
    ids=["study-dump", "qdpx", "csv", "transcript", "admin-qdc"],
)
def test_a_200_mb_upload_is_refused_and_nothing_is_written(
    client, tmp_path, study, region, alice, bob, page, user, field, filename, message
):
    users = {"alice": alice, "bob": bob, "admin": factories.UserFactory(is_staff=True, is_superuser=True)}
    client.force_login(users[user])
    before = rows()
    form = {"target": "actors", "coder": alice.pk, "title": "Big", "mode": "face_to_face", "consent_status": "given"}
    with big_file(tmp_path / filename).open("rb") as upload:
        response = client.post(page({"study": study, "region": region}), {**form, field: upload})
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    assert rows() == before
