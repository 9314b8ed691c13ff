"""Memo: at most one target, inside the memo's study, with a title and a text; deleting a target
with memos is refused. Database rules are proven with ``clean()`` bypassed (plain ``save()``)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError

from cases.services import RecordInUse, record_delete
from coding.models import Memo
from tests import factories

pytestmark = pytest.mark.django_db


def refused_by_database(memo: Memo, constraint: str) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        memo.save()
    diag = getattr(error.value.__cause__, "diag", None)
    assert diag is not None and diag.constraint_name == constraint
    assert not Memo.objects.filter(title=memo.title).exists()


def test_the_database_refuses_a_memo_with_two_targets(study, region, bob):
    actor = factories.OrganisationFactory(region=region)
    memo = Memo(study=study, author=bob, title="two", text="x", actor=actor, region=region)
    refused_by_database(memo, "memo_at_most_one_target")


def test_the_database_refuses_a_memo_whose_text_is_only_whitespace(study, bob):
    refused_by_database(Memo(study=study, author=bob, title="blank", text=" \n\t"), "memo_text_not_blank")


@pytest.mark.parametrize("kind", ["actor", "interview", "region", "wave", "code"])
def test_the_database_refuses_a_target_of_another_study(study, other_region, bob, kind):
    targets = {
        "actor": lambda: factories.OrganisationFactory(region=other_region),
        "interview": lambda: factories.InterviewFactory(region=other_region),
        "region": lambda: other_region,
        "wave": lambda: factories.WaveFactory(region=other_region),
        # A code of the other study's scheme: not in this study's coding scheme.
        "code": lambda: factories.CodeFactory(scheme=other_region.study.coding_scheme),
    }
    memo = Memo(study=study, author=bob, title=f"foreign {kind}", text="x", **{kind: targets[kind]()})
    refused_by_database(memo, "memo_target_in_study")


def test_the_database_accepts_a_target_of_the_same_study_and_a_code_of_its_scheme(study, region, bob):
    code = factories.CodeFactory(scheme=study.coding_scheme)
    Memo(study=study, author=bob, title="on a code", text="x", code=code).save()
    Memo(study=study, author=bob, title="on a wave", text="x", wave=factories.WaveFactory(region=region)).save()
    Memo(study=study, author=bob, title="free", text="x").save()
    assert Memo.objects.filter(study=study).count() == 3


def test_clean_names_both_targets_and_the_foreign_one(study, region, other_region, bob):
    actor = factories.OrganisationFactory(region=region)
    with pytest.raises(ValidationError) as two:
        Memo(study=study, author=bob, title="t", text="x", actor=actor, region=region).full_clean()
    assert two.value.message_dict["__all__"] == [
        "A memo is written on one record at most; this one names actor, region."
    ]
    with pytest.raises(ValidationError) as foreign:
        Memo(study=study, author=bob, title="t", text="x", region=other_region).full_clean()
    assert foreign.value.message_dict["region"] == ["The region is not part of the memo's study."]


def test_deleting_an_actor_with_a_memo_is_refused_naming_the_memo(study, region, bob):
    actor = factories.OrganisationFactory(region=region, name="Fraunhofer")
    factories.MemoFactory(study=study, author=bob, actor=actor)
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=actor)
    assert str(refused.value) == "“Fraunhofer” is still referred to by 1 memo: nothing was deleted."
    assert Memo.objects.filter(actor=actor).count() == 1


def test_deleting_a_code_with_a_memo_is_refused(study, bob):
    code = factories.CodeFactory(scheme=study.coding_scheme)
    factories.MemoFactory(study=study, author=bob, code=code)
    with pytest.raises(RestrictedError), transaction.atomic():
        code.delete()


def test_deleting_the_study_deletes_its_memos_on_its_regions_and_actors(study, region, bob):
    actor = factories.OrganisationFactory(region=region)
    factories.MemoFactory(study=study, author=bob, actor=actor)
    factories.MemoFactory(study=study, author=bob, region=region)
    factories.MemoFactory(study=study, author=bob)
    study.delete()
    assert Memo.objects.count() == 0
