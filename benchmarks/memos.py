"""Server time and queries of the study's memo list (search included) for a study with many memos.

Run: ``.venv/bin/pytest -q -s -p no:cacheprovider benchmarks/memos.py`` (needs the test database
settings, like the suite). Bulk-creates MEMOS free-standing memos (on actors, codes and the study)
and CODING_MEMOS codings with a memo field, then requests the memo list unfiltered, with a search
and with a target filter, ROUNDS times each, and prints min / median / max milliseconds and queries.
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.choices import Role
from cases.models import Actor, Interview
from coding.models import Coding, Memo
from tests import factories

MEMOS, CODING_MEMOS, ROUNDS = 5_000, 20_000, 7


@pytest.mark.django_db
def test_memo_list_timings(client):
    lead = factories.UserFactory(username="bench-lead")
    study = factories.StudyFactory(title="Memo benchmark")
    factories.MembershipFactory(study=study, user=lead, role=Role.LEAD)
    region = factories.RegionFactory(study=study)
    code = factories.CodeFactory(scheme=study.coding_scheme)
    actors = Actor.objects.bulk_create(
        Actor(region=region, kind="organisation", name=f"Firm {i}", org_type="firm_sme") for i in range(100)
    )
    Memo.objects.bulk_create(
        Memo(
            study=study,
            author=lead,
            title=f"Memo {i}",
            text=f"Thought {i} about rivalry and cooperation" + (" in the clean room" if i % 50 == 0 else ""),
            actor=actors[i % 100] if i % 3 == 0 else None,
            code=code if i % 3 == 1 else None,
        )
        for i in range(MEMOS)
    )
    text = "Respondent: we share the clean room. " * 20
    interviews = Interview.objects.bulk_create(
        Interview(region=region, title=f"Interview {i}", transcript=text) for i in range(200)
    )
    Coding.objects.bulk_create(
        Coding(interview=interviews[i % 200], code=code, coder=lead, start=12, end=24, quote=text[12:24], memo=f"m {i}")
        for i in range(CODING_MEMOS)
    )
    client.force_login(lead)
    url = reverse("coding:memos", args=[study.pk])
    for label, query in (("unfiltered", ""), ("search 'clean room'", "?q=clean+room"), ("on actors", "?target=actor")):
        times, queries = [], 0
        for _ in range(ROUNDS):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url + query)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            queries = len(captured)
        print(
            f"\nmemo list, {label}: {response.context['page'].paginator.count} rows, "
            f"min {min(times):.0f} ms, median {statistics.median(times):.0f} ms, max {max(times):.0f} ms, "
            f"{queries} queries"
        )
