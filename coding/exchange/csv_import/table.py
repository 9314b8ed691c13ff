"""Reading an uploaded CSV table for the column-mapping import. No Django here.

Spreadsheets save CSV in many shapes: UTF-8 with or without a byte-order mark, UTF-16 (Excel's
"Unicode text"), Windows-1252 (older Excel on Windows), and with ",", ";" (German and Swedish
Excel), tab or "|" between fields. ``read_table`` detects both and returns the header and rows;
``auto_mapping`` proposes which column feeds which field, by normalised name.

Uploads may be hostile: beside the upload size (a setting), the rows and columns are capped while
reading, the delimiter is guessed from a short sample (``csv.Sniffer``'s quote patterns take time
quadratic in the sample: 64 KB of ``,"`` held a request for minutes), and every refusal says why.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coding.analysis.message import Message, message
from coding.exchange.records import ImportErrors, Problem

# Where a problem lies, for ``Problem.of`` (str() is the English ``where`` tests and jobs read).
FILE = message("file")
MAPPING = message("column mapping")


def at_row(line: int, column: str | None = None) -> Message:
    """Row ``line`` (as a spreadsheet numbers it), optionally a column of it."""
    if column is None:
        return message("row {line}", line=line)
    return message("row {line}, column {column}", line=line, column=column)


def at_header(column: str | int) -> Message:
    return message("header, column {column}", column=column)


DELIMITERS = ",;\t|"
# The header and a few dozen rows; csv.Sniffer is quadratic in this (4 KB: well under a second).
SNIFF_CHARS = 4 * 1024
# A region's actors or ties: far more than one import holds; checking 10,000 rows takes ~2 s.
MAX_ROWS = 10_000
# Fields of the widest target and a spreadsheet's spare columns; the mapping page offers each column.
MAX_COLUMNS = 500


@dataclass(frozen=True)
class CsvTable:
    """A parsed upload: ``rows[i]`` is the record a spreadsheet shows as row ``first_row + i``.

    Rows are at least as long as the header; blank rows stay in place (so the numbers match the
    spreadsheet) and are skipped by the import.
    """

    header: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str
    first_row: int = 2


def table_json(table: CsvTable) -> bytes:
    """The parsed table as JSON: what an import job stores, so the worker does not read the file again."""
    fields = {"header": table.header, "rows": table.rows, "encoding": table.encoding, "delimiter": table.delimiter}
    return json.dumps({**fields, "first_row": table.first_row}).encode()


def table_from_json(data: bytes) -> CsvTable:
    """The table ``table_json`` stored (written by us, so trusted to have its shape)."""
    stored = json.loads(data)
    return CsvTable(stored["header"], stored["rows"], stored["encoding"], stored["delimiter"], stored["first_row"])


# (mark, codec of the bytes after it, encoding reported, its name in messages)
BYTE_ORDER_MARKS = (
    (b"\xff\xfe", "utf-16-le", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16", "UTF-16"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig", "UTF-8"),
)


def decode(content: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with: BOMs first, then UTF-8, then Windows-1252."""
    for bom, codec, encoding, name in BYTE_ORDER_MARKS:
        if content.startswith(bom):
            try:
                return content[len(bom) :].decode(codec), encoding
            except UnicodeDecodeError as error:  # the mark promises an encoding the rest breaks
                at = len(bom) + error.start
                said = message(
                    "The file starts as {encoding} text (a byte-order mark), but byte {at} is not {encoding}.",
                    encoding=name,
                    at=f"{at:,}",
                )
                raise ImportErrors([Problem.of(FILE, said)]) from error
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:  # cp1252 leaves five bytes undefined
        said = message("The file is neither UTF-8, UTF-16 nor Windows-1252 text.")
        raise ImportErrors([Problem.of(FILE, said)]) from error


