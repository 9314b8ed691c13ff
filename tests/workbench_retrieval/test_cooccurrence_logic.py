"""Code co-occurrence counts and Jaccard coefficients on hand-made passages (pure)."""

from __future__ import annotations

import pytest

from coding.workbench.boolean import Passage, evaluate
from coding.workbench.cooccurrence import Cell, cell_query, table
from coding.workbench.heatmap import heatmap, shade

A, B, C = 1, 2, 3


def p(interview: int, start: int, end: int, code: int, key: int) -> Passage:
    return Passage(interview, start, end, code, 9, key)


# Interview 1: A1 [0,10), B1 [5,8), B3 [1,3), C1 [9,15), A2 [20,30), A4 [22,25)
A1, B1, B3, C1, A2, A4 = (
    p(1, 0, 10, A, 1),
    p(1, 5, 8, B, 2),
    p(1, 1, 3, B, 3),
    p(1, 9, 15, C, 4),
    p(1, 20, 30, A, 5),
    p(1, 22, 25, A, 6),
)
# Interview 2: A3 [0,5), B2 [10,20) (no overlap).  Interview 3: C2 [0,5).
A3, B2, C2 = p(2, 0, 5, A, 7), p(2, 10, 20, B, 8), p(3, 0, 5, C, 9)
PASSAGES = [A1, B1, B3, C1, A2, A4, A3, B2, C2]


def test_passage_unit_counts_each_passage_meeting_the_other_code_once():
    # Overlaps between different codes: A1-B1 (0<8, 5<10), A1-B3 (0<3, 1<10), A1-C1 (0<15, 9<10).
    # B1-C1: 9 < 8 fails; A2-A4 overlap but have the same code; interview 2 has no overlap.
    # |P(A)| = 4 (A1 A2 A3 A4), |P(B)| = 3 (B1 B2 B3), |P(C)| = 2 (C1 C2).
    # (A, B): O(A,B) = {A1} (counted once though it meets B1 and B3), O(B,A) = {B1, B3}: 3; 3 / (4 + 3).
    # (A, C): O(A,C) = {A1}, O(C,A) = {C1}: 2; 2 / (4 + 2) = 1/3.   (B, C): none.
    found = table(PASSAGES, "passage")
    assert found.sizes == {A: 4, B: 3, C: 2}
    assert found.cell(A, B) == found.cell(B, A) == Cell(3, 3 / 7)
    assert found.cell(A, C) == Cell(2, 1 / 3)
    assert found.cell(B, C) == Cell(0, 0.0)
    assert found.cell(A, A) == Cell(4, 1.0)
    assert set(found.cells) == {(A, B), (A, C)}


def test_interview_unit_counts_interviews_with_both_codes():
    # I(A) = {1, 2}, I(B) = {1, 2}, I(C) = {1, 3}.
    # (A, B): |{1,2}| / |{1,2}| = 2 / 2.  (A, C): |{1}| / |{1,2,3}| = 1/3.  (B, C): the same, 1/3.
    found = table(PASSAGES, "interview")
    assert found.sizes == {A: 2, B: 2, C: 2}
    assert found.cell(A, B) == Cell(2, 1.0)
    assert found.cell(C, A) == Cell(1, 1 / 3)
    assert found.cell(B, C) == Cell(1, 1 / 3)


@pytest.mark.parametrize(
    ("unit", "a", "b", "expected"),
    [
        ("passage", A, B, {A1, B1, B3}),  # the passages counted in cell (A, B) above
        ("passage", A, C, {A1, C1}),
        ("interview", A, C, {A1, A2, A4, C1}),  # A's and C's passages in interview 1, the shared one
        ("passage", B, B, {B1, B2, B3}),
    ],
)
def test_a_cells_boolean_query_retrieves_exactly_its_passages(unit, a, b, expected):
    assert set(evaluate(cell_query(a, b, unit), PASSAGES)) == expected


def test_an_empty_study_has_an_empty_table():
    assert table([], "passage").cells == {} and table([], "interview").sizes == {}


@pytest.mark.parametrize(
    ("jaccard", "expected"),
    [
        (0.05, "heat-1"),
        (0.1, "heat-1"),
        (0.11, "heat-2"),
        (0.25, "heat-2"),
        (0.3, "heat-3"),
        (0.5, "heat-3"),
        (0.51, "heat-4"),
    ],
)
def test_the_heat_map_shade_steps(jaccard, expected):
    assert shade(jaccard) == expected


def test_the_heat_map_escapes_code_names_and_links_each_non_zero_cell():
    # Codes A "<Trust>" and B "R&D": cell (A, B) = 3 passages, Jaccard 3/7 = 0.43 (third shade).
    found = table(PASSAGES, "passage")
    html = heatmap([(A, "<Trust>", "#123456"), (B, "R&D", "#654321")], found, "/r/?unit=passage")
    assert "&lt;Trust&gt;" in html and "R&amp;D" in html and "<Trust>" not in html
    assert '<td class="heat-3"><a href="/r/?unit=passage&amp;a=1&amp;b=2">3<small>0.43</small></a></td>' in html
    assert html.count("<td") == 4
    # The diagonal: A's 4 passages, grey rather than the darkest shade of its Jaccard 1.
    assert '<td class="heat-self"><a href="/r/?unit=passage&amp;a=1&amp;b=1">4<small>1.00</small></a></td>' in html
