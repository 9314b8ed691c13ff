"""The stored layout (coding/layout): written by the analysis run, fed to every picture, re-laid on request.

The ``waves`` fixture (conftest) has firms A–E tied over three waves; ``network`` a university,
its researcher and three firms. The analysis run is called directly, as the worker calls it.
"""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from rest_framework.test import APIClient

from coding.analysis.layout import BOX
from coding.layout import services
from coding.layout.models import RegionLayout
from coding.layout.tasks import layout_region
from coding.worker import tasks
from coding.worker.actor_table import ACTORS_PER_PAGE
from coding.worker.models import RegionAnalysisState
from tests import factories
from tests.analysis_page_large.network import network as network_json

pytestmark = pytest.mark.django_db


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _stored(region) -> dict[int, tuple[float, float]]:
    positions = RegionLayout.objects.get(region=region).positions
    return {int(actor): (x, y) for actor, (x, y) in positions.items()}


def _json_script(page: str, element_id: str):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', page, re.S)
    assert found, f"no {element_id} in the page"
    return json.loads(html.unescape(found.group(1)))


def _network(client, region, **query) -> dict[int, tuple[float, float]]:
    return {actor["id"]: (actor["x"], actor["y"]) for actor in network_json(client, region, **query)["actors"]}


# --- written by the analysis run ---------------------------------------------------------------


def test_the_analysis_run_places_every_actor_of_the_region_isolates_included(region, waves):
    loner = factories.OrganisationFactory(region=region, name="Loner")  # no tie at all
    _computed(region)
    positions = _stored(region)
    assert set(positions) == {*(firm.pk for firm in waves["firms"].values()), loner.pk}
    assert all(0 <= x <= BOX and 0 <= y <= BOX for x, y in positions.values())
    row = RegionLayout.objects.get(region=region)
    assert row.input_version == RegionAnalysisState.objects.get(region=region).version


def test_a_later_run_keeps_every_placed_actor_and_places_the_new_one(region, waves):
    before = _stored(region)
    newcomer = factories.OrganisationFactory(region=region, name="Firm F")
    factories.InteractionFactory(region=region, source=newcomer, target=waves["firms"]["A"])
    _computed(region)
    after = _stored(region)
    assert {actor: after[actor] for actor in before} == before
    assert newcomer.pk in after


def test_the_sweep_sends_a_layout_run_for_analysed_regions_without_one(region, waves, other_region, sent):
    factories.InteractionFactory(region=other_region)
    _computed(other_region)  # analysed and laid out: nothing to send
    RegionLayout.objects.filter(region=region).delete()  # analysed before layouts were stored
    sent.redis.delete(sent.queue)
    assert services.requeue_missing_layouts() == [region.pk]
    assert _messages(sent, "coding.layout.tasks.layout_region") == [[region.pk]]
    layout_region(region.pk)  # what the worker runs on that message
    assert set(_stored(region)) == {firm.pk for firm in waves["firms"].values()}
    assert services.requeue_missing_layouts() == []


def test_no_stored_layout_leaves_the_pictures_without_positions(client, region, waves, alice):
    RegionLayout.objects.filter(region=region).delete()  # as when the worker never ran the layout
    client.force_login(alice)
    actors = network_json(client, region)["actors"]
    assert actors and all(actor["x"] is None and actor["y"] is None for actor in actors)


# --- the same positions in every picture -------------------------------------------------------


def test_the_analysis_network_has_the_same_positions_in_every_wave_and_layer(client, region, waves, carol):
    client.force_login(carol)
    stored = _stored(region)
    pictures = [
        _network(client, region),
        _network(client, region, layer="cooperation"),
        *(_network(client, region, wave=waves[name].pk) for name in ("january", "april", "july")),
    ]
    for picture in pictures:
        assert picture == {actor: stored[actor] for actor in picture}
    assert set(pictures[0]) == set(stored)


def test_the_comparison_networks_give_each_actor_its_stored_place_in_every_column(client, study, region, waves, alice):
    client.force_login(alice)
    stored = _stored(region)
    query = {"region": region.pk, "wave": [waves[name].pk for name in ("january", "april", "july")]}
    networks = client.get(reverse("comparison:networks", args=[study.pk]), query).json()["networks"]
    assert len(networks) == 3
    for network in networks:
        assert network["nodes"]
        for node in network["nodes"]:
            assert tuple(node[4:]) == stored[node[0]], "x, y appended to the compact node"


