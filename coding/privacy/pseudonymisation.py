"""Pseudonymising a person in the study's transcripts (issue 7 §3), as MAXQDA's "anonymise" does.

The person's full name and its longer parts ("Schmidt") are replaced by their pseudonym in every
transcript of the study; codings move with the text (coding.exchange.pseudonyms.OffsetMap), so
each still covers the same words. The person keeps their name in the actor record, which only
members see; the pseudonym is stored on the actor, so it stays the same in later exports.

The earlier transcript versions stay in the change history, so a lead can undo the replacement;
withdrawing consent (coding.privacy.consent) is what removes a person's data for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from cases.choices import ActorKind
from cases.models import Actor, Interview
from coding.exchange.pseudonyms import Person, Pseudonymiser, pseudonym_for
from coding.interviews.transcripts import defer_transcript_checks
from coding.models import Coding

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet


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


def study_pseudonymiser(study_id: int, key: str | None = None) -> Pseudonymiser:
    """The names replaced when a study's data is shared: every person of the study, since a
    transcript or quote may name anyone of it, not only people of its own region."""
    people = Actor.objects.filter(region__study_id=study_id, kind=ActorKind.PERSON)
    records = [Person(*row) for row in people.values_list("pk", "name", "pseudonym")]
    return Pseudonymiser(records, key or settings.PSEUDONYM_KEY)


def _pseudonymiser(person: Actor) -> tuple[Pseudonymiser, str]:
    if person.kind != ActorKind.PERSON:
        raise ValidationError("Only persons are pseudonymised; an organisation's name is not personal data.")
    record = Person(person.pk, person.name, person.pseudonym)
    return Pseudonymiser([record], settings.PSEUDONYM_KEY), pseudonym_for(record, settings.PSEUDONYM_KEY)


def _transcripts(person: Actor) -> QuerySet[Interview]:
    return Interview.objects.filter(region__study_id=person.region.study_id).exclude(transcript="").order_by("pk")


def plan_pseudonymisation(person: Actor) -> PseudonymisationPlan:
    """Which transcripts name the person and how often, shown before anything changes."""
    pseudonymiser, pseudonym = _pseudonymiser(person)
    mentions = []
    if pseudonymiser.pattern is not None:
        for interview in _transcripts(person).only("pk", "title", "region_id", "transcript"):
            found = sum(1 for _ in pseudonymiser.pattern.finditer(interview.transcript))
            if found:
                mentions.append(Mention(interview, found))
    return PseudonymisationPlan(pseudonym, mentions)


def pseudonymise_person(person: Actor, *, by: User) -> PseudonymisationPlan:
    """Replace the person's name in all transcripts of the study, moving codings along; all or nothing.

    Returns what was done, counted on the locked rows (the plan shown earlier may be out of date).
    """
    pseudonymiser, pseudonym = _pseudonymiser(person)
    reason = f"Pseudonymised {pseudonym}"
    mentions = []
    with transaction.atomic():
        defer_transcript_checks()
        for interview in _transcripts(person).select_for_update():
            text, offsets = pseudonymiser.apply(interview.transcript)
            if not offsets.edits:
                continue
            mentions.append(Mention(interview, len(offsets.edits)))
            interview.transcript = text
            interview._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
            interview._history_user = by  # type: ignore[attr-defined]  # the author simple-history records
            interview.save()
            moved = []
            for coding in Coding.objects.filter(interview=interview).order_by("pk"):
                start, end = offsets.span(coding.start, coding.end)
                if (start, end, text[start:end]) != (coding.start, coding.end, coding.quote):
                    coding.start, coding.end, coding.quote = start, end, text[start:end]
                    moved.append(coding)
            bulk_update_with_history(
                moved, Coding, ["start", "end", "quote"], default_user=by, default_change_reason=reason
            )
        if not person.pseudonym:
            person.pseudonym = pseudonym
            person._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
            person._history_user = by  # type: ignore[attr-defined]  # read by simple_history
            person.save(update_fields=["pseudonym", "updated_at"])
    return PseudonymisationPlan(pseudonym, mentions)
