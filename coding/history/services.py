"""Restoring an earlier version of a record researchers edit (django-simple-history underneath).

``restore`` writes an earlier state back as a new change, so restoring is itself undoable.
Restores pass the same validation as forms; a restored transcript takes its codings along.
``restore_deleted`` brings a deleted tie, coding or actor back from its last version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from cases.models import Actor, Interview, Wave
from coding.history.selectors import (
    DELETABLE,
    HIDDEN_FIELDS,
    deleted_version,
    evidence_before_deletion,
    kind_noun,
    transcript_at,
)
from coding.interviews.anchoring import reanchor
from coding.interviews.services import TranscriptEditRefused, defer_transcript_checks, move_codings
from coding.memos.models import Memo
from coding.models import Code, Coding, Interaction

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from cases.models import Study
    from coding.history.selectors import Tracked


def restore(*, instance: Tracked, history_id: int, user: User) -> models.Model:
    """Write the state of version ``history_id`` back; ``ValidationError`` if it no longer fits.

    The transaction opens inside: the transcript checks are deferred to its commit, and a refusal
    there must still become a ``ValidationError`` here.
    """
    record = instance.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError(_("This version does not belong to the object."))
    restored = record.instance
    restored.pk = instance.pk
    # An update of the existing row: uniqueness checks must not count the row against itself.
    restored._state.adding = False
    restored._state.db = instance._state.db
    for field in HIDDEN_FIELDS:
        if hasattr(instance, field):
            setattr(restored, field, getattr(instance, field))
    restored.full_clean()
    restored._change_reason = f"Restored the version of {record.history_date:%Y-%m-%d %H:%M}"
    restored._history_user = user
    old_text = getattr(instance, "transcript", None)
    text_changes = old_text is not None and old_text != restored.transcript
    try:
        with transaction.atomic():
            if text_changes:
                defer_transcript_checks()
            restored.save()
            _restore_many_to_many(restored, record)
            if text_changes and old_text is not None:  # (text_changes implies it; said again for mypy)
                # The codings follow the restored text, as after any transcript edit.
                move_codings(
                    interview=restored,
                    old_text=old_text,
                    new_text=restored.transcript,
                    user=user,
                    reason=restored._change_reason,
                    use_history=True,
                )
    except TranscriptEditRefused as refused:
        quotes = "; ".join(f"“{coding.quote[:60]}”" for coding in refused.lost[:5])
        raise ValidationError(
            _(
                "The earlier transcript cannot be restored: %(count)s coding(s) made since then have no "
                "place in it (%(quotes)s). Delete or move them first."
            )
            % {"count": len(refused.lost), "quotes": quotes}
        ) from refused
    except IntegrityError as error:
        # E.g. an older transcript that the codings made since then do not fit.
        reason = str(error).split("\nCONTEXT")[0]
        raise ValidationError(_("The earlier version cannot be restored: %(reason)s") % {"reason": reason}) from error
    return restored


def _restore_many_to_many(restored: models.Model, record: Any) -> None:
    for field in getattr(record, "_history_m2m_fields", []):
        rows = getattr(record, field.name).all()
        target = field.m2m_reverse_field_name()
        getattr(restored, field.name).set([getattr(row, f"{target}_id") for row in rows])


@dataclass(frozen=True)
class Undeleted:
    """A record brought back, and what of its links could not come with it."""

    record: models.Model
    lost_evidence: list[int]  # ids of evidence codings deleted since
    moved: bool  # a coding placed where its quote is now, not at its old offsets


@transaction.atomic
def restore_deleted(*, study: Study, kind: str, record_id: int, user: User) -> Undeleted:
    """Recreate a deleted tie, coding or actor of the study from its last version, with the same id.

    ``ValidationError`` (nothing written) when it exists again, is not a deleted record of the
    study, belongs to a person who withdrew consent, or no longer fits (its region, interview or
    actors gone, its quote no longer in the transcript). The restore is a new version.
    """
    model = DELETABLE.get(kind)
    if model is None:
        raise ValidationError(_("Only ties, codings, actors and memos can be restored here."))
    if model.objects.filter(pk=record_id).exists():
        raise ValidationError(
            _("The %(kind)s %(id)s exists: it was restored already, or its id is taken.")
            % {"kind": kind_noun(kind), "id": record_id}
        )
    deletion = deleted_version(study, kind, record_id)
    if deletion is None:
        raise ValidationError(
            _(
                "There is no deleted %(kind)s %(id)s in this study to restore "
                "(or it concerns a person who withdrew consent)."
            )
            % {"kind": kind_noun(kind), "id": record_id}
        )
    restored = deletion.instance
    restored._state.adding = True
    moved = False
    if isinstance(restored, Interaction):
        _check_tie_ends(restored)
    elif isinstance(restored, Coding):
        moved = _place_coding(restored, deletion)
    elif isinstance(restored, Memo):
        _check_memo_target(restored)
    else:
        _drop_links_to_deleted_actors(restored)
    restored.full_clean()
    restored._change_reason = f"Restored after its deletion of {deletion.history_date:%Y-%m-%d %H:%M}"
    restored._history_user = user
    try:
        with transaction.atomic():
            restored.save(force_insert=True)
    except IntegrityError as error:
        reason = str(error).split("\nCONTEXT")[0]
        raise ValidationError(
            _("The %(kind)s cannot be restored: %(reason)s") % {"kind": kind_noun(kind), "reason": reason}
        ) from error
    lost: list[int] = []
    if isinstance(restored, Interaction):
        wanted = evidence_before_deletion(deletion)
        kept = list(Coding.objects.filter(pk__in=wanted, interview__region_id=restored.region_id))
        restored.evidence.set(kept)
        lost = sorted(wanted - {coding.pk for coding in kept})
    return Undeleted(restored, lost, moved)


def _check_tie_ends(tie: Interaction) -> None:
    ends = Actor.objects.filter(pk__in=[tie.source_id, tie.target_id], region_id=tie.region_id).count()
    if ends < len({tie.source_id, tie.target_id}):
        raise ValidationError(_("The tie cannot be restored: one of its actors was deleted. Restore the actor first."))
    if tie.wave_id is not None and not Wave.objects.filter(pk=tie.wave_id).exists():
        raise ValidationError(_("The tie cannot be restored: its wave was deleted."))


def _place_coding(coding: Coding, deletion: Any) -> bool:
    """Check the quote is still at its offsets, or move it to where the quote is now."""
    interview = Interview.objects.filter(pk=coding.interview_id).first()
    if interview is None:
        raise ValidationError(_("The coding cannot be restored: its interview was deleted."))
    if not Code.objects.filter(pk=coding.code_id).exists():
        raise ValidationError(_("The coding cannot be restored: its code was deleted."))
    text = interview.transcript
    if text[coding.start : coding.end] == coding.quote:
        return False
    old_text = transcript_at(coding.interview_id, deletion.history_date)
    anchors, lost = reanchor(old_text if old_text is not None else text, text, [coding])
    if lost:
        raise ValidationError(
            _("The coding cannot be restored: its quote “%(quote)s” is no longer in the transcript.")
            % {"quote": coding.quote[:60]}
        )
    anchor = anchors[coding.pk]
    coding.start, coding.end, coding.quote = anchor.start, anchor.end, anchor.quote
    return True


def _check_memo_target(memo: Memo) -> None:
    # A target deleted since is named, rather than the memo silently becoming a free memo.
    kind = memo.target_kind
    if (
        kind
        and not type(memo)
        ._meta.get_field(kind)
        .related_model._default_manager.filter(  # type: ignore[union-attr]
            pk=getattr(memo, f"{kind}_id")
        )
        .exists()
    ):
        raise ValidationError(
            _("The memo cannot be restored: the %(kind)s it was written on was deleted.") % {"kind": kind_noun(kind)}
        )


def _drop_links_to_deleted_actors(actor: Actor) -> None:
    # Links to actors deleted since go, as they would have gone had the actor stayed (SET NULL).
    for field in ("affiliation", "spun_off_from"):
        linked = getattr(actor, f"{field}_id")
        if linked is not None and not Actor.objects.filter(pk=linked, region_id=actor.region_id).exists():
            setattr(actor, f"{field}_id", None)
