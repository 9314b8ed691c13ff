"""Per-study access on the case pages: members see, everyone else gets 404, anonymous users log in."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(region):
    actor = factories.OrganisationFactory(region=region)
    interview = factories.InterviewFactory(region=region)
    return {
        "cases:study-detail": region.study.pk,
        "cases:region-detail": region.pk,
        "cases:actor-detail": actor.pk,
        "interviews:detail": interview.pk,
    }


def test_outsider_gets_404_for_every_page_of_the_study(client, mallory, records):
    client.force_login(mallory)
    for name, pk in records.items():
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 404, name
        assert b"Dortmund" not in response.content


def test_staff_without_membership_gets_404(client, staff, records):
    client.force_login(staff)
    for name, pk in records.items():
        assert client.get(reverse(name, args=[pk])).status_code == 404, name


@pytest.mark.parametrize("persona", ["alice", "bob", "carol"])
def test_members_of_every_role_read(client, request, persona, records):
    client.force_login(request.getfixturevalue(persona))
    for name, pk in records.items():
        assert client.get(reverse(name, args=[pk])).status_code == 200, name


def test_anonymous_users_are_sent_to_log_in(client, records):
    for name, pk in records.items():
        url = reverse(name, args=[pk])
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_study_list_shows_only_own_studies(client, alice, mallory, study, other_study):
    client.force_login(mallory)
    content = client.get(reverse("cases:study-list")).content.decode()
    assert escape(other_study.title) in content
    assert escape(study.title) not in content
