"""The "tie changes" table: one row per actor pair whose tie formed, persisted or dissolved between
two consecutive waves of a region (waves ordered by start), for every tie layer.

The figures are those of the analysis page's "Change between waves" (``coding.analysis.change``),
read from the stored per-wave results. Three queries over a study or a region however many rows:
the waves, the per-wave snapshots and the actors (for names, pseudonymised when asked).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from cases.models import Actor, Wave
from coding.analysis.change import consecutive_steps, wave_change
from coding.analysis.layers import LAYERS
from coding.exchange.tables.writers import Value
from coding.worker.models import AnalysisSnapshot

if TYPE_CHECKING:  # rows.py imports this module to list the table
    from coding.exchange.tables.rows import TableScope

TIE_CHANGE_COLUMNS = (
    "region_id", "region", "layer", "from_wave_id", "from_wave", "to_wave_id", "to_wave", "change",
    "source_id", "source", "target_id", "target", "from_tie_ids", "to_tie_ids", "jaccard",
)  # fmt: skip


def tie_change_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    waves: dict[int, list[Wave]] = defaultdict(list)
    for wave in (
        Wave.objects.filter(**scope.region_filter).select_related("region").order_by("region__name", "start", "id")
    ):
        waves[wave.region_id].append(wave)
    results: dict[tuple[int, str], dict] = {}
    stored = AnalysisSnapshot.objects.filter(wave__isnull=False, result__isnull=False, **scope.region_filter)
    for wave_id, layer, result in stored.values_list("wave_id", "layer", "result"):
        if wave_id is not None and result:
            results[(wave_id, layer)] = result
    names = {actor.pk: scope.name(actor) for actor in Actor.objects.filter(**scope.region_filter).only("name", "kind")}
    for region_waves in waves.values():
        by_id = {wave.pk: wave for wave in region_waves}
        for before, after in consecutive_steps(list(by_id)):
            for layer in LAYERS:
                yield from _step_rows(by_id[before], by_id[after], layer, results, names)


def _step_rows(
    before: Wave, after: Wave, layer: str, results: dict[tuple[int, str], dict], names: dict[int, str]
) -> Iterator[Sequence[Value]]:
    result_a, result_b = results.get((before.pk, layer)), results.get((after.pk, layer))
    if result_a is None or result_b is None:  # not computed yet: no rows rather than wrong ones
        return
    change = wave_change(result_a, result_b)
    region = before.region
    for tie in change.ties:
        yield (
            region.pk, region.name, layer, before.pk, before.label, after.pk, after.label, tie.change,
            tie.source, names.get(tie.source, ""), tie.target, names.get(tie.target, ""),
            " ".join(map(str, tie.before_tie_ids)), " ".join(map(str, tie.after_tie_ids)), change.jaccard,
        )  # fmt: skip
