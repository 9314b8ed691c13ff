"""Regions side by side and over time (DOMAIN.md §3): the comparison table and its chart series.

Pure: takes plain columns (one stored analysis result of a region, or of one of its waves, with
its status) and returns sections of rows whose cells carry the value, its text, whether it stands
out, and an evidence descriptor that the view turns into a link. No Django in here.

Rule for "differences": a row differs when its defined values are not all equal at the precision
shown. In a differing number row the highest and lowest cells are marked; in a differing label
row every cell whose value is not the most common one is marked (all cells when no value is more
common than another).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coding.analysis import glossary
from coding.analysis.classify import GRABHER_TYPES
from coding.analysis.inputs import HIERARCHY_LEVELS

OK = "ok"
COORDINATION_MODES = ("cooperation", "competition", "rivalry", "conflict")
CLASSIFICATIONS = (
    "coordination_regime",
    "grabher_mix",
    "structure",
    "club_like_core",
    "actor_constellation",
    "boundary_spanners",
)
# Value kinds: how a number is shown and compared.
COUNT, SHARE, RATIO, INDEX, LABEL = "count", "share", "ratio", "index", "label"

# (path in result["metrics"], kind); a dotted path reads a nested figure, named as its head in the glossary.
GRAPH_METRICS: tuple[tuple[str, str], ...] = (
    ("actors", COUNT),
    ("ties", COUNT),
    ("edges", COUNT),
    ("density", RATIO),
    ("components", COUNT),
    ("largest_component_share", SHARE),
    ("isolates", COUNT),
    ("mean_degree", RATIO),
    ("transitivity", RATIO),
    ("average_clustering", RATIO),
    ("degree_centralisation", RATIO),
    ("modularity", RATIO),
    ("communities", COUNT),
    ("mean_constraint", RATIO),
    ("local_bridges", COUNT),
    ("ei_location.index", INDEX),
    ("ei_actor_type.index", INDEX),
    ("blau_actor_type", RATIO),
    ("strong_tie_share", SHARE),
    ("face_to_face_share", SHARE),
    ("low_threshold_share", SHARE),
)
# Metrics in 0..1 drawn on the radar chart, by row key.
RADAR_ROWS = (
    "metrics.density",
    "metrics.transitivity",
    "metrics.degree_centralisation",
    "metrics.largest_component_share",
    "metrics.blau_actor_type",
    "metrics.strong_tie_share",
    "metrics.face_to_face_share",
    "coverage.interviewed_share",
)
INSIDE, EXTERNAL = "inside", "external"


@dataclass(frozen=True)
class Column:
    """One region (all waves, ``wave_id`` None) or one wave of it, with its stored result."""

    region_id: int
    region_name: str
    study_id: int
    status: str  # "ok" | "stale" | "queued" | "running" | "failed" (see models_analysis.effective_status)
    result: dict[str, Any] | None
    wave_id: int | None = None
    wave_label: str = ""
    layer: str = "all"

    @property
    def key(self) -> str:
        return f"r{self.region_id}" + (f"-w{self.wave_id}" if self.wave_id else "")

    @property
    def label(self) -> str:
        return f"{self.region_name} · {self.wave_label if self.wave_id else 'all waves'}"

    @property
    def is_current(self) -> bool:
        return self.status == OK and self.result is not None

    @property
    def stored_result(self) -> dict[str, Any]:
        """The result, for the row readers: ``_row`` calls them only on columns that have one."""
        assert self.result is not None
        return self.result


@dataclass(frozen=True)
class Evidence:
    """Where a cell's figure comes from: a page kind, a fragment on it and filters of it.

    kinds: "analysis" (the region analysis page, ``anchor`` a fragment), "interactions" (the
    interaction list), "actors" (the actor list), "interviews" (the interview list).
    """

    kind: str
    anchor: str = ""
    filters: tuple[tuple[str, str], ...] = ()


@dataclass
class Cell:
    value: Any
    text: str
    evidence: Evidence | None = None
    current: bool = True
    detail: str = ""  # e.g. a classification's reason
    note: str = ""  # e.g. its thresholds
    mark: str = ""  # "" | "high" | "low" | "differs"
    url: str = ""  # filled by the view from ``evidence``


@dataclass
class Row:
    key: str
    label: str
    kind: str
    cells: list[Cell]
    differs: bool = False
    spread: float | None = None

    @property
    def spread_text(self) -> str:
        """Highest minus lowest, as the row's figures are shown (percentage points for shares)."""
        if self.spread is None:
            return "differs" if self.differs else ""
        if self.kind == SHARE:
            return f"{self.spread * 100:.0f} pp"
        return format_value(self.spread, COUNT if self.kind == COUNT else RATIO)


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row]
    note: str = ""