def test_the_wave_change_picture_draws_both_waves_on_the_stored_positions(client, region, waves, alice):
    client.force_login(alice)
    query = {"from": waves["january"].pk, "to": waves["july"].pk}
    page = client.get(reverse("analysis:region", args=[region.pk]), query).content.decode()
    picture = _json_script(page, "wave-change-data")
    stored = _stored(region)
    firms = waves["firms"]
    assert {actor["id"]: (actor["x"], actor["y"]) for actor in picture["actors"]} == {
        firms[name].pk: stored[firms[name].pk] for name in "ABCDE"
    }


# --- re-layout on request ----------------------------------------------------------------------


def test_a_lead_relays_the_network_in_the_request_while_the_broker_is_down(
    client, region, waves, alice, other_region, sent
):
    factories.InteractionFactory(region=other_region)
    _computed(other_region)
    other_before = RegionLayout.objects.get(region=other_region).positions
    before = RegionLayout.objects.get(region=region)
    sent.down()
    client.force_login(alice)
    response = client.post(reverse("layout:relayout", args=[region.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("analysis:region", args=[region.pk])
    assert "laid out anew" in response.content.decode()
    after = RegionLayout.objects.get(region=region)
    assert after.seed == before.seed + 1 and after.relaid_at is not None and after.relaid_at != before.relaid_at
    assert after.positions != before.positions and set(after.positions) == set(before.positions)
    assert RegionLayout.objects.get(region=other_region).positions == other_before


def test_with_the_broker_up_a_coder_queues_one_relayout_however_often_clicked(client, region, waves, bob, sent):
    before = RegionLayout.objects.get(region=region).positions
    client.force_login(bob)
    url = reverse("layout:relayout", args=[region.pk])
    for _ in range(3):
        assert client.post(url).status_code == 302
    relayouts = _messages(sent, "coding.layout.tasks.relayout_region")
    assert relayouts == [[region.pk]]
    assert RegionLayout.objects.get(region=region).positions == before, "the worker does it, not the request"


def _messages(sent, task: str) -> list[list]:
    found = []
    for raw in reversed(sent.redis.lrange(sent.queue, 0, -1)):
        envelope = json.loads(raw)
        if envelope["headers"].get("task") == task:
            found.append(json.loads(base64.b64decode(envelope["body"]))[0])
    return found


def test_a_request_no_worker_took_is_laid_out_by_the_next_click(client, region, waves, alice):
    client.force_login(alice)
    url = reverse("layout:relayout", args=[region.pk])
    client.post(url)  # queued: the broker is up, but no worker runs
    assert RegionLayout.objects.get(region=region).seed == 0
    RegionLayout.objects.filter(region=region).update(
        relayout_requested_at=timezone.now() - services.WORKER_PATIENCE - timedelta(seconds=1)
    )
    response = client.post(url, follow=True)
    assert "was laid out anew" in response.content.decode()
    row = RegionLayout.objects.get(region=region)
    assert row.seed == 1 and row.relayout_requested_at is None


def test_viewers_cannot_relay_and_do_not_see_the_button(client, region, waves, carol, alice):
    before = RegionLayout.objects.get(region=region).positions
    client.force_login(carol)
    assert client.post(reverse("layout:relayout", args=[region.pk])).status_code == 403
    assert 'id="relayout-form"' not in client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    assert RegionLayout.objects.get(region=region).positions == before
    client.force_login(alice)
    assert 'id="relayout-form"' in client.get(reverse("analysis:region", args=[region.pk])).content.decode()


def test_the_relayout_button_sits_in_the_network_pictures_controls_also_in_the_polled_fragment(
    client, region, waves, alice
):
    client.force_login(alice)
    url = reverse("analysis:region", args=[region.pk])
    for page in (client.get(url), client.get(url, {"fragment": "1"})):
        tree = lxml_html.fromstring(page.content.decode())
        form = tree.get_element_by_id("relayout-form")
        assert form.getparent().get("id") == "analysis-network-controls"
        assert form.get("action") == reverse("layout:relayout", args=[region.pk])
        assert len(tree.xpath('//*[@id="relayout-form"]')) == 1


def test_outsiders_get_404_and_a_get_is_refused(client, region, waves, mallory, alice):
    client.force_login(mallory)
    assert client.post(reverse("layout:relayout", args=[region.pk])).status_code == 404
    client.force_login(alice)
    assert client.get(reverse("layout:relayout", args=[region.pk])).status_code == 405


def test_a_large_region_waits_when_the_broker_is_down(client, region, waves, alice, sent, monkeypatch):
    monkeypatch.setattr(services, "SYNC_MAX_ACTORS", 3)  # the five firms are "large" now
    before = RegionLayout.objects.get(region=region).positions
    sent.down()
    client.force_login(alice)
    response = client.post(reverse("layout:relayout", args=[region.pk]), follow=True)
    assert "try again later" in response.content.decode()
    assert RegionLayout.objects.get(region=region).positions == before


# --- API ---------------------------------------------------------------------------------------


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_api_members_read_the_positions_and_outsiders_get_404(region, waves, carol, mallory):
    url = reverse("api:region-layout", args=[region.pk])
    body = _api(carol).get(url).json()
    assert {int(actor): tuple(point) for actor, point in body["positions"].items()} == _stored(region)
    assert _api(mallory).get(url).status_code == 404
    assert _api(mallory).post(url).status_code == 404
    assert _api(carol).post(url).status_code == 403
    assert APIClient().get(url).status_code in (401, 403)
    assert _api(carol).get(reverse("api:region-layout", args=["x1"])).status_code == 404


def test_api_relayout_is_queued_or_done_in_the_request_when_the_broker_is_down(region, waves, bob, sent):
    url = reverse("api:region-layout", args=[region.pk])
    queued = _api(bob).post(url)
    assert queued.status_code == 202 and queued.json() == {"status": "queued"}
    RegionLayout.objects.filter(region=region).update(relayout_requested_at=None)
    sent.down()
    done = _api(bob).post(url)
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert {int(actor) for actor in done.json()["layout"]["positions"]} == set(_stored(region))


def test_the_schema_documents_the_layout_endpoint():
    from tests.api.test_api_schemathesis import load_schema

    operations = load_schema()["paths"]["/api/regions/{id}/analysis/layout/"]
    assert {"200", "404"} <= set(operations["get"]["responses"])
    assert {"200", "202", "403", "404"} <= set(operations["post"]["responses"])


# --- query counts ------------------------------------------------------------------------------


def _seed(region, n_actors: int, waves: int = 2) -> None:
    actors = [factories.OrganisationFactory(region=region) for _ in range(n_actors)]
    for w in range(waves):
        wave = factories.WaveFactory(region=region, label=f"w{w}")
        for i, source in enumerate(actors):
            factories.InteractionFactory(region=region, wave=wave, source=source, target=actors[(i + w + 1) % n_actors])
    _computed(region)


@pytest.mark.parametrize("n_actors", [5, 60])
def test_query_counts_with_positions_do_not_grow_with_actors(
    client, study, region, alice, n_actors, django_assert_max_num_queries
):
    _seed(region, n_actors)
    client.force_login(alice)
    # With the change section, one read of the positions, one of the actors' categories (colour by)
    # and one of the parts of the result the page reads (coding/worker/snapshot_parts).
    with django_assert_max_num_queries(19):
        page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    assert page.count("data-actor=") == min(n_actors, ACTORS_PER_PAGE)
    with django_assert_max_num_queries(8):
        assert len(network_json(client, region)["actors"]) == n_actors
    with django_assert_max_num_queries(9):
        networks = client.get(reverse("comparison:networks", args=[study.pk]), {"region": region.pk, "by_wave": 1})
    nodes = [node for network in networks.json()["networks"] for node in network["nodes"]]
    assert len(nodes) == 2 * n_actors and all(len(node) == 6 for node in nodes)
    with django_assert_max_num_queries(2):
        assert _api(alice).get(reverse("api:region-layout", args=[region.pk])).status_code == 200
