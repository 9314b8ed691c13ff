"""Restoring an earlier version of a record researchers edit (django-simple-history underneath).

``restore`` writes an earlier state back as a new change, so restoring is itself undoable.
Restores pass the same validation as forms; a restored transcript takes its codings along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from coding.history.selectors import HIDDEN_FIELDS
from coding.interviews.services import TranscriptEditRefused, defer_transcript_checks, move_codings

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from coding.history.selectors import Tracked


def restore(*, instance: Tracked, history_id: int, user: User) -> models.Model:
    """Write the state of version ``history_id`` back; ``ValidationError`` if it no longer fits.

    The transaction opens inside: the transcript checks are deferred to its commit, and a refusal
    there must still become a ``ValidationError`` here.
    """
    record = instance.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError("This version does not belong to the object.")
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
            f"The earlier transcript cannot be restored: {len(refused.lost)} coding(s) made since then have no "
            f"place in it ({quotes}). Delete or move them first."
        ) from refused
    except IntegrityError as error:
        # E.g. an older transcript that the codings made since then do not fit.
        raise ValidationError(f"The earlier version cannot be restored: {error}".split("\nCONTEXT")[0]) from error
    return restored


def _restore_many_to_many(restored: models.Model, record: Any) -> None:
    for field in getattr(record, "_history_m2m_fields", []):
        rows = getattr(record, field.name).all()
        target = field.m2m_reverse_field_name()
        getattr(restored, field.name).set([getattr(row, f"{target}_id") for row in rows])
