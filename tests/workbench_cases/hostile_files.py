"""Hostile transcript files, built at test time so nothing large is committed.

Each builder returns the bytes of one upload; the names say what each one attacks.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib

from tests.workbench_cases.test_transcripts import docx_bytes, pdf_of

MB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_OPEN = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
DOCUMENT_CLOSE = "</w:body></w:document>"


def _docx_with_document(chunks: object, *, level: int = 6) -> bytes:
    """A real .docx (from python-docx) with word/document.xml replaced by ``chunks`` (bytes, streamed)."""
    template = zipfile.ZipFile(io.BytesIO(docx_bytes("template")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, template.read(info))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for chunk in chunks:  # type: ignore[attr-defined]
                member.write(chunk)
    return buffer.getvalue()


def docx_zeros_bomb(megabytes: int = 200) -> bytes:
    """word/document.xml is ``megabytes`` MB of NUL bytes: about 1,000 to 1 (200 MB packs to ~200 KB)."""
    return _docx_with_document(b"\x00" * MB for _ in range(megabytes))


def docx_bomb_with_lying_header(megabytes: int = 120) -> bytes:
    """A valid-XML bomb whose central directory declares 1,000 bytes: only counting while reading sees it."""
    body = b"<w:p><w:r><w:t>" + b"a" * MB + b"</w:t></w:r></w:p>"
    data = bytearray(
        _docx_with_document([DOCUMENT_OPEN.encode(), *([body] * megabytes), DOCUMENT_CLOSE.encode()], level=9)
    )
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == name:
            # zip64: the real sizes are in the extra field; rewrite its uncompressed size too.
            extra_at = at + 46 + name_length
            if data[extra_at : extra_at + 2] == b"\x01\x00":
                data[extra_at + 4 : extra_at + 12] = (1000).to_bytes(8, "little")
            else:
                data[at + 24 : at + 28] = (1000).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def docx_many_paragraphs(count: int = 3_000_000) -> bytes:
    """``count`` empty paragraphs (3 million pack to a few hundred KB)."""
    batch = b"<w:p/>" * 100_000
    chunks = [DOCUMENT_OPEN.encode(), *([batch] * (count // 100_000)), DOCUMENT_CLOSE.encode()]
    return _docx_with_document(chunks)


def docx_numbered_paragraphs(count: int) -> bytes:
    """``count`` short paragraphs of random digits: compresses like real text, so only the paragraph cap applies."""
    rng = random.Random(count)
    paragraphs = (f"<w:p><w:r><w:t>{rng.randrange(10**6)}</w:t></w:r></w:p>" for _ in range(count))
    return _docx_with_document([DOCUMENT_OPEN.encode(), "".join(paragraphs).encode(), DOCUMENT_CLOSE.encode()])


def docx_long_text(paragraphs: int, characters: int = 1_000_000) -> bytes:
    """``paragraphs`` paragraphs of ``characters`` random letters each (libxml2 refuses longer text nodes)."""
    rng = random.Random(paragraphs)
    texts = ("".join(rng.choices("abcdefghij ", k=characters)) for _ in range(paragraphs))
    body = (f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode() for text in texts)
    return _docx_with_document([DOCUMENT_OPEN.encode(), *body, DOCUMENT_CLOSE.encode()])


def docx_entity_expansion() -> bytes:
    """The billion-laughs DOCTYPE: ten levels of ten entities, used in a run's text."""
    entities = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<w:document xmlns:w="{W_NS}"><w:body>'
        f"<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>{DOCUMENT_CLOSE}"
    )
    return _docx_with_document([xml.encode()])


def docx_external_entity() -> bytes:
    """A DOCTYPE with an external entity pointing at a local file."""
    xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>{DOCUMENT_CLOSE}'
    )
    return _docx_with_document([xml.encode()])


def docx_corrupted() -> bytes:
    """A real .docx with its compressed document part overwritten by garbage (zlib fails on read)."""
    data = bytearray(docx_bytes("Hello", "World"))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + info.compress_size] = bytes(range(256)) * (info.compress_size // 256) + bytes(
        info.compress_size % 256
    )
    return bytes(data)


def docx_truncated() -> bytes:
    data = docx_bytes("Hello", "World")
    return data[: len(data) // 2]


def pdf_flate_bomb(megabytes: int = 200) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB of spaces."""
    compressor = zlib.compressobj(9)
    packed = b"".join(compressor.compress(b" " * MB) for _ in range(megabytes)) + compressor.flush()
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        ]
    )


def pdf_many_pages(count: int) -> bytes:
    kids = b" ".join(b"3 0 R" for _ in range(count))
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] >>",
        ]
    )


def pdf_malformed() -> bytes:
    """A PDF header, then a cross-reference table and objects that point nowhere."""
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R /Size 99999999 >>\n"


def pdf_self_referencing_pages() -> bytes:
    """A page tree whose Pages node is its own kid."""
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def binary_garbage(size: int = 64 * 1024) -> bytes:
    return random.Random(size).randbytes(size)


def utf8_with_nul() -> bytes:
    return b"Interview\x00\x00 transcript"
