"""REFI-QDA project (.qdpx) writer: a zip with ``project.qde`` and the transcripts (no Django here).

Layout (REFI-QDA Project Exchange 1.0): ``project.qde`` in namespace ``urn:QDA-XML:project:1.0``
at the root, each transcript as UTF-8 plain text in ``Sources/<guid>.txt``, referenced from its
``<TextSource plainTextPath="internal://<guid>.txt">``. Positions of a ``PlainTextSelection`` are
code-point offsets into that text, as ours are, so offsets are written unchanged.

Memory stays bounded by the largest single source: ``project.qde`` is streamed element by element
(lxml ``xmlfile``) into a temporary file while transcripts go straight into the zip, and
``sources`` may be a generator that reads rows from the database as the writer asks for them.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from lxml import etree

from .qdc import PROJECT_NS, codes_element
from .records import AttributeValue, CaseRecord, CodeRecord, CodingRecord, SourceRecord, UserRecord

ORIGIN = "Cluster Case Studies"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "Sources"
INTERNAL = "internal://"

# Interview fields exported as source variables: (variable name, REFI-QDA type, record attribute).
SOURCE_VARIABLES: tuple[tuple[str, str, str], ...] = (
    ("Region", "Text", "region"),
    ("Wave", "Text", "wave"),
    ("Date", "Date", "date"),
    ("Mode", "Text", "mode"),
    ("Language", "Text", "language"),
    ("Consent", "Text", "consent"),
    ("Pseudonymised", "Boolean", "pseudonymised"),
    ("Interviewees", "Text", "interviewees"),
)
INTERVIEWEE_SEPARATOR = "; "
VALUE_ELEMENT = {"Text": "TextValue", "Boolean": "BooleanValue", "Integer": "IntegerValue",
                 "Float": "FloatValue", "Date": "DateValue", "DateTime": "DateTimeValue"}  # fmt: skip


def q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def element(tag: str, **attributes: str) -> etree._Element:
    """A top element of a subtree, in the default namespace (so no ``ns0:`` prefixes appear)."""
    return etree.Element(q(tag), attributes, nsmap={None: PROJECT_NS})


def variable_guid(name: str) -> str:
    """Variables are named, not stored: the same name gets the same GUID in every export."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cluster-case-studies:variable:{name}"))


def variable_type(value: AttributeValue) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    return "Text"


