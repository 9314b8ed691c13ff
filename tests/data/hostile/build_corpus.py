"""Build the hostile-files corpus in this folder (the committed files are what the tests read).

Run from the project root: ``.venv/bin/python tests/data/hostile/build_corpus.py``. It rewrites
every file named in ``CORPUS`` and ``REFERENCE`` and nothing else; README.md says what each attacks.

Each file stays small (at most ~300 KB) however much it unpacks to: zeros and repeated text
deflate about 1,000 to 1. Zip timestamps are fixed, so a rebuild gives the same bytes. The
transcript builders come from ``tests/workbench_cases/hostile_files.py``; the .qdpx files start
from a real project written by ``coding.exchange.refi.qdpx``.
"""

from __future__ import annotations

import io
import json
import os
import random
import sys
import time
import types
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
MB = 1024 * 1024

# Fixed guids: the files are the same on every rebuild.
USER, CODE, CASE, SOURCE, SELECTION = (f"{n}{n}{n}{n}{n}{n}{n}{n}-0000-4000-8000-00000000000{n}" for n in "12345")
TEXT = "We cooperate with the foundry across the street; the institute trains our engineers."
QDE_DESCRIPTION = '<Description xmlns="urn:QDA-XML:project:1.0">A small project of the hostile corpus.</Description>'

EXTERNAL_ENTITY = '<!DOCTYPE {root} [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
# Ten levels of ten: &j; would expand to 10^9 times "ha".
LAUGHS = (
    '<!DOCTYPE {root} [<!ENTITY a "ha">'
    + "".join(f'<!ENTITY {chr(98 + level)} "{("&" + chr(97 + level) + ";") * 10}">' for level in range(9))
    + "]>"
)


def _frozen_zip_time() -> types.SimpleNamespace:
    """zipfile stamps members with ``time.localtime(time.time())``: 1980-01-01 instead, for every builder."""
    epoch = time.struct_time((1980, 1, 1, 0, 0, 0, 1, 1, 0))
    return types.SimpleNamespace(time=lambda: 0.0, localtime=lambda *_: epoch)


def zip_of(members: Iterable[tuple[str, bytes | Iterable[bytes]]], *, level: int = 9) -> bytes:
    """A zip of (name, content) members; content may be chunks, streamed (for the bombs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(content, bytes):
                archive.writestr(info, content)
                continue
            with archive.open(info, "w") as member:
                for chunk in content:
                    member.write(chunk)
    return buffer.getvalue()


def zeros(megabytes: int) -> Iterable[bytes]:
    return (bytes(MB) for _ in range(megabytes))


def central_entries(data: bytes | bytearray, name: str) -> list[int]:
    """Offsets of the central-directory entries of member ``name``."""
    found, at = [], data.find(b"PK\x01\x02")
    while at != -1:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == name.encode():
            found.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    return found


def data_offset(data: bytes, name: str) -> int:
    """Where member ``name``'s compressed bytes start (after its local header)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    start = info.header_offset
    name_length = int.from_bytes(data[start + 26 : start + 28], "little")
    extra_length = int.from_bytes(data[start + 28 : start + 30], "little")
    return start + 30 + name_length + extra_length


# --- Transcripts (.docx, .pdf, .txt): the interview pages ---------------------------------------


def docx_of(xml: bytes) -> bytes:
    """A Word document whose word/document.xml is ``xml``."""
    from tests.workbench_cases.hostile_files import _docx_with_document

    return _docx_with_document([xml])


def docx_paragraph_cap() -> bytes:
    """210,000 empty paragraphs (over the 200,000 cap) and a paragraph of random letters that keeps
    the compression ratio below the 200 to 1 limit, so only the paragraph count refuses it."""
    from tests.workbench_cases.hostile_files import DOCUMENT_CLOSE, DOCUMENT_OPEN

    rng = random.Random(210_000)
    noise = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz ", k=40_000))
    body = f"<w:p><w:r><w:t>{noise}</w:t></w:r></w:p>".encode() + b"<w:p/>" * 210_000
    return docx_of(DOCUMENT_OPEN.encode() + body + DOCUMENT_CLOSE.encode())


