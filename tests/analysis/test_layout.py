"""The stable layout's core (coding/analysis/layout.py): igraph's layout fitted into the box, the
same for the same seed, and stored actors never moved by an update.

Reference: igraph's Fruchterman–Reingold called here directly; placements of new actors worked
out by hand in each test (mean of the placed neighbours, nudged by NUDGE at the golden angle).
"""

from __future__ import annotations

import itertools
import math
import random

import igraph as ig
import pytest

from coding.analysis.layout import BOX, NUDGE, full_layout, place_new


def _random_network(actors: int, ties: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [tuple(rng.sample(range(actors), 2)) for _ in range(ties)]


def test_the_same_network_and_seed_give_the_same_positions_whatever_the_input_order():
    pairs = _random_network(60, 150, seed=3)
    first = full_layout(range(60), pairs, seed=7)
    shuffled = list(reversed(pairs))
    again = full_layout(list(reversed(range(60))), [(b, a) for a, b in shuffled], seed=7)
    assert first == again


def test_another_seed_gives_another_picture():
    pairs = _random_network(60, 150, seed=3)
    assert full_layout(range(60), pairs, seed=1) != full_layout(range(60), pairs, seed=2)


def test_every_actor_isolates_included_is_placed_inside_the_box_with_one_decimal():
    pairs = [(1, 2), (2, 3), (3, 1), (4, 5)]
    positions = full_layout([1, 2, 3, 4, 5, 6, 7], pairs)
    assert sorted(positions) == [1, 2, 3, 4, 5, 6, 7]
    for x, y in positions.values():
        assert 0 <= x <= BOX and 0 <= y <= BOX
        assert round(x, 1) == x and round(y, 1) == y
    # Fitted into the box: the drawing touches two opposite sides along its longer extent.
    xs, ys = [x for x, _ in positions.values()], [y for _, y in positions.values()]
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(BOX, abs=0.1)


def test_a_single_actor_stands_in_the_middle_and_no_actor_gives_no_positions():
    assert full_layout([42], []) == {42: (500.0, 500.0)}
    assert full_layout([], []) == {}


def test_the_positions_are_igraphs_fruchterman_reingold_layout_scaled():
    """Same start and random numbers as the core; distances must be igraph's times one factor."""
    pairs = _random_network(40, 90, seed=11)
    seed = 5
    rng = random.Random(seed)
    half = math.sqrt(40) / 2
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(40)]
    graph = ig.Graph(n=40, edges=sorted({(min(a, b), max(a, b)) for a, b in pairs}))
    ig.set_random_number_generator(random.Random(seed))
    try:
        expected = graph.layout_fruchterman_reingold(seed=start, grid=False).coords
    finally:
        ig.set_random_number_generator(random)
    ours = full_layout(range(40), pairs, seed=seed)
    ratios = [
        math.dist(ours[a], ours[b]) / math.dist(expected[a], expected[b])
        for a, b in itertools.combinations(range(40), 2)
        if math.dist(expected[a], expected[b]) > 1
    ]
    assert max(ratios) - min(ratios) < 0.01 * min(ratios) + 0.2  # one scale factor, up to the 0.1 rounding


def test_an_update_keeps_every_stored_actor_exactly_where_it_was():
    pairs = _random_network(50, 120, seed=2)
    stored = full_layout(range(50), pairs)
    grown = place_new([*range(50), 50, 51], [*pairs, (50, 3), (51, 50)], stored)
    assert {actor: grown[actor] for actor in range(50)} == stored


def test_a_new_actor_goes_to_the_mean_of_its_placed_neighbours_nudged():
    stored = {1: (100.0, 100.0), 2: (300.0, 100.0), 3: (200.0, 400.0)}
    positions = place_new([1, 2, 3, 4], [(1, 2), (4, 1), (4, 2), (4, 3)], stored)
    # Mean of (100, 100), (300, 100), (200, 400) = (200, 200); the first newcomer is nudged at angle 0.
    assert positions[4] == (200.0 + NUDGE, 200.0)
    assert {actor: positions[actor] for actor in (1, 2, 3)} == stored


def test_newcomers_hanging_off_each_other_are_placed_in_turn():
    stored = {1: (100.0, 100.0), 2: (300.0, 100.0)}
    positions = place_new([1, 2, 5, 6], [(1, 2), (5, 2), (6, 5)], stored)
    # 5 next to 2 (angle 0): (315, 100); then 6 next to 5 at the golden angle (2.39996 rad).
    assert positions[5] == (315.0, 100.0)
    golden = math.pi * (3 - math.sqrt(5))
    assert positions[6] == (round(315.0 + NUDGE * math.cos(golden), 1), round(100.0 + NUDGE * math.sin(golden), 1))


def test_a_new_isolate_goes_to_the_middle_of_the_emptiest_cell():
    # Every placed actor in the top-left cell (0..100, 0..100): the first empty cell row by row is
    # the second one of the top row (100..200, 0..100), whose middle is (150, 50).
    stored = {1: (10.0, 10.0), 2: (50.0, 50.0)}
    positions = place_new([1, 2, 9], [(1, 2)], stored)
    assert positions[9] == (150.0, 50.0)


def test_a_new_separate_pair_is_laid_out_inside_one_empty_cell():
    stored = {1: (10.0, 10.0), 2: (50.0, 50.0)}
    positions = place_new([1, 2, 7, 8], [(1, 2), (7, 8)], stored)
    for actor in (7, 8):
        x, y = positions[actor]
        assert 100 <= x <= 200 and 0 <= y <= 100  # the cell right of the crowded one
    assert positions[7] != positions[8]


def test_actors_gone_from_the_region_are_dropped_and_nothing_stored_means_a_full_layout():
    stored = {1: (100.0, 100.0), 2: (300.0, 100.0), 3: (200.0, 400.0)}
    assert place_new([1, 2], [(1, 2)], stored) == {1: (100.0, 100.0), 2: (300.0, 100.0)}
    pairs = [(1, 2), (2, 3)]
    assert place_new([1, 2, 3], pairs, {}) == full_layout([1, 2, 3], pairs)
