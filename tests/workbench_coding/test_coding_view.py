"""Coding view: create, edit and remove codings; bad inputs leave the database unchanged."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from coding.models import Coding
from tests import factories
from tests.workbench_coding.conftest import TRANSCRIPT


def coding_data(response) -> dict:
    """The compact JSON the coding view's script draws from."""
    found = re.search(r'<script id="coding-data" type="application/json">(.*?)</script>', response.content.decode())
    assert found, "no coding data in the page"
    return json.loads(found.group(1))


def passage(start: int, end: int, code, quote: str | None = None, **extra) -> dict:
    return {
        "start": start,
        "end": end,
        "quote": TRANSCRIPT[start:end] if quote is None else quote,
        "code": code.pk,
        **extra,
    }


def test_it_codes_a_passage_with_code_point_offsets(client, bob, interview, code):
    start = TRANSCRIPT.index("🙂")
    client.force_login(bob)
    response = client.post(reverse("coding:interview-code", args=[interview.pk]), passage(start, start + 7, code))
    assert response.status_code == 302
    coding = Coding.objects.get()
    assert (coding.quote, coding.coder, coding.code) == ("🙂 first", bob, code)


@pytest.mark.parametrize(
    ("start", "end", "quote", "message"),
    [
        (5, 500, None, "outside the transcript"),
        (0, 5, "Other", "does not match the transcript"),
        (5, 5, None, "must end after it starts"),
    ],
)
def test_it_rejects_bad_offsets_and_quotes(client, bob, interview, code, start, end, quote, message):
    client.force_login(bob)
    data = passage(start, end, code, quote=quote if quote is not None else TRANSCRIPT[start:end] or "x")
    response = client.post(reverse("coding:interview-code", args=[interview.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Coding.objects.exists()


def test_it_rejects_a_code_of_another_scheme(client, bob, interview, other_study):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    client.force_login(bob)
    response = client.post(reverse("coding:interview-code", args=[interview.pk]), passage(0, 5, foreign))
    assert response.status_code == 400
    assert "this study&#x27;s coding scheme" in response.content.decode()
    assert not Coding.objects.exists()


def test_a_viewer_reads_but_cannot_code(client, carol, interview, code):
    client.force_login(carol)
    url = reverse("coding:interview-code", args=[interview.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, passage(0, 5, code)).status_code == 403
    assert not Coding.objects.exists()


def test_a_non_member_gets_404(client, mallory, interview, code):
    client.force_login(mallory)
    url = reverse("coding:interview-code", args=[interview.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, passage(0, 5, code)).status_code == 404
    assert not Coding.objects.exists()


def test_anonymous_users_are_sent_to_login(client, interview):
    response = client.get(reverse("coding:interview-code", args=[interview.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_coder_edits_and_removes_own_coding(client, bob, interview, code, sub_code):
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    client.force_login(bob)
    edit = reverse("coding:coding-edit", args=[coding.pk])
    loaded = client.get(edit).context["form"]["loaded_version"].initial
    response = client.post(edit, {"code": sub_code.pk, "memo": "facility", "loaded_version": loaded})
    assert response.status_code == 302
    coding.refresh_from_db()
    assert (coding.code, coding.memo) == (sub_code, "facility")
    assert client.post(reverse("coding:coding-delete", args=[coding.pk])).status_code == 302
    assert not Coding.objects.exists()


def test_a_coder_cannot_change_someone_elses_coding_but_a_lead_can(client, alice, bob, interview, code):
    coding = factories.CodingFactory(interview=interview, code=code, coder=alice, length=5)
    client.force_login(bob)
    assert client.post(reverse("coding:coding-delete", args=[coding.pk])).status_code == 403
    assert Coding.objects.exists()
    other = factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    client.force_login(alice)
    assert client.post(reverse("coding:coding-delete", args=[other.pk])).status_code == 302
    assert list(Coding.objects.all()) == [coding]


def test_it_filters_codings_by_coder(client, alice, bob, interview, code):
    factories.CodingFactory(interview=interview, code=code, coder=alice, length=5, memo="alice's memo")
    factories.CodingFactory(interview=interview, code=code, coder=bob, length=7, memo="bob's memo")
    client.force_login(bob)
    url = reverse("coding:interview-code", args=[interview.pk])
    # A coding's memo is its row's last field in the page's data.
    both = [row[-1] for row in coding_data(client.get(url))["codings"]]
    assert sorted(both) == ["alice's memo", "bob's memo"]
    only_bob = [row[-1] for row in coding_data(client.get(url, {"coder": bob.pk}))["codings"]]
    assert only_bob == ["bob's memo"]


def test_coding_view_query_count_is_bounded(client, bob, interview, code, django_assert_max_num_queries):
    coders = [factories.UserFactory() for _ in range(5)]
    long_text = "word " * 2000
    interview.transcript = long_text
    interview.save()
    Coding.objects.bulk_create(
        Coding(
            interview=interview,
            code=code,
            coder=coders[i % 5],
            start=i * 5,
            end=i * 5 + 9,
            quote=long_text[i * 5 : i * 5 + 9],
        )
        for i in range(300)
    )
    client.force_login(bob)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("coding:interview-code", args=[interview.pk]))
    assert response.status_code == 200


def test_codings_of_several_coders_are_shown_side_by_side(client, alice, bob, interview, code):
    factories.CodingFactory(interview=interview, code=code, coder=alice, length=5)
    factories.CodingFactory(interview=interview, code=code, coder=bob, length=7)
    client.force_login(bob)
    response = client.get(reverse("coding:interview-code", args=[interview.pk]))
    assert 'id="coder-columns"' in response.content.decode()
    # The columns are drawn from the data: one coder name per coding's coder id.
    data = coding_data(response)
    assert sorted(data["coders"][str(row[4])] for row in data["codings"]) == ["alice", "bob"]


def test_a_coding_that_evidences_a_tie_is_not_removed(client, bob, interview, code):
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    factories.InteractionFactory(region=interview.region).evidence.add(coding)
    client.force_login(bob)
    response = client.post(reverse("coding:coding-delete", args=[coding.pk]), follow=True)
    assert "evidence of an interaction" in response.content.decode()
    assert Coding.objects.filter(pk=coding.pk).exists()


def test_a_passage_across_a_line_break_survives_the_browsers_crlf(client, bob, interview, code):
    start = TRANSCRIPT.index("first.")
    end = TRANSCRIPT.index(" met")
    client.force_login(bob)
    data = passage(start, end, code, quote=TRANSCRIPT[start:end].replace("\n", "\r\n"))
    assert client.post(reverse("coding:interview-code", args=[interview.pk]), data).status_code == 302
    assert Coding.objects.get().quote == "first.\nWe"
