"""Change between waves (``coding.analysis.change``) against small cases computed by hand."""

from __future__ import annotations

import pytest

from coding.analysis.change import DISSOLVED, FORMED, PERSISTED, consecutive_steps, wave_change
from coding.analysis.inputs import Tie
from tests.analysis.helpers import derive, org

A, B = 10, 20  # wave ids


def _two_waves() -> tuple[dict, dict]:
    """Wave A: the path 1-2-3-4 and a self-tie of 5. Wave B: 1-2 (coded twice), 2-3, 2-4, 4-5.

    Actor 6 has no tie in either wave.
    """
    actors = [org(actor_id) for actor_id in range(1, 7)]
    ties = [
        Tie(id=1, source=1, target=2, wave_id=A),
        Tie(id=2, source=2, target=3, wave_id=A),
        Tie(id=3, source=3, target=4, wave_id=A),
        Tie(id=4, source=5, target=5, wave_id=A),
        Tie(id=5, source=2, target=1, wave_id=B),
        Tie(id=6, source=1, target=2, wave_id=B, directed=True),
        Tie(id=7, source=3, target=2, wave_id=B),
        Tie(id=8, source=2, target=4, wave_id=B),
        Tie(id=9, source=4, target=5, wave_id=B),
    ]
    return derive(actors, ties, wave_id=A), derive(actors, ties, wave_id=B)


def test_ties_formed_persisted_and_dissolved_by_hand():
    # Pairs of A: {1,2} {2,3} {3,4} (5-5 is a self-tie: no structure, left out).
    # Pairs of B: {1,2} {2,3} {2,4} {4,5}.
    # Formed = B \ A = {2,4} {4,5}; persisted = A ∩ B = {1,2} {2,3}; dissolved = A \ B = {3,4}.
    change = wave_change(*_two_waves())
    assert [(t.source, t.target) for t in change.of(FORMED)] == [(2, 4), (4, 5)]
    assert [(t.source, t.target) for t in change.of(PERSISTED)] == [(1, 2), (2, 3)]
    assert [(t.source, t.target) for t in change.of(DISSOLVED)] == [(3, 4)]
    # The pair 1-2 is one tie of B although coded twice (ties 5 and 6, one of them directed).
    persisted = {(t.source, t.target): t for t in change.of(PERSISTED)}
    assert persisted[(1, 2)].before_tie_ids == (1,) and persisted[(1, 2)].after_tie_ids == (5, 6)
    assert [t.before_tie_ids for t in change.of(DISSOLVED)] == [(3,)]


def test_jaccard_entering_and_leaving_by_hand():
    # Jaccard = |A ∩ B| / |A ∪ B| = 2 / (2 + 2 + 1) = 0.4.
    # Present in A (a tie other than a self-tie): 1 2 3 4; in B: 1 2 3 4 5; 6 in neither.
    # Entering = {5}; leaving = {} .
    change = wave_change(*_two_waves())
    assert change.summary() == {
        "formed": 2,
        "persisted": 2,
        "dissolved": 1,
        "jaccard": pytest.approx(0.4),
        "entering": 1,
        "leaving": 0,
    }
    assert change.entering == [5] and change.leaving == []
    assert 6 not in {actor.actor_id for actor in change.actors}


def test_per_actor_degree_betweenness_and_constraint_by_hand():
    # Actor 2. A: neighbours 1, 3 -> degree 2; B: 1, 3, 4 -> degree 3; change +1.
    # Betweenness (pairs whose every shortest path runs through 2):
    #   A (path 1-2-3-4): {1,3} {1,4} -> 2.  B: {1,3} {1,4} {1,5} {3,4} {3,5} -> 5. Change +3.
    # Burt's constraint, unweighted, contacts not tied to each other: c = sum over contacts of (1/n)^2.
    #   A: 2 contacts -> 2 * 1/4 = 0.5.  B: 3 contacts -> 3 * 1/9 = 1/3.  Change -1/6.
    # Actor 3. A: neighbours 2, 4 -> degree 2, B: 2 -> degree 1 (change -1); a pendant's constraint is 1.
    change = wave_change(*_two_waves())
    actors = {actor.actor_id: actor for actor in change.actors}
    two = actors[2]
    assert (two.before["degree"], two.after["degree"], two.delta["degree"]) == (2, 3, 1)
    assert two.before["betweenness"] == pytest.approx(2) and two.after["betweenness"] == pytest.approx(5)
    assert two.delta["betweenness"] == pytest.approx(3)
    assert two.before["constraint"] == pytest.approx(0.5) and two.after["constraint"] == pytest.approx(1 / 3)
    assert two.delta["constraint"] == pytest.approx(-1 / 6)
    three = actors[3]
    assert (three.before["degree"], three.after["degree"], three.delta["degree"]) == (2, 1, -1)
    assert three.after["constraint"] == pytest.approx(1.0)
    # Actor 5 was an isolate in A (its self-tie carries no structure): constraint undefined, so no change.
    assert actors[5].before["degree"] == 0 and actors[5].delta["constraint"] is None


def test_brokerage_roles_change_is_after_minus_before():
    # Two hand-written results: actor 1 gatekeeper 2 -> 0 and liaison 0 -> 3 (total 2 -> 3).
    before = {
        "actors": [{"id": 1, "name": "x", "brokerage_gatekeeper": 2, "brokerage_liaison": 0, "brokerage_total": 2}],
        "ties": [{"source": 1, "target": 2, "tie_ids": [1]}],
    }
    after = {
        "actors": [{"id": 1, "name": "x", "brokerage_gatekeeper": 0, "brokerage_liaison": 3, "brokerage_total": 3}],
        "ties": [{"source": 2, "target": 1, "tie_ids": [2]}],
    }
    change = wave_change(before, after)
    (actor, _two) = change.actors if change.actors[0].actor_id == 1 else change.actors[::-1]
    assert actor.delta["brokerage_gatekeeper"] == -2 and actor.delta["brokerage_liaison"] == 3
    assert actor.delta["brokerage_total"] == 1
    # The same pair written the other way round persists: Jaccard 1/1.
    assert change.counts == {FORMED: 0, PERSISTED: 1, DISSOLVED: 0} and change.jaccard == 1.0


def test_jaccard_is_undefined_when_neither_wave_has_a_tie():
    change = wave_change({"actors": [], "ties": []}, {"actors": [], "ties": []})
    assert change.jaccard is None and change.summary()["formed"] == 0


def test_consecutive_steps_follow_the_given_order():
    assert consecutive_steps([3, 1, 2]) == [(3, 1), (1, 2)]
    assert consecutive_steps([7]) == []
