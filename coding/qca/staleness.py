"""Mark saved QCA models stale when their inputs change: the receivers.

A model reads region and wave variables, codings (code shares) and the stored analysis. Variable
values and codings are saved one by one through the ORM, so their signals reach us; the analysis
snapshots are written in bulk by the worker, so we listen for its task instead: when a region's
recomputation has stored new results, the models of that study are recomputed after it. Region
and wave names (case labels) and anything missed here are caught on read, by the fingerprint
(``coding.qca.services.model_refresh``).
"""

from __future__ import annotations

from typing import Any

from celery.signals import task_success
from django.db.models.signals import post_delete, post_save

from cases.models import Interview, Region
from coding.models import Coding
from coding.qca.services import qca_models_mark_stale
from coding.variables.models import Variable, VariableValue
from coding.worker.tasks import recompute_region, recompute_snapshot


def _on_value(sender: type, instance: VariableValue, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if VariableValue.variable.is_cached(instance):  # the grid and the imports pass the variable
        study_id: int | None = instance.variable.study_id
    else:
        study_id = Variable.objects.filter(pk=instance.variable_id).values_list("study_id", flat=True).first()
    if study_id is not None:
        qca_models_mark_stale({study_id})


def _on_coding(sender: type, instance: Coding, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    study_id = Interview.objects.filter(pk=instance.interview_id).values_list("region__study_id", flat=True).first()
    if study_id is not None:
        qca_models_mark_stale({study_id})


def _on_region_analysed(sender: Any = None, result: Any = None, **kwargs: Any) -> None:
    # The coordinator stores "all/all"; the task that stores a run's last snapshot says "completed".
    name = getattr(sender, "name", "")
    if name not in (recompute_region.name, recompute_snapshot.name):
        return
    if not isinstance(result, dict) or not result.get("completed" if name == recompute_snapshot.name else "stored"):
        return
    region_id = result.get("region")
    if not isinstance(region_id, int):
        return
    study_id = Region.objects.filter(pk=region_id).values_list("study_id", flat=True).first()
    if study_id is not None:
        qca_models_mark_stale({study_id})


post_save.connect(_on_value, sender=VariableValue, dispatch_uid="qca_stale_save_VariableValue")
post_delete.connect(_on_value, sender=VariableValue, dispatch_uid="qca_stale_delete_VariableValue")
post_save.connect(_on_coding, sender=Coding, dispatch_uid="qca_stale_save_Coding")
post_delete.connect(_on_coding, sender=Coding, dispatch_uid="qca_stale_delete_Coding")
task_success.connect(_on_region_analysed, dispatch_uid="qca_stale_region_analysed")
