"""REFI-QDA project (.qdpx) writer: a zip with ``project.qde`` and the transcripts (no Django here).

Layout (REFI-QDA Project Exchange 1.0): ``project.qde`` in namespace ``urn:QDA-XML:project:1.0``
at the root, each transcript as UTF-8 plain text in ``Sources/<guid>.txt``, referenced from its
``<TextSource plainTextPath="internal://<guid>.txt">``. Positions of a ``PlainTextSelection`` are
code-point offsets into that text, as ours are, so offsets are written unchanged. A transcript
that itself starts with U+FEFF is written after an explicit byte-order mark: readers drop one as
the encoding's signature, and the text's own one keeps its place (and the offsets theirs).

Every attribute and element text of ``project.qde`` passes through ``xml_safe`` (control
characters XML forbids become U+FFFD, one for one); the transcripts stay as they are.

Memory stays bounded by the largest single source: ``project.qde`` is streamed element by element
(lxml ``xmlfile``) into a temporary file while transcripts go straight into the zip, and
``sources`` may be a generator that reads rows from the database as the writer asks for them.

The study's own variables (``coding.variables``) are declared in ``<Variables>`` with their REFI-QDA
type and, in the ``<Description>``, what REFI-QDA has no place for (the kind of record, label,
categories, unit: ``coding.variables.interchange``); their values sit on the cases (region
variables) and text sources (interview variables) beside the fixed ones.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO

from lxml import etree

from coding.exchange.records import (
    AttributeValue,
    CaseRecord,
    CodeRecord,
    CodingRecord,
    NoteRecord,
    SourceRecord,
    StudyValue,
    UserRecord,
    VariableRecord,
)
from coding.exchange.refi import notes as refi_notes
from coding.exchange.refi.qdc import PROJECT_NS, codes_element
from coding.exchange.xml_text import xml_safe
from coding.variables.interchange import REFI_TYPE, Definition, refi_description, refi_text

if TYPE_CHECKING:
    from lxml.etree._serializer import _IncrementalFileWriter

ORIGIN = "Cluster Case Studies"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "Sources"
INTERNAL = "internal://"
BOM = "\ufeff"

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
# Region fields exported as case variables (their names; the types follow the values).
CASE_VARIABLES = ("Country", "Technology field", "Lifecycle phase")
INTERVIEWEE_SEPARATOR = "; "
VALUE_ELEMENT = {"Text": "TextValue", "Boolean": "BooleanValue", "Integer": "IntegerValue",
                 "Float": "FloatValue", "Date": "DateValue", "DateTime": "DateTimeValue"}  # fmt: skip


def q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def _safe_attributes(attributes: dict[str, str]) -> dict[str, str]:
    return {name: xml_safe(value) for name, value in attributes.items()}


def element(tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    """A top element of a subtree, in the default namespace (so no ``ns0:`` prefixes appear)."""
    top = etree.Element(q(tag), _safe_attributes(attributes), nsmap={None: PROJECT_NS})
    if text is not None:
        top.text = xml_safe(text)
    return top


def sub_element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    """A child in the project namespace; its text and attributes made XML-safe (lxml refuses others)."""
    child = etree.SubElement(parent, q(tag), _safe_attributes(attributes))
    if text is not None:
        child.text = xml_safe(text)
    return child


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


def _xml_value(value: AttributeValue | tuple[str, ...]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return INTERVIEWEE_SEPARATOR.join(value)
    return str(value)


def _variable_value(parent: etree._Element, name: str, kind: str, value: AttributeValue | tuple[str, ...]) -> None:
    if value is None or value == "" or value == ():
        return  # an empty value is an absent one
    variable = sub_element(parent, "VariableValue")
    sub_element(variable, "VariableRef", targetGUID=variable_guid(name))
    sub_element(variable, VALUE_ELEMENT[kind], _xml_value(value))


def _variables(cases: Sequence[CaseRecord], study: Sequence[VariableRecord]) -> etree._Element:
    declared: dict[str, str] = {name: kind for name, kind, _ in SOURCE_VARIABLES}
    for case in cases:
        for name, value in case.variables.items():
            declared.setdefault(name, variable_type(value))
    root = element("Variables")
    for name, kind in declared.items():
        sub_element(root, "Variable", guid=variable_guid(name), name=name, typeOfVariable=kind)
    for record in study:
        variable = sub_element(
            root, "Variable", guid=record.guid, name=record.name, typeOfVariable=REFI_TYPE[record.type]
        )
        definition = Definition(
            record.target, record.name, record.label, record.type, record.categories, record.description, record.unit
        )
        sub_element(variable, "Description", refi_description(definition))
    return root


def _study_values(
    parent: etree._Element, values: Mapping[str, StudyValue], study: Mapping[str, VariableRecord]
) -> None:
    """The values of the study's variables, typed by their variable (absent where none is recorded)."""
    for name, value in values.items():
        record = study[name]
        variable = sub_element(parent, "VariableValue")
        sub_element(variable, "VariableRef", targetGUID=record.guid)
        sub_element(variable, VALUE_ELEMENT[REFI_TYPE[record.type]], refi_text(value))


def _users(users: Sequence[UserRecord]) -> etree._Element:
    root = element("Users")
    for user in users:
        sub_element(root, "User", guid=user.guid, name=user.name)
    return root


def _codebook(codes: Sequence[CodeRecord]) -> etree._Element:
    # The tree is built by the .qdc writer, so codebook and project name codes alike; moved under
    # an lxml element with the default namespace so that ElementTree's ns0: prefixes disappear.
    book = element("CodeBook")
    book.append(etree.fromstring(ET.tostring(codes_element(codes, PROJECT_NS))))
    etree.cleanup_namespaces(book)
    return book


