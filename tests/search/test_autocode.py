"""Code all hits: preview by unit, duplicates skipped, confirm in one go, undo through the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.models import Coding
from tests import factories
from tests.search.conftest import ENGLISH, GERMAN

pytestmark = pytest.mark.django_db


def preview(client, study, **params):
    return client.get(reverse("search:autocode", args=[study.pk]), params)


def confirm(client, study, plan, **params):
    return client.post(reverse("search:autocode", args=[study.pk]), {**params, "plan": plan})


def plan_token(page: str) -> str:
    return page.split('name="plan" value="')[1].split('"')[0]


def test_the_preview_lists_sentences_and_marks_an_existing_coding_as_a_duplicate(client, bob, study, english, code):
    # ENGLISH's sentences: "Our firm shares a clean room." = 0..29 (line 1), then line 2 starts at 30:
    # "Two firms cooperate on training." = 30..62, "Nobody mentioned the fair." = 63..89.
    assert ENGLISH[0:29] == "Our firm shares a clean room." and ENGLISH[30:62] == "Two firms cooperate on training."
    factories.CodingFactory(interview=english, code=code, coder=bob, start=30, length=32)
    client.force_login(bob)
    page = preview(client, study, q="firm", code=code.pk, unit="sentence").content.decode()
    assert "“Our firm shares a clean room.”" in page and "“Two firms cooperate on training.”" in page
    assert page.count("already coded: skipped") == 1 and page.count(">to code<") == 1
    assert "<strong>1</strong> passage (sentence)" in page
    assert Coding.objects.count() == 1  # a preview writes nothing


def test_confirm_codes_each_new_passage_once_and_skips_duplicates(client, bob, study, english, german, code):
    factories.CodingFactory(interview=english, code=code, coder=bob, start=30, length=32)
    client.force_login(bob)
    params = {"q": "firm or Kooperationen", "code": code.pk, "unit": "sentence"}
    token = plan_token(preview(client, study, **params).content.decode())
    response = confirm(client, study, token, **params)
    assert response.status_code == 302
    # New: english 0..29 and german "Die Kooperation mit der Uni war eng.": "Die " 4, "Kooperation "
    # 12, "mit " 4, "der " 4, "Uni " 4, "war " 4, "eng." 4 = 36 characters, so 0..36.
    assert GERMAN[0:36] == "Die Kooperation mit der Uni war eng."
    made = set(Coding.objects.values_list("interview_id", "start", "end", "quote"))
    assert made == {
        (english.pk, 30, 62, "Two firms cooperate on training."),
        (english.pk, 0, 29, "Our firm shares a clean room."),
        (german.pk, 0, 36, "Die Kooperation mit der Uni war eng."),
    }
    follow = client.get(response["Location"]).content.decode()
    assert "Coded 2 passages; 1 were coded already and skipped." in follow
    # A second run finds only duplicates and offers nothing to code.
    page = preview(client, study, **params).content.decode()
    assert "<strong>0</strong> passages" in page and 'id="autocode-confirm"' not in page


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        # GERMAN: line 1 is 36 characters, then two line breaks (36, 37): line 3 starts at 38.
        # "Später " 7 + "kamen " 6: "Messen" at 51..57; "Später kamen Messen dazu." is
        # 7 + 6 + 7 + 5 = 25 characters (38..63); with " Wir trafen uns oft." (20): 38..83.
        ("hit", (51, 57, "Messen")),
        ("sentence", (38, 63, "Später kamen Messen dazu.")),
        ("paragraph", (38, 83, "Später kamen Messen dazu. Wir trafen uns oft.")),
    ],
)
def test_each_unit_codes_the_passage_of_its_size(client, bob, study, german, code, unit, expected):
    client.force_login(bob)
    params = {"q": "Messe", "code": code.pk, "unit": unit}
    token = plan_token(preview(client, study, **params).content.decode())
    confirm(client, study, token, **params)
    assert GERMAN[expected[0] : expected[1]] == expected[2]
    assert list(Coding.objects.values_list("start", "end", "quote")) == [expected]


def test_a_plan_changed_since_the_preview_is_refused_and_writes_nothing(client, bob, study, english, code):
    client.force_login(bob)
    params = {"q": "firm", "code": code.pk, "unit": "hit"}
    token = plan_token(preview(client, study, **params).content.decode())
    factories.InterviewFactory(region=english.region, language="en", transcript="Another firm.")
    response = confirm(client, study, token, **params)
    assert response.status_code == 400
    assert "The hits changed since the preview" in response.content.decode()
    assert not Coding.objects.exists()


def test_undo_removes_exactly_the_runs_codings_and_keeps_them_in_the_history(client, bob, study, english, code):
    own = factories.CodingFactory(interview=english, code=code, coder=bob, start=0, length=3)
    client.force_login(bob)
    params = {"q": "firm", "code": code.pk, "unit": "hit"}
    token = plan_token(preview(client, study, **params).content.decode())
    run_url = confirm(client, study, token, **params)["Location"]
    assert Coding.objects.count() == 3  # "firm" and "firms", plus the one made by hand
    page = client.get(run_url).content.decode()
    assert "2 codings made, 2 still there." in page
    client.post(run_url)
    assert list(Coding.objects.all()) == [own]
    deletions = Coding.history.filter(history_type="-")
    assert deletions.count() == 2
    assert {record.history_change_reason for record in deletions} == {f"Undid auto-coding {run_url.split('/')[-2]}"}
    assert "None of this run" in client.get(run_url).content.decode()


def test_a_run_whose_coding_became_evidence_is_not_undone(client, bob, study, english, code):
    client.force_login(bob)
    params = {"q": "training", "code": code.pk, "unit": "hit"}
    run_url = confirm(client, study, plan_token(preview(client, study, **params).content.decode()), **params)[
        "Location"
    ]
    tie = factories.InteractionFactory(region=english.region)
    tie.evidence.add(Coding.objects.get())
    page = client.post(run_url, follow=True).content.decode()
    assert "1 of these codings are evidence of interactions now" in page
    assert Coding.objects.count() == 1


def test_viewers_cannot_preview_confirm_or_undo_and_other_coders_cannot_undo(client, bob, carol, study, english, code):
    client.force_login(carol)
    assert preview(client, study, q="firm", code=code.pk, unit="hit").status_code == 403
    assert confirm(client, study, "x", q="firm", code=code.pk, unit="hit").status_code == 403
    client.force_login(bob)
    params = {"q": "firm", "code": code.pk, "unit": "hit"}
    run_url = confirm(client, study, plan_token(preview(client, study, **params).content.decode()), **params)[
        "Location"
    ]
    client.force_login(carol)
    assert client.post(run_url).status_code == 403
    dave = factories.UserFactory(username="dave")
    factories.MembershipFactory(study=study, user=dave, role="coder")
    client.force_login(dave)
    assert client.post(run_url).status_code == 403
    assert Coding.objects.count() == 2


def test_a_code_of_another_study_is_refused(client, bob, study, other_study, english):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    client.force_login(bob)
    response = preview(client, study, q="firm", code=foreign.pk, unit="hit")
    assert response.status_code == 400 and "Pick a code from this study" in response.content.decode()


def test_the_preview_takes_the_same_queries_for_2_and_12_interviews(
    client, bob, study, region, code, django_assert_max_num_queries
):
    client.force_login(bob)
    for n in range(2):
        factories.InterviewFactory(region=region, title=f"A {n}", language="en", transcript=ENGLISH)
    params = {"q": "firms", "code": code.pk, "unit": "sentence"}
    preview(client, study, **params)
    with django_assert_max_num_queries(20) as small:
        preview(client, study, **params)
    for n in range(10):
        factories.InterviewFactory(region=region, title=f"B {n}", language="en", transcript=ENGLISH)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        page = preview(client, study, **params).content.decode()
    assert page.count(">to code<") == 12 * 2  # two sentences with a hit in each interview
    assert len(large.captured_queries) == len(small.captured_queries)