@dataclass
class Comparison:
    columns: list[Column]
    sections: list[Section] = field(default_factory=list)

    def row(self, key: str) -> Row | None:
        return next((row for section in self.sections for row in section.rows if row.key == key), None)


def compare(columns: Sequence[Column]) -> Comparison:
    """The comparison table of ``columns``, in their order, with differences marked."""
    comparison = Comparison(list(columns))
    builders = (
        _metric_section,
        _classification_section,
        _grabher_section,
        _coordination_section,
        _composition_section,
        _location_section,
        _coverage_section,
    )
    for build in builders:
        section = build(comparison.columns)
        for row in section.rows:
            mark_differences(row)
        comparison.sections.append(section)
    return comparison


# --- formatting and marking -----------------------------------------------------------------


def format_value(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == SHARE:
        return f"{value:.0%}"
    if kind == COUNT:
        return str(value)
    if kind == RATIO:
        return f"{value:.3f}"
    if kind == INDEX:
        return f"{value:+.3f}"
    return str(value).replace("_", " ")


def _comparable(value: Any, kind: str) -> Any:
    """The value at the precision shown, so that 0.4001 and 0.4 do not count as a difference."""
    if value is None or kind == LABEL:
        return value
    if kind == SHARE:
        return round(value * 100)
    return round(value, 3)


def mark_differences(row: Row) -> None:
    """Set ``row.differs`` and the cells' marks (see the module docstring for the rule)."""
    defined = [cell for cell in row.cells if cell.value is not None]
    values = [_comparable(cell.value, row.kind) for cell in defined]
    if len(set(values)) < 2:
        return
    row.differs = True
    if row.kind == LABEL:
        counts = Counter(values).most_common()
        common = counts[0][0] if counts[0][1] > counts[1][1] else None
        for cell, value in zip(defined, values, strict=True):
            cell.mark = "differs" if value != common else ""
        return
    high, low = max(values), min(values)
    row.spread = max(cell.value for cell in defined) - min(cell.value for cell in defined)
    for cell, value in zip(defined, values, strict=True):
        cell.mark = "high" if value == high else "low" if value == low else ""


def _row(key: str, label: str, kind: str, columns: Sequence[Column], read: Callable[[Column], Cell | None]) -> Row:
    cells = []
    for column in columns:
        cell = read(column) if column.result is not None else None
        cell = cell or Cell(None, "—" if column.result is not None else "no result")
        cell.current = column.is_current
        cells.append(cell)
    return Row(key, label, kind, cells)


def _dig(tree: dict[str, Any] | None, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(tree, dict):
            return None
        tree = tree.get(part)
    return tree


def _classification(result: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((record for record in result.get("classifications", []) if record.get("name") == name), None)


def _count_share(count: int, whole: int) -> Cell:
    share = count / whole if whole else None
    text = "—" if share is None else f"{share:.0%} ({count})"
    return Cell(share, text)


def _union(columns: Iterable[Column], read: Callable[[dict[str, Any]], Iterable[str]]) -> list[str]:
    return sorted({item for column in columns if column.result is not None for item in read(column.result)})


# --- sections -------------------------------------------------------------------------------


def _metric_section(columns: Sequence[Column]) -> Section:
    rows = []
    for path, kind in GRAPH_METRICS:
        anchor = "metric-" + path.split(".")[0]

        def read(column: Column, path: str = path, kind: str = kind, anchor: str = anchor) -> Cell:
            value = _dig(column.stored_result.get("metrics"), path)
            return Cell(value, format_value(value, kind), Evidence("analysis", anchor))

        label = glossary.term(glossary.REGION_METRICS, path.split(".")[0]).label
        rows.append(_row(f"metrics.{path}", label, kind, columns, read))
    note = (
        f"{glossary.STRUCTURE_CONVENTION} Betweenness-based figures are not compared. "
        "E-I index: −1 all ties inside the groups, +1 all across."
    )
    return Section("metrics", "Graph metrics", rows, note)


def _classification_section(columns: Sequence[Column]) -> Section:
    rows = []
    for name in CLASSIFICATIONS:

        def read(column: Column, name: str = name) -> Cell | None:
            record = _classification(column.stored_result, name)
            if record is None:
                return None
            used = (record.get("thresholds") or {}).items()
            thresholds = "; ".join(f"{key} = {_plain(value)}" for key, value in used)
            label = record.get("label")
            return Cell(
                label,
                glossary.classification_label(label) if label else format_value(label, LABEL),
                Evidence("analysis", f"classification-{name}"),
                detail=record.get("reason", ""),
                note=thresholds,
            )

        label = glossary.term(glossary.CLASSIFICATIONS, name).label
        rows.append(_row(f"classifications.{name}", label, LABEL, columns, read))
    return Section("classifications", "Classifications", rows, "Each with the reason and the thresholds used.")


def _plain(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _grabher_section(columns: Sequence[Column]) -> Section:
    evidence = Evidence("analysis", "classification-grabher_mix")

    def typed(column: Column) -> Cell | None:
        figures = (_classification(column.stored_result, "grabher_mix") or {}).get("figures") or {}
        if "ties" not in figures:
            return None
        cell = _count_share(figures.get("classified_ties", 0), figures["ties"])
        cell.evidence = evidence
        return cell

    rows = [_row("grabher.typed", "Ties with a Grabher type", SHARE, columns, typed)]
    for kind in GRABHER_TYPES:

        def read(column: Column, kind: str = kind) -> Cell | None:
            figures = (_classification(column.stored_result, "grabher_mix") or {}).get("figures") or {}
            if "counts" not in figures:
                return None
            cell = _count_share(figures["counts"].get(kind, 0), figures.get("classified_ties", 0))
            cell.evidence = evidence
            return cell

        rows.append(_row(f"grabher.{kind}", kind.capitalize(), SHARE, columns, read))
    return Section("grabher", "Grabher mix", rows, "Shares of the ties that have a Grabher type.")


def _coordination_section(columns: Sequence[Column]) -> Section:
    rows = []
    for mode in COORDINATION_MODES:

        def read(column: Column, mode: str = mode) -> Cell | None:
            metrics = column.stored_result.get("metrics") or {}
            if "mode_counts" not in metrics:
                return None
            cell = _count_share(metrics["mode_counts"].get(mode, 0), metrics.get("ties") or 0)
            cell.evidence = Evidence("interactions", filters=(("mode", mode),))
            return cell

        rows.append(_row(f"coordination.{mode}", mode.capitalize(), SHARE, columns, read))

    def pairs(column: Column) -> Cell | None:
        record = _classification(column.stored_result, "coordination_regime")
        if record is None:
            return None
        count = len((record.get("figures") or {}).get("coopetition_pairs", []))
        return Cell(count, str(count), Evidence("analysis", "classification-coordination_regime"))

    rows.append(_row("coordination.coopetition_pairs", "Co-opetition pairs", COUNT, columns, pairs))
    note = "Share of the layer's coded ties with each mode; a tie may carry several modes."
    return Section("coordination", "Coordination mix", rows, note)


def _composition_section(columns: Sequence[Column]) -> Section:
    types = _union(columns, lambda result: (result.get("metrics") or {}).get("actor_type_shares", {}))
    rows = []
    for actor_type in types:

        def read(column: Column, actor_type: str = actor_type) -> Cell | None:
            metrics = column.stored_result.get("metrics") or {}
            if "actor_type_shares" not in metrics:
                return None
            actors = metrics.get("actors") or 0
            count = round(metrics["actor_type_shares"].get(actor_type, 0.0) * actors)
            cell = _count_share(count, actors)
            cell.evidence = Evidence("actors", filters=(("actor_type", actor_type),))
            return cell

        rows.append(_row(f"actor_types.{actor_type}", actor_type.replace("_", " "), SHARE, columns, read))
    note = "Persons count with the type of the organisation they belong to."
    return Section("actor_types", "Actor-type composition", rows, note)


def _location_section(columns: Sequence[Column]) -> Section:
    """Inside vs external actors, from the coverage figures (which always count every actor)."""
    rows = []
    for location, label, filter_value in ((INSIDE, "Inside the region", "inside"), (EXTERNAL, "External", "outside")):

        def read(column: Column, location: str = location, filter_value: str = filter_value) -> Cell | None:
            coverage = column.stored_result.get("coverage") or {}
            if "external_actors" not in coverage:
                return None
            external = coverage["external_actors"]
            count = external if location == EXTERNAL else coverage.get("actors", 0) - external
            cell = _count_share(count, coverage.get("actors", 0))
            cell.evidence = Evidence("actors", filters=(("location", filter_value),))
            return cell

        rows.append(_row(f"location.{location}", label, SHARE, columns, read))
    return Section("location", "Inside / external", rows, "External includes quasi-external actors.")


def _coverage_section(columns: Sequence[Column]) -> Section:
    def interviewed(column: Column) -> Cell | None:
        coverage = column.stored_result.get("coverage") or {}
        if "actors" not in coverage:
            return None
        cell = _count_share(coverage.get("interviewed_actors", 0), coverage["actors"])
        cell.evidence = Evidence("interviews")
        return cell

    def external(column: Column) -> Cell | None:
        coverage = column.stored_result.get("coverage") or {}
        if "external_actors" not in coverage:
            return None
        cell = _count_share(coverage.get("external_actors_interviewed", 0), coverage["external_actors"])
        cell.evidence = Evidence("actors", filters=(("location", "outside"),))
        return cell

    rows = [
        _row("coverage.interviewed_share", "Actors interviewed", SHARE, columns, interviewed),
        _row("coverage.external_interviewed", "External actors interviewed", SHARE, columns, external),
    ]
    types = _union(columns, lambda result: (result.get("coverage") or {}).get("actor_types_present", []))
    for actor_type in types:
        rows.append(
            _row(
                f"coverage.type.{actor_type}",
                f"Type: {actor_type.replace('_', ' ')}",
                LABEL,
                columns,
                _presence("actor_types", actor_type, ("actor_type", actor_type)),
            )
        )
    for level in HIERARCHY_LEVELS:
        rows.append(
            _row(
                f"coverage.level.{level}",
                f"Level: {level.replace('_', ' ')}",
                LABEL,
                columns,
                _presence("hierarchy_levels", level, ("hierarchy_level", level)),
            )
        )
    note = "Whom the interviews reached: actor types and hierarchy levels interviewed, present but not, or absent."
    return Section("coverage", "Observation coverage", rows, note)


def _presence(prefix: str, item: str, actor_filter: tuple[str, str]) -> Callable[[Column], Cell | None]:
    def read(column: Column) -> Cell | None:
        coverage = column.stored_result.get("coverage") or {}
        if f"{prefix}_present" not in coverage:
            return None
        if item in coverage.get(f"{prefix}_interviewed", []):
            value = "interviewed"
        elif item in coverage[f"{prefix}_present"]:
            value = "not interviewed"
        else:
            value = "absent"
        return Cell(value, value, Evidence("actors", filters=(actor_filter,)))

    return read


# --- chart series ---------------------------------------------------------------------------


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
        "coordination": stacked([f"coordination.{mode}" for mode in COORDINATION_MODES]),
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


def network_series(columns: Sequence[Column]) -> list[dict[str, Any]]:
    """Nodes and edges of every column's network, short, as a page may carry thousands of each.

    A node is [id, name, actor type, 1 if external]; an edge [source, target, strength, modes].
    """
    return [
        {
            "key": column.key,
            "nodes": [_node(actor) for actor in (column.result or {}).get("actors", [])],
            "edges": [
                [tie["source"], tie["target"], tie.get("strength"), tie.get("modes", [])]
                for tie in (column.result or {}).get("ties", [])
            ],
        }
        for column in columns
    ]


def _node(actor: dict[str, Any]) -> list[Any]:
    external = 1 if actor.get("location") == EXTERNAL else 0
    return [actor["id"], actor.get("name", ""), actor.get("actor_type", ""), external]
