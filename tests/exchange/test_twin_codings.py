"""One coding per passage, code and coder: imports whose coders become one account here (a
pseudonymised dump, a .qdpx from another installation) merge such twins instead of failing."""

from __future__ import annotations

import io
import json

import pytest

from cases.choices import Role
from coding.exchange.dump import study_dump, study_import
from coding.exchange.refi import qdpx_export, qdpx_import
from coding.models import Coding, Interaction
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(study, region, alice, bob):
    """alice and bob coded the same passage with the same code (agreement!), each with a memo; a tie
    is evidenced by both."""
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation")
    interview = factories.InterviewFactory(region=region, transcript="We share the clean room every week.")
    first = factories.CodingFactory(interview=interview, code=code, coder=alice, start=3, length=15, memo="alice says")
    second = factories.CodingFactory(interview=interview, code=code, coder=bob, start=3, length=15, memo="bob says")
    factories.InteractionFactory(region=region).evidence.add(first, second)
    return interview


def test_a_pseudonymised_dump_merges_twins_into_one_coding_with_both_memos(study, twins, mallory):
    document = "".join(study_dump(study, pseudonymised=True))
    imported = study_import(data=document.encode(), user=mallory)  # both coders become mallory
    codings = list(Coding.objects.filter(interview__region__study=imported))
    assert [(c.coder, c.start, c.end, c.memo) for c in codings] == [(mallory, 3, 18, "alice says\n\nbob says")]
    tie = Interaction.objects.get(region__study=imported)
    assert list(tie.evidence.all()) == codings  # two keys, one coding, linked once


def test_a_plain_dump_keeps_both_coders_codings(study, twins, alice, bob):
    document = json.loads("".join(study_dump(study)))
    imported = study_import(data=json.dumps(document).encode(), user=alice)
    coders = sorted(Coding.objects.filter(interview__region__study=imported).values_list("coder__username", flat=True))
    assert coders == ["alice", "bob"]


def test_a_qdpx_whose_coders_are_one_account_here_merges_twins(study, twins, other_study, mallory):
    out = io.BytesIO()
    qdpx_export(study, out)
    target = factories.StudyFactory(title="Fresh study", coding_scheme=None)
    factories.MembershipFactory(study=target, user=mallory, role=Role.LEAD)
    qdpx_import(upload=io.BytesIO(out.getvalue()), study=target, region=None, default_coder=mallory)
    codings = list(Coding.objects.filter(interview__region__study=target))
    assert [(c.coder, c.start, c.end, c.memo) for c in codings] == [(mallory, 3, 18, "alice says\n\nbob says")]
