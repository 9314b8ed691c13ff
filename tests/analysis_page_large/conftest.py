"""A region with a hand-written stored result: five actors whose figures and ties are chosen so that
every expected order, page and cut in these tests can be worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from coding.layout.models import RegionLayout
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests import factories

# name, degree, betweenness (None: no figure), community
FIVE = [
    ("Alpha", 3, 0.5, 0),
    ("beta", 1, None, 1),
    ("Gamma", 3, 2.0, 0),
    ("delta", 0, 0.0, None),
    ("Epsilon", 2, 1.0, 1),
]


def store(region: Any, actors: list[Any], ties: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The "all ties, all waves" (and cooperation) snapshot of ``region``, current with its inputs."""
    records = [
        {"id": actor.pk, "name": actor.name, "actor_type": "firm_sme", "location": "inside", **figures}
        for actor, figures in actors
    ]
    result = {"actors": records, "ties": ties, "metrics": {}, "classifications": [], "coverage": {}, **extra}
    version = RegionAnalysisState.objects.get(region=region).version
    for layer in ("all", "cooperation"):
        AnalysisSnapshot.objects.update_or_create(
            region=region,
            wave=None,
            layer=layer,
            defaults={"status": "ok", "input_version": version, "result": result, "computed_at": timezone.now()},
        )
    RegionAnalysisState.objects.filter(region=region).update(computed_version=version)
    return result


@pytest.fixture
def five(region) -> dict[str, Any]:
    """Five actors, four ties of strengths 0.25, 0.9, 0.5, 0.9, and stored positions for four actors."""
    actors = {name: factories.OrganisationFactory(region=region, name=name) for name, *_ in FIVE}
    figures = [
        (actors[name], {"degree": degree, "betweenness": betweenness, "community": community})
        for name, degree, betweenness, community in FIVE
    ]
    a, b, g, _d, e = (actors[name].pk for name, *_ in FIVE)
    ties = [
        {"source": a, "target": b, "tie_ids": [1], "strength": 0.25, "modes": ["cooperation"]},
        {"source": a, "target": g, "tie_ids": [2], "strength": 0.9, "modes": ["conflict", "rivalry"]},
        {"source": g, "target": e, "tie_ids": [3], "strength": 0.5, "modes": []},
        {"source": a, "target": e, "tie_ids": [4], "strength": 0.9, "modes": ["competition"]},
    ]
    store(region, figures, ties)
    positions = {str(a): [10.0, 20.0], str(b): [30.5, 40.25], str(g): [0, 0], str(e): [1, 2]}  # delta: none
    RegionLayout.objects.update_or_create(region=region, defaults={"positions": positions})
    return actors
