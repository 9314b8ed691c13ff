"""Club-like core: Borgatti & Everett's core/periphery fit, the core's E-I, rivalry and club goods
(docs/classifications/club_like_core.md), on hand-built networks with the answers derived here.

The fit is checked against the standard library's Pearson correlation (``statistics.correlation``)
over every partition (an independent reference), the search against brute force.
"""

from __future__ import annotations

import itertools
import random
import statistics

import pytest

from coding.analysis.coreperiphery import EXHAUSTIVE_LIMIT, _local, best_core, partition_fit
from coding.analysis.inputs import OutcomeInput, Tie
from coding.analysis.message import render
from tests.analysis.helpers import derive, org, person

TRUSTED = {"modes": frozenset({"cooperation"}), "trust_basis": "commitment"}


def _trusted(tie_id: int, a: int, b: int) -> Tie:
    return Tie(id=tie_id, source=a, target=b, **TRUSTED)  # type: ignore[arg-type]


def _club(actors: list, ties: list[Tie], outcomes: list[OutcomeInput] = ()) -> dict:  # type: ignore[assignment]
    result = derive(actors, ties, outcomes)
    (record,) = [r for r in result["classifications"] if r["name"] == "club_like_core"]
    return record


def _reference_fit(n: int, edges: set[frozenset[int]], core: set[int]) -> float | None:
    """Pearson correlation of observed and ideal over core-core and periphery-periphery pairs."""
    observed, ideal = [], []
    for a, b in itertools.combinations(range(n), 2):
        if (a in core) != (b in core):
            continue  # core-periphery pairs are left free in this model
        observed.append(1.0 if frozenset((a, b)) in edges else 0.0)
        ideal.append(1.0 if a in core else 0.0)
    if len(set(observed)) < 2 or len(set(ideal)) < 2:
        return None
    return statistics.correlation(observed, ideal)


def _neighbours(n: int, edges: set[frozenset[int]]) -> list[set[int]]:
    out: list[set[int]] = [set() for _ in range(n)]
    for edge in edges:
        a, b = tuple(edge)
        out[a].add(b)
        out[b].add(a)
    return out


def test_the_fit_of_a_partition_is_the_correlation_with_the_ideal_pattern() -> None:
    # Triangle 0-1-2 and edge 3-4. Core {0, 1}: core pair 0-1 tied (x=1, y=1); periphery pairs
    # 2-3, 2-4 untied, 3-4 tied (x=0). x = [1,0,0,0], y = [1,0,0,1]:
    # r = (4·1 − 1·2) / sqrt(1·3·2·2) = 2 / sqrt(12) = 0.5774.
    edges = {frozenset(e) for e in [(0, 1), (1, 2), (0, 2), (3, 4)]}
    core_edges, degree_sum = 1, 4  # edge 0-1; degrees of 0 and 1 are 2 each
    assert partition_fit(5, 4, 2, core_edges, degree_sum) == pytest.approx(2 / 12**0.5)
    assert _reference_fit(5, edges, {0, 1}) == pytest.approx(2 / 12**0.5)


def test_exhaustive_search_agrees_with_brute_force_over_pearson_correlations() -> None:
    rng = random.Random(7)
    for _ in range(20):
        n = rng.randint(4, 9)
        edges = {frozenset(pair) for pair in itertools.combinations(range(n), 2) if rng.random() < 0.4}
        neighbours = _neighbours(n, edges)
        candidates = [v for v in range(n) if neighbours[v]]
        fits = [
            (fit, core)
            for size in range(1, len(candidates) + 1)
            for core in map(set, itertools.combinations(candidates, size))
            if (fit := _reference_fit(n, edges, core)) is not None
        ]
        result = best_core(n, neighbours)
        if not fits:
            assert result.fit is None
            continue
        best = max(fit for fit, _ in fits)
        assert result.fit == pytest.approx(best)
        assert _reference_fit(n, edges, set(result.core)) == pytest.approx(best)
        assert result.search == "exhaustive"


def test_local_search_finds_a_planted_core_beyond_the_exhaustive_limit() -> None:
    # A clique of 6 (0..5) and 14 periphery actors, each tied to one or two core members and to no
    # other periphery actor: a perfect core/periphery graph (fit 1). 20 candidates > the limit.
    core = set(range(6))
    edges = {frozenset(pair) for pair in itertools.combinations(core, 2)}
    for v in range(6, 20):
        edges.add(frozenset((v, v % 6)))
        if v % 2:
            edges.add(frozenset((v, (v + 1) % 6)))
    neighbours = _neighbours(20, edges)
    assert sum(1 for v in range(20) if neighbours[v]) > EXHAUSTIVE_LIMIT
    result = best_core(20, neighbours)
    assert result.search == "local"
    assert set(result.core) == core
    assert result.fit == pytest.approx(1.0)
    assert _local(20, neighbours, list(range(20))).core == tuple(sorted(core))


