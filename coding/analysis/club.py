"""Club-like core (docs/domain.md): a dense, closed core of trusted cooperation producing collective goods."""

from __future__ import annotations

from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, percent, pick
from coding.analysis.metrics import share
from coding.analysis.thresholds import AnalysisSettings


def club_like_core(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """A dense core of trusted cooperative ties, producing collective goods, closed to outsiders.

    The core is the k-core (k = ``club_min_coreness``) of the graph of cooperative ties with a
    trust basis in ``club_trust_bases``. It is club-like when it is big and dense enough, has few
    external members and at least one outcome was produced by enough of its members.
    """
    rg = facts.rg
    trusted = [tie for tie in facts.ties if "cooperation" in tie.modes and tie.trust_basis in settings.club_trust_bases]
    contacts: dict[int, set[int]] = {}
    for tie in trusted:
        contacts.setdefault(tie.source, set()).add(tie.target)
        contacts.setdefault(tie.target, set()).add(tie.source)
    members = _k_core(contacts, settings.club_min_coreness)
    core_ties = [tie for tie in trusted if tie.source in members and tie.target in members]
    pairs = {tie.pair for tie in core_ties}
    size = len(members)
    density = share(len(pairs), size * (size - 1) // 2)
    external = [actor_id for actor_id in members if rg.actors[rg.index[actor_id]].is_external]
    external_share = share(len(external), size)
    goods = [
        outcome.id
        for outcome in facts.outcomes
        if len(members.intersection(outcome.actor_ids)) >= settings.club_outcome_min_members
    ]
    checks = {
        "enough_members": size >= settings.club_min_members,
        "dense": (density or 0.0) >= settings.club_min_density,
        "closed": external_share is not None and external_share <= settings.club_max_external_share,
        "collective_goods": bool(goods),
    }
    label = "club_like_core" if all(checks.values()) else "no_club_like_core"
    figures = {
        "trusted_cooperative_ties": len(trusted),
        "core_members": size,
        "core_density": density,
        "external_members": len(external),
        "external_share": external_share,
        "collective_good_outcome_ids": goods,
        "checks": checks,
    }
    failed = [name.replace("_", " ") for name, passed in checks.items() if not passed]
    reason = (
        f"A core of {size} actors with density {percent(density)} and {percent(external_share)} external members "
        f"produced {len(goods)} collective good(s)"
        + (f"; fails: {', '.join(failed)}." if failed else "; all conditions hold.")
    )
    thresholds = pick(
        settings,
        "club_min_coreness",
        "club_min_members",
        "club_min_density",
        "club_max_external_share",
        "club_outcome_min_members",
        "club_trust_bases",
    )
    return explanation("club_like_core", label, thresholds, figures, reason, [t.id for t in core_ties], members)


def _k_core(contacts: dict[int, set[int]], k: int) -> set[int]:
    """Vertices of the k-core: repeatedly drop vertices with fewer than ``k`` remaining contacts."""
    degree = {vertex: len(others) for vertex, others in contacts.items()}
    queue = [vertex for vertex, count in degree.items() if count < k]
    removed: set[int] = set(queue)
    while queue:
        vertex = queue.pop()
        for other in contacts[vertex]:
            if other in removed:
                continue
            degree[other] -= 1
            if degree[other] < k:
                removed.add(other)
                queue.append(other)
    return set(contacts) - removed
