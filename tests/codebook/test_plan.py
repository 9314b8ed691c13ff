"""The pure rules of ``coding.codebook.plan``, and names long enough to test the history's limits."""

from __future__ import annotations

import pytest

from coding.codebook import reorganise, selectors, undo
from coding.codebook.plan import CodingRow, change_reason, collapse, descendants, join_memos
from coding.models import Coding
from tests import factories
from tests.codebook.conftest import state


def row(coding_id: int, code: int, coder: int, start: int, memo: str = "") -> CodingRow:
    return CodingRow(coding_id, code, interview_id=1, coder_id=coder, start=start, end=start + 5, memo=memo)


def test_memos_are_joined_kept_first_and_an_empty_or_equal_memo_adds_nothing():
    assert join_memos("kept", "moved", "A") == "kept\n\n[from “A”] moved"
    assert join_memos("", "moved", "A") == "moved"
    assert join_memos("kept", "  ", "A") == "kept"
    assert join_memos("same", "same", "A") == "same"


def test_two_moving_codings_of_one_passage_collapse_into_the_same_kept_coding_memos_in_order():
    # Codings 1 and 2 (code 10) duplicate coding 3 (code 20): same interview, coder 7, 0–5.
    # Coding 4 has another coder: it moves.
    moves = collapse(
        [row(1, 10, 7, 0, "one"), row(2, 10, 7, 0, "two"), row(4, 10, 8, 0)],
        [row(3, 20, 7, 0, "three")],
        {10: "A"},
    )
    assert [moving.id for moving in moves.moved] == [4]
    assert [(item.dropped.id, item.kept.id) for item in moves.collapsed] == [(1, 3), (2, 3)]
    final = "three\n\n[from “A”] one\n\n[from “A”] two"
    assert [item.memo for item in moves.collapsed] == [final, final]


def test_descendants_are_the_whole_sub_tree():
    # 1 ─ 2 ─ 3, 1 ─ 4, 5 alone
    parents = {1: None, 2: 1, 3: 2, 4: 1, 5: None}
    assert descendants(1, parents) == {2, 3, 4}
    assert descendants(3, parents) == set()


def test_a_change_reason_is_cut_to_the_history_column():
    assert change_reason("x" * 100) == "x" * 100
    assert change_reason("x" * 150) == "x" * 99 + "…"


@pytest.mark.django_db
def test_codes_with_200_character_names_merge_and_undo_within_the_history_limits(study, alice, book):
    long_a, long_b = "A" * 200, "B" * 200
    source, target = book.a, book.b
    source.name, target.name = long_a, long_b
    source.save()  # saved as a new version in the history, as the admin does
    target.save()
    before = state(study)
    preview = selectors.merge_preview(study=study, source=source, target=target)
    operation = reorganise.codes_merge(
        study=study, source=source, target=target, fingerprint=preview.fingerprint, user=alice
    )
    assert len(operation.reason) == 100
    assert Coding.objects.get(pk=book.codings["c4"].pk).memo == f"B's note\n\n[from “{long_a}”] A's note"
    undo.operation_undo(operation=operation, user=alice)
    assert state(study) == before


@pytest.mark.django_db
def test_a_long_scheme_name_fits_the_reason_of_the_own_version(study, alice, book):
    from coding.codebook.services import study_own_version

    scheme = study.coding_scheme
    scheme.name = "S" * 200
    scheme.save()
    factories.StudyFactory(coding_scheme=scheme)
    new = study_own_version(study=study, user=alice)
    assert Coding.objects.filter(interview__region__study=study, code__scheme=new).count() == 6
