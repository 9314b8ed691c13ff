"""Club-like core (docs/classifications/club_like_core.md).

Steinle & Schiele (2002) define clusters by their "club-like interactions", carried by trust; the
source article (§2.3) adds Capello's (1999: 356) test of the club's result: "No rivalry exists for
its use by agents belonging to the club, and external agents are barred from access", and
separates results produced inside the cluster alone from those "an deren Erzeugung auch externe
Akteure beteiligt gewesen sind". So the rule asks four things, each with its figure:

1. is there a core at all — the best core/periphery partition of the trusted cooperative ties
   (Borgatti & Everett 1999, ``coreperiphery``) fits well enough and has enough members;
2. is it closed — the core's E-I index over those ties (Krackhardt & Stern 1988) is below the set
   maximum, i.e. more ties inside than out;
3. is it free of rivalry — no (or few enough) rivalry ties among core members;
4. does it produce a club good — an outcome of enough core members with no external co-producer.

Ties inside one organisation are left out (a person and their employer are no club).
"""

from __future__ import annotations

from typing import Any

from coding.analysis.coreperiphery import best_core
from coding.analysis.explanation import LayerFacts, explanation, pick
from coding.analysis.message import Arg, Figure, Joined, Message, message
from coding.analysis.metrics import share
from coding.analysis.organisations import split_within_organisation
from coding.analysis.partitions import ei_index
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.wording import (
    FURTHER_OUTCOME,
    MEMBER,
    MODE_CODED_TIE,
    OUTCOME,
    PAIR,
    TIE,
    TRUSTED_COOPERATIVE_TIE,
    at_least,
    at_most,
    counted,
    number,
    of,
    yes_no,
)


