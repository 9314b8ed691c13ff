"""Which organisation an actor belongs to, its institutional sphere and a firm's size class.

Three classifications need them (docs/classifications/): ties *inside one organisation* (a person
and their own employer, two persons of one organisation) are left out of the coordination regime,
the Grabher mix and the club-like core, because the source article's concepts are about relations
between the cluster's actors, not inside one of them; boundary spanners are counted over
institutional spheres; the district rule reads firms' size bands.

Sphere mapping (docs/classifications/boundary_spanners.md): the article names the institutional
contexts between which cluster infrastructure should create exchange — "Privatwirtschaft,
Wissenschaft, Politik usw." (§3.1) — and treats intermediary organisations, associations and
transregional communities as a kind of their own (§2.4, §3.4). Finance is private business,
training institutions belong with science and education.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from coding.analysis.inputs import FIRM_TYPES, ORGANISATION, ActorNode, Tie

FIRM, SCIENCE, PUBLIC, INTERMEDIARY = "firm", "science", "public", "intermediary"
SPHERES = (FIRM, SCIENCE, PUBLIC, INTERMEDIARY)
SPHERE_OF_ORG_TYPE: dict[str, str] = {
    **dict.fromkeys(FIRM_TYPES, FIRM),
    "finance": FIRM,
    "university": SCIENCE,
    "research_institute": SCIENCE,
    "training": SCIENCE,
    "politics": PUBLIC,
    "intermediary": INTERMEDIARY,
    "foundry_incubator": INTERMEDIARY,
    "union": INTERMEDIARY,
    "employer_association": INTERMEDIARY,
    "transregional_community": INTERMEDIARY,
}

SME, LARGE = "sme", "large"
SME_SIZE_BANDS = frozenset({"micro", "small", "medium"})


def organisation_of(actor: ActorNode) -> int | None:
    """The organisation an actor is or belongs to: itself, or a person's affiliation (None if unknown)."""
    return actor.id if actor.kind == ORGANISATION else actor.affiliation_id


def within_organisation(tie: Tie, by_id: Mapping[int, ActorNode]) -> bool:
    """True for a tie between a person and their own employer, or between two persons of one organisation."""
    source, target = by_id.get(tie.source), by_id.get(tie.target)
    if source is None or target is None or tie.source == tie.target:
        return False
    home = organisation_of(source)
    return home is not None and home == organisation_of(target)


def split_within_organisation(ties: Iterable[Tie], actors: Sequence[ActorNode]) -> tuple[list[Tie], list[int]]:
    """The ties between organisations (or unaffiliated persons), and the ids of the ties left out."""
    by_id = {actor.id: actor for actor in actors}
    kept, left_out = [], []
    for tie in ties:
        if within_organisation(tie, by_id):
            left_out.append(tie.id)
        else:
            kept.append(tie)
    return kept, left_out


def sphere(actor: ActorNode, by_id: Mapping[int, ActorNode]) -> str | None:
    """The institutional sphere of an organisation, or of a person through their employer; None if unknown."""
    home = by_id.get(organisation_of(actor) or -1)
    if home is None or home.kind != ORGANISATION:
        return None
    return SPHERE_OF_ORG_TYPE.get(home.org_type)


def firm_size_class(actor: ActorNode) -> str | None:
    """ "sme" (micro, small, medium) or "large" by the size band; without one, by the type (else None).

    A firm coded "firm_sme" or "firm_large" without a size band takes the class its type names;
    a start-up or spin-off without a size band has no known size.
    """
    if actor.size_band:
        return SME if actor.size_band in SME_SIZE_BANDS else LARGE
    return {"firm_sme": SME, "firm_large": LARGE}.get(actor.org_type)
