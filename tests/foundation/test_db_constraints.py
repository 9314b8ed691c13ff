"""Every database constraint with the bad input it rejects and the error it gives (PostgreSQL).

The models' ``clean()`` gives the same rules as form errors (test_model_validation.py); these
tests bypass it on purpose, writing through the ORM straight to the database, so they prove
the database itself refuses the row. Each check runs in a savepoint, so the test goes on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from cases.choices import ActorKind, ConsentStatus, OrgType, Role
from cases.models import Actor, Interview, Membership, Region, Wave
from coding.models import Code, Coding, CodingScheme, Interaction, Outcome
from tests import factories

pytestmark = pytest.mark.django_db


def rejected(write: Callable[[], object], constraint: str, *also: str) -> str:
    """Run ``write``; it must fail naming ``constraint`` (or one of ``also``: PostgreSQL reports the
    first violated check in name order). Returns the database's message."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    message = str(error.value)
    diag = getattr(error.value.__cause__, "diag", None)
    named = diag.constraint_name if diag is not None else None
    assert any(name in (named or message) for name in (constraint, *also)), f"expected {constraint}, got {named}"
    return message


def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


class TestStudyAndMembership:
    def test_a_user_is_a_member_once(self, study):
        user = factories.UserFactory()
        Membership.objects.create(study=study, user=user, role=Role.CODER)
        rejected(
            lambda: Membership.objects.create(study=study, user=user, role=Role.LEAD),
            "membership_unique_user_per_study",
        )
        assert study.memberships.filter(user=user).count() == 1

    def test_role_must_be_known(self, study):
        user = factories.UserFactory()
        rejected(lambda: Membership.objects.create(study=study, user=user, role="owner"), "membership_role_valid")


class TestRegionAndWave:
    def test_region_names_unique_per_study(self, region):
        rejected(
            lambda: Region.objects.create(study=region.study, name=region.name, country="X", technology_field="ict"),
            "region_unique_name_per_study",
        )

    @pytest.mark.parametrize(
        ("latitude", "longitude", "constraint"),
        [
            (91.0, 10.0, "region_latitude_range"),
            (45.0, -181.0, "region_longitude_range"),
            (45.0, None, "region_centroid_both_or_neither"),
        ],
    )
    def test_centroid(self, study, latitude, longitude, constraint):
        rejected(
            lambda: Region.objects.create(
                study=study,
                name="Twente",
                country="NL",
                technology_field="ict",
                centroid_latitude=latitude,
                centroid_longitude=longitude,
            ),
            constraint,
        )

    def test_technology_field_must_be_known(self, study):
        rejected(
            lambda: Region.objects.create(study=study, name="X", country="Y", technology_field="alchemy"),
            "region_field_valid",
        )

    def test_wave_labels_unique_per_region(self, region):
        factories.WaveFactory(region=region, label="2024")
        rejected(lambda: factories.WaveFactory(region=region, label="2024"), "wave_unique_label_per_region")

    def test_wave_ends_after_it_starts(self, region):
        rejected(
            lambda: Wave.objects.create(
                region=region, label="odd", start=datetime.date(2025, 1, 1), end=datetime.date(2024, 1, 1)
            ),
            "wave_end_not_before_start",
        )


class TestActor:
    def test_names_unique_per_region_and_kind(self, region):
        factories.OrganisationFactory(region=region, name="Fraunhofer IMS")
        rejected(
            lambda: factories.OrganisationFactory(region=region, name="Fraunhofer IMS"), "actor_unique_name_per_region"
        )

    def test_kind_must_be_known(self, region):
        rejected(
            lambda: Actor.objects.create(region=region, kind="robot", name="R2"),
            "actor_kind_valid",
            "actor_fields_match_kind",
        )

    def test_location_must_be_known(self, region):
        rejected(lambda: factories.OrganisationFactory(region=region, location="moon"), "actor_location_valid")

    @pytest.mark.parametrize(
        "fields",
        [
            {"kind": ActorKind.ORGANISATION, "org_type": ""},
            {"kind": ActorKind.ORGANISATION, "org_type": OrgType.UNIVERSITY, "hierarchy_level": "manager"},
            {"kind": ActorKind.PERSON, "org_type": OrgType.UNIVERSITY},
            {"kind": ActorKind.PERSON, "founded": 1990},
            {"kind": ActorKind.PERSON, "hierarchy_level": "emperor"},
        ],
    )
    def test_fields_match_kind(self, region, fields):
        rejected(lambda: Actor.objects.create(region=region, name="Mixed up", **fields), "actor_fields_match_kind")

    def test_founded_is_a_plausible_year(self, region):
        rejected(lambda: factories.OrganisationFactory(region=region, founded=1066), "actor_founded_range")

    def test_not_spun_off_from_itself(self, region):
        firm = factories.OrganisationFactory(region=region)
        firm.spun_off_from = firm
        rejected(firm.save, "actor_not_spun_off_from_itself")

    def test_affiliation_in_the_same_region(self, region, other_region):
        employer = factories.OrganisationFactory(region=other_region)
        rejected(lambda: factories.PersonFactory(region=region, affiliation=employer), "actor_affiliation_in_region")

    def test_parent_organisation_in_the_same_region(self, region, other_region):
        parent = factories.OrganisationFactory(region=other_region)
        rejected(
            lambda: factories.OrganisationFactory(region=region, spun_off_from=parent), "actor_spun_off_from_in_region"
        )


