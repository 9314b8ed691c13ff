"""Mark a region's analysis stale when any of its inputs changes: the signal receivers.

Each receiver calls ``coding.worker.services.mark_stale`` (one UPDATE inside the edit's
transaction; the recomputation is enqueued after the commit).

Why signals, and not a call in every service: some writes of analysis inputs never pass through
a coding service, and a receiver on the model sees them all:
- the Django admin, which saves and deletes rows itself;
- the case-record pages in ``cases`` (actors, waves, interviews, regions, studies), which may not
  import ``coding`` (the dependency runs coding -> cases), so cannot call ``mark_stale``;
- history restores, a generic ``save()`` of any tracked row;
- cascade deletes, which Django reports row by row through ``post_delete``.
Coding's own single-row services save through the ORM and are covered by the same receivers.
Services that write coded rows in bulk (``bulk_create``, ``queryset.update``, the imports) call
``mark_stale`` themselves, once, because bulk writes send no signals.

Each receiver also says which waves the change touched, so the run recomputes only those waves'
snapshots (``pipeline.snapshots_keep``): a tie touches its wave (and the one it left), a coding and
a tie's evidence the waves of the ties the coding is evidence for (through the tie's confirmation
by interviews); everything else a wave's snapshot reads — actors, interviews and interviewees,
outcomes, waves, the study's settings — touches every wave.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete
from django.dispatch import receiver

from cases.models import Actor, Interview, Region, Study, Wave
from coding.models import Coding, Interaction, Outcome
from coding.worker.models import RegionAnalysisState
from coding.worker.services import mark_stale

M2M_CHANGES = {"post_add", "post_remove", "post_clear"}


# Rows whose change touches every wave of their region.
REGION_ROWS = (Actor, Outcome, Interview, Wave)
# A tie's wave as loaded is unknown (deferred): its change then touches every wave.
UNKNOWN = object()


def _remember_region(sender: type, instance: Any, **kwargs: Any) -> None:
    # A row moved to another region (admin) changes the analysis of both.
    instance._loaded_region_id = instance.__dict__.get("region_id")


def _on_region_row(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures loading
        return
    mark_stale({instance.region_id, getattr(instance, "_loaded_region_id", None)} - {None})
    instance._loaded_region_id = instance.region_id


def _remember_tie(sender: type, instance: Interaction, **kwargs: Any) -> None:
    _remember_region(sender, instance)
    instance._loaded_wave_id = instance.__dict__.get("wave_id", UNKNOWN)  # type: ignore[attr-defined]  # kept on the instance for the next save


def _on_tie(sender: type, instance: Interaction, **kwargs: Any) -> None:
    """A tie touches its wave and the one it was moved from."""
    if kwargs.get("raw"):
        return
    loaded: object = getattr(instance, "_loaded_wave_id", UNKNOWN)
    regions: set[int] = {instance.region_id, getattr(instance, "_loaded_region_id", None) or instance.region_id}
    waves = None if loaded is UNKNOWN else {instance.wave_id, cast("int | None", loaded)}
    mark_stale(regions, wave_ids=waves)
    instance._loaded_region_id = instance.region_id  # type: ignore[attr-defined]  # kept on the instance for the next save
    instance._loaded_wave_id = instance.wave_id  # type: ignore[attr-defined]  # kept on the instance for the next save


def _tie_waves(coding_id: int) -> set[int | None]:
    """The waves of the ties ``coding_id`` is evidence for."""
    through = Interaction.evidence.through.objects.filter(coding_id=coding_id)
    return set(through.values_list("interaction__wave_id", flat=True))


def _coding_region(coding: Coding) -> int | None:
    return Interview.objects.filter(pk=coding.interview_id).values_list("region_id", flat=True).first()


def _on_coding_saved(sender: type, instance: Coding, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    region_id = _coding_region(instance)
    if region_id is not None:
        mark_stale([region_id], wave_ids=_tie_waves(instance.pk))


def _on_coding_deleted(sender: type, instance: Coding, **kwargs: Any) -> None:
    region_id = _coding_region(instance)
    if region_id is not None:
        # Its evidence rows are gone by now: ``_remember_coding_ties`` read their waves before.
        mark_stale([region_id], wave_ids=getattr(instance, "_tie_wave_ids", None))


@receiver(pre_delete, sender=Coding, dispatch_uid="analysis_coding_remember_tie_waves")
def _remember_coding_ties(sender: type, instance: Coding, **kwargs: Any) -> None:
    instance._tie_wave_ids = _tie_waves(instance.pk)  # type: ignore[attr-defined]  # read by the post_delete receiver


@receiver(post_init, sender=Region, dispatch_uid="analysis_region_remember_study")
def _remember_study(sender: type, instance: Region, **kwargs: Any) -> None:
    instance._loaded_study_id = instance.__dict__.get("study_id")  # type: ignore[attr-defined]  # kept on the instance for the next save


@receiver(post_save, sender=Region, dispatch_uid="analysis_state_for_new_region")
def _on_region(sender: type, instance: Region, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    if created:
        # A new region starts stale (version 1, nothing computed); edits then only need an UPDATE.
        RegionAnalysisState.objects.create(region=instance)
    elif instance.study_id != getattr(instance, "_loaded_study_id", instance.study_id):
        mark_stale([instance.pk])  # another study's analysis settings apply now
    instance._loaded_study_id = instance.study_id  # type: ignore[attr-defined]  # kept on the instance for the next save


for model in REGION_ROWS:
    post_init.connect(_remember_region, sender=model, dispatch_uid=f"analysis_remember_region_{model.__name__}")
    post_save.connect(_on_region_row, sender=model, dispatch_uid=f"analysis_stale_save_{model.__name__}")
    post_delete.connect(_on_region_row, sender=model, dispatch_uid=f"analysis_stale_delete_{model.__name__}")
post_init.connect(_remember_tie, sender=Interaction, dispatch_uid="analysis_remember_region_Interaction")
post_save.connect(_on_tie, sender=Interaction, dispatch_uid="analysis_stale_save_Interaction")
post_delete.connect(_on_tie, sender=Interaction, dispatch_uid="analysis_stale_delete_Interaction")
post_save.connect(_on_coding_saved, sender=Coding, dispatch_uid="analysis_stale_save_Coding")
post_delete.connect(_on_coding_deleted, sender=Coding, dispatch_uid="analysis_stale_delete_Coding")


def _m2m_regions(instance: Any, model: type, pk_set: set[int] | None, reverse: bool) -> set[int]:
    """Regions touched by an m2m change seen from either side (``instance`` or ``model`` rows)."""
    if not reverse:
        return {instance.region_id}
    if model is Coding:
        return set(Interview.objects.filter(codings__pk__in=pk_set or ()).values_list("region_id", flat=True))
    # Reverse side with a clear(): the related rows are unknown, so take the instance's own region.
    if hasattr(instance, "region_id"):
        return {instance.region_id}
    return set(Interview.objects.filter(pk=instance.interview_id).values_list("region_id", flat=True))


@receiver(m2m_changed, sender=Interaction.evidence.through, dispatch_uid="analysis_stale_m2m_evidence")
@receiver(m2m_changed, sender=Outcome.actors.through, dispatch_uid="analysis_stale_m2m_outcome_actors")
@receiver(m2m_changed, sender=Outcome.evidence.through, dispatch_uid="analysis_stale_m2m_outcome_evidence")
@receiver(m2m_changed, sender=Interview.interviewees.through, dispatch_uid="analysis_stale_m2m_interviewees")
def _on_m2m(
    sender: type, instance: Any, action: str, reverse: bool, model: type, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action in M2M_CHANGES:
        waves = _evidence_waves(instance, pk_set, reverse) if sender is Interaction.evidence.through else None
        mark_stale(_m2m_regions(instance, model, pk_set, reverse), wave_ids=waves)


def _evidence_waves(instance: Any, pk_set: set[int] | None, reverse: bool) -> set[int | None] | None:
    """The waves of the ties whose evidence changed (None, every wave: a clear() from the coding's side)."""
    if not reverse:
        return {instance.wave_id}
    if pk_set is None:
        return None
    return set(Interaction.objects.filter(pk__in=pk_set).values_list("wave_id", flat=True))


@receiver(post_init, sender=Study, dispatch_uid="analysis_study_remember_settings")
def _remember_settings(sender: type, instance: Study, **kwargs: Any) -> None:
    # Compared after saving: only a change of the analysis settings makes results stale.
    instance._loaded_analysis_settings = instance.__dict__.get("analysis_settings")  # type: ignore[attr-defined]  # kept on the instance for the next save


@receiver(post_save, sender=Study, dispatch_uid="analysis_stale_study_settings")
def _on_study(sender: type, instance: Study, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created or raw:
        return
    if instance.analysis_settings != getattr(instance, "_loaded_analysis_settings", None):
        mark_stale(set(Region.objects.filter(study=instance).values_list("pk", flat=True)))
    instance._loaded_analysis_settings = instance.analysis_settings  # type: ignore[attr-defined]  # kept on the instance for the next save
