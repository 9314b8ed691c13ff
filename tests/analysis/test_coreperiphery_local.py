"""The local search of the core/periphery model (more than EXHAUSTIVE_LIMIT candidates) on graphs
whose best partition is known by construction (Borgatti & Everett 1999: an ideal pattern fits at 1)."""

from __future__ import annotations

from coding.analysis.coreperiphery import EXHAUSTIVE_LIMIT, best_core


def _graph(n: int, pairs: list[tuple[int, int]]) -> list[set[int]]:
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    return neighbours


def test_an_ideal_core_of_six_among_forty_is_found_with_fit_one():
    # A clique of 0..5; each of the 34 periphery vertices tied to one core member, none to each other.
    clique = [(a, b) for a in range(6) for b in range(a + 1, 6)]
    spokes = [(v, v % 6) for v in range(6, 40)]
    found = best_core(40, _graph(40, clique + spokes))
    assert found.search == "local" and EXHAUSTIVE_LIMIT < 40
    assert found.core == (0, 1, 2, 3, 4, 5) and abs(found.fit - 1.0) < 1e-12
