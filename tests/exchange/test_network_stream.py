"""Network downloads are streamed: sent in chunks with the download's headers, written in memory
that does not grow with the file (issue 17), and read back as the ties that were coded."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable, Iterator

import networkx as nx
import pytest
from django.urls import reverse

from cases.models import Actor
from coding.exchange.network import files
from coding.exchange.records import EdgeRecord, NodeRecord
from coding.models import Interaction
from tests.exchange.network_fixtures import network_url

pytestmark = pytest.mark.django_db
CONTENT_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml", "pajek": "text/plain"}


def ring(region, actors: int, prefix: str = "Firm") -> list[Actor]:
    """``actors`` organisations, each tied to the next (a ring): ``actors`` pairs, one edge each."""
    rows = Actor.objects.bulk_create(
        Actor(region=region, kind="organisation", name=f"{prefix} {number}", org_type="firm_sme", location="inside")
        for number in range(actors)
    )
    Interaction.objects.bulk_create(
        Interaction(region=region, source=rows[k], target=rows[(k + 1) % actors], directed=False, mode_cooperation=True)
        for k in range(actors)
    )
    return rows


def read(fmt: str, content: bytes) -> nx.Graph:
    readers: dict[str, Callable[[io.BytesIO], nx.Graph]] = {
        "graphml": nx.read_graphml,
        "gexf": nx.read_gexf,
        "pajek": lambda handle: nx.Graph(nx.read_pajek(handle)),
    }
    return readers[fmt](io.BytesIO(content))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "pajek"])
def test_a_network_download_is_a_stream_with_the_download_headers_and_reads_back_as_coded(fmt, client, carol, region):
    rows = ring(region, 12)
    client.force_login(carol)
    response = client.get(network_url(region, fmt, layer="cooperation"))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith(CONTENT_TYPES[fmt])
    extension = "net" if fmt == "pajek" else fmt
    expected_name = f"region-{region.pk}-cooperation.{extension}"
    assert response["Content-Disposition"] == f'attachment; filename="{expected_name}"'
    assert response["Cache-Control"] == "private, no-store"
    graph = read(fmt, b"".join(response.streaming_content))
    # The ring written out by hand: Firm k with Firm k+1, and Firm 11 with Firm 0.
    labels = {node: data.get("label", node) for node, data in graph.nodes(data=True)}
    pairs = {frozenset((labels[a], labels[b])) for a, b in graph.edges}
    assert pairs == {frozenset((f"Firm {k}", f"Firm {(k + 1) % 12}")) for k in range(12)}
    assert graph.number_of_nodes() == len(rows) == 12


@pytest.mark.parametrize("query", ["layer=strongest", "wave=999999", "pseudonymised=maybe"])
def test_a_bad_parameter_is_a_400_page_not_a_broken_stream(client, carol, region, query):
    ring(region, 3)
    client.force_login(carol)
    response = client.get(f"{network_url(region, 'gexf')}?{query}")
    assert response.status_code == 400 and not response.streaming


def test_a_region_of_another_study_is_a_404_not_a_stream(client, mallory, region):
    ring(region, 3)
    client.force_login(mallory)
    response = client.get(reverse("exports:region-file", args=[region.pk, "graphml"]))
    assert response.status_code == 404 and not response.streaming


def records(ties: int) -> tuple[Iterator[NodeRecord], Iterator[EdgeRecord]]:
    """A ring of ``ties`` actors, made one record at a time as the database chunks would give them."""
    nodes = (NodeRecord(f"a{k}", f"Firm {k}", {"kind": "organisation", "degree": 2}) for k in range(ties))
    attributes = {"strength": 0.5, "mutual": True, "tie_ids": "1", "modes": "cooperation"}
    edges = (EdgeRecord(f"a{k}-a{(k + 1) % ties}", f"a{k}", f"a{(k + 1) % ties}", attributes) for k in range(ties))
    return nodes, edges


def streamed_peak(fmt: str, ties: int) -> tuple[int, int]:
    """tracemalloc's peak while the file is written and sent on chunk by chunk, and the file's size."""
    node_kinds = {"kind": "string", "degree": "int"}
    edge_kinds = {"strength": "double", "mutual": "boolean", "tie_ids": "string", "modes": "string"}
    tracemalloc.start()
    try:
        nodes, edges = records(ties)
        if fmt == "graphml":
            chunks = files.graphml_chunks(nodes, edges, node_kinds=node_kinds, edge_kinds=edge_kinds)
        else:
            chunks = files.gexf_chunks(nodes, edges, node_kinds=node_kinds, edge_kinds=edge_kinds)
        size = sum(len(chunk) for chunk in chunks)  # each chunk dropped once counted, as a socket would
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, size


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_writing_a_network_needs_memory_that_does_not_grow_with_its_ties(fmt):
    small_peak, small_size = streamed_peak(fmt, 2_000)
    large_peak, large_size = streamed_peak(fmt, 20_000)
    assert large_size > 9 * small_size  # ten times the ties: about ten times the file
    # The budget: twice the small file's peak plus 256 KB (a chunk of text and its bytes), not 10×.
    assert large_peak < 2 * small_peak + 256 * 1024
    assert large_peak < large_size / 4  # the old writer held ~11 times the file


def test_a_streamed_file_reads_no_more_queries_for_more_actors(client, carol, region, django_assert_max_num_queries):
    client.force_login(carol)

    def queries() -> int:
        with django_assert_max_num_queries(16) as captured:
            content = client.get(network_url(region, "graphml")).getvalue()  # consumed inside: chunks count
        assert content.endswith(b"</graphml>")
        return len(captured)

    ring(region, 10)
    few = queries()
    ring(region, 2_500, prefix="Supplier")  # more than one chunk of actors (2,000 per fetch)
    assert queries() == few
