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
from coding.analysis.message import N_


def _listed(names: Iterable[str]) -> str:
    return ", ".join(str(name).replace("_", " ") for name in sorted(names))


STRUCTURE_CONVENTION = N_(
    "Unweighted, on the undirected projection of the tie layer: two actors are adjacent when any tie "
    "joins them; parallel ties collapse into one edge; self-ties are left out."
)


# Meanings that name choice keys (settings, hierarchy levels): the English text, and for pages in
# other languages the sentence to translate with the keys to put in as their choices' names.
_LOW_THRESHOLD_MEANING = N_("Settings: {names}.").format(names=_listed(LOW_THRESHOLD_SETTINGS))
_COMMONLY_MISSED_MEANING = N_("Of {names} (article §3.4).").format(names=_listed(COMMONLY_MISSED_LEVELS))
MEANINGS_WITH_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    _LOW_THRESHOLD_MEANING: ("Settings: {names}.", tuple(sorted(LOW_THRESHOLD_SETTINGS))),
    _COMMONLY_MISSED_MEANING: ("Of {names} (article §3.4).", tuple(sorted(COMMONLY_MISSED_LEVELS))),
}
# A figure given per community (``grabher_mix_community_2``).
COMMUNITY_LABEL = N_("{figure}, community {number}")


@dataclass(frozen=True)
class Term:
    label: str
    meaning: str = ""


REGION_METRICS: dict[str, Term] = {
    "actors": Term(N_("Actors"), N_("Organisations and persons of the region, isolates included.")),
    "ties": Term(
        N_("Coded ties"), N_("Interactions of the layer, self-ties left out; parallel ties count separately.")
    ),
    "edges": Term(N_("Connected pairs"), N_("Actor pairs joined by at least one tie of the layer.")),
    "arcs": Term(N_("Directed pairs"), N_("Ordered actor pairs joined by a directed or mutual tie.")),
    "density": Term(N_("Density"), N_("Connected pairs / possible pairs.")),
    "directed_density": Term(N_("Directed density"), N_("Directed pairs / possible ordered pairs.")),
    "mean_degree": Term(N_("Mean degree"), N_("Average number of contacts per actor.")),
    "degree_centralisation": Term(
        N_("Degree centralisation"), N_("Freeman: 1 for a star, 0 when every actor has as many contacts.")
    ),
    "components": Term(N_("Components"), N_("Sets of actors connected by paths; an isolate is one component.")),
    "component_sizes": Term(N_("Component sizes"), N_("Actors per component, largest first.")),
    "largest_component_share": Term(N_("Largest component"), N_("Share of the actors in the largest component.")),
    "isolates": Term(N_("Isolates"), N_("Actors without a tie in this layer.")),
    "transitivity": Term(
        N_("Transitivity"), N_("Share of connected triples closed into triangles (global clustering).")
    ),
    "average_clustering": Term(
        N_("Average clustering"), N_("Mean local clustering; actors with fewer than two contacts count as 0.")
    ),
    "communities": Term(
        N_("Communities"), N_("Leiden communities maximising modularity (fixed seed, so reruns agree).")
    ),
    "community_sizes": Term(N_("Community sizes"), N_("Actors per community, largest first.")),
    "modularity": Term(N_("Modularity"), N_("How far ties stay inside the communities; — without ties.")),
    "mean_constraint": Term(
        N_("Mean constraint (Burt)"), N_("High: closed, redundant contacts; low: structural holes around the actors.")
    ),
    "bridges": Term(N_("Bridges"), N_("Ties whose removal splits their component.")),
    "local_bridges": Term(
        N_("Local bridges"), N_("Ties whose two ends share no contact (Granovetter); every bridge is one.")
    ),
    "brokerage": Term(
        N_("Brokerage roles (Gould–Fernandez)"),
        N_("Open two-paths by the actor types of the three actors; a mutual tie counts both ways."),
    ),
    "ei_location": Term(
        N_("E-I index, inside / external"),
        N_("Krackhardt & Stern (E − I) / (E + I) over connected pairs: −1 all ties inside the groups, +1 all across."),
    ),
    "ei_actor_type": Term(N_("E-I index over actor types"), N_("As above, with the actor types as groups.")),
    "blau_actor_type": Term(
        N_("Heterogeneity of actor types (Blau)"), N_("1 − Σ share²: 0 when all actors have one type.")
    ),
    "blau_organisation_type": Term(
        N_("Heterogeneity of organisation types (Blau)"), N_("Over the organisations only.")
    ),
    "actor_type_shares": Term(
        N_("Actor types"), N_("Share of the actors per type; persons take their organisation's type.")
    ),
    "rated_ties": Term(
        N_("Rated ties"),
        N_("Ties with a strength: at least one rating (time, emotion, intimacy, services) of weight > 0."),
    ),
    "unrated_ties": Term(N_("Unrated ties"), N_("Left out of the strong and weak shares.")),
    "strong_tie_share": Term(
        N_("Strong ties (of rated)"), N_("Strength at or above the strong-tie cut-off (a setting).")
    ),
    "weak_tie_share": Term(N_("Weak ties (of rated)"), N_("Strength below the strong-tie cut-off.")),
    "face_to_face_share": Term(N_("Face-to-face ties"), N_("Share of the ties whose channel is face to face.")),
    "low_threshold_share": Term(N_("Ties in low-threshold settings"), _LOW_THRESHOLD_MEANING),
    "mode_counts": Term(N_("Coordination modes"), N_("Ties coded with each mode; a tie may carry several.")),
    "mode_shares": Term(N_("Coordination mode shares"), N_("Of all ties of the layer.")),
    "mode_mix": Term(
        N_("Coordination mix"),
        N_("Each tie once: with one mode only, with several modes, or with none; adds up to all ties."),
    ),
    "self_tie_ids": Term(
        N_("Self-ties"), N_("Ties of an actor with itself (where the study allows them): not in the metrics.")
    ),
}

