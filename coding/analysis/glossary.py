"""Names and meanings of the derived figures, in the order pages show them.

One place, so that the analysis page and the comparison call a figure alike and say how it was
computed (docs/domain.md and §4). Keys are those of ``derive_region``'s result; a key missing here
is still shown, under its key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coding.analysis.inputs import COMMONLY_MISSED_LEVELS, LOW_THRESHOLD_SETTINGS


def _listed(names: Iterable[str]) -> str:
    return ", ".join(str(name).replace("_", " ") for name in sorted(names))


STRUCTURE_CONVENTION = (
    "Unweighted, on the undirected projection of the tie layer: two actors are adjacent when any tie "
    "joins them; parallel ties collapse into one edge; self-ties are left out."
)


@dataclass(frozen=True)
class Term:
    label: str
    meaning: str = ""


REGION_METRICS: dict[str, Term] = {
    "actors": Term("Actors", "Organisations and persons of the region, isolates included."),
    "ties": Term("Coded ties", "Interactions of the layer, self-ties left out; parallel ties count separately."),
    "edges": Term("Connected pairs", "Actor pairs joined by at least one tie of the layer."),
    "arcs": Term("Directed pairs", "Ordered actor pairs joined by a directed or mutual tie."),
    "density": Term("Density", "Connected pairs / possible pairs."),
    "directed_density": Term("Directed density", "Directed pairs / possible ordered pairs."),
    "mean_degree": Term("Mean degree", "Average number of contacts per actor."),
    "degree_centralisation": Term(
        "Degree centralisation", "Freeman: 1 for a star, 0 when every actor has as many contacts."
    ),
    "components": Term("Components", "Sets of actors connected by paths; an isolate is one component."),
    "component_sizes": Term("Component sizes", "Actors per component, largest first."),
    "largest_component_share": Term("Largest component", "Share of the actors in the largest component."),
    "isolates": Term("Isolates", "Actors without a tie in this layer."),
    "transitivity": Term("Transitivity", "Share of connected triples closed into triangles (global clustering)."),
    "average_clustering": Term(
        "Average clustering", "Mean local clustering; actors with fewer than two contacts count as 0."
    ),
    "communities": Term("Communities", "Leiden communities maximising modularity (fixed seed, so reruns agree)."),
    "community_sizes": Term("Community sizes", "Actors per community, largest first."),
    "modularity": Term("Modularity", "How far ties stay inside the communities; — without ties."),
    "mean_constraint": Term(
        "Mean constraint (Burt)", "High: closed, redundant contacts; low: structural holes around the actors."
    ),
    "bridges": Term("Bridges", "Ties whose removal splits their component."),
    "local_bridges": Term("Local bridges", "Ties whose two ends share no contact (Granovetter); every bridge is one."),
    "brokerage": Term(
        "Brokerage roles (Gould–Fernandez)",
        "Open two-paths by the actor types of the three actors; a mutual tie counts both ways.",
    ),
    "ei_location": Term(
        "E-I index, inside / external",
        "Krackhardt & Stern (E − I) / (E + I) over connected pairs: −1 all ties inside the groups, +1 all across.",
    ),
    "ei_actor_type": Term("E-I index over actor types", "As above, with the actor types as groups."),
    "blau_actor_type": Term("Heterogeneity of actor types (Blau)", "1 − Σ share²: 0 when all actors have one type."),
    "blau_organisation_type": Term("Heterogeneity of organisation types (Blau)", "Over the organisations only."),
    "actor_type_shares": Term("Actor types", "Share of the actors per type; persons take their organisation's type."),
    "rated_ties": Term(
        "Rated ties", "Ties with a strength: at least one rating (time, emotion, intimacy, services) of weight > 0."
    ),
    "unrated_ties": Term("Unrated ties", "Left out of the strong and weak shares."),
    "strong_tie_share": Term("Strong ties (of rated)", "Strength at or above the strong-tie cut-off (a setting)."),
    "weak_tie_share": Term("Weak ties (of rated)", "Strength below the strong-tie cut-off."),
    "face_to_face_share": Term("Face-to-face ties", "Share of the ties whose channel is face to face."),
    "low_threshold_share": Term("Ties in low-threshold settings", f"Settings: {_listed(LOW_THRESHOLD_SETTINGS)}."),
    "mode_counts": Term("Coordination modes", "Ties coded with each mode; a tie may carry several."),
    "mode_shares": Term("Coordination mode shares", "Of all ties of the layer."),
    "mode_mix": Term(
        "Coordination mix", "Each tie once: with one mode only, with several modes, or with none; adds up to all ties."
    ),
    "self_tie_ids": Term(
        "Self-ties", "Ties of an actor with itself (where the study allows them): not in the metrics."
    ),
}

COVERAGE: dict[str, Term] = {
    "actors": Term("Actors", "All actors of the region, whatever the tie layer."),
    "interviewed_actors": Term("Actors interviewed"),
    "interviewed_share": Term("Share interviewed"),
    "interviewed_actor_ids": Term("Interviewed"),
    "actor_types_present": Term("Actor types present"),
    "actor_types_interviewed": Term("Actor types interviewed", "Through an organisation or one of its people."),
    "actor_types_not_interviewed": Term("Actor types not interviewed"),
    "hierarchy_levels_present": Term("Hierarchy levels present", "Of the persons."),
    "hierarchy_levels_interviewed": Term("Hierarchy levels interviewed"),
    "hierarchy_levels_not_interviewed": Term("Hierarchy levels not interviewed"),
    "commonly_missed_levels_not_interviewed": Term(
        "Commonly missed levels not interviewed", f"Of {_listed(COMMONLY_MISSED_LEVELS)} (article §3.4)."
    ),
    "persons_without_level": Term("Persons without a hierarchy level"),
    "external_actors": Term("External actors", "Outside the region, quasi-external included."),
    "external_actors_interviewed": Term("External actors interviewed"),
    "external_included": Term("External actors included"),
}

ACTOR_COLUMNS: dict[str, Term] = {
    "actor_type": Term("Type"),
    "location": Term("Location"),
    "community": Term("Community", "Number of the actor's Leiden community, 0 the largest."),
    "degree": Term("Degree", "Contacts in the undirected projection."),
    "betweenness": Term("Betweenness", "Raw count over actor pairs; normalised = raw / ((n − 1)(n − 2) / 2)."),
    "closeness": Term("Closeness", "Within the component: (r − 1) / Σ distances to the r − 1 reachable actors."),
    "eigenvector": Term("Eigenvector", "The most central actor has 1; little meaning on disconnected networks."),
    "clustering": Term("Clustering", "Local clustering; — below two contacts."),
    "constraint": Term(
        "Constraint",
        "Burt 1992 on the undirected projection (a one-way tie weighs as a mutual one); can exceed 1; — for isolates.",
    ),
    "effective_size": Term("Effective size", "Borgatti 1997: k − (k − 1) · local clustering."),
    "efficiency": Term("Efficiency", "Effective size / number of contacts."),
    "hierarchy": Term("Hierarchy", "Burt 1992 concentration of constraint; — below two contacts."),
    "local_bridges": Term("Local bridges", "The actor's ties that are local bridges."),
    "brokerage_total": Term("Brokerage", "Gould–Fernandez roles in all, over actor types."),
}

CLASSIFICATIONS: dict[str, Term] = {
    "coordination_regime": Term(
        "Coordination regime",
        "Cooperation, rivalry, competition and conflict apart, co-opetition pairs first, then tension or a "
        "dominant side (article §3.2); ties inside one organisation left out.",
    ),
    "grabher_mix": Term(
        "Grabher mix",
        "Each ideal type's share of the typed exchange ties (communality needs the private sphere); a mix "
        "needs a minimum of typed ties.",
    ),
    "structure": Term(
        "Structure",
        "Burt's two-by-two: closure within communities × brokerage between them, each against "
        "degree-preserving random networks; or fragmented, or insufficient data.",
    ),
    "club_like_core": Term(
        "Club-like core",
        "Borgatti & Everett's core of trusted cooperation, closed (E-I), free of rivalry and producing a "
        "club good without external co-producers (Capello).",
    ),
    "actor_constellation": Term(
        "Actor constellation",
        "Among firms: SME share by size band and SME–SME share of firm–firm exchange (Markusen 1996).",
    ),
    "boundary_spanners": Term(
        "Boundary spanners",
        "Persons reaching two or more institutional spheres who hold a Gould–Fernandez role across groups.",
    ),
}

# Classifications with a page in docs/classifications/ (served at /analysis/classifications/).
CLASSIFICATION_DOCS = tuple(CLASSIFICATIONS)


def doc_anchor(name: str) -> str | None:
    """The docs section of a classification record; community mixes share the Grabher mix's."""
    head = name.rpartition("_community_")[0] or name
    return head if head in CLASSIFICATION_DOCS else None


