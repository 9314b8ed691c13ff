"""Network files read back by networkx and igraph with the same nodes, edges and attributes."""

from __future__ import annotations

import io

import igraph
import networkx as nx
import pytest

from coding.exchange.network import gexf, graphml, pajek
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
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2
    assert {float(data["weight"]) for _, _, data in graph.edges(data=True)} == {3.0, 1.5}


@pytest.mark.parametrize("writer", [graphml, gexf])
def test_empty_network_is_valid(writer):
    reader = nx.read_graphml if writer is graphml else nx.read_gexf
    assert reader(io.BytesIO(writer([], []))).number_of_nodes() == 0
