"""Reading a REFI-QDA codebook (.qdc), and any codebook file by its ending (``read_codebook_file``):
every problem is collected, nothing is returned half-read.

Parsing uses lxml with entity expansion and network access switched off, so a hostile file
cannot read local files or blow up memory; oversize files are refused before parsing.
"""

from __future__ import annotations

import re

from lxml import etree

from coding.exchange.records import CodeRecord, ImportErrors, Problem
from coding.exchange.refi.qdc import CODEBOOK_NS, split_description
from coding.exchange.tables.codebook import CodebookRead, hierarchy_from_names, read_csv_codebook, read_xlsx_codebook

MAX_BYTES = 5 * 1024 * 1024
# Far more than a coding scheme holds; each code is checked and written on its own (~6 ms), so a
# 5 MB codebook of 60,000 codes, or a small .qdpx packing them, would hold a request for minutes.
MAX_CODES = 1_000
GUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")
COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
NS = {"q": CODEBOOK_NS}
DOCTYPE_REFUSED = "the file declares a DOCTYPE (a DTD or entities), which REFI-QDA files never need"
DOCTYPE_HEAD = 4096  # where a DOCTYPE is looked for when the parser failed (it precedes the root)


def read_codebook(data: bytes, filename: str = "codebook.qdc") -> list[CodeRecord]:
    """The codes of a .qdc, parents before children; raises ImportErrors listing every problem."""
    if len(data) > MAX_BYTES:
        raise ImportErrors([Problem(filename, f"the file has {len(data)} bytes; the limit is {MAX_BYTES}")])
    root = parse_xml(data, filename)
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook":
        raise ImportErrors([Problem(filename, f"the root element is {root.tag!s}, expected CodeBook of {CODEBOOK_NS}")])
    codes, problems = read_codes(root, CODEBOOK_NS, filename)
    if not codes and not problems:
        problems.append(Problem(filename, "the codebook has no codes"))
    if problems:
        raise ImportErrors(problems)
    return codes


def parse_xml(data: bytes, filename: str) -> etree._Element:
    """The root of a REFI-QDA XML file; ImportErrors if it is not well-formed or declares a DOCTYPE.

    REFI-QDA files need no DTD, and a DOCTYPE is how external entities, entity expansion ("billion
    laughs") and unresolved entity nodes that crash schema validation get in: it is refused whole.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        if b"<!DOCTYPE" in data[:DOCTYPE_HEAD]:  # e.g. libxml2 stopping an entity bomb in the DTD itself
            raise ImportErrors([Problem(filename, DOCTYPE_REFUSED)]) from error
        raise ImportErrors(
            [Problem(f"{filename}, line {error.lineno}", f"not well-formed XML: {error.msg}")]
        ) from error
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise ImportErrors([Problem(filename, DOCTYPE_REFUSED)])
    return root


def read_codes(root: etree._Element, namespace: str, filename: str) -> tuple[list[CodeRecord], list[Problem]]:
    """Every <Code> below ``root`` (a CodeBook of a .qdc or of a project), parents first.

    More than MAX_CODES codes raise ImportErrors at once (their problems would be noise).
    """
    code_tag = f"{{{namespace}}}Code"
    count = sum(1 for _ in root.iter(code_tag))
    if count > MAX_CODES:
        raise ImportErrors([Problem(filename, f"the codebook has {count:,} codes; the limit is {MAX_CODES:,}")])
    problems: list[Problem] = []
    codes: list[CodeRecord] = []
    seen: set[str] = set()
    for order, element in enumerate(root.iter(code_tag)):
        where = f"{filename}, line {element.sourceline}, <Code>"
        guid, name, colour = element.get("guid", ""), (element.get("name") or "").strip(), element.get("color", "")
        if not GUID.match(guid):
            problems.append(Problem(where, f"guid {guid!r} is not a GUID"))
        elif guid.strip("{}").lower() in seen:
            problems.append(Problem(where, f"guid {guid} is used twice"))
        seen.add(guid.strip("{}").lower())
        if not name:
            problems.append(Problem(where, "the code has no name"))
        elif len(name) > 200:
            problems.append(Problem(where, f"the name {name[:40]!r}... is longer than 200 characters"))
        if colour and not COLOUR.match(colour):
            problems.append(Problem(where, f"color {colour!r} is not #RRGGBB"))
        parent = element.getparent()
        parent_guid = (
            parent.get("guid", "").strip("{}").lower() if parent is not None and parent.tag == code_tag else None
        )
        description = element.findtext(f"{{{namespace}}}Description", default="").strip()
        codes.append(
            CodeRecord(
                guid.strip("{}").lower(), name, parent_guid, colour, order=order, **split_description(description)
            )
        )
    return codes, problems


EXTENSIONS = (".qdc", ".csv", ".xlsx")


def read_codebook_file(content: bytes, filename: str, *, split_names: bool = False) -> CodebookRead:
    """A .qdc, .csv or .xlsx codebook by its file name's ending; ``split_names`` reads "Trust.Competence"
    (and "Trust/Competence") in a name as Competence under Trust."""
    if len(content) > MAX_BYTES:
        raise ImportErrors([Problem(filename, f"the file has {len(content):,} bytes; the limit is {MAX_BYTES:,}")])
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == ".csv":
        return read_csv_codebook(content, filename, split_names=split_names)
    if extension == ".xlsx":
        return read_xlsx_codebook(content, filename, split_names=split_names)
    if extension == ".qdc":
        codes = read_codebook(content, filename)
        return hierarchy_from_names(codes) if split_names else CodebookRead(codes)
    raise ImportErrors([Problem(filename, "choose a codebook: a file ending in .qdc, .csv or .xlsx")])
