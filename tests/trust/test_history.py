"""History and undo: who changed what, the diff, and restoring an earlier state (lead only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.history.selectors import versions
from coding.history.services import restore
from coding.models import Interaction
from tests import factories

pytestmark = pytest.mark.django_db


def test_actor_changes_are_recorded_with_their_author(client, alice, region):
    actor = factories.OrganisationFactory(region=region, name="Fraunhofer IMS")
    client.force_login(alice)
    # A change through a request records the user (HistoryRequestMiddleware); the ORM here
    # stands for any page or API write.
    actor.name = "Fraunhofer Institute IMS"
    actor._history_user = alice
    actor.save()
    newest, first = versions(actor)
    assert (newest.kind, newest.user) == ("changed", "alice")
    assert [(c.field, c.old, c.new) for c in newest.changes] == [("name", "Fraunhofer IMS", "Fraunhofer Institute IMS")]
    assert first.kind == "created"


def test_lead_restores_an_earlier_interaction_with_its_evidence(client, alice, region):
    interview = factories.InterviewFactory(region=region)
    first_evidence = factories.CodingFactory(interview=interview, start=0, length=11)
    tie = factories.InteractionFactory(region=region, rating_time=1)
    tie.evidence.add(first_evidence)
    tie.rating_time = 4
    tie.save()
    tie.evidence.set([factories.CodingFactory(interview=interview, start=13, length=9)])
    rated_one = tie.history.filter(rating_time=1).order_by("-history_id").first()

    client.force_login(alice)
    url = reverse("history:restore", args=["interaction", tie.pk, rated_one.history_id])
    response = client.post(url, follow=True)
    assert "The earlier version was restored" in response.content.decode()
    tie = Interaction.objects.get(pk=tie.pk)
    assert tie.rating_time == 1
    assert list(tie.evidence.all()) == [first_evidence]
    assert tie.history.first().history_change_reason.startswith("Restored the version of")


def test_restoring_a_transcript_that_codings_no_longer_fit_is_refused(alice, region):
    interview = factories.InterviewFactory(region=region, transcript="Short first draft.")
    interview.transcript = "Interviewer: A much longer, corrected transcript."
    interview.save()
    old = interview.history.earliest()
    factories.CodingFactory(interview=interview, start=13, length=20)
    with pytest.raises(Exception, match="cannot be restored"):
        restore(instance=interview, history_id=old.history_id, user=alice)
    interview.refresh_from_db()
    assert interview.transcript.startswith("Interviewer: A much longer")


@pytest.mark.parametrize(("persona", "status"), [("bob", 403), ("carol", 403), ("mallory", 404)])
def test_only_leads_restore(client, request, persona, status, region):
    actor = factories.OrganisationFactory(region=region, name="Old name")
    actor.name = "New name"
    actor.save()
    client.force_login(request.getfixturevalue(persona))
    url = reverse("history:restore", args=["actor", actor.pk, actor.history.earliest().history_id])
    assert client.post(url).status_code == status
    actor.refresh_from_db()
    assert actor.name == "New name"


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 200), ("carol", 403), ("mallory", 404)])
def test_history_page_access(client, request, persona, status, region):
    interview = factories.InterviewFactory(region=region)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("history:object", args=["interview", interview.pk])).status_code == status


def test_unknown_kind_is_404(client, alice):
    client.force_login(alice)
    assert client.get("/history/study/1/").status_code == 404


def test_history_page_queries_do_not_grow_with_versions(client, alice, region, django_assert_max_num_queries):
    actor = factories.OrganisationFactory(region=region)
    for index in range(60):
        actor.description = f"Revision {index}"
        actor.save()
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("history:object", args=["actor", actor.pk]))
    assert response.content.decode().count("Restore this version") == 60


def test_coding_and_interaction_pages_link_to_their_history(client, alice, region):
    tie = factories.InteractionFactory(region=region)
    coding = factories.CodingFactory(interview=factories.InterviewFactory(region=region))
    client.force_login(alice)
    pages = (("coding:interaction-detail", "interaction", tie), ("coding:coding-edit", "coding", coding))
    for route, kind, obj in pages:
        page = client.get(reverse(route, args=[obj.pk])).content.decode()
        assert reverse("history:object", args=[kind, obj.pk]) in page, route