def club_like_core(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Core/periphery fit, the core's E-I, rivalry inside it and its club goods, then the label."""
    rg = facts.rg
    ties, _ = split_within_organisation(facts.ties, rg.actors)
    trusted = [t for t in ties if "cooperation" in t.modes and t.trust_basis in settings.club_trust_bases]
    neighbours: list[set[int]] = [set() for _ in range(rg.n)]
    for tie in trusted:
        a, b = rg.index[tie.source], rg.index[tie.target]
        neighbours[a].add(b)
        neighbours[b].add(a)
    fit = best_core(rg.n, neighbours)
    core = {rg.actor_ids[i] for i in fit.core}
    inside_pairs = {t.pair for t in trusted if t.source in core and t.target in core}
    outside_pairs = {t.pair for t in trusted if (t.source in core) != (t.target in core)}
    core_ei = ei_index(len(outside_pairs), len(inside_pairs))
    among_core = [t for t in ties if t.source in core and t.target in core and t.modes]
    rivalry = [t.id for t in among_core if "rivalry" in t.modes]
    rivalry_share = share(len(rivalry), len(among_core))
    produced = [o for o in facts.outcomes if len(core.intersection(o.actor_ids)) >= settings.club_outcome_min_members]
    figures: dict[str, Any] = {
        "core_fit": fit.fit,
        "core_members": len(core),
        "core_ei": core_ei,
        "core_internal_pairs": len(inside_pairs),
        "core_external_pairs": len(outside_pairs),
        "core_mode_coded_ties": len(among_core),
        "core_rivalry_share": rivalry_share,
        "core_rivalry_tie_ids": rivalry,
        "core_competition_ties": sum(1 for t in among_core if "competition" in t.modes),
        "club_good_outcome_ids": [o.id for o in produced if not o.with_external],
        "co_produced_with_external_outcome_ids": [o.id for o in produced if o.with_external],
        "trusted_cooperative_ties": len(trusted),
        "core_search": fit.search,
    }
    checks = _checks(figures, settings)
    figures["checks"] = checks
    label = _label(checks)
    thresholds = pick(
        settings,
        "club_min_members",
        "club_min_core_fit",
        "club_max_core_ei",
        "club_max_core_rivalry_share",
        "club_outcome_min_members",
        "club_trust_bases",
    )
    core_ties = [t.id for t in trusted if t.source in core and t.target in core]
    return explanation("club_like_core", label, thresholds, figures, _reason(figures, settings, label), core_ties, core)


def _checks(figures: dict[str, Any], settings: AnalysisSettings) -> dict[str, bool]:
    fit, ei, rivalry = figures["core_fit"], figures["core_ei"], figures["core_rivalry_share"]
    return {
        "core": fit is not None
        and fit >= settings.club_min_core_fit - 1e-9
        and figures["core_members"] >= settings.club_min_members,
        "closed": ei is not None and ei < settings.club_max_core_ei,
        "no_rivalry": rivalry is None or rivalry <= settings.club_max_core_rivalry_share + 1e-9,
        "club_good": bool(figures["club_good_outcome_ids"]),
    }


def _label(checks: dict[str, bool]) -> str:
    if not (checks["core"] and checks["closed"] and checks["no_rivalry"]):
        return "no_club_like_core"
    return "club_like_core" if checks["club_good"] else "closed_core_without_club_good"


def _reason(figures: dict[str, Any], settings: AnalysisSettings, label: str) -> Message:
    checks = figures["checks"]
    parts: list[Arg] = [_core_clause(figures, settings), _closed_clause(figures, settings)]
    parts.append(_rivalry_clause(figures, settings))
    goods, external = figures["club_good_outcome_ids"], figures["co_produced_with_external_outcome_ids"]
    parts.append(
        message(
            "club good: {passed} — {outcomes} of at least {minimum} core members without external co-producers "
            "(needs one or more); {further} co-produced with external actors, not counted",
            passed=yes_no(checks["club_good"]),
            outcomes=counted(len(goods), OUTCOME),
            minimum=number(settings.club_outcome_min_members),
            further=counted(len(external), FURTHER_OUTCOME),
        )
    )
    verdict = {
        "club_like_core": message("a club-like core"),
        "closed_core_without_club_good": message("a closed core, but no club good of its own"),
        "no_club_like_core": message("no club-like core"),
    }[label]
    return message(
        "Rule: a club-like core is a core that is closed, free of rivalry and produces a club good. {checks}. "
        "So: {verdict}.",
        checks=Joined(tuple(parts), "; "),
        verdict=verdict,
    )


def _core_clause(figures: dict[str, Any], settings: AnalysisSettings) -> Message:
    """Is there a core: its size against the minimum and its fit against the minimum fit."""
    fit, ok = figures["core_fit"], figures["checks"]["core"]
    trusted = counted(figures["trusted_cooperative_ties"], TRUSTED_COOPERATIVE_TIE)
    minimum, min_fit = settings.club_min_members, settings.club_min_core_fit
    if fit is None:
        return message(
            "core: {passed} — {trusted}, so no core/periphery partition to fit (a core needs at least {members} "
            "and a fit of at least {min_fit})",
            passed=yes_no(ok),
            trusted=trusted,
            members=counted(minimum, MEMBER),
            min_fit=Figure(min_fit, 6, trim=True),
        )
    members = figures["core_members"]
    args: dict[str, Arg] = {
        "passed": yes_no(ok),
        "trusted": trusted,
        "members": counted(members, MEMBER),
        "minimum": number(minimum),
        "fit": Figure(fit, 2),
        "versus": at_least(fit, min_fit, as_share=False),
    }
    if members >= minimum:
        return message(
            "core: {passed} — the best core/periphery partition of {trusted} has a core of {members}, at or above "
            "the minimum of {minimum}, and fits at {fit}, {versus}",
            **args,
        )
    return message(
        "core: {passed} — the best core/periphery partition of {trusted} has a core of {members}, below the "
        "minimum of {minimum}, and fits at {fit}, {versus}",
        **args,
    )


def _closed_clause(figures: dict[str, Any], settings: AnalysisSettings) -> Message:
    ei, closed = figures["core_ei"], figures["checks"]["closed"]
    pairs = message(
        "{inside} inside, {outside} to the periphery",
        inside=counted(figures["core_internal_pairs"], PAIR),
        outside=counted(figures["core_external_pairs"], PAIR),
    )
    maximum = Figure(settings.club_max_core_ei, 2, signed=True)
    if ei is None:
        return message(
            "closed: {passed} — the core's E-I is undefined ({pairs}), so not below {maximum}",
            passed=yes_no(closed),
            pairs=pairs,
            maximum=maximum,
        )
    args: dict[str, Arg] = {
        "passed": yes_no(closed),
        "ei": Figure(ei, 2, signed=True),
        "pairs": pairs,
        "maximum": maximum,
    }
    if closed:
        return message("closed: {passed} — the core's E-I is {ei} ({pairs}), below {maximum}", **args)
    return message("closed: {passed} — the core's E-I is {ei} ({pairs}), not below {maximum}", **args)


def _rivalry_clause(figures: dict[str, Any], settings: AnalysisSettings) -> Message:
    ok = figures["checks"]["no_rivalry"]
    competition = counted(figures["core_competition_ties"], TIE)
    if figures["core_rivalry_share"] is None:
        return message(
            "no rivalry: {passed} — no mode-coded tie among the core, so no rivalry is recorded (competition on "
            "{competition}, reported, not deciding)",
            passed=yes_no(ok),
            competition=competition,
        )
    return message(
        "no rivalry: {passed} — rivalry on {rivalry} among the core, {versus} (competition on {competition}, "
        "reported, not deciding)",
        passed=yes_no(ok),
        rivalry=of(len(figures["core_rivalry_tie_ids"]), figures["core_mode_coded_ties"], MODE_CODED_TIE),
        versus=at_most(figures["core_rivalry_share"], settings.club_max_core_rivalry_share),
        competition=competition,
    )
