"""Every API route: anonymous denied, non-member 404, viewer read-only, writer allowed.

Fails for an API route it does not know, so a new endpoint cannot ship without an access decision.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.choices import Role
from coding.models import Coding
from coding.qca.models import QcaModel
from coding.variables.models import Variable, VariableValue
from coding.variables.services import values_set, variable_create
from coding.worker.models import AnalysisSnapshot
from tests import factories
from tests.trust.routes import all_routes


def _coder_of(region):
    return region.study.memberships.get(role=Role.CODER).user


def _variable(region, target: str = "actor"):
    """A new variable of the region's study (a fresh name each time)."""
    name = f"{target}_v{Variable.objects.count() + 1}"
    return variable_create(study=region.study, target=target, name=name, label=name, type="numeric")


def _variable_value(region):
    variable = _variable(region, "region")
    values_set(variable=variable, values={region.pk: 3})
    return VariableValue.objects.get(variable=variable)


# basename -> (make a row in the study's region, persona that may write it)
RESOURCES: dict[str, tuple[Callable, str]] = {
    "study": (lambda region: region.study, "alice"),
    # memberships: leads add, change and remove members (tests/api/test_api_creation.py)
    "membership": (lambda region: region.study.memberships.get(role=Role.VIEWER), "alice"),
    "region": (lambda region: region, "alice"),
    "wave": (lambda region: factories.WaveFactory(region=region), "alice"),
    "actor": (lambda region: factories.OrganisationFactory(region=region), "bob"),
    "interview": (lambda region: factories.InterviewFactory(region=region), "bob"),
    "interaction": (lambda region: factories.InteractionFactory(region=region), "bob"),
    # bob's own coding: coders change only their own (see the coding tests below)
    "coding": (lambda region: factories.CodingFactory(interview__region=region, coder=_coder_of(region)), "bob"),
    "outcome": (lambda region: factories.OutcomeFactory(region=region), "bob"),
    # bob's own memo: authors change only their own (tests/memos/test_api.py)
    "memo": (lambda region: factories.MemoFactory(study=region.study, author=_coder_of(region), region=region), "bob"),
    # variables: leads define them, coders set values (tests/variables/test_api.py)
    "variable": (_variable, "alice"),
    "variable-value": (_variable_value, "bob"),
    # saved QCA models: coders and leads write (tests/qca/test_api.py)
    "qca-model": (lambda region: QcaModel.objects.create(study=region.study, name="Growth", spec={}), "bob"),
}
# Read-only resources: members read, nobody writes (405), non-members get 404.
READ_ONLY: dict[str, Callable] = {
    "code": lambda region: factories.CodeFactory(scheme=region.study.coding_scheme),
    "snapshot": lambda region: AnalysisSnapshot.objects.create(region=region, layer="cooperation"),
}
NOT_RESOURCES = {
    "api:api-root",
    "api:schema",
    "api:token",
    "api:docs",
    "api:study-table",
    "api:region-table",
    "api:study-export",
    "api:region-export",
    "api:coding-several",
    "api:study-retrieval",
    "api:study-cooccurrence",
    "api:region-partition",  # members read, others 404: tests/partitions/test_pages_and_api.py
    "api:region-change",  # change between waves: tests/analysis_worker/test_wave_change.py
    "api:region-layout",  # members read, coders re-lay, others 404: tests/analysis_worker/test_layout.py
    "api:imports",  # imports as jobs: tests/jobs/test_api.py
    "api:job-detail",
    "api:job-file",  # export jobs: tests/jobs/test_csv_and_table_jobs.py
    "api:exports",
    "api:study-qca",
    "api:study-search",
    "api:study-autocode",
    "api:study-autocode-undo",
    # codebook reorganisation (leads): tests/codebook/test_api.py
    "api:code-merge",
    "api:code-split",
    "api:code-move",
    "api:codebook-change-list",
    "api:codebook-change-detail",
    "api:codebook-change-undo",
    # a classification record's full evidence (members read it): tests/evidence/test_api.py
    "api:snapshot-evidence",
}  # tables: tests/exchange/test_tables.py; exports: tests/exchange/test_export_views.py;
# several codes on one passage, and creating codes: tests/api/test_api_codes.py;
# retrieval and co-occurrence: tests/workbench_retrieval/test_api.py; search and auto-coding: tests/search/test_api.py;
# codebook reorganisation: tests/codebook/test_api.py; running a QCA: tests/qca/test_api.py


def api_route_names() -> set[str]:
    return {route.name for route in all_routes() if route.name.startswith("api:")}