def docx_character_cap() -> bytes:
    """11 paragraphs of 1,000,000 letters (over 10,485,760 characters), with random text enough to
    keep the ratio below 200 to 1 and the unpacked size below 50 MB."""
    from tests.workbench_cases.hostile_files import DOCUMENT_CLOSE, DOCUMENT_OPEN

    rng = random.Random(11)
    noise = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz ", k=100_000))
    paragraphs = [f"<w:p><w:r><w:t>{'a' * 1_000_000}</w:t></w:r></w:p>".encode()] * 11
    noise_paragraph = f"<w:p><w:r><w:t>{noise}</w:t></w:r></w:p>".encode()
    return docx_of(DOCUMENT_OPEN.encode() + noise_paragraph + b"".join(paragraphs) + DOCUMENT_CLOSE.encode())


def docx_encrypted_flag() -> bytes:
    """A real document whose members all say "encrypted" (general purpose flag bit 0)."""
    from tests.workbench_cases.test_transcripts import docx_bytes

    data = bytearray(docx_bytes("Hello", "World"))
    for name in zipfile.ZipFile(io.BytesIO(bytes(data))).namelist():
        for at in central_entries(data, name):
            data[at + 8] |= 0x01
    return bytes(data)


def docx_without_document() -> bytes:
    return zip_of([("[Content_Types].xml", b"<Types/>"), ("word/styles.xml", b"<styles/>")])


def pdf_lying_page_count() -> bytes:
    """One empty page, but the page tree declares a billion (/Count 1000000000)."""
    from tests.workbench_cases.test_transcripts import pdf_of

    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] >>",
        ]
    )


def pdf_deep_nesting() -> bytes:
    """A page whose dictionary holds an array nested 20,000 levels deep."""
    from tests.workbench_cases.test_transcripts import pdf_of

    deep = b"[" * 20_000 + b"]" * 20_000
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Deep " + deep + b" >>",
        ]
    )


# --- REFI-QDA project (.qdpx) ----------------------------------------------------------------


def project_members() -> dict[str, bytes]:
    """project.qde and the source of a valid one-source project, written by our own exporter."""
    from coding.exchange.records import CaseRecord, CodeRecord, CodingRecord, SourceRecord, UserRecord
    from coding.exchange.refi.qdpx import write_project

    variables = {"Country": "Germany", "Technology field": "microsystems", "Lifecycle phase": ""}
    coding = CodingRecord(SELECTION, SOURCE, CODE, 3, 12, TEXT[3:12], USER)
    buffer = io.BytesIO()
    write_project(
        buffer,
        name="Hostile corpus",
        users=[UserRecord(USER, "alice")],
        codes=[CodeRecord(CODE, "Cooperation")],
        cases=[CaseRecord(CASE, "Hostile region", (SOURCE,), variables)],
        sources=[(SourceRecord(SOURCE, "Interview 1", TEXT), [coding])],
        created="2024-01-01T00:00:00",
        description="A small project of the hostile corpus.",
    )
    archive = zipfile.ZipFile(buffer)
    return {name: archive.read(name) for name in archive.namelist()}


SOURCE_MEMBER = f"Sources/{SOURCE}.txt"


def qdpx(qde: Callable[[str], str] | None = None, **sources: bytes | Iterable[bytes]) -> bytes:
    """The valid project with project.qde rewritten by ``qde`` and members replaced or added."""
    members = project_members()
    text = members.pop("project.qde").decode()
    members.pop(SOURCE_MEMBER)
    content: dict[str, bytes | Iterable[bytes]] = {
        "project.qde": (qde(text) if qde else text).encode(),
        SOURCE_MEMBER: TEXT.encode(),
        **members,
    }
    content.update({name.replace("|", "/"): data for name, data in sources.items()})
    return zip_of(content.items())


def with_doctype(doctype: str, entity: str) -> Callable[[str], str]:
    def rewrite(xml: str) -> str:
        assert QDE_DESCRIPTION in xml
        xml = xml.replace("<Project ", doctype.format(root="Project") + "\n<Project ", 1)
        return xml.replace(QDE_DESCRIPTION, f"<Description>{entity}</Description>")

    return rewrite


def source_path(path: str) -> Callable[[str], str]:
    """The source's plainTextPath set to ``path``."""
    original = f'plainTextPath="internal://{SOURCE}.txt"'

    def rewrite(xml: str) -> str:
        assert original in xml
        return xml.replace(original, f'plainTextPath="{path}"')

    return rewrite


def qdpx_bomb_lying_header() -> bytes:
    """A 10 MB source whose central directory declares 1,000 bytes."""
    data = bytearray(qdpx(**{SOURCE_MEMBER: zeros(10)}))
    for at in central_entries(data, SOURCE_MEMBER):
        data[at + 24 : at + 28] = (1000).to_bytes(4, "little")
    return bytes(data)


