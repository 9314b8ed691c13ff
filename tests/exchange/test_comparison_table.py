"""The comparison table's CSV and XLSX writers on their own (no database)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from coding.comparison import files as comparison_table
from coding.comparison import table as comparison


def _rows(region_name: str) -> list[comparison_table.TableRow]:
    result = {
        "metrics": {"actors": 10, "density": 0.2, "mode_counts": {"cooperation": 4}, "ties": 8},
        "coverage": {"actors": 10, "external_actors": 2, "interviewed_actors": 3},
        "classifications": [],
    }
    column = comparison.Column(1, region_name, study_id=1, status="ok", result=result)
    return comparison_table.table_rows(comparison.compare([column]))


def test_csv_defuses_a_formula_like_region_name():
    header = next(csv.reader(io.StringIO(comparison_table.to_csv(_rows("=Ruhr")))))
    assert header[2] == "'=Ruhr · all waves"


def test_xlsx_keeps_a_formula_like_region_name_unchanged_as_text():
    sheet = load_workbook(io.BytesIO(comparison_table.to_xlsx(_rows("=Ruhr"), "t"))).active
    # Stored as text it is safe already; the CSV's apostrophe would change the name in the cell.
    assert sheet["C1"].value == "=Ruhr · all waves"
    assert sheet["C1"].data_type == "s"


def test_xlsx_survives_a_control_character_in_a_name():
    # A vertical tab (Word's manual line break) pasted into a region name used to crash openpyxl.
    sheet = load_workbook(io.BytesIO(comparison_table.to_xlsx(_rows("Ruhr\x0bArea"), "t"))).active
    assert sheet["C1"].value == "RuhrArea · all waves"
