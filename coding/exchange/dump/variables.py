"""The study's variables in its JSON dump: definitions at the top, values on their records.

Export: two queries for the whole study (definitions, then every value), whatever the number of
records; values are held as ``{(target, record id): {name: JSON value}}`` while the regions stream
(a few small entries per record). Import: the values were parsed by ``reader.check`` (with
``coding.variables.values``, as every input path); here the rows are bulk-created after the
records they describe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coding.exchange.dump.fields import CHUNK_ROWS
from coding.variables import values as pure
from coding.variables.interchange import json_value
from coding.variables.models import RECORD_FIELDS, Variable, VariableValue, value_columns

if TYPE_CHECKING:
    from cases.models import Study
    from coding.exchange.dump.importer import Importer

DEFINITION_FIELDS = ("target", "name", "label", "type", "categories", "description", "unit")


class DumpVariables:
    """The definitions and values of a study, read once for the dump."""

    def __init__(self, study: Study, text: Callable[[str], str]) -> None:
        variables = list(Variable.objects.filter(study=study).order_by("target", "position", "name", "pk"))
        self.definitions = [{name: getattr(variable, name) for name in DEFINITION_FIELDS} for variable in variables]
        for definition in self.definitions:
            definition["description"] = text(definition["description"])
        types = {variable.pk: variable.type for variable in variables}
        names = {variable.pk: variable.name for variable in variables}
        self.values: dict[tuple[str, int], dict[str, Any]] = {}
        if not variables:
            return
        rows = (
            VariableValue.objects.filter(variable__study=study)
            .order_by("variable__target", "variable__position", "variable__name", "pk")
            .iterator(chunk_size=CHUNK_ROWS)
        )
        for row in rows:
            value = row.value
            if value is None:
                continue
            if isinstance(value, str) and types[row.variable_id] == pure.TEXT:
                value = text(value)  # free text may name persons; categories never do
            field = next(name for name in RECORD_FIELDS if getattr(row, f"{name}_id") is not None)
            self.values.setdefault((field, getattr(row, f"{field}_id")), {})[names[row.variable_id]] = json_value(value)

    def of(self, target: str, pk: int) -> dict[str, Any]:
        return self.values.get((target, pk), {})


def create_variables(importer: Importer) -> None:
    """The dump's variables, then the values of the records that were written."""
    rows: list[tuple[str, Variable]] = []
    by_name: dict[tuple[str, str], Variable] = {}
    positions: dict[str, int] = {}
    for index, record in enumerate(importer.document["variables"]):
        positions[record["target"]] = positions.get(record["target"], 0) + 1
        variable = Variable(
            study=importer.study_row,
            **{name: record[name] for name in DEFINITION_FIELDS},
            position=positions[record["target"]],
        )
        variable.label = variable.label or variable.name
        if importer.checked(variable, f"variables[{index}]", exclude=["study"]):
            rows.append((f"variables[{index}]", variable))
            by_name[(variable.target, variable.name)] = variable
    importer.insert(Variable, rows)
    values: list[tuple[str, VariableValue]] = []
    for path, target, record, row in _written(importer):
        for name, value in record["variables"].items():
            defined = by_name.get((target, name))
            if defined is None or defined.pk is None:
                continue  # the definition's problem is reported at the definition
            value_row = VariableValue(variable=defined, **{target: row}, **value_columns(value))
            values.append((f"{path}.variables.{name}", value_row))
    importer.insert(VariableValue, values)


def _written(importer: Importer) -> list[tuple[str, str, dict[str, Any], Any]]:
    """(path, target, dump record, saved row) of every record that may carry values."""
    found: list[tuple[str, str, dict[str, Any], Any]] = []
    interviews = {id(record): interview for _, interview, record in getattr(importer, "interviews", [])}
    for index, region_record in enumerate(importer.document["regions"]):
        region = importer.regions.get(index)
        if region is None or region.pk is None:
            continue
        path = f"regions[{index}]"
        found.append((path, pure.REGION, region_record, region))
        for part, target, rows in (
            ("waves", pure.WAVE, importer.waves),
            ("actors", pure.ACTOR, importer.actors),
        ):
            for number, record in enumerate(region_record[part]):
                row = rows.get(record["key"])
                if row is not None and row.pk is not None:
                    found.append((f"{path}.{part}[{number}]", target, record, row))
        for number, record in enumerate(region_record["interviews"]):
            row = interviews.get(id(record))
            if row is not None and row.pk is not None:
                found.append((f"{path}.interviews[{number}]", pure.INTERVIEW, record, row))
    return found
