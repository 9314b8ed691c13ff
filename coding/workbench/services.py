"""Writes of the coding workbench: codings, interactions (ties) and outcomes.

Pages and the REST API both call these after their form or serializer has validated the input.
Each write runs in one transaction and checks the row with ``full_clean()`` before saving it.
``loaded_version`` is the version token an edit page was opened with: if the stored row has moved
on since, the write is refused (``EditConflict``) instead of overwriting someone else's change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cases.concurrency import EditConflict, conflict_message, fetch_current, version_token
from cases.links import link_errors
from coding.codebook.services import DEFAULT_COLOUR, code_create
from coding.models import Code, Coding, Interaction, Outcome

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import Model

    from cases.models import Actor, Interview, Region


@dataclass(frozen=True)
class Passage:
    """A passage selected in a transcript, to be coded: offsets in code points (``str`` indices)."""

    interview: Interview
    code: Code
    start: int
    end: int
    memo: str = ""


class CodingIsEvidence(Exception):
    """The coding supports a tie; deleting it would silently weaken the tie's evidence."""

    def __init__(self) -> None:
        super().__init__(_("This coding is evidence of an interaction: remove it from the interaction first."))


def refuse_stale(row: Model, loaded_version: str | None) -> None:
    """Raise ``EditConflict`` if ``row`` changed since ``loaded_version`` was read.

    The stored row stays locked until the transaction ends, so nobody saves between check and write.
    """
    if loaded_version is None or row.pk is None:
        return
    current = fetch_current(row, lock=True)
    if current is not None and loaded_version != version_token(current):
        raise EditConflict(conflict_message(current), code="edit_conflict")


def check_region_links(region: Region, **linked: list[Any]) -> None:
    """Rows linked to a tie or an outcome (``evidence``, ``actors``) must be of its region (cases.links)."""
    if errors := link_errors(linked, linked, region):
        raise ValidationError([message for messages in errors.values() for message in messages])


def _assign(row: Model, values: Mapping[str, Any]) -> None:
    for field, value in values.items():
        setattr(row, field, value)


def _quote_from_transcript(coding: Coding) -> None:
    """The quote is the transcript's text at the offsets; out-of-range offsets are left to ``clean()``."""
    transcript = coding.interview.transcript
    if coding.start is not None and coding.end is not None and coding.end <= len(transcript):
        coding.quote = transcript[coding.start : coding.end]


def refuse_duplicate(coding: Coding) -> None:
    """One coder codes one passage with one code once (also a database constraint)."""
    twins = Coding.objects.filter(
        interview=coding.interview_id, start=coding.start, end=coding.end, code=coding.code_id, coder=coding.coder_id
    ).exclude(pk=coding.pk)
    if twins.exists():
        raise ValidationError(
            {
                "code": _("You have already coded this passage (%(start)s–%(end)s) as “%(code)s”.")
                % {"start": coding.start, "end": coding.end, "code": coding.code.name}
            }
        )


def _save_coding(coding: Coding) -> Coding:
    refuse_duplicate(coding)
    coding.full_clean(validate_constraints=False)  # the duplicate check above says it in words
    try:
        with transaction.atomic():  # a savepoint: the same coding saved meanwhile is a message, not a 500
            coding.save()
    except IntegrityError as error:
        raise ValidationError(
            {"code": _("This passage was just coded with this code by you in another window.")}
        ) from error
    return coding


@transaction.atomic
def coding_create(*, interview: Interview, code: Code, coder: User, start: int, end: int, memo: str = "") -> Coding:
    coding = Coding(interview=interview, code=code, coder=coder, start=start, end=end, memo=memo)
    _quote_from_transcript(coding)
    return _save_coding(coding)


@transaction.atomic
def codings_create(
    *, interview: Interview, codes: Sequence[Code], coder: User, start: int, end: int, memo: str = ""
) -> list[Coding]:
    """Code one passage with several codes in one step: all of them or, if one is refused, none."""
    if not codes:
        raise ValidationError({"code": _("Pick at least one code.")})
    unique = list(dict.fromkeys(codes))
    return [
        coding_create(interview=interview, code=code, coder=coder, start=start, end=end, memo=memo) for code in unique
    ]


