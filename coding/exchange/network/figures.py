"""The stored analysis figures a network file carries, and the graph attributes that say where
they come from (layer, wave, data version, settings), or why a file has none.

Figures come only from a snapshot computed from the region's current data (``effective_status``
"ok"): a stale one would give figures of another network than the file's edges. Then the file has
no figures and its ``figures`` graph attribute says why; it is never refused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.fields.json import KeyTransform

from cases.models import Region, Study
from coding.exchange.network.choice import ALL, NetworkChoice
from coding.exchange.records import AttributeValue
from coding.exchange.tables.rows import METRIC_COLUMNS
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus, effective_status

CURRENT = "current"
MISSING = "missing"
EDGES_NOTE = (
    "One undirected edge per pair of actors with ties of this layer and wave, the graph every figure "
    "is computed on (unweighted; self-ties left out). strength: the pair's highest tie strength, not a "
    "distance. mutual: ties run both ways; else arc_from names the node they point away from."
)


@dataclass(frozen=True)
class RegionFigures:
    region: Region
    status: str  # CURRENT, MISSING or the snapshot's effective status ("stale", "queued", ...)
    data_version: int
    snapshot: AnalysisSnapshot | None

    @property
    def result(self) -> dict[str, Any]:
        """The parts of the stored result a file uses (``actors``, ``settings``), when current."""
        if self.snapshot is None or self.status != CURRENT:
            return {}
        snapshot: Any = self.snapshot  # annotated by region_figures
        parts = {"actors": snapshot.result_actors, "settings": snapshot.result_settings}
        return {name: part for name, part in parts.items() if part is not None}

    def by_actor(self) -> dict[int, dict[str, AttributeValue]]:
        """Every per-actor figure of the snapshot (the actors table's metric columns), by actor id."""
        rows = self.result.get("actors", [])
        return {row["id"]: {column: row.get(column) for column in METRIC_COLUMNS} for row in rows}

    @property
    def computed_at(self) -> str | None:
        computed_at = self.snapshot.computed_at if self.result and self.snapshot else None
        return computed_at.isoformat() if computed_at else None


def region_figures(regions: Sequence[Region], choice: NetworkChoice) -> list[RegionFigures]:
    """The snapshot of ``choice`` of each region and whether it is current: two queries."""
    # Only the result's actors and settings leave the database: the whole result (every tie's
    # figures, the null model, ...) runs to megabytes and would be most of a file's memory.
    found_snapshots = (
        AnalysisSnapshot.objects.filter(region__in=regions, layer=choice.layer, wave=choice.wave)
        .defer("result", "evidence")
        .annotate(
            result_actors=KeyTransform("actors", "result"),
            result_settings=KeyTransform("settings", "result"),
            result_stored=ExpressionWrapper(Q(result__isnull=False), output_field=BooleanField()),
        )
    )
    snapshots = {snapshot.region_id: snapshot for snapshot in found_snapshots}
    states = {state.region_id: state for state in RegionAnalysisState.objects.filter(region__in=regions)}
    found = []
    for region in regions:
        snapshot, state = snapshots.get(region.pk), states.get(region.pk)
        found.append(RegionFigures(region, _status(snapshot, state), state.version if state else 1, snapshot))
    return found


def _status(snapshot: AnalysisSnapshot | None, state: RegionAnalysisState | None) -> str:
    if snapshot is None:
        return MISSING
    status = effective_status(snapshot, state)
    if status == SnapshotStatus.OK:
        return CURRENT if snapshot.result_stored else MISSING  # type: ignore[attr-defined]
    return str(SnapshotStatus(status).label)  # stale, queued, computing or failed


def graph_attributes(
    owner: Study | Region, choice: NetworkChoice, figures: Sequence[RegionFigures], settings: dict[str, Any]
) -> dict[str, AttributeValue]:
    """Layer, wave, figures' status, data version, computation time and settings of the file."""
    common: dict[str, AttributeValue] = {
        "layer": choice.layer,
        "layer_label": choice.layer_label,
        "wave": choice.wave.label if choice.wave else ALL,
        "wave_id": choice.wave.pk if choice.wave else None,
        "edges": EDGES_NOTE,
    }
    if isinstance(owner, Region):
        [region] = figures
        used = region.result.get("settings", settings)
        return {
            "region": owner.name,
            **common,
            "figures": region.status,
            "figures_note": None if region.status == CURRENT else _note(region.status),
            "data_version": region.data_version,
            "computed_at": region.computed_at,
            "settings": json.dumps(used, sort_keys=True),
        }
    statuses = {region.status for region in figures}
    overall = CURRENT if statuses == {CURRENT} else "partial" if CURRENT in statuses else "none"
    return {
        "study": owner.title,
        **common,
        "figures": overall,
        "figures_note": None if overall == CURRENT else "Regions without a current analysis have no figures (regions).",
        "regions": json.dumps([_region_entry(region) for region in figures]),
        "settings": json.dumps(settings, sort_keys=True),
    }


def _region_entry(figures: RegionFigures) -> dict[str, Any]:
    return {
        "region_id": figures.region.pk,
        "region": figures.region.name,
        "figures": figures.status,
        "data_version": figures.data_version,
        "computed_at": figures.computed_at,
    }


def _note(status: str) -> str:
    why = "was never computed" if status == MISSING else f"is {status}"
    return (
        f"The analysis of this layer and wave {why}, so the file has no figures. "
        "Open the region's analysis page to have it computed, then export again."
    )