def _xml_value(value: AttributeValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return INTERVIEWEE_SEPARATOR.join(value)
    return str(value)


def _variable_value(parent: etree._Element, name: str, kind: str, value: AttributeValue) -> None:
    if value is None or value == "" or value == ():
        return  # an empty value is an absent one
    element = etree.SubElement(parent, q("VariableValue"))
    etree.SubElement(element, q("VariableRef"), targetGUID=variable_guid(name))
    etree.SubElement(element, q(VALUE_ELEMENT[kind])).text = _xml_value(value)


def _variables(cases: Sequence[CaseRecord]) -> etree._Element:
    declared: dict[str, str] = {name: kind for name, kind, _ in SOURCE_VARIABLES}
    for case in cases:
        for name, value in case.variables.items():
            declared.setdefault(name, variable_type(value))
    root = element("Variables")
    for name, kind in declared.items():
        etree.SubElement(root, q("Variable"), guid=variable_guid(name), name=name, typeOfVariable=kind)
    return root


def _users(users: Sequence[UserRecord]) -> etree._Element:
    root = element("Users")
    for user in users:
        etree.SubElement(root, q("User"), guid=user.guid, name=user.name)
    return root


def _codebook(codes: Sequence[CodeRecord]) -> etree._Element:
    # The tree is built by the .qdc writer, so codebook and project name codes alike; moved under
    # an lxml element with the default namespace so that ElementTree's ns0: prefixes disappear.
    book = element("CodeBook")
    book.append(etree.fromstring(ET.tostring(codes_element(codes, PROJECT_NS))))
    etree.cleanup_namespaces(book)
    return book


def _cases(cases: Sequence[CaseRecord]) -> etree._Element:
    root = element("Cases")
    for case in cases:
        case_element = etree.SubElement(root, q("Case"), guid=case.guid, name=case.name)
        if case.description:
            etree.SubElement(case_element, q("Description")).text = case.description
        for name, value in case.variables.items():
            _variable_value(case_element, name, variable_type(value), value)
        for source_guid in case.source_guids:
            etree.SubElement(case_element, q("SourceRef"), targetGUID=source_guid)
    return root


def source_element(source: SourceRecord, codings: Iterable[CodingRecord]) -> etree._Element:
    """<TextSource> with one PlainTextSelection (and its Coding) per coded passage."""
    text_source = element("TextSource", guid=source.guid, name=source.name)
    text_source.set("plainTextPath", f"{INTERNAL}{source.guid}.txt")
    if source.memo:
        etree.SubElement(text_source, q("Description")).text = source.memo
    for coding in codings:
        selection = etree.SubElement(text_source, q("PlainTextSelection"), guid=coding.guid)
        selection.set("name", coding.quote[:60])
        selection.set("startPosition", str(coding.start))
        selection.set("endPosition", str(coding.end))
        _creation(selection, coding)
        if coding.memo:
            etree.SubElement(selection, q("Description")).text = coding.memo
        applied = etree.SubElement(selection, q("Coding"), guid=selection_coding_guid(coding.guid))
        _creation(applied, coding)
        etree.SubElement(applied, q("CodeRef"), targetGUID=coding.code_guid)
    for name, kind, attribute in SOURCE_VARIABLES:
        _variable_value(text_source, name, kind, getattr(source, attribute))
    return text_source


def selection_coding_guid(selection_guid: str) -> str:
    """The <Coding> inside a selection needs its own GUID; derived so re-exports agree."""
    return str(uuid.uuid5(uuid.UUID(selection_guid.strip("{}")), "coding"))


def _creation(element: etree._Element, coding: CodingRecord) -> None:
    if coding.coder_guid:
        element.set("creatingUser", coding.coder_guid)
    if coding.created:
        element.set("creationDateTime", coding.created)


def write_project(
    out: BinaryIO,
    *,
    name: str,
    users: Sequence[UserRecord],
    codes: Sequence[CodeRecord],
    cases: Sequence[CaseRecord],
    sources: Iterable[tuple[SourceRecord, Iterable[CodingRecord]]],
    created: str = "",
    description: str = "",
    origin: str = ORIGIN,
) -> None:
    """Write a .qdpx zip to ``out`` (a writable, seekable binary file)."""
    with tempfile.TemporaryFile() as qde, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        attributes = {"name": name, "origin": origin}
        if created:
            attributes |= {"creationDateTime": created, "modifiedDateTime": created}
        with etree.xmlfile(qde, encoding="utf-8") as xml:
            xml.write_declaration()
            with xml.element(q("Project"), attributes, nsmap={None: PROJECT_NS}):
                if users:
                    xml.write(_indented(_users(users)))
                if codes:
                    xml.write(_indented(_codebook(codes)))
                xml.write(_indented(_variables(cases)))
                if cases:
                    xml.write(_indented(_cases(cases)))
                _write_sources(xml, archive, sources)
                if description:
                    xml.write(_text_element("Description", description))
        qde.seek(0)
        with archive.open(PROJECT_FILE, "w") as target:
            shutil.copyfileobj(qde, target)


def _write_sources(
    xml: etree.xmlfile, archive: zipfile.ZipFile, sources: Iterable[tuple[SourceRecord, Iterable[CodingRecord]]]
) -> None:
    """<Sources> (left out when there are none: the schema wants at least one child)."""
    iterator = iter(sources)
    first = next(iterator, None)
    if first is None:
        return
    with xml.element(q("Sources")):
        for source, codings in itertools.chain([first], iterator):
            # Bytes as they are: CRLF stays two code points, as in our offsets.
            archive.writestr(f"{SOURCES_DIR}/{source.guid}.txt", source.text.encode("utf-8"))
            xml.write(_indented(source_element(source, codings), level=2))
            xml.flush()


def _indented(subtree: etree._Element, level: int = 1) -> etree._Element:
    """One element per line, so an import's problems can name useful line numbers."""
    etree.indent(subtree, level=level)
    subtree.tail = "\n" + "  " * (level - 1)
    return subtree


def _text_element(tag: str, text: str) -> etree._Element:
    described = element(tag)
    described.text = text
    return described
