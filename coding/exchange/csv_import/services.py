"""CSV import of a region's actors or interactions with a column mapping.

``csv_import`` checks every row before writing any (``validation``); all rows are written in one
transaction or none; then the region's analysis is marked stale. Columns mapped to the study's
actor variables (``variable:<name>``) become the new actors' values, parsed and refused as on
every other way in (``coding.variables.values``).

Interactions need no evidence in the model (``Interaction.evidence`` is optional), so imported
ties have none; a coder can link passages later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from cases.choices import ActorKind
from cases.models import Actor, Region
from coding.exchange.csv_import.fields import TARGETS
from coding.exchange.csv_import.table import CsvTable
from coding.exchange.csv_import.validation import constraint_problems, validate_rows
from coding.exchange.records import ImportErrors, Problem
from coding.models import Interaction
from coding.variables.models import Variable, VariableValue, value_columns
from coding.variables.values import ACTOR, Value
from coding.worker.services import mark_stale

# The steps ``progress`` reports (an import job's bar): checking every row, then writing them.
STEPS = 2


@transaction.atomic
def csv_import(
    *,
    region: Region,
    target: str,
    table: CsvTable,
    mapping: Mapping[str, str],
    user: Any,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create every row of ``table`` in ``region``, or none: raises ImportErrors listing every problem."""
    report = progress or (lambda done, total: None)
    report(0, STEPS)
    if target not in TARGETS:
        raise ImportErrors([Problem("mapping", f"Unknown import target {target!r}.")])
    # Lock the region's actors against a concurrent import of the same names while we check.
    Region.objects.select_for_update().filter(pk=region.pk).first()
    variables = (
        {v.name: v for v in Variable.objects.filter(study_id=region.study_id, target=ACTOR)}
        if target == "actors"
        else {}
    )
    values: dict[int, dict[Variable, Value]] = {}
    numbered, problems = validate_rows(
        region=region,
        target=target,
        table=table,
        mapping=mapping,
        coder=user,
        variables=variables,
        variable_values=values,
    )
    if problems:
        raise ImportErrors(problems)
    report(1, STEPS)
    model = Actor if target == "actors" else Interaction
    try:
        with transaction.atomic():
            instances = [instance for _, instance in numbered]
            # Organisations first, in a batch of their own: persons of the same file may name them
            # as their affiliation, and bulk_create needs those saved (with an id) beforehand.
            first = [instance for instance in instances if getattr(instance, "kind", "") == ActorKind.ORGANISATION]
            rest = [instance for instance in instances if getattr(instance, "kind", "") != ActorKind.ORGANISATION]
            for batch in (first, rest):
                if batch:
                    bulk_create_with_history(batch, model, batch_size=500, default_user=user)
            rows = [
                VariableValue(variable=variable, actor=cast("Actor", instance), **value_columns(value))
                for line, instance in numbered
                for variable, value in values.get(line, {}).items()
            ]
            bulk_create_with_history(rows, VariableValue, batch_size=500, default_user=user)
    except IntegrityError as error:
        # A rule only the database states (e.g. the range of "founded"): find the rows now, at a
        # query per row and constraint, a price only a refused import pays.
        raise ImportErrors(constraint_problems(numbered, mapping) or [Problem("file", str(error))]) from error
    # bulk_create sends no post_save signals, so the analysis is marked stale here, once.
    mark_stale([region.pk])
    return len(numbered)
