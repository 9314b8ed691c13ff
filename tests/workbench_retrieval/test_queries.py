"""Query counts of the retrieval and co-occurrence pages, files and API do not grow with the codings."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.models import Coding
from tests import factories


def bulk(world, region, coders, n: int) -> None:
    """``n`` more codings of the three codes over fresh interviews, overlapping each other."""
    interviews = [factories.InterviewFactory(region=region, transcript=world.interview.transcript) for _ in range(5)]
    codes = [world.trust, world.rivalry, world.exit]
    text = world.interview.transcript
    Coding.objects.bulk_create(
        Coding(
            interview=interviews[i % 5],
            code=codes[i % 3],
            coder=coders[i % 2],
            start=i % 40,
            # interview, code, coder and start repeat every 120 codings: the end differs each round
            # (an exact duplicate coding is refused)
            end=i % 40 + 10 + i // 120,
            quote=text[i % 40 : i % 40 + 10 + i // 120],
            memo=f"memo {i}",
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [30, 300])
def test_query_counts_are_the_same_for_few_and_many_codings(
    client, alice, bob, study, region, world, n, django_assert_max_num_queries
):
    bulk(world, region, [alice, bob], n)
    client.force_login(alice)
    query = {"code_1": world.rivalry.pk, "op_2": "follows", "code_2": world.exit.pk, "within_2": 1}
    query_and = {"code_1": world.trust.pk, "op_2": "and", "code_2": world.rivalry.pk, "coder": bob.pk}
    checks = [
        # session, user, study, codes (3 fields validated), passages, transcripts, order, rows,
        # transcripts for labels, then the form's seven selects: 19 whatever the number of codings.
        (reverse("coding:boolean-retrieval", args=[study.pk]), query, 19),
        (reverse("coding:boolean-retrieval", args=[study.pk]), query_and, 19),
        (reverse("coding:boolean-export", args=[study.pk, "xlsx"]), query, 12),
        (reverse("coding:boolean-export", args=[study.pk, "docx"]), query_and, 12),
        (reverse("coding:boolean-export", args=[study.pk, "html"]), query | {"pseudonymised": "1"}, 13),
        (reverse("coding:cooccurrence", args=[study.pk]), {}, 9),
        (reverse("coding:cooccurrence", args=[study.pk]), {"unit": "interview", "coder": bob.pk}, 10),
    ]
    for url, params, limit in checks:
        with django_assert_max_num_queries(limit):
            response = client.get(url, params)
        assert response.status_code == 200, (url, params)
    api = APIClient()
    api.force_authenticate(alice)
    payload = {"query": {"op": "and", "left": {"code": world.trust.pk}, "right": {"code": world.rivalry.pk}}}
    with django_assert_max_num_queries(10):
        assert api.post(reverse("api:study-retrieval", args=[study.pk]), payload, format="json").status_code == 200
    with django_assert_max_num_queries(10):
        assert api.get(reverse("api:study-cooccurrence", args=[study.pk])).status_code == 200
