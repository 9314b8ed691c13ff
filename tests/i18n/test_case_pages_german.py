"""The case records' pages and messages in German (Accept-Language: de), user data untouched.

Expectations written out by hand from the project's German terms (docs/translating.md).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Wave
from tests import factories

pytestmark = pytest.mark.django_db

DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def german(client, url: str) -> str:
    response = client.get(url, **DE)
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
    return response.content.decode()


def test_the_region_page_in_german(client, alice, region):
    factories.OrganisationFactory(region=region, name="RuhrSens GmbH")
    Wave.objects.create(region=region, label="Welle 1 (2024)", start="2024-02-01")
    client.force_login(alice)
    text = german(client, reverse("cases:region-detail", args=[region.pk]))
    assert "<h2>Erhebungswellen</h2>" in text and ">Neuer Akteur</a>" in text
    assert ">Unternehmen: KMU</td>" in text and ">In der Region</td>" in text  # choice labels
    assert "RuhrSens GmbH" in text and "Welle 1 (2024)" in text  # data as entered
    assert "Noch keine Interaktionen." in text


def test_the_study_page_names_the_role_in_german(client, alice, study):
    client.force_login(alice)
    text = german(client, reverse("cases:study-detail", args=[study.pk]))
    assert "Ihre Rolle: Leitung" in text and "<h2>Mitglieder</h2>" in text


def test_an_interview_and_its_form_in_german(client, alice, region):
    interview = factories.InterviewFactory(region=region, title="Geschäftsführerin")
    client.force_login(alice)
    text = german(client, reverse("interviews:detail", args=[interview.pk]))
    assert "<h2>Transkript</h2>" in text and "Noch nicht codiert." in text
    form = german(client, reverse("cases:actor-create", args=[region.pk]))
    assert "<h1>Neuer Akteur</h1>" in form and ">Speichern</button>" in form and ">Abbrechen</a>" in form


def test_a_refused_form_and_a_role_refusal_in_german(client, alice, carol, region):
    client.force_login(alice)
    url = reverse("cases:wave-create", args=[region.pk])
    response = client.post(url, {"label": "W", "start": "2024-05-01", "end": "2024-01-01"}, **DE)
    assert "Das Ende kann nicht vor dem Beginn liegen." in response.content.decode()
    client.force_login(carol)
    refused = client.get(reverse("cases:region-edit", args=[region.pk]), **DE)
    assert refused.status_code == 403 and "<h1>Nicht erlaubt</h1>" in refused.content.decode()


def test_the_lockout_message_in_german(client, alice):
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"}, **DE)
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"}, **DE)
    assert "Zu viele fehlgeschlagene Anmeldeversuche. Versuchen Sie es in 15 Minuten erneut." in (
        response.content.decode()
    )
