"""Coordination regime of a region layer (docs/classifications/coordination_regime.md).

The source article separates the modes: competition needs no interaction ("keine wechselseitig
aufeinander bezogenen Kommunikationen oder Interaktionen", Bader 1991), rivalry is always direct
interaction, conflict (confrontation) is what rivalry makes visible, and cooperation is the other
pole (§3.2). It expects a *tension* of rivalry (and, through Burt's bridges, competition) with
cooperation, not one logic (§4). So the record reports each mode's share apart, lists the dyads
that do both first (co-opetition), and only then names a label. Ties inside one organisation are
left out: the regime is about relations between the cluster's actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, pick
from coding.analysis.inputs import Tie
from coding.analysis.metrics import share
from coding.analysis.organisations import split_within_organisation
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.wording import at_least, counted, number, of, pct

MODES = ("cooperation", "rivalry", "competition", "conflict")


def rival_side(settings: AnalysisSettings) -> frozenset[str]:
    """Rivalry and competition, and conflict when the study counts it with them."""
    conflict = {"conflict"} if settings.regime_conflict_counts_as_rivalry else set()
    return frozenset({"rivalry", "competition"} | conflict)


def coordination_regime(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Each mode's share of the mode-coded ties between organisations, co-opetition pairs, then the label."""
    ties, within = split_within_organisation(facts.ties, facts.rg.actors)
    coded = [tie for tie in ties if tie.modes]
    rivals = rival_side(settings)
    counts = {mode: sum(1 for tie in coded if mode in tie.modes) for mode in MODES}
    rival_count = sum(1 for tie in coded if tie.modes & rivals)
    coop_share, rival_share = share(counts["cooperation"], len(coded)), share(rival_count, len(coded))
    pairs = coopetition_pairs(coded, rivals)
    figures = {
        "coopetition_pairs": [
            {"actors": list(pair), "tie_ids": ids, "modes": modes} for pair, (ids, modes) in pairs.items()
        ],
        "mode_coded_ties": len(coded),
        "mode_counts": counts,
        "mode_shares": {mode: share(count, len(coded)) for mode, count in counts.items()},
        "cooperation_share": coop_share,
        "rival_side_share": rival_share,
        "rival_side_ties": rival_count,
        "rival_modes": sorted(rivals),
        "ties_inside_one_organisation_left_out": len(within),
    }
    label, decision = _decide(coop_share, rival_share, len(coded), len(ties), settings)
    reason = _reason(figures, pairs, decision, len(coded), within)
    thresholds = pick(
        settings,
        "regime_dominance_share",
        "regime_tension_min_share",
        "regime_conflict_counts_as_rivalry",
        "regime_min_coded_ties",
    )
    actors = {actor for pair in pairs for actor in pair}
    return explanation("coordination_regime", label, thresholds, figures, reason, [t.id for t in coded], actors)


def _decide(
    coop: float | None, rival: float | None, coded: int, between: int, settings: AnalysisSettings
) -> tuple[str, str]:
    """The label and the sentence that names the rule, the figures, thresholds and comparisons."""
    minimum = settings.regime_min_coded_ties
    if coop is None or rival is None or coded < minimum:
        uncoded = between - coded
        missing = f": the mode is missing on {counted(uncoded, 'tie')}" if uncoded else ""
        return "undetermined", (
            f"Rule: a regime needs at least {counted(minimum, 'mode-coded tie')} between organisations; "
            f"{_coded_of(coded, between)} (cooperation, rivalry, competition or conflict), "
            f"below {number(minimum)}{missing}, so no regime is named."
        )
    tension, dominance = settings.regime_tension_min_share, settings.regime_dominance_share
    both = (
        f"cooperation {pct(coop)} is {at_least(coop, tension)} and the rival side {pct(rival)} is "
        f"{at_least(rival, tension)}"
    )
    if coop >= tension - 1e-9 and rival >= tension - 1e-9:
        return "tension", f"Rule: tension when both sides reach {pct(tension)}; {both}: tension."
    if coop >= dominance - 1e-9 and rival < tension - 1e-9:
        return "cooperation_dominated", (
            f"Rule: cooperation dominates at {pct(dominance)} or more while the rival side stays below "
            f"{pct(tension)}; cooperation {pct(coop)} is {at_least(coop, dominance)}, the rival side "
            f"{pct(rival)} below {pct(tension)}: cooperation dominates."
        )
    if rival >= dominance - 1e-9 and coop < tension - 1e-9:
        return "rivalry_dominated", (
            f"Rule: the rival side dominates at {pct(dominance)} or more while cooperation stays below "
            f"{pct(tension)}; the rival side {pct(rival)} is {at_least(rival, dominance)}, cooperation "
            f"{pct(coop)} below {pct(tension)}: the rival side dominates."
        )
    return "undetermined", (
        f"Rule: a side dominates at {pct(dominance)} or more while the other stays below {pct(tension)}, "
        f"tension when both reach {pct(tension)}; cooperation {pct(coop)} is {at_least(coop, dominance)} "
        f"and the rival side {pct(rival)} is {at_least(rival, dominance)}, {both}: neither dominance nor "
        "tension, so no regime is named."
    )


def _coded_of(coded: int, between: int) -> str:
    """ "none of the 20 ties is coded with a mode", "3 of the 20 ties are coded with a mode"."""
    if between == 0:
        return "there is no tie between organisations to code with a mode"
    whole = counted(between, "tie")
    if coded == 0:
        return f"none of the {whole} is coded with a mode" if between > 1 else "the one tie is not coded with a mode"
    verb = "is" if coded == 1 else "are"
    if coded == between:
        return f"only {whole} between organisations, {'it is' if coded == 1 else 'all are'} coded with a mode"
    return f"only {number(coded)} of the {whole} {verb} coded with a mode"


def _reason(
    figures: dict[str, Any],
    pairs: dict[tuple[int, int], tuple[list[int], list[str]]],
    decision: str,
    coded: int,
    within: list[int],
) -> str:
    combos = sorted({" + ".join(modes) for _, modes in pairs.values()})
    first = (
        f"Co-opetition: {counted(len(pairs), 'pair')} of actors both cooperate and rival, compete or conflict"
        + (f" ({'; '.join(combos)})" if combos else "")
        + "."
    )
    left_out = f" ({counted(len(within), 'tie')} inside one organisation left out)" if within else ""
    modes = ", ".join(f"{mode} {of(figures['mode_counts'][mode], coded, 'tie')}" for mode in MODES)
    shares = f" Of {counted(coded, 'mode-coded tie')} between organisations{left_out}: {modes}." if coded else ""
    return f"{first}{shares} {decision}"


def coopetition_pairs(
    ties: Sequence[Tie], rival_modes: frozenset[str] | set[str]
) -> dict[tuple[int, int], tuple[list[int], list[str]]]:
    """Actor pairs that both cooperate and rival/compete, in one tie or across several: their tie ids and modes."""
    by_pair: dict[tuple[int, int], list[Tie]] = {}
    for tie in ties:
        if tie.modes:
            by_pair.setdefault(tie.pair, []).append(tie)
    result = {}
    for pair, pair_ties in sorted(by_pair.items()):
        modes = set().union(*(tie.modes for tie in pair_ties))
        if "cooperation" in modes and modes & rival_modes:
            ordered = [mode for mode in MODES if mode in modes]
            result[pair] = (sorted(tie.id for tie in pair_ties), ordered)
    return result
