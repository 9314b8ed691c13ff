"""Damaged and hostile files are refused as ordinary import problems, and nothing is written:
a .qdpx whose members do not unpack, XML with a DOCTYPE (external entities, billion laughs),
a JSON dump nested deeper than the limit."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Study
from coding.exchange.dump import study_import
from coding.exchange.json_limits import MAX_DEPTH
from coding.exchange.records import ImportErrors
from coding.exchange.refi.qdc_reader import read_codebook
from tests.exchange.qdpx_fixtures import build_demo
from tests.exchange.test_qdc_import import HEAD, A
from tests.exchange.test_qdpx_import import export, fresh_study, refused, rewrite

EXTERNAL_ENTITY = '<!DOCTYPE Project [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE Project [<!ENTITY a "ha">'
    + "".join(f'<!ENTITY {chr(98 + level)} "{("&" + chr(97 + level) + ";") * 10}">' for level in range(9))
    + "]>"
)  # &j; would expand to 10^9 "ha"


@pytest.fixture
def exported(study, alice, bob) -> tuple[bytes, Study]:
    return export(build_demo(study, [alice, bob]).study), fresh_study(alice, bob)


def _member_data_offset(content: bytes, name: str) -> tuple[int, int]:
    """Where a member's compressed bytes start in the zip, and how many there are."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
    name_length, extra_length = struct.unpack("<HH", content[info.header_offset + 26 : info.header_offset + 30])
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def broken_deflate(content: bytes, name: str) -> bytes:
    """The member's deflate stream starting with a block of the reserved type 3 (zlib: invalid block type)."""
    start, _ = _member_data_offset(content, name)
    return content[:start] + b"\xff\xff" + content[start + 2 :]


def wrong_crc(content: bytes, name: str) -> bytes:
    """The member's CRC-32 in the central directory (the one zipfile checks) off by one."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
    entry = content.index(b"PK\x01\x02")
    while content[entry + 46 : entry + 46 + len(name)] != name.encode():
        entry = content.index(b"PK\x01\x02", entry + 4)
    crc = struct.pack("<I", (info.CRC + 1) & 0xFFFFFFFF)
    return content[: entry + 16] + crc + content[entry + 20 :]


def _source_name(content: bytes) -> str:
    return next(name for name in zipfile.ZipFile(io.BytesIO(content)).namelist() if name.startswith("Sources/"))


@pytest.mark.parametrize("damage", [broken_deflate, wrong_crc])
@pytest.mark.parametrize("member", ["project.qde", "a source"])
def test_a_member_that_does_not_unpack_is_an_import_problem(damage, member, exported, alice):
    content, target = exported
    name = _source_name(content) if member == "a source" else member
    with pytest.raises((zipfile.BadZipFile, zlib.error)):  # the damage is real: zipfile itself cannot read the member
        zipfile.ZipFile(io.BytesIO(damage(content, name))).read(name)
    problems = refused(target, damage(content, name), alice)
    assert problems == [problems[0]] and f"{name} is damaged and cannot be unpacked" in problems[0]


# libxml2 stops the billion laughs itself while parsing, a DOCTYPE that parses is refused after:
# either way the refusal names the DOCTYPE.
REFUSALS = {EXTERNAL_ENTITY: "the file declares a DOCTYPE", LAUGHS: "the file declares a DOCTYPE"}


@pytest.mark.parametrize("doctype", REFUSALS, ids=["external-entity", "billion-laughs"])
def test_a_project_with_a_doctype_is_refused(doctype, exported, alice):
    content, target = exported
    entity = "&e;" if doctype == EXTERNAL_ENTITY else "&j;"

    def hostile(xml: str) -> str:
        xml = xml.replace("<Project ", doctype + "\n<Project ", 1)
        return xml.replace("<Description>Foundries, clean rooms.</Description>", f"<Description>{entity}</Description>")

    problems = refused(target, rewrite(content, qde=hostile), alice)
    assert len(problems) == 1 and problems[0].startswith("project.qde") and REFUSALS[doctype] in problems[0]


@pytest.mark.parametrize("doctype", REFUSALS, ids=["external-entity", "billion-laughs"])
def test_a_codebook_with_a_doctype_is_refused(doctype):
    entity = "&e;" if doctype == EXTERNAL_ENTITY else "&j;"
    body = HEAD[HEAD.index("<CodeBook") :] + f'<Code guid="{A}" name="Code" isCodable="true">'
    data = doctype.replace("Project", "CodeBook") + body + f"<Description>{entity}</Description></Code>"
    data += "</Codes></CodeBook>"
    with pytest.raises(ImportErrors) as caught:
        read_codebook(data.encode())
    [problem] = [str(problem) for problem in caught.value.problems]
    assert problem.startswith("codebook.qdc") and REFUSALS[doctype] in problem


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_qdpx_page_lists_a_damaged_member_as_a_problem(client, exported, alice):
    content, target = exported
    client.force_login(alice)
    upload = SimpleUploadedFile("damaged.qdpx", wrong_crc(content, "project.qde"), "application/zip")
    response = client.post(
        reverse("exports:study-qdpx-import", args=[target.pk]), {"upload": upload, "coder": alice.pk}, follow=True
    )
    assert response.status_code == 200 and "project.qde is damaged and cannot be unpacked" in response.content.decode()


# --- The JSON dump ----------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_a_dump_nested_too_deeply_is_refused_naming_the_limit(depth, alice):
    before = Study.objects.count()
    with pytest.raises(ImportErrors) as caught:
        study_import(data=b"[" * depth + b"]" * depth, user=alice, filename="deep.json")
    assert [str(problem) for problem in caught.value.problems] == [
        f"deep.json: the JSON is nested more than {MAX_DEPTH} levels deep (arrays and objects inside each other)"
    ]
    assert Study.objects.count() == before


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_dump_import_page_answers_a_deep_dump_with_its_problem(client, alice):
    before = Study.objects.count()
    client.force_login(alice)
    upload = SimpleUploadedFile("deep.json", b'{"regions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    response = client.post(reverse("exports:study-import"), {"dump": upload}, follow=True)
    assert response.status_code == 200 and f"nested more than {MAX_DEPTH} levels deep" in response.content.decode()
    assert Study.objects.count() == before
