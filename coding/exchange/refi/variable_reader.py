"""Reading the study variables of a .qdpx: definitions from ``<Variables>``, values from cases
(region variables) and text sources (interview variables). No Django here.

A ``<Variable>`` whose values sit on cases becomes a region variable, on sources an interview
variable (both, if a project puts it on both); one without values comes back only when its
description says what it describes (as ours do: ``coding.variables.interchange``). The REFI-QDA
type decides ours (Text, Boolean, Integer/Float as numeric, Date/DateTime as date); a Text variable
whose description lists categories is categorical. The fixed variables our export writes
(``Country``, ``Date``, ...) are read as before, by the records' fields.

Names as other programs write them ("Age group", "Alter (Jahre)") are converted to syntactic ones
(``coding.variables.interchange.syntactic_name``: they name columns in files and R), the original
kept as the label; a name that is a fixed attribute of its records (a case variable "country")
becomes ``var_country``; a converted name that another variable of the project already has gets
``_2``, ``_3``, ... (the project's syntactic names keep theirs). Each rename is on the record
(``original``, ``renamed_because``) for the import to show. A study variable of the resulting name
is reused by the import, so a second project of the same program (another batch of interviews)
fills the variables the first one defined.

Refused, each with the line of the element: a variable declared twice under the same name for the
same records, categories that are not distinct texts, and a value its variable does not take
(``coding.variables.values``, the parser of every input path).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from lxml import etree

from coding.exchange.records import StudyValue, VariableRecord
from coding.exchange.refi.qdc import PROJECT_NS
from coding.exchange.refi.qdpx import CASE_VARIABLES, SOURCE_VARIABLES
from coding.variables import values as pure
from coding.variables.interchange import (
    FROM_REFI_TYPE,
    VARIABLE_PREFIX,
    Definition,
    read_refi_description,
    syntactic_name,
    unique_name,
)

FIXED = {pure.REGION: frozenset(CASE_VARIABLES), pure.INTERVIEW: frozenset(name for name, _, _ in SOURCE_VARIABLES)}
HOLDERS = (("Case", pure.REGION), ("TextSource", pure.INTERVIEW))
Report = Callable[[Any, str], None]


def q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def read_study_variables(
    root: etree._Element,
    norm: Callable[[str], str],
    problem: Report,
    fixed_names: Mapping[str, Collection[str]] | None = None,
) -> tuple[list[VariableRecord], dict[str, dict[str, StudyValue]]]:
    """The study variables and ``{case or source GUID: {variable name: typed value}}``.

    ``fixed_names``: per kind of record, the names of its fixed attributes, which a study variable
    may not take (``coding.variables.fixed``; passed in, as that module needs Django).
    """
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
    records = _definitions(declared, used, problem, fixed_names or {})
    values: dict[str, dict[str, StudyValue]] = {}
    for holder, target, guid, text in raw:
        record = records.get((guid, target))
        if record is None:
            continue  # its definition was refused (reported there)
        try:
            parsed = pure.parse_value(text, type=record.type, categories=record.categories, label=record.name)
        except pure.VariableValueError as error:
            problem(holder, f"variable {record.original or record.name}: {error}")
            continue
        if parsed is not None:
            values.setdefault(norm(holder.get("guid", "")), {})[record.name] = parsed
    return list(records.values()), values


def _definitions(
    declared: dict[str, etree._Element],
    used: dict[str, set[str]],
    problem: Report,
    fixed_names: Mapping[str, Collection[str]],
) -> dict[tuple[str, str], VariableRecord]:
    wanted: list[tuple[str, str, etree._Element, Definition]] = []  # guid, target, element, description
    first: dict[tuple[str, str], int | None] = {}
    for guid, element in declared.items():
        name = element.get("name", "")
        described = read_refi_description(element.findtext(q("Description")) or "")
        targets = used.get(guid) or ({described.target} & set(FIXED))
        for target in sorted(targets):
            if name in FIXED[target]:
                continue  # one of the fixed variables our export writes
            if (target, name) in first:
                problem(
                    element, f"the {target} variable {name!r} is declared twice (first at line {first[target, name]})"
                )
                continue
            first[(target, name)] = element.sourceline
            wanted.append((guid, target, element, described))
    names = _names([(target, element.get("name", "")) for _, target, element, _ in wanted], fixed_names)
    records: dict[tuple[str, str], VariableRecord] = {}
    for guid, target, element, described in wanted:
        original = element.get("name", "")
        name, reason = names[(target, original)]
        kind = FROM_REFI_TYPE.get(element.get("typeOfVariable", ""), pure.TEXT)
        categories: tuple[str, ...] = ()
        if kind == pure.TEXT and described.type == pure.CATEGORICAL:
            try:
                categories = tuple(pure.check_categories(described.categories))
            except pure.VariableValueError as error:
                problem(element, f"variable {original}: {error}")
                continue
            kind = pure.CATEGORICAL
        label = (described.label or original.strip() or name)[:200]
        records[(guid, target)] = VariableRecord(
            guid, target, name, label, kind, categories, described.description, described.unit[:40],
            original=original if reason else "", renamed_because=reason,
        )  # fmt: skip
    return records


def _names(
    wanted: list[tuple[str, str]], fixed_names: Mapping[str, Collection[str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """``{(target, name in the file): (our name, why it changed or "")}``. The file's syntactic
    names that are no fixed attribute are kept first, so a converted name never takes one of them."""
    fixed = {target: set(fixed_names.get(target, ())) for target, _ in wanted}
    kept = {(target, name) for target, name in wanted if pure.NAME_PATTERN.match(name) and name not in fixed[target]}
    taken = {target: set(fixed[target]) | {name for t, name in kept if t == target} for target, _ in wanted}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for target, original in wanted:
        if (target, original) in kept:
            names[(target, original)] = (original, "")
            continue
        if original in fixed[target]:
            name = unique_name(f"{VARIABLE_PREFIX}{original}", taken[target])
            reason = f"“{original}” is a fixed attribute of every {target}"
        else:
            name = syntactic_name(original, taken[target])
            reason = (
                "a variable name must be syntactic (letters, digits and underscores, starting with a letter, "
                "at most 63 characters)"
            )
            if name != (base := syntactic_name(original)):
                reason += f"; {base} is already taken"
        taken[target].add(name)
        names[(target, original)] = (name, reason)
    return names
