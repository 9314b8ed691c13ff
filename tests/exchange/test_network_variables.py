"""The study's actor variables as typed node attributes of GraphML and GEXF, read back with
networkx and igraph; queries constant with the number of actors."""

from __future__ import annotations

import io
import math

import igraph
import networkx as nx
import pytest
from django.urls import reverse
from lxml import etree

from coding.variables.models import VariableValue
from coding.variables.services import variable_create
from tests import factories
from tests.exchange.variables_fixtures import VariableWorld, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(study, region) -> VariableWorld:
    return make_world(study, region)


GRAPHML = {"g": "http://graphml.graphdrawing.org/xmlns"}


def download(client, world, fmt: str) -> bytes:
    response = client.get(reverse("exports:region-file", args=[world.region.pk, fmt]))
    assert response.status_code == 200
    return response.getvalue()


def by_name(graph: nx.Graph) -> dict[str, dict]:
    return {data["name"]: data for _, data in graph.nodes(data=True)}


def test_graphml_declares_each_variable_by_its_type(client, carol, world):
    client.force_login(carol)
    root = etree.fromstring(download(client, world, "graphml"))
    declared = {key.get("attr.name"): key.get("attr.type") for key in root.iterfind("g:key[@for='node']", GRAPHML)}
    assert {name: declared[name] for name in ("sector", "association_member", "employees", "note")} == {
        "sector": "string",
        "association_member": "boolean",
        "employees": "double",
        "note": "string",
    }
    assert declared["kind"] == "string" and declared["type"] == "string"  # the fixed attributes as before


def test_graphml_read_back_by_networkx_has_typed_values_and_no_value_where_none_was_recorded(client, carol, world):
    client.force_login(carol)
    nodes = by_name(nx.read_graphml(io.BytesIO(download(client, world, "graphml"))))
    firm, lab, person = nodes["Lasertech GmbH"], nodes["Fraunhofer IMS"], nodes["Petra Schmidt"]
    assert (firm["sector"], firm["association_member"], firm["employees"]) == ("photonics", True, 120.0)
    assert (lab["sector"], lab["association_member"], lab["employees"]) == ("medical devices", False, 35.5)
    assert firm["note"] == "Spin-off of the university" and "note" not in lab
    assert not {"sector", "association_member", "employees", "note"} & set(person)
    assert firm["kind"] == "organisation" and person["kind"] == "person"


def test_graphml_read_back_by_igraph(client, carol, world, tmp_path):
    client.force_login(carol)
    path = tmp_path / "region.graphml"
    path.write_bytes(download(client, world, "graphml"))
    graph = igraph.Graph.Read_GraphML(str(path))
    vertex = {v["name"]: v for v in graph.vs}
    assert vertex["Lasertech GmbH"]["employees"] == 120.0 and vertex["Fraunhofer IMS"]["employees"] == 35.5
    assert math.isnan(vertex["Petra Schmidt"]["employees"])  # igraph's missing number
    assert vertex["Fraunhofer IMS"]["sector"] == "medical devices"
    assert vertex["Lasertech GmbH"]["association_member"] is True


def test_gexf_read_back_by_networkx_has_typed_values(client, carol, world):
    client.force_login(carol)
    content = download(client, world, "gexf")
    root = etree.fromstring(content)
    declared = {
        attribute.get("title"): attribute.get("type")
        for attribute in root.iterfind(".//g:attributes[@class='node']/g:attribute", {"g": "http://gexf.net/1.3"})
    }
    assert (declared["employees"], declared["association_member"], declared["sector"]) == (
        "double",
        "boolean",
        "string",
    )
    nodes = by_name(nx.read_gexf(io.BytesIO(content)))
    assert nodes["Lasertech GmbH"]["employees"] == 120.0 and nodes["Fraunhofer IMS"]["association_member"] is False
    assert nodes["Fraunhofer IMS"]["sector"] == "medical devices"


def test_a_variable_named_like_a_fixed_attribute_is_written_with_the_var_prefix(client, carol, world):
    kind = variable_create(study=world.study, target="actor", name="type", label="Type of knowledge", type="text")
    VariableValue.objects.create(variable=kind, actor=world.firm, text_value="tacit")
    client.force_login(carol)
    nodes = by_name(nx.read_graphml(io.BytesIO(download(client, world, "graphml"))))
    assert nodes["Lasertech GmbH"]["var_type"] == "tacit" and nodes["Lasertech GmbH"]["type"] == "firm_sme"


def test_pseudonymised_networks_replace_person_names_in_free_text_values(client, carol, world):
    VariableValue.objects.filter(variable=world.variables["note"]).update(text_value="Founded by Petra Schmidt")
    client.force_login(carol)
    content = download(client, world, "graphml-pseudonymised")
    assert b"Petra Schmidt" not in content and b"Founded by " in content


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_queries_do_not_grow_with_actors_and_their_values(fmt, client, carol, world, django_assert_max_num_queries):
    client.force_login(carol)

    def queries() -> int:
        with django_assert_max_num_queries(20) as captured:
            download(client, world, fmt)
        return len(captured)

    few = queries()
    for number in range(30):
        actor = factories.OrganisationFactory(region=world.region, name=f"Firm {number}")
        VariableValue.objects.create(variable=world.variables["employees"], actor=actor, number_value=number)
        factories.InteractionFactory(region=world.region, source=actor, target=world.firm)
    assert queries() == few
