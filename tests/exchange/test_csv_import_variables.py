"""CSV import of actors with columns mapped to the study's actor variables: values parsed as on
every other way in, refused rows named by row, column and variable, nothing written on any error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Actor
from coding.exchange.csv_import.services import csv_import
from coding.exchange.csv_import.table import read_table
from coding.exchange.records import ImportErrors
from coding.variables.models import VariableValue
from tests.exchange.variables_fixtures import define

pytestmark = pytest.mark.django_db
MAPPING = {
    "name": "Name",
    "kind": "Kind",
    "org_type": "Type",
    "variable:sector": "Sector",
    "variable:association_member": "Member",
    "variable:employees": "Staff",
}
HEADER = "Name;Kind;Type;Sector;Member;Staff\n"


@pytest.fixture
def variables(study):
    return define(study)


def values_of(region) -> dict[tuple[str, str], object]:
    rows = VariableValue.objects.filter(actor__region=region).select_related("variable", "actor")
    return {(row.actor.name, row.variable.name): row.value for row in rows}


def imported(region, user, text: str, mapping: dict[str, str] = MAPPING) -> int:
    return csv_import(region=region, target="actors", table=read_table(text.encode()), mapping=mapping, user=user)


def refused(region, user, text: str, mapping: dict[str, str] = MAPPING) -> list[str]:
    before = (Actor.objects.count(), VariableValue.objects.count())
    with pytest.raises(ImportErrors) as caught:
        imported(region, user, text, mapping)
    assert (Actor.objects.count(), VariableValue.objects.count()) == before
    return [str(problem) for problem in caught.value.problems]


def test_mapped_columns_become_the_new_actors_variable_values(variables, bob, region):
    count = imported(
        region, bob,
        HEADER
        + "Elmos;organisation;firm_large;Photonics;ja;1200\n"  # the category's spelling is the definition's
        + "IMS;organisation;research_institute;medical devices;nein;3,5\n"  # a German decimal comma
        + "Anna Lindqvist;person;;;;\n",  # no values: none recorded
    )  # fmt: skip
    assert count == 3
    assert values_of(region) == {
        ("Elmos", "sector"): "photonics",
        ("Elmos", "association_member"): True,
        ("Elmos", "employees"): 1200.0,
        ("IMS", "sector"): "medical devices",
        ("IMS", "association_member"): False,
        ("IMS", "employees"): 3.5,
    }
    assert VariableValue.objects.filter(actor__name="Elmos").first().history.get().history_user == bob


def test_a_value_of_the_wrong_type_or_an_undefined_category_is_refused_naming_row_column_and_variable(
    variables, bob, region
):
    problems = refused(
        region, bob,
        HEADER
        + "Elmos;organisation;firm_large;photonics;maybe;1200\n"
        + "IMS;organisation;research_institute;biotech;no;many\n",
    )  # fmt: skip
    assert problems == [
        "row 2, column Member: Variable association_member: “maybe” is not yes or no "
        "(“association_member” is yes/no: write true or false).",
        "row 3, column Sector: Variable sector: “biotech” is not a category of “sector” "
        "(allowed: photonics, software, medical devices).",
        "row 3, column Staff: Variable employees: “many” is not a number (“employees” is numeric).",
    ]


def test_a_mapping_to_a_variable_the_study_does_not_have_is_refused(variables, bob, region):
    mapping = {**MAPPING, "variable:turnover": "Staff"}
    mapping.pop("variable:employees")
    assert refused(region, bob, HEADER + "Elmos;organisation;firm_large;;;\n", mapping) == [
        "column mapping: The actors of this study have no variable “turnover”."
    ]


def test_a_variable_of_another_kind_of_record_cannot_be_mapped(variables, bob, region):
    mapping = {"name": "Name", "kind": "Kind", "variable:renewal": "Member"}  # a region variable
    assert refused(region, bob, HEADER + "Elmos;organisation;firm_large;;yes;\n", mapping) == [
        "column mapping: The actors of this study have no variable “renewal”."
    ]


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_mapping_page_offers_the_actor_variables_and_proposes_them_by_name_or_label(variables, client, bob, region):
    client.force_login(bob)
    text = "Name;Kind;Type;sector;Member of the association;Employees\nElmos;organisation;firm_large;software;1;12\n"
    upload = SimpleUploadedFile("actors.csv", text.encode(), content_type="text/csv")
    response = client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    page = client.get(response["Location"]).content.decode()
    assert "Variable: Sector (Categorical)" in page and "Variable: Successful renewal" not in page
    for key, column in (("sector", "sector"), ("association_member", "Member of the association")):
        assert f'name="variable:{key}"' in page and f'<option value="{column}" selected>' in page
    form = {"name": "Name", "kind": "Kind", "org_type": "Type", "variable:sector": "sector"}
    form |= {"variable:association_member": "Member of the association", "variable:employees": "Employees"}
    response = client.post(reverse("exports:csv-import-map", args=[region.pk]), form)
    assert response.status_code == 302
    assert values_of(region) == {
        ("Elmos", "sector"): "software",
        ("Elmos", "association_member"): True,
        ("Elmos", "employees"): 12.0,
    }


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_job_page_lists_refused_values_and_imports_nothing(variables, client, bob, region):
    client.force_login(bob)
    upload = SimpleUploadedFile("actors.csv", (HEADER + "Elmos;organisation;firm_large;steel;;\n").encode())
    client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    response = client.post(reverse("exports:csv-import-map", args=[region.pk]), MAPPING, follow=True)
    assert response.status_code == 200
    assert "row 2, column Sector: Variable sector: “steel” is not a category" in response.content.decode()
    assert not Actor.objects.filter(region=region).exists()


def test_import_queries_do_not_grow_with_rows_and_variable_columns(variables, bob, region):
    def run(n: int, offset: int) -> int:
        lines = [f"Firm {offset + i};organisation;firm_sme;software;yes;{i}" for i in range(n)]
        table = read_table("\n".join([HEADER.strip(), *lines]).encode())
        with CaptureQueriesContext(connection) as queries:
            csv_import(region=region, target="actors", table=table, mapping=MAPPING, user=bob)
        return len(queries)

    assert run(3, 0) == run(60, 100)
    assert VariableValue.objects.filter(actor__region=region).count() == 63 * 3