def qdpx_broken_deflate() -> bytes:
    """The source's deflate stream starts with a block of the reserved type 3 (zlib: invalid block type)."""
    data = qdpx()
    start = data_offset(data, SOURCE_MEMBER)
    return data[:start] + b"\xff\xff" + data[start + 2 :]


def qdpx_wrong_crc() -> bytes:
    """project.qde's CRC-32 in the central directory off by one."""
    data = bytearray(qdpx())
    for at in central_entries(data, "project.qde"):
        crc = int.from_bytes(data[at + 16 : at + 20], "little")
        data[at + 16 : at + 20] = ((crc + 1) & 0xFFFFFFFF).to_bytes(4, "little")
    return bytes(data)


def qdpx_encrypted_flag() -> bytes:
    data = bytearray(qdpx())
    for at in central_entries(data, SOURCE_MEMBER):
        data[at + 8] |= 0x01
    return bytes(data)


def qdpx_symlink() -> bytes:
    """The source member is a symbolic link (Unix mode 120777) to /etc/passwd."""
    members = project_members()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            if name == SOURCE_MEMBER:
                info.create_system = 3  # Unix
                info.external_attr = 0o120777 << 16
                content = b"/etc/passwd"
            archive.writestr(info, content)
    return buffer.getvalue()


def qdpx_nested_zip() -> bytes:
    """The source member is itself a zip: 50 MB of zeros inside."""
    inner = zip_of([("inner.txt", zeros(50))])
    return qdpx(**{SOURCE_MEMBER: inner})


def qdpx_deep_xml(xml: str) -> str:
    assert QDE_DESCRIPTION in xml
    return xml.replace(QDE_DESCRIPTION, "<Description>" + "<a>" * 100_000 + "</a>" * 100_000 + "</Description>")


