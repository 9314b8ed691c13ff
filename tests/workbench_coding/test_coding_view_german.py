"""The coding view in German (issue 18): controls, help and refusals in the reader's language.

The expected German is written by hand from the glossary (/work/i18n/GLOSSARY.md), not taken
from the catalogue.
"""

from __future__ import annotations

from django.urls import reverse

from coding.models import Coding
from tests.workbench_coding.conftest import TRANSCRIPT


def german_page(client, user, interview, **post):
    client.force_login(user)
    url = reverse("coding:interview-code", args=[interview.pk])
    if post:
        return client.post(url, post, HTTP_ACCEPT_LANGUAGE="de")
    return client.get(url, HTTP_ACCEPT_LANGUAGE="de")


def test_the_coding_view_shows_german_controls(client, bob, interview, code):
    page = german_page(client, bob, interview).content.decode()
    assert '<html lang="de"' in page
    assert "<h1>Codierung: Foundry founder</h1>" in page
    assert '<label for="code-search">Codes filtern <kbd>/</kbd></label>' in page
    assert 'placeholder="Codes durchsuchen …"' in page
    assert "<h2>Markierte Textstelle</h2>" in page
    assert ">Textstelle codieren</button>" in page
    assert ">Interaktion erfassen …</button>" in page
    assert "<summary>Tastatur</summary>" in page
    assert (
        'aria-label="Transkript: Markieren Sie eine Textstelle, um sie zu codieren '
        '(Shift und die Pfeiltasten markieren)"'
    ) in page
    assert "<th>Textstelle</th><th>Position</th><th>Codierer·in</th>" in page
    # User data stays as typed; the English controls are gone.
    assert "Cooperation" in page
    assert "Selected passage" not in page
    assert "Code passage" not in page


def test_a_refused_selection_is_explained_in_german(client, bob, interview, code):
    start = TRANSCRIPT.index("first")
    response = german_page(client, bob, interview, start=start + 5, end=start, quote="first", code=code.pk)
    assert response.status_code == 400
    assert "Die Textstelle muss nach ihrem Anfang enden." in response.content.decode()
    assert not Coding.objects.exists()
