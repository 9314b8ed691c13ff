"""Regions with stored analyses for the network-file tests: the demo's Cambridgeshire and the
Florentine families (Padgett's marriages, as networkx ships them), stored as the worker stores them."""

from __future__ import annotations

import io
import math
import uuid

import networkx as nx
from django.urls import reverse
from django.utils import timezone

from cases.models import Region, Study
from coding.demo.loader import load_demo
from coding.exchange.tables.rows import METRIC_COLUMNS
from coding.worker.loader import derive_from_inputs, load_region_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from coding.worker.services import snapshots_store
from tests import factories

TOLERANCE = 1e-9


def cambridgeshire() -> Region:
    study = Study.objects.get(pk=load_demo(password="pw-for-tests").study_id)
    return study.regions.get(name="Cambridgeshire")


def florentine_families(region: Region) -> Region:
    """Padgett's Florentine marriages as mutual ties; Pucci, who married none of them, as an isolate."""
    graph = nx.florentine_families_graph()
    actors = {name: factories.OrganisationFactory(region=region, name=name) for name in [*sorted(graph), "Pucci"]}
    for source, target in graph.edges:
        factories.InteractionFactory(region=region, source=actors[source], target=actors[target], directed=False)
    return region


def store_snapshots(region: Region, keys: list[tuple[int | None, str]]) -> dict[tuple[int | None, str], dict]:
    """Compute and store the snapshots ``keys`` ((wave id, layer)) through the worker's own service."""
    inputs = load_region_inputs(region.pk)
    results = {key: (derive_from_inputs(inputs, *key), "") for key in keys}
    version = RegionAnalysisState.objects.get_or_create(region=region)[0].version
    started, task_id = timezone.now(), str(uuid.uuid4())
    assert snapshots_store(
        region_id=region.pk, version=version, inputs=inputs, results=results, started=started, task_id=task_id
    )
    return {key: AnalysisSnapshot.objects.get(region=region, wave_id=key[0], layer=key[1]).result for key in keys}


def network_url(region: Region, fmt: str, **query: str) -> str:
    url = reverse("exports:region-file", args=[region.pk, fmt])
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in query.items())}" if query else url


def read_graphml(content: bytes) -> nx.Graph:
    return nx.read_graphml(io.BytesIO(content))


def same(expected: object, found: object) -> bool:
    """A stored figure and the value a reader gives back: numbers within TOLERANCE; an undefined
    figure (None) absent, or NaN where a reader fills in missing numbers."""
    if expected is None:
        return found is None or (isinstance(found, float) and math.isnan(found))
    if isinstance(expected, bool | str):
        return found == expected
    return isinstance(found, int | float) and math.isclose(found, float(expected), rel_tol=0, abs_tol=TOLERANCE)


def differences(result: dict, figures_by_node: dict[str, dict]) -> list[str]:
    """Every figure of ``result["actors"]`` that the read-back nodes do not carry equally."""
    found = []
    for row in result["actors"]:
        node = figures_by_node[f"a{row['id']}"]
        for column in METRIC_COLUMNS:
            if not same(row[column], node.get(column)):
                found.append(f"a{row['id']}.{column}: stored {row[column]!r}, read {node.get(column)!r}")
    return found
