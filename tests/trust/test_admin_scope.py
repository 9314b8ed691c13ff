"""Being staff gives the admin, not the research data: rows with personal data, their change pages
and their history show only for studies the staff member belongs to."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.choices import Role
from cases.models import Study
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return factories.UserFactory(username="operator", is_staff=True, is_superuser=True)


@pytest.fixture
def records(region):
    person = factories.PersonFactory(region=region, name="Jana Nowak")
    interview = factories.InterviewFactory(region=region, title="Founder talk", transcript="Respondent: Jana here.")
    coding = factories.CodingFactory(interview=interview, start=12, length=4)
    tie = factories.InteractionFactory(region=region, source=person)
    outcome = factories.OutcomeFactory(region=region, name="Clean-room start-up")
    return {"actor": person, "interview": interview, "coding": coding, "interaction": tie, "outcome": outcome}


def test_a_superuser_outside_the_study_sees_none_of_its_records(client, operator, records):
    client.force_login(operator)
    for name, obj in records.items():
        changelist = client.get(reverse(f"admin:{obj._meta.app_label}_{name}_changelist"))
        assert changelist.status_code == 200 and changelist.context["cl"].result_count == 0, name
        change = client.get(reverse(f"admin:{obj._meta.app_label}_{name}_change", args=[obj.pk]))
        assert change.status_code == 302 and change["Location"] == reverse("admin:index"), name  # "does not exist"
        if name != "outcome":  # outcomes keep no history
            history = client.get(reverse(f"admin:{obj._meta.app_label}_{name}_history", args=[obj.pk]))
            assert history.status_code == 404, name
    version = records["interview"].history.first().history_id
    url = reverse("admin:cases_interview_simple_history", args=[records["interview"].pk, version])
    assert client.get(url).status_code == 404
    assert client.get(reverse("admin:cases_interview_history", args=["not-a-number"])).status_code == 404


def test_a_superuser_who_is_a_member_works_with_the_records(client, operator, study, records):
    factories.MembershipFactory(study=study, user=operator, role=Role.LEAD)
    client.force_login(operator)
    interview = records["interview"]
    page = client.get(reverse("admin:cases_interview_changelist")).content.decode()
    assert "Founder talk" in page
    assert client.get(reverse("admin:cases_interview_change", args=[interview.pk])).status_code == 200
    assert client.get(reverse("admin:cases_interview_history", args=[interview.pk])).status_code == 200


def test_the_admin_links_only_rows_of_the_records_region(rf, operator, study, region):
    from django.contrib import admin
    from django.forms.models import model_to_dict

    from coding.models import Interaction, Outcome

    factories.MembershipFactory(study=study, user=operator, role=Role.LEAD)
    elsewhere = factories.RegionFactory(study=study, name="Jena")
    foreign_coding = factories.CodingFactory(interview__region=elsewhere)
    foreign_person, firm = factories.PersonFactory(region=elsewhere), factories.OrganisationFactory(region=region)
    request = rf.get("/")
    request.user = operator
    cases = [
        (factories.InteractionFactory(region=region), {"evidence": str(foreign_coding.pk)}, "evidence"),
        (factories.OutcomeFactory(region=region), {"actors": str(foreign_person.pk)}, "actors"),
        (factories.InterviewFactory(region=region), {"interviewees": str(foreign_person.pk)}, "interviewees"),
        (factories.InterviewFactory(region=region, title="Other"), {"interviewees": str(firm.pk)}, "interviewees"),
    ]  # raw-id widgets post comma-separated ids
    for obj, links, field in cases:
        model_admin = admin.site._registry[type(obj)]
        form_class = model_admin.get_form(request, obj)
        data = {key: value for key, value in model_to_dict(obj).items() if value not in (None, [])}
        form = form_class(data={**data, **links}, instance=obj)
        assert not form.is_valid() and field in form.errors, (type(obj).__name__, form.errors)
    assert not Interaction.objects.filter(evidence=foreign_coding).exists()
    assert not Outcome.objects.filter(actors=foreign_person).exists()


def test_the_demo_lead_opens_the_admin_but_only_for_the_demo_study(client, other_study, other_region, mallory):
    from coding.demo.loader import load_demo
    from coding.models import Coding, CodingScheme

    summary = load_demo(password="demo-pw-for-admin")
    foreign = factories.CodingFactory(interview__region=other_region, coder=mallory, length=5)
    draft = CodingScheme.objects.create(name="Unpinned draft")  # pinned by no study: a lead may work on it
    assert client.login(username="demo", password="demo-pw-for-admin")
    assert client.get(reverse("admin:index")).status_code == 200
    codings = client.get(reverse("admin:coding_coding_changelist"))
    assert codings.status_code == 200
    assert (
        codings.context["cl"].result_count == Coding.objects.filter(interview__region__study=summary.study_id).count()
    )
    assert client.get(reverse("admin:coding_coding_change", args=[foreign.pk])).status_code == 302  # "does not exist"
    schemes = client.get(reverse("admin:coding_codingscheme_changelist")).context["cl"].result_list
    demo_scheme = Study.objects.get(pk=summary.study_id).coding_scheme
    assert set(schemes) == {demo_scheme, draft}  # not other_study's pinned version
    assert client.get(reverse("admin:coding_code_change", args=[foreign.code_id])).status_code == 302
    # Studies, regions and accounts are not the lead's to change in the admin.
    assert client.get(reverse("admin:cases_study_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
