"""Fixtures of the evidence tests: a region whose ties a stored classification record names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from coding.models import Interaction
from coding.worker.evidence import snapshot_fields
from coding.worker.models import AnalysisSnapshot, SnapshotStatus
from tests import factories


def record(name: str, tie_ids: list[int], **extra: Any) -> dict[str, Any]:
    """A classification record as ``coding.analysis.explanation`` writes them."""
    return {
        "name": name,
        "label": "cooperation",
        "thresholds": {},
        "figures": {},
        "tie_ids": tie_ids,
        "actor_ids": [],
        "reason": "Most mode-coded ties are cooperative.",
        **extra,
    }


def chain_of_ties(region, count: int) -> list[int]:
    """``count`` cooperation ties along a chain of organisations, their ids in creation order."""
    firms = [factories.OrganisationFactory(region=region, name=f"Firm {i:04d}") for i in range(count + 1)]
    ties = Interaction.objects.bulk_create(
        Interaction(region=region, source=firms[i], target=firms[i + 1], mode_cooperation=True) for i in range(count)
    )
    return [tie.pk for tie in ties]


@pytest.fixture
def stored() -> Callable[..., AnalysisSnapshot]:
    """Stores a snapshot of ``region`` whose "coordination_regime" names ``tie_ids``, split as the
    worker stores results (``split=False``: as results were stored before the split)."""

    def _store(region, tie_ids: list[int], *, split: bool = True, layer: str = "all", wave=None) -> AnalysisSnapshot:
        result = {"metrics": {}, "actors": [], "ties": [], "classifications": [record("coordination_regime", tie_ids)]}
        fields = snapshot_fields(result) if split else {"result": result}
        return AnalysisSnapshot.objects.create(
            region=region, wave=wave, layer=layer, status=SnapshotStatus.OK, input_version=1, **fields
        )

    return _store
