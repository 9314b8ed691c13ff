"""Memos in the study's JSON dump: written with keys of their targets, read back, refused whole when wrong."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.exchange.dump import study_dump, study_import
from coding.exchange.pseudonyms import researcher_pseudonym
from coding.exchange.records import ImportErrors
from coding.models import Memo
from tests import factories

pytestmark = pytest.mark.django_db


def dumped(study, **options: bool) -> dict:
    return json.loads("".join(study_dump(study, **options)))


@pytest.fixture
def memo_study(study, region, bob, alice):
    """One memo on each kind of target and a free one, in the order they were written."""
    wave = factories.WaveFactory(region=region, label="Wave 1")
    actor = factories.OrganisationFactory(region=region, name="Fraunhofer IMS")
    interview = factories.InterviewFactory(region=region, title="Foundry head")
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Co-opetition")
    for target in ({"code": code}, {"actor": actor}, {"interview": interview}, {"region": region}, {"wave": wave}, {}):
        kind = next(iter(target), "study")
        factories.MemoFactory(study=study, author=bob, title=f"On the {kind}", text=f"Thoughts on the {kind}", **target)
    return study


def test_the_dump_names_each_memos_target_by_its_dump_key(memo_study, bob):
    document = dumped(memo_study)
    region = document["regions"][0]
    keys = {
        "code": document["scheme"]["codes"][0]["key"],
        "actor": region["actors"][0]["key"],
        "interview": region["interviews"][0]["key"],
        "region": region["key"],
        "wave": region["waves"][0]["key"],
    }
    targets = [{kind: memo[kind] for kind in keys if memo[kind] is not None} for memo in document["memos"]]
    assert targets == [{kind: key} for kind, key in keys.items()] + [{}]
    assert document["memos"][0] == {
        "title": "On the code",
        "text": "Thoughts on the code",
        "author": "bob",
        "code": keys["code"],
        "actor": None,
        "interview": None,
        "region": None,
        "wave": None,
    }


def test_memos_survive_export_import_export_into_a_new_study(memo_study, alice):
    first = dumped(memo_study)
    copy = study_import(data=json.dumps(first).encode(), user=alice)
    second = dumped(copy)
    assert second["memos"] == first["memos"]
    assert {memo.target_kind for memo in Memo.objects.filter(study=copy)} == {
        "code",
        "actor",
        "interview",
        "region",
        "wave",
        "",
    }


def test_a_version_1_dump_without_memos_still_imports(memo_study, alice):
    document = dumped(memo_study)
    document["version"] = 1
    del document["memos"]
    copy = study_import(data=json.dumps(document).encode(), user=alice)
    assert copy.regions.count() == 1 and Memo.objects.filter(study=copy).count() == 0


def problems_of(document: dict, user) -> list[str]:
    before = (Memo.objects.count(), type(user).objects.count())
    with pytest.raises(ImportErrors) as caught:
        study_import(data=json.dumps(document).encode(), user=user)
    assert (Memo.objects.count(), type(user).objects.count()) == before
    return [str(problem) for problem in caught.value.problems]


def test_a_memo_with_two_targets_an_unknown_key_or_an_empty_text_is_refused_and_nothing_written(memo_study, alice):
    document = dumped(memo_study)
    studies_before = memo_study.__class__.objects.count()
    document["memos"][0]["actor"] = document["regions"][0]["actors"][0]["key"]  # now code and actor
    document["memos"][1]["actor"] = "a999"
    document["memos"][5]["text"] = "  "
    problems = problems_of(document, alice)
    assert "memos[0]: names 2 targets (code, actor); a memo is written on one at most" in problems
    assert "memos[1].actor: unknown actor key 'a999'" in problems
    assert memo_study.__class__.objects.count() == studies_before
    # The whitespace text passes the file's checks (it is a string) and is refused by the model's.
    document = dumped(memo_study)
    document["memos"][5]["text"] = "  "
    assert problems_of(document, alice) == ["memos[5].text: Write the memo's text."]


def test_a_pseudonymised_dump_names_the_author_as_a_coder_and_credits_the_importer(study, region, bob, alice):
    factories.PersonFactory(region=region, name="Anna Lindqvist", pseudonym="Person A")
    factories.MemoFactory(study=study, author=bob, title="Anna", text="Anna Lindqvist brokers between the labs.")
    document = dumped(study, pseudonymised=True)
    [memo] = document["memos"]
    assert memo["author"] == researcher_pseudonym(bob.pk)
    assert "Lindqvist" not in memo["text"]
    copy = study_import(data=json.dumps(document).encode(), user=alice)
    assert Memo.objects.get(study=copy).author == alice


def test_the_dump_takes_the_same_queries_for_2_and_30_memos(client, carol, study, region, bob):
    actor = factories.OrganisationFactory(region=region)
    client.force_login(carol)

    def queries_with(total: int) -> int:
        while Memo.objects.count() < total:
            factories.MemoFactory(study=study, author=bob, actor=actor if Memo.objects.count() % 2 else None)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("exports:study-dump", args=[study.pk]))
            document = json.loads(b"".join(response.streaming_content))
        assert len(document["memos"]) == total
        return len(captured)

    assert queries_with(2) == queries_with(30)
