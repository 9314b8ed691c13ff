"""Network files of a region's ties: GraphML, GEXF 1.3 and Pajek .net (no Django here).

Nodes and edges come in as plain records; attribute types are declared from the values so
Gephi, networkx and igraph read numbers and booleans back as such, or given (``node_kinds``) where
the type is known beforehand: a study variable is declared by its type even when few or no actors
have a value (numeric as double, yes/no as boolean, the others as string). The graphs are directed; a
mutual tie carries ``mutual=true`` rather than a per-edge direction, because networkx refuses
mixed graphs. Pajek writes every tie under *Arcs, a mutual one as two opposite arcs: igraph reads
a file with an *Edges section as wholly undirected, so one mutual tie would undo every direction.

Labels and string attributes in GraphML and GEXF pass through ``xml_safe`` (control characters
XML forbids become U+FFFD); a Pajek label is one line without double quotes or backslashes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence

from coding.exchange.records import AttributeValue, EdgeRecord, NodeRecord
from coding.exchange.xml_text import xml_safe_tree

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"


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
    nodes: Sequence[NodeRecord], edges: Sequence[EdgeRecord], *, node_kinds: Mapping[str, str] | None = None
) -> bytes:
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    node_kinds = {"label": "string", **_attribute_kinds(nodes, node_kinds)}
    edge_kinds = {**_attribute_kinds(edges), "mutual": "boolean", "weight": "double"}
    keys: dict[tuple[str, str], str] = {}
    for domain, kinds in (("node", node_kinds), ("edge", edge_kinds)):
        for name, kind in kinds.items():
            key = f"{domain[0]}_{name}"
            keys[(domain, name)] = key
            ET.SubElement(root, "key", {"id": key, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="G", edgedefault="directed")
    for node in nodes:
        element = ET.SubElement(graph, "node", id=node.id)
        for name, value in {"label": node.label, **node.attributes}.items():
            if value is not None:
                ET.SubElement(element, "data", key=keys[("node", name)]).text = _text(value)
    for edge in edges:
        element = ET.SubElement(graph, "edge", id=edge.id, source=edge.source, target=edge.target)
        values = {**edge.attributes, "mutual": not edge.directed, "weight": edge.weight}
        for name, value in values.items():
            if value is not None:
                ET.SubElement(element, "data", key=keys[("edge", name)]).text = _text(value)
    return _to_bytes(root)


GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}


def gexf(
    nodes: Sequence[NodeRecord],
    edges: Sequence[EdgeRecord],
    *,
    description: str = "",
    node_kinds: Mapping[str, str] | None = None,
) -> bytes:
    root = ET.Element("gexf", xmlns=GEXF_NS, version="1.3")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Cluster Case Studies"
    ET.SubElement(meta, "description").text = description
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    ids: dict[tuple[str, str], str] = {}
    for domain, rows in (("node", nodes), ("edge", edges)):
        kinds = _attribute_kinds(rows, node_kinds if domain == "node" else None)
        if domain == "edge" and rows:
            kinds["mutual"] = "boolean"
        if not kinds:
            continue
        declaration = ET.SubElement(graph, "attributes", {"class": domain})
        for index, (name, kind) in enumerate(kinds.items()):
            ids[(domain, name)] = str(index)
            ET.SubElement(declaration, "attribute", id=str(index), title=name, type=GEXF_TYPES[kind])
    for domain, rows in (("node", nodes), ("edge", edges)):
        container = ET.SubElement(graph, f"{domain}s")
        for row in rows:
            if isinstance(row, NodeRecord):
                element = ET.SubElement(container, "node", id=row.id, label=row.label)
            else:
                element = ET.SubElement(container, "edge", id=row.id, source=row.source, target=row.target)
                if row.weight is not None:
                    element.set("weight", _text(row.weight))
            attributes = (
                row.attributes if isinstance(row, NodeRecord) else {**row.attributes, "mutual": not row.directed}
            )
            present = {name: value for name, value in attributes.items() if value is not None}
            if present:
                values = ET.SubElement(element, "attvalues")
                for name, value in present.items():
                    ET.SubElement(values, "attvalue", {"for": ids[(domain, name)], "value": _text(value)})
    return _to_bytes(root)


def pajek_label(label: str) -> str:
    """A label that fits between the double quotes of one vertex line: whitespace runs (line breaks
    too) become one space; a double quote would end the label and a backslash escape the closing
    quote (networkx reads labels shell-like), so they become ' and /."""
    return " ".join(label.split()).replace('"', "'").replace("\\", "/")


def _arcs(edge: EdgeRecord) -> list[tuple[str, str]]:
    """A directed tie as one arc, a mutual one as two opposite arcs (a mutual self-tie as one)."""
    ends = [(edge.source, edge.target)] if edge.directed else [(edge.source, edge.target), (edge.target, edge.source)]
    return list(dict.fromkeys(ends))


def pajek(nodes: Sequence[NodeRecord], edges: Sequence[EdgeRecord]) -> str:
    """Pajek .net: numbered vertices, then every tie under *Arcs (weight = strength); no *Edges
    section, which would make igraph read the whole network as undirected."""
    number = {node.id: index for index, node in enumerate(nodes, start=1)}
    lines = [f"*Vertices {len(nodes)}"]
    lines += [f'{number[node.id]} "{pajek_label(node.label)}"' for node in nodes]
    lines.append("*Arcs")
    for edge in edges:
        weight = f" {_text(edge.weight)}" if edge.weight is not None else ""
        lines += [f"{number[source]} {number[target]}{weight}" for source, target in _arcs(edge)]
    return "\r\n".join(lines) + "\r\n"
