"""Stability and caveats of the classifications on hand-built networks (docs/stability.md).

The checks are generic: they re-run whatever derivation they are given. So that these tests do not
move with the classification rules (which issue 19 rewrites), most of them give the checks a
derivation with two rules written out here, whose answers are plain to see:

- "club_like_core" while all three ties of the triangle 1–2–3 are present (its members decide it),
  otherwise "no_club_like_core" (naming no actor);
- "boundary_spanners" while tie 4 (person 4 – university 5) is present (person 4 decides it),
  otherwise "no_boundary_spanners" (naming no actor);
- "actor_constellation": always "heterogeneous", whatever the ties.

So every single tie of the triangle decides the club. The last tests run the real derivation.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from coding.analysis.caveats import stability_text
from coding.analysis.derive import derive_region
from coding.analysis.inputs import ActorNode, OutcomeInput, Tie
from coding.analysis.stability import (
    annotate,
    classification_records,
    classification_stability,
    dropped_per_run,
    stability_summary,
)
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import org, person

COOPERATION = frozenset({"cooperation"})
OUTCOME = OutcomeInput(id=1, actor_ids=(1, 2))


def triangle(confidence: str = "medium") -> list[Tie]:
    return [
        Tie(id=k, source=a, target=b, modes=COOPERATION, trust_basis="competence", confidence=confidence)
        for k, (a, b) in enumerate(((1, 2), (2, 3), (1, 3)), start=1)
    ]


def firms(**interviewed: bool) -> list[ActorNode]:
    return [org(i, interviewed=interviewed.get(f"a{i}", False)) for i in (1, 2, 3)]


def checks(actors, ties, settings=None, layer="all", resampled=True) -> dict:
    settings = settings or AnalysisSettings(stability_runs=40)
    derive = partial(_derive, actors, settings, layer)
    return classification_stability(
        derive=derive, actors=actors, ties=ties, settings=settings, layer=layer, wave_id=None, resampled=resampled
    )


def _derive(actors, settings, layer, ties):
    present = {tie.id for tie in ties}
    club = {1, 2, 3} <= present
    spanner = 4 in present
    return {
        "classifications": [
            {
                "name": "club_like_core",
                "label": "club_like_core" if club else "no_club_like_core",
                "actor_ids": [1, 2, 3] if club else [],
                "tie_ids": [1, 2, 3] if club else [],
            },
            {
                "name": "boundary_spanners",
                "label": "boundary_spanners" if spanner else "no_boundary_spanners",
                "actor_ids": [4] if spanner else [],
                "tie_ids": [],
            },
            {"name": "actor_constellation", "label": "heterogeneous", "actor_ids": [], "tie_ids": []},
        ]
    }


def test_a_label_that_every_single_tie_decides_is_kept_in_no_run():
    # 3 ties, 10 %: ceil(0.3) = 1 tie dropped per run, and any one drop dissolves the core.
    entry = checks(firms(), triangle())["club_like_core"]
    assert entry["label"] == "club_like_core"
    assert entry["resampling"]["dropped_ties"] == 1
    assert entry["resampling"]["kept_runs"] == 0
    assert entry["resampling"]["label_counts"] == {"no_club_like_core": 40}
    assert entry["sentence"].startswith("kept in 0% of 40 resamples dropping 10% of ties (1 of 3)")


def test_two_labels_decided_by_complementary_ties_are_kept_in_runs_that_add_up_to_all():
    # A person and a university joined by a fourth tie: the person spans a boundary only with it,
    # the club survives only when it is the one dropped (4 ties, ceil(0.4) = 1 dropped per run).
    actors = [*firms(), person(4), org(5, org_type="university")]
    ties = [*triangle(), Tie(id=4, source=4, target=5)]
    entries = checks(actors, ties, AnalysisSettings(stability_runs=60))
    club, spanners = entries["club_like_core"]["resampling"], entries["boundary_spanners"]["resampling"]
    assert entries["boundary_spanners"]["label"] == "boundary_spanners"
    assert club["kept_runs"] + spanners["kept_runs"] == 60
    assert spanners["label_counts"].get("no_boundary_spanners", 0) == club["kept_runs"]
    assert 0 < club["kept_runs"] < 60  # one draw in four, 60 times: both happen with this seed


@pytest.mark.parametrize(
    ("pool", "share", "dropped"), [(3, 0.1, 1), (20, 0.1, 2), (15, 0.1, 2), (10, 0.25, 3), (0, 0.1, 0)]
)
def test_each_run_drops_the_share_of_the_layers_ties_rounded_up(pool, share, dropped):
    assert dropped_per_run(pool, share) == dropped


def test_the_same_seed_gives_the_same_shares_and_the_seed_is_a_setting():
    actors = [*firms(), person(4), org(5, org_type="university")]
    ties = [*triangle(), Tie(id=4, source=4, target=5)]
    first = checks(actors, ties, AnalysisSettings(stability_runs=30, stability_seed=7))
    again = checks(actors, ties, AnalysisSettings(stability_runs=30, stability_seed=7))
    assert first == again


def test_resampling_draws_only_from_the_layers_ties():
    # Layer "cooperation": the fourth tie has no mode, so the pool is the triangle alone.
    actors = [*firms(), person(4), org(5, org_type="university")]
    ties = [*triangle(), Tie(id=4, source=4, target=5)]
    entry = checks(actors, ties, layer="cooperation")["club_like_core"]
    assert entry["resampling"]["pool_ties"] == 3
    assert entry["resampling"]["kept_runs"] == 0


def test_without_the_low_confidence_tie_the_club_dissolves():
    ties = triangle()
    ties[2] = replace(ties[2], confidence="low")  # 1–3: the triangle becomes the path 1–2–3
    entries = checks(firms(), ties)
    club = entries["club_like_core"]["without_low_confidence"]
    assert club == {"low_confidence_ties": 1, "label": "no_club_like_core", "same": False}
    assert "without the 1 low-confidence tie: no club-like core" in entries["club_like_core"]["sentence"]
    # A rule that reads no tie does not move.
    assert entries["actor_constellation"]["without_low_confidence"]["same"] is True


def test_with_no_low_confidence_tie_the_label_is_not_recomputed_and_says_so():
    entry = checks(firms(), triangle())["club_like_core"]
    assert entry["without_low_confidence"] == {"low_confidence_ties": 0, "label": "club_like_core", "same": True}
    assert "no low-confidence ties" in entry["sentence"]


def test_a_label_is_tentative_when_too_few_of_its_deciding_actors_were_interviewed():
    # Deciding the club: its members 1, 2, 3. Firm 2 was interviewed, firm 1 through its
    # employee 6 (an interviewee reports the organisation's ties), firm 3 not: 2 of 3 = 67 %.
    actors = [*firms(a2=True), person(6, affiliation_id=1, interviewed=True)]
    entry = checks(actors, triangle(), resampled=False)["club_like_core"]["interviews"]
    assert (entry["deciding_actors"], entry["interviewed"], entry["not_interviewed_ids"]) == (3, 2, [3])
    assert entry["tentative"] is False  # 0.67 >= 0.5
    strict = AnalysisSettings(tentative_min_interviewed_share=0.7)
    entries = checks(actors, triangle(), strict, resampled=False)
    assert entries["club_like_core"]["interviews"]["tentative"] is True  # 0.67 < 0.7
    assert entries["club_like_core"]["sentence"].endswith("tentative: 1 of 3 deciding actors not interviewed")


def test_a_record_naming_no_actors_is_decided_by_every_actor_of_the_layers_ties():
    # Without tie 4 "no boundary spanners" names nobody, so the triangle's 3 firms decide.
    actors = [*firms(), person(6, affiliation_id=1)]
    entry = checks(actors, triangle(), resampled=False)["boundary_spanners"]
    assert entry["label"] == "no_boundary_spanners"
    assert (entry["interviews"]["deciding_actors"], entry["interviews"]["interviewed"]) == (3, 0)
    assert entry["interviews"]["tentative"] is True
    assert entry["resampling"] == {"skipped": "only the all-waves result is resampled"}


def test_records_are_found_at_any_depth_and_annotated_in_place():
    result = {
        "classifications": [{"name": "structure", "label": "closure"}],
        "levels": {"organisation": {"classifications": [{"name": "structure", "label": "brokerage"}]}},
    }
    records = classification_records(result)
    assert set(records) == {"structure", "levels.organisation.classifications:structure"}
    entry = {"sentence": "s"}
    annotate(result, {"levels.organisation.classifications:structure": entry}, {"status": "ok"})
    assert result["levels"]["organisation"]["classifications"][0]["stability"] == entry
    assert "stability" not in result["classifications"][0]
    assert result["stability"] == {"status": "ok"}


def test_the_stored_text_says_being_computed_until_the_follow_up_run_stored_it():
    result = derive_region(firms(), triangle(), [OUTCOME], AnalysisSettings())  # the real derivation
    record = next(record for record in result["classifications"] if record["name"] == "club_like_core")
    assert stability_text(result, record) == "being computed"
    settings = AnalysisSettings(stability_runs=5)
    entries = checks(firms(), triangle(), settings)
    annotate(result, entries, stability_summary(settings, resampled=True, seconds=0.1))
    assert stability_text(result, record) == entries[record["name"]]["sentence"]


@pytest.mark.parametrize(
    ("key", "value"), [("stability_runs", 0), ("stability_runs", 10_001), ("stability_drop_share", 1.5)]
)
def test_stability_settings_out_of_range_are_refused_by_name(key, value):
    with pytest.raises(ValueError, match=key):
        AnalysisSettings.from_overrides({key: value})


def test_resampling_stops_at_the_time_budget_with_the_runs_done_and_says_so(monkeypatch):
    # A clock that moves 1 s per reading. Readings: 0 at the start (deadline 0 + 2 = 2); the first
    # run starts without a reading; before run 2 the clock reads 1 < 2, so it runs; before run 3 it
    # reads 2, not < 2, so the resampling stops: 2 runs of 40 planned.
    ticks = iter(range(1000))
    monkeypatch.setattr("coding.analysis.stability.time.monotonic", lambda: next(ticks))
    settings = AnalysisSettings(stability_runs=40, stability_max_seconds=2)
    entry = checks(firms(), triangle(), settings)["club_like_core"]
    assert (entry["resampling"]["runs"], entry["resampling"]["planned_runs"]) == (2, 40)
    assert "kept in 0% of 2 resamples" in entry["sentence"]
    assert "stopped at the time limit of 40 planned" in entry["sentence"]


def test_resamples_can_be_derived_with_cheaper_settings_than_the_labels():
    # The labels come from ``derive``; every resample from ``resample_derive`` (here one that
    # always finds the club): kept in all runs although every drop breaks the triangle.
    settings = AnalysisSettings(stability_runs=10)
    entries = classification_stability(
        derive=partial(_derive, firms(), settings, "all"),
        resample_derive=lambda ties: _derive(firms(), settings, "all", triangle()),
        actors=firms(),
        ties=triangle(),
        settings=settings,
        layer="all",
        wave_id=None,
    )
    assert entries["club_like_core"]["resampling"]["kept_runs"] == 10
