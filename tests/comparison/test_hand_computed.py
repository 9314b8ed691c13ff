"""The comparison of a small two-region study against figures computed by hand (see conftest.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.comparison import selectors
from coding.comparison import table as comparison
from coding.comparison.rows import Comparison

pytestmark = pytest.mark.django_db


def _table(alpha, beta) -> Comparison:
    columns = selectors.comparison_columns([(alpha["region"], None), (beta["region"], None)], "all")
    return comparison.compare(columns)


def _values(table: Comparison, key: str) -> list:
    row = table.row(key)
    assert row is not None, key
    return [cell.value for cell in row.cells]


def _texts(table: Comparison, key: str) -> list[str]:
    return [cell.text for cell in table.row(key).cells]


def test_graph_metrics_match_the_hand_computation(computed):
    alpha, beta = computed
    table = _table(alpha, beta)
    assert [column.status for column in table.columns] == ["ok", "ok"]
    assert _values(table, "metrics.actors") == [6, 5]
    assert _values(table, "metrics.ties") == [5, 4]
    # density: 5 of 6·5/2 = 15 pairs; 4 of 10
    assert _values(table, "metrics.density") == pytest.approx([1 / 3, 0.4])
    assert _texts(table, "metrics.density") == ["0.333", "0.400"]
    # Alpha: P is an isolate, so 2 components and the largest holds 5 of 6
    assert _values(table, "metrics.components") == [2, 1]
    assert _values(table, "metrics.largest_component_share") == pytest.approx([5 / 6, 1.0])
    # Alpha: one triangle F1-F2-F3, connected triples Σ C(k, 2) = 3 + 1 + 1 + 1 = 6 → 3·1/6; Beta: none
    assert _values(table, "metrics.transitivity") == pytest.approx([0.5, 0.0])
    assert _values(table, "metrics.mean_degree") == pytest.approx([10 / 6, 8 / 5])
    # Blau over actor types: Alpha 3 SME, 2 university (U and P), 1 politics; Beta 1, 2, 1, 1
    assert _values(table, "metrics.blau_actor_type") == pytest.approx(
        [1 - (3 / 6) ** 2 - (2 / 6) ** 2 - (1 / 6) ** 2, 1 - 3 * (1 / 5) ** 2 - (2 / 5) ** 2]
    )
    # E-I inside/external: Alpha M–U crosses, 4 inside → (1 − 4)/5; Beta R–E crosses, 3 inside
    assert _values(table, "metrics.ei_location.index") == pytest.approx([-0.6, -0.5])
    # E-I over actor types: Alpha U–F1, M–U across, the triangle inside → (2 − 3)/5; Beta all across
    assert _values(table, "metrics.ei_actor_type.index") == pytest.approx([-0.2, 1.0])
    # Strong share over the rated ties: Alpha 1 of 2; Beta has none rated
    assert _values(table, "metrics.strong_tie_share") == [0.5, None]
    assert _values(table, "metrics.face_to_face_share") == pytest.approx([0.2, 0.0])


def test_mixes_composition_and_coverage_match_the_hand_computation(computed):
    alpha, beta = computed
    table = _table(alpha, beta)
    # Coordination: share of the layer's ties with each mode
    assert _values(table, "coordination.cooperation") == pytest.approx([4 / 5, 2 / 4])
    assert _texts(table, "coordination.cooperation") == ["80% (4)", "50% (2)"]
    assert _values(table, "coordination.competition") == pytest.approx([1 / 5, 0.0])
    assert _values(table, "coordination.rivalry") == pytest.approx([1 / 5, 1 / 4])
    assert _values(table, "coordination.conflict") == pytest.approx([0.0, 1 / 4])
    assert _values(table, "coordination.coopetition_pairs") == [1, 0]  # F1–F3
    # Grabher: Alpha F1–F2 communality, F2–F3 sociality (2 of 5 typed); Beta two connectivity ties of 4
    assert _values(table, "grabher.typed") == pytest.approx([2 / 5, 2 / 4])
    assert _values(table, "grabher.communality") == pytest.approx([0.5, 0.0])
    assert _values(table, "grabher.sociality") == pytest.approx([0.5, 0.0])
    assert _values(table, "grabher.connectivity") == pytest.approx([0.0, 1.0])
    # issue 19: a mix needs five typed ties; Alpha has 2, Beta 2, so neither names one
    assert _values(table, "classifications.grabher_mix") == ["undetermined", "undetermined"]
    # Actor types (persons with their organisation's type)
    assert _texts(table, "actor_types.firm_sme") == ["50% (3)", "0% (0)"]
    assert _texts(table, "actor_types.university") == ["33% (2)", "0% (0)"]
    assert _texts(table, "actor_types.firm_large") == ["0% (0)", "40% (2)"]
    # Inside / external (quasi-external counts as external)
    assert _values(table, "location.inside") == pytest.approx([5 / 6, 4 / 5])
    assert _values(table, "location.external") == pytest.approx([1 / 6, 1 / 5])
    # Coverage: Alpha interviewed F1 and P; Beta W, R and E
    assert _texts(table, "coverage.interviewed_share") == ["33% (2)", "60% (3)"]
    assert _texts(table, "coverage.external_interviewed") == ["0% (0)", "100% (1)"]
    assert _values(table, "coverage.type.university") == ["interviewed", "absent"]
    assert _values(table, "coverage.type.politics") == ["not interviewed", "absent"]
    assert _values(table, "coverage.type.firm_startup") == ["absent", "not interviewed"]
    assert _values(table, "coverage.level.apprentice") == ["interviewed", "absent"]
    assert _values(table, "coverage.level.works_council") == ["absent", "interviewed"]
    assert _values(table, "coverage.level.executive") == ["absent", "absent"]


def test_differences_are_marked_by_the_stated_rule(computed):
    alpha, beta = computed
    table = _table(alpha, beta)
    density = table.row("metrics.density")
    assert density.differs and [cell.mark for cell in density.cells] == ["low", "high"]
    assert density.spread == pytest.approx(0.4 - 1 / 3)
    cooperation = table.row("coordination.cooperation")
    assert [cell.mark for cell in cooperation.cells] == ["high", "low"] and cooperation.spread_text == "30 pp"
    executive = table.row("coverage.level.executive")
    assert not executive.differs and [cell.mark for cell in executive.cells] == ["", ""]
    # Two different labels and no majority: both stand out
    assert [cell.mark for cell in table.row("coverage.type.politics").cells] == ["differs", "differs"]
    # The strong share is undefined for Beta: nothing to compare it with
    assert not table.row("metrics.strong_tie_share").differs


def test_the_page_shows_the_hand_computed_figures_with_their_evidence(client, alice, study, computed):
    alpha, beta = computed
    client.force_login(alice)
    response = client.get(reverse("comparison:page", args=[study.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for region in (alpha["region"], beta["region"]):
        assert f'data-column="r{region.pk}"' in page
    assert '<tr data-row="metrics.density" class="differs">' in page
    assert ">0.333</a>" in page and ">0.400</a>" in page
    assert ">80% (4)</a>" in page
    cooperation = f"/studies/{study.pk}/interactions/?region={alpha['region'].pk}&amp;mode=cooperation"
    assert cooperation in page
    assert f"/regions/{alpha['region'].pk}/analysis/?layer=all#metric-density" in page
    assert f"/regions/{beta['region'].pk}/actors/?hierarchy_level=works_council" in page


def test_concept_rows_match_the_hand_computation(computed):
    alpha, beta = computed
    table = _table(alpha, beta)
    # Alpha's rated contacts: F1–F2 strong (all ratings 4), F2–F3 weak (all 1 → 0.25 < 0.5); the
    # rest unrated. F1 strong only, F3 weak only, F2 both → 1 of 3. Beta rates no tie → undefined.
    assert _values(table, "concepts.weak_and_strong") == [pytest.approx(1 / 3), None]
    assert _texts(table, "concepts.weak_and_strong") == ["33% (1 of 3)", "—"]
    # Alpha: ministry M (external) → U → F1 (M–F1 not tied): U is the one regional gatekeeper.
    # Beta: community E (quasi-external) → R → G2 (not tied to E): R is.
    assert _values(table, "concepts.regional_gatekeepers") == [1, 1]
    # No spin-offs and no waves in either region: nothing to compare.
    assert _values(table, "concepts.spin_offs_cooperating") == [None, None]
    assert _values(table, "concepts.low_threshold_to_cooperation") == [None, None]


def test_the_coordination_mix_counts_each_tie_once_and_adds_up_to_all_ties(computed):
    """Issue 16: the mode shares above pass 100 % together (a tie with two modes counts twice); the
    mix the chart stacks puts each tie in one category only.

    Alpha, 5 ties: F1–F2, F2–F3, U–F1 cooperation only (3); M–U competition only (1); F1–F3
    cooperation and rivalry (several, 1). Beta, 4 ties: G2–R, R–E cooperation only (2); G1–G2
    rivalry only (1); W–G1 conflict only (1).
    """
    alpha, beta = computed
    table = _table(alpha, beta)
    expected = {
        "cooperation_only": [3 / 5, 2 / 4],
        "competition_only": [1 / 5, 0.0],
        "rivalry_only": [0.0, 1 / 4],
        "conflict_only": [0.0, 1 / 4],
        "several_modes": [1 / 5, 0.0],
        "no_mode": [0.0, 0.0],
    }
    for category, shares in expected.items():
        assert _values(table, f"coordination_mix.{category}") == pytest.approx(shares), category
    assert _texts(table, "coordination_mix.several_modes") == ["20% (1)", "0% (0)"]
    mix = [_values(table, f"coordination_mix.{category}") for category in expected]
    assert [sum(column) for column in zip(*mix, strict=True)] == pytest.approx([1.0, 1.0])
    # whereas the per-mode shares of Alpha add up to 4/5 + 1/5 + 1/5 = 120 %
    modes = [
        _values(table, f"coordination.{mode}")[0] for mode in ("cooperation", "competition", "rivalry", "conflict")
    ]
    assert sum(modes) == pytest.approx(6 / 5)


def test_the_coordination_chart_stacks_the_mix_and_says_so(computed, client, alice):
    from coding.comparison import charts as comparison_charts

    alpha, beta = computed
    series = comparison_charts.chart_series(_table(alpha, beta))["coordination"]
    assert series["labels"] == [
        "Cooperation only", "Competition only", "Rivalry only", "Conflict only", "Several modes", "No mode",
    ]  # fmt: skip
    assert series["values"][0] == pytest.approx([3 / 5, 2 / 4])
    client.force_login(alice)
    url = reverse("comparison:page", args=[alpha["region"].study_id])
    page = client.get(url).content.decode()
    assert "Coordination mix: each tie once, by one mode only or several (adds up to 100 %)" in page
    figure = page[page.index('id="figure-chart-coordination"') : page.index('id="figure-chart-actor-types"')]
    assert "<template data-chart-svg><svg" in figure  # the SVG download, drawn on the server
    # its text alternative: the same shares as a table
    assert '<th scope="row">Several modes</th><td>20.0 %</td><td>0.0 %</td>' in figure
