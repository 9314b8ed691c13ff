"""Every list endpoint of the API costs the same number of queries for few rows as for many,
and offers filters, ordering and pagination."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from cases.choices import Role
from coding.qca.models import QcaModel
from coding.variables.services import values_set, variable_create
from coding.worker.models import AnalysisSnapshot
from tests import factories
from tests.api.test_api_access import READ_ONLY, RESOURCES


def _ties(region, n: int) -> None:
    wave = factories.WaveFactory(region=region)
    for _ in range(n):
        tie = factories.InteractionFactory(region=region, wave=wave, coder=factories.UserFactory())
        tie.evidence.add(factories.CodingFactory(interview__region=region))


def _snapshots(region, n: int) -> None:
    for _ in range(n):
        AnalysisSnapshot.objects.create(region=region, wave=factories.WaveFactory(region=region), layer="all")


def _interviews(region, n: int) -> None:
    for _ in range(n):
        factories.InterviewFactory(region=region).interviewees.add(factories.PersonFactory(region=region))


def _outcomes(region, n: int) -> None:
    for _ in range(n):
        factories.OutcomeFactory(region=region).actors.add(factories.OrganisationFactory(region=region))


def _studies(region, n: int) -> None:
    lead = region.study.memberships.get(role=Role.LEAD).user
    for _ in range(n):
        factories.MembershipFactory(study=factories.StudyFactory(), user=lead, role=Role.LEAD)


def _memos(region, n: int) -> None:
    actor = factories.OrganisationFactory(region=region)
    for _ in range(n):
        factories.MemoFactory(study=region.study, author=factories.UserFactory(), actor=actor)


def _variables(region, n: int) -> None:
    start = region.study.variables.count()
    for i in range(start, start + n):
        variable_create(study=region.study, target="actor", name=f"v{i}", label=f"V{i}", type="text")


def _variable_values(region, n: int) -> None:
    variable = variable_create(
        study=region.study, target="actor", name=f"v{region.study.variables.count()}", label="V", type="numeric"
    )
    actors = [factories.OrganisationFactory(region=region) for _ in range(n)]
    values_set(variable=variable, values={actor.pk: i for i, actor in enumerate(actors)})


# basename -> add n rows (with their related rows, to expose N+1 queries) visible to alice
SEEDERS: dict[str, Callable] = {
    "study": _studies,
    "membership": lambda region, n: [factories.MembershipFactory(study=region.study) for _ in range(n)],
    "region": lambda region, n: [factories.RegionFactory(study=region.study) for _ in range(n)],
    "wave": lambda region, n: [factories.WaveFactory(region=region) for _ in range(n)],
    "actor": lambda region, n: [factories.PersonFactory(region=region) for _ in range(n)],
    "interview": _interviews,
    "interaction": _ties,
    "code": lambda region, n: [factories.CodeFactory(scheme=region.study.coding_scheme) for _ in range(n)],
    "coding": lambda region, n: [factories.CodingFactory(interview__region=region) for _ in range(n)],
    "outcome": _outcomes,
    "snapshot": _snapshots,
    "memo": _memos,
    "variable": _variables,
    "variable-value": _variable_values,
    "qca-model": lambda region, n: [
        QcaModel.objects.create(study=region.study, name=f"QCA {QcaModel.objects.count()}", spec={}) for _ in range(n)
    ],
}


def test_every_list_route_is_seeded():
    assert set(SEEDERS) == set(RESOURCES) | set(READ_ONLY)


def count(api: APIClient, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200
    return len(queries), response.json()["count"]


@pytest.mark.parametrize("basename", sorted(SEEDERS))
def test_list_queries_do_not_grow_with_rows(basename, alice, region):
    api = APIClient()
    api.force_authenticate(alice)
    url = reverse(f"api:{basename}-list")
    SEEDERS[basename](region, 2)
    few, rows_few = count(api, url)
    SEEDERS[basename](region, 15)
    many, rows_many = count(api, url)
    assert rows_many >= rows_few + 15
    assert many == few, f"{basename}: {few} queries for {rows_few} rows, {many} for {rows_many}"
