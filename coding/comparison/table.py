"""Regions side by side and over time (docs/domain.md): building the comparison table.

Pure: takes plain columns (one stored analysis result of a region, or of one of its waves, with
its status) and returns sections of rows whose cells carry the value, its text, whether it stands
out, and an evidence descriptor that the view turns into a link (the rows and cells are
described in ``rows``; the charts read the finished table, in ``charts``). No Django in here.

Rule for "differences": a row differs when its defined values are not all equal at the precision
shown. In a differing number row the highest and lowest cells are marked; in a differing label
row every cell whose value is not the most common one is marked (all cells when no value is more
common than another).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from coding.analysis import glossary
from coding.analysis.explanation import figure_count
from coding.analysis.grabher import GRABHER_TYPES
from coding.analysis.inputs import HIERARCHY_LEVELS
from coding.analysis.message import N_, Message, message, render
from coding.analysis.metrics import MODE_MIX
from coding.comparison.concept_rows import CONCEPT_ROWS
from coding.comparison.levels import organisation_sections
from coding.comparison.rows import (
    CLASSIFICATIONS,
    COORDINATION_MODES,
    COUNT,
    EXTERNAL,
    GRAPH_METRICS,
    INSIDE,
    LABEL,
    SHARE,
    Cell,
    Column,
    Comparison,
    Evidence,
    Row,
    Section,
    format_value,
    percent,
    said_value,
    section,
)
from coding.comparison.stability_rows import stability_section


def compare(columns: Sequence[Column]) -> Comparison:
    """The comparison table of ``columns``, in their order, with differences marked."""
    comparison = Comparison(list(columns))
    builders = (
        _metric_section,
        _classification_section,
        partial(stability_section, make_row=_row),
        _grabher_section,
        _coordination_section,
        _composition_section,
        _location_section,
        _coverage_section,
        _concept_section,
    )
    for build in builders:
        section = build(comparison.columns)
        for row in section.rows:
            mark_differences(row)
        comparison.sections.append(section)
    organisation = organisation_sections(comparison.columns, _metric_section, _classification_section)
    for row in (row for section in organisation for row in section.rows):
        mark_differences(row)
    comparison.sections[2:2] = organisation  # right after the level as coded's metrics and labels
    return comparison


# --- marking differences --------------------------------------------------------------------


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


def _row(
    key: str, label: str | Message, kind: str, columns: Sequence[Column], read: Callable[[Column], Cell | None]
) -> Row:
    """A row; ``label`` a fixed English text (translated where shown) or a message."""
    cells = []
    for column in columns:
        cell = read(column) if column.result is not None else None
        cell = cell or (
            Cell(None, "—") if column.result is not None else Cell(None, "no result", said=message("no result"))
        )
        cell.current = column.is_current
        cells.append(cell)
    said = label if isinstance(label, Message) else None
    return Row(key, str(label), kind, cells, said=said)


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
    said = "—" if share is None else Message("{share} ({count})", {"share": percent(share), "count": count})
    return Cell(share, text, said=said)


def _union(columns: Iterable[Column], read: Callable[[dict[str, Any]], Iterable[str]]) -> list[str]:
    return sorted({item for column in columns if column.result is not None for item in read(column.result)})


# --- sections -------------------------------------------------------------------------------


def _metric_section(columns: Sequence[Column]) -> Section:
    rows = []
    for path, kind in GRAPH_METRICS:
        anchor = "metric-" + path.split(".")[0]

        def read(column: Column, path: str = path, kind: str = kind, anchor: str = anchor) -> Cell:
            value = _dig(column.stored_result.get("metrics"), path)
            return Cell(value, format_value(value, kind), Evidence("analysis", anchor), said=said_value(value, kind))

        label = glossary.term(glossary.REGION_METRICS, path.split(".")[0]).label
        rows.append(_row(f"metrics.{path}", label, kind, columns, read))
    note = Message(
        "{convention} {comparison}",
        {
            "convention": Message(glossary.STRUCTURE_CONVENTION),
            "comparison": message(
                "Betweenness-based figures are not compared. E-I index: −1 all ties inside the groups, +1 all across."
            ),
        },
    )
    return section("metrics", message("Graph metrics"), rows, note)


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
            text = glossary.classification_label(label) if label else format_value(label, LABEL)
            return Cell(
                label,
                text,
                Evidence("analysis", f"classification-{name}"),
                detail=render(record.get("reason", "")),  # English; the page says it in the reader's language
                reason=record.get("reason"),
                note=thresholds,
                said=Message(text),
            )

        label = glossary.term(glossary.CLASSIFICATIONS, name).label
        rows.append(_row(f"classifications.{name}", label, LABEL, columns, read))
    note = message("Each with the reason and the thresholds used.")
    return section("classifications", message("Classifications"), rows, note)


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

    rows = [_row("grabher.typed", message("Ties with a Grabher type"), SHARE, columns, typed)]
    for kind in GRABHER_TYPES:

        def read(column: Column, kind: str = kind) -> Cell | None:
            figures = (_classification(column.stored_result, "grabher_mix") or {}).get("figures") or {}
            if "counts" not in figures:
                return None
            cell = _count_share(figures["counts"].get(kind, 0), figures.get("classified_ties", 0))
            cell.evidence = evidence
            return cell

        rows.append(_row(f"grabher.{kind}", kind.capitalize(), SHARE, columns, read))
    note = message("Shares of the ties that have a Grabher type.")
    return section("grabher", message("Grabher mix"), rows, note)


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
        count = figure_count(record, "coopetition_pairs")
        return Cell(count, str(count), Evidence("analysis", "classification-coordination_regime"))

    rows.append(_row("coordination.coopetition_pairs", message("Co-opetition pairs"), COUNT, columns, pairs))
    rows.extend(_mode_mix_rows(columns))
    note = message(
        "Share of the layer's coded ties with each mode (a tie may carry several, so these pass 100 % together); "
        "then each tie once, by one mode only or several (these add up to 100 %)."
    )
    return section("coordination", message("Coordination mix"), rows, note)


def _mode_mix_rows(columns: Sequence[Column]) -> list[Row]:
    """Ties by exclusive mode category (``mode_mix``): the rows the coordination chart stacks."""
    rows = []
    for category in MODE_MIX:

        def read(column: Column, category: str = category) -> Cell | None:
            metrics = column.stored_result.get("metrics") or {}
            if "mode_mix" not in metrics:
                return None  # stored before the mix was derived: shown as "—" until recomputed
            return _count_share(metrics["mode_mix"].get(category, 0), metrics.get("ties") or 0)

        label = category.replace("_", " ").capitalize()
        rows.append(_row(f"coordination_mix.{category}", label, SHARE, columns, read))
    return rows


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
    note = message("Persons count with the type of the organisation they belong to.")
    return section("actor_types", message("Actor-type composition"), rows, note)


def _location_section(columns: Sequence[Column]) -> Section:
    """Inside vs external actors, from the coverage figures (which always count every actor)."""
    rows = []
    places = ((INSIDE, message("Inside the region"), "inside"), (EXTERNAL, message("External"), "outside"))
    for location, label, filter_value in places:

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
    note = message("External includes quasi-external actors.")
    return section("location", message("Inside / external"), rows, note)


def _concept_section(columns: Sequence[Column]) -> Section:
    rows = [_row(key, label, kind, columns, read) for key, label, kind, read in CONCEPT_ROWS]
    note = message(
        "Descriptions of the article's concepts (docs/classifications/concepts.md); the next-wave rows need two waves."
    )
    return section("concepts", message("Concepts of the article"), rows, note)


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
        _row("coverage.interviewed_share", message("Actors interviewed"), SHARE, columns, interviewed),
        _row("coverage.external_interviewed", message("External actors interviewed"), SHARE, columns, external),
    ]
    types = _union(columns, lambda result: (result.get("coverage") or {}).get("actor_types_present", []))
    for actor_type in types:
        rows.append(
            _row(
                f"coverage.type.{actor_type}",
                message("Type: {type}", type=actor_type.replace("_", " ")),
                LABEL,
                columns,
                _presence("actor_types", actor_type, ("actor_type", actor_type)),
            )
        )
    for level in HIERARCHY_LEVELS:
        rows.append(
            _row(
                f"coverage.level.{level}",
                message("Level: {level}", level=Message(level.replace("_", " "))),
                LABEL,
                columns,
                _presence("hierarchy_levels", level, ("hierarchy_level", level)),
            )
        )
    note = message(
        "Whom the interviews reached: actor types and hierarchy levels interviewed, present but not, or absent."
    )
    return section("coverage", message("Observation coverage"), rows, note)


def _presence(prefix: str, item: str, actor_filter: tuple[str, str]) -> Callable[[Column], Cell | None]:
    def read(column: Column) -> Cell | None:
        coverage = column.stored_result.get("coverage") or {}
        if f"{prefix}_present" not in coverage:
            return None
        if item in coverage.get(f"{prefix}_interviewed", []):
            value = N_("interviewed")
        elif item in coverage[f"{prefix}_present"]:
            value = N_("not interviewed")
        else:
            value = N_("absent")
        return Cell(value, value, Evidence("actors", filters=(actor_filter,)), said=Message(value))

    return read
