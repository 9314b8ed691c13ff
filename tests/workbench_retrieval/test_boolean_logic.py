"""The Boolean set logic on hand-made passages (coding.workbench.boolean, pure).

Offsets are half-open [start, end); two passages overlap when a.start < b.end and b.start < a.end.
Every expected set below is worked out by hand in the comment above it.
"""

from __future__ import annotations

import pytest

from coding.workbench.boolean import And, Code, Follows, Not, Or, Passage, SameInterview, describe, evaluate

A, B, C = 1, 2, 3
CODER = 7


def p(interview: int, start: int, end: int, code: int) -> Passage:
    return Passage(interview, start, end, code, CODER)


# Interview 1
A1, A2, B1, B2, C1 = p(1, 0, 10, A), p(1, 20, 30, A), p(1, 5, 8, B), p(1, 30, 40, B), p(1, 25, 26, C)
# Interview 2
A3, B3 = p(2, 0, 5, A), p(2, 4, 6, B)
# Interview 3: a long B passage starts first, a short one ends early, A sits late inside the long one.
B5, B6, A5 = p(3, 0, 100, B), p(3, 10, 12, B), p(3, 50, 60, A)
ALL = [A1, A2, B1, B2, C1, A3, B3, B5, B6, A5]
QA, QB, QC = Code(frozenset({A})), Code(frozenset({B})), Code(frozenset({C}))


def test_and_keeps_the_left_passages_overlapping_a_right_one():
    # A1 [0,10) vs B1 [5,8): 0 < 8 and 5 < 10 -> overlap.  A2 [20,30) vs B2 [30,40): 30 < 30 fails
    # (they only touch); vs B1: 20 < 8 fails.  A3 [0,5) vs B3 [4,6): 0 < 6 and 4 < 5 -> overlap.
    # A5 [50,60) vs B5 [0,100): 50 < 100 and 0 < 60 -> overlap (B6 [10,12) ends before A5 starts).
    assert set(evaluate(And(QA, QB), ALL)) == {A1, A3, A5}


def test_and_finds_an_earlier_long_passage_behind_a_short_one_that_ended():
    # Sorted by start in interview 3: B5 [0,100), B6 [10,12). The last one starting before A5 ends (B6)
    # ends at 12 <= 50, but B5 still reaches 100 > 50: A5 overlaps.
    assert evaluate(And(QA, QB), [B5, B6, A5]) == [A5]


def test_and_is_not_symmetric_it_returns_the_left_codes_passages():
    # B1 overlaps A1; B2 only touches A2; B3 overlaps A3; B5 overlaps A5; B6 [10,12) overlaps no A.
    assert set(evaluate(And(QB, QA), ALL)) == {B1, B3, B5}


def test_not_keeps_the_left_passages_overlapping_no_right_one():
    # A passages: A1, A2, A3, A5; overlapping B: A1, A3, A5 (above) -> A2 remains.
    assert evaluate(Not(QA, QB), ALL) == [A2]


def test_or_is_the_union():
    assert set(evaluate(Or(QA, QC), ALL)) == {A1, A2, A3, A5, C1}


def test_operators_nest_left_to_right():
    # (A NOT B) = {A2}; A2 [20,30) vs C1 [25,26): 20 < 26 and 25 < 30 -> overlap -> {A2}.
    assert evaluate(And(Not(QA, QB), QC), ALL) == [A2]
    # (A AND B) = {A1, A3, A5}; none overlaps C1 [25,26) -> empty.
    assert evaluate(And(And(QA, QB), QC), ALL) == []


def test_same_interview_keeps_left_passages_in_interviews_having_the_right_code():
    # C occurs only in interview 1 -> the A passages of interview 1: A1, A2.
    assert evaluate(SameInterview(QA, QC), ALL) == [A1, A2]


def test_a_code_leaf_with_several_ids_takes_each_of_them():
    assert set(evaluate(Code(frozenset({B, C})), ALL)) == {B1, B2, C1, B3, B5, B6}


def test_passages_of_different_interviews_never_overlap():
    # Same offsets, different interviews.
    assert evaluate(And(QA, QB), [p(1, 0, 10, A), p(2, 0, 10, B)]) == []


# Interview 5 for "follows"; paragraphs given by hand (first, last).
A6, A7 = p(5, 0, 10, A), p(5, 30, 35, A)
B7, B8, B9, B10 = p(5, 12, 20, B), p(5, 5, 9, B), p(5, 40, 50, B), p(5, 36, 38, B)
PARAGRAPHS = {A6: (1, 1), A7: (3, 3), B7: (2, 2), B8: (1, 1), B9: (4, 4), B10: (3, 3)}
FOLLOWS = [A6, A7, B7, B8, B9, B10]


def span(passage: Passage) -> tuple[int, int]:
    return PARAGRAPHS[passage]


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        # N = 0: same paragraph and after A's end: B10 (¶3, starts 36 >= A7's end 35). B7: ¶2 - ¶1 = 1 > 0.
        (0, [B10]),
        # N = 1: B7 (¶2 - A6's ¶1 = 1, 12 >= 10), B10, B9 (¶4 - A7's ¶3 = 1, 40 >= 35).
        (1, [B7, B10, B9]),
        # N = 100 (more paragraphs than there are): the same three; B8 starts (5) before A6 ends (10).
        (100, [B7, B10, B9]),
    ],
)
def test_follows_takes_right_passages_starting_after_a_left_one_within_n_paragraphs(within, expected):
    assert evaluate(Follows(QA, QB, within), FOLLOWS, span) == sorted(expected)


def test_follows_without_paragraphs_is_refused():
    with pytest.raises(ValueError, match="paragraphs"):
        evaluate(Follows(QA, QB, 1), FOLLOWS)


def test_describe_puts_compound_operands_in_brackets():
    names = {A: "Trust", B: "Rivalry", C: "Exit"}
    query = Follows(And(QA, QB), QC, 2)
    assert describe(query, names.__getitem__) == "(“Trust” AND “Rivalry”) followed within 2 ¶ by “Exit”"
