"""The structure rule's null model as a follow-up of the run that stores a region's snapshots.

Testing closure and brokerage against ``structure_null_draws`` random networks takes seconds (2.6 s
of the 2.7 s that "all ties, all waves" of a 300-actor region takes to derive; everything else,
0.16 s). So the run publishes every snapshot without it — the structure record says
"null_model_pending" and the result carries ``null_model_pending`` — and the stability follow-up of
each layer (``services.region_stability``) first derives that layer's pending snapshots in full and
stores them, then computes its checks. A researcher sees the region's figures and every other
label a few hundred milliseconds after an edit, and the structure label seconds later.

Storing follows the pipeline's rule: one conditional UPDATE in a short transaction, which matches
only while the row still holds the result this one completes (same input version and computing
time); a newer result stored meanwhile wins, and no edit ever waits for it.
"""

from __future__ import annotations

import logging
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coding.worker.evidence import snapshot_fields
from coding.worker.loader import RegionInputs, derive_from_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus

logger = logging.getLogger(__name__)


class Overtaken(Exception):
    """The region's data changed while its follow-up ran: the newer run sends its own."""


def still_current(region_id: int, version: int) -> None:
    """Raises ``Overtaken`` once the region is past ``version`` (one small query)."""
    if not RegionAnalysisState.objects.filter(region_id=region_id, version=version).exists():
        raise Overtaken


def null_models_complete(*, inputs: RegionInputs, input_version: int, layer: str) -> int:
    """Derive in full and store the snapshots of ``layer`` still waiting for their null model.

    Returns how many were stored. A failure leaves the snapshot as it was (its label says the test
    is pending) and is logged; the next edit's run tries again.
    """
    pending = (
        AnalysisSnapshot.objects.filter(
            region_id=inputs.region_id,
            layer=layer,
            status=SnapshotStatus.OK,
            input_version=input_version,
            result__null_model_pending=True,
        )
        .order_by(F("wave_id").asc(nulls_first=True))
        .values_list("pk", "wave_id", "computed_at")
    )
    stored = 0
    for pk, wave_id, computed_at in list(pending):
        still_current(inputs.region_id, input_version)  # raises ``Overtaken``: see region_stability
        try:
            result = derive_from_inputs(inputs, wave_id, layer)
        except SoftTimeLimitExceeded:
            raise
        except Exception:
            logger.exception("Null model of region %s wave %s layer %s failed", inputs.region_id, wave_id, layer)
            continue
        stored += null_model_store(snapshot_id=pk, input_version=input_version, computed_at=computed_at, result=result)
    return stored


@transaction.atomic
def null_model_store(*, snapshot_id: int, input_version: int, computed_at: Any, result: dict[str, Any]) -> int:
    """Replace the pending result (and its evidence, as the run stores them) if the row still holds
    it; a new computing time tells open pages to fetch the results again."""
    return AnalysisSnapshot.objects.filter(pk=snapshot_id, input_version=input_version, computed_at=computed_at).update(
        **snapshot_fields(result), computed_at=timezone.now()
    )
