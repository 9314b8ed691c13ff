"""Interactions from evidence: validation, one transaction with a fresh coding, roles, query counts."""

from __future__ import annotations

from django.urls import reverse

from coding.models import Coding, Interaction
from tests import factories
from tests.workbench_coding.conftest import TRANSCRIPT


def tie(source, target, **extra) -> dict:
    return {"source": source.pk, "target": target.pk, "mode_cooperation": "on", "confidence": "high", **extra}


def fresh_passage(code) -> dict:
    start = TRANSCRIPT.index("lecture series")
    return {"start": start, "end": start + 14, "quote": "lecture series", "code": code.pk}


def test_it_records_a_tie_from_a_fresh_passage_coding_it_on_the_way(client, bob, interview, code, actors):
    client.force_login(bob)
    url = reverse("coding:interaction-new", args=[interview.pk])
    data = {**tie(*actors, rating_time=3, setting="lecture_series", mode_rivalry="on"), **fresh_passage(code)}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    interaction = Interaction.objects.get()
    coding = Coding.objects.get()
    assert list(interaction.evidence.all()) == [coding]
    assert interaction.coordination_modes == ["rivalry", "cooperation"]
    assert (interaction.coder, interaction.rating_time, coding.quote) == (bob, 3, "lecture series")
    detail = client.get(reverse("coding:interaction-detail", args=[interaction.pk])).content.decode()
    assert f"#passage-{coding.pk}" in detail and "lecture series" in detail


def test_it_records_a_tie_from_an_existing_coding(client, bob, interview, code, actors):
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    client.force_login(bob)
    url = reverse("coding:interaction-new", args=[interview.pk])
    assert client.get(url, {"coding": coding.pk}).status_code == 200
    assert client.post(url, {**tie(*actors), "coding": coding.pk}).status_code == 302
    assert list(Interaction.objects.get().evidence.all()) == [coding]


def test_a_bad_tie_saves_neither_tie_nor_fresh_coding(client, bob, interview, code, actors):
    client.force_login(bob)
    url = reverse("coding:interaction-new", args=[interview.pk])
    response = client.post(url, {**tie(actors[0], actors[0]), **fresh_passage(code)})
    assert response.status_code == 400
    assert "self-ties" in response.content.decode()
    assert not Interaction.objects.exists() and not Coding.objects.exists()


def test_self_ties_are_allowed_when_the_study_allows_them(client, bob, study, interview, code, actors):
    study.allow_self_ties = True
    study.save()
    client.force_login(bob)
    url = reverse("coding:interaction-new", args=[interview.pk])
    assert client.post(url, {**tie(actors[0], actors[0]), **fresh_passage(code)}).status_code == 302
    saved = Interaction.objects.get()
    assert saved.source_id == saved.target_id == actors[0].pk
    assert list(saved.evidence.values_list("interview_id", flat=True)) == [interview.pk]


def test_it_rejects_a_tie_between_actors_of_different_regions(client, bob, study, interview, code, actors):
    elsewhere = factories.OrganisationFactory(region=factories.RegionFactory(study=study, name="Cambridge"))
    client.force_login(bob)
    url = reverse("coding:interaction-new", args=[interview.pk])
    response = client.post(url, {**tie(actors[0], elsewhere), **fresh_passage(code)})
    assert response.status_code == 400
    assert "Pick an actor of this region." in response.content.decode()
    assert not Interaction.objects.exists() and not Coding.objects.exists()


def test_it_rejects_evidence_from_another_regions_interview(client, bob, study, interview, code, actors):
    other_interview = factories.InterviewFactory(region=factories.RegionFactory(study=study, name="Cambridge"))
    foreign = factories.CodingFactory(interview=other_interview, code=code, coder=bob, length=5)
    client.force_login(bob)
    url = reverse("coding:interaction-new", args=[interview.pk])
    response = client.post(url, {**tie(*actors), "coding": foreign.pk}, follow=True)
    assert "not part of this interview" in response.content.decode()
    assert not Interaction.objects.exists()
    # Through the other interview's page the actors of this region are not choices at all.
    response = client.post(
        reverse("coding:interaction-new", args=[other_interview.pk]), {**tie(*actors), "coding": foreign.pk}
    )
    assert response.status_code == 400
    assert not Interaction.objects.exists()


def test_it_needs_a_coordination_mode(client, bob, interview, code, actors):
    client.force_login(bob)
    data = {**tie(*actors), **fresh_passage(code)}
    del data["mode_cooperation"]
    response = client.post(reverse("coding:interaction-new", args=[interview.pk]), data)
    assert response.status_code == 400
    assert "at least one coordination mode" in response.content.decode()
    assert not Coding.objects.exists()


def test_roles_for_interactions(client, bob, carol, mallory, interview, code, actors):
    interaction = factories.InteractionFactory(region=interview.region, source=actors[0], target=actors[1])
    url = reverse("coding:interaction-new", args=[interview.pk])
    client.force_login(carol)
    assert client.post(url, {**tie(*actors), **fresh_passage(code)}).status_code == 403
    assert client.get(reverse("coding:interaction-detail", args=[interaction.pk])).status_code == 200
    assert client.post(reverse("coding:interaction-delete", args=[interaction.pk])).status_code == 403
    assert client.post(reverse("coding:interaction-edit", args=[interaction.pk]), tie(*actors)).status_code == 403
    client.force_login(mallory)
    assert client.get(reverse("coding:interaction-detail", args=[interaction.pk])).status_code == 404
    assert client.post(reverse("coding:interaction-delete", args=[interaction.pk])).status_code == 404
    assert Interaction.objects.count() == 1 and not Coding.objects.exists()


def test_a_coder_edits_and_deletes_a_tie(client, bob, interview, actors):
    interaction = factories.InteractionFactory(region=interview.region, source=actors[0], target=actors[1])
    client.force_login(bob)
    edit = reverse("coding:interaction-edit", args=[interaction.pk])
    loaded = client.get(edit).context["form"]["loaded_version"].initial
    data = tie(*actors, mode_conflict="on", trust_basis="competence", loaded_version=loaded)
    assert client.post(edit, data).status_code == 302
    interaction.refresh_from_db()
    assert interaction.mode_conflict and interaction.trust_basis == "competence"
    assert client.post(reverse("coding:interaction-delete", args=[interaction.pk])).status_code == 302
    assert not Interaction.objects.exists()


def test_interaction_list_query_count_is_bounded(client, carol, study, region, django_assert_max_num_queries):
    actors = [factories.OrganisationFactory(region=region) for _ in range(20)]
    Interaction.objects.bulk_create(
        Interaction(region=region, source=actors[i % 20], target=actors[(i + 1) % 20], mode_cooperation=True)
        for i in range(300)
    )
    client.force_login(carol)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("coding:interaction-list", args=[study.pk]))
    assert response.status_code == 200
    assert "300 rows" in response.content.decode()


def test_a_stale_edit_of_a_tie_is_refused_and_the_newer_version_kept(client, alice, bob, interview, actors):
    interaction = factories.InteractionFactory(region=interview.region, source=actors[0], target=actors[1])
    edit = reverse("coding:interaction-edit", args=[interaction.pk])
    client.force_login(bob)
    loaded = client.get(edit).context["form"]["loaded_version"].initial
    Interaction.objects.filter(pk=interaction.pk).update(
        content="newer", updated_at=interaction.updated_at.replace(year=2030)
    )
    response = client.post(edit, {**tie(*actors, content="stale"), "loaded_version": loaded})
    assert response.status_code == 400
    assert "after you opened it" in response.content.decode()
    interaction.refresh_from_db()
    assert interaction.content == "newer"
