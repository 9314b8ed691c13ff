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
from coding.analysis.message import Arg, Joined, Message, message, plural_message
from coding.analysis.metrics import share
from coding.analysis.organisations import split_within_organisation
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.wording import MODE_CODED_TIE, PAIR, TIE, at_least, counted, number, of, pct

MODES = ("cooperation", "rivalry", "competition", "conflict")
# The modes as the reasons name them.
MODE_WORDS = {
    "cooperation": message("cooperation"),
    "rivalry": message("rivalry"),
    "competition": message("competition"),
    "conflict": message("conflict"),
}


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
) -> tuple[str, Message]:
    """The label and the sentence that names the rule, the figures, thresholds and comparisons."""
    minimum = settings.regime_min_coded_ties
    if coop is None or rival is None or coded < minimum:
        uncoded = between - coded
        args: dict[str, Arg] = {
            "needed": counted(minimum, MODE_CODED_TIE),
            "coded": _coded_of(coded, between),
            "minimum": number(minimum),
        }
        if uncoded:
            return "undetermined", message(
                "Rule: a regime needs at least {needed} between organisations; {coded} (cooperation, rivalry, "
                "competition or conflict), below {minimum}: the mode is missing on {uncoded}, so no regime is named.",
                uncoded=counted(uncoded, TIE),
                **args,
            )
        return "undetermined", message(
            "Rule: a regime needs at least {needed} between organisations; {coded} (cooperation, rivalry, "
            "competition or conflict), below {minimum}, so no regime is named.",
            **args,
        )
    tension, dominance = settings.regime_tension_min_share, settings.regime_dominance_share
    shares: dict[str, Arg] = {"coop": pct(coop), "rival": pct(rival), "tension": pct(tension)}
    both = message(
        "cooperation {coop} is {coop_vs} and the rival side {rival} is {rival_vs}",
        coop=pct(coop),
        coop_vs=at_least(coop, tension),
        rival=pct(rival),
        rival_vs=at_least(rival, tension),
    )
    if coop >= tension - 1e-9 and rival >= tension - 1e-9:
        return "tension", message(
            "Rule: tension when both sides reach {tension}; {both}: tension.", tension=pct(tension), both=both
        )
    if coop >= dominance - 1e-9 and rival < tension - 1e-9:
        return "cooperation_dominated", message(
            "Rule: cooperation dominates at {dominance} or more while the rival side stays below {tension}; "
            "cooperation {coop} is {coop_vs}, the rival side {rival} below {tension}: cooperation dominates.",
            dominance=pct(dominance),
            coop_vs=at_least(coop, dominance),
            **shares,
        )
    if rival >= dominance - 1e-9 and coop < tension - 1e-9:
        return "rivalry_dominated", message(
            "Rule: the rival side dominates at {dominance} or more while cooperation stays below {tension}; "
            "the rival side {rival} is {rival_vs}, cooperation {coop} below {tension}: the rival side dominates.",
            dominance=pct(dominance),
            rival_vs=at_least(rival, dominance),
            **shares,
        )
    return "undetermined", message(
        "Rule: a side dominates at {dominance} or more while the other stays below {tension}, tension when both "
        "reach {tension}; cooperation {coop} is {coop_vs} and the rival side {rival} is {rival_vs}, {both}: "
        "neither dominance nor tension, so no regime is named.",
        dominance=pct(dominance),
        coop_vs=at_least(coop, dominance),
        rival_vs=at_least(rival, dominance),
        both=both,
        **shares,
    )


def _coded_of(coded: int, between: int) -> Message:
    """ "none of the 20 ties is coded with a mode", "3 of the 20 ties are coded with a mode"."""
    if between == 0:
        return message("there is no tie between organisations to code with a mode")
    whole = counted(between, TIE)
    if coded == 0:
        if between > 1:
            return message("none of the {ties} is coded with a mode", ties=whole)
        return message("the one tie is not coded with a mode")
    if coded == between:
        if coded == 1:
            return message("only {ties} between organisations, it is coded with a mode", ties=whole)
        return message("only {ties} between organisations, all are coded with a mode", ties=whole)
    return plural_message(
        "only {number} of the {ties} is coded with a mode",
        "only {number} of the {ties} are coded with a mode",
        coded,
        number=number(coded),
        ties=whole,
    )


def _reason(
    figures: dict[str, Any],
    pairs: dict[tuple[int, int], tuple[list[int], list[str]]],
    decision: Message,
    coded: int,
    within: list[int],
) -> Message:
    combos = sorted({tuple(modes) for _, modes in pairs.values()}, key=" + ".join)
    named = Joined(tuple(Joined(tuple(MODE_WORDS[mode] for mode in combo), " + ") for combo in combos), "; ")
    first = (
        message(
            "Co-opetition: {pairs} of actors both cooperate and rival, compete or conflict ({modes}).",
            pairs=counted(len(pairs), PAIR),
            modes=named,
        )
        if combos
        else message(
            "Co-opetition: {pairs} of actors both cooperate and rival, compete or conflict.",
            pairs=counted(len(pairs), PAIR),
        )
    )
    if not coded:
        return message("{first} {decision}", first=first, decision=decision)
    modes = Joined(
        tuple(
            message("{mode} {share}", mode=MODE_WORDS[mode], share=of(figures["mode_counts"][mode], coded, TIE))
            for mode in MODES
        )
    )
    if within:
        shares = message(
            "Of {ties} between organisations ({inside} inside one organisation left out): {modes}.",
            ties=counted(coded, MODE_CODED_TIE),
            inside=counted(len(within), TIE),
            modes=modes,
        )
    else:
        shares = message("Of {ties} between organisations: {modes}.", ties=counted(coded, MODE_CODED_TIE), modes=modes)
    return message("{first} {shares} {decision}", first=first, shares=shares, decision=decision)


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