class TestInterview:
    def test_titles_unique_per_region(self, region):
        factories.InterviewFactory(region=region, title="CEO, foundry")
        rejected(
            lambda: factories.InterviewFactory(region=region, title="CEO, foundry"), "interview_unique_title_per_region"
        )

    def test_wave_in_the_same_region(self, region, other_region):
        wave = factories.WaveFactory(region=other_region)
        rejected(lambda: factories.InterviewFactory(region=region, wave=wave), "interview_wave_in_region")

    def test_mode_and_consent_must_be_known(self, region):
        rejected(lambda: factories.InterviewFactory(region=region, mode="telepathy"), "interview_mode_valid")
        rejected(lambda: factories.InterviewFactory(region=region, consent_status="maybe"), "interview_consent_valid")

    def test_withdrawal_time_only_when_withdrawn(self, region):
        now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        rejected(
            lambda: factories.InterviewFactory(
                region=region, consent_status=ConsentStatus.GIVEN, consent_withdrawn_at=now
            ),
            "interview_withdrawn_at_only_when_withdrawn",
        )

    def test_withdrawn_consent_keeps_no_text(self, region):
        now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        withdrawn = {"consent_status": ConsentStatus.WITHDRAWN, "consent_withdrawn_at": now}
        rejected(
            lambda: factories.InterviewFactory(region=region, transcript="Respondent: my name is", **withdrawn),
            "interview_withdrawn_keeps_no_text",
        )


class TestSchemeAndCode:
    def test_versions_unique_per_name(self):
        factories.CodingSchemeFactory(name="Clusters", version=2)
        rejected(lambda: CodingScheme.objects.create(name="Clusters", version=2), "scheme_unique_version")

    def test_version_starts_at_one(self):
        rejected(lambda: CodingScheme.objects.create(name="Clusters", version=0), "scheme_version_positive")

    def test_colour_is_hex(self):
        rejected(lambda: factories.CodeFactory(colour="red"), "code_colour_hex")

    def test_a_suggested_interaction_mode_must_be_a_coordination_mode(self):
        factories.CodeFactory(suggests_mode="")  # none: allowed
        factories.CodeFactory(suggests_mode="cooperation")
        rejected(lambda: factories.CodeFactory(suggests_mode="friendship"), "code_suggests_mode_valid")

    def test_names_unique_among_siblings(self):
        parent = factories.CodeFactory(name="Trust")
        factories.CodeFactory(scheme=parent.scheme, parent=parent, name="Competence")
        rejected(
            lambda: factories.CodeFactory(scheme=parent.scheme, parent=parent, name="Competence"),
            "code_unique_name_per_parent",
        )
        rejected(lambda: factories.CodeFactory(scheme=parent.scheme, name="Trust"), "code_unique_top_level_name")

    def test_parent_in_the_same_scheme(self):
        parent = factories.CodeFactory()
        rejected(lambda: factories.CodeFactory(parent=parent), "code_parent_in_scheme")

    def test_not_its_own_parent(self):
        code = factories.CodeFactory()
        code.parent = code
        rejected(code.save, "code_not_own_parent")


