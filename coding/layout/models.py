"""The stored layout of a region's network pictures: one row per region (``coding.analysis.layout``).

Positions are ``{"<actor id>": [x, y]}`` in the box 0..1000, one decimal: compact enough to send
with every picture. ``input_version`` is the region's input version (``RegionAnalysisState``) the
positions were last brought up to date with; ``seed`` is what igraph started from, bumped by each
re-layout so that asking again gives a fresh picture.
"""

from __future__ import annotations

from django.db import models

from cases.models import Region
from cases.querysets import StudyScopedQuerySet


class RegionLayoutQuerySet(StudyScopedQuerySet):
    study_path = "region__study"


class RegionLayout(models.Model):
    region = models.OneToOneField(Region, on_delete=models.CASCADE, primary_key=True, related_name="layout")
    positions = models.JSONField(default=dict, blank=True, help_text='{"actor id": [x, y]}, 0..1000.')
    seed = models.PositiveIntegerField(default=0, help_text="igraph's seed of the last re-layout.")
    input_version = models.PositiveIntegerField(
        default=0, help_text="The region's input version it is up to date with."
    )
    computed_at = models.DateTimeField(null=True, blank=True, help_text="Last update (new actors placed).")
    relaid_at = models.DateTimeField(null=True, blank=True, help_text="Last layout from scratch.")
    # Set while a re-layout is queued: repeated clicks send one message (cleared when it is stored).
    relayout_requested_at = models.DateTimeField(null=True, blank=True)

    objects = RegionLayoutQuerySet.as_manager()

    def __str__(self) -> str:
        return f"layout of region {self.region_id} (v{self.input_version}, {len(self.positions)} actors)"