COVERAGE: dict[str, Term] = {
    "actors": Term(N_("Actors"), N_("All actors of the region, whatever the tie layer.")),
    "interviewed_actors": Term(N_("Actors interviewed")),
    "interviewed_share": Term(N_("Share interviewed")),
    "interviewed_actor_ids": Term(N_("Interviewed")),
    "actor_types_present": Term(N_("Actor types present")),
    "actor_types_interviewed": Term(N_("Actor types interviewed"), N_("Through an organisation or one of its people.")),
    "actor_types_not_interviewed": Term(N_("Actor types not interviewed")),
    "hierarchy_levels_present": Term(N_("Hierarchy levels present"), N_("Of the persons.")),
    "hierarchy_levels_interviewed": Term(N_("Hierarchy levels interviewed")),
    "hierarchy_levels_not_interviewed": Term(N_("Hierarchy levels not interviewed")),
    "commonly_missed_levels_not_interviewed": Term(
        N_("Commonly missed levels not interviewed"), _COMMONLY_MISSED_MEANING
    ),
    "persons_without_level": Term(N_("Persons without a hierarchy level")),
    "external_actors": Term(N_("External actors"), N_("Outside the region, quasi-external included.")),
    "external_actors_interviewed": Term(N_("External actors interviewed")),
    "external_included": Term(N_("External actors included")),
}

ACTOR_COLUMNS: dict[str, Term] = {
    "actor_type": Term(N_("Type")),
    "location": Term(N_("Location")),
    "community": Term(N_("Community"), N_("Number of the actor's Leiden community, 0 the largest.")),
    "degree": Term(N_("Degree"), N_("Contacts in the undirected projection.")),
    "betweenness": Term(N_("Betweenness"), N_("Raw count over actor pairs; normalised = raw / ((n − 1)(n − 2) / 2).")),
    "closeness": Term(
        N_("Closeness"), N_("Within the component: (r − 1) / Σ distances to the r − 1 reachable actors.")
    ),
    "eigenvector": Term(
        N_("Eigenvector"), N_("The most central actor has 1; little meaning on disconnected networks.")
    ),
    "clustering": Term(N_("Clustering"), N_("Local clustering; — below two contacts.")),
    "constraint": Term(
        N_("Constraint"),
        N_(
            "Burt 1992 on the undirected projection (a one-way tie weighs as a mutual one); can exceed 1; "
            "— for isolates."
        ),
    ),
    "effective_size": Term(N_("Effective size"), N_("Borgatti 1997: k − (k − 1) · local clustering.")),
    "efficiency": Term(N_("Efficiency"), N_("Effective size / number of contacts.")),
    "hierarchy": Term(N_("Hierarchy"), N_("Burt 1992 concentration of constraint; — below two contacts.")),
    "local_bridges": Term(N_("Local bridges"), N_("The actor's ties that are local bridges.")),
    "brokerage_total": Term(N_("Brokerage"), N_("Gould–Fernandez roles in all, over actor types.")),
}

