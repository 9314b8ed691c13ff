"""Property-based runs of the OpenAPI schema against the app, in process.

Schemathesis generates requests from the schema (drf-spectacular) and sends them through the WSGI
app with a lead's token on a seeded study; a 5xx answer or one the schema does not describe (status
code, content type, body) fails the test. Two kinds of run:

- Every operation on its own: 50 generated requests each (``SCHEMATHESIS_MAX_EXAMPLES``).
- Chains of requests, schemathesis' stateful phase: a state machine sends a request, then one that
  an OpenAPI link of the answer leads to, with the ids, fields and ETag the link names, and so on.
  It follows the links the schema declares (cluster_site/openapi.py: a record's own read, change
  and delete, the records its fields name and those that name it, new records under a region or an
  interview) and test-only ones (``with_scaffolding_links``: a list to its first record, a tie
  between two actors, an outcome of a tie, a passage coded again), not links schemathesis would
  infer. There is one state machine per family of records with their parents (``FAMILIES``), so
  that scenarios get deep: each starts from a list and creates, reads, changes and deletes records
  through the links, with valid requests only. Besides the checks above, a record read after its
  DELETE must be gone (404) and one just created must be there. Each scenario starts from the
  seeded study: its writes are rolled back and the id sequences reset, so that a failing scenario
  replays exactly. 40 scenarios of up to 30 requests per family (``SCHEMATHESIS_STATEFUL_SCENARIOS``,
  ``SCHEMATHESIS_STATEFUL_STEPS``): some 5,000 requests, a minute or so on two busy cores.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.apps import apps
from django.core import signals
from django.core.management.color import no_style
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.stateful.control import TransitionController
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ensure_resource_availability,
    response_schema_conformance,
    status_code_conformance,
    use_after_free,
)

from coding.variables.services import values_set, variable_create
from tests import factories

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# In a chain, also: a deleted record is gone, a created one is there.
STATEFUL_CHECKS = [*CHECKS, use_after_free, ensure_resource_availability]


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
    # A variable of each kind with a value, so the variables' routes hit real rows.
    for target, record in (("region", region), ("wave", wave), ("actor", tie.source)):
        variable = variable_create(study=region.study, target=target, name="size", label="Size", type="numeric")
        values_set(variable=variable, values={record.pk: 12})
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


# Links the schema does not document but the state machine needs to reach deep states: a new tie
# needs two actors of one region, an outcome its actors, a coding a passage of a transcript and a
# code of the study's scheme. Request bodies are merged into generated ones (schemathesis' default).
SCAFFOLDING_LINKS = {
    ("/api/actors/", "get", "200"): {
        "tie_between_the_first_two": {
            "operationId": "interactions_create",
            "requestBody": {
                "region": "$response.body#/results/0/region",
                "source": "$response.body#/results/0/id",
                "target": "$response.body#/results/1/id",
                "mode_cooperation": True,  # a tie needs a coordination mode, which the schema cannot say
            },
        },
    },
    ("/api/interactions/{id}/", "get", "200"): {
        "parallel_tie": {
            "operationId": "interactions_create",
            "requestBody": {
                "region": "$response.body#/region",
                "source": "$response.body#/source",
                "target": "$response.body#/target",
                "evidence": "$response.body#/evidence",
                "mode_cooperation": True,
            },
        },
        "outcome_of_the_tie": {
            "operationId": "outcomes_create",
            "requestBody": {
                "region": "$response.body#/region",
                "actors": ["$response.body#/source", "$response.body#/target"],
                "evidence": "$response.body#/evidence",
            },
        },
    },
    ("/api/codings/{id}/", "get", "200"): {
        "the_passage_coded_again": {
            "operationId": "codings_create",
            "requestBody": {
                "interview": "$response.body#/interview",
                "code": "$response.body#/code",
                "start": "$response.body#/start",
                "end": "$response.body#/end",
            },
        },
    },
}
# Each state machine: the operations of a family of records and of the records above them
# (operationId patterns). The whole API in one machine would offer over 100 links at every step,
# and a created record would seldom be read, changed and deleted in the same scenario.
FAMILIES = {
    "waves": r"^(regions_(list|retrieve)|waves_)",
    "actors": r"^(regions_(list|retrieve)|actors_|interactions_list)",
    "interviews-codings": r"^(regions_(list|retrieve)|interviews_|codings_|codes_(list|retrieve))",
    "interactions": r"^(regions_(list|retrieve)|actors_(list|retrieve)|interactions_|codings_(list|retrieve))",
    "outcomes": r"^(regions_(list|retrieve)|interactions_(list|retrieve)|outcomes_)",
    "studies-regions": r"^(studies|memberships|regions)_",
    "variables": r"^(studies_(list|retrieve)|regions_(list|retrieve)|variables_|variable_values_)",
}


def with_scaffolding_links(document: dict) -> dict:
    paths = document["paths"]
    for path, item in paths.items():
        # A list's first record: the way from a list (where scenarios start) to the seeded records.
        if "get" in item and "get" in paths.get(f"{path}{{id}}/", {}):
            first = {"operationId": paths[f"{path}{{id}}/"]["get"]["operationId"]}
            first["parameters"] = {"path.id": "$response.body#/results/0/id"}
            item["get"]["responses"]["200"].setdefault("links", {})["first_of_the_page"] = first
    for (path, method, status), links in SCAFFOLDING_LINKS.items():
        paths[path][method]["responses"][status].setdefault("links", {}).update(links)
    return document


linked_schema = schemathesis.openapi.from_dict(
    with_scaffolding_links(load_schema()),
    # Only the links above: schemathesis' own inference would add dozens more, every step would
    # choose among too many, and the records would seldom get past their creation.
    # Only valid requests: the test above sends the invalid ones, here they would end the chains.
    config=SchemathesisConfig.from_dict(
        {"phases": {"stateful": {"inference": {"algorithms": []}, "generation": {"mode": "positive"}}}}
    ),
)


class ListsStartScenarios(TransitionController):
    """Scenarios start from a list GET, never from a POST: a POST of made-up ids is a 400 (the test
    above covers those) and would waste the steps. New records are created through links."""

    def allow_root_transition(self, source, bundles):
        return not source.startswith("POST ") and super().allow_root_transition(source, bundles)


def state_machine(family: str, token: str) -> type:
    workflow = linked_schema.include(operation_id_regex=FAMILIES[family]).as_state_machine()

    class Workflow(workflow):
        def __init__(self):
            super().__init__()
            roots = frozenset(label for label in self._root_labels if not label.startswith("POST "))
            self.control = ListsStartScenarios(self._transitions, roots)

        def setup(self):
            # Every scenario starts from the seeded study with the same next ids: a failing scenario
            # that Hypothesis replays sends the same requests and gets the same answers.
            self.scenario = transaction.atomic()
            self.scenario.__enter__()
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(statement)

        def teardown(self):
            transaction.set_rollback(True)
            self.scenario.__exit__(None, None, None)

        def get_call_kwargs(self, case):
            return {"app": app, "headers": {"Authorization": f"Token {token}"}}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=STATEFUL_CHECKS, transport_kwargs=kwargs, recorder=self.recorder)

    return Workflow


@pytest.mark.django_db
@pytest.mark.parametrize("family", FAMILIES)
def test_linked_request_chains_get_no_5xx_only_documented_answers_and_created_records_until_deleted(family, token):
    state_machine(family, token).run(
        settings=settings(
            max_examples=int(os.environ.get("SCHEMATHESIS_STATEFUL_SCENARIOS", "40")),
            stateful_step_count=int(os.environ.get("SCHEMATHESIS_STATEFUL_STEPS", "30")),
            phases=[Phase.generate],
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )


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
