"""Coordination regime of a region layer (docs/domain.md): cooperation, rivalry or tension."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, percent, pick
from coding.analysis.inputs import Tie
from coding.analysis.metrics import share
from coding.analysis.thresholds import AnalysisSettings


def coordination_regime(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Cooperation- or rivalry/competition-dominated, or a tension of both, plus co-opetition pairs.

    Shares are over the ties coded with at least one coordination mode; a tie with both a
    cooperative and a rivalrous mode counts on both sides.
    """
    rival_modes = {"rivalry", "competition"} | ({"conflict"} if settings.regime_conflict_counts_as_rivalry else set())
    coded = [tie for tie in facts.ties if tie.modes]
    cooperative = [tie for tie in coded if "cooperation" in tie.modes]
    rivalrous = [tie for tie in coded if tie.modes & rival_modes]
    coop_share, rival_share = share(len(cooperative), len(coded)), share(len(rivalrous), len(coded))
    pairs = coopetition_pairs(facts.ties, rival_modes)
    label = _regime_label(coop_share, rival_share, settings)
    figures = {
        "mode_coded_ties": len(coded),
        "cooperative_ties": len(cooperative),
        "rivalrous_ties": len(rivalrous),
        "cooperation_share": coop_share,
        "rivalry_share": rival_share,
        "rival_modes": sorted(rival_modes),
        "coopetition_pairs": [{"actors": list(pair), "tie_ids": ids} for pair, ids in pairs.items()],
    }
    reason = (
        f"Of {len(coded)} mode-coded ties {percent(coop_share)} are cooperative and {percent(rival_share)} "
        f"{' or '.join(sorted(rival_modes))}, with {len(pairs)} co-opetition pair(s)."
    )
    thresholds = pick(
        settings, "regime_dominance_share", "regime_tension_min_share", "regime_conflict_counts_as_rivalry"
    )
    actors = {actor for pair in pairs for actor in pair}
    return explanation(
        "coordination_regime", label, thresholds, figures, reason, [tie.id for tie in coded], sorted(actors)
    )


def _regime_label(coop: float | None, rival: float | None, settings: AnalysisSettings) -> str:
    if coop is None or rival is None:
        return "undetermined"
    tension = settings.regime_tension_min_share
    if coop >= tension and rival >= tension:
        return "tension"
    if coop >= settings.regime_dominance_share and rival < tension:
        return "cooperation_dominated"
    if rival >= settings.regime_dominance_share and coop < tension:
        return "rivalry_dominated"
    return "undetermined"


def coopetition_pairs(ties: Sequence[Tie], rival_modes: set[str]) -> dict[tuple[int, int], list[int]]:
    """Actor pairs that both cooperate and rival/compete, in one tie or across several."""
    by_pair: dict[tuple[int, int], list[Tie]] = {}
    for tie in ties:
        if tie.modes:
            by_pair.setdefault(tie.pair, []).append(tie)
    result = {}
    for pair, pair_ties in sorted(by_pair.items()):
        cooperates = any("cooperation" in tie.modes for tie in pair_ties)
        rivals = any(tie.modes & rival_modes for tie in pair_ties)
        if cooperates and rivals:
            result[pair] = sorted(tie.id for tie in pair_ties)
    return result