# The two levels every figure and label is given at (docs/levels.md; Lazega et al. 2008).
LEVELS: dict[str, Term] = {
    "as_coded": Term(
        "As coded",
        "Every actor as recorded is a vertex: organisations and persons side by side, unlinked. Not a "
        "person level: a person and their employer are two vertices, each with its own ties.",
    ),
    "organisation": Term(
        "Organisation level",
        "Persons folded into their affiliated organisation; ties inside one organisation left out; "
        "persons without an affiliation stay as vertices of their own.",
    ),
}

# What a classification concluded (its ``label`` key), as the pages write it.
CLASSIFICATION_LABELS: dict[str, str] = {
    "undetermined": "undetermined",
    "tension": "tension between cooperation and rivalry",
    "cooperation_dominated": "cooperation dominates",
    "rivalry_dominated": "rivalry dominates",
    "mixture": "a mixture",
    "communality": "communality",
    "sociality": "sociality",
    "connectivity": "connectivity",
    "fragmented": "fragmented",
    "closure": "closure",
    "brokerage": "brokerage",
    "closure_and_brokerage": "closure and brokerage",
    "neither_closure_nor_brokerage": "neither closure nor brokerage above chance",
    "insufficient_data": "insufficient data",
    "not_tested": "not tested against random networks",
    "club_like_core": "a club-like core",
    "closed_core_without_club_good": "a closed core without a club good",
    "no_club_like_core": "no club-like core",
    "industrial_district_like": "like an industrial district",
    "heterogeneous_cluster": "heterogeneous cluster",
    "boundary_spanners": "boundary spanners",
    "no_boundary_spanners": "no boundary spanners",
}


