"""The study's region and interview variables in a .qdpx, both ways: REFI-QDA ``Variables`` with
their types, values on cases and text sources, valid against the schema; the import defines them
and writes their values, refusing bad ones whole with the element's line."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.choices import Role
from cases.models import Interview, Region, Study
from coding.exchange.records import ImportErrors
from coding.exchange.refi import QdpxImportResult, qdpx_export, qdpx_import
from coding.variables.models import Variable, VariableValue
from coding.variables.services import variable_create
from tests import factories
from tests.exchange.qdpx_fixtures import NS, open_project, schema
from tests.exchange.test_qdpx_import import rewrite
from tests.exchange.variables_fixtures import EXPECTED_VALUES, VariableWorld, definitions, make_world, stored_values

pytestmark = pytest.mark.django_db
TRAVELS = ("region", "interview")  # REFI-QDA has cases and sources; actors and waves travel in the dump


@pytest.fixture
def world(study, region) -> VariableWorld:
    made = make_world(study, region)
    factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation")  # a project needs a codebook
    return made


def export(owner) -> bytes:
    out = io.BytesIO()
    qdpx_export(owner, out)
    return out.getvalue()


def fresh_study(alice) -> Study:
    study = factories.StudyFactory(title="Copy")
    factories.MembershipFactory(study=study, user=alice, role=Role.LEAD)
    return study


def import_into(study: Study, content: bytes, coder) -> QdpxImportResult:
    return qdpx_import(upload=io.BytesIO(content), study=study, region=None, default_coder=coder)


def test_the_export_declares_typed_variables_and_validates_against_the_schema(world):
    root, _ = open_project(export(world.study))
    assert schema().validate(root), schema().error_log
    declared = {v.get("name"): v for v in root.iterfind("q:Variables/q:Variable", NS)}
    types = {
        name: declared[name].get("typeOfVariable")
        for name in ("renewal", "gdp_growth", "setting_quality", "recorded_on")
    }
    assert types == {"renewal": "Boolean", "gdp_growth": "Float", "setting_quality": "Text", "recorded_on": "Date"}
    assert declared["setting_quality"].findtext("q:Description", namespaces=NS) == (
        'Describes: interview\nLabel: Quality of the setting\nCategories: ["good", "poor"]'
    )
    assert declared["gdp_growth"].findtext("q:Description", namespaces=NS) == (
        "Describes: region\nLabel: GDP growth\nUnit: % p.a."
    )
    assert "sector" not in declared and "funding_start" not in declared  # actor and wave variables: not here


def test_values_sit_on_cases_and_sources_in_their_types_elements(world):
    root, _ = open_project(export(world.study))
    guid = {v.get("name"): v.get("guid") for v in root.iterfind("q:Variables/q:Variable", NS)}

    def value(holder, name: str) -> tuple[str, str]:
        for element in holder.iterfind("q:VariableValue", NS):
            if element.find("q:VariableRef", NS).get("targetGUID") == guid[name]:
                child = element[1]
                return child.tag.split("}")[1], child.text
        raise AssertionError(name)

    case = root.find("q:Cases/q:Case[@name='Dortmund']", NS)
    assert value(case, "renewal") == ("BooleanValue", "true") and value(case, "gdp_growth") == ("FloatValue", "2.5")
    source = root.find("q:Sources/q:TextSource[@name='Interview Lasertech']", NS)
    assert value(source, "setting_quality") == ("TextValue", "good")
    assert value(source, "recorded_on") == ("DateValue", "2019-05-14")


def test_round_trip_keeps_definitions_and_values_of_region_and_interview_variables(world, alice):
    copy = fresh_study(alice)
    result = import_into(copy, export(world.study), alice)
    assert result.variable_renames == []  # our names are syntactic: none changes
    original = [row for row in definitions(world.study) if row[0] in TRAVELS]
    assert definitions(copy) == original
    expected = {key: value for key, value in EXPECTED_VALUES.items() if key[0] in TRAVELS}
    assert stored_values(copy) == expected


def test_variables_of_another_program_become_interview_variables(world, alice):
    """A MAXQDA-like project: document variables without our description lines."""

    def foreign(xml: str) -> str:
        variables = (
            '<Variable guid="aaaaaaaa-0000-4000-8000-000000000001" name="Sector" typeOfVariable="Text"/>'
            '<Variable guid="aaaaaaaa-0000-4000-8000-000000000002" name="Age" typeOfVariable="Integer">'
            "<Description>Age of the interviewee</Description></Variable>"
        )
        values = (
            '<VariableValue><VariableRef targetGUID="aaaaaaaa-0000-4000-8000-000000000001"/>'
            "<TextValue>Photonics</TextValue></VariableValue>"
            '<VariableValue><VariableRef targetGUID="aaaaaaaa-0000-4000-8000-000000000002"/>'
            "<IntegerValue>47</IntegerValue></VariableValue>"
        )
        xml = xml.replace("</Variables>", variables + "</Variables>", 1)
        return xml.replace("</TextSource>", values + "</TextSource>", 1)

    Variable.objects.filter(study=world.study).delete()
    copy = fresh_study(alice)
    import_into(copy, rewrite(export(world.study), qde=foreign), alice)
    assert definitions(copy) == [
        ("interview", "Sector", "Sector", "text", [], "", "", 1),
        ("interview", "Age", "Age", "numeric", [], "Age of the interviewee", "", 2),
    ]
    assert stored_values(copy) == {
        ("interview", "Interview Lasertech", "Sector"): "Photonics",
        ("interview", "Interview Lasertech", "Age"): 47.0,
    }


def counts() -> tuple[int, ...]:
    return (Region.objects.count(), Interview.objects.count(), Variable.objects.count(), VariableValue.objects.count())


def refused(study: Study, content: bytes, user) -> list[str]:
    before = counts()
    with pytest.raises(ImportErrors) as caught:
        import_into(study, content, user)
    assert counts() == before
    return [str(problem) for problem in caught.value.problems]


def swap(old: str, new: str):
    def change(xml: str) -> str:
        assert old in xml, old
        return xml.replace(old, new, 1)

    return change


def line_of(xml: str, text: str) -> int:
    return xml[: xml.index(text)].count("\n") + 1


def test_a_value_of_the_wrong_type_is_refused_with_its_case_and_line(world, alice):
    content = rewrite(export(world.study), qde=swap("<FloatValue>2.5</FloatValue>", "<TextValue>strong</TextValue>"))
    xml = open_project(content)[1].read("project.qde").decode()
    line = line_of(xml, '<Case guid="')
    assert refused(fresh_study(alice), content, alice) == [
        f"project.qde, line {line}, <Case 'Dortmund'>: variable gdp_growth: “strong” is not a number "
        "(“gdp_growth” is numeric)."
    ]


def test_an_undefined_category_is_refused_listing_the_allowed_ones(world, alice):
    content = rewrite(export(world.study), qde=swap("<TextValue>good</TextValue>", "<TextValue>excellent</TextValue>"))
    (problem,) = refused(fresh_study(alice), content, alice)
    assert problem.endswith(
        "<TextSource 'Interview Lasertech'>: variable setting_quality: “excellent” is not a category of "
        "“setting_quality” (allowed: good, poor)."
    )


def test_a_variable_declared_twice_is_refused(world, alice):
    content = rewrite(export(world.study), qde=swap('name="recorded_on"', 'name="setting_quality"'))
    (problem,) = refused(fresh_study(alice), content, alice)
    assert (
        "<Variable 'setting_quality'>: the interview variable 'setting_quality' is declared twice (first at line"
        in problem
    )


def test_a_study_variable_of_the_same_name_and_another_type_is_refused(world, alice):
    copy = fresh_study(alice)
    variable_create(study=copy, target="region", name="renewal", label="Renewal", type="text")
    assert refused(copy, export(world.study), alice) == [
        "project.qdpx, region variable 'renewal': the study's variable of this name is text, the project's boolean"
    ]


def test_the_export_runs_the_same_number_of_queries_for_1_or_21_interviews_with_values(world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            export(world.study)
        return len(queries)

    before = count()
    for number in range(20):
        interview = factories.InterviewFactory(region=world.region, title=f"Interview {number}")
        VariableValue.objects.create(
            variable=world.variables["recorded_on"], interview=interview, date_value="2020-01-02"
        )
        region = factories.RegionFactory(study=world.study, name=f"Region {number}")
        VariableValue.objects.create(variable=world.variables["gdp_growth"], region=region, number_value=number / 3)
    assert count() == before
    root, _ = open_project(export(world.study))
    assert schema().validate(root), schema().error_log  # 20 / 3 etc. written as xsd:decimal


def test_a_pseudonymised_project_replaces_person_names_in_free_text_values(world):
    remark = variable_create(study=world.study, target="interview", name="remark", label="Remark", type="text")
    VariableValue.objects.create(variable=remark, interview=world.interview, text_value="Petra Schmidt was late")
    out = io.BytesIO()
    qdpx_export(world.study, out, pseudonymised=True, key="test-key")
    root, _ = open_project(out.getvalue())
    assert schema().validate(root), schema().error_log
    texts = [element.text for element in root.iterfind(".//q:TextSource/q:VariableValue/q:TextValue", NS)]
    assert "Petra Schmidt was late" not in texts and any(text.endswith(" was late") for text in texts)
