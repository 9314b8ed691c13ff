"""Migration coding 0006 merges exact duplicate codings written before the unique constraint:
the oldest row stays with every memo and every tie or outcome it evidenced; the twins go."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from coding.models import Coding
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("coding.migrations.0006_merge_duplicate_codings")


def test_duplicates_are_merged_with_their_memos_and_evidence(region, bob, alice):
    with connection.cursor() as cursor:  # as before migration 0007; the test's transaction undoes it
        cursor.execute("ALTER TABLE coding_coding DROP CONSTRAINT coding_unique_passage_code_coder")
    interview = factories.InterviewFactory(region=region, transcript="We share the clean room every week.")
    code = factories.CodeFactory(scheme=region.study.coding_scheme)
    quote = interview.transcript[3:18]
    rows = Coding.objects.bulk_create(
        Coding(interview=interview, code=code, coder=bob, start=3, end=18, quote=quote, memo=memo)
        for memo in ("first", "", "second", "first")
    )
    other_coder = Coding.objects.create(interview=interview, code=code, coder=alice, start=3, end=18, quote=quote)
    tie = factories.InteractionFactory(region=region)
    tie.evidence.add(rows[2])
    outcome = factories.OutcomeFactory(region=region)
    outcome.evidence.add(rows[3])

    migration.merge_duplicates(apps, None)

    # bob's four rows become the oldest one; memos "first", "second" (empty and repeated dropped).
    kept = Coding.objects.get(coder=bob)
    assert (kept.pk, kept.memo) == (rows[0].pk, "first\n\nsecond")
    assert list(tie.evidence.all()) == [kept] and list(outcome.evidence.all()) == [kept]
    assert Coding.objects.filter(pk=other_coder.pk).exists()  # another coder's coding is no twin
