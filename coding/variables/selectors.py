"""Reads of variables and their values: a fixed number of queries however many records there are."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, Model

from cases.models import Study
from coding.variables import values as pure
from coding.variables.fixed import EFFECTIVE_ACTOR_TYPE, FIXED, Attribute
from coding.variables.models import Variable, VariableValue


def study_variables(study: Study, target: str | None = None) -> list[Variable]:
    """The study's variables (of one kind of record), in page order. One query."""
    variables = Variable.objects.filter(study=study)
    if target is not None:
        variables = variables.filter(target=target)
    return list(variables.order_by("target", "position", "name"))


def attributes(study: Study, target: str) -> list[Attribute]:
    """Every attribute of ``target`` records that can be chosen: the fixed ones, then the study's."""
    return [*FIXED[target], *(as_attribute(variable) for variable in study_variables(study, target))]


def as_attribute(variable: Variable) -> Attribute:
    categories: tuple[str, ...] = ()
    if variable.type == pure.CATEGORICAL:
        categories = tuple(variable.categories)
    elif variable.type == pure.BOOLEAN:
        categories = ("true", "false")
    return Attribute(
        target=variable.target,
        name=variable.name,
        label=variable.label or variable.name,
        type=variable.type,
        categories=categories,
        category_labels=categories if variable.type == pure.CATEGORICAL else ("yes", "no"),
        variable_id=variable.pk,
        unit=variable.unit,
    )


def record_values(variables: Iterable[Variable], record_ids: Collection[int]) -> dict[int, dict[str, pure.Value]]:
    """``{record id: {variable name: typed value}}`` of the given variables (all of one target kind)
    for the given records; records without values are absent. One query."""
    variables = list(variables)
    if not variables or not record_ids:
        return {}
    targets = {variable.target for variable in variables}
    if len(targets) != 1:
        raise ValueError("record_values reads variables of one kind of record at a time.")
    field = targets.pop()
    names = {variable.pk: variable.name for variable in variables}
    rows = VariableValue.objects.filter(variable_id__in=names, **{f"{field}_id__in": record_ids})
    result: dict[int, dict[str, pure.Value]] = {}
    for row in rows:
        value = row.value
        if value is not None:
            result.setdefault(getattr(row, f"{field}_id"), {})[names[row.variable_id]] = value
    return result


@dataclass(frozen=True)
class GridRow:
    """One record of a grid: its fixed attributes as shown, and its variables' values as typed in."""

    record_id: int
    label: str
    fixed: list[str]
    cells: list[tuple[Variable, str]]  # per column: the value as a cell shows it (``format_value``)


@dataclass(frozen=True)
class Grid:
    target: str
    fixed: list[Attribute]
    variables: list[Variable]
    rows: list[GridRow]
    version: str  # changes whenever a value of these cells changes (optimistic concurrency)


def grid(study: Study, target: str, records: Sequence[Model]) -> Grid:
    """Records × the study's variables of ``target``, with the fixed attributes alongside.

    Three queries whatever the number of rows: the variables, the values and the version (the
    records are the caller's, already fetched).
    """
    variables = study_variables(study, target)
    record_ids = [record.pk for record in records]
    values = record_values(variables, record_ids)
    fixed = grid_fixed(target)
    rows = [
        GridRow(
            record_id=record.pk,
            label=record_label(record),
            fixed=[fixed_display(record, attribute) for attribute in fixed],
            cells=[
                (variable, pure.format_value(values.get(record.pk, {}).get(variable.name))) for variable in variables
            ],
        )
        for record in records
    ]
    return Grid(target, fixed, variables, rows, grid_version(variables, record_ids))


def grid_fixed(target: str) -> list[Attribute]:
    """The fixed attributes shown beside the values: the record's own fields (the effective actor
    type is derived from the employer, shown on the analysis page, not a field of the record)."""
    return [attribute for attribute in FIXED[target] if attribute.name != EFFECTIVE_ACTOR_TYPE]


def grid_version(variables: Sequence[Variable], record_ids: Collection[int]) -> str:
    """A token of the cells' current values: how many there are and when the last one changed.
    A save that brings another token was made on a page opened before someone else saved. One query."""
    if not variables or not record_ids:
        return "empty"
    field = variables[0].target
    held = VariableValue.objects.filter(variable__in=variables, **{f"{field}_id__in": record_ids})
    summary = held.aggregate(count=Count("id"), last=Max("updated_at"))
    last = summary["last"].isoformat() if summary["last"] else "-"
    return f"{summary['count']}@{last}"


def record_label(record: Model) -> str:
    """How a grid names its row: the wave's label without its region (the grid is the region's)."""
    for field in ("label", "name", "title"):
        if text := getattr(record, field, None):
            return str(text)
    return str(record)


def fixed_display(record: Model, attribute: Attribute) -> str:
    """A fixed attribute of ``record`` as its own pages show it (the choice's label, ISO dates)."""
    if attribute.categories:
        return str(getattr(record, f"get_{attribute.name}_display")() or "")
    value = getattr(record, attribute.name)
    return "" if value is None else str(value)


def variables_with_counts(study: Study) -> list[Variable]:
    """The study's variables in page order, each with ``value_count``. One query."""
    variables = Variable.objects.filter(study=study).annotate_value_count()
    return list(variables.order_by("target", "position", "name"))
