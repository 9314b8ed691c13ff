"""Figures of a partition computed on request: one row per region, wave (or all), layer and attribute.

The snapshot of every region stores the default partitions (actor type, location); any other
categorical actor attribute is computed when a reader asks for it and kept here, as a small
cache keyed by the region's input version: a row of an older version is stale and recomputed on
the next request, so there is never more than one row per key.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Region, Wave
from cases.querysets import StudyScopedQuerySet


class PartitionStatus(models.TextChoices):
    QUEUED = "queued", _("computing…")
    OK = "ok", _("up to date")
    FAILED = "failed", _("failed")
    # The broker could not be reached and the region is too large to compute during the request.
    WAITING = "waiting", _("waiting for the worker")


class PartitionFiguresQuerySet(StudyScopedQuerySet):
    study_path = "region__study"


class PartitionFigures(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="partition_figures")
    wave = models.ForeignKey(
        Wave,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partition_figures",
        help_text="Blank = all.",
    )
    layer = models.CharField(max_length=20)
    attribute = models.CharField(max_length=63, help_text="Name of a fixed actor attribute or of an actor variable.")
    input_version = models.PositiveIntegerField(default=0, help_text="The region's input version it is computed for.")
    status = models.CharField(max_length=10, choices=PartitionStatus.choices, default=PartitionStatus.QUEUED)
    result = models.JSONField(null=True, blank=True, help_text="coding.analysis.by_partition.partition_report.")
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    objects = PartitionFiguresQuerySet.as_manager()

    class Meta:
        ordering = ["region", "wave", "layer", "attribute"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "wave", "layer", "attribute"], name="partition_figures_unique_key"
            ),
            # NULL waves are distinct in a plain unique constraint: one "all waves" row per key.
            models.UniqueConstraint(
                fields=["region", "layer", "attribute"],
                condition=Q(wave__isnull=True),
                name="partition_figures_unique_all_waves",
            ),
            models.CheckConstraint(condition=Q(status__in=PartitionStatus.values), name="partition_figures_status"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id}/{self.wave_id or 'all'}/{self.layer}/{self.attribute} ({self.status})"
