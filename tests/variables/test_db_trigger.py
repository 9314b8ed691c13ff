"""PostgreSQL refuses a variable value whose record is outside the variable's study or of another
kind of record, and a variable with values moving study or kind; proven with the services bypassed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from coding.variables import services
from coding.variables.models import Variable, VariableValue
from tests import factories

pytestmark = pytest.mark.django_db


def refused_by_database(write) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    diag = getattr(error.value.__cause__, "diag", None)
    assert diag is not None and diag.constraint_name == "variable_value_record_in_study"


@pytest.mark.parametrize("target", ["region", "wave", "actor", "interview"])
def test_a_value_of_a_record_of_another_study_is_refused(study, other_region, target):
    variable = services.variable_create(study=study, target=target, name="size", label="Size", type="numeric")
    record = {
        "region": lambda: other_region,
        "wave": lambda: factories.WaveFactory(region=other_region),
        "actor": lambda: factories.OrganisationFactory(region=other_region),
        "interview": lambda: factories.InterviewFactory(region=other_region),
    }[target]()
    refused_by_database(lambda: VariableValue.objects.create(variable=variable, number_value=1, **{target: record}))
    assert not VariableValue.objects.exists()


def test_a_value_of_a_record_of_another_kind_is_refused(study, region):
    variable = services.variable_create(study=study, target="actor", name="size", label="Size", type="numeric")
    refused_by_database(lambda: VariableValue.objects.create(variable=variable, region=region, number_value=1))
    VariableValue.objects.create(variable=variable, actor=factories.OrganisationFactory(region=region), number_value=1)
    assert VariableValue.objects.count() == 1  # the record of its kind in its study is accepted


def test_a_variable_with_values_cannot_move_to_another_study_or_kind(study, other_study, region):
    variable = services.variable_create(study=study, target="region", name="size", label="Size", type="numeric")
    services.values_set(variable=variable, values={region.pk: 3})
    refused_by_database(lambda: Variable.objects.filter(pk=variable.pk).update(study=other_study))
    refused_by_database(lambda: Variable.objects.filter(pk=variable.pk).update(target="wave"))
    empty = services.variable_create(study=study, target="region", name="empty", label="Empty", type="text")
    Variable.objects.filter(pk=empty.pk).update(target="wave")  # without values it may
