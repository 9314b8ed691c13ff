"""The record of one reorganisation of a study's codebook (merge, split, move), for undoing it.

The states of the codes and codings before and after are not copied here: they are the history
rows (django-simple-history) that the operation writes with ``reason`` as their change reason.
Only what no history keeps is stored on the row: the evidence links of ties and outcomes that a
merge moved from a collapsed duplicate to the coding kept (``Outcome`` has no history, and a
tie's history would show the link change without the operation it belongs to).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from cases.models import Study
from coding.codebook.plan import change_reason


class OperationKind(models.TextChoices):
    MERGE = "merge", "merge"
    SPLIT = "split", "split"
    MOVE = "move", "move"


class CodebookOperation(models.Model):
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="codebook_operations")
    # The scheme version reorganised: the study's pinned version at the time.
    scheme = models.ForeignKey("coding.CodingScheme", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=OperationKind.choices)
    summary = models.CharField(max_length=500)
    counts = models.JSONField(default=dict, help_text="What changed, as shown in the preview.")
    evidence_moves = models.JSONField(
        default=list, help_text="Evidence links moved off collapsed duplicates: [model, owner, dropped, kept, added]."
    )
    # SET_NULL: the record of an operation outlives the account that made it.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OperationKind.values), name="codebook_operation_kind_valid"),
        ]
        indexes = [
            # The codebook page: a study's latest operations; undo: the latest one not undone.
            models.Index(fields=["study", "-id"], name="codebook_op_study_idx"),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def reason(self) -> str:
        """The change reason of every history row the operation wrote: unique by the id, which
        comes first, as the history keeps 100 characters of it."""
        return change_reason(f"Codebook change {self.pk}: {self.summary}")

    @property
    def undo_reason(self) -> str:
        return change_reason(f"Undid codebook change {self.pk}: {self.summary}")
