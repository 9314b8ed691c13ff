"""Importing a .qdpx: a round trip through our own export, and broken files refused whole."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from lxml import etree

from cases.choices import Role
from cases.models import Actor, Interview, Region, Study
from coding.exchange.records import ImportErrors
from coding.exchange.refi import qdpx_export, qdpx_import
from coding.exchange.refi.codebook import code_guid
from coding.memos.models import Memo
from coding.models import Code, Coding, CodingScheme
from coding.worker.models import RegionAnalysisState
from tests import factories
from tests.analysis_worker.conftest import BrokerQueue
from tests.exchange.qdpx_fixtures import NS, build_demo

GUID = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?")


@pytest.fixture
def demo(study, alice, bob):
    return build_demo(study, [alice, bob])


def export(owner) -> bytes:
    out = io.BytesIO()
    qdpx_export(owner, out)
    return out.getvalue()


def normalised(content: bytes) -> tuple[str, dict[str, str]]:
    """project.qde and the sources with GUIDs numbered by first appearance and timestamps dropped."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    root = etree.fromstring(archive.read("project.qde"))
    for element in root.iter():
        for attribute in ("creationDateTime", "modifiedDateTime"):
            element.attrib.pop(attribute, None)
    xml = etree.tostring(root, encoding="unicode")
    numbers: dict[str, str] = {}
    sources = {}
    for guid in GUID.findall(xml):
        numbers.setdefault(guid, f"G{len(numbers)}")
    for source in root.iterfind(".//q:TextSource", NS):
        guid = source.get("guid")
        sources[numbers[guid]] = archive.read(f"Sources/{guid}.txt").decode()
    return GUID.sub(lambda match: numbers[match.group(0)], xml), sources


def fresh_study(alice, bob) -> Study:
    study = factories.StudyFactory(title="Microsystems clusters compared")
    factories.MembershipFactory(study=study, user=alice, role=Role.LEAD)
    factories.MembershipFactory(study=study, user=bob, role=Role.CODER)
    return study


def import_into(study: Study, content: bytes, coder, region=None):
    return qdpx_import(upload=io.BytesIO(content), study=study, region=region, default_coder=coder)


def test_round_trip_export_import_export_is_equal_apart_from_ids(demo, alice, bob, django_capture_on_commit_callbacks):
    first = export(demo.study)
    Memo.objects.filter(study=demo.study).delete()  # memos restrict the deletion of their interviews
    Interview.objects.filter(region__study=demo.study).delete()  # waves protect their interviews
    demo.study.delete()  # nothing of the original is left to borrow from
    assert not Coding.objects.exists()
    copy = fresh_study(alice, bob)
    queue = BrokerQueue()
    with django_capture_on_commit_callbacks(execute=True):
        result = import_into(copy, first, alice)
    assert (result.interviews, result.codings) == (3, 6)
    regions = sorted(copy.regions.values_list("pk", flat=True))
    # Every imported region is stale and its analysis is in the real broker queue.
    assert sorted(args[0] for args, _ in queue.runs()) == regions
    for state in RegionAnalysisState.objects.filter(region__in=regions):
        assert state.version > state.computed_version
    copy.refresh_from_db()
    assert copy.coding_scheme == result.scheme
    second = export(copy)
    assert normalised(second) == normalised(first)
    # Coders were matched by username, not all credited to the importer.
    assert set(Coding.objects.values_list("coder__username", flat=True)) == {"alice", "bob"}
    assert Code.objects.get(scheme=result.scheme, name="Rivalry").example == "poaching engineers"
    # The memos came back on their code, interview and region, and the study's one on the study.
    memos = {memo.title: memo for memo in Memo.objects.filter(study=copy).select_related("code", "interview", "region")}
    assert (memos["Rivalry"].code.name, memos["Tone"].interview.title) == ("Rivalry", "Foundry, Jürgen Weiß")
    assert (memos["Göteborg"].region.name, memos["Comparison"].target_kind) == ("Göteborg", "")
    assert (memos["Rivalry"].author.username, memos["Tone"].author.username) == ("alice", "bob")


