"""The study's variables in the statistics tables: one column per variable, and their codebook.

The actors, regions, waves and interviews tables gain one column per study variable of that kind
of record, headed by the variable's machine name (``var_<name>`` where the table already has a
column of that name, see ``coding.variables.interchange``). Cells are the values as
``coding.variables.values.format_value`` writes them — ISO dates, whole numbers without ".0",
texts as they are — except yes/no, which is 1/0 like every boolean of the tables (Stata and SPSS
have no boolean type); an empty cell is a missing value. The ``variables`` table (and the second
sheet of each workbook) is the data set's codebook: table, column, name, label, type, categories,
unit and description of each variable.

Two queries per table whatever the number of rows: the definitions, then every value of the scope.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from coding.exchange.tables.rows import Table, TableScope, codebook_rows, study_variables
from coding.exchange.tables.writers import Value
from coding.variables import values as pure
from coding.variables.interchange import column_names, table_value
from coding.variables.models import Variable, VariableValue


@dataclass(frozen=True)
class TableWithVariables:
    columns: tuple[str, ...]
    rows: Iterator[Sequence[Value]]
    variables: int  # how many of the last columns are study variables
    codebook: list[Sequence[Value]]  # rows of VARIABLE_COLUMNS for this table's variables


def with_variables(spec: Table, scope: TableScope) -> TableWithVariables:
    """``spec``'s columns and rows followed by the study's variables of its kind of record."""
    if spec.target is None:
        return TableWithVariables(spec.columns, spec.rows(scope), 0, [])
    variables = study_variables(scope, spec.target)
    if not variables:
        return TableWithVariables(spec.columns, spec.rows(scope), 0, [])
    columns = column_names(spec.columns, [variable.name for variable in variables])
    return TableWithVariables(
        (*spec.columns, *columns.values()),
        _rows(spec, scope, variables),
        len(variables),
        codebook_rows(scope, variables),
    )


def _rows(spec: Table, scope: TableScope, variables: list[Variable]) -> Iterator[Sequence[Value]]:
    target = spec.target
    assert target is not None  # with_variables hands over tables of records only
    # The records of the scope: a region (or the study's regions), or the records in them.
    place: dict[str, object] = {"region": scope.region} if scope.region else {"region__study": scope.study}
    if target == pure.REGION:
        place = {"pk": scope.region.pk} if scope.region else {"study": scope.study}
    values = VariableValue.objects.filter(variable__in=variables, **{f"{target}__{k}": v for k, v in place.items()})
    found: dict[tuple[object, int], Value] = {}
    free_text = {variable.pk for variable in variables if variable.type == pure.TEXT}
    for stored in values:
        value = table_value(stored.value)
        if stored.variable_id in free_text and isinstance(value, str):
            value = scope.text(value)  # may name persons: pseudonymised like every free text
        found[(getattr(stored, f"{target}_id"), stored.variable_id)] = value
    for row in spec.rows(scope):
        yield (*row, *(found.get((row[0], variable.pk)) for variable in variables))
