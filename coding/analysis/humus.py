"""Low-threshold contacts as the "humus" of later cooperation, and spin-off–parent ties.

The article (§2.3, after Heidenreich 2000): "Niedrigschwellige Kontakte bilden gewissermaßen den
Humus, auf dem dauerhafte oder temporäre Kooperationen heterogener Akteure gedeihen können" —
low-threshold contacts are the humus on which lasting or temporary cooperation can grow. With
waves, that is testable: of the pairs who met in a low-threshold setting in one wave, how many
cooperate in the next — against the same share for pairs who were in contact otherwise (the
base rate), and how many of the next wave's new cooperations had such a contact before.

Spin-offs and their parent organisations (the article cites Lindholm Dahlstrand 1999 on how often
they cooperate): the coded ties between a spin-off and its parent, persons counted with the
organisation they work for, so a founder's tie to a former professor counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from coding.analysis.inputs import LOW_THRESHOLD_SETTINGS, ORGANISATION, ActorNode, Tie
from coding.analysis.metrics import share

Pair = tuple[int, int]


def low_threshold_to_cooperation(ties: Iterable[Tie], wave_order: Sequence[int]) -> list[dict[str, Any]]:
    """One record per pair of consecutive waves (in ``wave_order``, earliest first)."""
    by_wave: dict[int, list[Tie]] = {}
    for tie in ties:
        if tie.wave_id is not None and tie.source != tie.target:
            by_wave.setdefault(tie.wave_id, []).append(tie)
    steps = []
    for earlier, later in pairwise(wave_order):
        before, after = by_wave.get(earlier, []), by_wave.get(later, [])
        contacts = _pairs(before)
        low = _pairs(tie for tie in before if tie.setting in LOW_THRESHOLD_SETTINGS)
        cooperating_before = _pairs(tie for tie in before if "cooperation" in tie.modes)
        cooperating_after = _pairs(tie for tie in after if "cooperation" in tie.modes)
        other = contacts.keys() - low.keys()
        became = sorted(low.keys() & cooperating_after.keys())
        new_cooperation = cooperating_after.keys() - cooperating_before.keys()
        steps.append(
            {
                "from_wave_id": earlier,
                "to_wave_id": later,
                "low_threshold_pairs": len(low),
                "became_cooperation": len(became),
                "became_share": share(len(became), len(low)),
                "other_contact_pairs": len(other),
                "other_became_cooperation": len(other & cooperating_after.keys()),
                "other_became_share": share(len(other & cooperating_after.keys()), len(other)),
                "new_cooperation_pairs": len(new_cooperation),
                "new_cooperation_after_low_threshold": len(new_cooperation & low.keys()),
                "pairs": [
                    {"actors": list(pair), "from_tie_ids": low[pair], "to_tie_ids": cooperating_after[pair]}
                    for pair in became
                ],
            }
        )
    return steps


def _pairs(ties: Iterable[Tie]) -> dict[Pair, list[int]]:
    pairs: dict[Pair, list[int]] = {}
    for tie in ties:
        pairs.setdefault(tie.pair, []).append(tie.id)
    return pairs


def spin_off_pairs(actors: Iterable[ActorNode]) -> dict[int, int]:
    """``{spin-off id: parent id}`` of the organisations whose parent is among ``actors``."""
    by_id = {actor.id: actor for actor in actors}
    return {
        actor.id: actor.spun_off_from
        for actor in by_id.values()
        if actor.kind == ORGANISATION and actor.spun_off_from is not None and actor.spun_off_from in by_id
    }


def spin_off_tie_ids(actors: Sequence[ActorNode], ties: Iterable[Tie]) -> dict[Pair, list[int]]:
    """The coded ties between each spin-off and its parent, keyed (spin-off id, parent id)."""
    parents = spin_off_pairs(actors)
    organisation = _organisation_of(actors)
    wanted: dict[frozenset[int], Pair] = {frozenset(pair): pair for pair in parents.items()}
    found: dict[Pair, list[int]] = {pair: [] for pair in parents.items()}
    for tie in ties:
        source, target = organisation.get(tie.source), organisation.get(tie.target)
        if source is not None and target is not None and (pair := wanted.get(frozenset((source, target)))):
            found[pair].append(tie.id)
    return found


def spin_off_report(actors: Sequence[ActorNode], ties: Sequence[Tie]) -> dict[str, Any]:
    """Every spin-off–parent pair with its ties and modes; how many have a tie and cooperate."""
    modes = {tie.id: tie.modes for tie in ties}
    pairs: list[dict[str, Any]] = []
    for (spin_off, parent), tie_ids in sorted(spin_off_tie_ids(actors, ties).items()):
        pair_modes = sorted(set().union(*(modes[tie_id] for tie_id in tie_ids))) if tie_ids else []
        pairs.append({"spin_off": spin_off, "parent": parent, "tie_ids": sorted(tie_ids), "modes": pair_modes})
    with_tie = sum(1 for pair in pairs if pair["tie_ids"])
    cooperating = sum(1 for pair in pairs if "cooperation" in pair["modes"])
    return {
        "spin_offs": len(pairs),
        "with_tie": with_tie,
        "with_tie_share": share(with_tie, len(pairs)),
        "cooperating": cooperating,
        "cooperating_share": share(cooperating, len(pairs)),
        "pairs": pairs,
    }


def _organisation_of(actors: Iterable[ActorNode]) -> Mapping[int, int | None]:
    """An organisation stands for itself; a person for the organisation they are affiliated with."""
    return {actor.id: actor.id if actor.kind == ORGANISATION else actor.affiliation_id for actor in actors}
