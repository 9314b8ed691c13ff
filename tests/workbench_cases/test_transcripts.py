"""Reading uploads and re-anchoring codings (coding.interviews.files, anchoring, services), without views."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from coding.interviews import anchoring, files, services
from coding.models import Coding
from tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    """A minimal one-page PDF with ``text`` in Helvetica."""
    stream = f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_of(objects)


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of numbered ``objects`` (object 1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_txt_docx_and_pdf_are_read():
    assert files.extract_text(SimpleUploadedFile("a.txt", "Grüße\r\nzwei".encode())) == "Grüße\nzwei"
    text = files.extract_text(SimpleUploadedFile("a.docx", docx_bytes("First line", "Second line")))
    assert text == "First line\nSecond line"
    assert files.extract_text(SimpleUploadedFile("a.pdf", pdf_bytes("Hello PDF world"))) == "Hello PDF world"
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    # A blank page has no text: read as PDF, then refused as empty.
    with pytest.raises(ValidationError, match="no text"):
        files.extract_text(SimpleUploadedFile("a.pdf", buffer.getvalue()))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", "Grüße".encode("latin-1"), "not UTF-8"),
        ("a.docx", PNG, "not a Word document"),
        ("a.pdf", PNG, "not a PDF"),
        ("a.png", PNG, "Upload a .txt, .docx or .pdf"),
        ("a.docx", b"PK\x03\x04broken", "not a Word document"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ValidationError, match=message):
        files.extract_text(SimpleUploadedFile(name, content))


def test_oversize_files_are_refused(settings):
    settings.TRANSCRIPT_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="limit"):
        files.extract_text(SimpleUploadedFile("a.txt", b"x" * 11))


OLD = "Intro. We met at the Thursday lecture series. Later we shared the clean room. The end."


class FakeCoding:
    def __init__(self, pk: int, quote: str, text: str = OLD) -> None:
        self.pk, self.quote, self.start = pk, quote, text.index(quote)
        self.end = self.start + len(quote)


def test_exact_quotes_move_to_the_nearest_occurrence():
    new = "A new first paragraph. " + OLD
    anchors, lost = anchoring.reanchor(OLD, new, [FakeCoding(1, "Thursday lecture series")])
    assert not lost
    assert new[anchors[1].start : anchors[1].end] == "Thursday lecture series"


def test_lightly_edited_quotes_are_found_by_diff_and_deleted_ones_are_lost():
    new = OLD.replace("Thursday lecture series", "Thursday lectures series").replace(
        " Later we shared the clean room.", ""
    )
    codings = [FakeCoding(1, "Thursday lecture series"), FakeCoding(2, "shared the clean room")]
    anchors, lost = anchoring.reanchor(OLD, new, codings)
    assert anchors[1].quote == "Thursday lectures series"
    assert [c.pk for c in lost] == [2]


@pytest.mark.django_db(transaction=True)
def test_replace_transcript_moves_codings_in_one_transaction(study, bob, region):
    interview = factories.InterviewFactory(region=region, transcript=OLD)
    start = OLD.index("clean room")
    coding = factories.CodingFactory(interview=interview, coder=bob, start=start, length=10)
    new = "Preface added. " + OLD
    assert services.replace_transcript(interview=interview, new_text=new, user=bob) == 1
    coding.refresh_from_db()
    assert (coding.start, coding.quote) == (new.index("clean room"), "clean room")
    latest = coding.history.first()
    assert (latest.start, latest.history_user, latest.history_change_reason) == (
        coding.start,
        bob,
        "re-anchored after a transcript edit",
    )


@pytest.mark.django_db(transaction=True)
def test_replace_transcript_refuses_and_saves_nothing(study, bob, region):
    interview = factories.InterviewFactory(region=region, transcript=OLD)
    factories.CodingFactory(interview=interview, coder=bob, start=OLD.index("clean room"), length=10)
    with pytest.raises(services.TranscriptEditRefused) as refused:
        services.replace_transcript(interview=interview, new_text="Something completely different.")
    assert [c.quote for c in refused.value.lost] == ["clean room"]
    interview.refresh_from_db()
    assert interview.transcript == OLD
    assert Coding.objects.get().quote == "clean room"
