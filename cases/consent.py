"""Withdrawal of an interviewee's consent (GDPR Art. 7(3)): their words and personal data go.

What happens, in one transaction:
- every interview the person gave loses its transcript, memo and file name, and all codings
  (the quotes are their words); the interview row stays, marked withdrawn, as a record;
- the person's ties are deleted, or, if the study keeps anonymous aggregate ties, kept without
  evidence, content or memo;
- the person's actor row is anonymised (name replaced by a pseudonym, free-text fields cleared);
- the earlier versions of all of these in the history tables are purged, so the text is not
  kept there either;
- a ``ConsentWithdrawal`` row records when, by whom and how much was removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coding.models import Coding, Interaction

from .choices import ActorKind, ConsentStatus
from .models import Actor, ConsentWithdrawal, Interview

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True)
class WithdrawalPlan:
    """What a withdrawal would remove, shown to the lead before confirming."""

    interviews: list[Interview]
    codings: int
    ties: int
    keep_ties: bool


def plan_withdrawal(person: Actor) -> WithdrawalPlan:
    _check_person(person)
    interviews = list(Interview.objects.filter(interviewees=person).order_by("date", "title"))
    return WithdrawalPlan(
        interviews=interviews,
        codings=Coding.objects.filter(interview__in=interviews).count(),
        ties=Interaction.objects.filter(Q(source=person) | Q(target=person)).count(),
        keep_ties=person.region.study.keep_ties_after_withdrawal,
    )


def withdraw_consent(person: Actor, *, by: AbstractBaseUser) -> ConsentWithdrawal:
    _check_person(person)
    study = person.region.study
    now = timezone.now()
    with transaction.atomic():
        interviews = list(Interview.objects.select_for_update().filter(interviewees=person))
        interview_ids = [interview.pk for interview in interviews]
        codings = Coding.objects.filter(interview_id__in=interview_ids)
        coding_ids = list(codings.values_list("pk", flat=True))
        ties = Interaction.objects.filter(Q(source=person) | Q(target=person))
        tie_ids = list(ties.values_list("pk", flat=True))

        ties_kept = ties_removed = 0
        if study.keep_ties_after_withdrawal:
            for tie in ties:
                tie.evidence.clear()
                tie.content = tie.memo = ""
                tie._change_reason = "Consent withdrawn: kept as an anonymous tie"
                tie.save()
                ties_kept += 1
        else:
            ties_removed = len(tie_ids)
            for tie in ties:
                tie.delete()
        # Codings go before the transcripts they quote (the database checks quotes against them).
        for coding in codings:
            coding.delete()

        for interview in interviews:
            interview.transcript = interview.memo = interview.source_filename = ""
            interview.consent_status = ConsentStatus.WITHDRAWN
            interview.consent_withdrawn_at = now
            interview._change_reason = "Consent withdrawn: transcript removed"
            interview.save()

        pseudonym = person.pseudonym or f"Withdrawn person {person.pk}"
        person.name = person.pseudonym = pseudonym
        person.description = person.occupational_group = ""
        if not study.keep_ties_after_withdrawal:
            person.hierarchy_level = ""
            person.affiliation = None
        person._change_reason = "Consent withdrawn: personal data removed"
        person.save()

        purged = _purge_history(Interview, interview_ids) + _purge_history(Coding, coding_ids)
        purged += _purge_history(Interaction, tie_ids) + _purge_history(Actor, [person.pk])
        return ConsentWithdrawal.objects.create(
            study=study,
            region=person.region,
            actor=person,
            pseudonym=pseudonym,
            recorded_by=by,
            interviews_cleared=len(interviews),
            codings_removed=len(coding_ids),
            ties_kept=ties_kept,
            ties_removed=ties_removed,
            history_rows_purged=purged,
        )


def _purge_history(model: type, ids: list[int]) -> int:
    """Delete every historical version of the rows except the latest (which holds no personal data)."""
    if not ids:
        return 0
    history = model.history.model.objects.filter(id__in=ids)
    latest = {}
    for history_id, row_id in history.order_by("history_date", "history_id").values_list("history_id", "id"):
        latest[row_id] = history_id
    deleted, _ = history.exclude(history_id__in=latest.values()).delete()
    # A deleted row's last version is its deletion: it still holds the old text, so it goes too.
    gone = [row_id for row_id in ids if not model.objects.filter(pk=row_id).exists()]
    more, _ = model.history.model.objects.filter(id__in=gone).delete()
    return deleted + more


def _check_person(actor: Actor) -> None:
    if actor.kind != ActorKind.PERSON:
        raise ValidationError("Consent is given and withdrawn by persons, not organisations.")
