"""Download views: members only, files that read back, bounded queries on large regions."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from django.conf import settings
from django.urls import reverse

from coding.exchange.pseudonyms import stable_pseudonym
from tests import factories


@pytest.fixture
def ties(region):
    made = [factories.InteractionFactory(region=region, channel="meeting", rating_time=3) for _ in range(3)]
    return made


def test_non_member_gets_404(client, mallory, region, study):
    client.force_login(mallory)
    assert client.get(reverse("exports:study-list", args=[study.pk])).status_code == 404
    assert client.get(reverse("exports:region-file", args=[region.pk, "graphml"])).status_code == 404


def test_unknown_format_is_404(client, carol, region):
    client.force_login(carol)
    assert client.get(reverse("exports:region-file", args=[region.pk, "docx"])).status_code == 404


def test_export_page_lists_formats(client, carol, study, region):
    client.force_login(carol)
    page = client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
    assert reverse("exports:region-file", args=[region.pk, "gexf"]) in page
    assert reverse("exports:study-file", args=[study.pk, "qdpx"]) in page


def test_graphml_download_has_the_region_network(client, carol, region, ties):
    client.force_login(carol)
    response = client.get(reverse("exports:region-file", args=[region.pk, "graphml"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    graph = nx.read_graphml(io.BytesIO(response.getvalue()))
    assert graph.number_of_nodes() == 6 and graph.number_of_edges() == 3
    tie = ties[0]
    data = graph.edges[f"a{tie.source_id}", f"a{tie.target_id}"]
    # Strength on 0..1 as the analysis rates it: time 3 of 4 alone gives 3/4; no "weight" for tools to misread.
    assert data["channel"] == "meeting" and data["strength"] == 0.75 and data["tie_ids"] == str(tie.pk)
    assert "weight" not in data
    assert data["modes"] == "cooperation"
    assert graph.nodes[f"a{tie.source_id}"]["kind"] == "organisation"


def test_gexf_and_pajek_downloads(client, carol, study, ties):
    client.force_login(carol)
    gexf = client.get(reverse("exports:study-file", args=[study.pk, "gexf"]))
    assert nx.read_gexf(io.BytesIO(gexf.getvalue())).number_of_edges() == 3
    pajek = client.get(reverse("exports:study-file", args=[study.pk, "pajek"]))
    assert nx.read_pajek(io.BytesIO(pajek.getvalue())).number_of_nodes() == 6


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "pajek"])
def test_pseudonymised_network_export_has_no_person_names(fmt, alice, study, region):
    from rest_framework.test import APIClient

    person = factories.PersonFactory(region=region, name="Jana Nowak")
    factories.InteractionFactory(region=region, source=person)
    api = APIClient()
    api.force_authenticate(alice)
    response = api.get(api_export(study, fmt), {"pseudonymised": "1"})
    assert response.status_code == 200
    body = response.getvalue()  # a stream: read once
    assert b"Nowak" not in body
    assert stable_pseudonym(person.pk, settings.PSEUDONYM_KEY).encode() in body
    assert "-pseudonymised." in response["Content-Disposition"]


def test_export_page_offers_pseudonymised_networks(client, carol, study, region):
    person = factories.PersonFactory(region=region, name="Jana Nowak")
    factories.InteractionFactory(region=region, source=person)
    client.force_login(carol)
    page = client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
    for fmt in ("graphml", "gexf", "pajek"):
        url = reverse("exports:region-file", args=[region.pk, f"{fmt}-pseudonymised"])
        assert url in page
        response = client.get(url)
        assert response.status_code == 200 and b"Nowak" not in response.getvalue()


def test_network_query_count_is_constant(client, carol, region, django_assert_max_num_queries):
    for _ in range(60):
        factories.InteractionFactory(region=region)
    client.force_login(carol)
    # Eight of them read the region as the analysis does (coding.worker.loader), for the layer's edges.
    with django_assert_max_num_queries(16):  # the stream is read inside: its actors come in chunks
        response = client.get(reverse("exports:region-file", args=[region.pk, "graphml"]))
        assert response.status_code == 200 and b"</graphml>" in response.getvalue()


def test_qdc_download_holds_the_scheme(client, carol, study, region):
    from lxml import etree

    parent = factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation")
    factories.CodeFactory(scheme=study.coding_scheme, name="Joint R&D", parent=parent)
    client.force_login(carol)
    response = client.get(reverse("exports:region-file", args=[region.pk, "qdc"]))
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    names = root.xpath("//q:Code/@name", namespaces={"q": "urn:QDA-XML:codebook:1.0"})
    assert names == ["Cooperation", "Joint R&D"]


# --- The same files through the API (token or session) -------------------------------------


def api_export(owner, fmt: str) -> str:
    kind = "study" if owner.__class__.__name__ == "Study" else "region"
    return reverse(f"api:{kind}-export", args=[owner.pk, fmt])


def test_api_exports_to_members_with_a_token(region, study, ties, carol, mallory):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    assert api.get(api_export(region, "graphml")).status_code in (401, 403)
    api.force_authenticate(mallory)
    assert api.get(api_export(region, "graphml")).status_code == 404
    assert api.get(api_export(study, "dump")).status_code == 404
    api.force_authenticate(None)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=carol).key}")
    graph = nx.read_graphml(io.BytesIO(api.get(api_export(region, "graphml"), HTTP_ACCEPT="*/*").getvalue()))
    assert graph.number_of_edges() == 3
    assert api.get(api_export(study, "qdpx"))["Content-Type"] == "application/zip"
    dump = b"".join(api.get(api_export(study, "dump")).streaming_content)
    assert dump.startswith(b"{") and study.title.encode() in dump


def test_api_export_of_an_unknown_format_or_a_region_dump_is_404(region, carol):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(carol)
    for url in (api_export(region, "docx"), api_export(region, "dump"), "/api/studies/x/exports/qdc"):
        response = api.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", url


def test_the_qdpx_import_is_offered_to_leads_only(client, alice, carol, study):
    url = reverse("exports:study-qdpx-import", args=[study.pk])
    client.force_login(carol)  # a viewer: the import would answer 403
    assert url not in client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
    client.force_login(alice)
    assert url in client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
