"""The region analysis page and its status endpoint: access, content, bad input, bounded queries."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from coding.analysis import glossary
from coding.worker import tasks
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests import factories


def _metric_cell(html: str, key: str) -> str:
    """The cell of a nested region figure: its small tables, up to the cell's end."""
    start = html.index(f'data-metric="{key}">')
    return html[start : html.index("</table></td>", start)]


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def test_access(client, network, region, alice, carol, mallory):
    url = reverse("analysis:region", args=[region.pk])
    assert client.get(url).status_code == 302  # login required
    client.force_login(mallory)
    assert client.get(url).status_code == 404
    assert client.get(reverse("analysis:region-status", args=[region.pk])).status_code == 404
    client.force_login(carol)  # viewers may read results
    assert client.get(url).status_code == 200


def test_page_before_and_after_computation(client, network, region, alice):
    client.force_login(alice)
    url = reverse("analysis:region", args=[region.pk])
    page = client.get(url).content.decode()
    assert "No results yet" in page
    status = client.get(reverse("analysis:region-status", args=[region.pk])).json()
    assert status["status"] in {"stale", "queued"} and status["has_result"] is False

    _computed(region)
    response = client.get(url, {"layer": "cooperation"})
    page = response.content.decode()
    assert response.status_code == 200
    network_url = reverse("analysis:region-network", args=[region.pk])
    assert f'data-url="{network_url}?layer=cooperation"' in page and "cytoscape.min.js" in page
    for firm in network["firms"]:
        assert f'data-actor="{firm.pk}"' in page
    assert f'data-actor="{network["researcher"].pk}"' in page  # an isolate on this layer, still listed
    status = client.get(reverse("analysis:region-status", args=[region.pk]), {"layer": "cooperation"}).json()
    assert status["status"] == "ok" and status["input_version"] == status["current_version"]


def test_edit_makes_the_page_stale_but_keeps_the_last_result(client, network, region, alice):
    _computed(region)
    tie = network["ties"][1]
    tie.rating_time = 1
    tie.save()
    client.force_login(alice)
    status = client.get(reverse("analysis:region-status", args=[region.pk])).json()
    assert status["status"] == "stale" and status["has_result"] is True
    assert status["input_version"] < status["current_version"]
    page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    assert "showing the last good result" in page


