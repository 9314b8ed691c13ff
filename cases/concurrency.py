"""Optimistic locking for edit forms: two people editing the same record do not silently
overwrite each other.

The form carries the ``updated_at`` of the row it was loaded from. If the row changed since,
``clean()`` refuses with who changed it and when; the write (``cases.services.record_save``, or
the form's own ``save()`` for callers that still save through a form) checks again under a row
lock, so the check and the write cannot be split by another save in between.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


class EditConflict(ValidationError):
    pass


def version_token(instance: models.Model) -> str:
    stamp = getattr(instance, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def conflict_message(current: models.Model) -> str:
    who = _("someone else")
    history = getattr(current, "history", None)
    if history is not None:
        latest = history.select_related("history_user").first()
        if latest is not None and latest.history_user is not None:
            who = latest.history_user.get_username()
    updated_at = getattr(current, "updated_at", None)
    if updated_at is None:
        return _(
            "This record was changed by %(who)s meanwhile. Your changes were not saved: "
            "reload the page to see the current version, then apply your changes again."
        ) % {"who": who}
    return _(
        "This record was changed by %(who)s at %(when)s after you opened it. Your changes were not saved: "
        "reload the page to see the current version, then apply your changes again."
    ) % {"who": who, "when": f"{updated_at:%Y-%m-%d %H:%M:%S}"}


def fetch_current(instance: models.Model, *, lock: bool) -> models.Model | None:
    """The row as stored now (locked until the transaction ends if ``lock``); None for a new row."""
    if not instance.pk:
        return None
    rows = type(instance)._default_manager.filter(pk=instance.pk)
    return (rows.select_for_update() if lock else rows).first()


def has_version(model: type[models.Model]) -> bool:
    """Whether rows of ``model`` carry the version that ``version_token`` reads."""
    return any(field.name == "updated_at" for field in model._meta.get_fields())


def check_version(record: models.Model, loaded_version: str | None, *, lock: bool) -> None:
    """Refuse with ``EditConflict`` if the stored row is no longer the version the editor loaded.

    ``loaded_version`` None means the caller did not load a version (a new row, an import): no check.
    With ``lock`` the row stays locked until the transaction ends, so call it inside one.
    """
    if loaded_version is None:
        return
    current = fetch_current(record, lock=lock)
    if current is not None and loaded_version != version_token(current):
        raise EditConflict(conflict_message(current), code="edit_conflict")


class OptimisticLockMixin(forms.ModelForm):
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = version_token(self.instance)

    @property
    def opened_version(self) -> str | None:
        """The version the editor loaded, for ``check_version``; None before validation."""
        return self.cleaned_data.get("loaded_version") if hasattr(self, "cleaned_data") else None

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        check_version(self.instance, self.opened_version, lock=False)
        return cleaned

    def save(self, commit: bool = True) -> models.Model:
        if not commit or not self.instance.pk:
            return super().save(commit=commit)
        with transaction.atomic():
            check_version(self.instance, self.opened_version, lock=True)
            return super().save(commit=True)
