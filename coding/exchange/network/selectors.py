"""The network of a study or region as a file: actors as nodes, interactions as edges.

Reads only. The file formats live in ``coding.exchange.network.files`` and know nothing of
Django; the functions here turn rows into its plain records.
"""

from __future__ import annotations

from statistics import mean

from django.db.models import QuerySet

from cases.models import Actor, Region, Study
from coding.exchange.network import files
from coding.exchange.records import AttributeValue, EdgeRecord, NodeRecord
from coding.exchange.tables.rows import TableScope, make_scope
from coding.models import Interaction


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


def _network(owner: Study | Region) -> tuple[QuerySet[Actor], QuerySet[Interaction]]:
    if isinstance(owner, Study):
        return Actor.objects.filter(region__study=owner), Interaction.objects.filter(region__study=owner)
    return Actor.objects.filter(region=owner), Interaction.objects.filter(region=owner)


def network_file(owner: Study | Region, fmt: str, *, pseudonymised: bool) -> bytes | str:
    """The network of ``owner`` in ``fmt``: "graphml", "gexf" or "pajek"."""
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    scope = make_scope(study, region, pseudonymised=pseudonymised)
    actors, ties = _network(owner)
    nodes = [node_record(actor, scope) for actor in actors.order_by("pk")]
    edges = [edge_record(tie) for tie in ties.order_by("pk")]
    if fmt == "graphml":
        return files.graphml(nodes, edges)
    if fmt == "gexf":
        return files.gexf(nodes, edges, description=str(owner))
    return files.pajek(nodes, edges)
