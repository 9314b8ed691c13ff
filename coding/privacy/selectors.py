"""Reads of the privacy pages: what a withdrawal or a pseudonymisation would change, shown to the
lead before confirming, and the names a study's shared data replaces.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cases.choices import ActorKind
from cases.models import Actor, Interview
from coding.exchange.pseudonyms import Person, Pseudonymiser, pseudonym_for
from coding.models import Coding, Interaction


@dataclass(frozen=True)
class WithdrawalPlan:
    """What a withdrawal would remove, shown to the lead before confirming."""

    interviews: list[Interview]
    codings: int
    ties: int
    keep_ties: bool


def plan_withdrawal(person: Actor) -> WithdrawalPlan:
    require_person(person)
    interviews = list(Interview.objects.filter(interviewees=person).order_by("date", "title"))
    return WithdrawalPlan(
        interviews=interviews,
        codings=Coding.objects.filter(interview__in=interviews).count(),
        ties=Interaction.objects.filter(Q(source=person) | Q(target=person)).count(),
        keep_ties=person.region.study.keep_ties_after_withdrawal,
    )


def require_person(actor: Actor) -> None:
    if actor.kind != ActorKind.PERSON:
        raise ValidationError(_("Consent is given and withdrawn by persons, not organisations."))


@dataclass(frozen=True)
class Mention:
    interview: Interview
    occurrences: int


@dataclass(frozen=True)
class PseudonymisationPlan:
    pseudonym: str
    mentions: list[Mention]

    @property
    def occurrences(self) -> int:
        return sum(mention.occurrences for mention in self.mentions)


def plan_pseudonymisation(person: Actor) -> PseudonymisationPlan:
    """Which transcripts name the person and how often, shown before anything changes."""
    pseudonymiser, pseudonym = person_pseudonymiser(person)
    mentions = []
    if pseudonymiser.pattern is not None:
        for interview in study_transcripts(person).only("pk", "title", "region_id", "transcript"):
            found = sum(1 for _ in pseudonymiser.pattern.finditer(interview.transcript))
            if found:
                mentions.append(Mention(interview, found))
    return PseudonymisationPlan(pseudonym, mentions)


def person_pseudonymiser(person: Actor) -> tuple[Pseudonymiser, str]:
    """The replacement of one person's name, and their pseudonym; persons only."""
    if person.kind != ActorKind.PERSON:
        raise ValidationError(_("Only persons are pseudonymised; an organisation's name is not personal data."))
    record = Person(person.pk, person.name, person.pseudonym)
    return Pseudonymiser([record], settings.PSEUDONYM_KEY), pseudonym_for(record, settings.PSEUDONYM_KEY)


def study_transcripts(person: Actor) -> QuerySet[Interview]:
    """The non-empty transcripts of the person's study: any of them may name the person."""
    return Interview.objects.filter(region__study_id=person.region.study_id).exclude(transcript="").order_by("pk")


def study_pseudonymiser(study_id: int, key: str | None = None) -> Pseudonymiser:
    """The names replaced when a study's data is shared: every person of the study, since a
    transcript or quote may name anyone of it, not only people of its own region."""
    people = Actor.objects.filter(region__study_id=study_id, kind=ActorKind.PERSON)
    records = [Person(*row) for row in people.values_list("pk", "name", "pseudonym")]
    return Pseudonymiser(records, key or settings.PSEUDONYM_KEY)
