"""Variable names as other programs write them ("Age group", "Alter (Jahre)") in a .qdpx import:
converted to syntactic names with the original kept as the label, made unique, a fixed attribute's
name prefixed with ``var_``, and every rename listed in the import's result and on the page."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from coding.exchange.records import ImportErrors
from coding.exchange.refi import qdpx_import
from coding.variables.models import Variable
from coding.variables.services import variable_create
from tests import factories
from tests.exchange.test_qdpx_import import rewrite
from tests.exchange.test_qdpx_variables import export, fresh_study
from tests.exchange.variables_fixtures import definitions, make_world, stored_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_export(study, region) -> bytes:
    """A project of ours without study variables, to which the tests add another program's."""
    world = make_world(study, region)
    factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation")
    Variable.objects.filter(study=world.study).delete()
    return export(world.study)


def guid(number: int) -> str:
    return f"aaaaaaaa-0000-4000-8000-{number:012d}"


def foreign(content: bytes, source_variables: list[tuple[str, str, str]], case_variables=()) -> bytes:
    """``content`` with variables as MAXQDA, ATLAS.ti or NVivo declare them (no description of
    ours): (name, REFI-QDA type, value) on the first text source, and likewise on the first case."""

    def change(xml: str) -> str:
        declared, on_source, on_case = [], [], []
        for number, (name, kind, value) in enumerate([*source_variables, *case_variables], start=1):
            declared.append(f'<Variable guid="{guid(number)}" name="{name}" typeOfVariable="{kind}"/>')
            element = {"Text": "TextValue", "Integer": "IntegerValue", "Boolean": "BooleanValue"}[kind]
            held = on_source if number <= len(source_variables) else on_case
            reference = f'<VariableRef targetGUID="{guid(number)}"/>'
            held.append(f"<VariableValue>{reference}<{element}>{value}</{element}></VariableValue>")
        xml = xml.replace("</Variables>", "".join(declared) + "</Variables>", 1)
        xml = xml.replace("</TextSource>", "".join(on_source) + "</TextSource>", 1)
        case = xml.index("<Case ")
        at = xml.index("<SourceRef", case)  # a case's values come before its sources (REFI-QDA 1.0)
        return xml[:at] + "".join(on_case) + xml[at:]

    return rewrite(content, qde=change)


MAXQDA_LIKE = [("Age group", "Text", "40-49"), ("Alter (Jahre)", "Integer", "47")]
ON_CASE = [("country", "Text", "Deutschland")]


def test_a_maxqda_like_project_imports_with_syntactic_names_and_the_originals_as_labels(plain_export, alice):
    copy = fresh_study(alice)
    result = qdpx_import(
        upload=io.BytesIO(foreign(plain_export, MAXQDA_LIKE, ON_CASE)), study=copy, region=None, default_coder=alice
    )
    assert definitions(copy) == [
        ("interview", "Age_group", "Age group", "text", [], "", "", 1),
        ("interview", "Alter_Jahre", "Alter (Jahre)", "numeric", [], "", "", 2),
        ("region", "var_country", "country", "text", [], "", "", 1),
    ]
    assert stored_values(copy) == {
        ("interview", "Interview Lasertech", "Age_group"): "40-49",
        ("interview", "Interview Lasertech", "Alter_Jahre"): 47.0,
        ("region", "Dortmund", "var_country"): "Deutschland",
    }
    syntactic = (
        "a variable name must be syntactic (letters, digits and underscores, starting with a letter, "
        "at most 63 characters)"
    )
    assert result.variable_renames == [
        f"The interview variable “Age group” is imported as Age_group (labelled “Age group”): {syntactic}.",
        f"The interview variable “Alter (Jahre)” is imported as Alter_Jahre (labelled “Alter (Jahre)”): {syntactic}.",
        "The region variable “country” is imported as var_country (labelled “country”): "
        "“country” is a fixed attribute of every region.",
    ]


def test_names_that_convert_alike_are_made_unique_and_a_syntactic_name_keeps_its_own(plain_export, alice):
    variables = [("Age group", "Text", "a"), ("Age-group", "Text", "b"), ("Age_group", "Text", "c")]
    copy = fresh_study(alice)
    result = qdpx_import(
        upload=io.BytesIO(foreign(plain_export, variables)), study=copy, region=None, default_coder=alice
    )
    assert [(name, label) for _, name, label, *_ in definitions(copy)] == [
        ("Age_group_2", "Age group"),
        ("Age_group_3", "Age-group"),
        ("Age_group", "Age_group"),
    ]
    assert stored_values(copy) == {
        ("interview", "Interview Lasertech", "Age_group_2"): "a",
        ("interview", "Interview Lasertech", "Age_group_3"): "b",
        ("interview", "Interview Lasertech", "Age_group"): "c",
    }
    assert len(result.variable_renames) == 2
    assert result.variable_renames[0].endswith("at most 63 characters); Age_group is already taken.")


def test_a_converted_name_reuses_the_study_variable_of_that_name(plain_export, alice):
    copy = fresh_study(alice)
    existing = variable_create(study=copy, target="interview", name="Age_group", label="Age band", type="text")
    qdpx_import(upload=io.BytesIO(foreign(plain_export, MAXQDA_LIKE)), study=copy, region=None, default_coder=alice)
    assert Variable.objects.get(study=copy, target="interview", name="Age_group") == existing
    assert stored_values(copy)[("interview", "Interview Lasertech", "Age_group")] == "40-49"


def test_a_bad_value_of_a_renamed_variable_is_refused_naming_the_original(plain_export, alice):
    content = foreign(plain_export, [("Alter (Jahre)", "Text", "viele")])
    content = rewrite(content, qde=lambda xml: xml.replace('typeOfVariable="Text"/>', 'typeOfVariable="Integer"/>'))
    copy = fresh_study(alice)
    with pytest.raises(ImportErrors) as caught:
        qdpx_import(upload=io.BytesIO(content), study=copy, region=None, default_coder=alice)
    (problem,) = [str(problem) for problem in caught.value.problems]
    assert "<TextSource 'Interview Lasertech'>: variable Alter (Jahre): “viele” is not a number" in problem
    assert not Variable.objects.filter(study=copy).exists()


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_page_lists_the_renamed_variables(client, plain_export, alice):
    copy = fresh_study(alice)
    client.force_login(alice)
    upload = io.BytesIO(foreign(plain_export, MAXQDA_LIKE, ON_CASE))
    upload.name = "maxqda.qdpx"
    response = client.post(
        reverse("exports:study-qdpx-import", args=[copy.pk]), {"upload": upload, "coder": alice.pk}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The interview variable “Age group” is imported as Age_group (labelled “Age group”)" in page
    assert "The region variable “country” is imported as var_country" in page
