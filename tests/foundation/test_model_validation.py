"""The same rules as the database constraints, as field errors from ``full_clean()``.

Forms and the API call ``full_clean()``, so users see these messages next to the field that is
wrong instead of a database error.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cases.choices import ActorKind, ConsentStatus, OrgType
from cases.models import Actor
from coding.models import Coding
from tests import factories

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_organisation_needs_a_type(region):
    errors = errors_of(Actor(region=region, kind=ActorKind.ORGANISATION, name="Nameless GmbH"))
    assert errors["org_type"] == ["An organisation needs an organisation type."]


def test_person_fields_only_on_persons(region):
    errors = errors_of(
        Actor(
            region=region,
            kind=ActorKind.ORGANISATION,
            org_type=OrgType.UNIVERSITY,
            name="TU",
            hierarchy_level="manager",
        )
    )
    assert errors["hierarchy_level"] == ["Only persons have this field."]


def test_affiliation_must_be_an_organisation_of_the_region(region, other_region):
    elsewhere = factories.OrganisationFactory(region=other_region)
    errors = errors_of(Actor(region=region, kind=ActorKind.PERSON, name="Jana", affiliation=elsewhere))
    assert errors["affiliation"] == ["Must be an actor of the same region."]
    colleague = factories.PersonFactory(region=region)
    errors = errors_of(Actor(region=region, kind=ActorKind.PERSON, name="Jana", affiliation=colleague))
    assert errors["affiliation"] == ["Must be an organisation."]


def test_an_organisation_with_people_or_spin_offs_stays_an_organisation(region):
    firm = factories.OrganisationFactory(region=region, name="Elmos")
    factories.PersonFactory(region=region, affiliation=firm)
    factories.OrganisationFactory(region=region, spun_off_from=firm)
    firm.kind, firm.org_type = ActorKind.PERSON, ""
    assert errors_of(firm)["kind"] == [
        "1 person(s) are affiliated with this organisation and 1 spun off from it: change those first."
    ]


def test_a_withdrawn_interview_takes_no_text_again(region):
    interview = factories.InterviewFactory.build(
        region=region, consent_status=ConsentStatus.WITHDRAWN, transcript="Again", memo="Notes"
    )
    message = "Consent was withdrawn: this interview's text cannot be stored again."
    assert errors_of(interview) == {"transcript": [message], "memo": [message]}


def test_interview_wave_of_its_region(region, other_region):
    interview = factories.InterviewFactory.build(region=region, wave=factories.WaveFactory(region=other_region))
    assert errors_of(interview)["wave"] == ["The wave must belong to the interview's region."]


class TestCoding:
    @pytest.fixture
    def interview(self, region):
        return factories.InterviewFactory(region=region)

    def coding(self, interview, start, end, quote=None, code=None):
        return Coding(
            interview=interview,
            code=code or factories.CodeFactory(scheme=interview.region.study.coding_scheme),
            coder=factories.UserFactory(),
            start=start,
            end=end,
            quote=interview.transcript[start:end] if quote is None else quote,
        )

    def test_past_the_end(self, interview):
        length = len(interview.transcript)
        errors = errors_of(self.coding(interview, length - 3, length + 4, quote="x" * 7))
        assert errors["end"] == [f"The passage ends at {length + 4}, past the transcript's {length} characters."]

    def test_empty_range(self, interview):
        assert errors_of(self.coding(interview, 7, 7))["end"] == ["The passage must end after it starts."]

    def test_quote_must_match(self, interview):
        errors = errors_of(self.coding(interview, 0, 5, quote="Hello"))
        assert errors["quote"] == ["The quote does not match the transcript at these offsets."]

    def test_code_from_the_study_scheme(self, interview):
        foreign = factories.CodeFactory()  # a code of another scheme
        errors = errors_of(self.coding(interview, 0, 5, code=foreign))
        assert errors["code"] == ["The code is not in the study's coding scheme."]

    def test_valid_coding_passes(self, interview):
        self.coding(interview, 13, 20).full_clean()


class TestInteraction:
    def test_both_actors_in_the_region(self, region, other_region):
        tie = factories.InteractionFactory.build(
            region=region,
            source=factories.OrganisationFactory(region=region),
            target=factories.OrganisationFactory(region=other_region),
        )
        assert errors_of(tie)["target"] == ["Both actors of a tie must belong to the tie's region."]

    def test_no_self_ties_unless_the_study_allows_them(self, region):
        firm = factories.OrganisationFactory(region=region)
        tie = factories.InteractionFactory.build(region=region, source=firm, target=firm)
        assert errors_of(tie)["target"] == ["A tie needs two different actors (this study does not allow self-ties)."]
        region.study.allow_self_ties = True
        region.study.save()
        tie.full_clean()

    def test_needs_a_mode(self, region):
        tie = factories.InteractionFactory.build(
            region=region,
            source=factories.OrganisationFactory(region=region),
            target=factories.OrganisationFactory(region=region),
            mode_cooperation=False,
        )
        assert errors_of(tie)["mode_cooperation"] == ["Pick at least one coordination mode."]

    def test_rating_range(self, region):
        tie = factories.InteractionFactory.build(
            region=region,
            source=factories.OrganisationFactory(region=region),
            target=factories.OrganisationFactory(region=region),
            rating_intimacy=9,
        )
        assert "Rate from 0 to 4." in errors_of(tie)["rating_intimacy"]


class TestCode:
    def test_parent_in_the_same_scheme(self):
        parent = factories.CodeFactory()
        code = factories.CodeFactory.build(parent=parent)
        assert errors_of(code)["parent"] == ["The parent code must be in the same scheme."]

    def test_no_cycles(self):
        root = factories.CodeFactory()
        child = factories.CodeFactory(scheme=root.scheme, parent=root)
        root.parent = child
        assert errors_of(root)["parent"] == ["A code cannot be its own ancestor."]


class TestStudySettings:
    def test_unknown_analysis_setting(self, study):
        study.analysis_settings = {"strong_tie_cutof": 0.5}
        assert errors_of(study)["analysis_settings"] == ["Unknown analysis setting 'strong_tie_cutof'."]

    def test_out_of_range_threshold(self, study):
        study.analysis_settings = {"strong_tie_cutoff": 1.5}
        assert errors_of(study)["analysis_settings"] == [
            "Analysis setting 'strong_tie_cutoff' must lie between 0 and 1."
        ]

    def test_valid_overrides(self, study):
        study.analysis_settings = {"strong_tie_cutoff": 0.6, "club_min_members": 4}
        study.full_clean()
