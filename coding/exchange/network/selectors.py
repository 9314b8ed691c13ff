"""The network of a study or region as a file: actors as nodes, pairs of actors with ties of one layer as edges.

Reads only. The file formats live in ``coding.exchange.network.files`` and know nothing of
Django; the functions here turn rows into its plain records. Node attributes: the fixed ones, the
stored analysis figures of the chosen layer and wave (``figures``) and the study's actor variables,
typed by the variable (``actor_variables``). Edges: one per pair of actors (``layer``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import TypeVar

from django.db.models import QuerySet

from cases.models import Actor, Region, Study
from coding.analysis.thresholds import AnalysisSettings
from coding.exchange.network import files
from coding.exchange.network.choice import NetworkChoice
from coding.exchange.network.figures import graph_attributes, region_figures
from coding.exchange.network.layer import iter_layer_edges, node_id
from coding.exchange.records import AttributeValue, EdgeRecord, NodeRecord
from coding.exchange.tables.rows import METRIC_COLUMNS, TableScope, make_scope
from coding.variables import values as pure
from coding.variables.interchange import column_names
from coding.variables.models import Variable, VariableValue
from coding.variables.values import format_value
from coding.worker.loader import load_region_inputs


def _with(node: NodeRecord, values: dict[str, AttributeValue] | None) -> NodeRecord:
    return NodeRecord(node.id, node.label, {**node.attributes, **values}) if values else node


def node_record(actor: Actor, scope: TableScope | None = None) -> NodeRecord:
    """The actor as a node; a pseudonymising ``scope`` replaces a person's name (the only free text here)."""
    name = scope.name(actor) if scope else actor.name
    attributes: dict[str, AttributeValue] = {
        "name": name,
        "kind": actor.kind,
        "type": actor.org_type,
        "location": actor.location,
    }
    return NodeRecord(node_id(actor.pk), name, attributes)


# The fixed node attributes (and GraphML's label) and the analysis figures: a variable of the same
# name is written as var_<name>.
FIXED_NODE_ATTRIBUTES = ("label", "name", "kind", "type", "location", *METRIC_COLUMNS)
FIXED_NODE_STRINGS = ("name", "kind", "type", "location")  # node_record's attributes, always text
# The edge attributes of coding.exchange.network.layer besides files.EDGE_KINDS, always text.
EDGE_STRINGS = dict.fromkeys(("tie_ids", "modes", "channel", "setting", "trust_basis"), "string")
ACTOR_FIELDS = ("pk", "name", "kind", "org_type", "location")  # what node_record and scope.name read
CHUNK = 2000  # actors per fetch
T = TypeVar("T")
MISSING_ITEM = object()
# A variable's type -> the node attribute's type (dates and categories as text).
NODE_KINDS = {pure.NUMERIC: "double", pure.BOOLEAN: "boolean"}


def actor_variables(owner: Study | Region, actors: QuerySet[Actor], scope: TableScope) -> tuple[dict, dict[int, dict]]:
    """The study's actor variables as node attributes: ``({attribute: type}, {actor id: {attribute:
    value}})``. Two queries, whatever the number of actors."""
    study = owner if isinstance(owner, Study) else owner.study
    variables = list(Variable.objects.filter(study=study, target=pure.ACTOR).order_by("position", "name", "pk"))
    names = column_names(FIXED_NODE_ATTRIBUTES, [variable.name for variable in variables])
    by_pk = {variable.pk: variable for variable in variables}
    kinds = {names[variable.name]: NODE_KINDS.get(variable.type, "string") for variable in variables}
    values: dict[int, dict[str, AttributeValue]] = {}
    if variables:
        for row in VariableValue.objects.filter(variable__in=variables, actor__in=actors):
            variable, value = by_pk[row.variable_id], row.value
            if value is None:
                continue
            if isinstance(value, bool | float):
                attribute: AttributeValue = value
            else:
                attribute = format_value(value)
                if variable.type == pure.TEXT:
                    attribute = scope.text(attribute)  # free text may name persons
            values.setdefault(row.record_id, {})[names[variable.name]] = attribute
    return kinds, values


