"""Informant reciprocity (``coding.analysis.reciprocity``) against a small case worked out by hand."""

from __future__ import annotations

import pytest

from coding.analysis.reciprocity import (
    BOTH,
    NO_EVIDENCE,
    ONE_SIDE,
    THIRD_PARTY,
    EvidencedTie,
    reciprocity,
    summary,
    voices,
)

# Actors: organisations 1 (firm) and 2 (university); person 11 works for 1, person 12 for 2;
# organisation 3 and person 13 (no employer) are never interviewed... except 13 in interview 300.
AFFILIATION = {11: 1, 12: 2, 13: None, 3: None}
# Interview 100: person 11. Interview 200: person 12. Interview 300: person 13 (a third party).
INTERVIEWEES = {100: [11], 200: [12], 300: [13]}


def test_an_interview_speaks_for_its_interviewees_and_their_employers():
    spoken = voices(INTERVIEWEES, AFFILIATION)
    assert spoken == {100: {11, 1}, 200: {12, 2}, 300: {13}}


def test_each_category_by_hand():
    spoken = voices(INTERVIEWEES, AFFILIATION)
    ties = [
        # 1–2 from interviews 100 (speaks for 1) and 200 (for 2): both sides.
        EvidencedTie(1, 1, 2, frozenset({100, 200})),
        # 1–3 from 100 only: 1 is spoken for, 3 is not: one side.
        EvidencedTie(2, 1, 3, frozenset({100})),
        # 3–2 from 300 (person 13 speaks for neither 3 nor 2): third party.
        EvidencedTie(3, 3, 2, frozenset({300})),
        # 11–12 from 100 and 200: the persons themselves: both sides.
        EvidencedTie(4, 11, 12, frozenset({100, 200})),
        # 12–1 from 100 only: 1 is spoken for by its employee; 12 (a person) only by 200: one side.
        EvidencedTie(5, 12, 1, frozenset({100})),
        # no evidence codings.
        EvidencedTie(6, 2, 3, frozenset()),
        # an actor with itself: left out.
        EvidencedTie(7, 3, 3, frozenset({300})),
    ]
    found = {item.tie_id: item for item in reciprocity(ties, spoken)}
    assert {tie_id: item.category for tie_id, item in found.items()} == {
        1: BOTH, 2: ONE_SIDE, 3: THIRD_PARTY, 4: BOTH, 5: ONE_SIDE, 6: NO_EVIDENCE,
    }  # fmt: skip
    assert found[1].source_interviews == (100,) and found[1].target_interviews == (200,)
    assert found[5].source_interviews == () and found[5].target_interviews == (100,)
    # 2 confirmed of 6 ties: share 1/3.
    assert summary(found.values()) == {
        BOTH: 2, ONE_SIDE: 2, THIRD_PARTY: 1, NO_EVIDENCE: 1, "ties": 6, "confirmed_share": pytest.approx(1 / 3),
    }  # fmt: skip


def test_one_group_interview_with_both_ends_confirms_the_tie():
    spoken = voices({100: [11, 12]}, AFFILIATION)
    (item,) = reciprocity([EvidencedTie(1, 1, 2, frozenset({100}))], spoken)
    assert item.category == BOTH


def test_share_is_undefined_without_ties():
    assert summary([])["confirmed_share"] is None
