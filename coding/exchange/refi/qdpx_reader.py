"""Reading a REFI-QDA project (.qdpx): every problem is collected, nothing is returned half-read.

Checks, each reported with the file, line and element: the zip itself (not a zip, uncompressed
size over the limit: a zip bomb is refused from its directory and again while reading, since the
directory can lie; a member named outside the archive, ``../x`` or ``/etc/x``, or stored as a
symbolic link: crafted, never written by a QDA program), ``project.qde`` well-formed and valid
against the REFI-QDA project schema, GUIDs unique, the codebook (as in a .qdc), each text source
present, UTF-8 and no longer than a transcript may be, selections inside their text and coded
with codes of the codebook. Parsing is hardened as in ``qdc_import``. No Django here.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import replace
from functools import cache
from lzma import LZMAError
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from coding.exchange.records import (
    CaseRecord,
    CodeRecord,
    CodingRecord,
    ImportErrors,
    ParsedProject,
    Problem,
    SourceRecord,
    UserRecord,
)
from coding.exchange.refi.notes import read_notes
from coding.exchange.refi.qdc import PROJECT_NS
from coding.exchange.refi.qdc_reader import parse_xml, read_codes
from coding.exchange.refi.qdpx import INTERNAL, INTERVIEWEE_SEPARATOR, PROJECT_FILE, SOURCE_VARIABLES
from coding.exchange.refi.variable_reader import read_study_variables

SCHEMA = Path(__file__).resolve().parent / "schema" / "Project-mrt2019.xsd"
READ_CHUNK = 1024 * 1024
# A name that leaves the archive when unpacked: absolute (/x, \\x, C:x) or with a ".." part.
OUTSIDE = re.compile(r"^(?:[/\\]|[A-Za-z]:)|(?:^|[/\\])\.\.(?:[/\\]|$)")
UTF8_MAX_BYTES_PER_CHARACTER = 4
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, LZMAError)


def q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


@cache
def project_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def norm(guid: str) -> str:
    return guid.strip().strip("{}").lower()


def _crafted_members(archive: zipfile.ZipFile, filename: str) -> list[Problem]:
    """Members no QDA program writes: named outside the archive, or symbolic links."""
    problems = []
    for info in archive.infolist():
        if OUTSIDE.search(info.filename):
            message = f"the archive holds {info.filename!r}, a name outside the archive (absolute or with ..)"
            problems.append(Problem(filename, message + ": not read"))
        elif info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):  # 3: made on Unix
            problems.append(Problem(filename, f"{info.filename} is a symbolic link, not a file: not read"))
    return problems


class _Reader:
    """Reads members of the zip with a budget for the total uncompressed size."""

    def __init__(
        self, archive: zipfile.ZipFile, filename: str, max_uncompressed: int, max_source_chars: int | None = None
    ) -> None:
        self.archive, self.filename, self.budget = archive, filename, max_uncompressed
        self.max_source_chars = max_source_chars
        # Folder names differ between tools ("Sources/", "sources/"): match case-insensitively.
        self.members = {info.filename.lower(): info for info in archive.infolist() if not info.is_dir()}

    def read(self, name: str) -> bytes:
        info = self.members[name.lower()]
        chunks: list[bytes] = []
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(READ_CHUNK):
                    self.budget -= len(chunk)
                    if self.budget < 0:
                        raise ImportErrors([Problem(self.filename, "the unpacked files are larger than the limit")])
                    chunks.append(chunk)
        except DAMAGED as error:
            # The directory can be intact while a member is not: a bad CRC, a broken deflate stream,
            # a truncated file, or a compression or encryption we cannot read.
            message = f"{info.filename} is damaged and cannot be unpacked: {error}"
            raise ImportErrors([Problem(self.filename, message)]) from error
        return b"".join(chunks)


def read_project(
    upload: BinaryIO,
    *,
    filename: str = "project.qdpx",
    max_uncompressed: int,
    max_source_chars: int | None = None,
    fixed_names: Mapping[str, Collection[str]] | None = None,
) -> ParsedProject:
    """The project in a .qdpx; raises ImportErrors listing every problem found.

    ``max_source_chars``: the longest text source taken, in characters (None: no limit);
    ``fixed_names``: the fixed attributes per kind of record, which study variables may not be named.
    """
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportErrors([Problem(filename, f"not a .qdpx (zip) file: {error}")]) from error
    with archive:
        if crafted := _crafted_members(archive, filename):
            raise ImportErrors(crafted)
        declared = sum(info.file_size for info in archive.infolist())
        if declared > max_uncompressed:
            message = f"the unpacked files would take {declared:,} bytes; the limit is {max_uncompressed:,}"
            raise ImportErrors([Problem(filename, message)])
        reader = _Reader(archive, filename, max_uncompressed, max_source_chars)
        if PROJECT_FILE not in reader.members:
            raise ImportErrors([Problem(filename, f"there is no {PROJECT_FILE} at the top of the archive")])
        root = parse_xml(reader.read(PROJECT_FILE), PROJECT_FILE)
        return _Project(root, reader, fixed_names or {}).parse()


class _Project:
    """One pass over project.qde collecting records and problems."""

    def __init__(self, root: etree._Element, reader: _Reader, fixed_names: Mapping[str, Collection[str]]) -> None:
        self.root, self.reader, self.fixed_names = root, reader, fixed_names
        self.problems: list[Problem] = []

    def problem(self, element: etree._Element | None, message: str) -> None:
        if element is None:
            self.problems.append(Problem(PROJECT_FILE, message))
            return
        tag = etree.QName(element).localname
        label = element.get("name") or element.get("guid") or ""
        where = f"{PROJECT_FILE}, line {element.sourceline}, <{tag}{' ' + repr(label) if label else ''}>"
        self.problems.append(Problem(where, message))

    def parse(self) -> ParsedProject:
        if self.root.tag != q("Project"):
            self.problem(None, f"the root element is {self.root.tag!s}, expected Project of {PROJECT_NS}")
            raise ImportErrors(self.problems)
        schema = project_schema()
        if not schema.validate(self.root):
            for error in schema.error_log:
                self.problems.append(Problem(f"{PROJECT_FILE}, line {error.line}", f"schema: {error.message}"))
        self._unique_guids()
        users = self._users()
        codes = self._codes()
        variables = {norm(v.get("guid", "")): v.get("name", "") for v in self.root.iter(q("Variable"))}
        sources, codings = self._sources({code.guid for code in codes}, {user.guid for user in users}, variables)
        cases = self._cases(variables, {source.guid for source in sources})
        notes = read_notes(self.root, norm)
        study_variables, values = read_study_variables(self.root, norm, self.problem, self.fixed_names)
        sources = [replace(source, study_values=values.get(source.guid, {})) for source in sources]
        cases = [replace(case, study_values=values.get(case.guid, {})) for case in cases]
        if self.problems:
            raise ImportErrors(self.problems)
        name, origin = self.root.get("name", ""), self.root.get("origin", "")
        return ParsedProject(name, origin, users, codes, sources, codings, cases, notes, study_variables)

    def _unique_guids(self) -> None:
        # Codes are checked by the codebook reader; every other GUID must be unique in the project.
        elements = [e for e in self.root.iter() if e.get("guid") is not None and e.tag != q("Code")]
        counts = Counter(norm(e.get("guid", "")) for e in elements)
        for element in elements:
            if (count := counts[norm(element.get("guid", ""))]) > 1:
                self.problem(element, f"guid {element.get('guid')} is used by {count} elements")

    def _users(self) -> list[UserRecord]:
        return [UserRecord(norm(u.get("guid", "")), u.get("name") or "") for u in self.root.iter(q("User"))]

    def _codes(self) -> list[CodeRecord]:
        book = self.root.find(q("CodeBook"))
        if book is None:
            self.problem(None, "the project has no CodeBook")
            return []
        codes, problems = read_codes(book, PROJECT_NS, PROJECT_FILE)
        self.problems += problems
        return codes

    def _sources(
        self, code_guids: set[str], user_guids: set[str], variables: dict[str, str]
    ) -> tuple[list[SourceRecord], list[CodingRecord]]:
        sources: list[SourceRecord] = []
        codings: list[CodingRecord] = []
        container = self.root.find(q("Sources"))
        for element in container if container is not None else ():
            if not isinstance(element.tag, str):
                continue  # comments
            if element.tag != q("TextSource"):
                self.problem(element, "only text sources can be imported (as interview transcripts)")
                continue
            text = self._text(element)
            if text is None:
                continue
            source = self._source_record(element, text, variables)
            sources.append(source)
            for selection in element.iter(q("PlainTextSelection")):
                codings += self._selection(selection, source, code_guids, user_guids)
        return sources, codings

    def _text(self, element: etree._Element) -> str | None:
        path = element.get("plainTextPath")
        limit = self.reader.max_source_chars
        if path is None:
            content = element.findtext(q("PlainTextContent"))
            if content is None:
                self.problem(element, "the source has neither plainTextPath nor PlainTextContent")
            elif limit is not None and len(content) > limit:
                message = f"PlainTextContent is {len(content):,} characters long; the limit is {limit:,} characters"
                self.problem(element, message)
                return None
            return content
        if not path.startswith(INTERNAL):
            self.problem(element, f"plainTextPath {path!r} is outside the archive (only internal:// is read)")
            return None
        member = f"Sources/{path.removeprefix(INTERNAL)}"
        if member.lower() not in self.reader.members:
            self.problem(element, f"the file {member} named by plainTextPath is missing from the archive")
            return None
        size = self.reader.members[member.lower()].file_size  # zipfile never reads past it
        if limit is not None and size > UTF8_MAX_BYTES_PER_CHARACTER * limit:
            message = f"{member} unpacks to {size:,} bytes: more than a text of {limit:,} characters (the limit)"
            self.problem(element, message)
            return None
        data = self.reader.read(member)
        try:
            text = data.decode("utf-8-sig")  # a byte-order mark is not part of the text
        except UnicodeDecodeError as error:
            bad = data[error.start : error.start + 1]
            self.problem(element, f"{member} is not UTF-8 text (byte {error.start} is {bad!r})")
            return None
        if "\x00" in text:
            self.problem(element, f"{member} contains NUL characters: not a plain-text transcript")
            return None
        if limit is not None and len(text) > limit:
            self.problem(element, f"{member} is {len(text):,} characters long; the limit is {limit:,} characters")
            return None
        return text

    def _source_record(self, element: etree._Element, text: str, variables: dict[str, str]) -> SourceRecord:
        values = self._values(element, variables)
        # Any: the text values become the record's str, tuple and bool fields below.
        fields: dict[str, Any] = {
            attribute: values.get(name) for name, _, attribute in SOURCE_VARIABLES if name in values
        }
        if "interviewees" in fields:
            fields["interviewees"] = tuple(n for n in fields["interviewees"].split(INTERVIEWEE_SEPARATOR) if n)
        if "pseudonymised" in fields:
            fields["pseudonymised"] = fields["pseudonymised"].strip() in ("true", "1")
        name = (element.get("name") or "").strip() or f"Source {element.get('guid')}"
        memo = element.findtext(q("Description")) or ""
        return SourceRecord(norm(element.get("guid", "")), name, text, memo=memo, **fields)

    def _values(self, element: etree._Element, variables: dict[str, str]) -> dict[str, str]:
        values: dict[str, str] = {}
        for value in element.findall(q("VariableValue")):
            ref = value.find(q("VariableRef"))
            name = variables.get(norm(ref.get("targetGUID", ""))) if ref is not None else None
            if name is None:
                self.problem(value, "the VariableRef names no Variable of the project")
                continue
            values[name] = next((child.text or "" for child in value if child is not ref), "")
        return values

    def _selection(
        self, selection: etree._Element, source: SourceRecord, code_guids: set[str], user_guids: set[str]
    ) -> list[CodingRecord]:
        try:
            start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
        except ValueError:
            self.problem(selection, "startPosition and endPosition must be whole numbers")
            return []
        if not 0 <= start < end:
            self.problem(selection, f"the selection [{start}, {end}) is empty or starts before the text")
            return []
        if end > len(source.text):
            self.problem(
                selection,
                f"endPosition {end} is past the end of source {source.name!r} ({len(source.text)} characters)",
            )
            return []
        memo = selection.findtext(q("Description")) or ""
        records = []
        for coding in selection.findall(q("Coding")):
            ref = coding.find(q("CodeRef"))
            code_guid = norm(ref.get("targetGUID", "")) if ref is not None else ""
            if code_guid not in code_guids:
                self.problem(coding, f"CodeRef {code_guid!r} names no code of the CodeBook")
                continue
            user = norm(coding.get("creatingUser") or selection.get("creatingUser") or "")
            created = coding.get("creationDateTime") or selection.get("creationDateTime") or ""
            records.append(
                CodingRecord(
                    norm(coding.get("guid", "")), source.guid, code_guid, start, end, source.text[start:end],
                    user if user in user_guids else None, memo, created,
                )
            )  # fmt: skip
        return records

    def _cases(self, variables: dict[str, str], source_guids: set[str]) -> list[CaseRecord]:
        cases = []
        for element in self.root.iter(q("Case")):
            refs = tuple(norm(ref.get("targetGUID", "")) for ref in element.findall(q("SourceRef")))
            for ref in refs:
                if ref not in source_guids:
                    self.problem(element, f"SourceRef {ref!r} names no text source of the project")
            name = (element.get("name") or "").strip()
            if not name:
                self.problem(element, "the case has no name")
            description = element.findtext(q("Description")) or ""
            values: dict = dict(self._values(element, variables))
            cases.append(CaseRecord(norm(element.get("guid", "")), name, refs, values, description))
        return cases
