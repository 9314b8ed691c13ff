"""Flat tables for statistics packages (R, Stata, SPSS): CSV and XLSX writers. No Django here.

Conventions, chosen so ``read.csv``/``readr``, Stata's ``import delimited``/``import excel`` and SPSS
read the files without options:

- one header row of snake_case names (Stata-safe: letters, digits, underscores, at most 32
  characters, starting with a letter), then one row per record; a study variable's column is its
  machine name (letters, digits, underscores, starting with a letter: R, Stata and SPSS take it;
  Stata shortens names over 32 characters);
- CSV: UTF-8 with a byte-order mark (Excel and SPSS detect the encoding from it; readr, pandas
  with ``utf-8-sig`` and Stata 14+ skip it), comma-separated, RFC 4180 quoting, ``\\r\\n`` line
  ends; an empty field is a missing value;
- CSV: a text starting with "=", "+", "-", "@", a tab or a carriage return gets a leading
  apostrophe, so Excel shows it rather than running it as a formula (CSV injection); numbers
  are written unchanged, so a negative value stays a number;
- booleans as 1/0 (Stata and SPSS have no boolean type), dates and times in ISO 8601;
- XLSX: one sheet (and a second, ``variables``, where the table has study variables), written in
  openpyxl's write-only mode so memory stays bounded; text is always stored as text, so a quote
  starting with "=" never turns into a formula. A cell holds at most 32,767 characters (an Excel
  limit): longer texts are cut there and end with "…"; the CSV keeps them whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | bool | dt.date | None

BOM = "\ufeff"
COLUMN_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
# A study variable's machine name (coding.variables.values.NAME_PATTERN) may be a column too.
VARIABLE_COLUMN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")
EXCEL_CELL_LIMIT = 32_767
# Rows per chunk of the CSV stream: fewer, larger writes than one per row.
CHUNK_ROWS = 500
# A text cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def check_columns(columns: Sequence[str], variables: int = 0) -> None:
    """Refuse names a statistics package would rename on import (a programming error, not user input);
    the last ``variables`` columns are study variables, named by their machine names."""
    fixed = len(columns) - variables
    bad = [
        name
        for index, name in enumerate(columns)
        if not (COLUMN_NAME if index < fixed else VARIABLE_COLUMN).match(name)
    ]
    if bad or len(set(columns)) != len(columns):
        raise ValueError(f"Column names must be unique snake_case of at most 32 characters: {bad or columns}")


def defused(text: str) -> str:
    """``text`` as a spreadsheet shows it rather than runs it: an apostrophe before a formula start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain(value: Value) -> str | int | float:
    """One cell as CSV text: booleans 1/0, dates ISO 8601, None empty, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, str):
        return defused(value)
    return value


def csv_chunks(columns: Sequence[str], rows: Iterable[Sequence[Value]], *, variables: int = 0) -> Iterator[bytes]:
    """The table as UTF-8 CSV with a byte-order mark, in chunks for a streaming response."""
    check_columns(columns, variables)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(columns)
    for count, row in enumerate(rows, start=1):
        writer.writerow([plain(value) for value in row])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _xlsx_text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters are not allowed in XML
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Value]]]


def write_xlsx(
    columns: Sequence[str],
    rows: Iterable[Sequence[Value]],
    target: IO[bytes],
    *,
    sheet: str,
    variables: int = 0,
    more: Sequence[Sheet] = (),
) -> None:
    """Write the table as a workbook to ``target`` (a file opened for binary writing): its sheet,
    then the ``more`` sheets (name, columns, rows), e.g. the variables that describe its columns."""
    check_columns(columns, variables)
    workbook = Workbook(write_only=True)
    for name, names, values in ((sheet, columns, rows), *more):
        worksheet = workbook.create_sheet(title=name[:31])
        worksheet.append(list(names))
        for row in values:
            worksheet.append([xlsx_cell(worksheet, value) for value in row])
    workbook.save(target)


def xlsx_cell(worksheet: Worksheet | WriteOnlyWorksheet, value: Value) -> object:
    """A value ready for ``worksheet.append``: numbers and dates as such, any other value as a text
    cell (stored as text, so "=..." is no formula and needs no apostrophe; illegal characters dropped)."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        # Excel has no time zones: write the ISO text, which keeps the offset and sorts correctly.
        value = value.isoformat()
    elif isinstance(value, dt.date):
        return value
    cell = WriteOnlyCell(worksheet, value=_xlsx_text(str(value)))
    cell.data_type = "s"  # openpyxl would make "=..." a formula
    return cell
