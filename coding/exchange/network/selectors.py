"""The network of a study or region as a file: actors as nodes, interactions as edges.

Reads only. The file formats live in ``coding.exchange.network.files`` and know nothing of
Django; the functions here turn rows into its plain records. The study's actor variables are node
attributes beside the fixed ones, typed by the variable (``actor_variables``).
"""

from __future__ import annotations

from statistics import mean

from django.db.models import QuerySet

from cases.models import Actor, Region, Study
from coding.exchange.network import files
from coding.exchange.records import AttributeValue, EdgeRecord, NodeRecord
from coding.exchange.tables.rows import TableScope, make_scope
from coding.models import Interaction
from coding.variables import values as pure
from coding.variables.interchange import column_names
from coding.variables.models import Variable, VariableValue
from coding.variables.values import format_value


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
    return NodeRecord(f"a{actor.pk}", name, attributes)


def edge_record(tie: Interaction) -> EdgeRecord:
    ratings = [value for name in Interaction.RATING_FIELDS if (value := getattr(tie, name)) is not None]
    attributes: dict[str, AttributeValue] = {
        "modes": ";".join(tie.coordination_modes),
        "channel": tie.channel or None,
        "setting": tie.setting or None,
        "trust_basis": tie.trust_basis or None,
        "tie_ids": str(tie.pk),
    }
    strength = float(mean(ratings)) if ratings else None
    return EdgeRecord(f"t{tie.pk}", f"a{tie.source_id}", f"a{tie.target_id}", tie.directed, strength, attributes)


# The fixed node attributes (and GraphML's label): a variable of the same name is written as var_<name>.
FIXED_NODE_ATTRIBUTES = ("label", "name", "kind", "type", "location")
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


def _network(owner: Study | Region) -> tuple[QuerySet[Actor], QuerySet[Interaction]]:
    if isinstance(owner, Study):
        return Actor.objects.filter(region__study=owner), Interaction.objects.filter(region__study=owner)
    return Actor.objects.filter(region=owner), Interaction.objects.filter(region=owner)


def network_file(owner: Study | Region, fmt: str, *, pseudonymised: bool) -> bytes | str:
    """The network of ``owner`` in ``fmt``: "graphml", "gexf" or "pajek"."""
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    scope = make_scope(study, region, pseudonymised=pseudonymised)
    actors, ties = _network(owner)
    kinds, values = actor_variables(owner, actors, scope)
    nodes = [_with(node_record(actor, scope), values.get(actor.pk)) for actor in actors.order_by("pk")]
    edges = [edge_record(tie) for tie in ties.order_by("pk")]
    if fmt == "graphml":
        return files.graphml(nodes, edges, node_kinds=kinds)
    if fmt == "gexf":
        return files.gexf(nodes, edges, description=str(owner), node_kinds=kinds)
    return files.pajek(nodes, edges)
