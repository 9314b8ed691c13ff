"""Merging codes on the hand-built codebook of conftest.py: results written out by hand."""

from __future__ import annotations

import pytest

from coding.codebook import reorganise, selectors, undo
from coding.codebook.models import CodebookOperation
from coding.codebook.selectors import Refused
from coding.models import Code, Coding
from tests import factories
from tests.codebook.conftest import state

pytestmark = pytest.mark.django_db


def test_merging_a_into_b_moves_collapses_reparents_and_removes_exactly_as_worked_out(study, alice, book):
    c = book.codings
    preview = selectors.merge_preview(study=study, source=book.a, target=book.b)
    # c1 (alice 45–94) has no twin under B: moved. c2 twins c5 (bob 95–120), c3 twins c4 (alice 95–120):
    # both collapse. A1 moves under B; A goes. One interview concerned.
    assert preview.counts == {
        "codings_moved": 1,
        "duplicates_collapsed": 2,
        "children_reparented": 1,
        "codes_removed": 1,
        "codes_created": 0,
        "codes_moved": 0,
        "interviews": 1,
    }
    reorganise.codes_merge(study=study, source=book.a, target=book.b, fingerprint=preview.fingerprint, user=alice)
    assert not Code.objects.filter(pk=book.a.pk).exists()
    assert Code.objects.get(pk=book.a1.pk).parent_id == book.b.pk
    assert Coding.objects.get(pk=c["c1"].pk).code_id == book.b.pk
    assert not Coding.objects.filter(pk__in=[c["c2"].pk, c["c3"].pk]).exists()
    # c4 kept its memo first, then a blank line, then "[from “Cooperation”] " and c3's memo.
    assert Coding.objects.get(pk=c["c4"].pk).memo == "B's note\n\n[from “Cooperation”] A's note"
    # c5 had no memo: it takes c2's.
    assert Coding.objects.get(pk=c["c5"].pk).memo == "bob on A"
    # The tie cited c3, now c4; the outcome cited c2 and c5, now c5 only.
    assert set(book.tie.evidence.values_list("pk", flat=True)) == {c["c4"].pk}
    assert set(book.outcome.evidence.values_list("pk", flat=True)) == {c["c5"].pk}
    assert Coding.objects.filter(code=book.b).count() == 3  # c1, c4, c5


def test_undoing_a_merge_restores_codes_codings_tree_and_evidence_exactly(study, alice, book):
    before = state(study)
    preview = selectors.merge_preview(study=study, source=book.a, target=book.b)
    operation = reorganise.codes_merge(
        study=study, source=book.a, target=book.b, fingerprint=preview.fingerprint, user=alice
    )
    assert state(study) != before
    undo.operation_undo(operation=operation, user=alice)
    assert state(study) == before
    assert CodebookOperation.objects.get(pk=operation.pk).undone_by == alice


def test_each_changed_coding_has_a_history_row_naming_the_merge(study, alice, book):
    preview = selectors.merge_preview(study=study, source=book.a, target=book.b)
    operation = reorganise.codes_merge(
        study=study, source=book.a, target=book.b, fingerprint=preview.fingerprint, user=alice
    )
    rows = Coding.history.filter(history_change_reason=operation.reason)
    # c1 moved, c4 and c5 got memos ("~"); c2 and c3 removed ("-").
    assert sorted(rows.values_list("id", "history_type")) == sorted(
        [(book.codings[name].pk, "~") for name in ("c1", "c4", "c5")]
        + [(book.codings[name].pk, "-") for name in ("c2", "c3")]
    )
    assert set(rows.values_list("history_user", flat=True)) == {alice.pk}


def test_a_code_cannot_be_merged_into_itself(study, book):
    with pytest.raises(Refused, match="into itself") as refused:
        selectors.merge_preview(study=study, source=book.a, target=book.a)
    assert not refused.value.conflict


def test_a_code_cannot_be_merged_into_its_own_sub_code(study, book):
    with pytest.raises(Refused, match="sub-code of “Cooperation”"):
        selectors.merge_preview(study=study, source=book.a, target=book.a1)


def test_a_code_of_another_scheme_is_refused_as_target(study, other_study, book):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme, name="Cooperation")
    with pytest.raises(Refused, match="same coding scheme"):
        selectors.same_scheme_code(book.a, foreign.pk, "target")
    with pytest.raises(Refused, match="study's coding scheme"):
        selectors.merge_preview(study=study, source=book.a, target=foreign)


def test_a_code_of_another_study_is_not_found(study, other_study, book):
    from django.http import Http404

    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    with pytest.raises(Http404):
        selectors.study_code(study, foreign.pk)


