"""Filtering and grouping by variables: retrieval, the code × region matrix and the comparison.

A study's variables and the fixed attributes of its records are chosen the same way (the
``coding.variables`` ``Attribute``). A filter is "attribute = value", written in a query string as
``<target>:<name>=<value>`` (e.g. ``interview:mode=face_to_face``, ``actor:association_member=true``,
``region:cluster_policy=yes``), so every filtered page is a shareable address. Filters take
categorical and yes/no attributes (their values can be listed); grouping takes those and text
attributes (a region's country).

Each function runs a fixed number of queries: the study's variables once, the values as one
subquery inside the caller's query (retrieval) or one query for all regions (matrix, comparison).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from cases.models import Interview, Region, Study
from coding.variables import values as pure
from coding.variables.fixed import EFFECTIVE_ACTOR_TYPE, FIXED, Attribute
from coding.variables.models import Variable, VariableValue
from coding.variables.selectors import as_attribute, study_variables

NO_VALUE = "(no value)"


@dataclass(frozen=True)
class ValueFilter:
    """``attribute = value`` (``value`` as files write it: a category, "true"/"false")."""

    attribute: Attribute
    value: str

    @property
    def key(self) -> str:
        return f"{self.attribute.target}:{self.attribute.name}={self.value}"

    @property
    def label(self) -> str:
        labels = dict(zip(self.attribute.categories, self.attribute.category_labels, strict=True))
        return f"{self.attribute.label} = {labels.get(self.value, self.value)}"


def study_attributes(study: Study, targets: Sequence[str], variables: list[Variable] | None = None) -> list[Attribute]:
    """Fixed attributes and the study's variables of ``targets``, in menu order. One query (none if
    ``variables`` are given)."""
    variables = study_variables(study) if variables is None else variables
    return [
        attribute
        for target in targets
        for attribute in (*FIXED[target], *(as_attribute(v) for v in variables if v.target == target))
    ]


def value_filters(attributes: Sequence[Attribute]) -> list[ValueFilter]:
    """Every "attribute = value" of the categorical and yes/no attributes."""
    return [
        ValueFilter(attribute, value)
        for attribute in attributes
        if attribute.is_categorical
        for value in attribute.categories
    ]


def grouped_choices(filters: Sequence[ValueFilter]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The filters as a select's choices, one group per kind of record."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for choice in filters:
        groups.setdefault(choice.attribute.target.capitalize() + "s", []).append((choice.key, choice.label))
    return list(groups.items())


def find_filter(filters: Sequence[ValueFilter], key: str) -> ValueFilter | None:
    return next((choice for choice in filters if choice.key == key), None)


def _variable_rows(choice: ValueFilter) -> QuerySet[VariableValue]:
    """The values of a variable equal to ``choice.value``, in the column of its type."""
    variable_id = choice.attribute.variable_id
    if variable_id is None:
        raise ValueError(f"{choice.attribute.name} is a fixed attribute: its values are fields, not variable values.")
    rows = VariableValue.objects.filter(variable_id=variable_id)
    if choice.attribute.type == pure.BOOLEAN:
        return rows.filter(bool_value=choice.value == "true")
    return rows.filter(text_value=choice.value)


def interviews_matching(choice: ValueFilter) -> QuerySet[Interview, Any]:
    """Interviews with the value (an interview filter), or with an interviewee who has it (an actor
    filter), as a subquery for the caller's query."""
    attribute, value = choice.attribute, choice.value
    if attribute.target == pure.INTERVIEW:
        if attribute.is_fixed:
            return Interview.objects.filter(**{attribute.name: value}).values("pk")
        return Interview.objects.filter(pk__in=_variable_rows(choice).values("interview_id")).values("pk")
    if attribute.target != pure.ACTOR:
        raise ValueError(f"Passages are filtered by interview or actor attributes, not by {attribute.target} ones.")
    if attribute.name == EFFECTIVE_ACTOR_TYPE:
        condition = _effective_actor_type(value)
    elif attribute.is_fixed:
        condition = Q(**{f"interviewees__{attribute.name}": value})
    else:
        condition = Q(interviewees__in=_variable_rows(choice).values("actor_id"))
    return Interview.objects.filter(condition).values("pk")


