"""Change between waves of a region, read from the stored per-wave analysis results.

Three queries however many waves, ties or actors: the region's waves, their snapshots of one tie
layer, and the region's analysis state (to tell a stale result apart). The figures themselves come
from the pure ``coding.analysis.change``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext as _

from cases.models import Region, Wave
from coding.analysis.change import WaveChange, consecutive_steps, wave_change
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus, effective_status


class ChangeRequestError(ValueError):
    """A chosen pair of waves that is not two different waves of the region; ``field``: "from" or "to"."""

    def __init__(self, message: str, field: str = "from") -> None:
        super().__init__(message)
        self.field = field


@dataclass
class Step:
    """Wave A → wave B of one region and layer; ``change`` is None until both results are stored."""

    before: Wave
    after: Wave
    change: WaveChange | None
    # "ok" when both results are current; otherwise the worse status of the two (stale, queued, …).
    status: str
    names: dict[int, str] = field(default_factory=dict)

    @property
    def is_current(self) -> bool:
        return self.status == SnapshotStatus.OK


@dataclass
class RegionChange:
    """The consecutive steps of a region's waves on one layer, and the chosen pair (if any)."""

    region: Region
    layer: str
    waves: list[Wave]
    steps: list[Step]
    chosen: Step | None


def _waves(region: Region) -> list[Wave]:
    return list(Wave.objects.filter(region=region).order_by("start", "id"))


def _snapshots(region: Region, layer: str) -> QuerySet[AnalysisSnapshot]:
    return AnalysisSnapshot.objects.filter(region=region, wave__isnull=False, layer=layer).only(
        "wave_id", "status", "input_version", "started_at", "result"
    )


def parse_pair(region_waves: list[Wave], before: str | None, after: str | None) -> tuple[Wave, Wave] | None:
    """The chosen pair from ``from``/``to`` ids, or None when neither is given; raises ChangeRequestError."""
    if not before and not after:
        return None
    by_id = {str(wave.pk): wave for wave in region_waves}
    for name, value in (("from", before), ("to", after)):
        if not value:
            raise ChangeRequestError(_("Choose both waves: “%(name)s” is missing.") % {"name": name}, name)
        if value not in by_id:
            said = _("“%(name)s” = “%(value)s” is not a wave of this region.") % {"name": name, "value": value}
            raise ChangeRequestError(said, name)
    if before == after:
        raise ChangeRequestError(_("Choose two different waves for “from” and “to”."), "from")
    return by_id[str(before)], by_id[str(after)]


def region_change(region: Region, layer: str, *, before: str | None = None, after: str | None = None) -> RegionChange:
    """Every consecutive step of ``region``'s waves on ``layer`` and the chosen ``before``→``after`` pair.

    Raises ChangeRequestError (naming the parameter) when the chosen pair is not two waves of the region.
    """
    waves = _waves(region)
    pair = parse_pair(waves, before, after)
    if len(waves) < 2:  # nothing to compare: spare the snapshot and state queries
        return RegionChange(region, layer, waves, [], None)
    snapshots = {snapshot.wave_id: snapshot for snapshot in _snapshots(region, layer)}
    state = RegionAnalysisState.objects.filter(region=region).first()
    by_id = {wave.pk: wave for wave in waves}

    def step(wave_a: Wave, wave_b: Wave) -> Step:
        snap_a, snap_b = snapshots.get(wave_a.pk), snapshots.get(wave_b.pk)
        statuses = {effective_status(snap_a, state), effective_status(snap_b, state)}
        status = SnapshotStatus.OK if statuses == {SnapshotStatus.OK} else sorted(statuses - {SnapshotStatus.OK})[0]
        if snap_a is None or snap_b is None or not snap_a.result or not snap_b.result:
            return Step(wave_a, wave_b, None, status)
        names = {row["id"]: row.get("name", "") for row in snap_b.result.get("actors", [])}
        return Step(wave_a, wave_b, wave_change(snap_a.result, snap_b.result), status, names)

    steps = [step(by_id[a], by_id[b]) for a, b in consecutive_steps([wave.pk for wave in waves])]
    return RegionChange(region, layer, waves, steps, step(*pair) if pair else None)


def step_json(step: Step) -> dict[str, Any]:
    """One step as JSON: its waves, status, figures, tie changes and per-actor changes (the API's shape)."""
    change = step.change
    return {
        "from_wave": {"id": step.before.pk, "label": step.before.label},
        "to_wave": {"id": step.after.pk, "label": step.after.label},
        "status": step.status,
        "summary": change.summary() if change else None,
        "ties": [
            {
                "source": tie.source,
                "target": tie.target,
                "change": tie.change,
                "from_tie_ids": list(tie.before_tie_ids),
                "to_tie_ids": list(tie.after_tie_ids),
            }
            for tie in (change.ties if change else [])
        ],
        "entering": change.entering if change else [],
        "leaving": change.leaving if change else [],
        "actors": [
            {"id": actor.actor_id, "name": actor.name, "from": actor.before, "to": actor.after, "change": actor.delta}
            for actor in (change.actors if change else [])
        ],
    }


@dataclass
class ComparedStep:
    """One step between two consecutive picked waves of a region on the comparison page."""

    region_name: str
    before: Wave
    after: Wave
    summary: dict[str, Any] | None


def comparison_steps(
    picked_wave_ids: set[int], waves: list[Wave], region_names: dict[int, str], layer: str
) -> list[ComparedStep]:
    """Consecutive pairs (by start) among the picked waves of each region, with their figures: one query.

    ``waves`` are the waves the user may see, ordered by region, start and id (the page has them).
    """
    picked = [wave for wave in waves if wave.pk in picked_wave_ids]
    by_region: dict[int, list[Wave]] = {}
    for wave in picked:
        by_region.setdefault(wave.region_id, []).append(wave)
    pairs = [pair for region_waves in by_region.values() for pair in pairwise(region_waves)]
    if not pairs:
        return []
    ties = dict(
        AnalysisSnapshot.objects.filter(wave_id__in=picked_wave_ids, layer=layer, result__isnull=False)
        .annotate(ties=KeyTransform("ties", "result"))
        .values_list("wave_id", "ties")
    )
    steps = []
    for before, after in pairs:
        found = before.pk in ties and after.pk in ties
        change = wave_change({"ties": ties[before.pk]}, {"ties": ties[after.pk]}) if found else None
        summary = change.summary() if change else None
        steps.append(ComparedStep(region_names.get(before.region_id, ""), before, after, summary))
    return steps
