"""Two clients creating the same member or wave at the same moment: the second gets a 400 naming
the clash, never a 500, and one row is kept.

The race is staged for real on PostgreSQL, without mocks: this test's connection inserts the twin
and holds its transaction open; the API request, in another thread with its own connection, checks
for duplicates (sees none: the twin is uncommitted), then its INSERT waits on the unique index.
Once PostgreSQL shows that request waiting for the lock, the twin commits and the INSERT fails.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from rest_framework.response import Response
from rest_framework.test import APIClient

from cases.choices import Role
from cases.models import Membership, Wave
from cases.services import SAVED_MEANWHILE
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for_a_blocked_insert(timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # the view is otherwise read once per transaction
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the API request never waited for the twin's lock")


def while_a_twin_is_uncommitted(make_twin: Callable[[], object], send: Callable[[], Response]) -> Response:
    answers: list[Response] = []

    def request_in_its_own_connection() -> None:
        try:
            answers.append(send())
        finally:
            connections.close_all()

    with transaction.atomic():
        make_twin()
        worker = threading.Thread(target=request_in_its_own_connection)
        worker.start()
        wait_for_a_blocked_insert()
    worker.join(timeout=30)
    assert answers, "the API request did not finish"
    return answers[0]


def lead_client():
    study = factories.StudyFactory()
    lead = factories.UserFactory(username="lead")
    factories.MembershipFactory(study=study, user=lead, role=Role.LEAD)
    client = APIClient()
    client.force_authenticate(lead)
    return study, client


def test_a_member_added_twice_at_once_is_kept_once_and_the_second_add_is_a_400():
    study, client = lead_client()
    dora = factories.UserFactory(username="dora")
    body = {"study": study.pk, "username": "dora", "role": "coder"}
    response = while_a_twin_is_uncommitted(
        lambda: Membership.objects.create(study=study, user=dora, role=Role.VIEWER),
        lambda: client.post(reverse("api:membership-list"), body, format="json"),
    )
    assert response.status_code == 400
    assert response.json() == {"user": ["dora was just added to this study by someone else."]}
    assert list(Membership.objects.filter(user=dora).values_list("role", flat=True)) == [Role.VIEWER]


def test_a_wave_label_taken_at_the_same_moment_is_a_400_and_one_wave_is_kept():
    study, client = lead_client()
    region = factories.RegionFactory(study=study)
    body = {"region": region.pk, "label": "2024", "start": "2024-02-01"}
    response = while_a_twin_is_uncommitted(
        lambda: Wave.objects.create(region=region, label="2024", start="2024-01-01"),
        lambda: client.post(reverse("api:wave-list"), body, format="json"),
    )
    assert response.status_code == 400
    assert response.json() == {"__all__": [SAVED_MEANWHILE]}
    assert [str(start) for start in Wave.objects.filter(region=region).values_list("start", flat=True)] == [
        "2024-01-01"
    ]
