"""The organisation level in the comparison table, on plain result dicts (no database): its rows
read ``result["levels"]["organisation"]``, are marked like the level as coded, and a result stored
before the levels existed shows "no result" there."""

from __future__ import annotations

from coding.comparison import table as comparison
from coding.comparison.files import table_rows
from coding.comparison.rows import Column


def _column(region_id: int, organisation_actors: int | None, label: str = "closure") -> Column:
    result = {
        "metrics": {"actors": 10, "density": 0.2},
        "classifications": [{"name": "structure", "label": "brokerage", "reason": "as coded", "thresholds": {}}],
    }
    if organisation_actors is not None:
        result["levels"] = {
            "organisation": {
                "metrics": {"actors": organisation_actors, "density": 0.5},
                "classifications": [{"name": "structure", "label": label, "reason": "folded", "thresholds": {}}],
            }
        }
    return Column(region_id, f"Region {region_id}", study_id=1, status="ok", result=result)


def test_the_organisation_level_has_rows_of_its_own_beside_the_level_as_coded():
    table = comparison.compare([_column(1, 6), _column(2, 4, label="neither_closure_nor_brokerage")])
    assert [cell.text for cell in table.row("metrics.actors").cells] == ["10", "10"]
    actors = table.row("organisation.metrics.actors")
    assert [cell.text for cell in actors.cells] == ["6", "4"]
    assert [cell.mark for cell in actors.cells] == ["high", "low"]
    structure = table.row("organisation.classifications.structure")
    assert [cell.text for cell in structure.cells] == ["closure", "neither closure nor brokerage above chance"]
    assert structure.cells[0].detail == "folded"
    assert not table.row("classifications.structure").differs  # "brokerage" in both as coded
    keys = [section.key for section in table.sections]
    assert keys[:4] == ["metrics", "classifications", "organisation.metrics", "organisation.classifications"]


def test_a_result_without_levels_reads_no_result_at_the_organisation_level():
    table = comparison.compare([_column(1, None), _column(2, 4)])
    assert [cell.text for cell in table.row("organisation.metrics.actors").cells] == ["no result", "4"]


def test_the_download_carries_the_organisation_level():
    table = comparison.compare([_column(1, 6)])
    sections = {row.section for row in table_rows(table)}
    assert {"Graph metrics, organisation level", "Classifications, organisation level"} <= sections
