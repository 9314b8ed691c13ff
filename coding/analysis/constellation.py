"""Who the region's actors are: industrial district or heterogeneous cluster, and boundary spanners.

District (docs/classifications/actor_constellation.md): the source article (§2) sets the
industrial district, "in denen primär klein- und mittelständische Unternehmen als eher homogene
Akteurskonstellation miteinander vernetzt sind", against the heterogeneous constellations of
clusters. Markusen (1996) makes the Marshallian district concrete: a business structure of small,
locally owned firms with substantial trade and cooperation among them. Both are statements about
*firms*, so the rule is judged among firms only — the non-firm actors the study is told to include
(§2.4, §3.4) would otherwise make every region heterogeneous. It reads each firm's size band and
the share of the firm–firm exchange ties that join two SMEs.

Boundary spanners (docs/classifications/boundary_spanners.md): persons who look beyond their own
organisation while keeping its goals in view (§3.1, Hirsch-Kreinsen 2002, "doppelte
Loyalitäten"): they reach two or more institutional spheres *and* broker between groups — a
Gould–Fernandez role other than coordinator (``partitions.brokerage_roles``).
"""

from __future__ import annotations

from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, pick
from coding.analysis.inputs import FIRM_TYPES, ORGANISATION, PERSON, ActorNode
from coding.analysis.message import Message, message, plural_message
from coding.analysis.metrics import share
from coding.analysis.organisations import SME, firm_size_class, organisation_of, sphere
from coding.analysis.partitions import blau_index, brokerage_roles, category_shares
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.wording import FIRM, FIRM_EXCHANGE_PAIR, at_least, counted, number, of, pct
from coding.analysis.wording import PERSON as PERSONS

CROSSING_ROLES = ("itinerant", "representative", "gatekeeper", "liaison")


