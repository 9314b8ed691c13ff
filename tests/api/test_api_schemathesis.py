"""Property-based run of every operation in the OpenAPI schema against the app, in process.

Schemathesis generates requests from the schema (drf-spectacular) and sends them through the WSGI
app with a lead's token on a seeded study; a 5xx answer or a response that contradicts the schema
fails the test. Fifty generated examples per operation (about a minute on the CI machine);
``SCHEMATHESIS_MAX_EXAMPLES`` changes it. The stateful phase is not run: our schema declares no
OpenAPI links for schemathesis to follow.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def load_schema() -> dict:
    """The schema the /api/schema/ route serves, generated without a request (no login needed)."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


schema = schemathesis.openapi.from_dict(load_schema())
app = get_wsgi_application()


@pytest.fixture
def token(alice, region) -> str:
    """A lead's token on a study with a little of everything, so detail routes can hit real rows."""
    wave = factories.WaveFactory(region=region)
    tie = factories.InteractionFactory(region=region, wave=wave)
    tie.evidence.add(factories.CodingFactory(interview__region=region, interview__wave=wave))
    factories.OutcomeFactory(region=region).actors.add(tie.source)
    return Token.objects.create(user=alice).key


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    # Django's test client does the same: closing "old" connections after a request would end the
    # test's transaction, since the WSGI app runs in this thread on the same connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "50")),
    # Only generated examples: the explicit "coverage" phase adds dozens of cases per operation.
    phases=[Phase.generate],
    deadline=None,
    derandomize=True,  # the same examples every run: a failure here is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case, token):
    case.call_and_validate(app=app, headers={"Authorization": f"Token {token}"}, checks=CHECKS)


@pytest.mark.parametrize("path", ["/api/actors/null,null/", "/api/studies/x/", "/api/regions/-3/tables/actors.csv"])
def test_malformed_ids_are_404_not_server_errors(path, client, alice):
    # Found by schemathesis' coverage phase: a non-numeric id reached get_for_user and raised a ValueError.
    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_unknown_api_addresses_are_json_and_pages_stay_html(client, alice):
    client.force_login(alice)
    assert client.get("/api/no-such-thing/").json() == {"detail": "Not found."}
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")


def test_the_schema_documents_error_answers(alice):
    operation = load_schema()["paths"]["/api/actors/{id}/"]["get"]
    assert {"200", "400", "401", "403", "404"} <= set(operation["responses"])


@pytest.mark.parametrize("owner", ["studies", "regions"])
def test_every_export_is_sent_with_a_media_type_its_schema_documents(owner, client, alice, region):
    # Found by the state machine: a Pajek file (text/plain) was documented as application/octet-stream.
    client.force_login(alice)
    operation = load_schema()["paths"][f"/api/{owner}/{{id}}/exports/{{fmt}}"]["get"]
    documented = set(operation["responses"]["200"]["content"])
    fmt_enum = next(parameter for parameter in operation["parameters"] if parameter["name"] == "fmt")["schema"]["enum"]
    owner_id = region.study_id if owner == "studies" else region.pk
    responses = [client.get(f"/api/{owner}/{owner_id}/exports/{fmt}") for fmt in fmt_enum]
    assert {response.status_code for response in responses} == {200}
    assert {response["Content-Type"].split(";")[0] for response in responses} == documented


def test_a_body_in_a_media_type_the_operation_does_not_take_is_a_documented_415(client, alice, region):
    # Found by the state machine: a body without a Content-Type got DRF's 415, which the schema did not list.
    client.force_login(alice)
    response = client.post("/api/waves/", data=b"label=x", content_type="text/plain")
    assert response.status_code == 415 and response["Content-Type"] == "application/json"
    assert "415" in load_schema()["paths"]["/api/waves/"]["post"]["responses"]


def test_the_schema_links_a_region_to_new_waves_and_a_wave_to_its_reading_changing_and_deleting():
    paths = load_schema()["paths"]
    region_links = paths["/api/regions/{id}/"]["get"]["responses"]["200"]["links"]
    assert region_links["new_waves"] == {
        "operationId": "waves_create",
        "requestBody": {"region": "$response.body#/id"},
        "description": region_links["new_waves"]["description"],
    }
    assert region_links["waves_by_region"]["parameters"] == {"query.region": "$response.body#/id"}
    created = paths["/api/waves/"]["post"]["responses"]["201"]["links"]
    read = paths["/api/waves/{id}/"]["get"]["responses"]["200"]["links"]
    assert {link["operationId"] for link in created.values()} == {
        "waves_retrieve",
        "waves_update",
        "waves_partial_update",
    }
    assert {"waves_update", "waves_partial_update", "waves_destroy", "regions_retrieve"} <= {
        link["operationId"] for link in read.values()
    }
    assert read["partial_update"]["parameters"] == {
        "path.id": "$response.body#/id",
        "header.If-Match": "$response.header.ETag",
    }
