"""Writes of the privacy pages: withdrawing a person's consent, and pseudonymising them.

Withdrawal of an interviewee's consent (GDPR Art. 7(3)): their words and personal data go.
What happens, in one transaction:
- every interview the person gave loses its transcript, memo and file name, and all codings
  (the quotes are their words); the interview row stays, marked withdrawn, as a record;
- the person's ties are deleted, or, if the study keeps anonymous aggregate ties, kept without
  evidence, content or memo;
- the person's actor row is anonymised (name replaced by a pseudonym, free-text fields cleared);
- the memos written on the person or on their interviews are deleted (they are about the person);
- the earlier versions of all of these in the history tables are purged, so the text is not
  kept there either, including the versions of codings and ties deleted before the withdrawal;
- earlier versions of the study's other texts (kept to undo a pseudonymisation) get the pseudonym
  in place of the person's name, and stored analysis results show the actor's new name;
- a ``ConsentWithdrawal`` row records when, by whom and how much was removed.

Pseudonymising a person in the study's transcripts, as MAXQDA's "anonymise" does: the person's
full name and its longer parts ("Schmidt") are replaced by their pseudonym in every transcript of
the study; codings move with the text (coding.exchange.pseudonyms.OffsetMap), so each still
covers the same words. The person keeps their name in the actor record, which only members see;
the pseudonym is stored on the actor, so it stays the same in later exports. The earlier
transcript versions stay in the change history, so a lead can undo the replacement; withdrawing
consent is what removes a person's data for good.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from cases.choices import ConsentStatus
from cases.models import Actor, ConsentWithdrawal, Interview, Region
from coding.exchange.pseudonyms import Person, Pseudonymiser
from coding.interviews.services import defer_transcript_checks
from coding.memos.models import Memo
from coding.models import Coding, Interaction
from coding.privacy.selectors import (
    Mention,
    PseudonymisationPlan,
    person_pseudonymiser,
    require_person,
    study_transcripts,
)
from coding.worker.models import AnalysisSnapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    TrackedModel = type[Actor] | type[Interview] | type[Coding] | type[Interaction] | type[Memo]

# Free text in the history that may name a person of the study.
HISTORY_TEXT_FIELDS: dict[TrackedModel, tuple[str, ...]] = {
    Interview: ("title", "transcript", "memo", "source_filename"),
    Coding: ("quote", "memo"),
    Interaction: ("content", "memo"),
    Memo: ("title", "text"),
}


@transaction.atomic
def withdraw_consent(person: Actor, *, by: User) -> ConsentWithdrawal:
    """Remove the person's words and personal data for good (the steps above); the record of it."""
    require_person(person)
    study = person.region.study
    now = timezone.now()
    real_name = person.name
    interviews = list(Interview.objects.select_for_update().filter(interviewees=person))
    interview_ids = [interview.pk for interview in interviews]
    codings = Coding.objects.filter(interview_id__in=interview_ids)
    coding_ids = list(codings.values_list("pk", flat=True))
    of_person = Q(source_id=person.pk) | Q(target_id=person.pk)
    ties = Interaction.objects.filter(of_person)
    tie_ids = list(ties.values_list("pk", flat=True))

    ties_kept = ties_removed = 0
    if study.keep_ties_after_withdrawal:
        for tie in ties:
            tie.evidence.clear()
            tie.content = tie.memo = ""
            tie._change_reason = "Consent withdrawn: kept as an anonymous tie"  # type: ignore[attr-defined]  # read by simple_history
            tie.save()
            ties_kept += 1
    else:
        ties_removed = len(tie_ids)
        for tie in ties:
            tie.delete()
    on_person = Q(actor_id=person.pk) | Q(interview_id__in=interview_ids)
    for memo in Memo.objects.filter(on_person):
        memo.delete()
    # Codings go before the transcripts they quote (the database checks quotes against them).
    for coding in codings:
        coding.delete()

    for interview in interviews:
        interview.transcript = interview.memo = interview.source_filename = ""
        interview.consent_status = ConsentStatus.WITHDRAWN
        interview.consent_withdrawn_at = now
        interview._change_reason = "Consent withdrawn: transcript removed"  # type: ignore[attr-defined]  # read by simple_history
        interview.save()

    pseudonym = person.pseudonym or f"Withdrawn person {person.pk}"
    person.name = person.pseudonym = pseudonym
    person.description = person.occupational_group = ""
    if not study.keep_ties_after_withdrawal:
        person.hierarchy_level = ""
        person.affiliation = None
    person._change_reason = "Consent withdrawn: personal data removed"  # type: ignore[attr-defined]  # read by simple_history
    person.save()

    # By parent, not by the rows left now: codings and ties deleted earlier kept their text in the history.
    purged = _purge_history(Interview, interview_ids)
    purged += _purge_history(Coding, _ids_in_history(Coding, Q(interview_id__in=interview_ids)))
    purged += _purge_history(Interaction, _ids_in_history(Interaction, of_person))
    purged += _purge_history(Actor, [person.pk])
    purged += _purge_history(Memo, _ids_in_history(Memo, on_person))
    if real_name.strip() != pseudonym:  # not withdrawn before
        names = Pseudonymiser([Person(person.pk, real_name, pseudonym)], settings.PSEUDONYM_KEY)
        _pseudonymise_history(study.pk, names)
    _rename_in_snapshots(person)
    withdrawal = ConsentWithdrawal(
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
    withdrawal.full_clean()
    withdrawal.save()
    return withdrawal


def _ids_in_history(model: TrackedModel, condition: Q) -> list[int]:
    """Ids of the rows any version of which meets ``condition``, rows deleted since included."""
    return list(model.history.model.objects.filter(condition).order_by().values_list("id", flat=True).distinct())


def _purge_history(model: TrackedModel, ids: list[int]) -> int:
    """Delete every historical version of the rows except the latest (which holds no personal data)."""
    if not ids:
        return 0
    history = model.history.model.objects.filter(id__in=ids)
    latest = {}
    for history_id, row_id in history.order_by("history_date", "history_id").values_list("history_id", "id"):
        latest[row_id] = history_id
    deleted, _ = history.exclude(history_id__in=latest.values()).delete()
    # A deleted row's last version is its deletion: it still holds the old text, so it goes too.
    existing = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    more, _ = model.history.model.objects.filter(id__in=set(ids) - existing).delete()
    return deleted + more


def _pseudonymise_history(study_id: int, names: Pseudonymiser) -> int:
    """Replace the person's name in earlier versions of the study's texts.

    Pseudonymising a person keeps the versions before the replacement (to undo it); after the
    withdrawal nothing may undo it, and no version may name the person. Returns the versions changed.
    """
    region_ids = list(Region.objects.filter(study_id=study_id).values_list("pk", flat=True))
    interview_ids = Interview.history.model.objects.filter(region_id__in=region_ids).values("id")
    in_study = {
        Interview: Q(region_id__in=region_ids),
        Coding: Q(interview_id__in=interview_ids),
        Interaction: Q(region_id__in=region_ids),
        Memo: Q(study_id=study_id),
    }
    return sum(_pseudonymise_versions(model, in_study[model], names) for model in HISTORY_TEXT_FIELDS)


def _pseudonymise_versions(model: TrackedModel, scope: Q, names: Pseudonymiser) -> int:
    if names.pattern is None:
        return 0
    fields = HISTORY_TEXT_FIELDS[model]
    # The database narrows the versions down to those holding a name or part; the pattern decides.
    mentions = Q()
    for name in names.replacements:
        for field in fields:
            mentions |= Q(**{f"{field}__contains": name})
    history = model.history.model
    changed = []
    for version in history.objects.filter(scope & mentions).only("history_id", *fields).iterator(chunk_size=500):
        for field in fields:
            setattr(version, field, names.text(getattr(version, field)))
        changed.append(version)
    history.objects.bulk_update(changed, fields, batch_size=500)
    return len(changed)


def _rename_in_snapshots(person: Actor) -> None:
    """Stored analysis results name the actors until the worker recomputes them: give them the new name now."""
    # Ordered by pk: the default ordering joins the nullable wave, which FOR UPDATE refuses. Rows are
    # matched here rather than with a JSON lookup, which SQLite (the embedded default) lacks.
    snapshots = AnalysisSnapshot.objects.select_for_update().filter(region_id=person.region_id).order_by("pk")
    for snapshot in snapshots:
        rows = [row for row in (snapshot.result or {}).get("actors", []) if row.get("id") == person.pk]
        for row in rows:
            row["name"] = person.name
        if rows:
            snapshot.save(update_fields=["result"])


@transaction.atomic
def pseudonymise_person(person: Actor, *, by: User) -> PseudonymisationPlan:
    """Replace the person's name in all transcripts of the study, moving codings along; all or nothing.

    Returns what was done, counted on the locked rows (the plan shown earlier may be out of date).
    """
    pseudonymiser, pseudonym = person_pseudonymiser(person)
    reason = f"Pseudonymised {pseudonym}"
    mentions = []
    defer_transcript_checks()
    for interview in study_transcripts(person).select_for_update():
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
