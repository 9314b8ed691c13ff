"""Partition figures over fixed attributes and the study's own variables, computed and stored on request."""

from __future__ import annotations

import pytest

from coding.analysis.by_partition import NO_VALUE
from coding.partitions import services
from coding.partitions.models import PartitionFigures
from coding.partitions.services import partition_figures, partition_figures_many
from coding.variables import services as variables
from coding.worker.models import RegionAnalysisState
from tests import factories

pytestmark = pytest.mark.django_db


def _run_queued(region) -> None:
    """What the worker does with the queued message (its task body, called here)."""
    for row in PartitionFigures.objects.filter(region=region, status="queued"):
        services.partition_compute(
            region_id=region.pk,
            wave_id=row.wave_id,
            layer=row.layer,
            attribute_name=row.attribute,
            input_version=row.input_version,
        )


def _figures(region, attribute: str, layer: str = "all", wave=None) -> dict:
    answer = partition_figures(region=region, wave=wave, layer=layer, attribute=attribute)
    if not answer.ready:
        _run_queued(region)
        answer = partition_figures(region=region, wave=wave, layer=layer, attribute=attribute)
    assert answer.status == "ok", answer
    return answer.result


@pytest.fixture
def mixed(region):
    """Firms, a university, a politics actor and two persons (one employed by the university), with
    mutual and directed ties so that every role occurs."""
    kinds = ["firm_sme", "firm_sme", "firm_large", "university", "politics"]
    orgs = [factories.OrganisationFactory(region=region, name=f"Org {i}", org_type=t) for i, t in enumerate(kinds)]
    researcher = factories.PersonFactory(region=region, name="Researcher", affiliation=orgs[3])
    loner = factories.PersonFactory(region=region, name="Loner")
    pairs = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (1, 3)]
    for a, b in pairs:
        factories.InteractionFactory(region=region, source=orgs[a], target=orgs[b])
    factories.InteractionFactory(region=region, source=researcher, target=orgs[0], directed=True)
    factories.InteractionFactory(region=region, source=orgs[2], target=loner, directed=True)
    factories.InteractionFactory(region=region, source=loner, target=researcher, directed=True)
    return {"orgs": orgs, "researcher": researcher, "loner": loner}


def _variable(study, name: str, categories: list[str], type_: str = "categorical"):
    return variables.variable_create(
        study=study, target="actor", name=name, label=name.replace("_", " "), type=type_, categories=categories
    )


def test_a_variable_equal_to_org_type_gives_the_figures_of_org_type(study, region, mixed):
    orgs = mixed["orgs"]
    variable = _variable(study, "sector", ["firm_sme", "firm_large", "university", "politics"])
    # The same value as the organisation type for every organisation; persons have none in both.
    variables.values_set(variable=variable, values={org.pk: org.org_type for org in orgs})

    fixed, own = _figures(region, "org_type"), _figures(region, "sector")
    assert own["brokerage"] == fixed["brokerage"] and own["brokerage"]["total"] > 0
    assert own["ei"] == fixed["ei"]
    assert own["blau"] == fixed["blau"] and own["assortativity"] == fixed["assortativity"]
    assert own["groups"] == fixed["groups"]
    assert own["actors"] == fixed["actors"]
    assert {group["group"] for group in own["groups"]} == {"firm_sme", "firm_large", "university", "politics", NO_VALUE}


def test_the_sna_brokerage_example_with_the_groups_as_a_variable(study, region):
    """docs/domain.md §4, as R sna::brokerage: A→B, A→C, B→C, B→D, C→D, D→A; groups {A,B} and {C,D}.

    Published: A itinerant 1 + gatekeeper 1; B representative 1; C gatekeeper 1; D itinerant 1 +
    representative 1; network 0/2/2/2/0 (coordinator/itinerant/representative/gatekeeper/liaison), 6.
    All four are firms of one type, so only the variable separates them.
    """
    a, b, c, d = (factories.OrganisationFactory(region=region, name=name) for name in "ABCD")
    for source, target in [(a, b), (a, c), (b, c), (b, d), (c, d), (d, a)]:
        factories.InteractionFactory(region=region, source=source, target=target, directed=True)
    faction = _variable(study, "faction", ["first", "second"])
    variables.values_set(variable=faction, values={a.pk: "first", b.pk: "first", c.pk: "second", d.pk: "second"})

    result = _figures(region, "faction")
    roles = {
        row["id"]: {k: v for k, v in row.items() if k not in ("id", "group", "ei") and v} for row in result["actors"]
    }
    assert roles == {
        a.pk: {"itinerant": 1, "gatekeeper": 1},
        b.pk: {"representative": 1},
        c.pk: {"gatekeeper": 1},
        d.pk: {"itinerant": 1, "representative": 1},
    }
    assert result["brokerage"] == {
        "coordinator": 0, "itinerant": 2, "representative": 2, "gatekeeper": 2, "liaison": 0, "total": 6,
    }  # fmt: skip
    # Over org_type (all one group) every open path is coordination instead: the variable made the difference.
    assert _figures(region, "org_type")["brokerage"]["coordinator"] == 6


