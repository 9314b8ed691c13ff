"""History and undo of the records researchers edit (django-simple-history underneath).

Every save of an actor, interview (transcript included), coding or interaction is a historical
record with who, when and the full state. ``versions`` lists them newest first with the fields
that changed against the version before; ``restore`` writes an earlier state back as a new
change, so restoring is itself undoable. Restores pass the same validation as forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction

from coding.interviews.transcripts import TranscriptEditRefused, defer_transcript_checks, move_codings

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from cases.models import Actor, Interview
    from coding.models import Coding, Interaction

    Tracked = Actor | Interview | Coding | Interaction  # the models with a history page

# Fields not worth showing in a diff: they change on every save or are internal.
HIDDEN_FIELDS = {"created_at", "updated_at"}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Version:
    history_id: int
    date: Any
    user: str
    kind: str  # "created", "changed" or "deleted"
    reason: str
    changes: list[Change]


KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def versions(instance: Tracked, *, limit: int = 200) -> list[Version]:
    """The object's versions, newest first, each with its changes against the one before."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    result = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                label = _label(instance, change.field)
                changes.append(Change(change.field, label, _shown(change.old), _shown(change.new)))
        user = record.history_user.get_username() if record.history_user else "—"
        result.append(
            Version(
                record.history_id,
                record.history_date,
                user,
                KINDS[record.history_type],
                record.history_change_reason or "",
                changes,
            )
        )
    return result


def restore(instance: Tracked, history_id: int, user: User) -> models.Model:
    """Write the state of version ``history_id`` back; ``ValidationError`` if it no longer fits."""
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
                    restored, old_text, restored.transcript, user=user, reason=restored._change_reason, use_history=True
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


def _label(instance: models.Model, field_name: str) -> str:
    try:
        # History diffs name concrete fields only, never reverse relations.
        return str(cast("models.Field", instance._meta.get_field(field_name)).verbose_name)
    except FieldDoesNotExist:  # history-only fields
        return field_name


def _shown(value: Any) -> Any:
    # Long texts (transcripts) are shortened in the table; the full text is in the version.
    if isinstance(value, str) and len(value) > 300:
        return value[:300] + "…"
    if isinstance(value, list):  # many-to-many: list of dicts of the through rows
        return ", ".join(str(next(iter(row.values()))) for row in value[:50] if isinstance(row, dict)) or "—"
    return value
