"""Importing a .qdc into a new scheme version (service and admin page): the tree arrives whole or
not at all; and a scheme downloaded from the admin as .qdc."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coding.exchange.records import CodeRecord, ImportErrors
from coding.exchange.refi.qdc import codebook
from coding.exchange.refi.qdc_reader import read_codebook
from coding.exchange.refi.services import codebook_import
from coding.models import Code, CodingScheme

A, B, C = (str(uuid.uuid4()) for _ in range(3))


@pytest.mark.django_db
def test_new_versions_are_numbered_and_keep_the_tree():
    data = codebook([CodeRecord(A, "Cooperation", None, "#F58518"), CodeRecord(B, "Joint R&D", A)])
    first = codebook_import(data=data, name="Cluster codes")
    second = codebook_import(data=data, name="Cluster codes")
    assert (first.version, second.version) == (1, 2)
    assert second.based_on == first
    child = Code.objects.get(scheme=second, name="Joint R&D")
    assert child.parent.name == "Cooperation" and child.parent.scheme == second


@pytest.mark.django_db
def test_invalid_code_rolls_everything_back():
    data = codebook([CodeRecord(A, "Fine"), CodeRecord(C, "x" * 150 + "y" * 40)])
    data = data.replace(b"y" * 40, b"y" * 60)  # 210 characters: too long for a name
    with pytest.raises(ImportErrors):
        codebook_import(data=data, name="Broken")
    assert not CodingScheme.objects.filter(name="Broken").exists()
    assert not Code.objects.filter(name="Fine").exists()


IMPORT_PAGE = "admin:coding_codingscheme_import_qdc"


def qdc_upload(data: bytes, name: str = "Grabher codes.qdc"):
    return SimpleUploadedFile(name, data, content_type="application/xml")


@pytest.mark.django_db
def test_the_admin_imports_a_codebook_as_a_new_scheme(admin_client):
    changelist = admin_client.get(reverse("admin:coding_codingscheme_changelist")).content.decode()
    assert reverse(IMPORT_PAGE) in changelist
    data = codebook([CodeRecord(A, "Cooperation", None, "#F58518", concept="Sociality"), CodeRecord(B, "R&D", A)])
    response = admin_client.post(reverse(IMPORT_PAGE), {"upload": qdc_upload(data), "name": ""})
    scheme = CodingScheme.objects.get(name="Grabher codes")
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:coding_codingscheme_change", args=[scheme.pk]
    )
    assert Code.objects.get(scheme=scheme, name="R&D").parent.concept == "Sociality"


@pytest.mark.django_db
def test_the_admin_lists_every_problem_and_writes_nothing(admin_client):
    data = codebook([CodeRecord("not-a-guid", "A"), CodeRecord(B, "")])
    response = admin_client.post(reverse(IMPORT_PAGE), {"upload": qdc_upload(data), "name": "Broken"})
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was imported: 2 problems" in page
    assert "&#x27;not-a-guid&#x27; is not a GUID" in page and "the code has no name" in page
    assert not CodingScheme.objects.filter(name="Broken").exists()
    response = admin_client.post(reverse(IMPORT_PAGE), {"upload": qdc_upload(data, "codes.docx"), "name": "X"})
    assert "a file ending in .qdc" in response.content.decode()


@pytest.mark.django_db
def test_only_staff_who_may_add_schemes_import(client, alice, staff):
    client.force_login(alice)
    assert client.get(reverse(IMPORT_PAGE)).status_code == 302  # to the admin login
    client.force_login(staff)  # staff without the permission to add schemes
    assert client.get(reverse(IMPORT_PAGE)).status_code == 403


@pytest.mark.django_db
def test_the_admin_downloads_a_scheme_as_qdc_that_reads_back(admin_client):
    scheme = codebook_import(data=codebook([CodeRecord(A, "Cooperation"), CodeRecord(B, "R&D", A)]), name="Mine")
    response = admin_client.post(
        reverse("admin:coding_codingscheme_changelist"),
        {"action": "download_codebook", "_selected_action": [scheme.pk]},
    )
    assert response["Content-Disposition"] == 'attachment; filename="mine-v1.qdc"'
    codes = read_codebook(response.content)
    assert [(code.name, code.parent_guid == codes[0].guid) for code in codes] == [("Cooperation", False), ("R&D", True)]
