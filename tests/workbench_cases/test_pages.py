"""The edit pages: happy paths, refusals (nothing saved), roles enforced on the server."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.choices import ActorKind, Role
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from coding.models import Coding, Outcome
from tests import factories
from tests.workbench_cases.test_transcripts import OLD, PNG, docx_bytes

pytestmark = pytest.mark.django_db


def interview_data(**extra) -> dict:
    return {"title": "Founder", "mode": "face_to_face", "language": "en", "consent_status": "given", **extra}


def test_creating_a_study_makes_the_creator_its_lead(client, carol):
    client.force_login(carol)
    response = client.post(reverse("cases:study-create"), {"title": "New study"})
    study = Study.objects.get(title="New study")
    assert response.status_code == 302
    assert Membership.objects.get(study=study).role == Role.LEAD
    assert Membership.objects.get(study=study).user == carol


def test_settings_validate_analysis_settings(client, alice, study):
    client.force_login(alice)
    url = reverse("cases:study-settings", args=[study.pk])
    form = client.get(url).context["form"]
    data = {"title": study.title, "analysis_settings": '{"no_such_setting": 1}', "allow_self_ties": "on"}
    data["loaded_version"] = form["loaded_version"].value()
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    study.refresh_from_db()
    assert study.analysis_settings == {} and not study.allow_self_ties
    data["analysis_settings"] = "{}"
    assert client.post(url, data).status_code == 302
    study.refresh_from_db()
    assert study.allow_self_ties


def test_leads_manage_members_but_never_remove_the_last_lead(client, alice, bob, carol, study):
    client.force_login(alice)
    newcomer = factories.UserFactory(username="dora")
    client.post(reverse("cases:member-add", args=[study.pk]), {"username": "dora", "role": Role.CODER})
    assert study.role_of(newcomer) == Role.CODER
    response = client.post(reverse("cases:member-add", args=[study.pk]), {"username": "nobody", "role": "viewer"})
    assert "no user called" in response.content.decode()

    lead = Membership.objects.get(study=study, user=alice)
    response = client.post(reverse("cases:member-edit", args=[lead.pk]), {"role": Role.VIEWER})
    assert "at least one lead" in response.content.decode()
    client.post(reverse("cases:member-remove", args=[lead.pk]))
    lead.refresh_from_db()
    assert lead.role == Role.LEAD

    bobs = Membership.objects.get(study=study, user=bob)
    client.post(reverse("cases:member-remove", args=[bobs.pk]))
    assert not Membership.objects.filter(pk=bobs.pk).exists()


def test_a_coder_cannot_do_lead_actions_and_an_outsider_sees_nothing(client, bob, mallory, study, region):
    client.force_login(bob)
    assert client.post(reverse("cases:region-create", args=[study.pk]), {"name": "X"}).status_code == 403
    assert client.post(reverse("cases:region-delete", args=[region.pk])).status_code == 403
    assert Region.objects.filter(pk=region.pk).exists()
    client.force_login(mallory)
    url = reverse("cases:actor-create", args=[region.pk])
    assert client.post(url, {"kind": "organisation", "name": "Spy", "org_type": "firm_sme"}).status_code == 404
    assert not Actor.objects.exists()


def test_a_lead_creates_edits_and_deletes_a_region_and_wave(client, alice, study):
    client.force_login(alice)
    response = client.post(
        reverse("cases:region-create", args=[study.pk]),
        {"name": "Dresden", "country": "Germany", "technology_field": "microsystems"},
    )
    region = Region.objects.get(name="Dresden")
    assert response["Location"] == reverse("cases:region-detail", args=[region.pk])
    client.post(reverse("cases:wave-create", args=[region.pk]), {"label": "W1", "start": "2024-01-01"})
    wave = Wave.objects.get()
    edit = reverse("cases:wave-edit", args=[wave.pk])
    version = client.get(edit).context["form"]["loaded_version"].initial
    response = client.post(edit, {"label": "W1", "start": "2024-02-01", "end": "2024-01-01", "loaded_version": version})
    assert "before the start" in response.content.decode()
    assert client.get(reverse("cases:region-delete", args=[region.pk])).status_code == 200
    assert Region.objects.filter(pk=region.pk).exists()  # the GET only asks
    client.post(reverse("cases:region-delete", args=[region.pk]))
    assert not Region.objects.filter(pk=region.pk).exists()


def test_actor_fields_follow_the_kind_and_the_region(client, bob, region, other_region):
    client.force_login(bob)
    url = reverse("cases:actor-create", args=[region.pk])
    org = factories.OrganisationFactory(region=region, name="Fab")
    foreign = factories.OrganisationFactory(region=other_region, name="Elsewhere")
    response = client.post(url, {"kind": "person", "name": "Ann", "location": "inside", "affiliation": foreign.pk})
    assert response.status_code == 200 and "affiliation" in response.context["form"].errors
    response = client.post(
        url, {"kind": "person", "name": "Ann", "location": "inside", "org_type": "firm_sme", "affiliation": org.pk}
    )
    assert "Only organisations" in response.content.decode()
    assert not Actor.objects.filter(name="Ann").exists()
    client.post(url, {"kind": "person", "name": "Ann", "location": "inside", "affiliation": org.pk})
    assert Actor.objects.get(name="Ann", kind=ActorKind.PERSON).affiliation == org


def test_an_interview_with_a_docx_transcript(client, bob, region):
    client.force_login(bob)
    person = factories.PersonFactory(region=region)
    wave = factories.WaveFactory(region=region)
    upload = SimpleUploadedFile("talk.docx", docx_bytes("Hello", "World"))
    response = client.post(
        reverse("interviews:create", args=[region.pk]),
        interview_data(interviewees=[person.pk], wave=wave.pk, upload=upload),
    )
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert (interview.transcript, interview.source_filename) == ("Hello\nWorld", "talk.docx")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("x.docx", PNG), "not a Word document"),
        (lambda: SimpleUploadedFile("x.txt", "Grüße".encode("cp1252")), "not UTF-8"),
    ],
)
def test_bad_uploads_save_nothing(client, bob, region, upload, message):
    client.force_login(bob)
    response = client.post(reverse("interviews:create", args=[region.pk]), interview_data(upload=upload()))
    assert message in response.content.decode()
    assert not Interview.objects.exists()


def test_oversize_upload_saves_nothing(client, bob, region, settings):
    settings.TRANSCRIPT_MAX_UPLOAD_BYTES = 100
    client.force_login(bob)
    upload = SimpleUploadedFile("x.txt", b"a" * 101)
    response = client.post(reverse("interviews:create", args=[region.pk]), interview_data(upload=upload))
    assert "limit" in response.content.decode()
    assert not Interview.objects.exists()


def test_wave_and_interviewees_of_another_region_are_refused(client, bob, region, other_region):
    client.force_login(bob)
    foreign_wave = factories.WaveFactory(region=other_region)
    foreign_person = factories.PersonFactory(region=other_region)
    response = client.post(
        reverse("interviews:create", args=[region.pk]),
        interview_data(wave=foreign_wave.pk, interviewees=[foreign_person.pk], transcript="x"),
    )
    assert set(response.context["form"].errors) >= {"wave", "interviewees"}
    assert not Interview.objects.exists()


def edit(client, interview, **changes):
    url = reverse("interviews:edit", args=[interview.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if name != "upload" and form[name].value() is not None}
    data["interviewees"] = [a.pk for a in interview.interviewees.all()]
    data["pseudonymised"] = ""
    data.update(changes)
    return client.post(url, data)


@pytest.mark.django_db(transaction=True)
def test_editing_a_coded_transcript_reanchors_or_refuses(client, study, bob, region):
    interview = factories.InterviewFactory(region=region, transcript=OLD, consent_status="given")
    coding = factories.CodingFactory(interview=interview, coder=bob, start=OLD.index("clean room"), length=10)
    client.force_login(bob)
    response = edit(client, interview, transcript="Preface. " + OLD)
    assert response.status_code == 302
    coding.refresh_from_db()
    assert coding.start == ("Preface. " + OLD).index("clean room")

    interview.refresh_from_db()
    response = edit(client, interview, transcript="All new text.")
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not be found in the new transcript" in page and "clean room" in page and coding.code.name in page
    interview.refresh_from_db()
    assert interview.transcript == "Preface. " + OLD
    assert Coding.objects.get().quote == "clean room"


def test_outcomes_take_actors_of_the_region_only(client, bob, region, other_region):
    client.force_login(bob)
    own = factories.OrganisationFactory(region=region)
    foreign = factories.OrganisationFactory(region=other_region)
    url = reverse("coding:outcome-create", args=[region.pk])
    response = client.post(url, {"name": "Lab", "kind": "foundry", "actors": [foreign.pk]})
    assert "actors" in response.context["form"].errors and not Outcome.objects.exists()
    client.post(url, {"name": "Lab", "kind": "foundry", "actors": [own.pk]})
    assert list(Outcome.objects.get().actors.all()) == [own]


def test_buttons_follow_the_role(client, alice, carol, study, region):
    client.force_login(carol)
    page = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    assert reverse("cases:actor-create", args=[region.pk]) not in page
    assert reverse("analysis:region", args=[region.pk]) in page
    client.force_login(alice)
    page = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    assert reverse("cases:region-delete", args=[region.pk]) in page


def test_lists_filter_and_paginate(client, carol, region):
    factories.OrganisationFactory.create_batch(60, region=region)
    factories.PersonFactory(region=region, name="Zelda")
    client.force_login(carol)
    url = reverse("cases:actor-list", args=[region.pk])
    assert len(client.get(url).context["page"]) == 50
    assert [a.name for a in client.get(url, {"kind": "person"}).context["page"]] == ["Zelda"]
    assert [a.name for a in client.get(url, {"q": "zel"}).context["page"]] == ["Zelda"]
    wave = factories.WaveFactory(region=region)
    factories.InterviewFactory(region=region, wave=wave, title="In wave")
    factories.InterviewFactory(region=region, title="No wave")
    page = client.get(reverse("interviews:list", args=[region.pk]), {"wave": wave.pk}).context["page"]
    assert [i.title for i in page] == ["In wave"]


def test_a_stale_actor_form_is_refused(client, bob, region):
    actor = factories.OrganisationFactory(region=region, name="Fab")
    client.force_login(bob)
    url = reverse("cases:actor-edit", args=[actor.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    Actor.objects.filter(pk=actor.pk).update(name="Renamed meanwhile", updated_at=timezone.now())
    data["name"] = "My name"
    response = client.post(url, data)
    assert "changed by" in response.content.decode()
    actor.refresh_from_db()
    assert actor.name == "Renamed meanwhile"


def test_a_wave_with_interviews_is_not_deleted(client, alice, region):
    wave = factories.WaveFactory(region=region)
    factories.InterviewFactory(region=region, wave=wave)
    client.force_login(alice)
    response = client.post(reverse("cases:wave-delete", args=[wave.pk]), follow=True)
    assert "still referred to" in response.content.decode()
    assert Wave.objects.filter(pk=wave.pk).exists()


def test_a_withdrawn_interview_takes_no_transcript_and_stays_withdrawn(client, bob, region):
    interview = factories.InterviewFactory(
        region=region, transcript="", consent_status="withdrawn", consent_withdrawn_at=timezone.now()
    )
    client.force_login(bob)
    response = edit(client, interview, transcript="Pasted back in.", consent_status="given")
    assert set(response.context["form"].errors) == {"transcript", "consent_status"}
    interview.refresh_from_db()
    assert (interview.transcript, interview.consent_status) == ("", "withdrawn")


def test_date_pickers_show_the_stored_dates_whatever_the_site_language(client, alice, region):
    """<input type=date> takes only ISO dates; the site's en-gb format would leave it empty (and a
    save would then clear the date)."""
    wave = factories.WaveFactory(region=region, start=datetime.date(2024, 3, 1), end=datetime.date(2024, 7, 31))
    interview = factories.InterviewFactory(region=region, date=datetime.date(2024, 4, 18))
    client.force_login(alice)
    page = client.get(reverse("cases:wave-edit", args=[wave.pk])).content.decode()
    assert 'value="2024-03-01"' in page and 'value="2024-07-31"' in page
    page = client.get(reverse("interviews:edit", args=[interview.pk])).content.decode()
    assert 'value="2024-04-18"' in page


def test_a_centroid_out_of_range_is_explained_in_words(client, alice, region):
    client.force_login(alice)
    url = reverse("cases:region-edit", args=[region.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    response = client.post(url, {**data, "centroid_latitude": "95", "centroid_longitude": "10"})
    errors = response.context["form"].errors
    assert errors["centroid_latitude"] == ["Ensure this value is less than or equal to 90."]
    assert "region_latitude_range" not in response.content.decode()
