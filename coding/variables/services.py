"""Writes of variables and values. Pages, the grid, the API and every import call these.

Every write validates all of its input first and writes nothing when any part is wrong: the
``ValidationError`` names each record and variable that failed (``{"<record label>": [messages]}``
for values), so a pasted grid or an imported file is refused whole with every problem listed.
A change of actor values makes the region's analysis stale (partitions may use them); region
and wave values feed comparisons read at request time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from cases.models import Actor, Interview, Region, Study, Wave
from coding.templatetags.says import say
from coding.variables import values as pure
from coding.variables.fixed import fixed_names
from coding.variables.models import Variable, VariableValue, value_columns
from coding.variables.wording import texts
from coding.worker.services import mark_stale

RECORD_MODELS: dict[str, type[models.Model]] = {
    pure.REGION: Region,
    pure.WAVE: Wave,
    pure.ACTOR: Actor,
    pure.INTERVIEW: Interview,
}
# How each kind of record reaches its study.
STUDY_PATHS = {
    pure.REGION: "study",
    pure.WAVE: "region__study",
    pure.ACTOR: "region__study",
    pure.INTERVIEW: "region__study",
}


@transaction.atomic
def variable_create(
    *,
    study: Study,
    target: str,
    name: str,
    label: str,
    type: str,
    categories: Sequence[str] = (),
    description: str = "",
    unit: str = "",
) -> Variable:
    last = Variable.objects.filter(study=study, target=target).aggregate(models.Max("position"))["position__max"]
    variable = Variable(
        study=study,
        target=target,
        name=name.strip(),
        label=label.strip() or name.strip(),
        type=type,
        categories=_checked_categories(type, categories),
        description=description,
        unit=unit,
        position=(last or 0) + 1,
    )
    _check_name(variable)
    variable.full_clean()
    variable.save()
    return variable


@transaction.atomic
def variable_update(*, variable: Variable, changes: Mapping[str, Any]) -> Variable:
    """Change a definition. Renaming a category renames it in every value (``renamed``:
    ``{old: new}``); removing a category still in use, or changing the type of a variable with
    values, is refused naming how many records hold values."""
    stored = Variable.objects.select_for_update().get(pk=variable.pk)
    renamed: Mapping[str, str] = changes.get("renamed_categories", {})
    for field in ("name", "label", "description", "unit", "position"):
        if field in changes:
            setattr(stored, field, changes[field].strip() if isinstance(changes[field], str) else changes[field])
    held = VariableValue.objects.filter(variable=stored)
    if "type" in changes and changes["type"] != stored.type:
        if count := held.count():
            raise ValidationError(
                {"type": _("%(count)d record(s) hold a value of this variable; clear them first.") % {"count": count}}
            )
        stored.type = changes["type"]
        if stored.type != pure.CATEGORICAL and "categories" not in changes:
            stored.categories = []  # a variable that is no longer categorical keeps no categories
    if "categories" in changes or renamed:
        new = _checked_categories(stored.type, changes.get("categories", stored.categories))
        for old, new_name in renamed.items():
            if new_name not in new:
                raise ValidationError(
                    {
                        "categories": _("“%(old)s” is renamed to “%(new)s”, which is not listed.")
                        % {"old": old, "new": new_name}
                    }
                )
        dropped = [old for old in stored.categories if renamed.get(old, old) not in new]
        if dropped and (count := held.filter(text_value__in=dropped).count()):
            raise ValidationError(
                {
                    "categories": _("%(count)d record(s) hold %(categories)s; recode them first.")
                    % {"count": count, "categories": ", ".join(map(repr, dropped))}
                }
            )
        for old, new_name in renamed.items():
            held.filter(text_value=old).update(text_value=new_name)
        stored.categories = new
    _check_name(stored)
    stored.full_clean()
    stored.save()
    if stored.target == pure.ACTOR and held.exists():
        mark_stale(Actor.objects.filter(variable_values__variable=stored).values_list("region_id", flat=True))
    return stored


@transaction.atomic
def variable_delete(*, variable: Variable) -> None:
    regions = _regions_of_values(variable)
    variable.delete()
    mark_stale(regions)


@transaction.atomic
def values_set(*, variable: Variable, values: Mapping[int, object]) -> int:
    """Set ``{record id: raw value}`` of one variable; an empty raw value clears the record's value.

    Every record must be of the variable's kind and in its study. Returns how many records changed.
    """
    return values_set_many(study=variable.study, changes={variable: values})


class ValuesRefused(ValidationError):
    """Values refused whole: the messages by record label (as every ``ValidationError`` here), and
    ``cells`` by ``(variable id, record id)`` so the grid and the API show each at its cell."""

    def __init__(self, errors: dict[str, list[str]], cells: dict[tuple[int, int], list[str]]) -> None:
        super().__init__(errors)
        self.cells = cells


@transaction.atomic
def values_set_many(*, study: Study, changes: Mapping[Variable, Mapping[int, object]]) -> int:
    """The grid's and the imports' write: values of several variables at once, all or nothing."""
    errors: dict[str, list[str]] = {}
    cells: dict[tuple[int, int], list[str]] = {}
    parsed: list[tuple[Variable, int, pure.Value | None]] = []
    for variable, raw_values in changes.items():
        if variable.study_id != study.pk:
            raise ValidationError(_("The variable %(name)s is not a variable of this study.") % {"name": variable.name})
        labels = _record_labels(study, variable.target, raw_values.keys())
        for record_id, raw in raw_values.items():
            if record_id not in labels:
                message = texts(variable.target)["no_record"] % {"id": record_id}
                errors.setdefault(f"{variable.target} {record_id}", []).append(message)
                cells.setdefault((variable.pk, record_id), []).append(message)
                continue
            try:
                value = pure.parse_value(raw, type=variable.type, categories=variable.categories, label=variable.label)
            except pure.VariableValueError as error:
                errors.setdefault(labels[record_id], []).append(say(error.message))
                cells.setdefault((variable.pk, record_id), []).append(say(error.message))
                continue
            parsed.append((variable, record_id, value))
    if errors:
        raise ValuesRefused(errors, cells)
    changed = 0
    stale_actors: set[int] = set()
    for variable, record_id, value in parsed:
        lookup: dict[str, Any] = {"variable": variable, variable.target + "_id": record_id}
        if value is None:
            deleted, _kinds = VariableValue.objects.filter(**lookup).delete()
            changed += bool(deleted)
        else:
            VariableValue.objects.update_or_create(defaults=value_columns(value), **lookup)
            changed += 1
        if variable.target == pure.ACTOR:
            stale_actors.add(record_id)
    if stale_actors:
        mark_stale(Actor.objects.filter(pk__in=stale_actors).values_list("region_id", flat=True))
    return changed


def _record_labels(study: Study, target: str, record_ids: Any) -> dict[int, str]:
    """``{id: "Actor “Name”"}`` of the records among ``record_ids`` that are in ``study``. One query."""
    model = RECORD_MODELS[target]
    rows = model._default_manager.filter(pk__in=list(record_ids), **{STUDY_PATHS[target]: study})
    noun = str(model._meta.verbose_name).capitalize()
    return {row.pk: f"{noun} “{row}”" for row in rows}


def _checked_categories(type: str, categories: Sequence[object]) -> list[str]:
    if type != pure.CATEGORICAL:
        if categories:
            raise ValidationError({"categories": _("Only categorical variables have categories.")})
        return []
    try:
        return pure.check_categories(categories)
    except pure.VariableValueError as error:
        raise ValidationError({"categories": say(error.message)}) from None


def _check_name(variable: Variable) -> None:
    if variable.target in pure.TARGETS and variable.name in fixed_names(variable.target):
        raise ValidationError({"name": texts(variable.target)["fixed_name"] % {"name": variable.name}})


def _regions_of_values(variable: Variable) -> list[int]:
    if variable.target != pure.ACTOR:
        return []
    return list(Actor.objects.filter(variable_values__variable=variable).values_list("region_id", flat=True).distinct())
