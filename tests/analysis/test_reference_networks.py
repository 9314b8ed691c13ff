"""The core's metrics against networkx and igraph computed directly on classic networks, to 1e-6,
and against the reference values of docs/domain.md"""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import pytest

from tests.analysis.helpers import by_id, derive, florentine_graph, kite_graph, region_from_graph

TOL = 1e-6

NETWORKS = {
    "florentine": florentine_graph,
    "kite": kite_graph,
    "karate": nx.karate_club_graph,
}


@pytest.fixture(params=sorted(NETWORKS))
def network(request: pytest.FixtureRequest) -> tuple[nx.Graph, dict, dict[object, int]]:
    graph = nx.Graph(NETWORKS[request.param]())
    graph = nx.Graph(graph.edges())  # unweighted: karate carries "weight" attributes
    actors, ties, ids = region_from_graph(graph)
    return graph, derive(actors, ties), ids


def _rows(result: dict, ids: dict[object, int]) -> dict[object, dict]:
    rows = by_id(result)
    return {node: rows[actor_id] for node, actor_id in ids.items()}


def _assert_close(ours: dict[object, float | None], theirs: dict[object, float]) -> None:
    for node, value in theirs.items():
        assert ours[node] is not None, node
        assert ours[node] == pytest.approx(value, abs=TOL), node


def test_per_actor_centralities_agree_with_networkx(network: tuple) -> None:
    graph, result, ids = network
    rows = _rows(result, ids)
    n = graph.number_of_nodes()
    raw = nx.betweenness_centrality(graph, normalized=False)
    _assert_close({v: rows[v]["betweenness"] for v in graph}, raw)
    _assert_close(
        {v: rows[v]["betweenness_normalised"] for v in graph},
        {v: value / ((n - 1) * (n - 2) / 2) for v, value in raw.items()},
    )
    _assert_close({v: rows[v]["closeness"] for v in graph}, nx.closeness_centrality(graph))
    _assert_close({v: rows[v]["degree"] for v in graph}, dict(graph.degree()))
    eigen = nx.eigenvector_centrality(graph, tol=1e-12, max_iter=10000)
    top = max(eigen.values())
    _assert_close({v: rows[v]["eigenvector"] for v in graph}, {v: value / top for v, value in eigen.items()})


def test_structural_holes_agree_with_networkx(network: tuple) -> None:
    graph, result, ids = network
    rows = _rows(result, ids)
    _assert_close({v: rows[v]["constraint"] for v in graph}, nx.constraint(graph))
    effective = nx.effective_size(graph)
    _assert_close({v: rows[v]["effective_size"] for v in graph}, effective)
    _assert_close({v: rows[v]["efficiency"] for v in graph}, {v: effective[v] / graph.degree(v) for v in graph})


def test_hierarchy_follows_burt_from_networkx_local_constraint(network: tuple) -> None:
    graph, result, ids = network
    rows = _rows(result, ids)
    for v in graph:
        contacts = list(graph[v])
        if len(contacts) < 2:
            assert rows[v]["hierarchy"] is None
            continue
        terms = [nx.local_constraint(graph, v, u) for u in contacts]
        mean = sum(terms) / len(terms)
        expected = sum(t / mean * math.log(t / mean) for t in terms) / (len(terms) * math.log(len(terms)))
        assert rows[v]["hierarchy"] == pytest.approx(expected, abs=TOL)


def test_clustering_transitivity_density_agree(network: tuple) -> None:
    graph, result, ids = network
    rows = _rows(result, ids)
    metrics = result["metrics"]
    assert metrics["density"] == pytest.approx(nx.density(graph), abs=TOL)
    assert metrics["transitivity"] == pytest.approx(nx.transitivity(graph), abs=TOL)
    assert metrics["average_clustering"] == pytest.approx(nx.average_clustering(graph), abs=TOL)
    for v, value in nx.clustering(graph).items():
        if graph.degree(v) >= 2:
            assert rows[v]["clustering"] == pytest.approx(value, abs=TOL)
        else:
            assert rows[v]["clustering"] is None
    assert metrics["components"] == nx.number_connected_components(graph)
    assert metrics["mean_degree"] == pytest.approx(2 * graph.number_of_edges() / graph.number_of_nodes())


