"""The REFI-QDA codebook: nested codes, and the tree validates against the project XSD."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from lxml import etree

from coding.exchange.records import CodeRecord
from coding.exchange.refi.qdc import CODEBOOK_NS, PROJECT_NS, codebook, codes_element

XSD = Path(__file__).resolve().parents[1] / "data" / "refi-qda" / "Project-mrt2019.xsd"
ROOT, CHILD, OTHER = (str(uuid.uuid4()) for _ in range(3))
CODES = [
    CodeRecord(CHILD, "Knowledge spillover", ROOT, "#4c78a8", definition="Unplanned transfer", order=1),
    CodeRecord(ROOT, "Cooperation", None, "#F58518", example="we built the foundry together"),
    CodeRecord(OTHER, "Rivalry & <conflict>", None),
]


def test_codes_are_nested_under_their_parents():
    root = etree.fromstring(codebook(CODES))
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    top = root.find(f"{{{CODEBOOK_NS}}}Codes")
    names = [code.get("name") for code in top]
    assert names == ["Cooperation", "Rivalry & <conflict>"]
    child = top[0].find(f"{{{CODEBOOK_NS}}}Code")
    assert child.get("guid") == CHILD and child.get("color") == "#4c78a8"
    assert "Unplanned transfer" in child.find(f"{{{CODEBOOK_NS}}}Description").text


def test_code_tree_validates_against_the_refi_qda_schema():
    # The project XSD has no global CodeBook element, so the same tree is checked inside a Project.
    project = ET.Element(f"{{{PROJECT_NS}}}Project", name="check")
    book = ET.SubElement(project, f"{{{PROJECT_NS}}}CodeBook")
    book.append(codes_element(CODES, PROJECT_NS))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(ET.tostring(project))
    assert schema.validate(document), schema.error_log


def test_bad_guid_fails_validation():
    project = ET.Element(f"{{{PROJECT_NS}}}Project", name="check")
    book = ET.SubElement(project, f"{{{PROJECT_NS}}}CodeBook")
    book.append(codes_element([CodeRecord("not-a-guid", "X")], PROJECT_NS))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert not schema.validate(etree.fromstring(ET.tostring(project)))


def test_control_characters_in_names_and_descriptions_become_replacement_characters():
    codes = [CodeRecord(ROOT, "Co\x0boperation", None, definition="pasted\x07text")]
    root = etree.fromstring(codebook(codes))  # ElementTree would write them as they are: not XML
    code = root.find(f"{{{CODEBOOK_NS}}}Codes/{{{CODEBOOK_NS}}}Code")
    assert code.get("name") == "Co\ufffdoperation"
    assert code.find(f"{{{CODEBOOK_NS}}}Description").text == "pasted\ufffdtext"
