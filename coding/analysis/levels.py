"""Two levels of one region's network (Lazega et al. 2008; docs/levels.md).

- **As coded**: the actors as recorded, persons and organisations side by side as separate,
  unlinked vertices. It is not a person level: an interviewee and their employer are two
  vertices, and a tie to "the firm" and a tie to one of its engineers are different ties.
- **Organisation level**: every person with an affiliation is folded into that organisation, so a
  tie of an engineer counts as a tie of the firm. Ties that end up inside one organisation (two
  colleagues, or a person and their own employer) are left out: they are not ties between
  organisations. Persons without an affiliation stay as vertices of their own, since no
  organisation is recorded to fold them into.

Which actors were *seen* in a wave is decided here too, since the per-wave "fragmented" check
needs it at both levels: an actor is seen when it has a tie dated to that wave (any layer) or is an
interviewee of an interview of that wave; over all waves, when it has any tie or any interview.

Written by hand: folding vertices by an attribute while keeping each coded tie's id (so every
figure still leads back to its codings) is a few lines no graph library offers in this form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from coding.analysis.inputs import ORGANISATION, PERSON, ActorNode, OutcomeInput, Tie

AS_CODED = "as_coded"
ORGANISATION_LEVEL = "organisation"
# What the organisation level's result keeps of its derivation (under ``levels``).
LEVEL_KEYS = ("metrics", "actors", "ties", "classifications", "coverage")
# Marks a stored organisation level that is the level as coded (no person to fold): the worker
# stores this mark instead of a copy of those parts (``coding.worker.evidence``), half the size.
SAME_AS_CODED = "same_as_coded"


@dataclass(frozen=True)
class FoldedRegion:
    """The organisation level of a region: its vertices, ties and what the folding did."""

    actors: list[ActorNode]
    ties: list[Tie]
    outcomes: list[OutcomeInput]
    # Actor id -> the vertex it became (itself for organisations and unaffiliated persons).
    vertex_of: dict[int, int]
    folded_person_ids: list[int]
    unaffiliated_person_ids: list[int]
    # Ties whose two ends fold into one organisation, left out of the organisation level.
    internal_tie_ids: list[int]


def fold_to_organisations(
    actors: Sequence[ActorNode], ties: Iterable[Tie], outcomes: Iterable[OutcomeInput] = ()
) -> FoldedRegion:
    """Persons folded into their affiliated organisation; ties inside one organisation left out.

    An organisation vertex counts as interviewed when one of its persons was (interviewees are
    persons), and it takes the waves of their interviews.
    """
    by_id = {actor.id: actor for actor in actors}
    vertex_of = {actor.id: _vertex(actor, by_id) for actor in actors}
    members: dict[int, list[ActorNode]] = {}
    for actor in actors:
        members.setdefault(vertex_of[actor.id], []).append(actor)
    folded_actors = [_merged(by_id[vertex], members[vertex]) for vertex in sorted(members)]
    kept: list[Tie] = []
    internal: list[int] = []
    for tie in ties:
        source, target = vertex_of.get(tie.source, tie.source), vertex_of.get(tie.target, tie.target)
        if source == target and tie.source != tie.target:
            internal.append(tie.id)
            continue
        kept.append(tie if (source, target) == (tie.source, tie.target) else replace(tie, source=source, target=target))
    return FoldedRegion(
        actors=folded_actors,
        ties=kept,
        outcomes=[_fold_outcome(outcome, vertex_of) for outcome in outcomes],
        vertex_of=vertex_of,
        folded_person_ids=sorted(a.id for a in actors if a.kind == PERSON and vertex_of[a.id] != a.id),
        unaffiliated_person_ids=sorted(a.id for a in actors if a.kind == PERSON and vertex_of[a.id] == a.id),
        internal_tie_ids=sorted(internal),
    )


def _vertex(actor: ActorNode, by_id: dict[int, ActorNode]) -> int:
    employer = by_id.get(actor.affiliation_id) if actor.affiliation_id is not None else None
    if actor.kind == PERSON and employer is not None and employer.kind == ORGANISATION:
        return employer.id
    return actor.id


def _merged(vertex: ActorNode, members: list[ActorNode]) -> ActorNode:
    waves = frozenset().union(*(member.interview_wave_ids for member in members))
    return replace(
        vertex,
        interviewed=any(member.interviewed for member in members),
        interview_wave_ids=waves,
    )


def _fold_outcome(outcome: OutcomeInput, vertex_of: dict[int, int]) -> OutcomeInput:
    folded = sorted({vertex_of.get(actor_id, actor_id) for actor_id in outcome.actor_ids})
    return replace(outcome, actor_ids=tuple(folded))


def seen_actor_ids(actors: Iterable[ActorNode], ties: Iterable[Tie], wave_id: int | None) -> set[int]:
    """Actors observed in ``wave_id`` (None: in any wave): a tie of that wave or an interview in it.

    ``ties`` are all of the region's ties, whatever the layer: an actor seen only in cooperation is
    still seen when the rivalry layer is analysed (and is an isolate there).
    """
    seen = {
        actor.id for actor in actors if actor.interviewed and (wave_id is None or wave_id in actor.interview_wave_ids)
    }
    for tie in ties:
        if wave_id is None or tie.wave_id == wave_id:
            seen.update((tie.source, tie.target))
    return seen


def organisation_result(result: Mapping[str, Any]) -> dict[str, Any] | None:
    """The organisation level of a result (None for results stored before levels existed); one stored
    with ``SAME_AS_CODED`` reads its parts from the level as coded (those of them ``result`` has)."""
    organisation = (result.get("levels") or {}).get(ORGANISATION_LEVEL)
    if not isinstance(organisation, dict):
        return None
    if not organisation.get(SAME_AS_CODED):
        return organisation
    return {**{key: result[key] for key in LEVEL_KEYS if key in result}, **organisation}
