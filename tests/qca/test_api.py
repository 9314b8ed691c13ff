"""QCA through the REST API: a run, saved models, refusals and who may do what.

Expected tables: tests/qca/test_analysis.py (computed by hand from tests/qca/conftest.py).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.qca.models import QcaModel
from tests.qca.conftest import spec

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def run_url(qca_study) -> str:
    return reverse("api:study-qca", args=[qca_study["study"].pk])


def test_a_viewer_runs_a_qca(qca_study, carol):
    response = client_for(carol).post(run_url(qca_study), spec(qca_study), format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    rows = {row["number"]: row for row in body["result"]["truth_table"]["rows"]}
    assert rows[1]["cases"] == ["Bremen", "Dresden"] and rows[1]["OUT"] == "1"
    parsimonious = body["result"]["solutions"]["parsimonious"]["solutions"][0]["models"]
    assert [model["terms"] for model in parsimonious] == [["~ASSOC"], ["~DENSE"]]
    assert [(m["inclS"], m["PRI"], m["covS"]) for m in parsimonious] == [(1.0, 1.0, 1.0)] * 2
    aachen = body["result"]["cases"][0]
    assert aachen["label"] == "Aachen"
    assert aachen["values"]["DENSE"]["raw"] == "0.5" and aachen["values"]["DENSE"]["membership"] == 1
    assert aachen["values"]["DENSE"]["url"].endswith("?layer=all#metric-density")
    assert body["spec"]["pri_cut"] == 0.0  # defaults filled in


def test_anchors_out_of_order_are_a_400_naming_the_condition(qca_study, carol):
    body = spec(qca_study)
    body["conditions"][1]["calibration"] = {"method": "fuzzy", "exclusion": 0.4, "crossover": 0.2, "inclusion": 0.5}
    response = client_for(carol).post(run_url(qca_study), body, format="json")
    assert response.status_code == 400
    (message,) = response.json()["conditions[1].calibration"]
    assert "the anchors of DENSE are out of order" in message


def test_a_missing_value_is_a_400_naming_case_and_condition(qca_study, carol):
    from coding.variables.models import VariableValue

    VariableValue.objects.filter(region=qca_study["regions"]["Chemnitz"], variable=qca_study["gdp"]).delete()
    response = client_for(carol).post(run_url(qca_study), spec(qca_study), format="json")
    assert response.status_code == 400
    answer = response.json()
    assert (answer["case"], answer["condition"]) == ("Chemnitz", "GROWTH")
    assert "case Chemnitz: GROWTH has no value" in answer["outcome"][0]


@pytest.mark.parametrize("body", [[], {"cases": "all"}, {"unit": "region", "cases": [1, 2], "outcome": 3}])
def test_a_malformed_specification_is_a_400(qca_study, carol, body):
    assert client_for(carol).post(run_url(qca_study), body, format="json").status_code == 400


def test_a_stranger_gets_404(qca_study, mallory):
    assert client_for(mallory).post(run_url(qca_study), spec(qca_study), format="json").status_code == 404


def test_a_coder_saves_a_model_a_viewer_reads_it(qca_study, bob, carol):
    body = {"study": qca_study["study"].pk, "name": "Growth", "spec": spec(qca_study)}
    assert client_for(carol).post(reverse("api:qca-model-list"), body, format="json").status_code == 403
    response = client_for(bob).post(reverse("api:qca-model-list"), body, format="json")
    assert response.status_code == 201, response.content
    model = QcaModel.objects.get()
    assert (model.name, model.status, model.created_by) == ("Growth", "ok", bob)
    read = client_for(carol).get(reverse("api:qca-model-detail", args=[model.pk])).json()
    assert read["status"] == "ok"
    assert read["result"]["truth_table"]["rows"][0]["cases"] == ["Bremen", "Dresden"]
    listed = client_for(carol).get(reverse("api:qca-model-list"), {"study": qca_study["study"].pk}).json()
    assert [item["name"] for item in listed["results"]] == ["Growth"]


def test_a_refused_model_saves_nothing(qca_study, bob):
    bad = spec(qca_study)
    bad["conditions"][0]["source"]["name"] = "no_such_variable"
    body = {"study": qca_study["study"].pk, "name": "Growth", "spec": bad}
    response = client_for(bob).post(reverse("api:qca-model-list"), body, format="json")
    assert response.status_code == 400
    assert "no region variable “no_such_variable”" in response.json()["conditions[0].source.name"][0]
    assert not QcaModel.objects.exists()


def test_a_change_of_specification_is_recomputed_and_a_bad_one_keeps_the_old(qca_study, bob):
    create = {"study": qca_study["study"].pk, "name": "Growth", "spec": spec(qca_study)}
    model_id = client_for(bob).post(reverse("api:qca-model-list"), create, format="json").json()["id"]
    url = reverse("api:qca-model-detail", args=[model_id])
    negated = spec(qca_study)
    negated["outcome"]["negate"] = True
    response = client_for(bob).patch(url, {"spec": negated}, format="json")
    assert response.status_code == 200 and response.json()["result"]["outcome"] == "~GROWTH"
    bad = spec(qca_study, incl_cut=2)
    assert client_for(bob).patch(url, {"spec": bad, "name": "Other"}, format="json").status_code == 400
    model = QcaModel.objects.get()
    assert (model.name, model.result["outcome"]) == ("Growth", "~GROWTH")
    assert client_for(bob).delete(url).status_code == 204
    assert not QcaModel.objects.exists()


@pytest.mark.parametrize("extra", [0, 4])
def test_a_run_takes_the_same_queries_for_4_and_8_regions(qca_study, carol, alice, extra, django_assert_num_queries):
    from tests.qca.conftest import add_region, store_snapshot

    study = qca_study["study"]
    for i in range(extra):
        region = add_region(study, f"Extra {i}", qca_study["trust"], alice, 0, False, 0, "", (1, 0))
        store_snapshot(region, density=0.25 + 0.1 * (i % 2), structure="closure")
        qca_study["gdp"].values.create(region=region, number_value=1.0 + i)
        qca_study["association"].values.create(region=region, bool_value=bool(i % 2))
    body = spec(qca_study)
    body["cases"] = list(study.regions.values_list("pk", flat=True))
    client = client_for(carol)
    with django_assert_num_queries(7):
        assert client.post(run_url(qca_study), body, format="json").status_code == 200


def test_a_model_in_a_study_one_is_not_a_member_of_is_refused(qca_study, mallory):
    body = {"study": qca_study["study"].pk, "name": "Growth", "spec": spec(qca_study)}
    response = client_for(mallory).post(reverse("api:qca-model-list"), body, format="json")
    assert response.status_code == 400
    assert "study" in response.json()
    assert not QcaModel.objects.exists()
