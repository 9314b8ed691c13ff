"""Splitting a code and moving a sub-tree on the hand-built codebook of conftest.py."""

from __future__ import annotations

import pytest

from coding.codebook import reorganise, selectors, undo
from coding.codebook.selectors import Refused
from coding.models import Code, Coding
from tests.codebook.conftest import state

pytestmark = pytest.mark.django_db


def split(study, user, book, ids, **where):
    preview = selectors.split_preview(study=study, source=book.a, coding_ids=ids, **where)
    operation = reorganise.codings_split(
        study=study, source=book.a, coding_ids=ids, fingerprint=preview.fingerprint, user=user, **where
    )
    return preview, operation


def test_splitting_two_passages_into_a_new_code_creates_it_under_the_chosen_parent(study, alice, book):
    c = book.codings
    preview, _ = split(study, alice, book, [c["c1"].pk, c["c2"].pk], new_name="Formal cooperation", new_parent=book.c)
    # c1 and c2 move; the new code has no codings yet, so nothing collapses.
    assert (preview.counts["codings_moved"], preview.counts["duplicates_collapsed"]) == (2, 0)
    assert preview.counts["codes_created"] == 1
    new = Code.objects.get(scheme=study.coding_scheme, name="Formal cooperation")
    assert new.parent_id == book.c.pk
    assert set(Coding.objects.filter(code=new).values_list("pk", flat=True)) == {c["c1"].pk, c["c2"].pk}
    # c3 stays with A; A itself stays.
    assert set(Coding.objects.filter(code=book.a).values_list("pk", flat=True)) == {c["c3"].pk}


def test_splitting_into_an_existing_code_collapses_the_same_passage_by_the_same_coder(study, alice, book):
    c = book.codings
    preview, _ = split(study, alice, book, [c["c1"].pk, c["c3"].pk], target=book.b)
    # c1 has no twin under B: moved. c3 twins c4 (alice 95–120): collapsed, memos joined.
    assert (preview.counts["codings_moved"], preview.counts["duplicates_collapsed"]) == (1, 1)
    assert Coding.objects.get(pk=c["c1"].pk).code_id == book.b.pk
    assert not Coding.objects.filter(pk=c["c3"].pk).exists()
    assert Coding.objects.get(pk=c["c4"].pk).memo == "B's note\n\n[from “Cooperation”] A's note"
    assert Coding.objects.get(pk=c["c2"].pk).code_id == book.a.pk  # not chosen


def test_undoing_a_split_into_a_new_code_removes_the_code_and_restores_the_codings(study, alice, book):
    before = state(study)
    c = book.codings
    _, operation = split(study, alice, book, [c["c1"].pk, c["c3"].pk], new_name="Formal cooperation")
    undo.operation_undo(operation=operation, user=alice)
    assert state(study) == before


def test_a_split_refuses_codings_of_another_code(study, book):
    with pytest.raises(Refused, match=f"Passage\\(s\\) {book.codings['c4'].pk} are not coded with “Cooperation”"):
        selectors.split_preview(study=study, source=book.a, coding_ids=[book.codings["c4"].pk], target=book.c)


def test_a_split_needs_at_least_one_passage(study, book):
    with pytest.raises(Refused, match="at least one passage"):
        selectors.split_preview(study=study, source=book.a, coding_ids=[], target=book.c)


def test_a_split_into_a_new_code_refuses_a_name_its_parent_already_has(study, book):
    with pytest.raises(Refused, match="“Collaboration” already has codes named “Shared facilities”"):
        selectors.split_preview(
            study=study,
            source=book.a,
            coding_ids=[book.codings["c1"].pk],
            new_name="Shared facilities",
            new_parent=book.b,
        )


def test_moving_a_code_under_another_takes_its_sub_tree_along(study, alice, book):
    preview = selectors.move_preview(study=study, code=book.a, new_parent=book.c)
    # A and its child A1 move; no coding changes code.
    assert preview.counts["codes_moved"] == 2
    assert preview.counts["codings_moved"] == 0
    codings_before = set(Coding.objects.values_list("pk", "code_id"))
    reorganise.code_move(study=study, code=book.a, new_parent=book.c, fingerprint=preview.fingerprint, user=alice)
    assert Code.objects.get(pk=book.a.pk).parent_id == book.c.pk
    assert Code.objects.get(pk=book.a1.pk).parent_id == book.a.pk
    assert set(Coding.objects.values_list("pk", "code_id")) == codings_before


def test_moving_a_code_under_its_own_sub_code_is_refused_as_a_cycle(study, book):
    with pytest.raises(Refused, match="cycle"):
        selectors.move_preview(study=study, code=book.a, new_parent=book.a1)
    with pytest.raises(Refused, match="cycle"):
        selectors.move_preview(study=study, code=book.a, new_parent=book.a)


def test_moving_a_code_to_the_top_level_and_undoing_it(study, alice, book):
    before = state(study)
    preview = selectors.move_preview(study=study, code=book.b1, new_parent=None)
    operation = reorganise.code_move(
        study=study, code=book.b1, new_parent=None, fingerprint=preview.fingerprint, user=alice
    )
    assert Code.objects.get(pk=book.b1.pk).parent_id is None
    undo.operation_undo(operation=operation, user=alice)
    assert state(study) == before


def test_an_undo_after_a_moved_coding_was_edited_is_refused_and_writes_nothing(study, alice, book):
    c = book.codings
    _, operation = split(study, alice, book, [c["c1"].pk], target=book.c)
    Coding.objects.filter(pk=c["c1"].pk).update(memo="edited later")
    after = state(study)
    with pytest.raises(Refused, match="was changed or deleted"):
        undo.operation_undo(operation=operation, user=alice)
    assert state(study) == after
