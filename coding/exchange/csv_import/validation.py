"""The checks of a CSV import before anything is written, every problem as "row N, column X: message".

Values against the field's choices and type (a study variable's with ``coding.variables.values``,
the parser of every input path, naming the variable), required fields, actor names of interactions
(unknown, ambiguous, or of another region), self-ties, duplicates within the file and against the
database, and the model's own rules (``full_clean``, the same as the forms). N is the line as a
spreadsheet shows it (the header is row 1). The queries are a constant number per import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models

from cases.choices import ActorKind
from cases.models import Actor, Region
from coding.analysis.message import Message, message
from coding.exchange.csv_import.fields import (
    MODE_FIELDS,
    PARSERS,
    TARGETS,
    VARIABLE_KEY,
    RowContext,
    RowError,
    variable_key,
)
from coding.exchange.csv_import.table import FILE, MAPPING, CsvTable, at_row
from coding.exchange.records import Problem
from coding.models import Interaction
from coding.variables.models import Variable
from coding.variables.values import Value, VariableValueError, parse_value

# Database rules that the models' clean() does not repeat, in words.
CONSTRAINT_MESSAGES = {"actor_founded_range": ("founded", "The founding year must be between 1800 and 2100.")}
FOREIGN_KEYS = ["region", "source", "target", "wave", "coder", "affiliation", "spun_off_from"]


def check_mapping(
    target: str, mapping: Mapping[str, str], header: Sequence[str], variables: Mapping[str, Variable] | None = None
) -> list[Problem]:
    """Required fields mapped, fields and variables that exist, columns that exist, no column feeding two fields."""
    problems = [
        Problem.of(MAPPING, message("Choose the column for “{field}”: it is required.", field=spec.title))
        for spec in TARGETS[target]
        if spec.required and not mapping.get(spec.name)
    ]
    known = {spec.name for spec in TARGETS[target]} | {variable_key(name) for name in variables or {}}
    for name, column in mapping.items():
        if column and name not in known:
            problems.append(Problem.of(MAPPING, _unknown(target, name)))
    used: dict[str, str] = {}
    for name, column in mapping.items():
        if not column:
            continue
        if column not in header:
            problems.append(Problem.of(MAPPING, message("The file has no column “{column}”.", column=column)))
        elif column in used:
            where = message("column mapping, column {column}", column=column)
            problems.append(
                Problem.of(where, message("Feeds both {first} and {second}.", first=used[column], second=name))
            )
        used[column] = name
    return problems


def _unknown(target: str, name: str) -> Message:
    """A mapping key that names no field or variable of the target's records."""
    variable = name.removeprefix(VARIABLE_KEY)
    if target == "actors":
        if name.startswith(VARIABLE_KEY):
            return message("The actors of this study have no variable “{name}”.", name=variable)
        return message("The actors of this study have no field “{name}”.", name=name)
    if name.startswith(VARIABLE_KEY):
        return message("The interactions of this study have no variable “{name}”.", name=variable)
    return message("The interactions of this study have no field “{name}”.", name=name)


def _context(target: str, region: Region) -> RowContext:
    context = RowContext(region)
    if target == "interactions":  # three queries, whatever the number of rows
        for actor in Actor.objects.filter(region=region):
            context.actors_by_name.setdefault(actor.name, []).append(actor)
        others = Actor.objects.filter(region__study_id=region.study_id).exclude(region=region)
        context.elsewhere = dict(others.values_list("name", "region__name"))
        context.waves_by_label = {wave.label: wave for wave in region.waves.all()}
    return context


