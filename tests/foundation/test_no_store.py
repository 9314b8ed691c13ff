"""Responses to a signed-in user (pages, downloads, API answers) say ``Cache-Control: private,
no-store``; anonymous pages and static files keep their own caching."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db

NO_STORE = "private, no-store"


def test_a_signed_in_page_is_not_stored(client, alice, study):
    client.force_login(alice)
    for url in (reverse("cases:study-list"), reverse("cases:study-detail", args=[study.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == NO_STORE


@pytest.mark.parametrize(
    "route",
    [("exports:region-file", "graphml"), ("exports:study-dump", None), ("api:region-export", "graphml")],
    ids=["page-graphml", "page-dump", "api-graphml"],
)
def test_an_export_download_is_not_stored(route, client, alice, region):
    factories.OrganisationFactory(region=region)
    client.force_login(alice)
    name, fmt = route
    owner = region.study.pk if fmt is None else region.pk
    response = client.get(reverse(name, args=[owner] if fmt is None else [owner, fmt]))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_an_api_answer_to_a_token_is_not_stored_and_keeps_its_etag(alice, region):
    actor = factories.OrganisationFactory(region=region)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    response = api.get(reverse("api:actor-detail", args=[actor.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    assert response.has_header("ETag")


def test_the_login_page_keeps_its_own_never_cache_header(client):
    response = client.get(reverse("login"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_anonymous_answer_gets_no_no_store(client):
    response = APIClient().get(reverse("api:actor-list"))
    assert response.status_code in (401, 403)
    assert "no-store" not in response.get("Cache-Control", "")
