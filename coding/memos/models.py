"""Memos: a researcher's notes on a code, an actor, an interview, a region, a wave, the study, or free.

A memo is the researchers' thinking (MAXQDA's and ATLAS.ti's memos). It names at most one target
through explicit foreign keys, so integrity is the database's: a target with memos cannot be
deleted (RESTRICT: the delete is refused naming the memos, as for any record still referred to),
because deleting a code or an actor must not silently delete or orphan what was written about it.
Deleting the whole study deletes its memos (its regions, actors, ... go in the same delete).
"""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models import Actor, Interview, Region, Study, Wave
from cases.querysets import StudyScopedQuerySet

# The foreign keys a memo may be written on, in the order the pages list them.
TARGET_FIELDS = ("code", "actor", "interview", "region", "wave")


class MemoQuerySet(StudyScopedQuerySet):
    study_path = "study"


class Memo(models.Model):
    """A free-standing memo of a study, on at most one target (none: a free memo or a study memo)."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="memos")
    title = models.CharField(max_length=200)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memos")
    code = models.ForeignKey("coding.Code", on_delete=models.RESTRICT, null=True, blank=True, related_name="memos")
    actor = models.ForeignKey(Actor, on_delete=models.RESTRICT, null=True, blank=True, related_name="memos")
    interview = models.ForeignKey(Interview, on_delete=models.RESTRICT, null=True, blank=True, related_name="memos")
    region = models.ForeignKey(Region, on_delete=models.RESTRICT, null=True, blank=True, related_name="memos")
    wave = models.ForeignKey(Wave, on_delete=models.RESTRICT, null=True, blank=True, related_name="memos")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = MemoQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        ordering = ["study", "-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                # At most one target: the number of non-null target columns is 0 or 1.
                condition=Q(code__isnull=True, actor__isnull=True, interview__isnull=True, region__isnull=True)
                | Q(code__isnull=True, actor__isnull=True, interview__isnull=True, wave__isnull=True)
                | Q(code__isnull=True, actor__isnull=True, region__isnull=True, wave__isnull=True)
                | Q(code__isnull=True, interview__isnull=True, region__isnull=True, wave__isnull=True)
                | Q(actor__isnull=True, interview__isnull=True, region__isnull=True, wave__isnull=True),
                name="memo_at_most_one_target",
            ),
            models.CheckConstraint(condition=Q(text__regex=r"\S"), name="memo_text_not_blank"),
            models.CheckConstraint(condition=Q(title__regex=r"\S"), name="memo_title_not_blank"),
        ]
        indexes = [
            # The memo list of a study, newest first.
            models.Index(fields=["study", "-updated_at"], name="memo_study_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def target_kind(self) -> str:
        """``code``, ``actor``, ``interview``, ``region``, ``wave`` or ``""`` (a free or study memo)."""
        return next((field for field in TARGET_FIELDS if getattr(self, f"{field}_id") is not None), "")

    @property
    def target(self) -> models.Model | None:
        kind = self.target_kind
        return getattr(self, kind) if kind else None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.text or "").strip():
            errors["text"] = "Write the memo's text."
        if not (self.title or "").strip():
            errors["title"] = "Give the memo a title."
        targets = [field for field in TARGET_FIELDS if getattr(self, f"{field}_id") is not None]
        if len(targets) > 1:
            errors["__all__"] = f"A memo is written on one record at most; this one names {', '.join(targets)}."
        elif targets and self.study_id is not None and self._target_study_id(targets[0]) != self.study_id:
            errors[targets[0]] = f"The {targets[0]} is not part of the memo's study."
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # ``clean()`` checks the same rules as the check constraints, with messages naming the field.
        super().validate_constraints(exclude={*(exclude or ()), "title", "text", *TARGET_FIELDS})

    def _target_study_id(self, field: str) -> int | None:
        target = getattr(self, field)
        if field == "code":
            return self.study_id if self.study.coding_scheme_id == target.scheme_id else None
        if field == "region":
            return int(target.study_id)
        return int(target.region.study_id)
