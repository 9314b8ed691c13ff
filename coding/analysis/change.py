"""Change between two waves of a region: ties formed, persisted and dissolved, actors entering and
leaving, the Jaccard similarity of the tie sets and each actor's change of figures.

Read from two stored analysis results of the same tie layer (``derive.derive_region`` for wave A
and for wave B), so the figures compared are exactly the ones the analysis page shows per wave.

Rules (docs/domain.md, "Change between waves"):

- A tie of a wave is an unordered actor pair with at least one coded tie of that wave in the chosen
  layer (the result's collapsed edges; direction and the number of coded ties on the pair are
  ignored, ties of an actor with itself carry no structure and are left out). *Formed*: a pair of
  wave B that is not one of wave A; *dissolved*: of A but not B; *persisted*: of both.
- An actor is *present* in a wave when it has at least one such tie in that wave. Every actor of the
  region is in every result (a layer never removes actors), so presence is read from the ties, not
  from the actor list. *Entering*: present in B, not in A; *leaving*: present in A, not in B.
- Jaccard similarity of the tie sets = persisted / (formed + persisted + dissolved); undefined
  (``None``) when neither wave has a tie.
- Per actor (each actor present in either wave): degree, betweenness, constraint and brokerage
  roles in A and in B and the change B − A; ``None`` where a figure is undefined (constraint of an
  isolate).

Written here because no graph library compares two networks this way; the set arithmetic is small.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coding.analysis.partitions import ROLES

Pair = tuple[int, int]
FORMED, PERSISTED, DISSOLVED = "formed", "persisted", "dissolved"
# Per-actor figures compared, as keys of a result's actor rows.
ACTOR_FIGURES = ("degree", "betweenness", "constraint", *(f"brokerage_{role}" for role in ROLES), "brokerage_total")


@dataclass(frozen=True)
class TieChange:
    """One actor pair whose tie formed, persisted or dissolved, with the coded ties of each wave."""

    source: int
    target: int
    change: str
    before_tie_ids: tuple[int, ...] = ()
    after_tie_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ActorChange:
    """One actor's figures in both waves (``before``/``after``) and their change."""

    actor_id: int
    name: str
    before: dict[str, float | None]
    after: dict[str, float | None]

    @property
    def delta(self) -> dict[str, float | None]:
        return {key: _difference(self.before.get(key), self.after.get(key)) for key in ACTOR_FIGURES}


@dataclass(frozen=True)
class WaveChange:
    """Everything that changed between wave A (``before``) and wave B (``after``) on one layer."""

    ties: list[TieChange]
    entering: list[int]
    leaving: list[int]
    actors: list[ActorChange] = field(default_factory=list)

    def of(self, change: str) -> list[TieChange]:
        return [tie for tie in self.ties if tie.change == change]

    @property
    def counts(self) -> dict[str, int]:
        return {change: len(self.of(change)) for change in (FORMED, PERSISTED, DISSOLVED)}

    @property
    def jaccard(self) -> float | None:
        counts = self.counts
        union = counts[FORMED] + counts[PERSISTED] + counts[DISSOLVED]
        return counts[PERSISTED] / union if union else None

    def summary(self) -> dict[str, Any]:
        """The step's figures as plain values (the API, the comparison and the tables read these)."""
        return {
            **self.counts,
            "jaccard": self.jaccard,
            "entering": len(self.entering),
            "leaving": len(self.leaving),
        }


def tie_pairs(result: Mapping[str, Any]) -> dict[Pair, tuple[int, ...]]:
    """The actor pairs of a result's collapsed edges (smaller id first) and their coded ties."""
    pairs: dict[Pair, tuple[int, ...]] = {}
    for edge in result.get("ties") or ():
        source, target = int(edge["source"]), int(edge["target"])
        if source == target:
            continue
        pair = (source, target) if source < target else (target, source)
        pairs[pair] = tuple(sorted({*pairs.get(pair, ()), *edge.get("tie_ids", ())}))
    return pairs


def present_actors(pairs: Mapping[Pair, object]) -> set[int]:
    """Actors with at least one tie among ``pairs`` (the module's rule of presence)."""
    return {actor for pair in pairs for actor in pair}


def wave_change(before: Mapping[str, Any], after: Mapping[str, Any]) -> WaveChange:
    """The change from result ``before`` (wave A) to ``after`` (wave B) of the same layer."""
    pairs_a, pairs_b = tie_pairs(before), tie_pairs(after)
    ties = [
        TieChange(
            source=pair[0],
            target=pair[1],
            change=PERSISTED if pair in pairs_a and pair in pairs_b else FORMED if pair in pairs_b else DISSOLVED,
            before_tie_ids=pairs_a.get(pair, ()),
            after_tie_ids=pairs_b.get(pair, ()),
        )
        for pair in sorted(pairs_a.keys() | pairs_b.keys())
    ]
    present_a, present_b = present_actors(pairs_a), present_actors(pairs_b)
    return WaveChange(
        ties=ties,
        entering=sorted(present_b - present_a),
        leaving=sorted(present_a - present_b),
        actors=_actor_changes(before, after, present_a | present_b),
    )


def _actor_changes(before: Mapping[str, Any], after: Mapping[str, Any], actor_ids: set[int]) -> list[ActorChange]:
    rows_a, rows_b = _actor_rows(before), _actor_rows(after)
    changes = []
    for actor_id in sorted(actor_ids):
        row_a, row_b = rows_a.get(actor_id, {}), rows_b.get(actor_id, {})
        name = str(row_b.get("name") or row_a.get("name") or actor_id)
        changes.append(ActorChange(actor_id, name, _figures(row_a), _figures(row_b)))
    return sorted(changes, key=lambda change: (change.name.casefold(), change.actor_id))


def _actor_rows(result: Mapping[str, Any]) -> dict[int, Mapping[str, Any]]:
    return {int(row["id"]): row for row in result.get("actors") or ()}


def _figures(row: Mapping[str, Any]) -> dict[str, float | None]:
    return {key: row.get(key) for key in ACTOR_FIGURES}


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def consecutive_steps(wave_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs of consecutive waves, in the given order (waves ordered by start)."""
    return list(itertools.pairwise(wave_ids))