def test_classifications_link_their_ties_to_the_evidence(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    snapshot = AnalysisSnapshot.objects.get(region=region, wave=None, layer="all")
    records = snapshot.result["classifications"]
    assert records, "the network yields classification records"
    for record in records:
        assert f'data-classification="{record["name"]}"' in page and record["label"] in page
        for tie_id in record["tie_ids"]:
            assert f"/interactions/{tie_id}/" in page
    linked = {tie_id for record in records for tie_id in record["tie_ids"]}
    if network["ties"][0].pk in linked:  # its evidence coding is in this interview
        assert f"/interviews/{network['coding'].interview_id}/" in page


def test_figures_read_by_name_in_the_glossary_order_with_their_meaning(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    metrics = page[page.index('id="analysis-metrics"') : page.index('id="classifications-heading"')]
    shown = re.findall(r'<tr id="metric-([a-z_]+)"><th scope="row">([^<]+)</th>', metrics)
    snapshot = AnalysisSnapshot.objects.get(region=region, wave=None, layer="all")
    # PostgreSQL's jsonb keeps keys by length: the page restores the glossary's reading order.
    assert [key for key, _ in shown] == [key for key in glossary.REGION_METRICS if key in snapshot.result["metrics"]]
    assert ("density", "Density") in shown and ("ei_location", "E-I index, inside / external") in shown
    assert glossary.REGION_METRICS["mean_constraint"].meaning in metrics
    assert 'title="Constraint"' not in page and f'title="{glossary.ACTOR_COLUMNS["constraint"].meaning}"' in page
    assert "<h3" in page and "Coordination regime: <span" in page
    coverage = page[page.index('id="analysis-coverage"') :]
    interviewed = re.search(
        r'id="coverage-interviewed_actor_ids"><th scope="row">Interviewed</th><td>([^<]*)<', coverage
    )
    assert interviewed.group(1) == network["researcher"].name  # names, not database ids


def test_bad_layer_and_wave_are_explained(client, network, region, alice, other_study):
    foreign_wave = factories.WaveFactory(region=factories.RegionFactory(study=other_study))
    client.force_login(alice)
    response = client.get(
        reverse("analysis:region", args=[region.pk]), {"layer": "friendship", "wave": foreign_wave.pk}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Unknown layer" in page and "not part of this region" in page


def test_query_count_is_bounded(client, region, alice, django_assert_max_num_queries):
    actors = [factories.OrganisationFactory(region=region) for _ in range(120)]
    for i, source in enumerate(actors):
        for target in actors[i + 1 : i + 3]:
            factories.InteractionFactory(region=region, source=source, target=target)
    _computed(region)
    client.force_login(alice)
    # 14, the stored layout (coding/layout), every actor's category under each Colour-by attribute
    # (coding/colour_by) and the parts of the result the page reads, cut out by the database
    # (coding/worker/snapshot_parts; none when they are cached)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("analysis:region", args=[region.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("data-actor=") == 50  # one page of the table (actor_table)
    with django_assert_max_num_queries(6):
        status = client.get(reverse("analysis:region-status", args=[region.pk])).json()
    assert status["status"] == "ok"


def test_a_run_lost_with_its_worker_is_not_shown_as_computing(client, network, region, alice):
    _computed(region)
    tie = network["ties"][1]
    tie.rating_time = 2
    tie.save()
    long_ago = timezone.now() - timedelta(hours=1)
    AnalysisSnapshot.objects.filter(region=region).update(status="running", started_at=long_ago)
    client.force_login(alice)
    status = client.get(reverse("analysis:region-status", args=[region.pk])).json()
    assert status["status"] == "stale"
    AnalysisSnapshot.objects.filter(region=region).update(started_at=timezone.now())
    assert client.get(reverse("analysis:region-status", args=[region.pk])).json()["status_label"] == "computing…"


def test_analysis_layer_menu_shows_words_not_keys(client, network, region, alice):
    """Review rev5: the layer menu, the classification tags, actor types and the actors of a
    classification showed internal keys and database ids."""
    # The researcher also works with their own university: university → researcher → Firm 0 is an
    # open path across groups (representative), and the spheres are science and firm, so the
    # researcher is a boundary spanner under issue 19's rule and is named in its figures.
    factories.InteractionFactory(region=region, source=network["researcher"], target=network["university"])
    _computed(region)
    client.force_login(alice)
    html = client.get(f"/regions/{region.pk}/analysis/").content.decode()
    assert ">face_to_face<" not in html
    assert ">low_threshold<" not in html
    assert '<option value="face_to_face">Face-to-face ties</option>' in html  # the value stays the key
    snapshot = AnalysisSnapshot.objects.get(region=region, wave=None, layer="all")
    records = {record["name"]: record for record in snapshot.result["classifications"]}
    club = records["club_like_core"]["label"]
    assert f'<span class="tag" data-label="{club}">{glossary.classification_label(club)}</span>' in html
    assert ">no_club_like_core<" not in html and ">industrial_district_like<" not in html
    # actor types read as their display names, in the E-I groups, the type shares and the table
    ei = _metric_cell(html, "ei_actor_type")
    assert "<caption>groups</caption>" in ei and '<th scope="row">Firm: SME</th>' in ei and "firm_sme" not in ei
    shares = _metric_cell(html, "actor_type_shares")
    assert '<th scope="row">Firm: SME</th>' in shares
    assert '<td data-value="firm_sme">Firm: SME</td>' in html
    # the thresholds keep the names of the settings
    assert "district_min_sme_share = 0.6" in html
    # a classification's actor ids read as names
    spanners = html[html.index('id="classification-boundary_spanners"') :]
    spanners = spanners[: spanners.index("</div>")]
    assert f"spanners = {network['researcher'].name} (firm, science; 2 crossing roles)" in spanners


def test_coopetition_pairs_name_their_actors(client, network, region, alice):
    tie = network["ties"][0]
    factories.InteractionFactory(
        region=region, source=tie.source, target=tie.target, mode_cooperation=False, mode_rivalry=True
    )
    _computed(region)
    client.force_login(alice)
    html = client.get(f"/regions/{region.pk}/analysis/").content.decode()
    regime = html[html.index('id="classification-coordination_regime"') :]
    figures = re.search(r"coopetition pairs = ([^;<]*)", regime).group(1)
    assert tie.source.name in figures and tie.target.name in figures, figures
    assert "actors:" not in figures
