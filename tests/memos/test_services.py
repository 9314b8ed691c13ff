"""Memo services: writes validated whole, refusals write nothing, versions kept, a deleted memo restored."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cases.concurrency import EditConflict
from coding.history import selectors as history
from coding.history.services import restore_deleted
from coding.memos import services
from coding.models import Memo
from tests import factories

pytestmark = pytest.mark.django_db


def test_memo_create_writes_a_memo_on_its_target(study, region, bob):
    wave = factories.WaveFactory(region=region)
    memo = services.memo_create(study=study, author=bob, title="Wave 1", text="Fewer ties.", targets={"wave": wave})
    assert (memo.target_kind, memo.target, memo.author) == ("wave", wave, bob)
    assert memo.history.count() == 1


@pytest.mark.parametrize(
    ("title", "text", "field", "message"),
    [
        ("t", "", "text", "This field cannot be blank."),
        ("t", "   ", "text", "Write the memo's text."),
        ("", "x", "title", "This field cannot be blank."),
    ],
)
def test_memo_create_refuses_an_empty_text_or_title_and_writes_nothing(study, bob, title, text, field, message):
    with pytest.raises(ValidationError) as refused:
        services.memo_create(study=study, author=bob, title=title, text=text)
    assert message in refused.value.message_dict[field]
    assert Memo.objects.count() == 0


def test_memo_create_refuses_two_targets_and_a_foreign_target(study, region, other_region, bob):
    actor = factories.OrganisationFactory(region=region)
    with pytest.raises(ValidationError, match="one record at most"):
        services.memo_create(study=study, author=bob, title="t", text="x", targets={"actor": actor, "region": region})
    with pytest.raises(ValidationError, match="not part of the memo's study"):
        services.memo_create(study=study, author=bob, title="t", text="x", targets={"region": other_region})
    assert Memo.objects.count() == 0


def test_memo_update_moves_the_memo_to_a_new_target_and_records_a_version(study, region, bob):
    actor = factories.OrganisationFactory(region=region)
    memo = factories.MemoFactory(study=study, author=bob, actor=actor)
    services.memo_update(memo=memo, values={"region": region, "text": "Now about the region."})
    memo.refresh_from_db()
    assert (memo.actor_id, memo.region_id, memo.text) == (None, region.pk, "Now about the region.")
    assert memo.history.count() == 2


def test_memo_update_refuses_a_memo_changed_since_it_was_opened(study, bob):
    memo = factories.MemoFactory(study=study, author=bob)
    with pytest.raises(EditConflict):
        services.memo_update(memo=memo, values={"text": "late"}, loaded_version="2001-01-01T00:00:00+00:00")
    memo.refresh_from_db()
    assert memo.text != "late"


def test_a_deleted_memo_is_listed_as_deleted_and_restored_with_its_id(study, region, alice, bob):
    memo = factories.MemoFactory(study=study, author=bob, region=region, title="Club goods")
    memo_id = memo.pk
    services.memo_delete(memo=memo)
    rows = list(history.deleted_records(study))
    assert [(row["record_kind"], row["id"]) for row in rows] == [("memo", memo_id)]
    [described] = history.describe_deleted(rows)
    assert described.label.startswith("“Club goods”: ")
    restore_deleted(study=study, kind="memo", record_id=memo_id, user=alice)
    restored = Memo.objects.get(pk=memo_id)
    assert (restored.title, restored.region_id) == ("Club goods", region.pk)
    assert list(history.deleted_records(study)) == []


def test_a_deleted_memo_whose_wave_was_deleted_since_is_not_restored(study, region, alice, bob):
    wave = factories.WaveFactory(region=region)
    memo = factories.MemoFactory(study=study, author=bob, wave=wave)
    memo_id = memo.pk
    services.memo_delete(memo=memo)
    wave.delete()
    with pytest.raises(ValidationError, match="the wave it was written on was deleted"):
        restore_deleted(study=study, kind="memo", record_id=memo_id, user=alice)
    assert not Memo.objects.filter(pk=memo_id).exists()


def test_a_memo_of_another_study_is_not_offered_for_restore(study, other_study, alice, mallory):
    memo = factories.MemoFactory(study=other_study, author=mallory)
    memo_id = memo.pk
    services.memo_delete(memo=memo)
    with pytest.raises(ValidationError, match="no deleted memo"):
        restore_deleted(study=study, kind="memo", record_id=memo_id, user=alice)
