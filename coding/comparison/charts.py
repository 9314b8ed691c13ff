"""The comparison page's chart series (docs/domain.md), read from the finished table. No Django in here.

The charts draw the table's own cell values, so a chart never shows a figure the table does not;
only the networks come straight from the stored results, as the table has no rows for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from coding.analysis.grabher import GRABHER_TYPES
from coding.analysis.metrics import MODE_MIX
from coding.comparison.rows import EXTERNAL, RADAR_ROWS, Column, Comparison


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


def network_series(
    columns: Sequence[Column], positions: Mapping[int, Mapping[int, tuple[float, float]]] | None = None
) -> list[dict[str, Any]]:
    """Nodes and edges of every column's network, short, as a page may carry thousands of each.

    A node is [id, name, actor type, 1 if external], followed by x, y when its region has a stored
    layout (``positions``: region id -> actor id -> point), so that an actor stands at the same
    place in every column of its region; an edge is [source, target, strength, modes].
    """
    positions = positions or {}
    return [
        {
            "key": column.key,
            "nodes": [
                _node(actor, positions.get(column.region_id, {})) for actor in (column.result or {}).get("actors", [])
            ],
            "edges": [
                [tie["source"], tie["target"], tie.get("strength"), tie.get("modes", [])]
                for tie in (column.result or {}).get("ties", [])
            ],
        }
        for column in columns
    ]


def _node(actor: dict[str, Any], positions: Mapping[int, tuple[float, float]]) -> list[Any]:
    external = 1 if actor.get("location") == EXTERNAL else 0
    node = [actor["id"], actor.get("name", ""), actor.get("actor_type", ""), external]
    point = positions.get(actor["id"])
    return [*node, *point] if point else node
