"""REFI-QDA codebook (.qdc) writer: a hierarchical code tree as <CodeBook> (no Django here).

The same tree goes into a project's <CodeBook> in a .qdpx, so ``codes_element`` takes the
namespace of the document it is written into.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from coding.exchange.records import CodeRecord
from coding.exchange.xml_text import xml_safe_tree

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"

# REFI-QDA gives a code one <Description>. Ours holds the definition, then a labelled paragraph
# for each field the standard lacks, in this order, so that our imports can split them again.
LABELLED_FIELDS = (("example", "Example"), ("concept", "Concept"))


def describe(code: CodeRecord) -> str:
    """The text of a code's <Description>."""
    labelled = [f"{label}: {value}" for field, label in LABELLED_FIELDS if (value := getattr(code, field))]
    return "\n\n".join(part for part in (code.definition, *labelled) if part)


def split_description(text: str) -> dict[str, str]:
    """``describe`` undone: definition, example and concept of a <Description>'s text (a text by
    another program is all definition)."""
    fields = {}
    for field, label in reversed(LABELLED_FIELDS):
        if match := re.search(rf"(?:^|\n\n){label}: (.*)\Z", text, re.DOTALL):
            fields[field], text = match.group(1), text[: match.start()]
    return {"definition": text, **fields}


def codes_element(codes: Sequence[CodeRecord], namespace: str) -> ET.Element:
    """<Codes> with children nested under their parents, siblings in ``order`` then name."""
    children: dict[str | None, list[CodeRecord]] = {}
    for code in sorted(codes, key=lambda code: (code.order, code.name)):
        children.setdefault(code.parent_guid, []).append(code)
    root = ET.Element(f"{{{namespace}}}Codes")

    def add(parent: ET.Element, parent_guid: str | None) -> None:
        for code in children.get(parent_guid, []):
            element = ET.SubElement(parent, f"{{{namespace}}}Code", guid=code.guid, name=code.name)
            element.set("isCodable", "true")
            if code.colour:
                element.set("color", code.colour)
            if description := describe(code):
                ET.SubElement(element, f"{{{namespace}}}Description").text = description
            add(element, code.guid)

    add(root, None)
    return xml_safe_tree(root)  # names and descriptions are typed or pasted by researchers


def codebook(codes: Sequence[CodeRecord], *, origin: str = "Cluster Case Studies") -> bytes:
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=origin)
    root.append(codes_element(codes, CODEBOOK_NS))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