def test_every_api_route_is_known():
    bases = [*RESOURCES, *READ_ONLY]
    known = NOT_RESOURCES | {f"api:{b}-{kind}" for b in bases for kind in ("list", "detail")}
    unknown = sorted(api_route_names() - known)
    assert not unknown, f"API routes without an access decision in this test: {unknown}"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("basename", sorted(RESOURCES))
def test_access_rules(basename, region, alice, bob, carol, mallory, request):
    make, writer_name = RESOURCES[basename]
    row = make(region)
    list_url = reverse(f"api:{basename}-list")
    detail_url = reverse(f"api:{basename}-detail", args=[row.pk])

    assert client_for().get(list_url).status_code in (401, 403)
    assert client_for().get(detail_url).status_code in (401, 403)

    assert client_for(mallory).get(detail_url).status_code == 404
    assert client_for(mallory).patch(detail_url, {}, format="json").status_code == 404
    assert row.pk not in {item["id"] for item in client_for(mallory).get(list_url).json()["results"]}

    assert client_for(carol).get(detail_url).status_code == 200
    assert client_for(carol).get(list_url).json()["count"] >= 1
    assert client_for(carol).patch(detail_url, {}, format="json").status_code == 403
    # Studies cannot be deleted through the API at all.
    assert client_for(carol).delete(detail_url).status_code == (405 if basename == "study" else 403)

    writer = request.getfixturevalue(writer_name)
    assert client_for(writer).patch(detail_url, {}, format="json").status_code == 200
    if writer_name == "alice":  # lead-only resources are closed to coders
        assert client_for(bob).patch(detail_url, {}, format="json").status_code == 403


@pytest.mark.parametrize("basename", sorted(READ_ONLY))
def test_read_only_resources(basename, region, alice, carol, mallory):
    row = READ_ONLY[basename](region)
    list_url = reverse(f"api:{basename}-list")
    detail_url = reverse(f"api:{basename}-detail", args=[row.pk])
    assert client_for().get(detail_url).status_code in (401, 403)
    assert client_for(mallory).get(detail_url).status_code == 404
    assert client_for(carol).get(detail_url).status_code == 200
    assert client_for(carol).get(list_url).json()["count"] >= 1
    assert client_for(alice).patch(detail_url, {}, format="json").status_code == 405
    assert client_for(alice).delete(detail_url).status_code == 405


def test_schema_and_docs_need_login(alice):
    assert client_for().get(reverse("api:schema")).status_code in (401, 403)
    assert client_for(alice).get(reverse("api:schema")).status_code == 200
    assert client_for(alice).get(reverse("api:docs")).status_code == 200


def test_token_login(alice):
    alice.set_password("secret-pass-1")
    alice.save()
    response = APIClient().post(reverse("api:token"), {"username": "alice", "password": "secret-pass-1"})
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(reverse("api:region-list")).status_code == 200


# --- codings: coders change their own, leads anyone's; evidence is not deleted (review rev1/rev2) ---


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_a_coder_cannot_change_someone_elses_coding(method, alice, bob, region):
    coding = factories.CodingFactory(interview__region=region, coder=alice, memo="alice's memo")
    url = reverse("api:coding-detail", args=[coding.pk])
    client = client_for(bob)
    response = client.patch(url, {"memo": "overwritten"}, format="json") if method == "patch" else client.delete(url)
    assert response.status_code == 403, response.content
    coding.refresh_from_db()
    assert coding.memo == "alice's memo"


def test_a_lead_changes_anyones_coding_and_a_coder_their_own(alice, bob, region):
    own = factories.CodingFactory(interview__region=region, coder=bob)
    url = reverse("api:coding-detail", args=[own.pk])
    assert client_for(bob).patch(url, {"memo": "mine"}, format="json").status_code == 200
    own.refresh_from_db()
    assert own.memo == "mine"
    assert client_for(alice).patch(url, {"memo": "checked"}, format="json").status_code == 200
    own.refresh_from_db()
    assert own.memo == "checked"
    assert client_for(alice).delete(url).status_code == 204
    assert not Coding.objects.filter(pk=own.pk).exists()


def test_a_coding_that_is_evidence_of_a_tie_is_not_deleted(bob, region):
    coding = factories.CodingFactory(interview__region=region, coder=bob)
    tie = factories.InteractionFactory(region=region)
    tie.evidence.add(coding)
    response = client_for(bob).delete(reverse("api:coding-detail", args=[coding.pk]))
    assert response.status_code == 409, response.content
    assert "interaction" in response.json()["detail"]
    assert tie.evidence.filter(pk=coding.pk).exists()
