"""Undoing a deletion: a lead sees the study's deleted ties, codings and actors and brings one back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Actor
from coding.history.selectors import deleted_records
from coding.models import Coding, Interaction
from coding.privacy.services import withdraw_consent
from coding.worker.models import RegionAnalysisState
from tests import factories

pytestmark = pytest.mark.django_db


def deleted_page(client, study) -> str:
    return client.get(reverse("history:deleted", args=[study.pk])).content.decode()


def delete(row) -> int:
    """Delete the row; its id (Django clears ``pk`` on delete)."""
    record_id = row.pk
    row.delete()
    return record_id


def restore(client, study, kind: str, record_id: int) -> str:
    url = reverse("history:restore-deleted", args=[study.pk, kind, record_id])
    return client.post(url, follow=True).content.decode()


def test_lead_restores_a_tie_a_coder_deleted_with_its_remaining_evidence(client, alice, bob, study, region):
    interview = factories.InterviewFactory(region=region)
    kept = factories.CodingFactory(interview=interview, start=0, length=11, coder=bob)
    gone = factories.CodingFactory(interview=interview, start=13, length=9, coder=bob)
    source = factories.OrganisationFactory(region=region, name="Elmos")
    target = factories.OrganisationFactory(region=region, name="Fraunhofer IMS")
    tie = factories.InteractionFactory(region=region, source=source, target=target, coder=bob, rating_time=3)
    tie.evidence.set([kept, gone])
    client.force_login(bob)
    client.post(reverse("coding:interaction-delete", args=[tie.pk]))
    client.post(reverse("coding:coding-delete", args=[gone.pk]))  # no longer evidence: the coder may delete it
    assert not Interaction.objects.filter(pk=tie.pk).exists()
    version_before = RegionAnalysisState.objects.get(region=region).version

    client.force_login(alice)
    page = deleted_page(client, study)
    assert "Elmos – Fraunhofer IMS" in page
    assert "<td>bob</td>" in page
    answer = restore(client, study, "interaction", tie.pk)

    assert f"could not be linked again ({gone.pk})" in answer
    restored = Interaction.objects.get(pk=tie.pk)
    assert (restored.rating_time, list(restored.evidence.all())) == (3, [kept])
    assert restored.history.order_by("history_id").filter(history_type="+").last().history_user == alice
    assert RegionAnalysisState.objects.get(region=region).version > version_before
    assert "Elmos – Fraunhofer IMS" not in deleted_page(client, study)


def test_deleted_coding_is_restored_at_its_place(client, alice, study, region):
    interview = factories.InterviewFactory(region=region)
    coding = factories.CodingFactory(interview=interview, start=13, length=30, memo="Founding story")
    coding_id = delete(coding)
    client.force_login(alice)
    restore(client, study, "coding", coding_id)
    restored = Coding.objects.get(pk=coding_id)
    assert (restored.start, restored.end, restored.quote, restored.memo) == (13, 43, coding.quote, "Founding story")


def test_deleted_coding_moves_with_its_quote_or_is_refused_when_the_quote_is_gone(client, alice, study, region):
    interview = factories.InterviewFactory(region=region)
    moved = factories.CodingFactory(interview=interview, start=13, length=30)  # "How did the foundry come about?"
    dropped = factories.CodingFactory(interview=interview, start=44, length=11)  # "Respondent:"
    moved_id, dropped_id = delete(moved), delete(dropped)
    interview.transcript = "Note added later. " + interview.transcript.replace("Respondent:", "R:")
    interview.save()
    client.force_login(alice)
    answer = restore(client, study, "coding", moved_id)
    assert "the coding moved with it" in answer
    restored = Coding.objects.get(pk=moved_id)
    assert (restored.start, restored.quote) == (13 + len("Note added later. "), moved.quote)
    answer = restore(client, study, "coding", dropped_id)
    assert "is no longer in the transcript" in answer
    assert not Coding.objects.filter(pk=dropped_id).exists()


def test_deleted_person_is_restored_with_its_affiliation(client, alice, study, region):
    firm = factories.OrganisationFactory(region=region, name="Elmos")
    person = factories.PersonFactory(region=region, name="Ada Berger", affiliation=firm, description="Engineer")
    person_id = delete(person)
    client.force_login(alice)
    assert "Ada Berger (Person)" in deleted_page(client, study)
    restore(client, study, "actor", person_id)
    restored = Actor.objects.get(pk=person_id)
    assert (restored.name, restored.affiliation, restored.description) == ("Ada Berger", firm, "Engineer")


def test_restoring_twice_is_refused_without_a_second_version(client, alice, study, region):
    actor_id = delete(factories.OrganisationFactory(region=region, name="Elmos"))
    client.force_login(alice)
    restore(client, study, "actor", actor_id)
    versions = Actor.history.filter(id=actor_id).count()
    answer = restore(client, study, "actor", actor_id)
    assert "Not restored: The actor" in answer and "restored already" in answer
    assert Actor.history.filter(id=actor_id).count() == versions


@pytest.mark.parametrize(("persona", "status"), [("bob", 403), ("carol", 403), ("mallory", 404)])
def test_only_leads_see_and_restore_deleted_records(client, request, persona, status, study, region):
    actor_id = delete(factories.OrganisationFactory(region=region, name="Elmos"))
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("history:deleted", args=[study.pk])).status_code == status
    url = reverse("history:restore-deleted", args=[study.pk, "actor", actor_id])
    assert client.post(url).status_code == status
    assert not Actor.objects.filter(pk=actor_id).exists()


def test_a_withdrawn_persons_deleted_records_are_not_offered(client, alice, study, region):
    study.keep_ties_after_withdrawal = True  # the tie stays, anonymous, and is deleted afterwards
    study.save()
    person = factories.PersonFactory(region=region, name="Jana Nowak")
    firm = factories.OrganisationFactory(region=region, name="Elmos")
    tie = factories.InteractionFactory(region=region, source=person, target=firm)
    withdraw_consent(person, by=alice)
    tie_id, person_id = delete(tie), delete(person)
    other_id = delete(factories.OrganisationFactory(region=region, name="Another firm"))
    assert [(row["record_kind"], row["id"]) for row in deleted_records(study)] == [("actor", other_id)]
    client.force_login(alice)
    for kind, record_id in (("interaction", tie_id), ("actor", person_id)):
        assert "withdrew consent" in restore(client, study, kind, record_id)
    assert not Actor.objects.filter(pk=person_id).exists()
    assert not Interaction.objects.filter(pk=tie_id).exists()


def test_deleted_records_page_queries_do_not_grow_with_rows(
    client, alice, study, region, django_assert_max_num_queries
):
    interview = factories.InterviewFactory(region=region)
    for index in range(8):
        factories.InteractionFactory(region=region).delete()
        factories.CodingFactory(interview=interview, start=index, length=5).delete()
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        page = deleted_page(client, study)
    assert page.count(">Restore</button>") == 16  # the 8 ties and 8 codings
