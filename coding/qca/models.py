"""Saved QCA models: a named specification of a study with the last result and what it came from.

The result is a cache of the analysis of ``spec`` on the study's data as it was; ``fingerprint``
is the hash of that data (``coding.qca.selectors.fingerprint``). When the data move on, the model
is "stale" until the worker (``coding.qca.tasks``) has computed it again; readers compare the
fingerprint on every read, so a change that no signal reports is still noticed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Study
from cases.querysets import StudyScopedQuerySet


class QcaStatus(models.TextChoices):
    OK = "ok", _("up to date")
    STALE = "stale", _("stale, recomputing")
    FAILED = "failed", _("failed on the current data")


class QcaModelQuerySet(StudyScopedQuerySet):
    study_path = "study"


class QcaModel(models.Model):
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="qca_models")
    name = models.CharField(max_length=200)
    spec = models.JSONField(help_text="The specification (coding.qca.spec): cases, outcome, conditions, cut-offs.")
    result = models.JSONField(null=True, blank=True, help_text="The last result (coding.qca.engine.analyse).")
    fingerprint = models.CharField(max_length=64, blank=True, help_text="Hash of the case data of the last result.")
    status = models.CharField(max_length=10, choices=QcaStatus.choices, default=QcaStatus.STALE)
    error = models.TextField(blank=True, help_text="Why the current data could not be analysed (status failed).")
    computed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="qca_models"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QcaModelQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        ordering = ["study", "name"]
        constraints = [
            models.UniqueConstraint(fields=["study", "name"], name="qca_model_unique_name"),
            models.CheckConstraint(condition=Q(status__in=QcaStatus.values), name="qca_model_status_valid"),
        ]

    def __str__(self) -> str:
        return self.name