def network_chunks(
    owner: Study | Region, fmt: str, *, pseudonymised: bool, choice: NetworkChoice | None = None
) -> Iterator[bytes]:
    """The network of ``owner`` in ``fmt`` ("graphml", "gexf" or "pajek"), in chunks: the ties of
    the chosen layer and wave (``coding.exchange.network.layer``) and, where the stored analysis of
    that layer and wave is current, every per-actor figure of it (``figures``).

    Everything that decides the file's head (figures, variables, settings, the first region's
    ties) is read here, before the first chunk; then actors come from the database in chunks and
    edges one at a time, each region's ties loaded when its edges are due. Memory: the current
    region's ties, the figures and variable values by actor, one chunk of actors and one of text."""
    choice = choice or NetworkChoice()
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    scope = make_scope(study, region, pseudonymised=pseudonymised)
    regions = [region] if region else list(study.regions.order_by("pk"))
    actors = Actor.objects.filter(**scope.region_filter).order_by("pk").only(*ACTOR_FIELDS)
    edges, any_edge = _peeked(_edges(regions, choice))
    if fmt == "pajek":  # numbered vertices: their count heads the file
        labelled = [NodeRecord(node_id(actor.pk), scope.name(actor)) for actor in actors.iterator(chunk_size=CHUNK)]
        return files.pajek_chunks(labelled, edges)
    variable_kinds, values = actor_variables(owner, actors, scope)
    figures = region_figures(regions, choice)
    by_actor = {actor_id: row for found in figures for actor_id, row in found.by_actor().items()}
    # Read only as the file is sent: no database cursor is open before the response starts.
    nodes = (
        _with(_with(node_record(actor, scope), by_actor.get(actor.pk)), values.get(actor.pk))
        for actor in actors.iterator(chunk_size=CHUNK)
    )
    any_node = actors.exists()
    settings = AnalysisSettings.from_overrides(study.analysis_settings or {}).as_dict() if regions else {}
    graph = graph_attributes(owner, choice, figures, settings)
    # The types a look at every record would give (files.attribute_kinds), known beforehand.
    node_kinds = {name: "string" for name in FIXED_NODE_STRINGS} if any_node else {}
    node_kinds |= files.value_kinds(by_actor.values()) | variable_kinds
    edge_kinds = {**EDGE_STRINGS, **files.EDGE_KINDS} if any_edge else dict(files.EDGE_KINDS)
    if fmt == "graphml":
        return files.graphml_chunks(nodes, edges, node_kinds=node_kinds, edge_kinds=edge_kinds, graph_attributes=graph)
    gexf_edge_kinds = edge_kinds if any_edge else {}  # GEXF declares no edge attribute for a graph without edges
    return files.gexf_chunks(
        nodes,
        edges,
        description=str(owner),
        node_kinds=node_kinds,
        edge_kinds=gexf_edge_kinds,
        graph_attributes=graph,
    )


def _peeked(items: Iterator[T]) -> tuple[Iterator[T], bool]:
    """``items`` unchanged, and whether there is any (its first item is read now)."""
    first = next(items, MISSING_ITEM)
    if first is MISSING_ITEM:
        return iter(()), False
    return chain([first], items), True  # type: ignore[list-item]


def _edges(regions: list[Region], choice: NetworkChoice) -> Iterator[EdgeRecord]:
    """The layer's edges of every region, from the analysis' own inputs (a few queries per region,
    run when the region's edges are due)."""
    wave_id = choice.wave.pk if choice.wave else None
    for region in regions:
        inputs = load_region_inputs(region.pk)
        yield from iter_layer_edges(inputs.actors, inputs.ties, inputs.settings, layer=choice.layer, wave_id=wave_id)
