"""Pseudonymising a person in the transcripts: the name goes, codings keep their words, history can undo."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Actor, Interview
from coding.history.services import restore
from coding.interviews.services import replace_transcript
from coding.models import Coding
from coding.privacy.selectors import plan_pseudonymisation
from coding.privacy.services import pseudonymise_person
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)  # the coding triggers check at commit

TEXT = "Interviewer: Who helped? Respondent: Jana Nowak at Elmos did. Nowak knows everyone. Janaina did not."


@pytest.fixture
def mentioned(region, other_region):
    person = factories.PersonFactory(region=region, name="Jana Nowak")
    interview = factories.InterviewFactory(region=region, transcript=TEXT)
    # Same study, other region: still pseudonymised. Another study: untouched.
    second_region = factories.RegionFactory(study=region.study, name="Jena")
    second = factories.InterviewFactory(region=second_region, transcript="Nowak moved to Jena.")
    foreign = factories.InterviewFactory(region=other_region, transcript="Jana Nowak, different study.")
    after = TEXT.index("at Elmos")
    codings = {
        "name": factories.CodingFactory(interview=interview, start=TEXT.index("Jana Nowak"), length=10),
        "after": factories.CodingFactory(interview=interview, start=after, length=len("at Elmos did.")),
        "across": factories.CodingFactory(interview=interview, start=TEXT.index("Respondent"), length=36),
        "before": factories.CodingFactory(interview=interview, start=0, length=11),
    }
    return {"person": person, "interview": interview, "second": second, "foreign": foreign, "codings": codings}


def test_plan_counts_mentions_in_the_study_only(mentioned):
    plan = plan_pseudonymisation(mentioned["person"])
    assert {m.interview.pk: m.occurrences for m in plan.mentions} == {
        mentioned["interview"].pk: 2,
        mentioned["second"].pk: 1,
    }
    assert plan.pseudonym.startswith("Person ")


def test_name_is_replaced_and_codings_keep_their_words(mentioned, alice):
    person = mentioned["person"]
    person.pseudonym = "Interviewee 4"
    person.save()
    before = {key: coding.quote for key, coding in mentioned["codings"].items()}
    pseudonymise_person(person, by=alice)
    interview = Interview.objects.get(pk=mentioned["interview"].pk)
    assert interview.transcript == (
        "Interviewer: Who helped? Respondent: Interviewee 4 at Elmos did. Interviewee 4 knows everyone. "
        "Janaina did not."
    )
    quotes = {key: Coding.objects.get(pk=coding.pk).quote for key, coding in mentioned["codings"].items()}
    assert quotes["name"] == "Interviewee 4"
    assert quotes["after"] == before["after"] == "at Elmos did."
    assert quotes["before"] == before["before"]
    assert quotes["across"] == before["across"].replace("Jana Nowak", "Interviewee 4")
    assert Interview.objects.get(pk=mentioned["second"].pk).transcript == "Interviewee 4 moved to Jena."
    assert Interview.objects.get(pk=mentioned["foreign"].pk).transcript == "Jana Nowak, different study."
    latest = interview.history.first()
    assert latest.history_change_reason == "Pseudonymised Interviewee 4" and latest.history_user == alice


def test_pseudonym_is_stored_so_exports_reuse_it(mentioned, alice):
    plan = pseudonymise_person(mentioned["person"], by=alice)
    assert Actor.objects.get(pk=mentioned["person"].pk).pseudonym == plan.pseudonym
    assert plan.pseudonym in Interview.objects.get(pk=mentioned["second"].pk).transcript


def test_lead_undoes_it_from_the_history(mentioned, alice):
    interview = mentioned["interview"]
    original = interview.history.first()
    pseudonymise_person(mentioned["person"], by=alice)
    restore(instance=Interview.objects.get(pk=interview.pk), history_id=original.history_id, user=alice)
    assert Interview.objects.get(pk=interview.pk).transcript == TEXT
    assert Coding.objects.get(pk=mentioned["codings"]["name"].pk).quote == "Jana Nowak"


def test_page_shows_the_plan_and_is_for_leads_of_persons(client, alice, bob, mentioned, region):
    url = reverse("consent:pseudonymise", args=[mentioned["person"].pk])
    client.force_login(bob)
    assert client.post(url).status_code == 403
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "Replace 3 mention(s)" in page and mentioned["interview"].title in page
    response = client.post(url, follow=True)
    assert "in 2 transcript(s) (3 mention(s) replaced" in response.content.decode()
    assert "Jana Nowak" not in Interview.objects.get(pk=mentioned["interview"].pk).transcript
    firm = factories.OrganisationFactory(region=region)
    response = client.get(reverse("consent:pseudonymise", args=[firm.pk]), follow=True)
    assert "an organisation&#x27;s name is not personal data" in response.content.decode()


def test_restoring_a_transcript_that_a_later_coding_does_not_fit_is_refused(mentioned, alice):
    interview = mentioned["interview"]
    original = interview.history.first()
    replace_transcript(interview=interview, new_text=TEXT + " Added later: the works council.", user=alice)
    later = factories.CodingFactory(interview=Interview.objects.get(pk=interview.pk), start=len(TEXT) + 14, length=16)
    assert later.quote == "the works council"[:16]
    with pytest.raises(ValidationError, match=r"1 coding\(s\) made since then have no place"):
        restore(instance=Interview.objects.get(pk=interview.pk), history_id=original.history_id, user=alice)
    assert Interview.objects.get(pk=interview.pk).transcript.endswith("works council.")
    assert Coding.objects.get(pk=later.pk).quote == later.quote
