"""Network files read back by networkx and igraph with the same nodes, edges and attributes."""

from __future__ import annotations

import io

import igraph
import networkx as nx
import pytest

from coding.exchange.network.files import gexf, graphml, pajek
from coding.exchange.records import EdgeRecord, NodeRecord

NODES = [
    NodeRecord("a1", "Fraunhofer IMS", {"kind": "organisation", "type": "research_institute", "location": "inside"}),
    NodeRecord("a2", 'Elmos "Semiconductor"', {"kind": "organisation", "type": "firm_large", "location": "inside"}),
    NodeRecord("a3", "Ruhr-Universität", {"kind": "organisation", "type": "university", "location": "outside"}),
]
EDGES = [
    EdgeRecord("t1", "a1", "a2", True, 3.0, {"modes": "cooperation", "channel": "meeting", "tie_ids": "1"}),
    EdgeRecord("t2", "a2", "a3", False, 1.5, {"modes": "knowledge", "trust_basis": "competence", "tie_ids": "2;5"}),
]


def test_graphml_read_back_by_networkx():
    graph = nx.read_graphml(io.BytesIO(graphml(NODES, EDGES)))
    assert set(graph.nodes) == {"a1", "a2", "a3"}
    assert graph.nodes["a2"]["label"] == 'Elmos "Semiconductor"'
    assert graph.nodes["a3"]["location"] == "outside"
    assert graph.edges["a1", "a2"]["weight"] == 3.0
    assert graph.edges["a1", "a2"]["channel"] == "meeting"
    assert graph.edges["a2", "a3"]["tie_ids"] == "2;5"
    assert graph.edges["a2", "a3"]["mutual"] is True and graph.edges["a1", "a2"]["mutual"] is False
    assert "channel" not in graph.edges["a2", "a3"]  # empty values are left out, not written as ""


def test_graphml_read_back_by_igraph(tmp_path):
    path = tmp_path / "ties.graphml"
    path.write_bytes(graphml(NODES, EDGES))
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.vcount() == 3 and graph.ecount() == 2
    assert sorted(graph.vs["type"]) == ["firm_large", "research_institute", "university"]
    assert sorted(graph.es["weight"]) == [1.5, 3.0]


def test_gexf_read_back_by_networkx():
    graph = nx.read_gexf(io.BytesIO(gexf(NODES, EDGES)))
    assert {graph.nodes[node]["label"] for node in graph} == {node.label for node in NODES}
    assert graph.nodes["a1"]["type"] == "research_institute"
    edges = {data["id"]: data for _, _, data in graph.edges(data=True)}
    assert set(edges) == {"t1", "t2"}
    assert edges["t1"]["weight"] == 3.0 and edges["t1"]["modes"] == "cooperation"
    assert edges["t2"]["trust_basis"] == "competence" and edges["t2"]["mutual"] is True


def test_pajek_read_back_by_networkx():
    graph = nx.read_pajek(io.BytesIO(pajek(NODES, EDGES).encode()))
    # The mutual tie a2–a3 is two opposite arcs.
    assert graph.is_directed() and graph.number_of_nodes() == 3 and graph.number_of_edges() == 3
    weights = {(u, v): float(data["weight"]) for u, v, data in graph.edges(data=True)}
    assert weights == {
        ("Fraunhofer IMS", "Elmos 'Semiconductor'"): 3.0,
        ("Elmos 'Semiconductor'", "Ruhr-Universität"): 1.5,
        ("Ruhr-Universität", "Elmos 'Semiconductor'"): 1.5,
    }


def test_pajek_has_no_edges_section():
    text = pajek(NODES, EDGES)
    assert "*Arcs" in text and "*Edges" not in text


def read_pajek_with_igraph(tmp_path, nodes: list[NodeRecord], edges: list[EdgeRecord]) -> igraph.Graph:
    path = tmp_path / "ties.net"
    path.write_text(pajek(nodes, edges), encoding="utf-8")
    return igraph.Graph.Read_Pajek(str(path))


def test_pajek_directed_ties_stay_directed_in_igraph(tmp_path):
    # Only directed ties: an empty "*Edges" header alone made igraph read the network as undirected.
    graph = read_pajek_with_igraph(tmp_path, NODES, [EdgeRecord("t1", "a2", "a1", True, 2.0)])
    assert graph.is_directed()
    assert graph.get_edgelist() == [(1, 0)]


def test_pajek_directed_ties_stay_directed_in_igraph_next_to_a_mutual_tie(tmp_path):
    edges = [EdgeRecord("t1", "a2", "a1", True, 2.0), EdgeRecord("t2", "a1", "a3", False, 1.0)]
    graph = read_pajek_with_igraph(tmp_path, NODES, edges)
    assert graph.is_directed()
    assert sorted(graph.get_edgelist()) == [(0, 2), (1, 0), (2, 0)]


def test_pajek_networkx_and_igraph_read_the_same_ties(tmp_path):
    by_igraph = read_pajek_with_igraph(tmp_path, NODES, EDGES)
    names = by_igraph.vs["name"]
    igraph_ties = sorted((names[edge.source], names[edge.target], edge["weight"]) for edge in by_igraph.es)
    by_networkx = nx.read_pajek(io.BytesIO(pajek(NODES, EDGES).encode()))
    networkx_ties = sorted((u, v, float(data["weight"])) for u, v, data in by_networkx.edges(data=True))
    assert igraph_ties == networkx_ties and len(networkx_ties) == 3


def test_a_mutual_self_tie_is_one_arc():
    text = pajek(NODES, [EdgeRecord("t1", "a1", "a1", False, 1.0)])
    assert text.endswith("*Arcs\r\n1 1 1.0\r\n")


@pytest.mark.parametrize(
    ("name", "label"),
    [("Anna\nSvensson", "Anna Svensson"), ("Firma C:\\", "Firma C:/"), ('Say "hi"\t\r\n', "Say 'hi'")],
)
def test_pajek_labels_with_line_breaks_quotes_or_backslashes_stay_one_readable_vertex(name, label):
    text = pajek([NodeRecord("a1", name), NodeRecord("a2", "B")], [EdgeRecord("t1", "a1", "a2", True, 1.0)])
    graph = nx.parse_pajek(text.splitlines())
    assert graph.number_of_nodes() == 2 and graph.number_of_edges() == 1
    assert label in graph


def test_graphml_and_gexf_with_a_control_character_in_a_name_stay_well_formed():
    # ElementTree writes \x0b as it is: XML 1.0 forbids it, so networkx, igraph and Gephi refused the file.
    nodes = [NodeRecord("a1", "Anna\x0bSvensson", {"name": "Anna\x0bSvensson"}), NodeRecord("a2", "B")]
    edges = [EdgeRecord("t1", "a1", "a2", True, 1.0, {"content": "bell\x07"})]
    by_graphml = nx.read_graphml(io.BytesIO(graphml(nodes, edges)))
    by_gexf = nx.read_gexf(io.BytesIO(gexf(nodes, edges)))
    for graph in (by_graphml, by_gexf):
        assert graph.number_of_nodes() == 2
        assert graph.nodes["a1"]["label"] == "Anna\ufffdSvensson"
    assert by_graphml.nodes["a1"]["name"] == "Anna\ufffdSvensson"
    assert by_graphml.edges["a1", "a2"]["content"] == "bell\ufffd"


@pytest.mark.parametrize("writer", [graphml, gexf])
def test_empty_network_is_valid(writer):
    reader = nx.read_graphml if writer is graphml else nx.read_gexf
    assert reader(io.BytesIO(writer([], []))).number_of_nodes() == 0
