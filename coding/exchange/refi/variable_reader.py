"""Reading the study variables of a .qdpx: definitions from ``<Variables>``, values from cases
(region variables) and text sources (interview variables). No Django here.

A ``<Variable>`` whose values sit on cases becomes a region variable, on sources an interview
variable (both, if a project puts it on both); one without values comes back only when its
description says what it describes (as ours do: ``coding.variables.interchange``). The REFI-QDA
type decides ours (Text, Boolean, Integer/Float as numeric, Date/DateTime as date); a Text variable
whose description lists categories is categorical. The fixed variables our export writes
(``Country``, ``Date``, ...) are read as before, by the records' fields.

Refused, each with the line of the element: a name that is not a machine name (it names a column
in files and R: letters, digits, underscores, starting with a letter; the message suggests one), a
variable declared twice for the same records, categories that are not distinct texts, and a value
its variable does not take (``coding.variables.values``, the parser of every input path).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from coding.exchange.records import StudyValue, VariableRecord
from coding.exchange.refi.qdc import PROJECT_NS
from coding.exchange.refi.qdpx import CASE_VARIABLES, SOURCE_VARIABLES
from coding.variables import values as pure
from coding.variables.interchange import FROM_REFI_TYPE, read_refi_description

FIXED = {pure.REGION: frozenset(CASE_VARIABLES), pure.INTERVIEW: frozenset(name for name, _, _ in SOURCE_VARIABLES)}
HOLDERS = (("Case", pure.REGION), ("TextSource", pure.INTERVIEW))
Report = Callable[[Any, str], None]


def q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def machine_name(name: str) -> str:
    """A machine name suggested for ``name`` ("Age group" -> "Age_group")."""
    suggested = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")
    return (suggested if suggested[:1].isalpha() else f"v_{suggested}")[:63] or "variable"


def read_study_variables(
    root: etree._Element, norm: Callable[[str], str], problem: Report
) -> tuple[list[VariableRecord], dict[str, dict[str, StudyValue]]]:
    """The study variables and ``{case or source GUID: {variable name: typed value}}``."""
    declared = {norm(element.get("guid", "")): element for element in root.iter(q("Variable"))}
    used: dict[str, set[str]] = {}
    raw: list[tuple[etree._Element, str, str, str]] = []  # holder, target, variable guid, text
    for tag, target in HOLDERS:
        for holder in root.iter(q(tag)):
            for value in holder.findall(q("VariableValue")):
                ref = value.find(q("VariableRef"))
                guid = norm(ref.get("targetGUID", "")) if ref is not None else ""
                variable = declared.get(guid)
                if variable is None or variable.get("name", "") in FIXED[target]:
                    continue  # an unknown reference is reported with the fixed values
                used.setdefault(guid, set()).add(target)
                text = next(
                    (child.text or "" for child in value if isinstance(child.tag, str) and child is not ref), ""
                )
                raw.append((holder, target, guid, text))
    records = _definitions(declared, used, problem)
    values: dict[str, dict[str, StudyValue]] = {}
    for holder, target, guid, text in raw:
        record = records.get((guid, target))
        if record is None:
            continue  # its definition was refused (reported there)
        try:
            parsed = pure.parse_value(text, type=record.type, categories=record.categories, label=record.name)
        except pure.VariableValueError as error:
            problem(holder, f"variable {record.name}: {error}")
            continue
        if parsed is not None:
            values.setdefault(norm(holder.get("guid", "")), {})[record.name] = parsed
    return list(records.values()), values


def _definitions(
    declared: dict[str, etree._Element], used: dict[str, set[str]], problem: Report
) -> dict[tuple[str, str], VariableRecord]:
    records: dict[tuple[str, str], VariableRecord] = {}
    first: dict[tuple[str, str], int | None] = {}
    for guid, element in declared.items():
        name = element.get("name", "")
        described = read_refi_description(element.findtext(q("Description")) or "")
        targets = used.get(guid) or ({described.target} & set(FIXED))
        for target in sorted(targets):
            if name in FIXED[target]:
                continue  # one of the fixed variables our export writes
            if not pure.NAME_PATTERN.match(name):
                problem(
                    element,
                    f"the variable name {name!r} is not a machine name (letters, digits and underscores, starting "
                    f"with a letter, at most 63 characters); rename it, e.g. to {machine_name(name)!r}",
                )
                continue
            if (target, name) in first:
                problem(
                    element, f"the {target} variable {name!r} is declared twice (first at line {first[target, name]})"
                )
                continue
            first[(target, name)] = element.sourceline
            kind = FROM_REFI_TYPE.get(element.get("typeOfVariable", ""), pure.TEXT)
            categories: tuple[str, ...] = ()
            if kind == pure.TEXT and described.type == pure.CATEGORICAL:
                try:
                    categories = tuple(pure.check_categories(described.categories))
                except pure.VariableValueError as error:
                    problem(element, f"variable {name}: {error}")
                    continue
                kind = pure.CATEGORICAL
            label = (described.label or name)[:200]
            records[(guid, target)] = VariableRecord(
                guid, target, name, label, kind, categories, described.description, described.unit[:40]
            )
    return records