def classification_label(key: str) -> str:
    """How a classification's conclusion reads; an unknown key with its underscores as spaces."""
    return CLASSIFICATION_LABELS.get(key) or str(key).replace("_", " ")


def term(terms: Mapping[str, Term], key: str) -> Term:
    """The term of ``key``; per-community Grabher mixes (``grabher_mix_community_2``) read as such."""
    if key in terms:
        return terms[key]
    head, _, community = key.rpartition("_community_")
    if head in terms and community.isdigit():
        return Term(f"{terms[head].label}, community {community}", terms[head].meaning)
    return Term(key.replace("_", " ").capitalize())


def in_order(values: Mapping[str, Any], terms: Mapping[str, Term]) -> list[tuple[str, Term, Any]]:
    """``(key, term, value)`` of ``values``, known keys in the glossary's order, others after."""
    known = [key for key in terms if key in values]
    rest = sorted(key for key in values if key not in terms)
    return [(key, term(terms, key), values[key]) for key in known + rest]


# Where each default threshold comes from (a source, the definition of the index it is compared
# with, or a convention to set per study); shown with the thresholds of every classification.
# The comments in thresholds.py say the same at each setting.
_CONVENTION = "Convention: no literature fixes it; set it per study and report it."
_WEIGHTS = (
    "Granovetter (1973) gives no weights; equal by default. Marsden & Campbell (1984): emotional closeness "
    "is the best indicator, time the weakest (docs/domain.md §2.1)."
)
SETTINGS: dict[str, str] = {
    **dict.fromkeys(
        ("weight_time", "weight_emotional_intensity", "weight_intimacy", "weight_reciprocal_services"), _WEIGHTS
    ),
    "fragmented_max_largest_component_share": f"{_CONVENTION} Half of the actors seen in the wave.",
    "structure_min_actors": f"{_CONVENTION} Below it few graphs share the degree sequence, so a 5 % test has "
    "almost no power (Anderson, Butts & Carley 1999 on comparing small networks).",
    "structure_min_edges": f"{_CONVENTION} For the same reason as the minimum of actors.",
    "structure_null_draws": "Convention within the 100–1,000 of Monte Carlo tests (Davison & Hinkley 1997, §4.2); "
    "at least 19 so that p can reach 0.05.",
    "structure_null_alpha": "Convention: the usual 5 % level.",
    "structure_null_seed": "None: same input, same random networks, same p-values.",
    "structure_null_layers": "Time: the layers on which the null model runs (benchmarks/null_model.py).",
    "structure_null_max_edges": "Time: above it the null model is not run (“not tested”).",
    "stability_null_draws": "Time: random networks per resample's structure test; 39 lets p reach 0.05.",
    "stability_max_seconds": "Time: the resampling stops here with the runs done, inside the worker's limit.",
    "strong_tie_cutoff": f"{_CONVENTION} The middle of the 0..1 strength scale.",
    "regime_dominance_share": f"{_CONVENTION} Half of the mode-coded ties.",
    "regime_tension_min_share": f"{_CONVENTION} A quarter of the mode-coded ties on each side.",
    "regime_conflict_counts_as_rivalry": "Source article §3.2: rivalry makes confrontations (conflict) visible.",
    "regime_min_coded_ties": f"{_CONVENTION} Fewer ties name no regime.",
    "grabher_mix_min_share": f"{_CONVENTION} A fifth of the typed ties.",
    "grabher_min_typed_ties": f"{_CONVENTION} One tie is no mix.",
    "club_min_members": f"{_CONVENTION} The smallest group beyond a dyad (Simmel's triad).",
    "club_min_core_fit": f"{_CONVENTION} Borgatti & Everett (1999) give no cut-off; 0.5 is a large "
    "correlation (Cohen 1988).",
    "club_max_core_ei": "Krackhardt & Stern (1988): below 0 the core has more internal than external ties.",
    "club_max_core_rivalry_share": "Capello (1999: 356): no rivalry among the club's members.",
    "club_outcome_min_members": f"{_CONVENTION} Two core members make an outcome the core's.",
    "club_trust_bases": "Beckert (2002) and network information (Burt): personal trust and reputation.",
    "district_min_sme_share": f"{_CONVENTION} Markusen (1996): a district is dominated by small firms.",
    "district_sme_tie_share_above": f"{_CONVENTION} Markusen (1996): substantial trade among the district's "
    "small firms, read as a majority of the firm–firm exchange pairs.",
    "boundary_spanner_min_spheres": "From the definition: spanning needs two spheres (article §3.1).",
}
