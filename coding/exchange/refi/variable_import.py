"""The study variables of a .qdpx into the study (the write behind ``services.qdpx_import``).

A variable the study already has (same kind of record and name) is reused when it has the same
type and, if categorical, every category the project uses; otherwise the import is refused naming
both. New ones are created through ``coding.variables.services`` (its rules: a name that is no
fixed attribute, valid categories), and the values are written with ``values_set_many``, the write
of every input path. Region values go to the regions made from (or named like) the project's
cases; when the import goes into one chosen region, the cases' values are left out (a case of the
project is then no region of the study).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError

from cases.models import Interview, Region, Study
from coding.exchange.records import ImportErrors, ParsedProject, Problem, VariableRecord
from coding.variables import values as pure
from coding.variables.models import Variable
from coding.variables.services import values_set_many, variable_create


def import_variables(
    project: ParsedProject,
    study: Study,
    *,
    regions: Mapping[str, Region] | None,
    interviews: Mapping[str, Interview],
    filename: str,
) -> int:
    """Define the project's variables and write their values; returns how many values were set.

    ``regions``: region by case name (None when the import goes into one chosen region);
    ``interviews``: interview by source GUID.
    """
    variables = _variables(project.variables, study, filename)
    changes: dict[Variable, dict[int, object]] = {}
    for case in project.cases if regions is not None else ():
        region = regions.get(case.name) if regions is not None else None
        for name, value in case.study_values.items():
            if region is not None:
                changes.setdefault(variables[(pure.REGION, name)], {})[region.pk] = value
    for source in project.sources:
        interview = interviews[source.guid]
        for name, value in source.study_values.items():
            changes.setdefault(variables[(pure.INTERVIEW, name)], {})[interview.pk] = value
    try:
        return values_set_many(study=study, changes=changes)
    except ValidationError as error:  # parsed by read_project already: a definition changed meanwhile
        raise ImportErrors([Problem(filename, message) for message in error.messages]) from error


def _variables(records: list[VariableRecord], study: Study, filename: str) -> dict[tuple[str, str], Variable]:
    existing = {
        (variable.target, variable.name): variable
        for variable in Variable.objects.filter(study=study, target__in=(pure.REGION, pure.INTERVIEW))
    }
    found: dict[tuple[str, str], Variable] = {}
    problems: list[Problem] = []
    for record in records:
        where = f"{filename}, {record.target} variable {record.name!r}"
        current = existing.get((record.target, record.name))
        if current is None:
            try:
                found[(record.target, record.name)] = variable_create(
                    study=study, target=record.target, name=record.name, label=record.label, type=record.type,
                    categories=record.categories, description=record.description, unit=record.unit,
                )  # fmt: skip
            except ValidationError as error:
                problems += [Problem(where, message) for message in error.messages]
        elif current.type != record.type:
            problems.append(
                Problem(where, f"the study's variable of this name is {current.type}, the project's {record.type}")
            )
        elif missing := [category for category in record.categories if category not in current.categories]:
            problems.append(
                Problem(
                    where,
                    f"the study's variable of this name has no category {', '.join(map(repr, missing))}; add it first",
                )
            )
        else:
            found[(record.target, record.name)] = current
    if problems:
        raise ImportErrors(problems)
    return found
