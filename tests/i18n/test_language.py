"""The interface language: chosen by the browser (Accept-Language), by the switcher (stored for a
signed-in user, a cookie for anyone else), and the same for the API's error messages.

The German expectations are written out by hand (the project's glossary, Django's and DRF's own
German). Pages in German need the compiled catalogue: docs/translating.md.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cases.language.models import LanguagePreference
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def page(client: Client, url: str, language: str | None = None) -> str:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_accept_language_de_gives_the_login_page_in_german(client):
    text = page(client, reverse("login"), "de")
    assert '<html lang="de">' in text
    assert "<h1>Anmelden</h1>" in text and ">Benutzername</label>" in text and ">Passwort</label>" in text


def test_accept_language_de_gives_the_study_list_in_german(client, alice, study):
    client.force_login(alice)
    text = page(client, reverse("cases:study-list"), "de")
    assert '<html lang="de">' in text
    assert "<h1>Ihre Studien</h1>" in text and ">Neue Studie</a>" in text
    assert study.title in text  # user data stays as entered


def test_accept_language_en_us_gives_english(client, alice):
    assert '<html lang="en-gb">' in page(client, reverse("login"), "en-US")
    client.force_login(alice)
    text = page(client, reverse("cases:study-list"), "en-US")
    assert "<h1>Your studies</h1>" in text and ">New study</a>" in text


def test_the_switcher_stores_the_choice_and_the_next_login_elsewhere_is_german(client, alice):
    client.force_login(alice)
    response = client.post(reverse("language"), {"language": "de", "next": reverse("cases:study-list")})
    assert response.status_code == 302 and response["Location"] == reverse("cases:study-list")
    assert LanguagePreference.objects.get(user=alice).language == "de"
    assert "<h1>Ihre Studien</h1>" in page(client, reverse("cases:study-list"), "en-gb")

    elsewhere = Client()  # another device: no cookie, no session, an English browser
    login = elsewhere.post(reverse("login"), {"username": "alice", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert login.status_code == 302
    text = page(elsewhere, reverse("cases:study-list"), "en")
    assert '<html lang="de">' in text and "<h1>Ihre Studien</h1>" in text


def test_a_signed_out_visitors_choice_is_kept_by_the_cookie(client):
    response = client.post(reverse("language"), {"language": "de", "next": reverse("login")})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert LanguagePreference.objects.count() == 0
    assert "<h1>Anmelden</h1>" in page(client, reverse("login"), "en")


def test_an_unknown_language_is_refused_with_the_reason_and_nothing_is_stored(client, alice):
    client.force_login(alice)
    response = client.post(reverse("language"), {"language": "fr", "next": "/"})
    assert response.status_code == 400
    assert response.content.decode() == "This language is not offered: fr."
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not LanguagePreference.objects.exists()


def test_next_to_another_host_is_not_followed(client):
    response = client.post(reverse("language"), {"language": "de", "next": "https://evil.example/phish"})
    assert response.status_code == 302 and response["Location"] == "/"


def queries_of(action: Callable[[], object]) -> int:
    """How many queries ``action`` runs (counted as they run: the test client's requests reset
    Django's query log, which the capturing contexts read afterwards)."""
    statements: list[str] = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    return len(statements)


def test_a_stored_preference_costs_the_study_list_no_query(client, django_assert_num_queries):
    for index in range(3):
        user = factories.UserFactory(username=f"member{index}")
        factories.MembershipFactory(study=factories.StudyFactory(title=f"Study {index}"), user=user)
    english, german = Client(), Client()
    english.force_login(factories.UserFactory(username="member0"))
    page(english, reverse("cases:study-list"))  # warm: content types, the session
    baseline = queries_of(lambda: page(english, reverse("cases:study-list")))

    chooser = factories.UserFactory(username="member1")
    LanguagePreference.objects.create(user=chooser, language="de")
    german.force_login(chooser)  # copies the stored choice into the session (cases.language.signals)
    page(german, reverse("cases:study-list"))
    with django_assert_num_queries(baseline):
        assert "<h1>Ihre Studien</h1>" in page(german, reverse("cases:study-list"))


def test_drf_error_messages_are_german_while_the_json_keys_stay(bob, region):
    client = APIClient()
    anonymous = client.get("/api/studies/", HTTP_ACCEPT_LANGUAGE="de")
    assert anonymous.status_code in (401, 403)
    assert anonymous.json() == {"detail": "Anmeldedaten fehlen."}

    client.force_authenticate(bob)
    missing = client.post("/api/actors/", {"region": region.pk}, format="json", HTTP_ACCEPT_LANGUAGE="de")
    assert missing.status_code == 400
    body = missing.json()
    assert body["name"] == ["Dieses Feld ist zwingend erforderlich."]
    english = client.post("/api/actors/", {"region": region.pk}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert set(english.json()) == set(body)  # the same keys in both languages
    assert english.json()["name"] == ["This field is required."]
