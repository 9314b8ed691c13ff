"""Change between waves on the analysis page, the comparison, the API and the tables.

The region: firms A, B, C, D and E. Wave 1 (January): A–B, B–C. Wave 2 (April): A–B, C–D.
Wave 3 (July): C–D, D–E. Hand-computed steps (a tie = an actor pair with a coded tie of the wave):
  1 → 2: formed C–D; persisted A–B; dissolved B–C. Jaccard 1/3. Present in 1: A B C; in 2: A B C D.
         Entering D; leaving none.
  2 → 3: formed D–E; persisted C–D; dissolved A–B. Jaccard 1/3. Entering E; leaving A, B.
  1 → 3 (a chosen pair): formed C–D, D–E; dissolved A–B, B–C; Jaccard 0/4 = 0.
         Entering D, E; leaving A, B.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from tests import factories


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _section(page: str) -> str:
    return page[page.index('id="wave-change"') :]


def _cells(section: str, step: str) -> dict[str, str]:
    row = section[section.index(f'data-step="{step}"') :]
    row = row[: row.index("</tr>")]
    found = {}
    for figure in ("formed", "persisted", "dissolved", "jaccard", "entering", "leaving"):
        start = row.index(f'data-figure="{figure}">') + len(f'data-figure="{figure}">')
        found[figure] = row[start : row.index("<", start)]
    return found


def test_page_shows_each_consecutive_step_by_hand(client, region, waves, carol):
    client.force_login(carol)  # viewers read it
    page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    section = _section(page)
    jan, apr, jul = waves["january"].pk, waves["april"].pk, waves["july"].pk
    assert _cells(section, f"{jan}-{apr}") == {
        "formed": "1", "persisted": "1", "dissolved": "1", "jaccard": "0.333", "entering": "1", "leaving": "0",
    }  # fmt: skip
    assert _cells(section, f"{apr}-{jul}") == {
        "formed": "1", "persisted": "1", "dissolved": "1", "jaccard": "0.333", "entering": "1", "leaving": "2",
    }  # fmt: skip
    assert f'data-step="{jan}-{jul}"' not in section  # not consecutive


def test_chosen_pair_lists_ties_linked_to_their_evidence_and_actors(client, region, waves, alice):
    client.force_login(alice)
    jan, jul = waves["january"], waves["july"]
    page = client.get(reverse("analysis:region", args=[region.pk]), {"from": jan.pk, "to": jul.pk}).content.decode()
    section = _section(page)
    assert "January → July" in section
    formed = section[section.index('id="wave-change-formed"') : section.index('id="wave-change-dissolved"')]
    for pair in ("CD", "DE"):
        assert reverse("coding:interaction-detail", args=[waves["ties"][("July", pair)].pk]) in formed
    dissolved = section[section.index('id="wave-change-dissolved"') : section.index('id="wave-change-persisted"')]
    for pair in ("AB", "BC"):
        assert reverse("coding:interaction-detail", args=[waves["ties"][("January", pair)].pk]) in dissolved
    entering = section[section.index('id="wave-change-entering"') : section.index('id="wave-change-leaving"')]
    leaving = section[section.index('id="wave-change-leaving"') : section.index('id="wave-change-actors"')]
    firms = waves["firms"]
    assert "Firm D" in entering and "Firm E" in entering and "Firm A" not in entering
    assert reverse("cases:actor-detail", args=[firms["A"].pk]) in leaving and "Firm B" in leaving
    assert "Jaccard similarity 0." in section  # 0 of 4 pairs persisted
    assert 'id="wave-change-data"' in section and "wave_change.js" in page


def test_a_bad_pair_is_explained_and_nothing_breaks(client, region, waves, alice, other_study):
    foreign = factories.WaveFactory(region=factories.RegionFactory(study=other_study))
    client.force_login(alice)
    url = reverse("analysis:region", args=[region.pk])
    for query, message in (
        ({"from": foreign.pk, "to": waves["july"].pk}, "is not a wave of this region"),
        ({"from": waves["july"].pk}, "“to” is missing"),
        ({"from": waves["july"].pk, "to": waves["july"].pk}, "two different waves"),
        ({"from": "x", "to": "1"}, "is not a wave of this region"),
    ):
        response = client.get(url, query)
        assert response.status_code == 400 and message in response.content.decode()


def test_no_section_with_a_single_wave(client, region, alice):
    wave = factories.WaveFactory(region=region)
    factories.InteractionFactory(region=region, wave=wave)
    _computed(region)
    client.force_login(alice)
    assert 'id="wave-change"' not in client.get(reverse("analysis:region", args=[region.pk])).content.decode()


def _seed(region, n_waves: int, n_actors: int) -> None:
    actors = [factories.OrganisationFactory(region=region) for _ in range(n_actors)]
    for w in range(n_waves):
        wave = factories.WaveFactory(region=region, start=dt.date(2020 + w, 1, 1), end=None)
        for i, source in enumerate(actors):
            factories.InteractionFactory(region=region, wave=wave, source=source, target=actors[(i + w + 1) % n_actors])
    _computed(region)


@pytest.mark.parametrize("n_waves, n_actors", [(2, 5), (4, 40)])
def test_query_count_does_not_grow(client, region, alice, n_waves, n_actors, django_assert_max_num_queries):
    _seed(region, n_waves, n_actors)
    client.force_login(alice)
    with django_assert_max_num_queries(18):  # the page's 15 (with the stored layout) and the section's 3
        response = client.get(reverse("analysis:region", args=[region.pk]))
    assert response.status_code == 200 and response.content.decode().count("data-step=") == n_waves - 1
    api = APIClient()
    api.force_authenticate(alice)
    with django_assert_max_num_queries(8):
        response = api.get(reverse("api:region-change", args=[region.pk]))
    assert response.status_code == 200 and len(response.json()["steps"]) == n_waves - 1


# --- API -------------------------------------------------------------------------------------


def test_api_gives_steps_and_the_chosen_pair_by_hand(region, waves, carol):
    api = APIClient()
    api.force_authenticate(carol)
    jan, apr, jul = waves["january"], waves["april"], waves["july"]
    body = api.get(reverse("api:region-change", args=[region.pk]), {"from": jan.pk, "to": jul.pk}).json()
    assert [(s["from_wave"]["label"], s["to_wave"]["label"]) for s in body["steps"]] == [
        ("January", "April"),
        ("April", "July"),
    ]
    assert body["steps"][0]["summary"] == {
        "formed": 1, "persisted": 1, "dissolved": 1, "jaccard": pytest.approx(1 / 3), "entering": 1, "leaving": 0,
    }  # fmt: skip
    chosen = body["chosen"]
    firms = {name: firm.pk for name, firm in waves["firms"].items()}
    assert chosen["summary"]["jaccard"] == 0 and chosen["summary"]["formed"] == 2
    assert sorted(chosen["entering"]) == sorted([firms["D"], firms["E"]])
    assert sorted(chosen["leaving"]) == sorted([firms["A"], firms["B"]])
    actors = {actor["id"]: actor for actor in chosen["actors"]}
    # Firm C: degree 1 in January (B), 1 in July (D); Firm D: 0 in January, 2 in July (C, E).
    assert actors[firms["D"]]["from"]["degree"] == 0 and actors[firms["D"]]["to"]["degree"] == 2
    assert actors[firms["D"]]["change"]["degree"] == 2
    # The step April → July on the cooperation layer is the same here (every tie is cooperation).
    coop = api.get(reverse("api:region-change", args=[region.pk]), {"layer": "cooperation"}).json()
    assert coop["steps"][1]["summary"]["leaving"] == 2 and coop["chosen"] is None
    assert apr.pk == coop["steps"][1]["from_wave"]["id"]


def test_api_refuses_bad_input_naming_it(region, waves, alice, other_study):
    api = APIClient()
    api.force_authenticate(alice)
    url = reverse("api:region-change", args=[region.pk])
    foreign = factories.WaveFactory(region=factories.RegionFactory(study=other_study))
    response = api.get(url, {"layer": "friendship"})
    assert response.status_code == 400 and "layer" in response.json()
    response = api.get(url, {"from": foreign.pk, "to": waves["july"].pk})
    assert response.status_code == 400 and "not a wave of this region" in response.json()["from"][0]
    response = api.get(url, {"from": "abc", "to": waves["july"].pk})
    assert response.status_code == 400 and "from" in response.json()


def test_api_access(region, waves, carol, mallory):
    url = reverse("api:region-change", args=[region.pk])
    assert APIClient().get(url).status_code in (401, 403)
    api = APIClient()
    api.force_authenticate(mallory)
    assert api.get(url).status_code == 404
    assert api.get(reverse("api:region-change", args=["x1"])).status_code == 404
    api.force_authenticate(carol)
    assert api.get(url).status_code == 200
    assert api.post(url, {}).status_code == 405


# --- Comparison and tables -----------------------------------------------------------------


def test_comparison_has_a_row_per_step_of_the_picked_waves(client, study, region, waves, carol):
    client.force_login(carol)
    jan, apr, jul = waves["january"], waves["april"], waves["july"]
    query = {"region": [region.pk], "wave": [jul.pk, jan.pk]}  # April left out: January → July is one step
    page = client.get(reverse("comparison:page", args=[study.pk]), query).content.decode()
    table = page[page.index('id="comparison-wave-steps"') :]
    table = table[: table.index("</table>")]
    assert f'data-step="{jan.pk}-{jul.pk}"' in table and f'data-step="{jan.pk}-{apr.pk}"' not in table
    # formed 2, persisted 0, dissolved 2, Jaccard 0, entering 2, leaving 2
    assert "<td>2</td><td>0</td><td>2</td><td>0.000</td><td>2</td><td>2</td>" in table
    page = client.get(reverse("comparison:page", args=[study.pk]), {"region": [region.pk], "by_wave": "1"})
    assert page.content.decode().count('data-step="') == 2


def test_tie_changes_table_by_hand(client, region, waves, carol):
    client.force_login(carol)
    url = reverse("exports:region-table", kwargs={"pk": region.pk, "table": "tie_changes", "extension": "csv"})
    body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    rows = [row for row in csv.DictReader(io.StringIO(body)) if row["layer"] == "all"]
    got = sorted((row["from_wave"], row["to_wave"], row["source"], row["target"], row["change"]) for row in rows)
    assert got == sorted(
        [
            ("January", "April", "Firm A", "Firm B", "persisted"),
            ("January", "April", "Firm B", "Firm C", "dissolved"),
            ("January", "April", "Firm C", "Firm D", "formed"),
            ("April", "July", "Firm A", "Firm B", "dissolved"),
            ("April", "July", "Firm C", "Firm D", "persisted"),
            ("April", "July", "Firm D", "Firm E", "formed"),
        ]
    )
    dissolved = next(row for row in rows if row["change"] == "dissolved" and row["from_wave"] == "April")
    assert dissolved["from_tie_ids"] == str(waves["ties"][("April", "AB")].pk) and dissolved["to_tie_ids"] == ""
    assert float(dissolved["jaccard"]) == pytest.approx(1 / 3)


def _table_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_tie_changes_table_queries_do_not_grow(client, study, region, carol, extension):
    client.force_login(carol)
    url = reverse("exports:study-table", kwargs={"pk": study.pk, "table": "tie_changes", "extension": extension})
    _seed(region, 2, 4)
    few = _table_queries(client, url + "?pseudonymised=1")
    other = factories.RegionFactory(study=study)
    _seed(other, 4, 30)
    assert _table_queries(client, url + "?pseudonymised=1") == few


def test_tie_changes_table_through_the_api_for_members_only(region, waves, carol, mallory):
    url = reverse("api:region-table", kwargs={"pk": region.pk, "table": "tie_changes", "extension": "csv"})
    api = APIClient()
    api.force_authenticate(mallory)
    assert api.get(url).status_code == 404
    api.force_authenticate(carol)
    response = api.get(url)
    assert response.status_code == 200 and b"dissolved" in b"".join(response.streaming_content)
