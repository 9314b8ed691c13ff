"""Memos in a REFI-QDA project as ``<Note>``s and the references to them (no Django here).

REFI-QDA 1.0 lets a ``<NoteRef>`` stand in a ``<Code>``, a ``<TextSource>`` and the ``<Project>``
itself (notes on the project as a whole); a ``<Case>`` has none, so a note on a case (a region) is
joined to it by a ``<Link>`` from the note to the case. The project's notes are ``<Note>``s (text
sources whose text is the memo) in ``<Notes>``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence

from lxml import etree

from coding.exchange.records import NoteRecord
from coding.exchange.xml_text import xml_safe

PROJECT_NS = "urn:QDA-XML:project:1.0"
LINK_NAME = "note on"


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def link_guid(note_guid: str) -> str:
    """The ``<Link>`` of a note on a case: derived from the note's GUID, so re-exports agree."""
    return str(uuid.uuid5(uuid.UUID(note_guid.strip("{}")), "link"))


def notes_element(notes: Sequence[NoteRecord]) -> etree._Element:
    root = etree.Element(_q("Notes"), nsmap={None: PROJECT_NS})
    for note in notes:
        attributes = {"guid": note.guid, "name": note.name, "creatingUser": note.creator_guid}
        attributes |= {"creationDateTime": note.created, "modifiedDateTime": note.modified}
        element = etree.SubElement(root, _q("Note"), {k: xml_safe(v) for k, v in attributes.items() if v})
        if note.description:
            etree.SubElement(element, _q("Description")).text = xml_safe(note.description)
        etree.SubElement(element, _q("PlainTextContent")).text = xml_safe(note.text)
    return root


def links_element(notes: Sequence[NoteRecord]) -> etree._Element | None:
    """``<Links>`` joining notes to their cases (None when no note is on a case)."""
    on_cases = [note for note in notes if note.target_kind == "case"]
    if not on_cases:
        return None
    root = etree.Element(_q("Links"), nsmap={None: PROJECT_NS})
    for note in on_cases:
        attributes = {"guid": link_guid(note.guid), "name": LINK_NAME, "direction": "OneWay"}
        etree.SubElement(root, _q("Link"), attributes | {"originGUID": note.guid, "targetGUID": note.target_guid})
    return root


def note_refs(parent: etree._Element, note_guids: Iterable[str], *, index: int | None = None) -> None:
    """``<NoteRef>``s appended to ``parent`` (or inserted at ``index``, in order)."""
    for offset, guid in enumerate(note_guids):
        ref = etree.Element(_q("NoteRef"), targetGUID=guid)
        if index is None:
            parent.append(ref)
        else:
            parent.insert(index + offset, ref)


def refer_from_codes(book: etree._Element, notes: Sequence[NoteRecord]) -> None:
    """A ``<NoteRef>`` in each code with notes, after its Description and before its sub-codes."""
    by_code: dict[str, list[str]] = {}
    for note in notes:
        if note.target_kind == "code":
            by_code.setdefault(note.target_guid, []).append(note.guid)
    for code in book.iter(_q("Code")):
        if guids := by_code.get(code.get("guid", "")):
            description = code.find(_q("Description"))
            note_refs(code, guids, index=0 if description is None else 1)


def by_target(notes: Sequence[NoteRecord], kind: str) -> dict[str, list[str]]:
    """Target GUID -> GUIDs of its notes, for one kind of target."""
    found: dict[str, list[str]] = {}
    for note in notes:
        if note.target_kind == kind:
            found.setdefault(note.target_guid, []).append(note.guid)
    return found


def read_notes(root: etree._Element, norm: Callable[[str], str]) -> list[NoteRecord]:
    """The project's notes with what each is on (its first reference: a code, a source, a case)."""
    targets: dict[str, tuple[str, str]] = {}
    for kind, tag in (("code", "Code"), ("source", "TextSource")):
        for element in root.iter(_q(tag)):
            for ref in element.findall(_q("NoteRef")):
                targets.setdefault(norm(ref.get("targetGUID", "")), (kind, norm(element.get("guid", ""))))
    for link in root.iter(_q("Link")):
        origin, target = norm(link.get("originGUID", "")), norm(link.get("targetGUID", ""))
        targets.setdefault(origin, ("case", target))
    notes = []
    container = root.find(_q("Notes"))
    for note in container.findall(_q("Note")) if container is not None else ():
        guid = norm(note.get("guid", ""))
        kind, target = targets.get(guid, ("", ""))
        notes.append(
            NoteRecord(
                guid,
                (note.get("name") or "").strip(),
                note.findtext(_q("PlainTextContent")) or "",
                kind,
                target,
                norm(note.get("creatingUser") or ""),
                note.get("creationDateTime") or "",
                note.get("modifiedDateTime") or "",
                note.findtext(_q("Description")) or "",
            )
        )
    return notes
