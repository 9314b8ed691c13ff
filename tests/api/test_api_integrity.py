"""Writes through the API keep the rules the pages keep: linked rows of the row's own region, rows
stay in their region, ties are complete, transcripts re-anchor their codings (review rev1/rev2)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cases.choices import Role
from cases.models import Interview
from coding.models import Coding, Interaction, Outcome
from tests import factories


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- linked rows (evidence, actors, interviewees) must be of the row's region ---------------------


def test_tie_evidence_from_another_region_is_refused(bob, study, region):
    tie = factories.InteractionFactory(region=region)
    elsewhere = factories.RegionFactory(study=study, name="Dresden")
    foreign_coding = factories.CodingFactory(interview__region=elsewhere)
    response = api_for(bob).patch(
        reverse("api:interaction-detail", args=[tie.pk]), {"evidence": [foreign_coding.pk]}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "evidence" in response.json()
    assert not tie.evidence.exists()


def test_tie_evidence_from_another_study_does_not_leak_to_its_members(bob, carol, study, region, other_study):
    """bob is in both studies; carol is only in ``study`` and must never read other_study's words."""
    factories.MembershipFactory(study=other_study, user=bob, role=Role.VIEWER)
    secret = factories.CodingFactory(
        interview__region=factories.RegionFactory(study=other_study),
        interview__transcript="Secret merger talks with Bosch in May.",
        length=30,
    )
    tie = factories.InteractionFactory(region=region)
    api_for(bob).patch(reverse("api:interaction-detail", args=[tie.pk]), {"evidence": [secret.pk]}, format="json")
    client = Client()
    client.force_login(carol)
    page = client.get(reverse("coding:interaction-detail", args=[tie.pk])).content.decode()
    assert secret.quote not in page, "carol reads a quote from a study she is not a member of"
    assert not tie.evidence.filter(pk=secret.pk).exists()


