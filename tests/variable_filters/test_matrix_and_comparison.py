"""The code × region matrix and the comparison: regions kept and grouped by a region variable or field."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coding.variables import services as variables
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(study):
    """Three regions; the study's yes/no variable "cluster_policy": Dortmund yes, Cambridge no, Göteborg none."""
    dortmund = factories.RegionFactory(study=study, name="Dortmund", country="Germany")
    cambridge = factories.RegionFactory(study=study, name="Cambridge", country="United Kingdom")
    goteborg = factories.RegionFactory(study=study, name="Göteborg", country="Sweden")
    policy = variables.variable_create(
        study=study, target="region", name="cluster_policy", label="Cluster policy", type="boolean"
    )
    variables.values_set(variable=policy, values={dortmund.pk: "yes", cambridge.pk: "no"})
    return {"dortmund": dortmund, "cambridge": cambridge, "goteborg": goteborg}


def _matrix_heads(html: str) -> list[str]:
    table = html.split('id="matrix"')[1].split("</thead>")[0]
    last_row = table.split("<tr>")[-1]
    return re.findall(r"<th>([^<]*)</th>", last_row)[1:-1]  # without "Code" and "Total"


def _groups(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<th colspan="(\d+)" data-group="([^"]*)">', html)


def test_the_matrix_keeps_the_regions_with_a_value(client, carol, study, regions):
    client.force_login(carol)
    html = client.get(
        reverse("coding:matrix", args=[study.pk]), {"only": "region:cluster_policy=true"}
    ).content.decode()
    assert _matrix_heads(html) == ["Dortmund"]
    assert '<option value="region:cluster_policy=true" selected>Cluster policy = yes</option>' in html


def test_the_matrix_groups_regions_by_a_variable_and_by_a_fixed_field(client, carol, study, regions):
    client.force_login(carol)
    url = reverse("coding:matrix", args=[study.pk])
    html = client.get(url, {"group_by": "cluster_policy"}).content.decode()
    assert _matrix_heads(html) == ["Dortmund", "Cambridge", "Göteborg"]  # yes, no, then no value
    assert _groups(html) == [
        ("1", "Cluster policy: yes"), ("1", "Cluster policy: no"), ("1", "Cluster policy: (no value)"),
    ]  # fmt: skip
    html = client.get(url, {"group_by": "country"}).content.decode()
    assert _matrix_heads(html) == ["Dortmund", "Göteborg", "Cambridge"]  # Germany, Sweden, United Kingdom


def test_the_comparison_keeps_and_groups_its_regions_by_a_region_variable(client, alice, study, regions):
    client.force_login(alice)
    url = reverse("comparison:page", args=[study.pk])
    every = [region.pk for region in regions.values()]
    html = client.get(url, {"region": every, "only": "region:cluster_policy=false"}).content.decode()
    assert html.count('class="column-head') == 1 and ">Cambridge</a>" in html

    html = client.get(url, {"region": every, "group_by": "cluster_policy"}).content.decode()
    heads = re.findall(r'data-role="column-group">([^<]*)</span><br>\s*<a href="[^"]*">([^<]*)</a>', html)
    assert heads == [
        ("Cluster policy: yes", "Dortmund"), ("Cluster policy: no", "Cambridge"),
        ("Cluster policy: (no value)", "Göteborg"),
    ]  # fmt: skip


def test_grouped_and_filtered_pages_keep_their_query_counts(client, alice, study, django_assert_max_num_queries):
    policy = variables.variable_create(study=study, target="region", name="policy", label="Policy", type="boolean")
    client.force_login(alice)
    made = []
    for count in (2, 8):
        while len(made) < count:
            region = factories.RegionFactory(study=study)
            variables.values_set(variable=policy, values={region.pk: len(made) % 2 == 0})
            made.append(region)
        params = {"group_by": "policy", "only": "region:policy=true"}
        with django_assert_max_num_queries(11):
            html = client.get(reverse("coding:matrix", args=[study.pk]), params).content.decode()
        assert len(_matrix_heads(html)) == count // 2
        # 13 for the grouped comparison, 3 more for informant reciprocity (ties, evidence, interviewees).
        with django_assert_max_num_queries(16):
            html = client.get(reverse("comparison:page", args=[study.pk]), params).content.decode()
        assert html.count('class="column-head') == count // 2
