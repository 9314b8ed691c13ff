"""Stored analysis results: one snapshot per region, wave (or all waves) and tie layer.

A region's ``RegionAnalysisState.version`` counts every change to its inputs; a snapshot records the
version it was computed from, so "stale" is simply ``snapshot.input_version < state.version``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, ExpressionWrapper, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import Region, Wave
from cases.querysets import StudyScopedQuerySet


class SnapshotStatus(models.TextChoices):
    STALE = "stale", "stale"
    QUEUED = "queued", "queued"
    RUNNING = "running", "computing"
    OK = "ok", "up to date"
    FAILED = "failed", "failed"


class RegionAnalysisState(models.Model):
    """Per-region change counter, which waves each change touched, and the dedup marker of the
    pending recomputation.

    Touched waves are kept as "the version of the last edit that touched it" (per wave, and for
    every wave at once), written by the edit's own version bump (``services.mark_stale``). A wave's
    stored snapshot of version v is still right at a later version N when no edit after v touched
    that wave: ``v >= touched_all_version`` and ``v >= touched_wave_versions[wave]``. A set of
    touched waves cleared by the run that takes it over would lose waves: a run overtaken by an
    edit skips its group's tasks, so the waves it took over would never be recomputed. Versions
    only grow, so nothing is cleared and concurrent edits cannot lose each other's marks (both
    UPDATE the same row, one after the other). A data migration that makes every result stale must
    set ``touched_all_version`` to the bumped version too, as ``mark_stale`` does.
    """

    region = models.OneToOneField(Region, on_delete=models.CASCADE, primary_key=True, related_name="analysis_state")
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every change of the region's inputs.")
    computed_version = models.PositiveIntegerField(default=0, help_text="Version of the last stored results.")
    # The region's creation touched every wave (at version 1).
    touched_all_version = models.PositiveIntegerField(
        default=1, help_text="Version of the last change that touched every wave (actors, waves, settings)."
    )
    touched_wave_versions = models.JSONField(
        default=dict, blank=True, help_text="Wave id -> version of the last change that touched that wave's ties."
    )
    # How many ties the last run read: picks the debounce of the next edit without counting them.
    tie_count = models.PositiveIntegerField(default=0)
    # Set while a run is queued: further edits in the debounce window do not enqueue another one.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"analysis of region {self.region_id}: v{self.computed_version}/{self.version}"

    @property
    def is_stale(self) -> bool:
        return self.computed_version < self.version

    def wave_unchanged_since(self, wave_id: int, version: int) -> bool:
        """Whether no change after ``version`` touched the inputs of ``wave_id``'s snapshots."""
        touched = max(self.touched_all_version, int(self.touched_wave_versions.get(str(wave_id), 0)))
        return version >= touched


class AnalysisSnapshotQuerySet(StudyScopedQuerySet):
    study_path = "region__study"


class AnalysisSnapshot(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="analysis_snapshots")
    wave = models.ForeignKey(
        Wave,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="analysis_snapshots",
        help_text="Blank = all waves.",
    )
    layer = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=SnapshotStatus.choices, default=SnapshotStatus.STALE)
    input_version = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True, help_text="Output of coding.analysis.derive.derive_region.")
    # The full tie lists of the result's classification records, which keep a count and a sample
    # (coding.worker.evidence): read only when a reader asks for one record's evidence, so every
    # query that loads snapshots for display defers it. Null for results stored before the split.
    evidence = models.JSONField(null=True, blank=True, help_text="Full evidence of the classifications.")
    # What the status endpoint, polled every few seconds, needs of the result, kept by the database
    # beside it: reading even one key of the result reads all of it (13 MB for 5,000 actors and
    # 50,000 ties, issue 17). The stability follows caveats.stability_state.
    has_result = models.GeneratedField(
        expression=ExpressionWrapper(Q(result__isnull=False) & ~Q(result={}), output_field=models.BooleanField()),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    stability_state = models.GeneratedField(
        expression=Case(
            When(~Q(result__has_key="stability"), then=Value("computing")),
            When(result__stability__status="failed", then=Value("failed")),
            default=Value("computed"),
        ),
        output_field=models.CharField(max_length=10),
        db_persist=True,
    )
    error = models.TextField(blank=True)
    settings_used = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # The worker (Celery's node name) that computed the result: several share a region's work.
    computed_by = models.CharField(max_length=255, blank=True, default="")

    objects = AnalysisSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["region", "wave", "layer"]
        constraints = [
            models.UniqueConstraint(fields=["region", "wave", "layer"], name="snapshot_unique_region_wave_layer"),
            # NULL waves are distinct in a plain unique constraint: one "all waves" row per layer.
            models.UniqueConstraint(
                fields=["region", "layer"], condition=Q(wave__isnull=True), name="snapshot_unique_all_waves_layer"
            ),
            models.CheckConstraint(condition=Q(status__in=SnapshotStatus.values), name="snapshot_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id}/{self.wave_id or 'all'}/{self.layer} ({self.status})"


def effective_status(snapshot: AnalysisSnapshot | None, state: RegionAnalysisState | None) -> str:
    """What the reader should be told: the snapshot's status, or "stale"/"queued" when inputs moved on.

    A snapshot is current only while it was computed from the region's current input version; a
    run past Celery's hard time limit died with its worker and no longer counts as computing.
    """
    pending = SnapshotStatus.QUEUED if state is not None and state.enqueued_at else SnapshotStatus.STALE
    if snapshot is None:
        return pending
    if snapshot.status == SnapshotStatus.RUNNING and _run_is_lost(snapshot):
        return pending
    current_version = state.version if state else 1
    if snapshot.input_version >= current_version or snapshot.status in (SnapshotStatus.QUEUED, SnapshotStatus.RUNNING):
        return snapshot.status
    return pending


def _run_is_lost(snapshot: AnalysisSnapshot) -> bool:
    """A run past Celery's hard time limit died with its worker (the sweep will redo it)."""
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return snapshot.started_at is None or snapshot.started_at < timezone.now() - limit


def pending_edits_note(snapshot: AnalysisSnapshot | None, state: RegionAnalysisState | None) -> str:
    """The note "as of version N; newer edits pending" for a stored result older than the region's data.

    A run overtaken by an edit still stores what it computed, marked with the version it read; the
    run of the newer version replaces it.
    """
    if snapshot is None or state is None or snapshot.input_version >= state.version or not snapshot.has_result:
        return ""
    return gettext("as of version %(version)s; newer edits pending") % {"version": snapshot.input_version}
