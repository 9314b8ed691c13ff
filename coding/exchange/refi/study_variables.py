"""The study's region and interview variables for a .qdpx, and their values (export side).

REFI-QDA has variables on cases and sources: our regions are cases and our interviews sources, so
region and interview variables travel; actor and wave variables have no REFI-QDA record to sit on
(the JSON dump and the tables carry them). A variable is named by its machine name, or
``var_<name>`` where that is one of the fixed variables of the same records (``Country``, ``Date``,
...); its GUID is derived from its kind and name, so re-exports agree. Three queries whatever the
number of records.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from django.db.models import Q

from coding.exchange.records import StudyValue, VariableRecord
from coding.exchange.refi.qdpx import CASE_VARIABLES, SOURCE_VARIABLES
from coding.variables import values as pure
from coding.variables.interchange import column_names
from coding.variables.models import Variable, VariableValue

FIXED_NAMES = {pure.REGION: CASE_VARIABLES, pure.INTERVIEW: tuple(name for name, _, _ in SOURCE_VARIABLES)}


def study_variable_guid(target: str, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cluster-case-studies:study-variable:{target}:{name}"))


@dataclass
class StudyVariables:
    """Definitions (as REFI-QDA records) and values by record id, for regions and interviews."""

    records: list[VariableRecord] = field(default_factory=list)
    values: dict[tuple[str, int], dict[str, StudyValue]] = field(default_factory=dict)

    def of(self, target: str, pk: int) -> dict[str, StudyValue]:
        return self.values.get((target, pk), {})


def study_variables(study_id: int, region_ids: Collection[int], text: Callable[[str], str]) -> StudyVariables:
    """The study's region and interview variables, and their values in the regions ``region_ids``;
    ``text`` pseudonymises free-text values where the export does (categories name nobody)."""
    found = StudyVariables()
    variables = list(
        Variable.objects.filter(study_id=study_id, target__in=FIXED_NAMES).order_by("target", "position", "name", "pk")
    )
    if not variables:
        return found
    names: dict[int, str] = {}
    for target, fixed in FIXED_NAMES.items():
        mine = [variable for variable in variables if variable.target == target]
        columns = column_names(fixed, [variable.name for variable in mine])
        for variable in mine:
            names[variable.pk] = columns[variable.name]
            found.records.append(
                VariableRecord(
                    study_variable_guid(target, variable.name), target, columns[variable.name], variable.label,
                    variable.type, tuple(variable.categories), variable.description, variable.unit,
                )
            )  # fmt: skip
    types = {variable.pk: variable.type for variable in variables}
    rows = VariableValue.objects.filter(
        Q(region_id__in=region_ids) | Q(interview__region_id__in=region_ids), variable__in=variables
    )
    for row in rows:
        value = row.value
        if value is None:
            continue
        if types[row.variable_id] == pure.TEXT and isinstance(value, str):
            value = text(value)
        target = pure.REGION if row.region_id is not None else pure.INTERVIEW
        found.values.setdefault((target, row.record_id), {})[names[row.variable_id]] = value
    return found
