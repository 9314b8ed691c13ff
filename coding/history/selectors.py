"""Reads of the history of the records researchers edit (django-simple-history underneath).

Every save of an actor, interview (transcript included), coding or interaction is a historical
record with who, when and the full state. ``versions`` lists them newest first with the fields
that changed against the version before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models

if TYPE_CHECKING:
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
