"""Network files read back by networkx and igraph with the same nodes, edges and attributes."""

from __future__ import annotations

import io
import json

import igraph
import networkx as nx
import pytest
from lxml import etree

from coding.exchange.network.files import gexf, graphml, pajek
from coding.exchange.records import EdgeRecord, NodeRecord

NODES = [
    NodeRecord("a1", "Fraunhofer IMS", {"kind": "organisation", "type": "research_institute", "location": "inside"}),
    NodeRecord("a2", 'Elmos "Semiconductor"', {"kind": "organisation", "type": "firm_large", "location": "inside"}),
    NodeRecord("a3", "Ruhr-Universität", {"kind": "organisation", "type": "university", "location": "outside"}),
]
ONE_WAY = {"strength": 0.75, "mutual": False, "arc_from": "a1", "modes": "cooperation", "channel": "meeting"}
EDGES = [
    EdgeRecord("a1-a2", "a1", "a2", {**ONE_WAY, "tie_ids": "1"}),
    EdgeRecord("a2-a3", "a2", "a3", {"strength": 0.0, "mutual": True, "trust_basis": "competence", "tie_ids": "2;5"}),
]
GRAPH = {"layer": "all", "wave": "all", "data_version": 7, "settings": '{"strong_tie_cutoff": 0.5}'}


def test_graphml_read_back_by_networkx_is_undirected_with_strength_and_graph_attributes():
    graph = nx.read_graphml(io.BytesIO(graphml(NODES, EDGES, graph_attributes=GRAPH)))
    assert not graph.is_directed() and set(graph.nodes) == {"a1", "a2", "a3"}
    assert graph.nodes["a2"]["label"] == 'Elmos "Semiconductor"'
    assert graph.nodes["a3"]["location"] == "outside"
    assert graph.edges["a1", "a2"]["strength"] == 0.75 and graph.edges["a2", "a3"]["strength"] == 0.0
    assert graph.edges["a1", "a2"]["channel"] == "meeting"
    assert graph.edges["a2", "a3"]["tie_ids"] == "2;5"
    assert graph.edges["a2", "a3"]["mutual"] is True and graph.edges["a1", "a2"]["mutual"] is False
    assert graph.edges["a1", "a2"]["arc_from"] == "a1" and "arc_from" not in graph.edges["a2", "a3"]
    assert "channel" not in graph.edges["a2", "a3"]  # empty values are left out, not written as ""
    assert not any("weight" in data for _, _, data in graph.edges(data=True))
    assert {key: graph.graph[key] for key in GRAPH} == GRAPH


def test_graphml_read_back_by_igraph_has_no_weight_for_default_calls_to_use(tmp_path):
    path = tmp_path / "ties.graphml"
    path.write_bytes(graphml(NODES, EDGES, graph_attributes=GRAPH))
    graph = igraph.Graph.Read_GraphML(str(path))
    assert not graph.is_directed() and graph.vcount() == 3 and graph.ecount() == 2
    assert sorted(graph.vs["type"]) == ["firm_large", "research_institute", "university"]
    assert sorted(graph.es["strength"]) == [0.0, 0.75]
    assert "weight" not in graph.es.attributes()
    assert graph["data_version"] == 7 and graph["layer"] == "all"


def test_gexf_read_back_by_networkx_is_undirected_with_strength():
    graph = nx.read_gexf(io.BytesIO(gexf(NODES, EDGES, graph_attributes=GRAPH)))
    assert not graph.is_directed()
    assert {graph.nodes[node]["label"] for node in graph} == {node.label for node in NODES}
    assert graph.nodes["a1"]["type"] == "research_institute"
    edges = {data["id"]: data for _, _, data in graph.edges(data=True)}
    assert set(edges) == {"a1-a2", "a2-a3"}
    assert edges["a1-a2"]["strength"] == 0.75 and edges["a1-a2"]["modes"] == "cooperation"
    assert edges["a2-a3"]["trust_basis"] == "competence" and edges["a2-a3"]["mutual"] is True


def test_gexf_carries_the_graph_attributes_as_json_in_its_description():
    root = etree.fromstring(gexf(NODES, EDGES, description="Dortmund", graph_attributes=GRAPH))
    [text] = root.xpath("//g:meta/g:description/text()", namespaces={"g": "http://gexf.net/1.3"})
    first, second = text.split("\n")
    assert first == "Dortmund" and json.loads(second) == GRAPH


def test_pajek_is_one_undirected_edge_per_pair_without_a_value_column():
    text = pajek(NODES, EDGES)
    assert "*Edges\r\n1 2\r\n2 3\r\n" in text and "*Arcs" not in text


def test_pajek_read_back_by_networkx_and_igraph_without_weights(tmp_path):
    by_networkx = nx.read_pajek(io.BytesIO(pajek(NODES, EDGES).encode()))
    assert not by_networkx.is_directed() and by_networkx.number_of_edges() == 2
    path = tmp_path / "ties.net"
    path.write_text(pajek(NODES, EDGES), encoding="utf-8")
    by_igraph = igraph.Graph.Read_Pajek(str(path))
    assert not by_igraph.is_directed() and sorted(by_igraph.get_edgelist()) == [(0, 1), (1, 2)]
    assert "weight" not in by_igraph.es.attributes()


@pytest.mark.parametrize(
    ("name", "label"),
    [("Anna\nSvensson", "Anna Svensson"), ("Firma C:\\", "Firma C:/"), ('Say "hi"\t\r\n', "Say 'hi'")],
)
def test_pajek_labels_with_line_breaks_quotes_or_backslashes_stay_one_readable_vertex(name, label):
    text = pajek([NodeRecord("a1", name), NodeRecord("a2", "B")], [EdgeRecord("a1-a2", "a1", "a2")])
    graph = nx.parse_pajek(text.splitlines())
    assert graph.number_of_nodes() == 2 and graph.number_of_edges() == 1
    assert label in graph


def test_graphml_and_gexf_with_a_control_character_in_a_name_stay_well_formed():
    # ElementTree writes \x0b as it is: XML 1.0 forbids it, so networkx, igraph and Gephi refused the file.
    nodes = [NodeRecord("a1", "Anna\x0bSvensson", {"name": "Anna\x0bSvensson"}), NodeRecord("a2", "B")]
    edges = [EdgeRecord("a1-a2", "a1", "a2", {"content": "bell\x07"})]
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
