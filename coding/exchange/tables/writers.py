"""Flat tables for statistics packages (R, Stata, SPSS): CSV and XLSX writers. No Django here.

Conventions, chosen so ``read.csv``/``readr``, Stata's ``import delimited``/``import excel`` and SPSS
read the files without options:

- one header row of snake_case names (Stata-safe: letters, digits, underscores, at most 32
  characters, starting with a letter), then one row per record;
- CSV: UTF-8 with a byte-order mark (Excel and SPSS detect the encoding from it; readr, pandas
  with ``utf-8-sig`` and Stata 14+ skip it), comma-separated, RFC 4180 quoting, ``\\r\\n`` line
  ends; an empty field is a missing value;
- CSV: a text starting with "=", "+", "-", "@", a tab or a carriage return gets a leading
  apostrophe, so Excel shows it rather than running it as a formula (CSV injection); numbers
  are written unchanged, so a negative value stays a number;
- booleans as 1/0 (Stata and SPSS have no boolean type), dates and times in ISO 8601;
- XLSX: one sheet, written in openpyxl's write-only mode so memory stays bounded; text is always
  stored as text, so a quote starting with "=" never turns into a formula. A cell holds at most
  32,767 characters (an Excel limit): longer texts are cut there and end with "…"; the CSV keeps them whole.
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
EXCEL_CELL_LIMIT = 32_767
# Rows per chunk of the CSV stream: fewer, larger writes than one per row.
CHUNK_ROWS = 500
# A text cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def check_columns(columns: Sequence[str]) -> None:
    """Refuse names a statistics package would rename on import (a programming error, not user input)."""
    bad = [name for name in columns if not COLUMN_NAME.match(name)]
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


def csv_chunks(columns: Sequence[str], rows: Iterable[Sequence[Value]]) -> Iterator[bytes]:
    """The table as UTF-8 CSV with a byte-order mark, in chunks for a streaming response."""
    check_columns(columns)
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


def write_xlsx(columns: Sequence[str], rows: Iterable[Sequence[Value]], target: IO[bytes], *, sheet: str) -> None:
    """Write the table as a one-sheet workbook to ``target`` (a file opened for binary writing)."""
    check_columns(columns)
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.append(list(columns))
    for row in rows:
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
