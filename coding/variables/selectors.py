"""Reads of variables and their values: a fixed number of queries however many records there are."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from cases.models import Study
from coding.variables import values as pure
from coding.variables.fixed import FIXED, Attribute
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
