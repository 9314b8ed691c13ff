"""The .qdpx download: valid against the REFI-QDA schema, offsets that point at the quotes,
pseudonyms on request, and a query count that does not grow with the codings."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from lxml import etree

from coding.exchange.records import CaseRecord, CodeRecord, CodingRecord, SourceRecord, UserRecord
from coding.exchange.refi.codebook import code_guid
from coding.exchange.refi.qdc import CODEBOOK_NS, PROJECT_NS
from coding.exchange.refi.qdc_reader import read_codebook
from coding.exchange.refi.qdpx import write_project
from coding.exchange.refi.qdpx_reader import read_project
from tests import factories
from tests.exchange.qdpx_fixtures import NS, build_demo, open_project, schema


@pytest.fixture
def demo(study, alice, bob):
    return build_demo(study, [alice, bob])


def download(client, user, name: str, pk: int, fmt: str = "qdpx", query: str = "") -> bytes:
    client.force_login(user)
    response = client.get(reverse(name, args=[pk, fmt]) + query)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert ".qdpx" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def test_export_validates_against_the_refi_qda_project_schema(client, carol, demo):
    root, _ = open_project(download(client, carol, "exports:study-file", demo.study.pk))
    xsd = schema()
    assert xsd.validate(root), xsd.error_log


def test_sources_hold_the_transcripts_and_selections_point_at_the_quotes(client, carol, demo):
    root, archive = open_project(download(client, carol, "exports:study-file", demo.study.pk))
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert len(sources) == 3
    quotes = set()
    for source in sources:
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        text = archive.read("Sources/" + path.removeprefix("internal://")).decode("utf-8")
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            quotes.add(text[start:end])
            coding = selection.find("q:Coding", NS)
            assert coding.get("creatingUser") in {user.get("guid") for user in root.iterfind(".//q:User", NS)}
            assert coding.find("q:CodeRef", NS).get("targetGUID") == code_guid(
                next(c for c in demo.codes.values() if c.codings.filter(quote=text[start:end]).exists()).pk
            )
    # Code points, not bytes or UTF-16 units: the emoji and the CRLF count once and twice.
    assert "Konkurrenz? 😀\r\nJürgen" in quotes and "caféet vid Chalmers" in quotes
    assert len(quotes) == 6
    assert {user.get("name") for user in root.iterfind(".//q:User", NS)} == {"alice", "bob"}


def test_cases_are_regions_with_their_interviews(client, carol, demo):
    root, _ = open_project(download(client, carol, "exports:study-file", demo.study.pk))
    cases = {case.get("name"): case for case in root.iterfind(".//q:Case", NS)}
    assert set(cases) == {"Dortmund", "Göteborg"}
    assert len(cases["Göteborg"].findall("q:SourceRef", NS)) == 2
    assert cases["Dortmund"].findtext("q:Description", namespaces=NS) == "Ruhr area"


def test_region_export_has_only_that_region(client, carol, demo):
    root, _ = open_project(download(client, carol, "exports:region-file", demo.regions[1].pk))
    assert [source.get("name") for source in root.iterfind(".//q:TextSource", NS)] == ["Lab founder", "Not yet coded"]
    assert schema().validate(root)


def test_the_codebook_inside_round_trips_through_the_qdc_reader(client, carol, demo):
    root, _ = open_project(download(client, carol, "exports:study-file", demo.study.pk))
    book = root.find("q:CodeBook", NS)
    qdc = book.__copy__()
    # The same tree in the codebook namespace is a .qdc document.
    for element in qdc.iter():
        element.tag = element.tag.replace(PROJECT_NS, CODEBOOK_NS)
    from lxml import etree

    data = etree.tostring(qdc, xml_declaration=True, encoding="utf-8")
    codes = read_codebook(data)
    by_name = {code.name: code for code in codes}
    assert set(by_name) == {"Cooperation", "Shared infrastructure", "Rivalry", "Low-threshold contact"}
    assert by_name["Low-threshold contact"].parent_guid == by_name["Shared infrastructure"].guid
    assert by_name["Shared infrastructure"].guid == code_guid(demo.codes["joint"].pk)
    assert by_name["Cooperation"].colour == "#F58518"


def test_pseudonymised_export_hides_names_and_moves_offsets(client, carol, demo):
    content = download(client, carol, "exports:study-file", demo.study.pk, "qdpx-pseudonymised")
    assert "Jürgen".encode() not in content  # zip entries are deflated: look inside
    root, archive = open_project(content)
    assert schema().validate(root)
    everything = archive.read("project.qde").decode() + "".join(
        archive.read(name).decode() for name in archive.namelist() if name.startswith("Sources/")
    )
    for name in ("Jürgen", "Weiß", "Åsa", "Öberg", "alice", "bob"):
        assert name not in everything
    de = next(s for s in root.iterfind(".//q:TextSource", NS) if s.get("name").startswith("Foundry"))
    text = archive.read("Sources/" + de.get("plainTextPath").removeprefix("internal://")).decode()
    selections = de.findall("q:PlainTextSelection", NS)
    quotes = [text[int(s.get("startPosition")) : int(s.get("endPosition"))] for s in selections]
    assert "Donnerstagsreihe getroffen" in quotes and "später teilten wir den Reinraum" in quotes
    assert any(quote.startswith("Person ") and quote.endswith("Ingenieure ab.") for quote in quotes)
    # The query parameter asks for the same thing.
    again = download(client, carol, "exports:study-file", demo.study.pk, query="?pseudonymised=1")
    assert "Jürgen" not in open_project(again)[1].read("project.qde").decode()


def test_non_member_gets_404(client, mallory, demo):
    client.force_login(mallory)
    assert client.get(reverse("exports:study-file", args=[demo.study.pk, "qdpx"])).status_code == 404
    assert client.get(reverse("exports:region-file", args=[demo.regions[0].pk, "qdpx"])).status_code == 404


def test_query_count_does_not_grow_with_the_codings(client, carol, demo):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            download(client, carol, "exports:study-file", demo.study.pk)
        return len(queries)

    count()  # the first request of a session also loads the session and caches
    before = count()
    for interview in demo.interviews:
        extra = factories.InterviewFactory(region=interview.region)
        for start in range(0, 60, 2):
            factories.CodingFactory(interview=extra, coder=demo.coders[start % 2], start=start, length=5)
            factories.CodingFactory(interview=interview, coder=factories.UserFactory(), start=start % 20, length=3)
    # 15, one for the memos, one for the study variables (none here), and one for the language the
    # user chose, read at login (download() logs in inside the count).
    assert count() == before <= 18


def test_export_page_offers_the_project_and_the_import(client, alice, demo):
    client.force_login(alice)
    page = client.get(reverse("exports:study-list", args=[demo.study.pk])).content.decode()
    assert reverse("exports:study-file", args=[demo.study.pk, "qdpx"]) in page
    assert reverse("exports:region-file", args=[demo.regions[0].pk, "qdpx-pseudonymised"]) in page
    assert reverse("exports:study-qdpx-import", args=[demo.study.pk]) in page


def test_a_study_without_regions_or_codes_is_still_a_valid_project(client, carol, study):
    root, archive = open_project(download(client, carol, "exports:study-file", study.pk))
    assert schema().validate(root) and archive.namelist() == ["project.qde"]


# --- The writer on its own (no database) --------------------------------------------------


CODE = "11111111-1111-4111-8111-111111111111"
SOURCE = "22222222-2222-4222-8222-222222222222"
CODING = "33333333-3333-4333-8333-333333333333"
USER = "55555555-5555-4555-8555-555555555555"


def write_one_source(
    text: str, start: int, end: int, *, memo: str = "", title: str = "Interview 1", code: str = "Code"
) -> bytes:
    out = io.BytesIO()
    write_project(
        out,
        name="Study",
        users=[UserRecord(USER, "coder_1")],
        codes=[CodeRecord(CODE, code)],
        cases=[CaseRecord("44444444-4444-4444-8444-444444444444", "Region", (SOURCE,))],
        sources=[
            (
                SourceRecord(SOURCE, title, text, memo=memo),
                [CodingRecord(CODING, SOURCE, CODE, start, end, text[start:end], coder_guid=USER, memo=memo)],
            )
        ],
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "memo", "title", "code"),
    [
        ("Line one\x0bline two of the answer", "", "Interview 1", "Code"),  # vertical tab in the quote
        ("A plain answer", "memo\x1fwith unit separator", "Interview 1", "Code"),
        ("A plain answer", "", "Interview\x0c1", "Code"),
        ("A plain answer", "", "Interview 1", "Co\x00de\uffff"),
    ],
)
def test_xml_invalid_control_characters_become_replacement_characters(text, memo, title, code):
    # lxml used to raise "All strings must be XML compatible": the whole download failed.
    data = write_one_source(text, 0, 14, memo=memo, title=title, code=code)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde")
        # The transcript stays as it is, so the offsets still point at the quote.
        assert archive.read(f"Sources/{SOURCE}.txt").decode("utf-8") == text
    schema().assertValid(etree.fromstring(qde))
    parsed = read_project(io.BytesIO(data), max_uncompressed=10**7)
    assert len(parsed.codings) == 1 and parsed.codings[0].quote == text[:14]
    assert (parsed.sources[0].name, parsed.codes[0].name) == (
        title.replace("\x0c", "\ufffd"),
        code.replace("\x00", "\ufffd").replace("\uffff", "\ufffd"),
    )


def test_round_trip_keeps_offsets_of_a_transcript_starting_with_a_bom():
    # A transcript pasted or imported with a leading U+FEFF: the reader drops one as the file's
    # byte-order mark, so without a mark of its own every selection moved by one code point.
    text = "\ufeffInterviewer: Wer kooperiert mit wem?"
    start, end = text.index("Wer"), text.index("?") + 1
    parsed = read_project(io.BytesIO(write_one_source(text, start, end)), max_uncompressed=10**7)
    coding = parsed.codings[0]
    assert (coding.start, coding.end, coding.quote) == (start, end, "Wer kooperiert mit wem?")
    assert parsed.sources[0].text == text


def test_a_transcript_without_a_bom_is_written_without_one():
    with zipfile.ZipFile(io.BytesIO(write_one_source("Plain text", 0, 5))) as archive:
        assert archive.read(f"Sources/{SOURCE}.txt") == b"Plain text"