@transaction.atomic
def coding_create_with_new_code(
    *,
    interview: Interview,
    coder: User,
    start: int,
    end: int,
    name: str,
    parent: Code | None = None,
    colour: str = DEFAULT_COLOUR,
    memo: str = "",
) -> Coding:
    """Add a code to the study's scheme (``code_create``'s rules) and code the passage with it."""
    code = code_create(study=interview.region.study, user=coder, name=name, parent=parent, colour=colour)
    return coding_create(interview=interview, code=code, coder=coder, start=start, end=end, memo=memo)


@transaction.atomic
def coding_update(*, coding: Coding, values: Mapping[str, Any], loaded_version: str | None = None) -> Coding:
    """Change code, memo or offsets; the quote follows the offsets. A coding stays in its interview."""
    if "interview" in values and values["interview"] != coding.interview:
        raise ValidationError({"interview": _("A coding cannot be moved to another interview.")})
    _assign(coding, values)
    _quote_from_transcript(coding)
    refuse_stale(coding, loaded_version)
    return _save_coding(coding)


@transaction.atomic
def coding_delete(*, coding: Coding) -> None:
    """Delete the coding unless it is evidence of a tie (raises ``CodingIsEvidence``)."""
    if coding.interactions.exists():
        raise CodingIsEvidence
    coding.delete()


@transaction.atomic
def interaction_create(
    *,
    region: Region,
    coder: User,
    values: Mapping[str, Any],
    evidence: Iterable[Coding] = (),
    passage: Passage | None = None,
) -> Interaction:
    """Save the tie and link its evidence; a fresh ``passage`` is coded first, in the same transaction."""
    evidence = list(evidence)
    if passage is not None:
        evidence.append(coding_create(coder=coder, **vars(passage)))
    check_region_links(region, evidence=evidence)
    interaction = Interaction(region=region, coder=coder)
    _assign(interaction, values)
    interaction.full_clean()
    interaction.save()
    if evidence:
        interaction.evidence.set(evidence)
    return interaction


@transaction.atomic
def interaction_update(
    *,
    interaction: Interaction,
    values: Mapping[str, Any],
    evidence: Iterable[Coding] | None = None,
    loaded_version: str | None = None,
) -> Interaction:
    """Change the tie; ``evidence``, if given, replaces the linked codings."""
    _assign(interaction, values)
    refuse_stale(interaction, loaded_version)
    interaction.full_clean()
    interaction.save()
    if evidence is not None:
        evidence = list(evidence)
        check_region_links(interaction.region, evidence=evidence)
        interaction.evidence.set(evidence)
    return interaction


@transaction.atomic
def interaction_delete(*, interaction: Interaction) -> None:
    """Delete the tie; its evidence codings stay (they belong to the transcript)."""
    interaction.delete()


@transaction.atomic
def outcome_create(
    *,
    region: Region,
    values: Mapping[str, Any],
    actors: Iterable[Actor],
    evidence: Iterable[Coding] = (),
) -> Outcome:
    outcome = Outcome(region=region)
    _assign(outcome, values)
    outcome.full_clean()
    outcome.save()
    _link_outcome(outcome, actors=actors, evidence=evidence)
    return outcome


@transaction.atomic
def outcome_update(
    *,
    outcome: Outcome,
    values: Mapping[str, Any],
    actors: Iterable[Actor] | None = None,
    evidence: Iterable[Coding] | None = None,
    loaded_version: str | None = None,
) -> Outcome:
    """Change the outcome; ``actors`` and ``evidence``, if given, replace the linked rows."""
    _assign(outcome, values)
    refuse_stale(outcome, loaded_version)
    outcome.full_clean()
    outcome.save()
    _link_outcome(outcome, actors=actors, evidence=evidence)
    return outcome


def _link_outcome(outcome: Outcome, **linked: Iterable[Any] | None) -> None:
    """Replace the given links (``None`` keeps a field's current rows)."""
    given = {field: list(rows) for field, rows in linked.items() if rows is not None}
    check_region_links(outcome.region, **given)
    for field, rows in given.items():
        getattr(outcome, field).set(rows)


@transaction.atomic
def outcome_delete(*, outcome: Outcome) -> None:
    outcome.delete()
