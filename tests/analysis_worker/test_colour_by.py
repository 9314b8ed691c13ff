"""The analysis page's *Colour by* choices beyond actor type and community (issue 16): every actor's
category under each categorical actor attribute in the network JSON, the legend's groups, and a
query count that does not grow with actors or variables."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Actor
from coding.analysis.palette import CATEGORY_COLOURS, UNKNOWN_COLOUR
from coding.colour_by.colourings import legend_groups
from coding.variables import services as variables
from coding.variables.fixed import Attribute
from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from tests import factories
from tests.analysis_page_large.network import network as network_json

pytestmark = pytest.mark.django_db


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _legend_group(html: str, key: str) -> str:
    start = html.index(f'data-legend-group="{key}"')
    return html[start : html.index("</div>", start)]


@pytest.fixture
def sectors(study, region):
    """Three firms in a path, a sector variable (industry, academia, government) and a yes/no one."""
    firms = [factories.OrganisationFactory(region=region, name=f"Firm {i}", size_band="") for i in range(3)]
    for source, target in pairwise(firms):
        factories.InteractionFactory(region=region, source=source, target=target)
    sector = variables.variable_create(
        study=study,
        target="actor",
        name="sector",
        label="Sector",
        type="categorical",
        categories=["industry", "academia", "government"],
    )
    member = variables.variable_create(study=study, target="actor", name="member", label="Member", type="boolean")
    variables.variable_create(study=study, target="actor", name="staff", label="Staff", type="numeric")
    # Firm 0 academia, Firm 1 government, Firm 2 no sector; only Firm 0 answered "member".
    variables.values_set(variable=sector, values={firms[0].pk: "academia", firms[1].pk: "government"})
    variables.values_set(variable=member, values={firms[0].pk: "yes"})
    return firms


def test_the_colour_select_offers_categorical_and_yes_no_variables_and_fixed_attributes(client, region, alice, sectors):
    _computed(region)
    client.force_login(alice)
    html = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    select = html.split('id="analysis-network-colour"')[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]+)"', select)
    assert options == [
        "actor_type",
        "community",
        "group:kind",
        "group:location",
        "group:org_type",
        "group:size_band",
        "group:hierarchy_level",
        "group:sector",
        "group:member",
    ]  # numeric "staff" and text attributes are no colouring


def test_the_network_json_carries_each_actors_categories_and_the_variables_colours(client, region, alice, sectors):
    _computed(region)
    client.force_login(alice)
    network = network_json(client, region)
    groups = {actor["id"]: actor["groups"] for actor in network["actors"]}
    first, second, third = (firm.pk for firm in sectors)
    fixed = {"kind": "organisation", "location": "inside", "org_type": "firm_sme"}  # the factory's; no size band
    assert groups[first] == {**fixed, "sector": "academia", "member": "true"}
    assert groups[second] == {**fixed, "sector": "government"}
    assert groups[third] == fixed
    # Colours by the categories' defined order (industry first), whatever the region holds.
    assert network["colours"]["group:sector"] == {
        "industry": CATEGORY_COLOURS[0],
        "academia": CATEGORY_COLOURS[1],
        "government": CATEGORY_COLOURS[2],
        "(no value)": UNKNOWN_COLOUR,
    }
    assert network["colours"]["group:member"]["true"] == CATEGORY_COLOURS[0]


def test_the_legend_has_a_hidden_group_per_variable_with_the_categories_present_in_order(
    client, region, alice, sectors
):
    _computed(region)
    client.force_login(alice)
    html = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    sector = _legend_group(html, "group:sector")
    assert " hidden>" in sector.split(">")[0] + ">"
    keys = re.findall(r'data-legend-key="group:sector:([^"]+)"', sector)
    assert keys == ["academia", "government", "(no value)"]  # no industry actor; Firm 2 has none
    assert f"background:{CATEGORY_COLOURS[1]}" in sector.split('group:sector:academia"')[1].split("</span>")[0]
    member = _legend_group(html, "group:member")
    assert re.findall(r'data-legend-key="group:member:([^"]+)"', member) == ["true", "(no value)"]
    assert "</span> yes</span>" in member  # a yes/no variable's legend reads yes, not true


def test_the_page_reads_all_categories_in_one_query_whatever_the_actors_and_variables(
    client, study, region, alice, django_assert_num_queries
):
    def grow(count: int, start: int) -> None:
        actors = [factories.OrganisationFactory(region=region) for _ in range(count)]
        for source, target in pairwise(actors):
            factories.InteractionFactory(region=region, source=source, target=target)
        for i in range(start, start + 3):
            variable = variables.variable_create(
                study=study, target="actor", name=f"v{i}", label=f"V{i}", type="categorical", categories=["a", "b"]
            )
            variables.values_set(variable=variable, values={actor.pk: "ab"[n % 2] for n, actor in enumerate(actors)})

    client.force_login(alice)
    url = reverse("analysis:region", args=[region.pk])
    grow(5, 0)
    _computed(region)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(60, 3)
    _computed(region)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    network = network_json(client, region)
    assert sum(1 for actor in network["actors"] if "v5" in actor["groups"]) == 60
    assert Actor.objects.filter(region=region).count() == 65


def test_a_value_no_longer_among_the_categories_is_listed_grey_after_them():
    # "retired" was a category once and is still held by an actor: grey, after the defined ones.
    sector = Attribute("actor", "sector", "Sector", "categorical", ("industry", "academia"), ("Industry", "Academia"))
    (group,) = legend_groups([sector], [{"sector": "retired"}, {"sector": "academia"}, {}])
    assert [(entry["label"], entry["colour"]) for entry in group["entries"]] == [
        ("Academia", "#f58518"),  # the second category: tableau10's orange
        ("retired", "#d0d0d0"),
        ("(no value)", "#d0d0d0"),
    ]
