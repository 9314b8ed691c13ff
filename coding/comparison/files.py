"""The comparison table as CSV and XLSX: one row per figure, one column per region or wave.

Values stay raw (shares as fractions, counts as integers) so a spreadsheet can compute with them;
the status row says which columns are out of date, and the XLSX file marks the differences as the
page does. Cells follow the statistics tables' rules (``tables``): in the CSV a formula-like text
gets a leading apostrophe, in the XLSX file text is stored as text, unchanged. No Django in here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from coding.comparison.rows import COUNT, INDEX, LABEL, RATIO, SHARE, Comparison
from coding.exchange.tables.writers import plain, xlsx_cell

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

STATUS_TEXT = {
    "ok": "up to date",
    "stale": "out of date",
    "queued": "out of date (computing)",
    "running": "out of date (computing)",
    "failed": "failed (last good result)",
}
NUMBER_FORMATS = {SHARE: "0%", RATIO: "0.000", INDEX: "+0.000;-0.000;0.000", COUNT: "0"}
MARK_FILLS = {
    "high": PatternFill("solid", fgColor="DCEBFA"),
    "low": PatternFill("solid", fgColor="FDF0DC"),
    "differs": PatternFill("solid", fgColor="FDF0DC"),
}


@dataclass(frozen=True)
class CodeRow:
    """One code of the code matrix: its name (indented by depth) and per column passages and share."""

    code: str
    counts: list[int]
    shares: list[float | None]
    total: int


@dataclass
class TableRow:
    section: str
    label: str
    values: list[Any]
    kind: str = LABEL
    marks: list[str] = field(default_factory=list)
    differs: bool = False

    def cells(self) -> list[Any]:
        return [self.section, self.label, *self.values, "yes" if self.differs else ""]


def table_rows(comparison: Comparison, codes: Sequence[CodeRow] = ()) -> list[TableRow]:
    """Header, status, every figure of the comparison, then passages and share of interviews per code."""
    columns = comparison.columns
    rows = [
        TableRow("section", "figure", [column.label for column in columns]),
        TableRow("", "status", [STATUS_TEXT.get(column.status, column.status) for column in columns]),
    ]
    for section in comparison.sections:
        for row in section.rows:
            values = [cell.value for cell in row.cells]
            marks = [cell.mark for cell in row.cells]
            rows.append(TableRow(section.title, row.label, values, row.kind, marks, row.differs))
            if any(cell.detail for cell in row.cells):
                # The sentence that decided each label, on the line below it (as on the page).
                reasons = [cell.detail for cell in row.cells]
                rows.append(TableRow(section.title, f"{row.label}: reason", reasons, LABEL))
    for code in codes:
        rows.append(TableRow("Codes: coded passages", code.code, list(code.counts), COUNT))
        rows.append(TableRow("Codes: share of interviews", code.code, list(code.shares), SHARE))
    return rows


def to_csv(rows: Sequence[TableRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header = rows[0].cells()
    header[-1] = "differs"
    writer.writerow([plain(value) for value in header])
    for row in rows[1:]:
        writer.writerow([plain(value) for value in row.cells()])
    return out.getvalue()


def to_xlsx(rows: Sequence[TableRow], title: str) -> bytes:
    """One sheet; differences filled as on the page, out-of-date column headers in red."""
    workbook = Workbook()
    sheet = cast("Worksheet", workbook.active)  # a new workbook starts with one worksheet
    sheet.title = "Comparison"
    header, status = rows[0], rows[1]
    sheet.append([xlsx_cell(sheet, value) for value in [*header.cells()[:-1], "differs"]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([xlsx_cell(sheet, value) for value in status.cells()])
    for offset, text in enumerate(status.values):
        if text != STATUS_TEXT["ok"]:
            sheet.cell(row=1, column=3 + offset).font = Font(bold=True, color="B83232")
            sheet.cell(row=2, column=3 + offset).font = Font(color="B83232")
    for row in rows[2:]:
        sheet.append([xlsx_cell(sheet, value) for value in row.cells()])
        number_format = NUMBER_FORMATS.get(row.kind)
        for offset, _value in enumerate(row.values):
            cell = sheet.cell(row=sheet.max_row, column=3 + offset)
            if number_format:
                cell.number_format = number_format
            mark = row.marks[offset] if offset < len(row.marks) else ""
            if mark:
                cell.fill = MARK_FILLS[mark]
    sheet.freeze_panes = "C3"
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 34
    workbook.properties.title = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
