"""Memos in the .qdpx: valid REFI-QDA Notes, what each refers to, and the notes read back."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coding.exchange.refi import qdpx_export, qdpx_import
from coding.exchange.refi.codebook import guid_for
from coding.models import Memo
from tests import factories
from tests.exchange.qdpx_fixtures import NS, build_demo, open_project, schema

pytestmark = pytest.mark.django_db


def export(owner) -> bytes:
    out = io.BytesIO()
    qdpx_export(owner, out)
    return out.getvalue()


@pytest.fixture
def demo(study, alice, bob):
    built = build_demo(study, [alice, bob])
    dortmund = built.regions[0]
    actor = factories.OrganisationFactory(region=dortmund, name="Fraunhofer IMS")
    factories.MemoFactory(study=study, author=bob, actor=actor, title="Broker", text="Between the labs.")
    wave = dortmund.waves.get()
    factories.MemoFactory(study=study, author=bob, wave=wave, title="Spring", text="Fewer ties.")
    return built


def test_the_project_with_memos_on_every_kind_of_target_validates_against_the_schema(demo):
    root, _ = open_project(export(demo.study))
    schema().assertValid(root)
    names = [note.get("name") for note in root.iterfind("q:Notes/q:Note", NS)]
    assert names == ["Rivalry", "Tone", "Göteborg", "Comparison", "Broker", "Spring"]


def test_each_note_is_referred_to_from_its_code_source_case_or_the_project(demo):
    root, _ = open_project(export(demo.study))
    guid = {memo.title: guid_for("memo", memo.pk) for memo in Memo.objects.all()}
    rivalry = root.find(f"q:CodeBook//q:Code[@guid='{guid_for('code', demo.codes['rivalry'].pk)}']", NS)
    assert [ref.get("targetGUID") for ref in rivalry.iterfind("q:NoteRef", NS)] == [guid["Rivalry"]]
    source = root.find(f"q:Sources/q:TextSource[@guid='{guid_for('interview', demo.interviews[0].pk)}']", NS)
    assert [ref.get("targetGUID") for ref in source.iterfind("q:NoteRef", NS)] == [guid["Tone"]]
    [link] = root.iterfind("q:Links/q:Link", NS)
    goteborg = guid_for("region", demo.regions[1].pk)
    assert (link.get("originGUID"), link.get("targetGUID")) == (guid["Göteborg"], goteborg)
    # The study's memo and the two REFI-QDA has no element for hang on the project.
    project_refs = [ref.get("targetGUID") for ref in root.iterfind("q:NoteRef", NS)]
    assert project_refs == [guid["Comparison"], guid["Broker"], guid["Spring"]]
    descriptions = {note.get("name"): note.findtext("q:Description", "", NS) for note in root.iterfind(".//q:Note", NS)}
    assert descriptions["Broker"] == "On the actor Fraunhofer IMS"
    assert descriptions["Spring"] == "On the wave 2024 spring of Dortmund"


def test_a_regions_project_carries_the_memos_on_its_records_and_on_codes(demo):
    root, _ = open_project(export(demo.regions[0]))  # Dortmund: not Göteborg's, nor the study's
    names = [note.get("name") for note in root.iterfind("q:Notes/q:Note", NS)]
    assert names == ["Rivalry", "Tone", "Broker", "Spring"]
    schema().assertValid(root)


def test_memos_on_actors_and_waves_come_back_as_memos_on_the_study(demo, alice, bob):
    content = export(demo.study)
    copy = factories.StudyFactory()
    factories.MembershipFactory(study=copy, user=alice, role="lead")
    qdpx_import(upload=io.BytesIO(content), study=copy, region=None, default_coder=alice)
    memos = {memo.title: memo for memo in Memo.objects.filter(study=copy)}
    assert (memos["Broker"].target_kind, memos["Spring"].target_kind) == ("", "")
    # bob is no member of the copy: his memos are credited to the importing user, as codings are.
    assert memos["Broker"].author == alice


def test_the_export_takes_the_same_queries_for_few_and_many_memos(demo, bob):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            export(demo.study)
        return len(queries)

    few = count()
    code = demo.codes["rivalry"]
    for region in demo.regions:
        for _ in range(10):
            factories.MemoFactory(study=demo.study, author=factories.UserFactory(), region=region)
            factories.MemoFactory(study=demo.study, author=bob, code=code)
            factories.MemoFactory(study=demo.study, author=bob, actor=factories.OrganisationFactory(region=region))
    assert count() == few
