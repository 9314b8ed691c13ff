"""The study's variables in the tables for R, Stata and SPSS: one column per variable, the values
as the record pages hold them, the variables codebook beside them, queries constant with rows."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coding.exchange.tables.rows import ACTOR_COLUMNS
from coding.exchange.tables.writers import BOM
from coding.variables.models import VariableValue
from coding.variables.services import variable_create
from tests import factories
from tests.exchange.test_tables import table_url
from tests.exchange.variables_fixtures import VariableWorld, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(study, region) -> VariableWorld:
    return make_world(study, region)


def csv_rows(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body.removeprefix(BOM))))


def workbook(client, url: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(b"".join(client.get(url).streaming_content)))


def sheet_rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_actors_table_has_one_column_per_actor_variable_after_the_fixed_ones(client, carol, world):
    client.force_login(carol)
    rows = {row["name"]: row for row in csv_rows(client, table_url(world.study, "actors", "csv"))}
    header = list(rows["Lasertech GmbH"])
    assert header == [*ACTOR_COLUMNS, "sector", "association_member", "employees", "note"]
    firm, lab, person = rows["Lasertech GmbH"], rows["Fraunhofer IMS"], rows["Petra Schmidt"]
    assert (firm["sector"], firm["association_member"], firm["employees"], firm["note"]) == (
        "photonics", "1", "120", "Spin-off of the university",
    )  # fmt: skip
    assert (lab["sector"], lab["association_member"], lab["employees"]) == ("medical devices", "0", "35.5")
    assert lab["note"] == ""
    assert [person[name] for name in ("sector", "association_member", "employees", "note")] == ["", "", "", ""]


def test_regions_waves_and_interviews_tables_carry_their_variables(client, carol, world):
    client.force_login(carol)
    (region,) = csv_rows(client, table_url(world.study, "regions", "csv"))
    assert (region["region"], region["renewal"], region["gdp_growth"]) == ("Dortmund", "1", "2.5")
    (wave,) = csv_rows(client, table_url(world.region, "waves", "csv"))
    assert (wave["wave"], wave["funding_start"]) == ("2019", "2019-03-01")
    (interview,) = csv_rows(client, table_url(world.study, "interviews", "csv"))
    assert interview["interviewees"] == "Petra Schmidt"
    assert (interview["setting_quality"], interview["recorded_on"]) == ("good", "2019-05-14")


def test_the_workbook_keeps_numbers_as_numbers_and_has_a_variables_sheet(client, carol, world):
    client.force_login(carol)
    book = workbook(client, table_url(world.study, "actors", "xlsx"))
    assert book.sheetnames == ["actors", "variables"]
    actors = {row["name"]: row for row in sheet_rows(book["actors"])}
    assert actors["Lasertech GmbH"]["employees"] == 120 and actors["Fraunhofer IMS"]["employees"] == 35.5
    assert actors["Lasertech GmbH"]["association_member"] == 1
    codebook = sheet_rows(book["variables"])
    assert [row["column"] for row in codebook] == ["sector", "association_member", "employees", "note"]
    assert codebook[0] == {
        "table": "actors", "column": "sector", "target": "actor", "name": "sector", "label": "Sector",
        "type": "categorical", "categories": "photonics | software | medical devices", "unit": None,
        "description": "Main market of the actor, coded from the interviews.",
    }  # fmt: skip
    assert codebook[1]["categories"] == "1 = yes, 0 = no" and codebook[2]["unit"] == "persons"


def test_the_variables_table_is_the_codebook_of_every_variable_column(client, carol, world):
    client.force_login(carol)
    rows = csv_rows(client, table_url(world.study, "variables", "csv"))
    assert [(row["table"], row["column"], row["type"]) for row in rows] == [
        ("actors", "sector", "categorical"),
        ("actors", "association_member", "boolean"),
        ("actors", "employees", "numeric"),
        ("actors", "note", "text"),
        ("interviews", "setting_quality", "categorical"),
        ("interviews", "recorded_on", "date"),
        ("regions", "renewal", "boolean"),
        ("regions", "gdp_growth", "numeric"),
        ("waves", "funding_start", "date"),
    ]
    assert rows[7]["unit"] == "% p.a." and rows[4]["categories"] == "good | poor"


def test_a_variable_named_like_a_fixed_column_gets_the_var_prefix(client, carol, world):
    degree = variable_create(study=world.study, target="actor", name="degree", label="Academic degree", type="text")
    VariableValue.objects.create(variable=degree, actor=world.person, text_value="PhD")
    client.force_login(carol)
    rows = {row["name"]: row for row in csv_rows(client, table_url(world.study, "actors", "csv"))}
    assert rows["Petra Schmidt"]["var_degree"] == "PhD" and rows["Petra Schmidt"]["degree"] == ""  # no metrics yet
    codebook = csv_rows(client, table_url(world.study, "variables", "csv"))
    assert ("degree", "var_degree") in {(row["name"], row["column"]) for row in codebook}


def test_pseudonymised_tables_replace_person_names_in_free_text_values(client, carol, world):
    VariableValue.objects.filter(variable=world.variables["note"]).update(text_value="Met Petra Schmidt twice")
    client.force_login(carol)
    rows = csv_rows(client, table_url(world.study, "actors", "csv") + "?pseudonymised=1")
    note = next(row["note"] for row in rows if row["note"])
    assert "Petra Schmidt" not in note and note.startswith("Met ")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        b"".join(response.streaming_content)
    return len(queries)


def grow(world, n: int) -> None:
    for number in range(n):
        actor = factories.OrganisationFactory(region=world.region, name=f"Firm {number}")
        VariableValue.objects.create(variable=world.variables["employees"], actor=actor, number_value=number)
        wave = factories.WaveFactory(region=world.region, label=f"W{number}")
        VariableValue.objects.create(variable=world.variables["funding_start"], wave=wave, date_value="2020-01-01")
        interview = factories.InterviewFactory(region=world.region, title=f"Interview {number}")
        interview.interviewees.add(world.person)
        quality = world.variables["setting_quality"]
        VariableValue.objects.create(variable=quality, interview=interview, text_value="poor")
        region = factories.RegionFactory(study=world.study, name=f"Region {number}")
        VariableValue.objects.create(variable=world.variables["renewal"], region=region, bool_value=False)


@pytest.mark.parametrize("table", ["actors", "regions", "waves", "interviews", "variables"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_queries_do_not_grow_with_rows_and_values(table, extension, client, carol, world):
    client.force_login(carol)
    url = table_url(world.study, table, extension) + "?pseudonymised=1"
    few = count_queries(client, url)
    grow(world, 20)
    assert count_queries(client, url) == few