def test_actors_without_a_value_form_the_no_value_group(study, region, mixed):
    member = _variable(study, "association_member", [], type_="boolean")
    orgs = mixed["orgs"]
    variables.values_set(variable=member, values={orgs[0].pk: "yes", orgs[1].pk: "ja", orgs[2].pk: "no"})
    result = _figures(region, "association_member")
    sizes = {group["group"]: group["size"] for group in result["groups"]}
    assert sizes == {"true": 2, "false": 1, NO_VALUE: 4}  # two organisations and both persons have no value
    assert result["no_value"] == 4 and result["actors_count"] == 7


def test_the_default_partitions_come_from_the_snapshot(region, mixed):
    from coding.worker import tasks

    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
    answer = partition_figures(region=region, wave=None, layer="all", attribute="actor_type")
    assert answer.status == "ok" and answer.source == "snapshot"
    # The researcher counts with the university (the employer's type); the loner is "person".
    groups = {row["id"]: row["group"] for row in answer.result["actors"]}
    assert groups[mixed["researcher"].pk] == "university" and groups[mixed["loner"].pk] == "person"
    assert not PartitionFigures.objects.exists()


def test_a_changed_value_makes_the_stored_figures_stale(study, region, mixed):
    orgs = mixed["orgs"]
    variable = _variable(study, "cluster_core", ["core", "periphery"])
    variables.values_set(variable=variable, values={org.pk: "core" for org in orgs})
    # Six pairs of organisations inside "core", loner – researcher inside "(no value)"; the persons'
    # ties to organisations (researcher – Org 0, Org 2 – loner) cross.
    assert _figures(region, "cluster_core")["ei"] == {"index": (2 - 7) / 9, "external_edges": 2, "internal_edges": 7}

    variables.values_set(variable=variable, values={orgs[4].pk: "periphery"})  # bumps the input version
    answer = partition_figures(region=region, wave=None, layer="all", attribute="cluster_core")
    assert answer.status == "queued", "the stored figures are of the old values"
    # Pairs 3-4 and 4-0 now cross the groups too.
    assert _figures(region, "cluster_core")["ei"] == {"index": (4 - 5) / 9, "external_edges": 4, "internal_edges": 5}


def test_a_poll_while_queued_sends_no_second_message(region, mixed):
    first = partition_figures(region=region, wave=None, layer="all", attribute="kind")
    again = partition_figures(region=region, wave=None, layer="all", attribute="kind")
    assert first.status == again.status == "queued"
    assert PartitionFigures.objects.get(region=region, attribute="kind").requested_at is not None


def test_a_request_no_worker_takes_is_computed_in_place_for_a_small_region(region, mixed):
    from datetime import timedelta

    from django.utils import timezone

    assert partition_figures(region=region, wave=None, layer="all", attribute="kind").status == "queued"
    PartitionFigures.objects.update(requested_at=timezone.now() - timedelta(minutes=1))  # nobody took it
    answer = partition_figures(region=region, wave=None, layer="all", attribute="kind")
    assert answer.status == "ok" and {g["group"] for g in answer.result["groups"]} == {"organisation", "person"}


def test_a_wave_and_a_layer_are_computed_apart(region, mixed):
    wave = factories.WaveFactory(region=region)
    orgs = mixed["orgs"]
    factories.InteractionFactory(region=region, source=orgs[0], target=orgs[3], wave=wave)
    rivalry = _figures(region, "org_type", layer="rivalry")
    assert rivalry["ei"]["index"] is None  # no rivalry ties: no pairs at all
    in_wave = _figures(region, "org_type", wave=wave)  # only the tie of that wave: firm – university
    assert in_wave["ei"] == {"index": 1.0, "external_edges": 1, "internal_edges": 0}


def test_reading_stored_figures_of_many_regions_takes_a_fixed_number_of_queries(study, django_assert_max_num_queries):
    regions = []
    for count in (2, 6):
        while len(regions) < count:
            region = factories.RegionFactory(study=study)
            a, b = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
            factories.InteractionFactory(region=region, source=a, target=b)
            regions.append(region)
            _figures(region, "size_band")
        with django_assert_max_num_queries(2):
            answers = partition_figures_many(picks=[(r, None) for r in regions], layer="all", attribute="size_band")
        assert [answer.status for answer in answers] == ["ok"] * count
