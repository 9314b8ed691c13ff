"""Reads: every actor's category under every attribute a picture can be coloured by, in one query."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from django.db.models import FilteredRelation, Q

from cases.models import Actor
from coding.variables import values as pure
from coding.variables.fixed import EFFECTIVE_ACTOR_TYPE, Attribute


def colour_attributes(attributes: Sequence[Attribute]) -> list[Attribute]:
    """The categorical actor attributes a picture can be coloured by, in menu order; the effective
    actor type is left out (the select's own "actor type" colours by it)."""
    return [a for a in attributes if a.is_categorical and a.target == pure.ACTOR and a.name != EFFECTIVE_ACTOR_TYPE]


def actor_categories(region_ids: Collection[int], attributes: Sequence[Attribute]) -> dict[int, dict[str, str]]:
    """``{actor id: {attribute name: category}}`` of the regions' actors; an actor without a value of
    an attribute has no key for it. One query for all attributes: the fixed ones are columns of the
    actor, the variables' values come through one LEFT JOIN restricted to the chosen variables."""
    if not attributes or not region_ids:
        return {}
    fixed = [a.name for a in attributes if a.is_fixed]
    variables = {a.variable_id: a.name for a in attributes if a.variable_id is not None}
    # No ordering: the model's default would join the regions table for nothing.
    actors = Actor.objects.filter(region_id__in=list(region_ids)).order_by()
    columns = ["id", *fixed]
    if variables:
        chosen = FilteredRelation("variable_values", condition=Q(variable_values__variable_id__in=list(variables)))
        actors = actors.annotate(chosen=chosen)
        columns += ["chosen__variable_id", "chosen__text_value", "chosen__bool_value"]
    found: dict[int, dict[str, str]] = {}
    for row in actors.values_list(*columns):
        categories = found.setdefault(row[0], {})
        fixed_values = zip(fixed, row[1 : 1 + len(fixed)], strict=True)
        categories.update({name: str(value) for name, value in fixed_values if value})
        if variables and row[-3] is not None:
            value = row[-2] if row[-2] is not None else row[-1]
            if value is not None:
                categories[variables[row[-3]]] = pure.format_value(value)
    return found