CLASSIFICATIONS: dict[str, Term] = {
    "coordination_regime": Term(
        N_("Coordination regime"),
        N_(
            "Cooperation, rivalry, competition and conflict apart, co-opetition pairs first, then tension or a "
            "dominant side (article §3.2); ties inside one organisation left out."
        ),
    ),
    "grabher_mix": Term(
        N_("Grabher mix"),
        N_(
            "Each ideal type's share of the typed exchange ties (communality needs the private sphere); a mix "
            "needs a minimum of typed ties."
        ),
    ),
    "structure": Term(
        N_("Structure"),
        N_(
            "Burt's two-by-two: closure within communities × brokerage between them, each against "
            "degree-preserving random networks; or fragmented, or insufficient data."
        ),
    ),
    "club_like_core": Term(
        N_("Club-like core"),
        N_(
            "Borgatti & Everett's core of trusted cooperation, closed (E-I), free of rivalry and producing a "
            "club good without external co-producers (Capello)."
        ),
    ),
    "actor_constellation": Term(
        N_("Actor constellation"),
        N_("Among firms: SME share by size band and SME–SME share of firm–firm exchange (Markusen 1996)."),
    ),
    "boundary_spanners": Term(
        N_("Boundary spanners"),
        N_("Persons reaching two or more institutional spheres who hold a Gould–Fernandez role across groups."),
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
        N_("As coded"),
        N_(
            "Every actor as recorded is a vertex: organisations and persons side by side, unlinked. Not a "
            "person level: a person and their employer are two vertices, each with its own ties."
        ),
    ),
    "organisation": Term(
        N_("Organisation level"),
        N_(
            "Persons folded into their affiliated organisation; ties inside one organisation left out; "
            "persons without an affiliation stay as vertices of their own."
        ),
    ),
}