def _parse_row(
    target: str, context: RowContext, mapping: Mapping[str, str], header: list[str], cells: list[str], line: int
) -> tuple[dict[str, Any], list[Problem]]:
    """The row's field values; its variables' values under ``VARIABLE_KEY + name`` (None: empty)."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    if len(cells) > len(header):
        said = message("Has {cells} cells but the header has {columns} columns.", cells=len(cells), columns=len(header))
        problems.append(Problem.of(at_row(line), said))
    for name, column in mapping.items():
        if not column:
            continue
        raw = cells[header.index(column)]
        if name.startswith(VARIABLE_KEY):  # a study variable (check_mapping: one of the study's)
            variable = context.variables[name.removeprefix(VARIABLE_KEY)]
            try:
                values[name] = parse_value(raw, type=variable.type, categories=variable.categories, label=variable.name)
            except VariableValueError as error:
                problems.append(Problem(f"row {line}, column {column}", f"Variable {variable.name}: {error}"))
            continue
        spec = next(spec for spec in TARGETS[target] if spec.name == name)
        if spec.required and not raw.strip():
            problems.append(Problem.of(at_row(line, column), message("This field is required.")))
            continue
        try:
            parsed = PARSERS[target][name](context, raw)
        except RowError as error:
            problems.append(Problem(f"row {line}, column {column}", str(error)))
            continue
        if name == "modes":
            values.update(parsed)
        elif name in MODE_FIELDS:
            values[name] = values.get(name, False) or parsed
        else:
            values[name] = parsed
    return values, problems


def _model_problems(instance: models.Model, mapping: Mapping[str, str], line: int) -> list[Problem]:
    """The model's own rules, as the forms apply them; uniqueness is checked for all rows at once."""
    try:
        # Foreign keys were resolved from this region's rows already; validating them again would
        # cost a query per row and field.
        instance.full_clean(exclude=FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            Problem(f"row {line}, column {_column_of(field_name, mapping)}", message)
            for field_name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def constraint_problems(numbered: list[tuple[int, models.Model]], mapping: Mapping[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for line, instance in numbered:
        for constraint in type(instance)._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue  # uniqueness was checked for all rows at once
            try:
                constraint.validate(type(instance), instance)
            except ValidationError:
                fallback = ("", f"Breaks the rule {constraint.name}.")
                field_name, message = CONSTRAINT_MESSAGES.get(constraint.name, fallback)
                where = f"row {line}, column {_column_of(field_name, mapping)}" if field_name else f"row {line}"
                problems.append(Problem(where, message))
    return problems


def _column_of(field_name: str, mapping: Mapping[str, str]) -> str:
    if field_name in MODE_FIELDS and mapping.get("modes"):
        return mapping["modes"]
    return mapping.get(field_name) or f"{field_name} (not mapped)"


def _actor_key(actor: Actor) -> tuple[str, str]:
    return (actor.kind, actor.name)


def _tie_key(tie: Interaction) -> tuple:
    ends = (tie.source_id, tie.target_id) if tie.directed else tuple(sorted((tie.source_id, tie.target_id)))
    return (*ends, tie.wave_id, tie.directed, tuple(tie.coordination_modes))


def _duplicates(
    # Any: the rows are of the target's model, Actor or Interaction.
    target: str,
    region: Region,
    rows: list[tuple[int, Any]],
    mapping: Mapping[str, str],
) -> list[Problem]:
    """Rows repeating an earlier row or a record already in the region (one query)."""
    key: Callable[[Any], tuple]
    what: Callable[[tuple], Message]
    if target == "actors":
        key, column = _actor_key, mapping["name"]
        existing = {(kind, name) for kind, name in Actor.objects.filter(region=region).values_list("kind", "name")}
        what = _actor_exists
    else:
        key, column = _tie_key, mapping["source"]
        existing = {_tie_key(tie) for tie in Interaction.objects.filter(region=region).only(
            "source_id", "target_id", "wave_id", "directed", *MODE_FIELDS)}  # fmt: skip
        what = _tie_exists
    problems: list[Problem] = []
    first_line: dict[tuple, int] = {}
    for line, instance in rows:
        row_key = key(instance)
        if row_key in existing:
            problems.append(Problem.of(at_row(line, column), what(row_key)))
        elif row_key in first_line:
            said = message("Repeats row {line}.", line=first_line[row_key])
            problems.append(Problem.of(at_row(line, column), said))
        first_line.setdefault(row_key, line)
    return problems


def _actor_exists(key: tuple) -> Message:
    kind, name = key
    return message("An actor {name} ({kind}) already exists in this region.", name=repr(name), kind=kind)


def _tie_exists(key: tuple) -> Message:
    return message("The same tie (actors, wave, direction and modes) is already coded in this region.")


def validate_rows(
    *,
    region: Region,
    target: str,
    table: CsvTable,
    mapping: Mapping[str, str],
    coder: Any,
    variables: Mapping[str, Variable] | None = None,
    variable_values: dict[int, dict[Variable, Value]] | None = None,
) -> tuple[list[tuple[int, models.Model]], list[Problem]]:
    """Every row as (row number, unsaved instance), and every problem found in any of them.

    ``variables``: the study variables of the imported records by name, fed by mapping keys
    ``variable:<name>``; their parsed values of each valid row go to ``variable_values[row number]``
    (an empty cell is no value).
    """
    problems = check_mapping(target, mapping, table.header, variables)
    if problems:
        return [], problems
    if not any(any(cell.strip() for cell in cells) for cells in table.rows):
        return [], [Problem.of(FILE, message("The file has a header but no rows."))]
    context = _context(target, region)
    context.variables = dict(variables or {})
    model: type[models.Model] = Actor if target == "actors" else Interaction
    valid: list[tuple[int, models.Model]] = []
    affiliations: list[tuple[int, Actor, str]] = []
    for line, cells in enumerate(table.rows, start=table.first_row):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row in the middle of the file
        values, row_problems = _parse_row(target, context, mapping, table.header, cells, line)
        problems += row_problems
        if row_problems:
            continue
        affiliation = values.pop("affiliation", "")
        typed = {context.variables[key.removeprefix(VARIABLE_KEY)]: values.pop(key) for key in list(values)
                 if key.startswith(VARIABLE_KEY)}  # fmt: skip
        if variable_values is not None:
            variable_values[line] = {variable: value for variable, value in typed.items() if value is not None}
        instance = model(region=region, **values)
        if isinstance(instance, Interaction):
            instance.coder = coder
        if affiliation:
            affiliations.append((line, cast("Actor", instance), affiliation))  # an actor column
        valid.append((line, instance))
    problems += _link_affiliations(region, valid, affiliations, mapping)
    for line, instance in valid:
        problems += _model_problems(instance, mapping, line)
    problems += _duplicates(target, region, valid, mapping)
    problems.sort(key=lambda problem: _line_of(problem))
    return valid, problems


def _link_affiliations(
    region: Region,
    valid: list[tuple[int, models.Model]],
    affiliations: list[tuple[int, Actor, str]],
    mapping: Mapping[str, str],
) -> list[Problem]:
    """Point persons at their organisation, already in the region or a row of the file (one query)."""
    if not affiliations:
        return []
    organisations = {actor.name: actor for actor in Actor.objects.filter(region=region, kind=ActorKind.ORGANISATION)}
    organisations.update(
        {actor.name: actor for _, actor in valid if isinstance(actor, Actor) and actor.kind == ActorKind.ORGANISATION}
    )
    problems = []
    for line, person, name in affiliations:
        if name in organisations:
            person.affiliation = organisations[name]
        else:
            said = message("No organisation named {name} in this region or in this file.", name=repr(name))
            problems.append(Problem.of(at_row(line, mapping["affiliation"]), said))
    return problems


def _line_of(problem: Problem) -> int:
    parts = problem.where.split(",")[0].split()
    return int(parts[1]) if len(parts) == 2 and parts[0] == "row" and parts[1].isdigit() else 0
