"""Network files carry the stored figures of the chosen layer and wave: read back by networkx and
igraph equal to the snapshot, default calls of both on the read graph give our betweenness and
constraint, and the graph attributes say which analysis the figures come from (or why none)."""

from __future__ import annotations

import io
import json
import math

import igraph
import networkx as nx
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Wave
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests import factories
from tests.exchange.network_fixtures import (
    TOLERANCE,
    cambridgeshire,
    differences,
    florentine_families,
    network_url,
    read_graphml,
    store_snapshots,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(client):
    region = cambridgeshire()
    client.force_login(region.study.memberships.get(user__username="viewer").user)
    return region


def first_wave(region) -> Wave:
    return region.waves.order_by("start").first()


@pytest.mark.parametrize("choice", [("all", False), ("cooperation", True)], ids=["all-ties-all-waves", "coop-wave-1"])
def test_graphml_read_by_networkx_and_igraph_carries_every_figure_of_the_snapshot(client, demo, tmp_path, choice):
    layer, one_wave = choice
    wave = first_wave(demo) if one_wave else None
    result = store_snapshots(demo, [(wave.pk if wave else None, layer)])[(wave.pk if wave else None, layer)]
    query = {"layer": layer, **({"wave": str(wave.pk)} if wave else {})}
    content = client.get(network_url(demo, "graphml", **query)).getvalue()

    by_networkx = read_graphml(content)
    assert differences(result, dict(by_networkx.nodes(data=True))) == []
    path = tmp_path / "region.graphml"
    path.write_bytes(content)
    by_igraph = igraph.Graph.Read_GraphML(str(path))
    assert differences(result, {vertex["id"]: vertex.attributes() for vertex in by_igraph.vs}) == []
    # The file's edges are the pairs the figures were computed on.
    pairs = {frozenset((f"a{tie['source']}", f"a{tie['target']}")) for tie in result["ties"]}
    assert {frozenset(edge) for edge in by_networkx.edges} == pairs and len(pairs) == by_networkx.number_of_edges()


def test_default_betweenness_and_constraint_of_igraph_and_networkx_on_the_read_graph_are_ours(
    client, carol, region, tmp_path
):
    florentine_families(region)
    result = store_snapshots(region, [(None, "all")])[(None, "all")]
    client.force_login(carol)
    content = client.get(network_url(region, "graphml")).getvalue()
    path = tmp_path / "florentine.graphml"
    path.write_bytes(content)
    by_igraph = igraph.Graph.Read_GraphML(str(path))
    by_networkx = read_graphml(content)
    networkx_betweenness = nx.betweenness_centrality(by_networkx, normalized=False)
    networkx_constraint = nx.constraint(by_networkx)
    ours = {f"a{row['id']}": row for row in result["actors"]}
    for vertex, igraph_betweenness, igraph_constraint in zip(
        by_igraph.vs, by_igraph.betweenness(), by_igraph.constraint(), strict=True
    ):
        row = ours[vertex["id"]]
        assert igraph_betweenness == pytest.approx(row["betweenness"], abs=TOLERANCE)
        assert networkx_betweenness[vertex["id"]] == pytest.approx(row["betweenness"], abs=TOLERANCE)
        if row["constraint"] is None:  # the isolate Pucci: constraint undefined for all three
            assert math.isnan(igraph_constraint) and math.isnan(networkx_constraint[vertex["id"]])
        else:
            assert igraph_constraint == pytest.approx(row["constraint"], abs=TOLERANCE)
            assert networkx_constraint[vertex["id"]] == pytest.approx(row["constraint"], abs=TOLERANCE)
    # Padgett's network, hand-checked: the Medici broker most (47.5 of the 91 pairs' shortest paths).
    medici = next(vertex for vertex in by_igraph.vs if vertex["label"] == "Medici")
    assert ours[medici["id"]]["betweenness"] == pytest.approx(47.5)


def test_gexf_read_by_networkx_carries_every_figure_of_the_snapshot(client, demo):
    result = store_snapshots(demo, [(None, "all")])[(None, "all")]
    graph = nx.read_gexf(io.BytesIO(client.get(network_url(demo, "gexf")).getvalue()))
    assert not graph.is_directed()
    assert differences(result, dict(graph.nodes(data=True))) == []


def test_graph_attributes_name_the_layer_wave_data_version_time_and_settings(client, demo):
    wave = first_wave(demo)
    store_snapshots(demo, [(wave.pk, "strong")])
    snapshot = AnalysisSnapshot.objects.get(region=demo, wave=wave, layer="strong")
    graph = read_graphml(client.get(network_url(demo, "graphml", layer="strong", wave=str(wave.pk))).getvalue()).graph
    assert (graph["layer"], graph["wave"], graph["wave_id"]) == ("strong", wave.label, wave.pk)
    assert graph["figures"] == "current" and "figures_note" not in graph
    assert graph["data_version"] == RegionAnalysisState.objects.get(region=demo).version == snapshot.input_version
    assert graph["computed_at"] == snapshot.computed_at.isoformat()
    assert json.loads(graph["settings"]) == snapshot.settings_used
    gexf_root = client.get(network_url(demo, "gexf", layer="strong", wave=str(wave.pk))).getvalue().decode()
    assert '"layer": "strong"' in gexf_root and f'"wave_id": {wave.pk}' in gexf_root


def test_a_stale_or_missing_analysis_gives_a_file_without_figures_that_says_why(client, carol, region):
    tie = factories.InteractionFactory(region=region, rating_time=4)
    store_snapshots(region, [(None, "all")])
    client.force_login(carol)
    current = read_graphml(client.get(network_url(region, "graphml")).getvalue())
    assert current.graph["figures"] == "current" and current.nodes[f"a{tie.source_id}"]["degree"] == 1
    RegionAnalysisState.objects.filter(region=region).update(version=99)  # the data moved on

    for layer, status in (("all", "stale"), ("rivalry", "missing")):
        response = client.get(network_url(region, "graphml", layer=layer))
        assert response.status_code == 200
        graph = read_graphml(response.getvalue())
        assert graph.graph["figures"] == status and "no figures" in graph.graph["figures_note"]
        assert not any("degree" in data for _, data in graph.nodes(data=True))
        assert graph.graph["data_version"] == 99


def test_the_study_network_takes_each_region_s_figures_and_lists_their_status(client, carol, study, region):
    florentine_families(region)
    other = factories.RegionFactory(study=study, name="Not yet analysed")
    factories.InteractionFactory(region=other)
    result = store_snapshots(region, [(None, "all")])[(None, "all")]
    client.force_login(carol)
    graph = read_graphml(client.get(reverse("exports:study-file", args=[study.pk, "graphml"])).getvalue())
    assert graph.graph["figures"] == "partial"
    assert {entry["region_id"]: entry["figures"] for entry in json.loads(graph.graph["regions"])} == {
        region.pk: "current",
        other.pk: "missing",
    }
    assert differences(result, dict(graph.nodes(data=True))) == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("layer=strongest", "layer"), ("wave=x", "wave"), ("wave=999999", "wave"), ("layer=all&layer=weak", "layer")],
)
def test_an_unknown_layer_or_wave_is_a_400_naming_the_parameter(client, carol, region, query, parameter):
    client.force_login(carol)
    page = client.get(f"{network_url(region, 'graphml')}?{query}")
    assert page.status_code == 400 and f"“{parameter}”".encode() in page.content
    api = APIClient()
    api.force_authenticate(carol)
    response = api.get(f"{reverse('api:region-export', args=[region.pk, 'gexf'])}?{query}")
    assert response.status_code == 400 and parameter in response.json()


