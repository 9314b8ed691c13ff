"""The network of a study or region as a file: actors as nodes, pairs of actors with ties of one layer as edges.

Reads only. The file formats live in ``coding.exchange.network.files`` and know nothing of
Django; the functions here turn rows into its plain records. Node attributes: the fixed ones, the
stored analysis figures of the chosen layer and wave (``figures``) and the study's actor variables,
typed by the variable (``actor_variables``). Edges: one per pair of actors (``layer``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cases.models import Actor, Region, Study
from coding.exchange.network import files
from coding.exchange.network.choice import NetworkChoice
from coding.exchange.network.figures import graph_attributes, region_figures
from coding.exchange.network.layer import layer_edges, node_id
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


def network_file(
    owner: Study | Region, fmt: str, *, pseudonymised: bool, choice: NetworkChoice | None = None
) -> bytes | str:
    """The network of ``owner`` in ``fmt`` ("graphml", "gexf" or "pajek"): the ties of the chosen
    layer and wave (``coding.exchange.network.layer``) and, where the stored analysis of that layer
    and wave is current, every per-actor figure of it (``figures``)."""
    choice = choice or NetworkChoice()
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    scope = make_scope(study, region, pseudonymised=pseudonymised)
    regions = [region] if region else list(study.regions.order_by("pk"))
    actors = Actor.objects.filter(**scope.region_filter)
    kinds, values = actor_variables(owner, actors, scope)
    figures = region_figures(regions, choice)
    by_actor = {actor_id: row for found in figures for actor_id, row in found.by_actor().items()}
    nodes = [
        _with(_with(node_record(actor, scope), by_actor.get(actor.pk)), values.get(actor.pk))
        for actor in actors.order_by("pk")
    ]
    edges, settings = _edges(regions, choice)
    graph = graph_attributes(owner, choice, figures, settings)
    if fmt == "graphml":
        return files.graphml(nodes, edges, node_kinds=kinds, graph_attributes=graph)
    if fmt == "gexf":
        return files.gexf(nodes, edges, description=str(owner), node_kinds=kinds, graph_attributes=graph)
    return files.pajek(nodes, edges)


def _edges(regions: list[Region], choice: NetworkChoice) -> tuple[list[EdgeRecord], dict[str, Any]]:
    """The layer's edges of every region, from the analysis' own inputs (a few queries per region),
    and the study's current analysis settings."""
    edges: list[EdgeRecord] = []
    settings: dict[str, Any] = {}
    wave_id = choice.wave.pk if choice.wave else None
    for region in regions:
        inputs = load_region_inputs(region.pk)
        edges += layer_edges(inputs.actors, inputs.ties, inputs.settings, layer=choice.layer, wave_id=wave_id)
        settings = inputs.settings.as_dict()
    return edges, settings
