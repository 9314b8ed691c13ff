"""factory_boy factories for the domain records."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from cases.choices import ActorKind, Location, OrgType, Role, TechnologyField
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from coding.memos.models import Memo
from coding.models import Code, Coding, CodingScheme, Interaction, Outcome

TRANSCRIPT = (
    "Interviewer: How did the foundry come about?\n"
    "Respondent: We met the people from the institute at the Thursday lecture series, "
    "and after a year we shared the clean room. We still poach each other's engineers, though."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class CodingSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CodingScheme

    name = factory.Sequence(lambda n: f"Scheme {n}")
    version = 1


class CodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Code

    scheme = factory.SubFactory(CodingSchemeFactory)
    name = factory.Sequence(lambda n: f"Code {n}")
    colour = "#4c78a8"


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study

    title = factory.Sequence(lambda n: f"Study {n}")
    research_question = "How do rivalry and cooperation coexist in regional clusters?"
    coding_scheme = factory.SubFactory(CodingSchemeFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    study = factory.SubFactory(StudyFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.CODER


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    study = factory.SubFactory(StudyFactory)
    name = factory.Sequence(lambda n: f"Region {n}")
    country = "Germany"
    technology_field = TechnologyField.MICROSYSTEMS


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wave

    region = factory.SubFactory(RegionFactory)
    label = factory.Sequence(lambda n: f"Wave {n}")
    start = datetime.date(2024, 1, 1)
    end = datetime.date(2024, 6, 30)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    region = factory.SubFactory(RegionFactory)
    kind = ActorKind.ORGANISATION
    name = factory.Sequence(lambda n: f"Organisation {n}")
    org_type = OrgType.FIRM_SME
    location = Location.INSIDE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    region = factory.SubFactory(RegionFactory)
    kind = ActorKind.PERSON
    name = factory.Sequence(lambda n: f"Person {n}")
    location = Location.INSIDE


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Interview {n}")
    date = datetime.date(2024, 3, 1)
    transcript = TRANSCRIPT


class CodingFactory(factory.django.DjangoModelFactory):
    """A coding of the first ``length`` characters from ``start``; the quote follows the offsets."""

    class Meta:
        model = Coding

    class Params:
        length = 20

    interview = factory.SubFactory(InterviewFactory)
    code = factory.LazyAttribute(lambda coding: CodeFactory(scheme=coding.interview.region.study.coding_scheme))
    coder = factory.SubFactory(UserFactory)
    start = 0
    end = factory.LazyAttribute(lambda coding: coding.start + coding.length)
    quote = factory.LazyAttribute(lambda coding: coding.interview.transcript[coding.start : coding.end])


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    region = factory.SubFactory(RegionFactory)
    source = factory.LazyAttribute(lambda tie: OrganisationFactory(region=tie.region))
    target = factory.LazyAttribute(lambda tie: OrganisationFactory(region=tie.region))
    mode_cooperation = True


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Outcome {n}")
    kind = "training_network"


class MemoFactory(factory.django.DjangoModelFactory):
    """A memo of ``study`` (a free memo unless a target is given)."""

    class Meta:
        model = Memo

    study = factory.SubFactory(StudyFactory)
    title = factory.Sequence(lambda n: f"Memo {n}")
    text = "The foundry looks like a club good: who may use the clean room?"
    author = factory.SubFactory(UserFactory)
