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

Every file is written incrementally (``*_chunks``): one node or edge at a time is turned into text
and the text leaves in chunks of about 64 K characters (``dump.writer.chunked``), so writing needs
memory for one chunk, not for the file or a tree of it (issue 17: the ElementTree writer peaked at
~11 times the file). A streaming writer cannot look ahead, so it is given every attribute's type
(``*_kinds``, complete);
``graphml``/``gexf``/``pajek`` infer the types from sequences of records and return the whole file.
The text is the one ElementTree's ``indent`` and ``tostring`` wrote before, byte for byte.

Labels and string attributes in GraphML and GEXF pass through ``xml_safe`` (control characters
XML forbids become U+FFFD); a Pajek label is one line without double quotes or backslashes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

from coding.exchange.dump.writer import chunked
from coding.exchange.records import AttributeValue, EdgeRecord, NodeRecord
from coding.exchange.xml_text import xml_safe

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
# Declared even when no edge has a value, so every reader sees the same columns.
EDGE_KINDS = {"strength": "double", "mutual": "boolean", "arc_from": "string"}
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
INDENT = "  "


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


def attribute_kinds(
    rows: Iterable[NodeRecord] | Iterable[EdgeRecord], declared: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each attribute's type: ``declared`` where given (and then declared even without values),
    else the narrowest type of its values."""
    return value_kinds((row.attributes for row in rows), declared)


def value_kinds(
    rows: Iterable[Mapping[str, AttributeValue]], declared: Mapping[str, str] | None = None
) -> dict[str, str]:
    """``attribute_kinds`` of bare attribute mappings."""
    names: dict[str, list[AttributeValue]] = {}
    for row in rows:
        for name, value in row.items():
            names.setdefault(name, []).append(value)
    kinds = {name: _kind(values) for name, values in names.items()}
    return kinds | dict(declared or {})


# Escaping as ElementTree does it (after xml_safe), so the files stay what they were.
def _cdata(text: str) -> str:
    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    escaped = _cdata(text).replace('"', "&quot;")
    return escaped.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _start(tag: str, attributes: Mapping[str, str]) -> str:
    return f"<{tag}" + "".join(f' {name}="{_attribute(value)}"' for name, value in attributes.items())


def _leaf(depth: int, tag: str, attributes: Mapping[str, str], text: str = "") -> str:
    """One element without children on its own line: ``<tag .../>`` when it has no text."""
    start = INDENT * depth + _start(tag, attributes)
    return f"{start}>{_cdata(text)}</{tag}>\n" if text else f"{start} />\n"


def _parent(depth: int, tag: str, attributes: Mapping[str, str], children: list[str]) -> str:
    """An element around ``children`` (lines one level deeper), or a leaf when there are none."""
    if not children:
        return _leaf(depth, tag, attributes)
    indent = INDENT * depth
    return f"{indent}{_start(tag, attributes)}>\n{''.join(children)}{indent}</{tag}>\n"


def _chunked(pieces: Iterable[str]) -> Iterator[bytes]:
    """The pieces joined into chunks as the dump is (``dump.writer.chunked``), encoded as UTF-8."""
    return (chunk.encode("utf-8", "xmlcharrefreplace") for chunk in chunked(pieces))


def graphml(
    nodes: Sequence[NodeRecord],
    edges: Sequence[EdgeRecord],
    *,
    node_kinds: Mapping[str, str] | None = None,
    graph_attributes: Mapping[str, AttributeValue] | None = None,
) -> bytes:
    """The whole GraphML file, attribute types inferred from the records."""
    kinds = attribute_kinds(nodes, node_kinds)
    chunks = graphml_chunks(
        nodes, edges, node_kinds=kinds, edge_kinds=attribute_kinds(edges, EDGE_KINDS), graph_attributes=graph_attributes
    )
    return b"".join(chunks)


def graphml_chunks(
    nodes: Iterable[NodeRecord],
    edges: Iterable[EdgeRecord],
    *,
    node_kinds: Mapping[str, str],
    edge_kinds: Mapping[str, str],
    graph_attributes: Mapping[str, AttributeValue] | None = None,
) -> Iterator[bytes]:
    """GraphML in chunks; ``node_kinds`` and ``edge_kinds`` name every attribute the records carry."""
    return _chunked(_graphml_pieces(nodes, edges, node_kinds, edge_kinds, graph_attributes or {}))


def _graphml_pieces(
    nodes: Iterable[NodeRecord],
    edges: Iterable[EdgeRecord],
    node_kinds: Mapping[str, str],
    edge_kinds: Mapping[str, str],
    graph_attributes: Mapping[str, AttributeValue],
) -> Iterator[str]:
    yield f'{XML_DECLARATION}<graphml xmlns="{GRAPHML_NS}">\n'
    present = {name: value for name, value in graph_attributes.items() if value is not None}
    kinds_by_domain = {
        "graph": {name: _kind([value]) for name, value in present.items()},
        "node": {"label": "string", **node_kinds},
        "edge": dict(edge_kinds),
    }
    for domain, kinds in kinds_by_domain.items():
        for name, kind in kinds.items():
            declared = {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name, "attr.type": kind}
            yield _leaf(1, "key", declared)
    graph = {"id": "G", "edgedefault": "undirected"}
    body = _graphml_body(nodes, edges, present)
    first = next(body, None)
    if first is None:
        yield _leaf(1, "graph", graph)
    else:
        yield f"{INDENT}{_start('graph', graph)}>\n"
        yield first
        yield from body
        yield f"{INDENT}</graph>\n"
    yield "</graphml>"  # no newline after the root, as ElementTree wrote it


def _graphml_body(
    nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord], graph_attributes: Mapping[str, AttributeValue]
) -> Iterator[str]:
    yield from _graphml_data(2, graph_attributes, "g")
    for node in nodes:
        data = _graphml_data(3, {"label": node.label, **node.attributes}, "n")
        yield _parent(2, "node", {"id": node.id}, data)
    for edge in edges:
        ends = {"id": edge.id, "source": edge.source, "target": edge.target}
        yield _parent(2, "edge", ends, _graphml_data(3, edge.attributes, "e"))


def _graphml_data(depth: int, values: Mapping[str, AttributeValue], prefix: str) -> list[str]:
    return [
        _leaf(depth, "data", {"key": f"{prefix}_{name}"}, _text(value))
        for name, value in values.items()
        if value is not None
    ]


GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}


def gexf(
    nodes: Sequence[NodeRecord],
    edges: Sequence[EdgeRecord],
    *,
    description: str = "",
    node_kinds: Mapping[str, str] | None = None,
    graph_attributes: Mapping[str, AttributeValue] | None = None,
) -> bytes:
    """The whole GEXF file, attribute types inferred from the records."""
    chunks = gexf_chunks(
        nodes,
        edges,
        description=description,
        node_kinds=attribute_kinds(nodes, node_kinds),
        edge_kinds=attribute_kinds(edges, EDGE_KINDS) if edges else {},
        graph_attributes=graph_attributes,
    )
    return b"".join(chunks)


def gexf_chunks(
    nodes: Iterable[NodeRecord],
    edges: Iterable[EdgeRecord],
    *,
    description: str = "",
    node_kinds: Mapping[str, str],
    edge_kinds: Mapping[str, str],
    graph_attributes: Mapping[str, AttributeValue] | None = None,
) -> Iterator[bytes]:
    """GEXF 1.3 in chunks; the kinds name every attribute the records carry (empty: none declared)."""
    if graph_attributes:
        description = f"{description}\n{json.dumps(dict(graph_attributes), sort_keys=True)}".strip()
    return _chunked(_gexf_pieces(nodes, edges, description, node_kinds, edge_kinds))


def _gexf_pieces(
    nodes: Iterable[NodeRecord],
    edges: Iterable[EdgeRecord],
    description: str,
    node_kinds: Mapping[str, str],
    edge_kinds: Mapping[str, str],
) -> Iterator[str]:
    yield f'{XML_DECLARATION}<gexf xmlns="{GEXF_NS}" version="1.3">\n{INDENT}<meta>\n'
    yield _leaf(2, "creator", {}, "Cluster Case Studies") + _leaf(2, "description", {}, description)
    yield f'{INDENT}</meta>\n{INDENT}<graph defaultedgetype="undirected" mode="static">\n'
    ids: dict[str, dict[str, str]] = {}  # domain -> attribute -> its declared id
    for domain, kinds in (("node", node_kinds), ("edge", edge_kinds)):
        ids[domain] = {name: str(index) for index, name in enumerate(kinds)}
        declarations = [
            _leaf(3, "attribute", {"id": ids[domain][name], "title": name, "type": GEXF_TYPES[kind]})
            for name, kind in kinds.items()
        ]
        if declarations:
            yield _parent(2, "attributes", {"class": domain}, declarations)
    node_elements = (({"id": node.id, "label": node.label}, node.attributes) for node in nodes)
    yield from _gexf_elements("nodes", "node", node_elements, ids["node"])
    edge_elements = (({"id": edge.id, "source": edge.source, "target": edge.target}, edge.attributes) for edge in edges)
    yield from _gexf_elements("edges", "edge", edge_elements, ids["edge"])
    yield f"{INDENT}</graph>\n</gexf>"


def _gexf_elements(
    container: str,
    tag: str,
    elements: Iterable[tuple[dict[str, str], Mapping[str, AttributeValue]]],
    ids: Mapping[str, str],
) -> Iterator[str]:
    """``<nodes>`` or ``<edges>`` with one element per record, its values under ``<attvalues>``."""
    first = True
    for attributes, values in elements:
        if first:
            yield f"{INDENT * 2}<{container}>\n"
            first = False
        present = [
            _leaf(5, "attvalue", {"for": ids[name], "value": _text(value)})
            for name, value in values.items()
            if value is not None
        ]
        yield _parent(3, tag, attributes, [_parent(4, "attvalues", {}, present)] if present else [])
    yield _leaf(2, container, {}) if first else f"{INDENT * 2}</{container}>\n"


def pajek_label(label: str) -> str:
    """A label that fits between the double quotes of one vertex line: whitespace runs (line breaks
    too) become one space; a double quote would end the label and a backslash escape the closing
    quote (networkx reads labels shell-like), so they become ' and /."""
    return " ".join(label.split()).replace('"', "'").replace("\\", "/")


def pajek(nodes: Sequence[NodeRecord], edges: Sequence[EdgeRecord]) -> str:
    """The whole Pajek file as text."""
    return b"".join(pajek_chunks(nodes, edges)).decode("utf-8")


def pajek_chunks(nodes: Sequence[NodeRecord], edges: Iterable[EdgeRecord]) -> Iterator[bytes]:
    """Pajek .net: numbered vertices, then every edge under *Edges, without a value column (igraph
    and networkx would read it as a weight; strength is in GraphML and GEXF). The vertices come
    as a sequence: the header counts them and every edge line needs their numbers."""
    return _chunked(_pajek_lines(nodes, edges))


def _pajek_lines(nodes: Sequence[NodeRecord], edges: Iterable[EdgeRecord]) -> Iterator[str]:
    number = {node.id: index for index, node in enumerate(nodes, start=1)}
    yield f"*Vertices {len(nodes)}\r\n"
    for node in nodes:
        yield f'{number[node.id]} "{pajek_label(node.label)}"\r\n'
    yield "*Edges\r\n"
    for edge in edges:
        yield f"{number[edge.source]} {number[edge.target]}\r\n"
