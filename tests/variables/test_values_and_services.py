"""Variables: parsing raw values by type, and writes that refuse bad input whole."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coding.variables import services
from coding.variables.models import VariableValue
from coding.variables.selectors import attributes, record_values
from coding.variables.values import VariableValueError, format_value, parse_value
from tests import factories


@pytest.mark.parametrize(
    ("raw", "type_", "expected"),
    [
        ("3,5", "numeric", 3.5),  # a German spreadsheet's decimal comma
        ("−2", "numeric", -2.0),  # the minus sign of typeset tables
        (7, "numeric", 7.0),
        ("Ja", "boolean", True),
        ("false", "boolean", False),
        (0, "boolean", False),
        ("2024-03-01", "date", dt.date(2024, 3, 1)),
        ("  member ", "categorical", "Member"),
        ("", "numeric", None),
        ("  free text ", "text", "free text"),
    ],
)
def test_parse_value_accepts_what_files_and_forms_carry(raw, type_, expected):
    assert parse_value(raw, type=type_, categories=["Member", "Non-member"]) == expected


@pytest.mark.parametrize(
    ("raw", "type_", "fragment"),
    [
        ("1.000,5", "numeric", "is not a number"),  # a thousands separator is refused, not guessed
        ("nan", "numeric", "finite number"),
        (True, "numeric", "not yes/no"),
        ("maybe", "boolean", "is not yes or no"),
        ("01.03.2024", "date", "YYYY-MM-DD"),
        ("Observer", "categorical", "allowed: Member, Non-member"),
    ],
)
def test_parse_value_refuses_with_a_message_naming_the_variable(raw, type_, fragment):
    with pytest.raises(VariableValueError, match=fragment) as caught:
        parse_value(raw, type=type_, categories=["Member", "Non-member"], label="Association")
    assert "Association" in str(caught.value)


def test_format_value_writes_machine_formats():
    assert [format_value(v) for v in (None, True, 3.0, 2.5, dt.date(2024, 1, 2), "x")] == [
        "",
        "true",
        "3",
        "2.5",
        "2024-01-02",
        "x",
    ]


def test_values_set_many_refuses_the_whole_grid_naming_each_bad_cell(study, region):
    member = services.variable_create(
        study=study,
        target="actor",
        name="member",
        label="Association member",
        type="categorical",
        categories=["yes", "no"],
    )
    staff = services.variable_create(study=study, target="actor", name="staff", label="Staff", type="numeric")
    good, bad = (
        factories.OrganisationFactory(region=region, name="Good"),
        factories.OrganisationFactory(region=region, name="Bad"),
    )
    outsider = factories.OrganisationFactory(region=factories.RegionFactory(), name="Elsewhere")
    with pytest.raises(ValidationError) as caught:
        services.values_set_many(
            study=study,
            changes={member: {good.pk: "yes", bad.pk: "perhaps"}, staff: {good.pk: "12", outsider.pk: "3"}},
        )
    messages = caught.value.message_dict
    assert any("Bad" in key for key in messages) and "perhaps" in str(messages)
    assert f"actor {outsider.pk}" in messages  # a record outside the study is named, not written
    assert not VariableValue.objects.exists()  # nothing half-saved

    services.values_set_many(study=study, changes={member: {good.pk: "YES", bad.pk: "no"}, staff: {good.pk: "12"}})
    assert record_values([member, staff], [good.pk, bad.pk]) == {
        good.pk: {"member": "yes", "staff": 12.0},
        bad.pk: {"member": "no"},
    }
    services.values_set(variable=staff, values={good.pk: ""})  # an empty value clears
    assert record_values([staff], [good.pk]) == {}


def test_a_category_in_use_cannot_be_removed_but_can_be_renamed(study, region):
    sector = services.variable_create(
        study=study, target="actor", name="sector", label="Sector", type="categorical", categories=["ICT", "Bio"]
    )
    actor = factories.OrganisationFactory(region=region)
    services.values_set(variable=sector, values={actor.pk: "Bio"})
    with pytest.raises(ValidationError, match="1 record"):
        services.variable_update(variable=sector, changes={"categories": ["ICT"]})
    services.variable_update(
        variable=sector,
        changes={"categories": ["ICT", "Life sciences"], "renamed_categories": {"Bio": "Life sciences"}},
    )
    assert record_values([sector], [actor.pk]) == {actor.pk: {"sector": "Life sciences"}}


def test_names_are_syntactic_unique_and_not_a_fixed_attribute(study):
    with pytest.raises(ValidationError, match="Letters, digits"):
        services.variable_create(study=study, target="region", name="2nd wave", label="x", type="text")
    with pytest.raises(ValidationError, match="fixed attribute"):
        services.variable_create(study=study, target="actor", name="org_type", label="x", type="text")
    services.variable_create(study=study, target="region", name="renewal", label="Renewal", type="boolean")
    with pytest.raises(ValidationError):
        services.variable_create(study=study, target="region", name="renewal", label="Again", type="boolean")
    # The same name for another kind of record is another variable.
    services.variable_create(study=study, target="wave", name="renewal", label="Renewal", type="boolean")


def test_attributes_offer_fixed_fields_then_the_studys_variables(study):
    services.variable_create(study=study, target="actor", name="member", label="Member", type="boolean")
    names = [attribute.name for attribute in attributes(study, "actor")]
    assert names[:3] == ["kind", "location", "org_type"] and names[-1] == "member"


@pytest.mark.django_db(transaction=True)
def test_database_refuses_a_value_with_two_columns_or_two_records(study, region):
    variable = services.variable_create(study=study, target="region", name="renewal", label="R", type="boolean")
    wave = factories.WaveFactory(region=region)
    with pytest.raises(IntegrityError), transaction.atomic():
        VariableValue.objects.create(variable=variable, region=region, bool_value=True, text_value="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        VariableValue.objects.create(variable=variable, region=region, wave=wave, bool_value=True)
    VariableValue.objects.create(variable=variable, region=region, bool_value=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        VariableValue.objects.create(variable=variable, region=region, bool_value=False)
