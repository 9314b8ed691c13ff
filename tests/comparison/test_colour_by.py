"""The comparison page's ``?colour=<attribute>``: the small multiples' actors carry their category,
the legend shows the attribute's categories in their defined order, an unknown name is explained,
and the categories of every region's actors cost one query (issue 16)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Actor
from coding.analysis.palette import CATEGORY_COLOURS, UNKNOWN_COLOUR
from coding.variables import services as variables

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector(study, computed):
    """A sector variable: in Alpha F1, F2 industry and U academia; in Beta R academia; the others none."""
    variable = variables.variable_create(
        study=study,
        target="actor",
        name="sector",
        label="Sector",
        type="categorical",
        categories=["industry", "academia", "government"],
    )
    alpha, beta = (fixture["region"] for fixture in computed)
    named = {(actor.region_id, actor.name): actor.pk for actor in Actor.objects.filter(region__in=[alpha, beta])}
    values = {
        named[alpha.pk, "F1"]: "industry",
        named[alpha.pk, "F2"]: "industry",
        named[alpha.pk, "U"]: "academia",
        named[beta.pk, "R"]: "academia",
    }
    variables.values_set(variable=variable, values=values)
    return variable, named


def _networks(client, study, params: dict) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("comparison:networks", args=[study.pk]), params)
    assert response.status_code == 200
    return response.json(), len(queries)


def test_the_networks_carry_each_actors_category_and_the_attributes_colours(client, study, computed, alice, sector):
    _variable, named = sector
    alpha, beta = (fixture["region"] for fixture in computed)
    client.force_login(alice)
    payload, _count = _networks(client, study, {"colour": "sector"})
    groups = {network["key"]: {int(k): v for k, v in network["groups"].items()} for network in payload["networks"]}
    assert groups[f"r{alpha.pk}"] == {
        named[alpha.pk, "F1"]: "industry",
        named[alpha.pk, "F2"]: "industry",
        named[alpha.pk, "U"]: "academia",
    }
    assert groups[f"r{beta.pk}"] == {named[beta.pk, "R"]: "academia"}
    assert payload["colour_by"] == "group:sector"
    assert payload["colours"]["group:sector"] == {
        "industry": CATEGORY_COLOURS[0],
        "academia": CATEGORY_COLOURS[1],
        "government": CATEGORY_COLOURS[2],
        "(no value)": UNKNOWN_COLOUR,
    }


def test_the_categories_cost_one_query_whatever_the_regions(client, study, computed, alice, sector):
    alpha, beta = (fixture["region"] for fixture in computed)
    client.force_login(alice)
    _plain, without = _networks(client, study, {"region": [alpha.pk, beta.pk]})
    _one, with_one_region = _networks(client, study, {"region": [alpha.pk], "colour": "sector"})
    _two, with_two_regions = _networks(client, study, {"region": [alpha.pk, beta.pk], "colour": "sector"})
    assert with_one_region == with_two_regions == without + 1


def test_the_page_offers_the_attribute_and_shows_its_categories_in_order_in_the_legend(
    client, study, computed, alice, sector
):
    client.force_login(alice)
    html = client.get(reverse("comparison:page", args=[study.pk]), {"colour": "sector"}).content.decode()
    assert '<option value="sector" selected>Sector</option>' in html
    legend = html.split('data-network-legend="comparison-networks"')[1].split('data-legend-group="modes"')[0]
    assert 'data-legend-group="actor_type" hidden' in legend
    group = legend.split('data-legend-group="group:sector"')[1]
    assert not group.startswith(" hidden")
    keys = [part.split('"')[0] for part in group.split('data-legend-key="group:sector:')[1:]]
    assert keys == ["industry", "academia", "government", "(no value)"]  # every category, as defined


def test_an_unknown_colour_is_explained_and_the_networks_keep_actor_types(client, study, computed, alice, sector):
    client.force_login(alice)
    response = client.get(reverse("comparison:page", args=[study.pk]), {"colour": "staff<script>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "“staff&lt;script&gt;” is not a categorical actor attribute of this study" in html
    assert 'data-legend-group="actor_type">' in html  # shown
    payload, _count = _networks(client, study, {"colour": "staff"})
    assert "colour_by" not in payload and all("groups" not in network for network in payload["networks"])
