"""The comparison page's chart series (docs/domain.md), read from the finished table. No Django in here.

The charts draw the table's own cell values, so a chart never shows a figure the table does not;
the networks come straight from the stored results (coding.comparison.networks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from coding.analysis.grabher import GRABHER_TYPES
from coding.analysis.metrics import MODE_MIX
from coding.comparison.rows import RADAR_ROWS, Comparison


def chart_series(comparison: Comparison) -> dict[str, Any]:
    """The figures the charts draw, read from the table so both always agree."""

    def values(key: str) -> list[float | None]:
        row = comparison.row(key)
        return [cell.value for cell in row.cells] if row else [None] * len(comparison.columns)

    def stacked(keys: Sequence[str]) -> dict[str, Any]:
        rows = [row for key in keys if (row := comparison.row(key)) is not None]
        return {"labels": [row.label for row in rows], "values": [values(row.key) for row in rows]}

    radar_labels = {row.key: row.label for section in comparison.sections for row in section.rows}
    actor_types = next(section for section in comparison.sections if section.key == "actor_types")
    return {
        "columns": [
            {"key": column.key, "label": column.label, "current": column.is_current, "region": column.region_id}
            for column in comparison.columns
        ],
        "grabher": stacked([f"grabher.{kind}" for kind in GRABHER_TYPES]),
        # Each tie once (one mode only, several, none), so the stack adds up to 100 %.
        "coordination": stacked([f"coordination_mix.{category}" for category in MODE_MIX]),
        "actor_types": stacked([row.key for row in actor_types.rows]),
        # The palette order of actor types, shared by the composition chart and the networks.
        "types": [row.key.removeprefix("actor_types.") for row in actor_types.rows],
        "radar": {"labels": [radar_labels[key] for key in RADAR_ROWS], "values": [values(key) for key in RADAR_ROWS]},
        "waves": _over_waves(comparison, values, radar_labels),
    }


def _over_waves(
    comparison: Comparison, values: Callable[[str], list[float | None]], labels: dict[str, str]
) -> list[dict[str, Any]]:
    """For every region shown with two or more of its waves: the radar metrics over those waves."""
    positions: dict[int, list[int]] = {}
    for index, column in enumerate(comparison.columns):
        if column.wave_id is not None:
            positions.setdefault(column.region_id, []).append(index)
    series = {key: values(key) for key in RADAR_ROWS}
    charts = []
    for region_id, indices in positions.items():
        if len(indices) < 2:
            continue
        columns = [comparison.columns[i] for i in indices]
        charts.append(
            {
                "region": region_id,
                "title": columns[0].region_name,
                "waves": [column.wave_label for column in columns],
                "current": [column.is_current for column in columns],
                "lines": [{"label": labels[key], "values": [series[key][i] for i in indices]} for key in RADAR_ROWS],
            }
        )
    return charts
