"""The comparison's partition: a select on the page, a section with the figures per column and group."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.partitions.models import PartitionFigures
from coding.partitions.services import partition_compute
from coding.variables import services as variables
from tests import factories

pytestmark = pytest.mark.django_db


def _work_off_the_queue() -> None:
    for row in PartitionFigures.objects.filter(status="queued"):
        partition_compute(
            region_id=row.region_id, wave_id=row.wave_id, layer=row.layer, attribute_name=row.attribute,
            input_version=row.input_version,
        )  # fmt: skip


@pytest.fixture
def member(study):
    return variables.variable_create(study=study, target="actor", name="member", label="Member", type="boolean")


def _region_with_pair(study, member, *, both_members: bool):
    """Two organisations tied once: both members (E-I −1), or one member and one not (E-I +1)."""
    region = factories.RegionFactory(study=study)
    a, b = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
    factories.InteractionFactory(region=region, source=a, target=b)
    variables.values_set(variable=member, values={a.pk: True, b.pk: both_members})
    return region


def _rows(html: str) -> dict[str, list[str]]:
    rows = {}
    for chunk in html.split('<tr data-row="')[1:]:
        key = chunk.split('"', 1)[0]
        rows[key] = [cell.split("</td>")[0] for cell in chunk.split("</tr>")[0].split("<td>")[1:]]
    return rows


def test_the_comparison_shows_a_variable_partition_per_column(client, study, alice, member):
    closed = _region_with_pair(study, member, both_members=True)
    mixed = _region_with_pair(study, member, both_members=False)
    client.force_login(alice)
    query = {"region": [closed.pk, mixed.pk], "partition": "member"}
    page = client.get(reverse("comparison:page", args=[study.pk]), query).content.decode()
    assert '<option value="member" selected>Member</option>' in page
    assert 'id="partition-root"' in page

    url = reverse("comparison:partition", args=[study.pk])
    pending = client.get(url, query).content.decode()
    assert 'data-status="queued"' in pending and "<td>computing…</td>" in pending

    _work_off_the_queue()
    html = client.get(url, query).content.decode()
    assert 'data-status="ok"' in html
    rows = _rows(html)
    assert rows["ei"] == ["-1", "1"]  # one pair: inside the members, or across
    assert rows["blau"] == ["0", "0.5"]
    assert rows["true:size"] == ["2", "1"] and rows["false:size"] == ["0", "1"]


def test_an_unknown_partition_is_refused_naming_it(client, study, alice, member):
    region = _region_with_pair(study, member, both_members=True)
    client.force_login(alice)
    response = client.get(reverse("comparison:partition", args=[study.pk]), {"region": region.pk, "partition": "x1"})
    assert response.status_code == 400 and "“x1” is not a categorical actor attribute" in response.content.decode()


def test_stored_partitions_of_more_columns_take_no_more_queries(
    client, study, alice, member, django_assert_max_num_queries
):
    client.force_login(alice)
    url = reverse("comparison:partition", args=[study.pk])
    regions = []
    for count in (2, 6):
        while len(regions) < count:
            regions.append(_region_with_pair(study, member, both_members=len(regions) % 2 == 0))
        query = {"region": [region.pk for region in regions], "partition": "member"}
        client.get(url, query)
        _work_off_the_queue()
        with django_assert_max_num_queries(11):
            html = client.get(url, query).content.decode()
        assert html.count('<th data-column="') == count and 'data-status="ok"' in html