def test_a_closed_trusted_core_with_an_internal_club_good_is_club_like() -> None:
    # Trusted ties: clique 1-2-3-4 (6 pairs) and 1-5, 2-6. Periphery {5, 6} has no tie inside:
    # core {1,2,3,4} fits perfectly (r = 1). Smaller cliques such as {1,2,3} also fit at 1; the
    # larger core wins the tie (B&E's core is the maximal clique).
    # Core E-I over trusted pairs: E = 2 (1-5, 2-6), I = 6 -> (2 − 6) / 8 = −0.5 < 0: closed.
    # A competition tie 1-2 among the core is reported but does not decide; no rivalry tie.
    # Outcome 1 by 1, 2, 5 (two core members, nobody external) is a club good; outcome 2 by 3, 4
    # and an external co-producer is not.
    actors = [org(i) for i in range(1, 7)] + [org(9, location="quasi_external")]
    ties = [_trusted(k + 1, a, b) for k, (a, b) in enumerate(itertools.combinations([1, 2, 3, 4], 2))]
    ties += [_trusted(10, 1, 5), _trusted(11, 2, 6), Tie(id=12, source=1, target=2, modes=frozenset({"competition"}))]
    outcomes = [OutcomeInput(1, (1, 2, 5)), OutcomeInput(2, (3, 4, 9), with_external=True)]
    record = _club(actors, ties, outcomes)
    figures = record["figures"]
    assert record["actor_ids"] == [1, 2, 3, 4]
    assert figures["core_fit"] == pytest.approx(1.0)
    assert figures["core_ei"] == -0.5
    assert figures["core_competition_ties"] == 1 and figures["core_rivalry_share"] == 0.0
    assert figures["club_good_outcome_ids"] == [1]
    assert figures["co_produced_with_external_outcome_ids"] == [2]
    assert record["label"] == "club_like_core"
    assert "the core's E-I is -0.50 (six pairs inside, two pairs to the periphery), below +0.00" in render(
        record["reason"]
    )


def test_a_facility_co_produced_with_external_actors_is_no_club_good() -> None:
    # The same closed core, but its only outcome has an EU co-producer: a closed core, no club good.
    actors = [org(i) for i in range(1, 7)] + [org(9, "politics", location="quasi_external")]
    ties = [_trusted(k + 1, a, b) for k, (a, b) in enumerate(itertools.combinations([1, 2, 3, 4], 2))]
    record = _club(actors, ties, [OutcomeInput(1, (1, 2, 3, 9), with_external=True)])
    assert record["figures"]["checks"] == {"core": True, "closed": True, "no_rivalry": True, "club_good": False}
    assert record["label"] == "closed_core_without_club_good"
    assert "one further outcome co-produced with external actors, not counted" in render(record["reason"])


def test_a_core_with_more_ties_out_than_in_is_not_closed() -> None:
    # Trusted triangle 1-2-3, each member tied to two periphery actors (4..9), periphery untied:
    # core {1,2,3} fits at 1; E = 6, I = 3 -> E-I = 3/9 = +0.33, not below 0: not closed.
    actors = [org(i) for i in range(1, 10)]
    ties = [_trusted(1, 1, 2), _trusted(2, 2, 3), _trusted(3, 1, 3)]
    ties += [_trusted(10 + v, (v - 4) // 2 + 1, v) for v in range(4, 10)]
    record = _club(actors, ties, [OutcomeInput(1, (1, 2))])
    assert record["actor_ids"] == [1, 2, 3]
    assert record["figures"]["core_ei"] == pytest.approx(1 / 3)
    assert record["figures"]["checks"]["closed"] is False
    assert record["label"] == "no_club_like_core"


def test_rivalry_inside_the_core_breaks_the_club() -> None:
    # Trusted clique 1-2-3-4 and a rivalry tie 1-2: rivalry on 1 of 7 mode-coded core ties (14 %),
    # above the default 0 %: no club-like core, though the core is closed and has a club good.
    # (Actors 5 and 6 form the periphery: with one periphery actor the fit would be undefined.)
    actors = [org(i) for i in range(1, 7)]
    ties = [_trusted(k + 1, a, b) for k, (a, b) in enumerate(itertools.combinations([1, 2, 3, 4], 2))]
    ties.append(Tie(id=20, source=1, target=2, modes=frozenset({"rivalry"})))
    record = _club(actors, ties, [OutcomeInput(1, (1, 2))])
    assert record["figures"]["core_rivalry_tie_ids"] == [20]
    assert record["figures"]["core_rivalry_share"] == pytest.approx(1 / 7)
    assert record["label"] == "no_club_like_core"
    assert "rivalry on 1 of 7 mode-coded ties (14 %) among the core, above 0 %" in render(record["reason"])


def test_a_person_and_their_own_employer_are_no_club() -> None:
    # Trusted ties only inside firm 1 (its employees 10, 11, 12 and the firm): all are left out,
    # so there is no trusted tie and no core.
    actors = [org(1)] + [person(i, affiliation_id=1) for i in (10, 11, 12)]
    ties = [_trusted(k + 1, a, b) for k, (a, b) in enumerate(itertools.combinations([1, 10, 11, 12], 2))]
    record = _club(actors, ties, [OutcomeInput(1, (1, 10))])
    assert record["figures"]["trusted_cooperative_ties"] == 0
    assert record["figures"]["core_fit"] is None
    assert record["label"] == "no_club_like_core"
