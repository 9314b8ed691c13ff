"""The study's variables in the JSON dump: definitions and values round-trip, older dumps still
import, bad definitions and values are refused with their path and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from cases.models import Actor, Region, Study
from coding.exchange.dump import study_dump, study_import
from coding.exchange.records import ImportErrors
from coding.variables.models import Variable, VariableValue
from tests import factories
from tests.exchange.variables_fixtures import EXPECTED_VALUES, VariableWorld, definitions, make_world, stored_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(study, region) -> VariableWorld:
    return make_world(study, region)


REFERENCE_V1 = Path(__file__).resolve().parents[1] / "data" / "hostile" / "reference" / "valid.json"
# The demo study as it shipped in dump version 2, before it carried variables (coding/demo/demo_study.json
# at commit d73ea70 of this branch).
DEMO_V2 = Path(__file__).resolve().parents[1] / "data" / "dumps" / "demo_study_v2.json"


def dumped(study: Study) -> dict:
    return json.loads("".join(study_dump(study)))


def test_definitions_and_values_come_back_identical_in_a_fresh_study(world, alice):
    document = dumped(world.study)
    assert document["version"] == 3
    copy = study_import(data=json.dumps(document).encode(), user=alice)
    assert copy.pk != world.study.pk
    assert definitions(copy) == definitions(world.study)
    assert stored_values(copy) == EXPECTED_VALUES
    # The person had no value: still none (a missing value is no row, not an empty one).
    assert not VariableValue.objects.filter(actor__region__study=copy, actor__name="Petra Schmidt").exists()


def test_the_dump_writes_values_typed_as_json_under_machine_names(world):
    document = dumped(world.study)
    region = document["regions"][0]
    assert region["variables"] == {"renewal": True, "gdp_growth": 2.5}
    assert region["waves"][0]["variables"] == {"funding_start": "2019-03-01"}
    actors = {actor["name"]: actor["variables"] for actor in region["actors"]}
    assert actors["Fraunhofer IMS"] == {"sector": "medical devices", "association_member": False, "employees": 35.5}
    assert actors["Petra Schmidt"] == {}
    assert region["interviews"][0]["variables"] == {"setting_quality": "good", "recorded_on": "2019-05-14"}
    sector = next(variable for variable in document["variables"] if variable["name"] == "sector")
    assert sector == {
        "target": "actor",
        "name": "sector",
        "label": "Sector",
        "type": "categorical",
        "categories": ["photonics", "software", "medical devices"],
        "description": "Main market of the actor, coded from the interviews.",
        "unit": "",
    }


@pytest.mark.parametrize("path", [REFERENCE_V1, DEMO_V2], ids=["version-1", "version-2"])
def test_older_dumps_without_variables_still_import(path, alice):
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["version"] < 3 and "variables" not in document
    for username in ("demo", "coder", "viewer"):  # the demo dump's interviewers and coders
        factories.UserFactory(username=username)
    study = study_import(data=path.read_bytes(), user=alice)
    assert study.regions.count() == len(document["regions"])
    actors = sum(len(region.get("actors", [])) for region in document["regions"])
    assert Actor.objects.filter(region__study=study).count() == actors
    assert not Variable.objects.filter(study=study).exists()


def counts() -> tuple[int, ...]:
    return (Study.objects.count(), Region.objects.count(), Variable.objects.count(), VariableValue.objects.count())


def refused(document: dict, user) -> list[str]:
    before = counts()
    with pytest.raises(ImportErrors) as caught:
        study_import(data=json.dumps(document).encode(), user=user)
    assert counts() == before
    return [str(problem) for problem in caught.value.problems]


def actor_index(document: dict, name: str) -> int:
    return next(i for i, actor in enumerate(document["regions"][0]["actors"]) if actor["name"] == name)


def test_a_value_of_the_wrong_type_is_refused_naming_record_and_variable(world, alice):
    document = dumped(world.study)
    firm = actor_index(document, "Lasertech GmbH")
    document["regions"][0]["actors"][firm]["variables"]["employees"] = "about a hundred"
    document["regions"][0]["variables"]["renewal"] = "perhaps"
    assert refused(document, alice) == [
        "regions[0].variables.renewal: “perhaps” is not yes or no (“renewal” is yes/no: write true or false).",
        f"regions[0].actors[{firm}].variables.employees: “about a hundred” is not a number (“employees” is numeric).",
    ]


def test_an_undefined_category_is_refused_listing_the_allowed_ones(world, alice):
    document = dumped(world.study)
    lab = actor_index(document, "Fraunhofer IMS")
    document["regions"][0]["actors"][lab]["variables"]["sector"] = "biotech"
    assert refused(document, alice) == [
        f"regions[0].actors[{lab}].variables.sector: “biotech” is not a category of “sector” "
        "(allowed: photonics, software, medical devices)."
    ]


def test_a_name_that_is_not_syntactic_and_a_duplicate_variable_are_refused(world, alice):
    document = dumped(world.study)
    names = [variable["name"] for variable in document["variables"]]
    first, second = names.index("renewal"), names.index("sector")
    document["variables"][first]["name"] = "2nd renewal"
    document["variables"].append(dict(document["variables"][second], label="Sector again"))
    problems = refused(document, alice)
    assert problems[:2] == [
        f"variables[{first}].name: '2nd renewal' is not a variable name: letters, digits and underscores, "
        "starting with a letter, at most 63 characters",
        f"variables[{len(names)}].name: the actor variable 'sector' is already defined at variables[{second}]",
    ]
    # The region's value of the renamed variable now names no definition.
    assert "regions[0].variables.renewal: no region variable 'renewal' is defined in the dump's variables" in problems


def test_a_fixed_attribute_name_and_categories_of_a_non_categorical_variable_are_refused(world, alice):
    document = dumped(world.study)
    document["variables"].append({"target": "actor", "name": "org_type", "type": "text"})
    document["variables"].append({"target": "region", "name": "size", "type": "numeric", "categories": ["big"]})
    colour = {"target": "actor", "name": "colour", "type": "categorical", "categories": ["red", "Red"]}
    document["variables"].append(colour)
    problems = refused(document, alice)
    count = len(document["variables"])
    assert problems == [
        f"variables[{count - 3}].name: 'org_type' is a fixed attribute of every actor; rename it",
        f"variables[{count - 2}].categories: only categorical variables have categories, not numeric",
        f"variables[{count - 1}].categories: The category “Red” is listed twice.",
    ]


def test_an_empty_value_imports_as_no_value(world, alice):
    document = dumped(world.study)
    firm = actor_index(document, "Lasertech GmbH")
    document["regions"][0]["actors"][firm]["variables"]["note"] = ""
    document["regions"][0]["actors"][firm]["variables"]["employees"] = None
    copy = study_import(data=json.dumps(document).encode(), user=alice)
    values = stored_values(copy)
    assert ("actor", "Lasertech GmbH", "note") not in values and ("actor", "Lasertech GmbH", "employees") not in values
    assert values[("actor", "Lasertech GmbH", "sector")] == "photonics"


def test_a_value_for_a_variable_of_another_kind_of_record_is_refused(world, alice):
    document = dumped(world.study)
    document["regions"][0]["waves"][0]["variables"]["sector"] = "software"
    assert refused(document, alice) == [
        "regions[0].waves[0].variables.sector: no wave variable 'sector' is defined in the dump's variables"
    ]


def test_the_export_runs_the_same_number_of_queries_for_2_or_40_actors_with_values(
    client, carol, world, django_assert_max_num_queries
):
    client.force_login(carol)

    def queries() -> int:
        with django_assert_max_num_queries(40) as captured:
            response = client.get(reverse("exports:study-dump", args=[world.study.pk]))
            json.loads(b"".join(response.streaming_content))
        return len(captured)

    few = queries()
    for number in range(38):
        actor = factories.OrganisationFactory(region=world.region, name=f"Firm {number}")
        VariableValue.objects.create(variable=world.variables["sector"], actor=actor, text_value="software")
        VariableValue.objects.create(variable=world.variables["employees"], actor=actor, number_value=number)
    assert queries() == few
    assert sum(bool(actor["variables"]) for actor in dumped(world.study)["regions"][0]["actors"]) == 40


def test_any_wrong_value_in_definitions_or_values_is_refused_with_problems_or_imported(world, alice):
    """Every field of the variables and every value replaced by values of every JSON type: the
    checker and the import answer with problems (nothing written) or a study, never a crash."""
    from django.db import transaction

    document = dumped(world.study)
    region = document["regions"][0]
    targets = [(document["variables"][index], name) for index in range(len(document["variables"])) for name in
               ("target", "name", "label", "type", "categories", "description", "unit")]  # fmt: skip
    targets += [(record["variables"], name) for record in (region, *region["actors"], *region["interviews"])
                for name in record["variables"]]  # fmt: skip
    targets += [(region, "variables")]
    tried = 0
    for container, name in targets:
        for wrong in (None, -1, "x", [], {}, True, 2.5, "x" * 301, "1e999"):
            original = container[name]
            container[name] = wrong
            data = json.dumps(document).encode()
            container[name] = original
            before = counts()
            try:
                with transaction.atomic():
                    study_import(data=data, user=alice)
                    transaction.set_rollback(True)
                tried += 1
            except ImportErrors as error:
                assert error.problems and counts() == before
    assert tried > 10  # some replacements are valid values (a text, an empty value)
