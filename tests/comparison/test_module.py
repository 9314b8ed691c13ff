"""The pure comparison module on plain result dicts: the marking rule, missing and stale columns,
and chart series read from the same rows as the table (no database)."""

from __future__ import annotations

from coding.comparison import charts as comparison_charts
from coding.comparison import table as comparison
from coding.comparison.rows import LABEL, SHARE, Cell, Column, Row


def _column(region_id: int, status: str = "ok", **metrics) -> Column:
    result = {
        "metrics": {
            "actors": 10,
            "density": 0.2,
            "mode_counts": {"cooperation": 4},
            "ties": 8,
            "mode_mix": {"cooperation_only": 4, "no_mode": 4},
            **metrics,
        },
        "coverage": {"actors": 10, "external_actors": 2, "interviewed_actors": 3},
        "classifications": [{"name": "structure", "label": "closure", "reason": "why", "thresholds": {"k": 0.5}}],
    }
    return Column(region_id, f"Region {region_id}", study_id=1, status=status, result=result)


def test_a_label_row_marks_the_odd_one_out_when_a_majority_exists():
    row = Row("x", "x", LABEL, [Cell(value, value) for value in ("closure", "closure", "brokerage")])
    comparison.mark_differences(row)
    assert row.differs and [cell.mark for cell in row.cells] == ["", "", "differs"]


def test_numbers_equal_at_the_shown_precision_do_not_differ():
    row = Row("x", "x", SHARE, [Cell(0.4001, ""), Cell(0.4, ""), Cell(None, "—")])
    comparison.mark_differences(row)
    assert not row.differs and row.spread is None


def test_missing_and_stale_columns_are_shown_but_never_current():
    columns = [_column(1), _column(2, status="stale", density=0.5), Column(3, "Region 3", 1, "queued", None)]
    table = comparison.compare(columns)
    density = table.row("metrics.density")
    assert [cell.text for cell in density.cells] == ["0.200", "0.500", "no result"]
    assert [cell.current for cell in density.cells] == [True, False, False]
    assert [cell.mark for cell in density.cells] == ["low", "high", ""]
    assert table.row("location.external").cells[0].text == "20% (2)"
    structure = table.row("classifications.structure").cells[0]
    assert (structure.text, structure.detail, structure.note) == ("closure", "why", "k = 0.5")


def test_chart_series_are_the_table_values():
    table = comparison.compare([_column(1), _column(2, density=0.5)])
    charts = comparison_charts.chart_series(table)
    radar = dict(zip(charts["radar"]["labels"], charts["radar"]["values"], strict=True))
    assert radar["Density"] == [0.2, 0.5]
    assert charts["coordination"]["values"][0] == [0.5, 0.5]  # cooperation only: 4 of 8 ties
    assert [column["current"] for column in charts["columns"]] == [True, True]
