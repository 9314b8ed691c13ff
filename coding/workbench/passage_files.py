"""Retrieved passages as files: a table (CSV, XLSX) and a readable document (.docx). No Django here.

The table uses the statistics writers (``coding.exchange.tables.writers``: UTF-8 with BOM, CSV
injection defused, text cells in XLSX). The document is what researchers paste into a paper:
each quote as an indented paragraph, followed by its source line "Interview, Region · wave,
¶ 3–5 — Code (coder)" and the memo, if any. The HTML twin is a Django template
(``templates/coding/passages_document.html``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from docx import Document
from docx.shared import Pt, RGBColor

from coding.exchange.tables.writers import Value, csv_chunks, write_xlsx
from coding.exchange.xml_text import xml_safe

COLUMNS = ("quote", "interview", "region", "wave", "paragraph", "codes", "coder", "memo", "coding_id")


@dataclass(frozen=True)
class QuoteRow:
    quote: str
    interview: str
    region: str
    wave: str
    paragraph: str  # "¶ 3–5"
    codes: str  # the passage's code; sub-code paths as "Parent › Child"
    coder: str
    memo: str
    coding_id: int

    @property
    def source(self) -> str:
        place = f"{self.region} · {self.wave}" if self.wave else self.region
        return f"{self.interview}, {place}, {self.paragraph} — {self.codes} ({self.coder})"

    def cells(self) -> Sequence[Value]:
        return tuple(getattr(self, column) for column in COLUMNS)


def csv_file(rows: Iterable[QuoteRow]) -> Iterator[bytes]:
    return csv_chunks(COLUMNS, (row.cells() for row in rows))


def xlsx_file(rows: Iterable[QuoteRow], target: IO[bytes]) -> None:
    write_xlsx(COLUMNS, (row.cells() for row in rows), target, sheet="Passages")


def docx_file(title: str, description: str, rows: Iterable[QuoteRow], target: IO[bytes]) -> None:
    """A Word document: the title, what was retrieved, then each quote with its source and memo."""
    document = Document()
    document.add_heading(xml_safe(title), level=1)
    document.add_paragraph(xml_safe(description))
    for row in rows:
        quote = document.add_paragraph(style="Quote")
        quote.add_run(xml_safe(f"“{row.quote}”"))
        source = document.add_paragraph()
        source.paragraph_format.left_indent = Pt(18)
        run = source.add_run(xml_safe(row.source))
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        if row.memo:
            memo = document.add_paragraph()
            memo.paragraph_format.left_indent = Pt(18)
            memo.add_run("Memo: ").bold = True
            memo.add_run(xml_safe(row.memo))
    document.save(target)
