"""Network files of a region's ties: GraphML, GEXF 1.3 and Pajek .net (no Django here).

Nodes and edges come in as plain records; attribute types are declared from the values so
Gephi, networkx and igraph read numbers and booleans back as such, or given (``node_kinds``) where
the type is known beforehand: a study variable is declared by its type even when few or no actors
have a value (numeric as double, yes/no as boolean, the others as string).

The graphs are undirected and simple, one edge per pair of actors, because that is the graph every
figure of the analysis is computed on (``coding.exchange.network.layer``): a default betweenness
or constraint call in igraph, networkx, R or Gephi then gives our figures. No edge is called
``weight`` and Pajek edges have no value column: igraph (R and Python) takes either as a weight,
and as a path length in betweenness, which our unweighted figures are not. Tie strength is the
edge attribute ``strength``. ``graph_attributes`` (layer, wave, data version, settings) are GraphML
graph data; GEXF 1.3 has no graph attributes, so they go into its meta description as JSON.

Labels and string attributes in GraphML and GEXF pass through ``xml_safe`` (control characters
XML forbids become U+FFFD); a Pajek label is one line without double quotes or backslashes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence

from coding.exchange.records import AttributeValue, EdgeRecord, NodeRecord
from coding.exchange.xml_text import xml_safe_tree

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
# Declared even when no edge has a value, so every reader sees the same columns.
EDGE_KINDS = {"strength": "double", "mutual": "boolean", "arc_from": "string"}


def _kind(values: Iterable[AttributeValue]) -> str:
    """The narrowest common type of an attribute's non-empty values: boolean, int, double or string."""
    present = [value for value in values if value is not None]
    if present and all(isinstance(value, bool) for value in present):
        return "boolean"
    if present and all(isinstance(value, int) and not isinstance(value, bool) for value in present):
        return "int"
    if present and all(isinstance(value, int | float) and not isinstance(value, bool) for value in present):
        return "double"
    return "string"


def _text(value: AttributeValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attribute_kinds(
    rows: Sequence[NodeRecord] | Sequence[EdgeRecord], declared: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each attribute's type: ``declared`` where given (and then declared even without values),
    else the narrowest type of its values."""
    names: dict[str, list[AttributeValue]] = {}
    for row in rows:
        for name, value in row.attributes.items():
            names.setdefault(name, []).append(value)
    kinds = {name: _kind(values) for name, values in names.items()}
    return kinds | dict(declared or {})


def _to_bytes(root: ET.Element) -> bytes:
    xml_safe_tree(root)  # ElementTree would write forbidden characters as they are: not XML
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def graphml(
    nodes: Sequence[NodeRecord],
    edges: Sequence[EdgeRecord],
    *,
    node_kinds: Mapping[str, str] | None = None,
    graph_attributes: Mapping[str, AttributeValue] | None = None,
) -> bytes:
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    present = {name: value for name, value in (graph_attributes or {}).items() if value is not None}
    kinds_by_domain = {
        "graph": {name: _kind([value]) for name, value in present.items()},
        "node": {"label": "string", **_attribute_kinds(nodes, node_kinds)},
        "edge": _attribute_kinds(edges, EDGE_KINDS),
    }
    keys: dict[tuple[str, str], str] = {}
    for domain, kinds in kinds_by_domain.items():
        for name, kind in kinds.items():
            key = f"{domain[0]}_{name}"
            keys[(domain, name)] = key
            ET.SubElement(root, "key", {"id": key, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="G", edgedefault="undirected")
    _graphml_data(graph, present, keys, "graph")
    for node in nodes:
        element = ET.SubElement(graph, "node", id=node.id)
        _graphml_data(element, {"label": node.label, **node.attributes}, keys, "node")
    for edge in edges:
        element = ET.SubElement(graph, "edge", id=edge.id, source=edge.source, target=edge.target)
        _graphml_data(element, edge.attributes, keys, "edge")
    return _to_bytes(root)


def _graphml_data(
    element: ET.Element, values: Mapping[str, AttributeValue], keys: Mapping[tuple[str, str], str], domain: str
) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(element, "data", key=keys[(domain, name)]).text = _text(value)


GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}


def gexf(
    nodes: Sequence[NodeRecord],
    edges: Sequence[EdgeRecord],
    *,
    description: str = "",
    node_kinds: Mapping[str, str] | None = None,
    graph_attributes: Mapping[str, AttributeValue] | None = None,
) -> bytes:
    root = ET.Element("gexf", xmlns=GEXF_NS, version="1.3")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Cluster Case Studies"
    if graph_attributes:
        description = f"{description}\n{json.dumps(dict(graph_attributes), sort_keys=True)}".strip()
    ET.SubElement(meta, "description").text = description
    graph = ET.SubElement(root, "graph", defaultedgetype="undirected", mode="static")
    ids: dict[tuple[str, str], str] = {}
    for domain, kinds in (("node", _attribute_kinds(nodes, node_kinds)), ("edge", _attribute_kinds(edges, EDGE_KINDS))):
        if not kinds or (domain == "edge" and not edges):
            continue
        declaration = ET.SubElement(graph, "attributes", {"class": domain})
        for index, (name, kind) in enumerate(kinds.items()):
            ids[(domain, name)] = str(index)
            ET.SubElement(declaration, "attribute", id=str(index), title=name, type=GEXF_TYPES[kind])
    node_container = ET.SubElement(graph, "nodes")
    for node in nodes:
        element = ET.SubElement(node_container, "node", id=node.id, label=node.label)
        _gexf_values(element, node.attributes, ids, "node")
    edge_container = ET.SubElement(graph, "edges")
    for edge in edges:
        element = ET.SubElement(edge_container, "edge", id=edge.id, source=edge.source, target=edge.target)
        _gexf_values(element, edge.attributes, ids, "edge")
    return _to_bytes(root)


def _gexf_values(
    element: ET.Element, values: Mapping[str, AttributeValue], ids: Mapping[tuple[str, str], str], domain: str
) -> None:
    present = {name: value for name, value in values.items() if value is not None}
    if present:
        container = ET.SubElement(element, "attvalues")
        for name, value in present.items():
            ET.SubElement(container, "attvalue", {"for": ids[(domain, name)], "value": _text(value)})


def pajek_label(label: str) -> str:
    """A label that fits between the double quotes of one vertex line: whitespace runs (line breaks
    too) become one space; a double quote would end the label and a backslash escape the closing
    quote (networkx reads labels shell-like), so they become ' and /."""
    return " ".join(label.split()).replace('"', "'").replace("\\", "/")


def pajek(nodes: Sequence[NodeRecord], edges: Sequence[EdgeRecord]) -> str:
    """Pajek .net: numbered vertices, then every edge under *Edges, without a value column (igraph
    and networkx would read it as a weight; strength is in GraphML and GEXF)."""
    number = {node.id: index for index, node in enumerate(nodes, start=1)}
    lines = [f"*Vertices {len(nodes)}"]
    lines += [f'{number[node.id]} "{pajek_label(node.label)}"' for node in nodes]
    lines.append("*Edges")
    lines += [f"{number[edge.source]} {number[edge.target]}" for edge in edges]
    return "\r\n".join(lines) + "\r\n"