def test_a_merge_whose_codings_changed_since_the_preview_is_refused_and_writes_nothing(study, alice, bob, book):
    preview = selectors.merge_preview(study=study, source=book.a, target=book.b)
    factories.CodingFactory(
        interview=book.codings["c1"].interview, code=book.a, coder=bob, start=0, end=11, quote="Interviewer"
    )
    before = state(study)
    with pytest.raises(Refused, match="changed since the preview") as refused:
        reorganise.codes_merge(study=study, source=book.a, target=book.b, fingerprint=preview.fingerprint, user=alice)
    assert refused.value.conflict
    assert state(study) == before
    assert not CodebookOperation.objects.exists()


def test_sub_codes_with_a_name_the_target_already_has_are_refused(study, alice, book):
    factories.CodeFactory(scheme=study.coding_scheme, name="Joint projects", parent=book.b)
    with pytest.raises(Refused, match="already has codes named “Joint projects”") as refused:
        selectors.merge_preview(study=study, source=book.a, target=book.b)
    assert refused.value.conflict


def test_a_scheme_shared_with_another_study_is_not_reorganised(study, book):
    factories.StudyFactory(title="Sister study", coding_scheme=study.coding_scheme)
    with pytest.raises(Refused, match="also used by “Sister study”") as refused:
        selectors.merge_preview(study=study, source=book.a, target=book.b)
    assert refused.value.conflict


def test_only_the_latest_change_can_be_undone(study, alice, book):
    first = reorganise.code_move(
        study=study,
        code=book.c,
        new_parent=book.b,
        fingerprint=selectors.move_preview(study=study, code=book.c, new_parent=book.b).fingerprint,
        user=alice,
    )
    preview = selectors.merge_preview(study=study, source=book.a, target=book.b)
    reorganise.codes_merge(study=study, source=book.a, target=book.b, fingerprint=preview.fingerprint, user=alice)
    with pytest.raises(Refused, match="Only the latest change"):
        undo.operation_undo(operation=first, user=alice)


def test_a_merge_and_its_undo_each_mark_the_regions_analysis_stale(study, alice, region, book):
    from coding.worker.models import RegionAnalysisState

    def version() -> int:
        return RegionAnalysisState.objects.get(region=region).version

    start = version()
    preview = selectors.merge_preview(study=study, source=book.a, target=book.b)
    operation = reorganise.codes_merge(
        study=study, source=book.a, target=book.b, fingerprint=preview.fingerprint, user=alice
    )
    assert version() == start + 1
    undo.operation_undo(operation=operation, user=alice)
    assert version() == start + 2


def test_codings_and_codes_written_without_history_are_still_undone_exactly(study, alice, region):
    # Bulk inserts (as some imports do) write no history rows: the merge records a baseline first.
    x, y = Code.objects.bulk_create(
        [Code(scheme=study.coding_scheme, name="X"), Code(scheme=study.coding_scheme, name="Y")]
    )
    (child,) = Code.objects.bulk_create([Code(scheme=study.coding_scheme, name="X1", parent=x)])
    interview = factories.InterviewFactory(region=region)
    text = interview.transcript
    Coding.objects.bulk_create(
        [
            Coding(interview=interview, code=x, coder=alice, start=0, end=11, quote=text[:11], memo="x"),
            Coding(interview=interview, code=y, coder=alice, start=0, end=11, quote=text[:11], memo="y"),
            Coding(interview=interview, code=x, coder=alice, start=12, end=20, quote=text[12:20]),
        ]
    )
    before = state(study)
    preview = selectors.merge_preview(study=study, source=x, target=y)
    operation = reorganise.codes_merge(study=study, source=x, target=y, fingerprint=preview.fingerprint, user=alice)
    assert Code.objects.get(pk=child.pk).parent_id == y.pk
    undo.operation_undo(operation=operation, user=alice)
    assert state(study) == before


def test_merging_away_a_code_with_a_memo_is_refused_naming_the_memo_and_writes_nothing(study, alice, book):
    from coding.memos.models import Memo

    Memo.objects.create(study=study, code=book.a, author=alice, title="On cooperation", text="Why A matters")
    preview = selectors.merge_preview(study=study, source=book.a, target=book.b)
    before = state(study)
    with pytest.raises(Refused, match="is still referred to by 1 memo: nothing was changed") as refused:
        reorganise.codes_merge(study=study, source=book.a, target=book.b, fingerprint=preview.fingerprint, user=alice)
    assert refused.value.conflict
    assert state(study) == before
    assert not CodebookOperation.objects.exists()