def test_sources_can_go_to_one_chosen_region(demo, alice, bob):
    content = export(demo.study)
    target = factories.RegionFactory(study=factories.StudyFactory(), name="Cambridgeshire")
    factories.MembershipFactory(study=target.study, user=alice, role=Role.LEAD)
    result = import_into(target.study, content, alice, region=target)
    assert result.regions == [target] and target.interviews.count() == 3
    assert Actor.objects.filter(region=target, name="Jürgen Weiß").exists()


def test_coders_unknown_to_the_study_are_credited_to_the_chosen_user(demo, alice, bob, mallory):
    content = export(demo.study)
    mallory_study = Study.objects.get(title="Someone else's study")
    import_into(mallory_study, content, mallory)
    assert set(Coding.objects.filter(interview__region__study=mallory_study).values_list("coder", flat=True)) == {
        mallory.pk
    }


# --- Broken files: every problem named, nothing written -----------------------------------------


def rewrite(content: bytes, *, qde=None, sources=None, extra: dict[str, bytes] | None = None) -> bytes:
    """A copy of a .qdpx with project.qde and/or source files changed."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in archive.namelist():
            data = archive.read(name)
            if name == "project.qde" and qde is not None:
                data = qde(data.decode()).encode()
            elif name.startswith("Sources/") and sources is not None:
                data = sources(data)
            target.writestr(name, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def refused(study: Study, content: bytes, coder) -> list[str]:
    counts = (Interview.objects.count(), Coding.objects.count(), CodingScheme.objects.count(), Region.objects.count())
    with pytest.raises(ImportErrors) as caught:
        import_into(study, content, coder)
    assert counts == (
        Interview.objects.count(), Coding.objects.count(), CodingScheme.objects.count(), Region.objects.count()
    )  # fmt: skip
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def exported(demo, alice, bob):
    return export(demo.study), fresh_study(alice, bob)


def test_broken_xml_is_refused_with_its_line(exported, alice):
    content, target = exported
    problems = refused(target, rewrite(content, qde=lambda xml: xml.replace("</Users>", "</Userz>")), alice)
    assert len(problems) == 1 and "project.qde, line" in problems[0] and "not well-formed" in problems[0]


def test_a_source_in_another_encoding_is_refused(exported, alice):
    content, target = exported
    problems = refused(target, rewrite(content, sources=lambda data: data.decode().encode("latin-1", "replace")), alice)
    assert any("is not UTF-8 text" in problem and "Foundry, Jürgen Weiß" in problem for problem in problems)


def test_unknown_code_refs_and_offsets_past_the_end_are_all_reported(exported, alice):
    content, target = exported

    def damage(xml: str) -> str:
        selection = re.search(r'<PlainTextSelection [^>]*endPosition="(\d+)"', xml)
        xml = xml.replace(selection.group(0), selection.group(0).replace(selection.group(1), "99999"), 1)
        ref = re.findall(r'<CodeRef targetGUID="[^"]+"', xml)[-1]  # in another selection
        head, tail = xml.rsplit(ref, 1)
        return head + '<CodeRef targetGUID="00000000-0000-0000-0000-000000000000"' + tail

    problems = refused(target, rewrite(content, qde=damage), alice)
    assert any("endPosition 99999 is past the end of source" in problem for problem in problems)
    assert any("CodeRef '00000000-0000-0000-0000-000000000000' names no code" in problem for problem in problems)
    assert len(problems) == 2 and all(re.search(r"line \d+, <", problem) for problem in problems)


def test_duplicate_guids_are_refused(exported, alice):
    content, target = exported

    def duplicate(xml: str) -> str:
        first, second = re.findall(r'<PlainTextSelection guid="([^"]+)"', xml)[:2]
        return xml.replace(f'guid="{second}"', f'guid="{first}"', 1)

    problems = refused(target, rewrite(content, qde=duplicate), alice)
    assert sum("is used by 2 elements" in problem for problem in problems) == 2


def test_schema_violations_are_reported(exported, alice):
    content, target = exported
    problems = refused(target, rewrite(content, qde=lambda xml: xml.replace('isCodable="true"', "", 1)), alice)
    assert any("schema" in problem and "isCodable" in problem for problem in problems)


def test_not_a_zip_and_oversize_files_are_refused(exported, alice):
    content, target = exported
    assert "not a .qdpx (zip) file" in refused(target, b"plain text, not a zip", alice)[0]
    with override_settings(QDPX_MAX_UPLOAD_BYTES=len(content) - 1):
        assert "the limit is" in refused(target, content, alice)[0]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(exported, alice):
    content, target = exported
    bomb = rewrite(content, extra={"Sources/padding.txt": b"0" * 2_000_000})  # deflates to a few kB
    assert len(bomb) < 100_000
    with override_settings(QDPX_MAX_UNCOMPRESSED_BYTES=1_000_000):
        assert "the unpacked files would take" in refused(target, bomb, alice)[0]


def test_a_study_with_codings_keeps_its_scheme_and_matches_codes_to_it(demo, alice):
    content = export(demo.regions[0])
    schemes = CodingScheme.objects.count()
    extra = factories.RegionFactory(study=demo.study, name="Cambridgeshire")
    result = import_into(demo.study, content, alice, region=extra)
    assert result.scheme == demo.study.coding_scheme and CodingScheme.objects.count() == schemes
    copied = Coding.objects.filter(interview__region=extra)
    original = Coding.objects.filter(interview__region=demo.regions[0])
    assert sorted(copied.values_list("code", "start", "end")) == sorted(original.values_list("code", "start", "end"))


def test_a_code_outside_the_scheme_of_a_study_with_codings_is_named(demo, alice):
    rivalry = code_guid(demo.codes["rivalry"].pk)

    def other_code(xml: str) -> str:  # a new GUID and name for Rivalry, in the codebook and the CodeRefs
        return xml.replace(rivalry, "11111111-1111-1111-1111-111111111111").replace('"Rivalry"', '"Rivalry!"')

    content = rewrite(export(demo.regions[0]), qde=other_code)
    extra = factories.RegionFactory(study=demo.study, name="Cambridgeshire")
    with pytest.raises(ImportErrors) as caught:
        import_into(demo.study, content, alice, region=extra)
    problems = [str(problem) for problem in caught.value.problems]
    assert any("code 'Rivalry!'" in problem and "not in it" in problem for problem in problems)
    assert not extra.interviews.exists()


def test_titles_already_in_the_region_are_refused(demo, alice):
    problems = refused(demo.study, export(demo.study), alice)
    assert len(problems) == 3 and all("already has an interview with this title" in p for p in problems)


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("jobs_in_the_request")
def test_lead_imports_through_the_page(client, demo, alice, bob):
    content = export(demo.study)
    target = fresh_study(alice, bob)
    client.force_login(alice)
    url = reverse("exports:study-qdpx-import", args=[target.pk])
    upload = io.BytesIO(content)
    upload.name = "demo.qdpx"
    response = client.post(url, {"upload": upload, "coder": alice.pk})
    assert response.status_code == 302
    assert Coding.objects.filter(interview__region__study=target).count() == 6


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_page_lists_every_problem(client, demo, alice, bob):
    content = rewrite(export(demo.study), qde=lambda xml: xml.replace('endPosition="', 'endPosition="9', 2))
    target = fresh_study(alice, bob)
    client.force_login(alice)
    upload = io.BytesIO(content)
    upload.name = "broken.qdpx"
    url = reverse("exports:study-qdpx-import", args=[target.pk])
    response = client.post(url, {"upload": upload, "coder": alice.pk}, follow=True)
    assert response.status_code == 200  # the job's page
    assert response.content.decode().count("is past the end of source") == 2
    assert not Interview.objects.filter(region__study=target).exists()


def test_viewer_gets_403_and_non_member_404(client, study, carol, mallory):
    url = reverse("exports:study-qdpx-import", args=[study.pk])
    client.force_login(carol)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    client.force_login(mallory)
    assert client.get(url).status_code == 404


def test_the_page_refuses_an_oversize_upload_before_reading_it(client, study, alice):
    client.force_login(alice)
    upload = io.BytesIO(b"PK" + b"\0" * 100)
    upload.name = "big.qdpx"
    with override_settings(QDPX_MAX_UPLOAD_BYTES=50):
        response = client.post(
            reverse("exports:study-qdpx-import", args=[study.pk]), {"upload": upload, "coder": alice.pk}
        )
    assert response.status_code == 200 and "the limit is 50" in response.content.decode()
