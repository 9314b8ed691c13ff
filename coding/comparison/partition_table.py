"""The comparison's rows of one partition: the same figures per column, groups aligned (pure: no Django).

Each column is a region (or wave) with the answer of ``coding.partitions.services``: figures, or a
status ("computing…", "failed") shown in every cell of the column instead of a number. Groups are
matched by name across the columns, in the attribute's order, "(no value)" last; a group a
region does not have shows "—" with a size of 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coding.analysis.message import N_, Figure, Message, render

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
NO_VALUE = N_("(no value)")


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
    said: Message | None = None  # the label for the page when more than a fixed text


def _number(value: Any, say: Callable[[Any], str] = render) -> str:
    """Up to three decimals without trailing zeros; ``say`` writes the figure in the reader's language."""
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        places = len(text.partition(".")[2])
        return say(Figure(float(text), places))
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
    "no_value": N_("Actors without a value"),
    "ei": N_("E-I index"),
    "blau": N_("Heterogeneity (Blau)"),
    "assortativity": N_("Homophily (nominal assortativity)"),
    **{f"brokerage_{role}": f"Brokerage: {role}" for role in ROLES},
    "brokerage_total": N_("Brokerage: all roles"),
}
# The brokerage rows' labels as written above, marked for the page's translation.
BROKERAGE_LABELS = (
    N_("Brokerage: coordinator"),
    N_("Brokerage: itinerant"),
    N_("Brokerage: representative"),
    N_("Brokerage: gatekeeper"),
    N_("Brokerage: liaison"),
)
GROUP_FIGURES = (("size", N_("actors")), ("ei", "E-I"), ("coleman", N_("Coleman homophily")))


def group_order(columns: Sequence[PartitionColumn], categories: Sequence[str]) -> list[str]:
    """The groups of any column: the attribute's categories in order, then others by name, "(no value)" last."""
    present = {group["group"] for column in columns if column.result for group in column.result["groups"]}
    order = [name for name in categories if name in present]
    order += sorted(name for name in present if name not in order and name != NO_VALUE)
    return order + ([NO_VALUE] if NO_VALUE in present and NO_VALUE not in order else [])


def partition_rows(
    columns: Sequence[PartitionColumn],
    categories: Sequence[str],
    labels: Mapping[str, str],
    *,
    say: Callable[[Any], str] = render,
) -> list[PartitionRow]:
    """The rows of the partition section: figures of the whole network, then three per group
    (numbers written by ``say``: English by default, the page's language on the page)."""
    rows = [PartitionRow(key, label) for key, label in WHOLE_LABELS.items()]
    groups = group_order(columns, categories)
    for name in groups:
        for key, what in GROUP_FIGURES:
            shown = labels.get(name, name)
            label = Message(
                "{group}: {figure}", {"group": Message(shown) if shown == NO_VALUE else shown, "figure": Message(what)}
            )
            rows.append(PartitionRow(f"{name}:{key}", str(label), said=label))
    for column in columns:
        if column.result is None:
            for row in rows:
                row.cells.append(column.error or column.status)
            continue
        whole = _whole(column.result)
        by_group = {group["group"]: group for group in column.result["groups"]}
        cells = [_number(whole[key], say) for key in WHOLE_LABELS]
        for name in groups:
            group = by_group.get(name)
            if group is None:
                cells += ["0", "—", "—"]
            else:
                cells += [
                    _number(group["size"], say),
                    _number(group["ei"]["index"], say),
                    _number(group["coleman"], say),
                ]
        for row, text in zip(rows, cells, strict=True):
            row.cells.append(text)
    return rows
