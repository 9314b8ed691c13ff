"""The checks of a dump's variables and their values (no Django here), for ``reader.check``.

Definitions: a syntactic machine name, not a fixed attribute of its kind of record, given once per
kind, categories only (and then valid) for categorical variables. Values: named by a defined
variable of the record's kind and parsed by ``coding.variables.values`` — the one parser of every
input path — so a dump refuses what the record pages and the CSV import refuse, with the same
words. Each value is replaced in place by its typed value (an empty one is dropped), ready for the
importer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from coding.exchange.dump.checker import Checker
from coding.exchange.dump.schema import VARIABLE
from coding.variables import values as pure

# Where each kind of record sits in a dump: (part of a region or None for the region itself).
PARTS = {pure.REGION: None, pure.WAVE: "waves", pure.ACTOR: "actors", pure.INTERVIEW: "interviews"}
MAX_LABEL, MAX_UNIT = 200, 40


@dataclass(frozen=True)
class Defined:
    type: str
    categories: tuple[str, ...]
    label: str


def check_definitions(
    checker: Checker, variables: Any, reserved: Mapping[str, Collection[str]]
) -> dict[str, dict[str, Defined]]:
    """``{target: {name: Defined}}`` of the well-formed definitions; every problem reported."""
    defined: dict[str, dict[str, Defined]] = {target: {} for target in pure.TARGETS}
    if not isinstance(variables, list):
        return defined
    first: dict[tuple[str, str], str] = {}
    for index, record in enumerate(variables):
        path = f"variables[{index}]"
        found = len(checker.problems)
        if not checker.record(record, VARIABLE, path, "variable", None):
            continue
        target, name, kind = record.get("target"), record.get("name"), record.get("type")
        if not (isinstance(target, str) and target in defined and isinstance(name, str) and kind in pure.TYPES):
            continue  # reported by the field checks
        # Only a definition without any problem is used to check values (a wrong field is reported).
        ok = _definition_ok(checker, record, path, reserved.get(target, ())) and len(checker.problems) == found
        if (target, name) in first:
            checker.problem(
                f"{path}.name", f"the {target} variable {name!r} is already defined at {first[target, name]}"
            )
            continue
        first[(target, name)] = path
        if ok:
            categories = tuple(record["categories"])
            defined[target][name] = Defined(kind, categories, record["label"] or name)
    return defined


def _definition_ok(checker: Checker, record: dict[str, Any], path: str, reserved: Collection[str]) -> bool:
    found = len(checker.problems)
    name = record["name"]
    if not pure.NAME_PATTERN.match(name):
        checker.problem(
            f"{path}.name",
            f"{name!r} is not a variable name: letters, digits and underscores, starting with a letter, "
            "at most 63 characters",
        )
    elif name in reserved:
        checker.problem(f"{path}.name", f"{name!r} is a fixed attribute of every {record['target']}; rename it")
    for field, limit in (("label", MAX_LABEL), ("unit", MAX_UNIT)):
        if isinstance(record.get(field), str) and len(record[field]) > limit:
            checker.problem(f"{path}.{field}", f"is longer than {limit} characters")
    categories = record.get("categories")
    if isinstance(categories, list):
        if record["type"] != pure.CATEGORICAL:
            if categories:
                checker.problem(
                    f"{path}.categories", f"only categorical variables have categories, not {record['type']}"
                )
        else:
            try:
                record["categories"] = pure.check_categories(categories)
            except pure.VariableValueError as error:
                checker.problem(f"{path}.categories", str(error))
    return len(checker.problems) == found


def check_values(checker: Checker, regions: Any, defined: Mapping[str, Mapping[str, Defined]]) -> None:
    """Every record's ``variables``: defined names of its kind, values their type accepts."""
    for path, target, record in _records(regions):
        values = record.get("variables")
        if not isinstance(values, dict):
            continue  # reported by the field check
        for name in getattr(values, "duplicates", ()):
            checker.problem(f"{path}.variables.{name}", "given twice in the same object")
        typed: dict[str, pure.Value] = {}
        for name, raw in values.items():
            where = f"{path}.variables.{name}"
            variable = defined[target].get(name)
            if variable is None:
                checker.problem(where, f"no {target} variable {name!r} is defined in the dump's variables")
                continue
            if isinstance(raw, dict | list):
                checker.problem(
                    where, f"must be a single value of {variable.type} variable {name!r}, not a list or object"
                )
                continue
            try:
                value = pure.parse_value(raw, type=variable.type, categories=variable.categories, label=name)
            except pure.VariableValueError as error:
                checker.problem(where, str(error))
                continue
            if value is not None:
                typed[name] = value
        record["variables"] = typed


def _records(regions: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    if not isinstance(regions, list):
        return
    for index, region in enumerate(regions):
        if not isinstance(region, dict):
            continue
        yield f"regions[{index}]", pure.REGION, region
        for target, part in PARTS.items():
            if part is None or not isinstance(region.get(part), list):
                continue
            for number, record in enumerate(region[part]):
                if isinstance(record, dict):
                    yield f"regions[{index}].{part}[{number}]", target, record