def qdpx_oversize_transcript() -> bytes:
    """12 MiB of text as the source (12,582,912 characters, over the 10,485,760 limit)."""
    return qdpx(**{SOURCE_MEMBER: (b"ab " * (MB // 3) + b"a" for _ in range(12))})


# --- REFI-QDA codebook (.qdc) ----------------------------------------------------------------

QDC_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
QDC_OPEN = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hostile corpus"><Codes>'
QDC_CLOSE = "</Codes></CodeBook>"


def qdc_with_doctype(doctype: str, entity: str) -> bytes:
    code = f'<Code guid="{CODE}" name="Cooperation" isCodable="true"><Description>{entity}</Description></Code>'
    return (QDC_HEAD + doctype.format(root="CodeBook") + "\n" + QDC_OPEN + code + QDC_CLOSE).encode()


def qdc_deep() -> bytes:
    """Codes nested 10,000 levels deep (libxml2 stops at 256 without XML_PARSE_HUGE)."""
    return (QDC_HEAD + QDC_OPEN + "<Code>" * 10_000 + "</Code>" * 10_000 + QDC_CLOSE).encode()


def many_codes(count: int) -> list[tuple[str, str]]:
    """(guid, name) of ``count`` codes; sequential GUIDs, so a .qdpx of them packs small."""
    return [(f"00000000-0000-4000-8000-{n:012d}", f"Code {n}") for n in range(count)]


def qdc_many_codes() -> bytes:
    """1,500 codes side by side: valid, but each costs a request ~6 ms of checks and writes."""
    codes = "".join(f'<Code guid="{guid}" name="{name}" isCodable="true"/>' for guid, name in many_codes(1500))
    return (QDC_HEAD + QDC_OPEN + codes + QDC_CLOSE).encode()


def qdpx_many_codes(xml: str) -> str:
    codes = "".join(f'<Code guid="{guid}" name="{name}" isCodable="true"/>' for guid, name in many_codes(1500))
    book = '<CodeBook xmlns="urn:QDA-XML:project:1.0">\n    <Codes>'
    assert book in xml
    return xml.replace(book, book + codes, 1)


def qdc_latin1() -> bytes:
    """Declared UTF-8, written in Latin-1 ("Grün" with a lone 0xFC byte)."""
    code = f'<Code guid="{CODE}" name="Grün" isCodable="true"/>'
    return (QDC_HEAD + QDC_OPEN + code + QDC_CLOSE).encode("latin-1")


# --- CSV import ------------------------------------------------------------------------------


def csv_formula_injection() -> bytes:
    # The four formula starts of OWASP's CSV injection page, as actor names.
    rows = [
        "name,kind",
        "\"=cmd|' /C calc'!A0\",person",
        "\"@SUM(1+1)*cmd|' /C calc'!A0\",person",
        "+1+cmd|' /C calc'!A0,person",
        "\"-2+3+cmd|' /C calc'!A0\",person",
    ]
    return ("\r\n".join(rows) + "\r\n").encode()


def csv_utf16_lone_surrogate() -> bytes:
    """UTF-16 with a byte-order mark, and a high surrogate with no low one after it."""
    return b"\xff\xfe" + "name,kind\nA".encode("utf-16-le") + b"\x00\xd8" + "B,person\n".encode("utf-16-le")


def csv_sniffer_quadratic() -> bytes:
    """A header, then 32,000 times ',"' in one line: csv.Sniffer's quote patterns scan on to the end of
    the sample from every one (quadratic: 20 s for a 64 KB sample here)."""
    return b"name,kind\n" + b',"' * 32_000 + b"\n"


# --- JSON study dump -------------------------------------------------------------------------


def dump(**changes: object) -> dict:
    """A valid study dump (one region, an actor, an interview with a coding); ``changes`` go into the region."""
    region = {
        "key": "r1",
        "name": "Hostile region",
        "country": "Germany",
        "technology_field": "microsystems",
        "actors": [{"key": "a1", "kind": "person", "name": "Anna"}],
        "interviews": [
            {"key": "i1", "title": "Interview 1", "interviewees": ["a1"], "transcript": TEXT, "codings": []}
        ],
    }
    region.update(changes)
    return {
        "format": "cluster-case-studies/study-dump",
        "version": 1,
        "study": {"title": "Hostile dump"},
        "scheme": {"name": "Hostile scheme", "version": 1, "codes": [{"key": "k1", "name": "Cooperation"}]},
        "regions": [region],
    }


def dumped(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def dump_with(text_from: str, text_to: str, document: dict | None = None) -> bytes:
    """The dump as JSON text with one literal replaced (for what json.dumps cannot write)."""
    text = dumped(document or dump()).decode()
    assert text_from in text, text_from
    return text.replace(text_from, text_to, 1).encode()


def dump_refs_outside() -> bytes:
    """Looks valid, but names an actor, a code and users that are not in the file or this installation,
    and a database id where a key belongs."""
    document = dump()
    interview = document["regions"][0]["interviews"][0]
    interview["interviewees"] = ["a999"]
    interview["interviewer"] = "nobody-here"
    interview["codings"] = [
        {"key": "c1", "code": "k999", "coder": "ghost", "start": 3, "end": 12, "quote": TEXT[3:12]},
    ]
    document["regions"][0]["actors"][0]["affiliation"] = 1
    return dumped(document)


def dump_deep_code_chain() -> bytes:
    """1,000 codes (the most a scheme may have), each the parent of the next, listed deepest first (flat JSON)."""
    document = dump()
    document["scheme"]["codes"] = [
        {"key": f"k{n}", "name": f"Level {n}", **({"parent": f"k{n - 1}"} if n else {})} for n in reversed(range(1000))
    ]
    return json.dumps(document).encode()


def dump_many_codes() -> bytes:
    document = dump()
    document["scheme"]["codes"] = [{"key": f"k{n}", "name": f"Code {n}"} for n in range(1500)]
    return json.dumps(document).encode()


def dump_long_transcript() -> bytes:
    """A transcript of 150,000 characters; the test lowers TRANSCRIPT_MAX_UPLOAD_BYTES to 100,000."""
    document = dump()
    document["regions"][0]["interviews"][0]["transcript"] = "a " * 75_000
    return json.dumps(document).encode()


# --- The corpus --------------------------------------------------------------------------------


def corpus() -> dict[str, Callable[[], bytes]]:
    from tests.workbench_cases import hostile_files as transcripts
    from tests.workbench_cases.test_transcripts import docx_bytes

    return {
        # Word documents.
        "docx-zeros-bomb.docx": lambda: transcripts.docx_zeros_bomb(200),
        "docx-bomb-lying-header.docx": lambda: transcripts.docx_bomb_with_lying_header(60),
        "docx-3-million-empty-paragraphs.docx": lambda: transcripts.docx_many_paragraphs(3_000_000),
        "docx-210k-paragraphs.docx": docx_paragraph_cap,
        "docx-11-million-characters.docx": docx_character_cap,
        "docx-billion-laughs.docx": transcripts.docx_entity_expansion,
        "docx-external-entity.docx": transcripts.docx_external_entity,
        "docx-corrupted-deflate.docx": transcripts.docx_corrupted,
        "docx-truncated.docx": transcripts.docx_truncated,
        "docx-encrypted-flag.docx": docx_encrypted_flag,
        "docx-not-a-zip.docx": lambda: b"This is plain text renamed to .docx.\n",
        "docx-zip-without-document.docx": docx_without_document,
        # PDF.
        "pdf-flate-bomb.pdf": lambda: transcripts.pdf_flate_bomb(60),
        "pdf-2500-pages.pdf": lambda: transcripts.pdf_many_pages(2500),
        "pdf-lying-page-count.pdf": pdf_lying_page_count,
        "pdf-cyclic-page-tree.pdf": transcripts.pdf_self_referencing_pages,
        "pdf-malformed.pdf": transcripts.pdf_malformed,
        "pdf-deep-nesting.pdf": pdf_deep_nesting,
        "pdf-not-a-pdf.pdf": lambda: docx_bytes("A Word document renamed to .pdf"),
        # Plain text.
        "txt-binary-garbage.txt": lambda: transcripts.binary_garbage(64 * 1024),
        "txt-nul-bytes.txt": transcripts.utf8_with_nul,
        "txt-utf16.txt": lambda: "Interview transcript in UTF-16.\n".encode("utf-16"),
        "txt-latin1.txt": lambda: "Grüße aus Dortmund, Göteborg und Málaga.\n".encode("latin-1"),
        # REFI-QDA projects.
        "qdpx-zip-bomb-member.qdpx": lambda: qdpx(**{SOURCE_MEMBER: zeros(210)}),
        "qdpx-bomb-lying-header.qdpx": qdpx_bomb_lying_header,
        "qdpx-damaged-deflate.qdpx": qdpx_broken_deflate,
        "qdpx-wrong-crc.qdpx": qdpx_wrong_crc,
        "qdpx-encrypted-flag.qdpx": qdpx_encrypted_flag,
        "qdpx-external-entity.qdpx": lambda: qdpx(with_doctype(EXTERNAL_ENTITY, "&e;")),
        "qdpx-billion-laughs.qdpx": lambda: qdpx(with_doctype(LAUGHS, "&j;")),
        "qdpx-deeply-nested-xml.qdpx": lambda: qdpx(qdpx_deep_xml),
        "qdpx-path-traversal.qdpx": lambda: qdpx(
            source_path("internal://../../etc/cron.d/x.txt"), **{"Sources|../../etc/cron.d/x.txt": TEXT.encode()}
        ),
        "qdpx-absolute-member.qdpx": lambda: qdpx(**{"|etc|passwd": b"root:x:0:0:root:/root:/bin/sh\n"}),
        "qdpx-source-outside-archive.qdpx": lambda: qdpx(source_path("file:///etc/passwd")),
        "qdpx-missing-source.qdpx": lambda: qdpx(source_path("internal://missing.txt")),
        "qdpx-symlink-member.qdpx": qdpx_symlink,
        "qdpx-nested-zip.qdpx": qdpx_nested_zip,
        "qdpx-oversize-transcript.qdpx": qdpx_oversize_transcript,
        "qdpx-1500-codes.qdpx": lambda: qdpx(qdpx_many_codes),
        "qdpx-not-a-zip.qdpx": lambda: b"<Project>not a zip</Project>\n",
        # REFI-QDA codebooks.
        "qdc-external-entity.qdc": lambda: qdc_with_doctype(EXTERNAL_ENTITY, "&e;"),
        "qdc-billion-laughs.qdc": lambda: qdc_with_doctype(LAUGHS, "&j;"),
        "qdc-10k-levels-deep.qdc": qdc_deep,
        "qdc-1500-codes.qdc": qdc_many_codes,
        "qdc-latin1.qdc": qdc_latin1,
        "qdc-binary-garbage.qdc": lambda: random.Random(6).randbytes(64 * 1024),
        # CSV tables.
        "csv-huge-field.csv": lambda: b'name,kind\n"' + b"x" * 140_000 + b'",person\n',
        "csv-25k-columns.csv": lambda: (",".join(f"c{n}" for n in range(25_000)) + "\nA,person\n").encode(),
        "csv-150k-blank-rows.csv": lambda: b"name,kind\n" + b"\n" * 150_000 + b"Last,person\n",
        "csv-12k-rows.csv": lambda: b"name,kind\n" + b"".join(b"p%d,person\n" % n for n in range(12_000)),
        "csv-nul-bytes.csv": lambda: b"name,kind\nA\x00B,person\n",
        "csv-formula-injection.csv": csv_formula_injection,
        "csv-utf16-without-bom.csv": lambda: "name,kind\nAnna,person\n".encode("utf-16-le"),
        "csv-utf16-lone-surrogate.csv": csv_utf16_lone_surrogate,
        "csv-utf16-odd-length.csv": lambda: b"\xff\xfe" + "name,kind\nA,person\n".encode("utf-16-le") + b"x",
        "csv-utf8-bom-then-latin1.csv": lambda: b"\xef\xbb\xbfname,kind\nM\xfcller,person\n",
        "csv-undefined-cp1252-bytes.csv": lambda: b"name,kind\nA\x81\x8d,person\n",
        "csv-unbalanced-quotes.csv": lambda: b'name,kind\n"Unclosed,person\nB,organisation\n',
        "csv-sniffer-quadratic.csv": csv_sniffer_quadratic,
        # JSON study dumps.
        "json-100k-deep.json": lambda: b'{"regions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "json-float-overflow.json": lambda: dump_with(
            '"Germany"', '"Germany", "centroid_latitude": 1e999999, "centroid_longitude": 7.5'
        ),
        "json-100000-digit-integer.json": lambda: dump_with('"version": 1', '"version": 1' + "0" * 100_000),
        "json-nan-infinity.json": lambda: dump_with(
            '"Germany"', '"Germany", "centroid_latitude": NaN, "centroid_longitude": Infinity'
        ),
        "json-duplicate-keys.json": lambda: dump_with('"title": "Hostile dump"', '"title": "A", "title": "B"'),
        "json-wrong-types.json": lambda: dumped({"format": 5, "version": "one", "study": [], "regions": {}}),
        "json-not-utf8.json": lambda: dumped(dump(name="Müller-Region")).decode().encode("latin-1"),
        "json-refs-outside.json": dump_refs_outside,
        "json-deep-code-chain.json": dump_deep_code_chain,
        "json-nul-in-string.json": lambda: dump_with('"title": "Hostile dump"', '"title": "Hostile\\u0000dump"'),
        "json-lone-surrogate.json": lambda: dump_with('"title": "Hostile dump"', '"title": "Hostile \\ud800 dump"'),
        "json-1500-codes.json": dump_many_codes,
        "json-long-transcript.json": dump_long_transcript,
        "json-not-an-object.json": lambda: b'["a list, not a study dump"]\n',
        "json-empty.json": lambda: b"",
    }


def reference() -> dict[str, Callable[[], bytes]]:
    """Small valid uploads, one per type: each path accepts its own (the tests' and benchmark's baseline)."""
    from tests.workbench_cases.test_transcripts import docx_bytes, pdf_bytes

    return {
        "valid.docx": lambda: docx_bytes("Interviewer: How do you cooperate?", "Founder: Through the institute."),
        "valid.pdf": lambda: pdf_bytes("Founder: we cooperate through the institute."),
        "valid.txt": lambda: b"Interviewer: How do you cooperate?\nFounder: Through the institute.\n",
        "valid.qdpx": qdpx,
        "valid.qdc": lambda: (
            QDC_HEAD + QDC_OPEN + f'<Code guid="{CODE}" name="Cooperation" isCodable="true"/>' + QDC_CLOSE
        ).encode(),
        "valid.csv": lambda: b"name,kind\nAnna Lindqvist,person\nJonas Berg,person\n",
        "valid.json": lambda: dumped(dump()),
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_site.settings_test")
    import django

    django.setup()  # the transcript builders live in test modules that import models
    zipfile.time = _frozen_zip_time()  # type: ignore[attr-defined]
    (HERE / "reference").mkdir(exist_ok=True)
    for folder, builders in ((HERE, corpus()), (HERE / "reference", reference())):
        for name, build in builders.items():
            data = build()
            (folder / name).write_bytes(data)
            print(f"{len(data):>9,} bytes  {folder.relative_to(ROOT) / name}")


if __name__ == "__main__":
    main()