def test_outcome_actors_and_evidence_from_another_region_are_refused(bob, study, region):
    outcome = factories.OutcomeFactory(region=region)
    elsewhere = factories.RegionFactory(study=study, name="Dresden")
    actor = factories.OrganisationFactory(region=elsewhere)
    coding = factories.CodingFactory(interview__region=elsewhere)
    response = api_for(bob).patch(
        reverse("api:outcome-detail", args=[outcome.pk]),
        {"actors": [actor.pk], "evidence": [coding.pk]},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert {"actors", "evidence"} <= set(response.json())
    assert not outcome.actors.exists() and not outcome.evidence.exists()


def test_new_outcome_with_actors_of_another_region_is_refused(bob, study, region):
    stranger = factories.OrganisationFactory(region=factories.RegionFactory(study=study, name="Jena"))
    payload = {"region": region.pk, "name": "Shared clean room", "kind": "training_network", "actors": [stranger.pk]}
    response = api_for(bob).post(reverse("api:outcome-list"), payload, format="json")
    assert response.status_code == 400, response.content
    assert "actors" in response.json()
    assert not Outcome.objects.filter(name="Shared clean room").exists()


def test_interviewees_from_another_region_are_refused(bob, study, region):
    interview = factories.InterviewFactory(region=region)
    person = factories.PersonFactory(region=factories.RegionFactory(study=study, name="Dresden"))
    response = api_for(bob).patch(
        reverse("api:interview-detail", args=[interview.pk]), {"interviewees": [person.pk]}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "interviewees" in response.json()
    assert not interview.interviewees.exists()


def test_interviewees_must_be_persons(bob, region):
    interview = factories.InterviewFactory(region=region)
    firm = factories.OrganisationFactory(region=region)
    response = api_for(bob).patch(
        reverse("api:interview-detail", args=[interview.pk]), {"interviewees": [firm.pk]}, format="json"
    )
    assert response.status_code == 400, response.content
    assert not interview.interviewees.exists()


def test_linked_rows_of_the_own_region_are_accepted(bob, region):
    outcome = factories.OutcomeFactory(region=region)
    actor = factories.OrganisationFactory(region=region)
    coding = factories.CodingFactory(interview__region=region)
    response = api_for(bob).patch(
        reverse("api:outcome-detail", args=[outcome.pk]), {"actors": [actor.pk], "evidence": [coding.pk]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert list(outcome.evidence.all()) == [coding]


# --- rows stay in their region --------------------------------------------------------------------


def test_a_tie_cannot_be_moved_to_another_region(bob, study, region):
    elsewhere = factories.RegionFactory(study=study, name="Jena")
    tie = factories.InteractionFactory(region=region)
    source, target = factories.OrganisationFactory(region=elsewhere), factories.OrganisationFactory(region=elsewhere)
    response = api_for(bob).patch(
        reverse("api:interaction-detail", args=[tie.pk]),
        {"region": elsewhere.pk, "source": source.pk, "target": target.pk},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "region" in response.json()
    assert Interaction.objects.get(pk=tie.pk).region_id == region.pk


def test_an_interview_cannot_be_moved_away_from_the_ties_its_codings_evidence(bob, study, region):
    elsewhere = factories.RegionFactory(study=study, name="Jena")
    interview = factories.InterviewFactory(region=region)
    tie = factories.InteractionFactory(region=region)
    tie.evidence.add(factories.CodingFactory(interview=interview))
    response = api_for(bob).patch(
        reverse("api:interview-detail", args=[interview.pk]), {"region": elsewhere.pk}, format="json"
    )
    assert response.status_code == 400, response.content
    assert Interview.objects.get(pk=interview.pk).region_id == region.pk


def test_a_put_of_the_loaded_representation_keeps_the_region(bob, region):
    actor = factories.OrganisationFactory(region=region, name="Elmos", org_type="firm_large")
    url = reverse("api:actor-detail", args=[actor.pk])
    client = api_for(bob)
    response = client.put(url, {**client.get(url).json(), "name": "Elmos Semiconductor"}, format="json")
    assert response.status_code == 200, response.content
    actor.refresh_from_db()
    assert (actor.region_id, actor.name) == (region.pk, "Elmos Semiconductor")
    assert response.json()["region"] == region.pk


# --- ties are created complete --------------------------------------------------------------------


def test_a_tie_is_created_with_modes_ratings_and_its_coder(bob, region):
    source, target = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
    coding = factories.CodingFactory(interview__region=region)
    payload = {
        "region": region.pk, "source": source.pk, "target": target.pk, "directed": True,
        "mode_cooperation": True, "mode_rivalry": True, "rating_time": 3, "rating_intimacy": 2,
        "includes_private_sphere": True, "memo": "met at the fab", "evidence": [coding.pk],
    }  # fmt: skip
    response = api_for(bob).post(reverse("api:interaction-list"), payload, format="json")
    assert response.status_code == 201, response.content
    tie = Interaction.objects.get(pk=response.json()["id"])
    assert set(tie.coordination_modes) == {"rivalry", "cooperation"}
    assert (tie.directed, tie.rating_time, tie.rating_intimacy, tie.includes_private_sphere) == (True, 3, 2, True)
    assert tie.memo == "met at the fab" and tie.coder == bob
    assert response.json()["coder"] == bob.pk
    assert list(tie.evidence.all()) == [coding]


def test_a_tie_without_a_mode_is_refused(bob, region):
    source, target = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
    payload = {"region": region.pk, "source": source.pk, "target": target.pk}
    response = api_for(bob).post(reverse("api:interaction-list"), payload, format="json")
    assert response.status_code == 400, response.content


def test_the_coder_of_a_tie_cannot_be_set_by_the_client(alice, bob, region):
    tie = factories.InteractionFactory(region=region, coder=alice)
    response = api_for(bob).patch(reverse("api:interaction-detail", args=[tie.pk]), {"coder": bob.pk}, format="json")
    assert response.status_code == 200, response.content
    assert Interaction.objects.get(pk=tie.pk).coder == alice


# --- transcripts re-anchor their codings ----------------------------------------------------------


def test_a_new_transcript_moves_the_codings_to_their_place(bob, region):
    interview = factories.InterviewFactory(region=region, transcript="Respondent: we share the cleanroom.")
    coding = factories.CodingFactory(interview=interview, start=25, length=9)
    assert coding.quote == "cleanroom"
    response = api_for(bob).patch(
        reverse("api:interview-detail", args=[interview.pk]),
        {"transcript": "Interviewer: and then?\nRespondent: we share the cleanroom."},
        format="json",
    )
    assert response.status_code == 200, response.content
    coding.refresh_from_db()
    assert coding.quote == "cleanroom" and coding.start == 48


def test_a_transcript_that_loses_codings_is_refused_and_nothing_is_saved(bob, region):
    interview = factories.InterviewFactory(region=region, transcript="Respondent: we share the cleanroom.")
    coding = factories.CodingFactory(interview=interview, start=25, length=9)
    response = api_for(bob).patch(
        reverse("api:interview-detail", args=[interview.pk]),
        {"transcript": "Respondent: nothing in common.", "title": "Renamed"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "transcript" in response.json()
    assert "cleanroom" in str(response.json()["transcript"]), "the lost coding is named"
    interview.refresh_from_db()
    assert interview.transcript == "Respondent: we share the cleanroom." and interview.title != "Renamed"
    assert Coding.objects.get(pk=coding.pk).quote == "cleanroom"