class TestCoding:
    @pytest.fixture
    def interview(self, region):
        return factories.InterviewFactory(region=region)

    def create(self, interview, start, end, quote):
        code = factories.CodeFactory(scheme=interview.region.study.coding_scheme)
        coder = factories.UserFactory()
        return Coding.objects.create(interview=interview, code=code, coder=coder, start=start, end=end, quote=quote)

    def test_ends_after_it_starts(self, interview):
        rejected(lambda: self.create(interview, 5, 5, ""), "coding_end_after_start")

    def test_quote_length_matches_range(self, interview):
        rejected(lambda: self.create(interview, 0, 10, interview.transcript[:9]), "coding_quote_matches_range")

    def test_one_coder_codes_one_passage_with_one_code_once(self, interview):
        code = factories.CodeFactory(scheme=interview.region.study.coding_scheme)
        coder, quote = factories.UserFactory(), interview.transcript[:11]

        def create() -> Coding:
            return Coding.objects.create(interview=interview, code=code, coder=coder, start=0, end=11, quote=quote)

        create()
        rejected(create, "coding_unique_passage_code_coder")

    def test_inside_the_transcript(self, interview):
        length = len(interview.transcript)
        message = rejected(lambda: self.create(interview, length - 2, length + 3, "xxxxx"), "coding_inside_transcript")
        assert f"past the transcript's {length} characters" in message

    def test_quote_is_the_transcript_text(self, interview):
        message = rejected(lambda: self.create(interview, 0, 11, "Interlocute"), "coding_inside_transcript")
        assert "quote does not match the transcript" in message

    def test_offsets_count_characters_not_bytes(self, region):
        interview = factories.InterviewFactory(region=region, transcript="Göteborg: Kooperation über Grenzen")
        coding = self.create(interview, 10, 21, "Kooperation")
        assert interview.transcript[coding.start : coding.end] == coding.quote

    def test_transcript_edit_that_breaks_codings_is_refused(self, interview):
        self.create(interview, 0, 11, interview.transcript[:11])
        interview.transcript = "Something else entirely"
        message = rejected(interview.save, "interview_codings_still_match")
        assert "would break 1 coding(s)" in message
        interview.refresh_from_db()
        assert interview.transcript.startswith("Interviewer")

    def test_transcript_edit_that_keeps_codings_is_allowed(self, interview):
        self.create(interview, 0, 11, interview.transcript[:11])
        interview.transcript += "\nInterviewer: Thank you."
        interview.save()


class TestInteraction:
    def test_needs_a_coordination_mode(self, region):
        rejected(lambda: factories.InteractionFactory(region=region, mode_cooperation=False), "interaction_has_a_mode")

    @pytest.mark.parametrize("field", Interaction.RATING_FIELDS)
    def test_ratings_from_0_to_4(self, region, field):
        rejected(lambda: factories.InteractionFactory(region=region, **{field: 5}), f"interaction_{field}_range")

    def test_confidence_must_be_known(self, region):
        rejected(
            lambda: factories.InteractionFactory(region=region, confidence="certain"), "interaction_confidence_valid"
        )

    @pytest.mark.parametrize("end", ["source", "target"])
    def test_both_ends_in_the_tie_region(self, region, other_region, end):
        stranger = factories.OrganisationFactory(region=other_region)
        rejected(lambda: factories.InteractionFactory(region=region, **{end: stranger}), f"interaction_{end}_in_region")
        assert not Interaction.objects.exists()

    def test_wave_in_the_tie_region(self, region, other_region):
        wave = factories.WaveFactory(region=other_region)
        rejected(lambda: factories.InteractionFactory(region=region, wave=wave), "interaction_wave_in_region")


class TestOutcome:
    def test_names_unique_per_region(self, region):
        factories.OutcomeFactory(region=region, name="Clean-room foundry")
        rejected(
            lambda: factories.OutcomeFactory(region=region, name="Clean-room foundry"), "outcome_unique_name_per_region"
        )

    def test_kind_must_be_known(self, region):
        rejected(lambda: Outcome.objects.create(region=region, name="Party", kind="party"), "outcome_kind_valid")


def test_every_model_constraint_is_covered():
    """A new constraint on a model needs a test above: compare the names against this module."""
    source = Path(__file__).read_text(encoding="utf-8")
    models = [Membership, Region, Wave, Actor, Interview, CodingScheme, Code, Coding, Interaction, Outcome]
    # (region, id) uniques exist only as targets of the composite foreign keys tested above.
    targets = {"wave_unique_region_id", "actor_unique_region_id", "code_unique_scheme_id"}
    names = {c.name for model in models for c in model._meta.constraints} - targets
    # The rating ranges are checked by the parametrised test over Interaction.RATING_FIELDS.
    ratings = {f"interaction_{field}_range" for field in Interaction.RATING_FIELDS}
    missing = sorted(name for name in names - ratings if name not in source)
    assert not missing, f"constraints without a test: {missing}"