def test_a_wave_of_another_region_or_on_the_study_is_refused(client, carol, study, region, other_region):
    client.force_login(carol)
    foreign = factories.WaveFactory(region=factories.RegionFactory(study=study))
    assert client.get(network_url(region, "pajek", wave=str(foreign.pk))).status_code == 400
    own = factories.WaveFactory(region=region)
    study_url = reverse("exports:study-file", args=[study.pk, "graphml"])
    assert client.get(f"{study_url}?wave={own.pk}").status_code == 400
    assert client.get(f"{study_url}?layer=weak&wave=all").status_code == 200


def test_the_api_takes_layer_and_wave(carol, region):
    florentine_families(region)
    wave = factories.WaveFactory(region=region)
    store_snapshots(region, [(wave.pk, "cooperation")])
    api = APIClient()
    api.force_authenticate(carol)
    url = reverse("api:region-export", args=[region.pk, "graphml"])
    response = api.get(url, {"layer": "cooperation", "wave": str(wave.pk)}, HTTP_ACCEPT="*/*")
    assert response.status_code == 200
    assert f"region-{region.pk}-cooperation-wave-{wave.pk}.graphml" in response["Content-Disposition"]
    graph = read_graphml(response.getvalue())
    # No tie has a wave, so the wave's network has no edge; the figures say so (degree 0).
    assert graph.number_of_edges() == 0 and graph.graph["figures"] == "current"
    assert {data["degree"] for _, data in graph.nodes(data=True)} == {0}


def test_network_file_queries_do_not_grow_with_ties_or_actors(client, carol, region, django_assert_max_num_queries):
    florentine_families(region)
    wave = factories.WaveFactory(region=region)
    client.force_login(carol)

    def queries() -> int:
        store_snapshots(region, [(wave.pk, "cooperation")])
        with django_assert_max_num_queries(20) as captured:
            client.get(network_url(region, "graphml", layer="cooperation", wave=str(wave.pk))).getvalue()
        return len(captured)

    few = queries()
    for number in range(30):
        actor = factories.OrganisationFactory(region=region, name=f"Firm {number}")
        factories.InteractionFactory(region=region, source=actor, wave=wave)
    assert queries() == few


def test_export_page_offers_layers_and_each_region_s_waves_in_constant_queries(
    client, carol, study, region, django_assert_max_num_queries
):
    wave = factories.WaveFactory(region=region, label="Spring 2025")
    client.force_login(carol)

    def page() -> tuple[str, int]:
        with django_assert_max_num_queries(12) as captured:
            content = client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
        return content, len(captured)

    content, few = page()
    assert 'name="layer"' in content and f'<option value="{wave.pk}">Spring 2025</option>' in content
    assert reverse("exports:region-file", args=[region.pk, "gexf"]) in content
    for number in range(5):
        factories.WaveFactory(region=factories.RegionFactory(study=study, name=f"Region {number}"))
    assert page()[1] == few
