"""A random region of ``benchmarks/analysis.py`` written as rows: shared by the scripts that measure
pages, the comparison and the worker on a database of their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def write_random_region(
    region: Any,
    actors: int,
    ties: int,
    *,
    seed: int,
    waves: Sequence[Any] = (),
    coder: Any = None,
    affiliations: bool = False,
) -> tuple[list[Any], list[Any]]:
    """``random_region(actors, ties, seed)`` as actor and interaction rows of ``region`` (in bulk, so
    no signal asks the worker): each tie in ``waves[tie.id % len(waves)]`` when there are waves;
    persons affiliated with their organisations if ``affiliations``. Returns both lists of rows."""
    from benchmarks.analysis import random_region
    from cases.models import Actor
    from coding.models import Interaction

    nodes, tie_inputs, _outcomes = random_region(actors, ties, seed=seed)
    rows = Actor.objects.bulk_create(
        Actor(region=region, kind=node.kind, name=node.name, org_type=node.org_type,
              location=node.location, hierarchy_level=node.hierarchy_level)
        for node in nodes
    )  # fmt: skip
    by_id = {node.id: row for node, row in zip(nodes, rows, strict=True)}
    if affiliations:
        for node in nodes:
            if node.affiliation_id is not None:
                by_id[node.id].affiliation = by_id[node.affiliation_id]
        Actor.objects.bulk_update(rows, ["affiliation"], batch_size=1000)
    interactions = Interaction.objects.bulk_create(
        (
            Interaction(region=region, wave=waves[tie.id % len(waves)] if waves else None,
                        source=by_id[tie.source], target=by_id[tie.target], directed=tie.directed,
                        channel=tie.channel, setting=tie.setting, trust_basis=tie.trust_basis,
                        duration=tie.duration, includes_private_sphere=tie.includes_private_sphere, coder=coder,
                        **{f"mode_{mode}": True for mode in (tie.modes or {"cooperation"})},
                        **dict(zip(Interaction.RATING_FIELDS, tie.ratings.as_tuple(), strict=True)))
            for tie in tie_inputs
        ),
        batch_size=5000,
    )  # fmt: skip
    return rows, interactions