def sniff_delimiter(text: str) -> str:
    sample = text[:SNIFF_CHARS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        # A single column, or too few lines to tell: the most frequent candidate in the header line.
        first = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


def read_table(content: bytes) -> CsvTable:
    """Parse an upload; refuses files without a header, with blank or repeated column names."""
    text, encoding = decode(content)
    if "\x00" in text:
        raise ImportErrors([Problem.of(FILE, message("This looks like a binary file (a spreadsheet?), not CSV text."))])
    delimiter = sniff_delimiter(text)
    lines = _records(text, delimiter)
    blank = [not any(cell.strip() for cell in line) for line in lines]
    if all(blank):
        raise ImportErrors([Problem.of(FILE, message("The file is empty."))])
    skipped = blank.index(False)  # blank rows above the header
    while blank and blank[-1]:  # trailing blank rows are no records at all
        blank.pop()
        lines.pop()
    lines[skipped:] = _without_blank_trailing_columns(lines[skipped:])
    header = [cell.strip() for cell in lines[skipped]]
    unnamed = [i + 1 for i, name in enumerate(header) if not name]
    problems = [Problem.of(at_header(number), message("The column has no name.")) for number in unnamed]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            problems.append(Problem.of(at_header(name), message("This column name appears twice.")))
        seen.add(name)
    if problems:
        raise ImportErrors(problems)
    width = len(header)
    # Short rows are padded (trailing empty cells are often dropped); long rows keep their extras
    # so the import can report them.
    rows = [line + [""] * (width - len(line)) for line in lines[skipped + 1 :]]
    return CsvTable(header, rows, encoding, delimiter, first_row=skipped + 2)


def _records(text: str, delimiter: str) -> list[list[str]]:
    """The file's records (blank lines as empty ones), within MAX_ROWS and MAX_COLUMNS.

    Read strictly first, so that a quote opened and never closed is named instead of swallowing
    the rest of the file into one cell; a file that strict reading refuses for another reason (a
    stray quote inside a field, say) is read leniently, as spreadsheets do.
    """
    lines: list[list[str]] = []
    try:
        _read_into(lines, text, delimiter, strict=True)
        return lines
    except csv.Error as error:
        if str(error) == "unexpected end of data":  # the end of the file inside a quoted field
            said = message('A quoted field (opened with ") is never closed: the rest of the file would be one cell.')
            raise ImportErrors([Problem.of(at_row(len(lines) + 1), said)]) from error
    lines = []
    try:
        _read_into(lines, text, delimiter, strict=False)
    except csv.Error as error:
        raise ImportErrors([Problem.of(FILE, message("Not readable as CSV: {error}.", error=str(error)))]) from error
    return lines


def _read_into(lines: list[list[str]], text: str, delimiter: str, *, strict: bool) -> None:
    for line in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict):
        if len(line) > MAX_COLUMNS:
            said = message(
                "The row has {cells} cells; the limit is {limit} columns.",
                cells=f"{len(line):,}",
                limit=f"{MAX_COLUMNS:,}",
            )
            raise ImportErrors([Problem.of(at_row(len(lines) + 1), said)])
        lines.append(line)
        if len(lines) > MAX_ROWS + 1:  # and the header
            said = message("The file has more than {limit} rows below the header; split it.", limit=f"{MAX_ROWS:,}")
            raise ImportErrors([Problem.of(FILE, said)])


def _without_blank_trailing_columns(lines: list[list[str]]) -> list[list[str]]:
    """The header and rows without trailing columns that have no name and no value in any row:
    Excel writes "name;kind;;" once cells right of the table were touched."""
    width = max(len(line) for line in lines)
    while width and all(len(line) < width or not line[width - 1].strip() for line in lines):
        width -= 1
    return [line[:width] for line in lines]


def normalise(name: str) -> str:
    """``"Org. Type"``, ``"org_type"`` and ``"ORG-TYPE"`` all become ``"orgtype"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower())


def auto_mapping(header: Iterable[str], fields: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Field -> column for every field whose name or alias matches a column (each column used once)."""
    by_name = {normalise(column): column for column in header}
    mapping: dict[str, str] = {}
    for field, aliases in fields.items():
        for alias in (field, *aliases):
            column = by_name.get(normalise(alias))
            if column is not None and column not in mapping.values():
                mapping[field] = column
                break
    return mapping
