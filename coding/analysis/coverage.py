"""Observation coverage (article §3.4; docs/domain.md): whom the interviews reached.

An actor type counts as interviewed when an organisation of that type was interviewed or a
person of that type (through their affiliation, see ``inputs.actor_types``) was. Hierarchy levels
refer to persons. Coverage always covers all actors of the region, whatever the tie layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coding.analysis.inputs import COMMONLY_MISSED_LEVELS, HIERARCHY_LEVELS, PERSON, ActorNode, actor_types
from coding.analysis.metrics import share


def observation_coverage(actors: Sequence[ActorNode]) -> dict[str, object]:
    """Interviewed and missing actor types and hierarchy levels, and the external actors."""
    types = actor_types(actors)
    interviewed = [actor for actor in actors if actor.interviewed]
    present_types = sorted({types[actor.id] for actor in actors})
    covered_types = sorted({types[actor.id] for actor in interviewed})
    persons = [actor for actor in actors if actor.kind == PERSON]
    present_levels = _ordered_levels(actor.hierarchy_level for actor in persons)
    covered_levels = _ordered_levels(actor.hierarchy_level for actor in persons if actor.interviewed)
    external = [actor for actor in actors if actor.is_external]
    return {
        "actors": len(actors),
        "interviewed_actors": len(interviewed),
        "interviewed_share": share(len(interviewed), len(actors)),
        "actor_types_present": present_types,
        "actor_types_interviewed": covered_types,
        "actor_types_not_interviewed": [group for group in present_types if group not in covered_types],
        "hierarchy_levels_present": present_levels,
        "hierarchy_levels_interviewed": covered_levels,
        "hierarchy_levels_not_interviewed": [level for level in HIERARCHY_LEVELS if level not in covered_levels],
        # The levels the article warns are easily missed and that no interview reached.
        "commonly_missed_levels_not_interviewed": [
            level for level in COMMONLY_MISSED_LEVELS if level not in covered_levels
        ],
        "persons_without_level": sum(1 for actor in persons if not actor.hierarchy_level),
        "external_actors": len(external),
        "external_actors_interviewed": sum(1 for actor in external if actor.interviewed),
        "external_included": bool(external),
        "interviewed_actor_ids": sorted(actor.id for actor in interviewed),
    }


def _ordered_levels(levels: Iterable[str]) -> list[str]:
    found = set(levels)
    return [level for level in HIERARCHY_LEVELS if level in found]
