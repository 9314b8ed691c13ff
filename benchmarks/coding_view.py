"""Server time and size of the coding view for a 50,000-character transcript with 300 codings.

Run: ``.venv/bin/pytest -q -s -p no:cacheprovider benchmarks/coding_view.py``
(needs the test database settings, like the suite). Bulk-creates one interview of TEXT_CHARS
characters in paragraphs, CODES codes in a two-level tree and CODINGS codings by three coders,
then requests the coding view ROUNDS times and prints min / median / max milliseconds, the
response size and the query count, next to the same figures for plain pages of the app (the
study list, and the interview's own page showing the same transcript) measured in the same
process with the same client. Target: ≤ 50 ms, ≤ 150 KB.
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.workbench_coding.long_interview import CODINGS, fixture_interview

ROUNDS = 15


def measure(client, url: str) -> tuple[list[float], int, int]:
    times, size, queries = [], 0, 0
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
        size, queries = len(response.content), len(captured)
    return times, size, queries


@pytest.mark.django_db
def test_coding_view_timings(client):
    lead = factories.UserFactory(username="bench-lead")
    interview = fixture_interview(lead)
    client.force_login(lead)
    for label, url in (
        ("study list (reference)", reverse("cases:study-list")),
        ("interview page, same transcript (reference)", reverse("interviews:detail", args=[interview.pk])),
        (
            f"coding view, {len(interview.transcript)} chars, {CODINGS} codings",
            reverse("coding:interview-code", args=[interview.pk]),
        ),
    ):
        times, size, queries = measure(client, url)
        print(
            f"\n{label}: min {min(times):.0f} ms, median {statistics.median(times):.0f} ms, "
            f"max {max(times):.0f} ms, {size / 1024:.0f} KB, {queries} queries"
        )