# What a classification concluded (its ``label`` key), as the pages write it.
CLASSIFICATION_LABELS: dict[str, str] = {
    "undetermined": N_("undetermined"),
    "tension": N_("tension between cooperation and rivalry"),
    "cooperation_dominated": N_("cooperation dominates"),
    "rivalry_dominated": N_("rivalry dominates"),
    "mixture": N_("a mixture"),
    "communality": N_("communality"),
    "sociality": N_("sociality"),
    "connectivity": N_("connectivity"),
    "fragmented": N_("fragmented"),
    "closure": N_("closure"),
    "brokerage": N_("brokerage"),
    "closure_and_brokerage": N_("closure and brokerage"),
    "neither_closure_nor_brokerage": N_("neither closure nor brokerage above chance"),
    "insufficient_data": N_("insufficient data"),
    "not_tested": N_("not tested against random networks"),
    "null_model_pending": N_("being tested against random networks"),
    "club_like_core": N_("a club-like core"),
    "closed_core_without_club_good": N_("a closed core without a club good"),
    "no_club_like_core": N_("no club-like core"),
    "industrial_district_like": N_("like an industrial district"),
    "heterogeneous_cluster": N_("heterogeneous cluster"),
    "boundary_spanners": N_("boundary spanners"),
    "no_boundary_spanners": N_("no boundary spanners"),
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
        return Term(COMMUNITY_LABEL.format(figure=terms[head].label, number=community), terms[head].meaning)
    return Term(key.replace("_", " ").capitalize())


def in_order(values: Mapping[str, Any], terms: Mapping[str, Term]) -> list[tuple[str, Term, Any]]:
    """``(key, term, value)`` of ``values``, known keys in the glossary's order, others after."""
    known = [key for key in terms if key in values]
    rest = sorted(key for key in values if key not in terms)
    return [(key, term(terms, key), values[key]) for key in known + rest]


# Where each default threshold comes from (a source, the definition of the index it is compared
# with, or a convention to set per study); shown with the thresholds of every classification.
# The comments in thresholds.py say the same at each setting.
_WEIGHTS = N_(
    "Granovetter (1973) gives no weights; equal by default. Marsden & Campbell (1984): emotional closeness "
    "is the best indicator, time the weakest (docs/domain.md §2.1)."
)
SETTINGS: dict[str, str] = {
    **dict.fromkeys(
        ("weight_time", "weight_emotional_intensity", "weight_intimacy", "weight_reciprocal_services"), _WEIGHTS
    ),
    "fragmented_max_largest_component_share": N_(
        "Convention: no literature fixes it; set it per study and report it. Half of the actors seen in the wave."
    ),
    "structure_min_actors": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "Below it few graphs share the degree sequence, so a 5 % test has "
        "almost no power (Anderson, Butts & Carley 1999 on comparing small networks)."
    ),
    "structure_min_edges": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "For the same reason as the minimum of actors."
    ),
    "structure_null_draws": N_(
        "Convention within the 100–1,000 of Monte Carlo tests (Davison & Hinkley 1997, §4.2); "
        "at least 19 so that p can reach 0.05."
    ),
    # xgettext:no-python-format
    "structure_null_alpha": N_("Convention: the usual 5 % level."),
    "structure_null_seed": N_("None: same input, same random networks, same p-values."),
    "structure_null_layers": N_("Time: the layers on which the null model runs (benchmarks/null_model.py)."),
    "structure_null_max_edges": N_("Time: above it the null model is not run (“not tested”)."),
    "stability_null_draws": N_("Time: random networks per resample's structure test; 39 lets p reach 0.05."),
    "stability_max_seconds": N_("Time: the resampling stops here with the runs done, inside the worker's limit."),
    "strong_tie_cutoff": N_(
        "Convention: no literature fixes it; set it per study and report it. The middle of the 0..1 strength scale."
    ),
    "regime_dominance_share": N_(
        "Convention: no literature fixes it; set it per study and report it. Half of the mode-coded ties."
    ),
    "regime_tension_min_share": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "A quarter of the mode-coded ties on each side."
    ),
    "regime_conflict_counts_as_rivalry": N_("Source article §3.2: rivalry makes confrontations (conflict) visible."),
    "regime_min_coded_ties": N_(
        "Convention: no literature fixes it; set it per study and report it. Fewer ties name no regime."
    ),
    "grabher_mix_min_share": N_(
        "Convention: no literature fixes it; set it per study and report it. A fifth of the typed ties."
    ),
    "grabher_min_typed_ties": N_(
        "Convention: no literature fixes it; set it per study and report it. One tie is no mix."
    ),
    "club_min_members": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "The smallest group beyond a dyad (Simmel's triad)."
    ),
    "club_min_core_fit": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "Borgatti & Everett (1999) give no cut-off; 0.5 is a large "
        "correlation (Cohen 1988)."
    ),
    "club_max_core_ei": N_("Krackhardt & Stern (1988): below 0 the core has more internal than external ties."),
    "club_max_core_rivalry_share": N_("Capello (1999: 356): no rivalry among the club's members."),
    "club_outcome_min_members": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "Two core members make an outcome the core's."
    ),
    "club_trust_bases": N_("Beckert (2002) and network information (Burt): personal trust and reputation."),
    "district_min_sme_share": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "Markusen (1996): a district is dominated by small firms."
    ),
    "district_sme_tie_share_above": N_(
        "Convention: no literature fixes it; set it per study and report it. "
        "Markusen (1996): substantial trade among the district's "
        "small firms, read as a majority of the firm–firm exchange pairs."
    ),
    "boundary_spanner_min_spheres": N_("From the definition: spanning needs two spheres (article §3.1)."),
}