def actor_constellation(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """SME share among firms of known size and SME–SME share of firm–firm exchange pairs, then the label."""
    actors = facts.rg.actors
    by_id = {actor.id: actor for actor in actors}
    organisations = [actor for actor in actors if actor.kind == ORGANISATION]
    firms = [actor for actor in organisations if actor.org_type in FIRM_TYPES]
    sizes = {firm.id: firm_size_class(firm) for firm in firms}
    known = [firm for firm in firms if sizes[firm.id]]
    smes = [firm for firm in known if sizes[firm.id] == SME]
    pairs = _firm_exchange_pairs(facts, by_id, {firm.id for firm in firms})
    sized_pairs = [pair for pair in pairs if sizes[pair[0]] and sizes[pair[1]]]
    sme_pairs = [pair for pair in sized_pairs if sizes[pair[0]] == sizes[pair[1]] == SME]
    figures = {
        "sme_share_of_firms": share(len(smes), len(known)),
        "sme_tie_share": share(len(sme_pairs), len(sized_pairs)),
        "firms": len(firms),
        "firms_of_known_size": len(known),
        "smes": len(smes),
        "firm_exchange_pairs": len(sized_pairs),
        "sme_exchange_pairs": len(sme_pairs),
        "blau_firm_type": blau_index(firm.org_type for firm in firms),
        "firm_size_shares": category_shares(firm.size_band or "unknown" for firm in firms) if firms else {},
        "organisations": len(organisations),
        "non_firm_share": share(len(organisations) - len(firms), len(organisations)),
    }
    label, reason = _district(figures, settings)
    thresholds = pick(settings, "district_min_sme_share", "district_sme_tie_share_above")
    return explanation("actor_constellation", label, thresholds, figures, reason, (), [firm.id for firm in firms])


def _firm_exchange_pairs(facts: LayerFacts, by_id: dict[int, ActorNode], firm_ids: set[int]) -> list[tuple[int, int]]:
    """Pairs of different firms joined by a cooperation tie; a person's tie counts as their employer's."""
    pairs = set()
    for tie in facts.ties:
        if "cooperation" not in tie.modes:
            continue
        a, b = organisation_of(by_id[tie.source]), organisation_of(by_id[tie.target])
        if a in firm_ids and b in firm_ids and a != b and a is not None and b is not None:
            pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def _district(figures: dict[str, Any], settings: AnalysisSettings) -> tuple[str, Message]:
    firms, known = figures["firms"], figures["firms_of_known_size"]
    if not firms:
        return "undetermined", message(
            "The region has no firms, so the district rule (judged among firms) cannot apply."
        )
    if not known:
        return "undetermined", message(
            "None of the {firms} has a size band, so the SME share is unknown.", firms=counted(firms, FIRM)
        )
    sme_share, tie_share = figures["sme_share_of_firms"], figures["sme_tie_share"]
    min_sme, above = settings.district_min_sme_share, settings.district_sme_tie_share_above
    first = message(
        "Among firms only: SMEs (micro, small, medium) are {smes} of known size, {versus}",
        smes=of(figures["smes"], known, FIRM),
        versus=at_least(sme_share, min_sme),
    )
    pairs = of(figures["sme_exchange_pairs"], figures["firm_exchange_pairs"], FIRM_EXCHANGE_PAIR)
    if tie_share is None:
        second = message("no cooperation tie joins two firms of known size, so the SME–SME share is undefined")
    elif tie_share > above + 1e-9:
        second = message("SME–SME pairs are {pairs}, above {above}", pairs=pairs, above=pct(above))
    else:
        second = message("SME–SME pairs are {pairs}, not above {above}", pairs=pairs, above=pct(above))
    rule = message(
        "Rule: district-like when SMEs are at least {min_sme} of the firms and SME–SME pairs more than {above} of "
        "the firm–firm exchange pairs.",
        min_sme=pct(min_sme),
        above=pct(above),
    )
    if sme_share is not None and sme_share >= min_sme - 1e-9 and tie_share is None:
        return "undetermined", message("{rule} {first}; {second}.", rule=rule, first=first, second=second)
    district = (sme_share or 0) >= min_sme - 1e-9 and tie_share is not None and tie_share > above + 1e-9
    verdict = message("like an industrial district") if district else message("a heterogeneous cluster")
    return ("industrial_district_like" if district else "heterogeneous_cluster"), message(
        "{rule} {first}; {second}: {verdict}.", rule=rule, first=first, second=second, verdict=verdict
    )


def boundary_spanners(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Persons who reach at least the set number of institutional spheres and hold a crossing brokerage role."""
    rg = facts.rg
    by_id = {actor.id: actor for actor in rg.actors}
    roles = facts.roles if facts.roles is not None else brokerage_roles(rg, facts.groups)
    spanners: dict[str, dict[str, Any]] = {}
    persons = spheres_only = role_only = 0
    tie_ids: set[int] = set()
    for i, actor in enumerate(rg.actors):
        if actor.kind != PERSON:
            continue
        persons += 1
        reached = {sphere(actor, by_id)} | {sphere(rg.actors[j], by_id) for j in rg.neighbours[i]}
        reached.discard(None)
        crossing = sum(roles[i][role] for role in CROSSING_ROLES)
        many = len(reached) >= settings.boundary_spanner_min_spheres
        spheres_only += many and not crossing
        role_only += bool(crossing) and not many
        if many and crossing:
            spanners[str(actor.id)] = {"spheres": sorted(s for s in reached if s), "crossing_roles": crossing}
            tie_ids.update(tie_id for j in rg.neighbours[i] for tie_id in rg.pair_tie_ids(i, j))
    figures = {
        "spanner_share": share(len(spanners), persons),
        "persons": persons,
        "boundary_spanners": len(spanners),
        "spanners": spanners,
        "persons_with_spheres_but_no_crossing_role": spheres_only,
        "persons_with_crossing_role_in_fewer_spheres": role_only,
    }
    minimum = settings.boundary_spanner_min_spheres
    reason = message(
        "Rule: a person spans boundaries when their own and their contacts' institutional spheres (firm, science, "
        "public, intermediary) number at least {minimum} and they hold a Gould–Fernandez role across groups "
        "(itinerant, representative, gatekeeper or liaison). Qualifying: {qualifying}; {spheres_only}, {role_only}.",
        minimum=minimum,
        qualifying=of(len(spanners), persons, PERSONS),
        spheres_only=plural_message(
            "{persons} reaches {minimum} spheres without such a role",
            "{persons} reach {minimum} spheres without such a role",
            spheres_only,
            persons=counted(spheres_only, PERSONS),
            minimum=number(minimum),
        ),
        role_only=plural_message(
            "{persons} holds such a role within fewer spheres",
            "{persons} hold such a role within fewer spheres",
            role_only,
            persons=counted(role_only, PERSONS),
        ),
    )
    label = "boundary_spanners" if spanners else "no_boundary_spanners"
    thresholds = pick(settings, "boundary_spanner_min_spheres")
    actor_ids = [int(key) for key in spanners]
    return explanation("boundary_spanners", label, thresholds, figures, reason, tie_ids, actor_ids)