def _effective_actor_type(value: str) -> Q:
    """The rule of ``coding.analysis.inputs.actor_types``: an organisation's type, a person's employer's."""
    if value == "organisation":
        return Q(interviewees__kind="organisation", interviewees__org_type="")
    if value == "person":
        return Q(interviewees__kind="person") & (
            Q(interviewees__affiliation__isnull=True) | Q(interviewees__affiliation__org_type="")
        )
    return Q(interviewees__kind="organisation", interviewees__org_type=value) | Q(
        interviewees__kind="person", interviewees__affiliation__org_type=value
    )


def region_values(attribute: Attribute, regions: Sequence[Region]) -> dict[int, str]:
    """``{region id: value as files write it}`` (``NO_VALUE`` when empty). At most one query."""
    if attribute.variable_id is None:  # a fixed field of the region
        found = {region.pk: pure.format_value(getattr(region, attribute.name) or None) for region in regions}
    else:
        rows = VariableValue.objects.filter(variable_id=attribute.variable_id, region__in=[r.pk for r in regions])
        found = {row.region_id: pure.format_value(row.value) for row in rows if row.region_id is not None}
    return {region.pk: found.get(region.pk) or NO_VALUE for region in regions}


def groupable(attributes: Sequence[Attribute]) -> list[Attribute]:
    """Attributes a page can group records by: categorical, yes/no and text ones."""
    return [attribute for attribute in attributes if attribute.is_categorical or attribute.type == pure.TEXT]


def group_label(attribute: Attribute, value: str) -> str:
    labels = dict(zip(attribute.categories, attribute.category_labels, strict=True))
    return f"{attribute.label}: {labels.get(value, value)}"


def group_order(attribute: Attribute, value: str) -> tuple[int, str]:
    """Sort key: the attribute's categories in order, other values by name, no value last."""
    if value in attribute.categories:
        return (0, f"{attribute.categories.index(value):06d}")
    return (2, "") if value == NO_VALUE else (1, value.casefold())


@dataclass(frozen=True)
class RegionScope:
    """Regions kept by a filter, in the order of their groups, and the groups as (label, regions) spans."""

    regions: list[Region]
    groups: list[tuple[str, int]]
    group_of: dict[int, str]


def scope_regions(regions: Sequence[Region], only: ValueFilter | None, group_by: Attribute | None) -> RegionScope:
    """Keep the regions with ``only``'s value and order them by ``group_by``'s value. At most two queries."""
    kept = list(regions)
    if only is not None:
        values = region_values(only.attribute, kept)
        kept = [region for region in kept if values[region.pk] == only.value]
    if group_by is None:
        return RegionScope(kept, [], {})
    values = region_values(group_by, kept)
    kept.sort(key=lambda region: group_order(group_by, values[region.pk]))  # stable: names stay in order
    groups: list[tuple[str, int]] = []
    for region in kept:
        label = group_label(group_by, values[region.pk])
        if groups and groups[-1][0] == label:
            groups[-1] = (label, groups[-1][1] + 1)
        else:
            groups.append((label, 1))
    return RegionScope(kept, groups, {region.pk: group_label(group_by, values[region.pk]) for region in kept})


def region_menus(study: Study, variables: list[Variable] | None = None) -> tuple[list[ValueFilter], list[Attribute]]:
    """The region filters ("attribute = value") and the attributes regions can be grouped by. One query."""
    attributes = study_attributes(study, (pure.REGION,), variables)
    return value_filters(attributes), groupable(attributes)


def find_attribute(attributes: Sequence[Attribute], name: str) -> Attribute | None:
    return next((attribute for attribute in attributes if attribute.name == name), None) if name else None