def _cases(cases: Sequence[CaseRecord], study: Mapping[str, VariableRecord]) -> etree._Element:
    root = element("Cases")
    for case in cases:
        case_element = sub_element(root, "Case", guid=case.guid, name=case.name)
        if case.description:
            sub_element(case_element, "Description", case.description)
        for name, value in case.variables.items():
            _variable_value(case_element, name, variable_type(value), value)
        _study_values(case_element, case.study_values, study)
        for source_guid in case.source_guids:
            sub_element(case_element, "SourceRef", targetGUID=source_guid)
    return root


def source_element(
    source: SourceRecord,
    codings: Iterable[CodingRecord],
    note_guids: Sequence[str] = (),
    study: Mapping[str, VariableRecord] | None = None,
) -> etree._Element:
    """<TextSource> with one PlainTextSelection (and its Coding) per coded passage, and its notes."""
    text_source = element(
        "TextSource", guid=source.guid, name=source.name, plainTextPath=f"{INTERNAL}{source.guid}.txt"
    )
    if source.memo:
        sub_element(text_source, "Description", source.memo)
    for coding in codings:
        selection = sub_element(
            text_source,
            "PlainTextSelection",
            guid=coding.guid,
            name=coding.quote[:60],
            startPosition=str(coding.start),
            endPosition=str(coding.end),
            **_creation(coding),
        )
        if coding.memo:
            sub_element(selection, "Description", coding.memo)
        applied = sub_element(selection, "Coding", guid=selection_coding_guid(coding.guid), **_creation(coding))
        sub_element(applied, "CodeRef", targetGUID=coding.code_guid)
    refi_notes.note_refs(text_source, note_guids)
    for name, kind, attribute in SOURCE_VARIABLES:
        _variable_value(text_source, name, kind, getattr(source, attribute))
    _study_values(text_source, source.study_values, study or {})
    return text_source


def selection_coding_guid(selection_guid: str) -> str:
    """The <Coding> inside a selection needs its own GUID; derived so re-exports agree."""
    return str(uuid.uuid5(uuid.UUID(selection_guid.strip("{}")), "coding"))


def _creation(coding: CodingRecord) -> dict[str, str]:
    """creatingUser and creationDateTime, where known."""
    attributes = {"creatingUser": coding.coder_guid, "creationDateTime": coding.created}
    return {name: value for name, value in attributes.items() if value}


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
    notes: Sequence[NoteRecord] = (),
    variables: Sequence[VariableRecord] = (),
) -> None:
    """Write a .qdpx zip to ``out`` (a writable, seekable binary file); ``notes`` are the memos,
    ``variables`` the study's variables of regions and interviews (values on the records)."""
    by_target: dict[str, dict[str, VariableRecord]] = {"region": {}, "interview": {}}
    for record in variables:
        by_target[record.target][record.name] = record
    with tempfile.TemporaryFile() as qde, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        attributes = {"name": name, "origin": origin}
        if created:
            attributes |= {"creationDateTime": created, "modifiedDateTime": created}
        with etree.xmlfile(qde, encoding="utf-8") as xml:
            xml.write_declaration()
            with xml.element(q("Project"), _safe_attributes(attributes), nsmap={None: PROJECT_NS}):
                if users:
                    xml.write(_indented(_users(users)))
                if codes:
                    book = _codebook(codes)
                    refi_notes.refer_from_codes(book, notes)
                    xml.write(_indented(book))
                xml.write(_indented(_variables(cases, variables)))
                if cases:
                    xml.write(_indented(_cases(cases, by_target["region"])))
                notes_of = refi_notes.by_target(notes, "source")
                _write_sources(xml, archive, sources, notes_of, by_target["interview"])
                if notes:
                    xml.write(_indented(refi_notes.notes_element(notes)))
                if (links := refi_notes.links_element(notes)) is not None:
                    xml.write(_indented(links))
                if description:
                    xml.write(element("Description", description))
                for note in notes:
                    if not note.target_kind:  # a note on the project as a whole
                        xml.write(_indented(element("NoteRef", targetGUID=note.guid)))
        qde.seek(0)
        with archive.open(PROJECT_FILE, "w") as target:
            shutil.copyfileobj(qde, target)


def _write_sources(
    xml: _IncrementalFileWriter,
    archive: zipfile.ZipFile,
    sources: Iterable[tuple[SourceRecord, Iterable[CodingRecord]]],
    notes_of: dict[str, list[str]],
    study: Mapping[str, VariableRecord],
) -> None:
    """<Sources> (left out when there are none: the schema wants at least one child)."""
    iterator = iter(sources)
    first = next(iterator, None)
    if first is None:
        return
    with xml.element(q("Sources")):
        for source, codings in itertools.chain([first], iterator):
            archive.writestr(f"{SOURCES_DIR}/{source.guid}.txt", source_bytes(source.text))
            subtree = source_element(source, codings, notes_of.get(source.guid, ()), study)
            xml.write(_indented(subtree, level=2))
            xml.flush()


def _indented(subtree: etree._Element, level: int = 1) -> etree._Element:
    """One element per line, so an import's problems can name useful line numbers."""
    etree.indent(subtree, level=level)
    subtree.tail = "\n" + "  " * (level - 1)
    return subtree


def source_bytes(text: str) -> bytes:
    """A transcript as UTF-8, characters as they are: CRLF stays two code points, as in our offsets.

    Readers take a leading U+FEFF for the encoding's byte-order mark and drop it; a text starting
    with one gets an explicit mark before it, so that only the added one is dropped.
    """
    return ((BOM + text) if text.startswith(BOM) else text).encode("utf-8")
