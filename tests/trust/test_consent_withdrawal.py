"""Withdrawing consent removes the person's words and personal data, history included, with a record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Actor, ConsentWithdrawal, Interview
from coding.models import Coding, Interaction
from coding.privacy.services import pseudonymise_person, withdraw_consent
from coding.worker.loader import compute_snapshot
from coding.worker.models import AnalysisSnapshot, SnapshotStatus
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "Respondent: My name is Jana Nowak and I left Elmos because of the works council dispute."


@pytest.fixture
def interviewee(region):
    person = factories.PersonFactory(region=region, name="Jana Nowak", description="Former process engineer")
    interview = factories.InterviewFactory(region=region, transcript=SECRET, memo="Met her at the café")
    interview.interviewees.add(person)
    interview.transcript = SECRET + " Interviewer: Thank you."
    interview.save()  # a second transcript version in the history
    coding = factories.CodingFactory(interview=interview, start=12, length=23)
    firm = factories.OrganisationFactory(region=region, name="Elmos")
    tie = factories.InteractionFactory(region=region, source=person, target=firm, memo="She poached two engineers")
    tie.evidence.add(coding)
    other_tie = factories.InteractionFactory(region=region, source=firm)
    other_tie.evidence.add(coding)
    return {"person": person, "interview": interview, "coding": coding, "tie": tie, "other_tie": other_tie}


def no_trace_of_the_name():
    for model, fields in ((Interview, ["transcript", "memo"]), (Actor, ["name", "description"]), (Coding, ["quote"])):
        for field in fields:
            assert not model.objects.filter(**{f"{field}__contains": "Jana Nowak"}).exists(), (model, field)
            assert not model.history.model.objects.filter(**{f"{field}__contains": "Jana Nowak"}).exists(), (
                f"history of {model.__name__}.{field}"
            )


def test_withdrawal_removes_words_and_personal_data(alice, interviewee):
    record = withdraw_consent(interviewee["person"], by=alice)

    interview = Interview.objects.get(pk=interviewee["interview"].pk)
    assert (interview.transcript, interview.memo, interview.consent_status) == ("", "", "withdrawn")
    assert interview.consent_withdrawn_at is not None
    assert not Coding.objects.filter(pk=interviewee["coding"].pk).exists()
    assert not Interaction.objects.filter(pk=interviewee["tie"].pk).exists()
    other = Interaction.objects.get(pk=interviewee["other_tie"].pk)
    assert list(other.evidence.all()) == [], "other ties lose the evidence quoting the person"
    person = Actor.objects.get(pk=interviewee["person"].pk)
    assert person.name == f"Withdrawn person {person.pk}" and person.description == ""
    no_trace_of_the_name()
    assert (record.interviews_cleared, record.codings_removed, record.ties_removed, record.ties_kept) == (1, 1, 1, 0)
    assert record.recorded_by == alice and record.history_rows_purged > 0


def test_study_may_keep_anonymous_ties(alice, region, interviewee):
    region.study.keep_ties_after_withdrawal = True
    region.study.save()
    withdraw_consent(interviewee["person"], by=alice)
    tie = Interaction.objects.get(pk=interviewee["tie"].pk)
    assert (tie.memo, tie.content, list(tie.evidence.all())) == ("", "", [])
    assert not tie.history.filter(memo__contains="poached").exists()
    no_trace_of_the_name()


def test_withdrawal_purges_the_history_of_codings_and_ties_deleted_before(alice, region, interviewee):
    """A coder removed them last week: their history rows still held the quote and the memo."""
    interviewee["coding"].delete()
    interviewee["tie"].delete()
    withdraw_consent(interviewee["person"], by=alice)
    assert not Coding.history.filter(quote__contains="Nowak").exists()
    assert not Interaction.history.filter(memo__contains="poached").exists()
    no_trace_of_the_name()


def test_a_study_keeping_ties_keeps_no_text_of_ties_deleted_before(alice, region, interviewee):
    region.study.keep_ties_after_withdrawal = True
    region.study.save()
    interviewee["tie"].delete()
    withdraw_consent(interviewee["person"], by=alice)
    assert not Interaction.history.filter(memo__contains="poached").exists()


def test_withdrawal_after_pseudonymisation_leaves_no_name_in_the_history_of_other_interviews(alice, region):
    """Pseudonymising keeps the earlier transcripts in the history (for undo); withdrawal must not."""
    person = factories.PersonFactory(region=region, name="Jana Nowak", pseudonym="Interviewee J")
    own = factories.InterviewFactory(region=region, transcript="Respondent: I run the cleanroom.")
    own.interviewees.add(person)
    colleague = factories.InterviewFactory(
        region=region, transcript="Respondent: Jana Nowak told me about the merger.", memo="Ask Nowak again"
    )
    factories.CodingFactory(interview=colleague, start=12, length=10)
    pseudonymise_person(person, by=alice)
    assert "Nowak" not in Interview.objects.get(pk=colleague.pk).transcript
    withdraw_consent(person, by=alice)
    for field in ("transcript", "memo"):
        assert not Interview.history.filter(**{f"{field}__contains": "Nowak"}).exists(), field
    assert not Coding.history.filter(quote__contains="Nowak").exists()
    first = Interview.history.filter(id=colleague.pk).earliest("history_date")
    assert first.transcript == "Respondent: Interviewee J told me about the merger."
    assert first.memo == "Ask Interviewee J again"


def test_withdrawal_renames_the_actor_in_stored_analysis_results(alice, region, interviewee):
    """Until the worker recomputes them, the pages and the API show the stored results."""
    snapshot = AnalysisSnapshot.objects.create(
        region=region, layer="all", status=SnapshotStatus.OK, result=compute_snapshot(region.pk, None, "all")
    )
    withdraw_consent(interviewee["person"], by=alice)
    snapshot.refresh_from_db()
    names = {row["id"]: row["name"] for row in snapshot.result["actors"]}
    person = interviewee["person"]
    assert names[person.pk] == f"Withdrawn person {person.pk}"
    assert "Elmos" in names.values()


def test_page_confirms_then_withdraws_for_leads_only(client, alice, bob, interviewee):
    url = reverse("consent:withdraw", args=[interviewee["person"].pk])
    client.force_login(bob)
    assert client.post(url).status_code == 403
    assert Interview.objects.get(pk=interviewee["interview"].pk).transcript
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "1</strong> interview transcript(s) will be emptied" in page
    response = client.post(url, follow=True)
    assert "Consent withdrawn for Withdrawn person" in response.content.decode()
    assert ConsentWithdrawal.objects.count() == 1


def test_organisations_have_no_consent_to_withdraw(client, alice, region):
    firm = factories.OrganisationFactory(region=region)
    client.force_login(alice)
    response = client.get(reverse("consent:withdraw", args=[firm.pk]), follow=True)
    assert "Consent is given and withdrawn by persons" in response.content.decode()


def test_person_page_links_to_withdrawal_for_leads_only(client, alice, bob, interviewee, region):
    person_page = reverse("cases:actor-detail", args=[interviewee["person"].pk])
    withdraw = reverse("consent:withdraw", args=[interviewee["person"].pk])
    client.force_login(alice)
    assert withdraw in client.get(person_page).content.decode()
    firm = factories.OrganisationFactory(region=region)
    assert "Withdraw consent" not in client.get(reverse("cases:actor-detail", args=[firm.pk])).content.decode()
    client.force_login(bob)
    assert withdraw not in client.get(person_page).content.decode()
