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
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver

from cases.models import Actor, Interview, Region, Study, Wave
from coding.models import Coding, Interaction, Outcome
from coding.worker.models import RegionAnalysisState
from coding.worker.services import mark_stale

M2M_CHANGES = {"post_add", "post_remove", "post_clear"}


REGION_ROWS = (Interaction, Actor, Outcome, Interview, Wave)


def _remember_region(sender: type, instance: Any, **kwargs: Any) -> None:
    # A row moved to another region (admin) changes the analysis of both.
    instance._loaded_region_id = instance.__dict__.get("region_id")


def _on_region_row(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures loading
        return
    mark_stale({instance.region_id, getattr(instance, "_loaded_region_id", None)} - {None})
    instance._loaded_region_id = instance.region_id


def _on_coding(sender: type, instance: Coding, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    region_id = Interview.objects.filter(pk=instance.interview_id).values_list("region_id", flat=True).first()
    if region_id is not None:
        mark_stale([region_id])


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
post_save.connect(_on_coding, sender=Coding, dispatch_uid="analysis_stale_save_Coding")
post_delete.connect(_on_coding, sender=Coding, dispatch_uid="analysis_stale_delete_Coding")


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
        mark_stale(_m2m_regions(instance, model, pk_set, reverse))


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