def test_bridges_and_local_bridges_agree_with_networkx(network: tuple) -> None:
    graph, result, ids = network
    names = {actor_id: node for node, actor_id in ids.items()}
    cut = {frozenset((names[t["source"]], names[t["target"]])) for t in result["ties"] if t["bridge"]}
    local = {frozenset((names[t["source"]], names[t["target"]])) for t in result["ties"] if t["local_bridge"]}
    assert cut == {frozenset(edge) for edge in nx.bridges(graph)}
    assert local == {frozenset(edge) for edge in nx.local_bridges(graph, with_span=False)}


def test_communities_are_a_seeded_leiden_partition_with_igraph_modularity(network: tuple) -> None:
    graph, result, ids = network
    rows = _rows(result, ids)
    partition: dict[int, set] = {}
    for v in graph:
        partition.setdefault(rows[v]["community"], set()).add(v)
    expected = nx.community.modularity(graph, partition.values())
    assert result["metrics"]["modularity"] == pytest.approx(expected, abs=TOL)
    actors, ties, _ = region_from_graph(graph)
    assert derive(actors, ties)["actors"] == result["actors"]  # same seed, same communities


def test_karate_leiden_reaches_the_best_known_modularity() -> None:
    actors, ties, _ = region_from_graph(nx.karate_club_graph())
    result = derive(actors, ties)
    # The optimum partition of the karate club has modularity 0.4198 (Brandes et al. 2008).
    assert result["metrics"]["modularity"] == pytest.approx(0.4198, abs=1e-4)
    assert result["metrics"]["community_sizes"] == sorted(result["metrics"]["community_sizes"], reverse=True)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [(nx.star_graph(5), 1.0), (nx.cycle_graph(6), 0.0), (nx.path_graph(4), (1 + 0 + 0 + 1) / (3 * 2))],
)
def test_degree_centralisation_is_freeman_s(graph: nx.Graph, expected: float) -> None:
    actors, ties, _ = region_from_graph(graph)
    assert derive(actors, ties)["metrics"]["degree_centralisation"] == pytest.approx(expected, abs=TOL)


class TestDomainReferenceValues:
    """docs/domain.md, to the published four decimals."""

    def test_medici_and_guadagni(self) -> None:
        actors, ties, ids = region_from_graph(florentine_graph())
        rows = _rows(derive(actors, ties), ids)
        medici, guadagni = rows["Medici"], rows["Guadagni"]
        assert medici["constraint"] == pytest.approx(0.2099, abs=5e-5)
        assert medici["effective_size"] == pytest.approx(5.6667, abs=5e-5)
        assert medici["efficiency"] == pytest.approx(0.9444, abs=5e-5)
        assert medici["betweenness"] == pytest.approx(47.5, abs=TOL)
        assert medici["betweenness_normalised"] == pytest.approx(0.5220, abs=5e-5)
        assert guadagni["constraint"] == pytest.approx(0.25, abs=TOL)
        assert guadagni["effective_size"] == pytest.approx(4.0, abs=TOL)
        assert guadagni["betweenness"] == pytest.approx(23.1667, abs=5e-5)

    def test_kite_heather(self) -> None:
        actors, ties, ids = region_from_graph(kite_graph())
        heather = _rows(derive(actors, ties), ids)[7]
        assert heather["constraint"] == pytest.approx(0.4311, abs=5e-5)
        assert heather["effective_size"] == pytest.approx(2.3333, abs=5e-5)
        assert heather["betweenness"] == pytest.approx(14.0, abs=TOL)

    def test_kite_matches_networkx_kite(self) -> None:
        assert {frozenset(e) for e in kite_graph().edges()} == {
            frozenset(e) for e in nx.krackhardt_kite_graph().edges()
        }


def test_per_actor_metrics_agree_with_igraph_called_directly(network: tuple) -> None:
    graph, result, ids = network
    rows = _rows(result, ids)
    direct = ig.Graph.from_networkx(graph)
    names = direct.vs["_nx_name"]
    for metric, values in {
        "betweenness": direct.betweenness(),
        "closeness": direct.closeness(),
        "constraint": direct.constraint(),
        "eigenvector": direct.eigenvector_centrality(scale=True),
        "clustering": direct.transitivity_local_undirected(mode="nan"),
    }.items():
        for name, value in zip(names, values, strict=True):
            if math.isnan(value):
                assert rows[name][metric] is None, (metric, name)
            else:
                assert rows[name][metric] == pytest.approx(value, abs=TOL), (metric, name)
    assert result["metrics"]["transitivity"] == pytest.approx(direct.transitivity_undirected(), abs=TOL)
    assert result["metrics"]["components"] == len(direct.connected_components())
    assert result["metrics"]["bridges"] == len(direct.bridges())
