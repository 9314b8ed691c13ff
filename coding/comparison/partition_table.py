"""The comparison's rows of one partition: the same figures per column, groups aligned (pure: no Django).

Each column is a region (or wave) with the answer of ``coding.partitions.services``: figures, or a
status ("computing…", "failed") shown in every cell of the column instead of a number. Groups are
matched by name across the columns, in the attribute's order, "(no value)" last; a group a
region does not have shows "—" with a size of 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
NO_VALUE = "(no value)"


@dataclass(frozen=True)
class PartitionColumn:
    key: str
    label: str
    status: str  # "ok" | "failed" | "queued" | "waiting"
    result: Mapping[str, Any] | None
    error: str = ""


@dataclass
class PartitionRow:
    key: str
    label: str
    cells: list[str] = field(default_factory=list)


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def _whole(result: Mapping[str, Any]) -> dict[str, Any]:
    figures = {
        "no_value": result["no_value"],
        "ei": result["ei"]["index"],
        "blau": result["blau"],
        "assortativity": result["assortativity"],
    }
    figures.update({f"brokerage_{role}": result["brokerage"][role] for role in (*ROLES, "total")})
    return figures


WHOLE_LABELS = {
    "no_value": "Actors without a value",
    "ei": "E-I index",
    "blau": "Heterogeneity (Blau)",
    "assortativity": "Homophily (nominal assortativity)",
    **{f"brokerage_{role}": f"Brokerage: {role}" for role in ROLES},
    "brokerage_total": "Brokerage: all roles",
}
GROUP_FIGURES = (("size", "actors"), ("ei", "E-I"), ("coleman", "Coleman homophily"))


def group_order(columns: Sequence[PartitionColumn], categories: Sequence[str]) -> list[str]:
    """The groups of any column: the attribute's categories in order, then others by name, "(no value)" last."""
    present = {group["group"] for column in columns if column.result for group in column.result["groups"]}
    order = [name for name in categories if name in present]
    order += sorted(name for name in present if name not in order and name != NO_VALUE)
    return order + ([NO_VALUE] if NO_VALUE in present and NO_VALUE not in order else [])


def partition_rows(
    columns: Sequence[PartitionColumn], categories: Sequence[str], labels: Mapping[str, str]
) -> list[PartitionRow]:
    """The rows of the partition section: figures of the whole network, then three per group."""
    rows = [PartitionRow(key, label) for key, label in WHOLE_LABELS.items()]
    groups = group_order(columns, categories)
    for name in groups:
        rows += [PartitionRow(f"{name}:{key}", f"{labels.get(name, name)}: {what}") for key, what in GROUP_FIGURES]
    for column in columns:
        if column.result is None:
            for row in rows:
                row.cells.append(column.error or column.status)
            continue
        whole = _whole(column.result)
        by_group = {group["group"]: group for group in column.result["groups"]}
        cells = [_number(whole[key]) for key in WHOLE_LABELS]
        for name in groups:
            group = by_group.get(name)
            if group is None:
                cells += ["0", "—", "—"]
            else:
                cells += [_number(group["size"]), _number(group["ei"]["index"]), _number(group["coleman"])]
        for row, text in zip(rows, cells, strict=True):
            row.cells.append(text)
    return rows
