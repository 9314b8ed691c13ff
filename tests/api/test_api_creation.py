"""Creating a case table through the API: studies, memberships and waves, with the page rules.

Personas (tests/conftest.py): alice leads ``study``, bob codes, carol views, mallory leads only
``other_study`` (an outsider here). Leads manage members and waves; a study always keeps a lead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.choices import Role
from cases.models import Membership, Study, Wave
from cases.services import LAST_LEAD, LAST_LEAD_REMOVAL
from coding.variables.models import VariableValue
from tests import factories


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


STUDIES = reverse("api:study-list")
MEMBERSHIPS = reverse("api:membership-list")
WAVES = reverse("api:wave-list")


# --- studies -------------------------------------------------------------------------------


def test_any_signed_in_user_creates_a_study_and_becomes_its_only_lead(staff):
    body = {"title": "Optics clusters", "research_question": "Why Jena?", "description": "Two waves."}
    response = api(staff).post(STUDIES, body, format="json")
    assert response.status_code == 201, response.json()
    created = Study.objects.get(pk=response.json()["id"])
    assert list(created.memberships.values_list("user__username", "role")) == [("staff", Role.LEAD)]
    read = api(staff).get(reverse("api:study-detail", args=[created.pk])).json()
    assert {key: read[key] for key in body} == body


def test_an_anonymous_client_cannot_create_a_study(db):
    assert api().post(STUDIES, {"title": "Nobody's"}, format="json").status_code in (401, 403)
    assert not Study.objects.filter(title="Nobody's").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "title"), ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"title": "a\x00b"}, "title")],
)
def test_a_study_without_a_usable_title_is_a_400_naming_the_field(body, field, alice):
    before = Study.objects.count()
    response = api(alice).post(STUDIES, body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Study.objects.count() == before


def test_a_study_is_not_deleted_through_the_api_as_not_on_the_site(alice, study):
    assert api(alice).delete(reverse("api:study-detail", args=[study.pk])).status_code == 405
    assert Study.objects.filter(pk=study.pk).exists()


def test_only_a_lead_changes_a_study_and_an_outsider_does_not_see_it(alice, bob, carol, mallory, study):
    url = reverse("api:study-detail", args=[study.pk])
    assert api(bob).patch(url, {"title": "Coder's"}, format="json").status_code == 403
    assert api(carol).patch(url, {"title": "Viewer's"}, format="json").status_code == 403
    assert api(mallory).patch(url, {"title": "Outsider's"}, format="json").status_code == 404
    assert api(alice).patch(url, {"title": "Lead's"}, format="json").status_code == 200
    study.refresh_from_db()
    assert study.title == "Lead's"


# --- memberships ---------------------------------------------------------------------------


@pytest.fixture
def dora(db):
    return factories.UserFactory(username="dora")


def test_a_lead_adds_a_member_by_username_and_reads_it_back(alice, study, dora):
    response = api(alice).post(MEMBERSHIPS, {"study": study.pk, "username": "dora", "role": "coder"}, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created == {"id": created["id"], "study": study.pk, "user": dora.pk, "username": "dora", "role": "coder"}
    assert api(alice).get(reverse("api:membership-detail", args=[created["id"]])).json() == created
    assert study.role_of(dora) == Role.CODER
    # dora now sees the study through the API herself
    assert [row["id"] for row in api(dora).get(STUDIES).json()["results"]] == [study.pk]


def test_a_new_member_is_a_viewer_unless_a_role_is_given(alice, study, dora):
    response = api(alice).post(MEMBERSHIPS, {"study": study.pk, "username": "dora"}, format="json")
    assert response.status_code == 201
    assert response.json()["role"] == Role.VIEWER


def test_coders_and_viewers_cannot_add_members_and_outsiders_get_the_unknown_study_answer(
    bob, carol, mallory, study, dora
):
    body = {"study": study.pk, "username": "dora", "role": "lead"}
    assert api(bob).post(MEMBERSHIPS, body, format="json").status_code == 403
    assert api(carol).post(MEMBERSHIPS, body, format="json").status_code == 403
    # Not a 403: an outsider learns nothing, the answer is the one for a study that does not exist.
    outsider = api(mallory).post(MEMBERSHIPS, body, format="json")
    missing = api(mallory).post(MEMBERSHIPS, {**body, "study": 999_999}, format="json")
    assert outsider.status_code == missing.status_code == 400
    assert outsider.json()["study"] == [f'Invalid pk "{study.pk}" - object does not exist.']
    assert api().post(MEMBERSHIPS, body, format="json").status_code in (401, 403)
    assert not Membership.objects.filter(user=dora).exists()


def test_adding_a_member_twice_or_an_unknown_user_or_role_is_a_clear_400(alice, bob, study):
    twice = api(alice).post(MEMBERSHIPS, {"study": study.pk, "username": "bob", "role": "lead"}, format="json")
    assert twice.status_code == 400
    assert twice.json() == {"username": ["bob is already a member of this study."]}
    unknown = api(alice).post(MEMBERSHIPS, {"study": study.pk, "username": "nobody"}, format="json")
    assert unknown.status_code == 400
    assert unknown.json() == {"username": ["There is no user called “nobody”."]}
    # Found by schemathesis: a NUL character reached PostgreSQL's lookup and gave a 500.
    nul = {"username": ["Null characters are not allowed."]}
    added = api(alice).post(MEMBERSHIPS, {"study": study.pk, "username": "d\x00ora"}, format="json")
    bobs = reverse("api:membership-detail", args=[study.memberships.get(user=bob).pk])
    changed = api(alice).patch(bobs, {"username": "b\x00ob"}, format="json")
    assert (added.status_code, added.json()) == (changed.status_code, changed.json()) == (400, nul)
    bad_role = api(alice).post(MEMBERSHIPS, {"study": study.pk, "username": "dora", "role": "owner"}, format="json")
    assert bad_role.status_code == 400 and "role" in bad_role.json()
    assert study.role_of(bob) == Role.CODER


def test_a_lead_changes_a_role_and_coders_viewers_outsiders_cannot(alice, bob, carol, mallory, study):
    url = reverse("api:membership-detail", args=[study.memberships.get(user=bob).pk])
    assert api(carol).patch(url, {"role": "lead"}, format="json").status_code == 403
    assert api(bob).patch(url, {"role": "lead"}, format="json").status_code == 403
    assert api(mallory).patch(url, {"role": "lead"}, format="json").status_code == 404
    assert study.role_of(bob) == Role.CODER
    response = api(alice).patch(url, {"role": "viewer"}, format="json")
    assert response.status_code == 200 and response.json()["role"] == Role.VIEWER
    assert api(alice).get(url).json()["role"] == Role.VIEWER


def test_a_membership_keeps_its_study_and_user(alice, bob, carol, study, other_study):
    url = reverse("api:membership-detail", args=[study.memberships.get(user=bob).pk])
    moved = api(alice).patch(url, {"username": "carol"}, format="json")
    assert moved.status_code == 400 and "only its role changes" in moved.json()["username"][0]
    factories.MembershipFactory(study=other_study, user=alice, role=Role.LEAD)
    elsewhere = api(alice).patch(url, {"study": other_study.pk}, format="json")
    assert elsewhere.status_code == 400 and "study" in elsewhere.json()
    assert study.memberships.get(user=bob).role == Role.CODER


def test_the_last_lead_can_neither_step_down_nor_be_removed(alice, bob, study):
    url = reverse("api:membership-detail", args=[study.memberships.get(user=alice).pk])
    demoted = api(alice).patch(url, {"role": "coder"}, format="json")
    assert demoted.status_code == 400
    assert demoted.json() == {"role": [LAST_LEAD]}
    removed = api(alice).delete(url)
    assert removed.status_code == 409
    assert removed.json() == {"detail": LAST_LEAD_REMOVAL}
    assert study.role_of(alice) == Role.LEAD


def test_with_a_second_lead_a_lead_steps_down_and_then_is_removed(alice, bob, study):
    bob_url = reverse("api:membership-detail", args=[study.memberships.get(user=bob).pk])
    alice_url = reverse("api:membership-detail", args=[study.memberships.get(user=alice).pk])
    assert api(alice).patch(bob_url, {"role": "lead"}, format="json").status_code == 200
    assert api(alice).patch(alice_url, {"role": "coder"}, format="json").status_code == 200
    assert api(bob).delete(alice_url).status_code == 204
    assert study.role_of(alice) is None
    assert api(alice).get(bob_url).status_code == 404  # alice is an outsider now


def test_only_a_lead_removes_a_member(alice, bob, carol, mallory, study):
    url = reverse("api:membership-detail", args=[study.memberships.get(user=carol).pk])
    assert api(carol).delete(url).status_code == 403
    assert api(bob).delete(url).status_code == 403
    assert api(mallory).delete(url).status_code == 404
    assert api().delete(url).status_code in (401, 403)
    assert study.role_of(carol) == Role.VIEWER
    assert api(alice).delete(url).status_code == 204
    assert study.role_of(carol) is None


def test_members_see_the_members_of_their_studies_only(alice, carol, mallory, study, other_study):
    def usernames(user, query: str = "") -> list[str]:
        return sorted(row["username"] for row in api(user).get(MEMBERSHIPS + query).json()["results"])

    assert usernames(carol) == ["alice", "carol"]
    assert usernames(mallory) == ["mallory"]
    assert usernames(alice, f"?study={study.pk}&role=lead") == ["alice"]


def test_the_membership_list_costs_the_same_queries_for_many_members(alice, study, django_assert_max_num_queries):
    # Counted once with 2 members: session-less auth, count, page; the users come in the same query.
    for _ in range(40):
        factories.MembershipFactory(study=study)
    with django_assert_max_num_queries(3):
        response = api(alice).get(MEMBERSHIPS)
    assert response.json()["count"] == 41


def test_the_study_list_costs_the_same_queries_for_many_studies(alice, django_assert_max_num_queries):
    for _ in range(30):
        factories.MembershipFactory(study=factories.StudyFactory(), user=alice, role=Role.LEAD)
    with django_assert_max_num_queries(3):
        response = api(alice).get(STUDIES)
    assert response.json()["count"] == 31


# --- waves ---------------------------------------------------------------------------------


def test_a_lead_creates_a_wave_and_reads_it_back(alice, region):
    body = {"region": region.pk, "label": "2024", "start": "2024-03-01", "end": "2024-09-30"}
    response = api(alice).post(WAVES, body, format="json")
    assert response.status_code == 201, response.json()
    wave_id = response.json()["id"]
    assert api(alice).get(reverse("api:wave-detail", args=[wave_id])).json() == {"id": wave_id, **body}
    listed = api(alice).get(WAVES + f"?region={region.pk}").json()["results"]
    assert [row["label"] for row in listed] == ["2024"]


def test_coders_viewers_outsiders_and_anonymous_clients_create_no_wave(bob, carol, mallory, region):
    body = {"region": region.pk, "label": "2024", "start": "2024-03-01"}
    assert api(bob).post(WAVES, body, format="json").status_code == 403
    assert api(carol).post(WAVES, body, format="json").status_code == 403
    outsider = api(mallory).post(WAVES, body, format="json")
    assert outsider.status_code == 400 and "does not exist" in outsider.json()["region"][0]
    assert api().post(WAVES, body, format="json").status_code in (401, 403)
    assert not Wave.objects.exists()


def test_a_wave_label_clash_and_an_end_before_the_start_are_clear_400s(alice, region):
    factories.WaveFactory(region=region, label="first")
    clash = api(alice).post(WAVES, {"region": region.pk, "label": "first", "start": "2024-01-01"}, format="json")
    assert clash.status_code == 400
    assert clash.json() == {"label": ["This region already has a wave labelled “first”."]}
    body = {"region": region.pk, "label": "second", "start": "2024-05-01", "end": "2024-04-30"}
    backwards = api(alice).post(WAVES, body, format="json")
    assert backwards.status_code == 400
    assert backwards.json() == {"end": ["The end cannot be before the start."]}
    assert list(Wave.objects.values_list("label", flat=True)) == ["first"]


def test_a_wave_renamed_onto_another_label_or_ended_before_its_start_is_refused(alice, region):
    factories.WaveFactory(region=region, label="first")
    second = factories.WaveFactory(region=region, label="second", start="2024-05-01", end=None)
    url = reverse("api:wave-detail", args=[second.pk])
    assert api(alice).patch(url, {"label": "first"}, format="json").json() == {
        "label": ["This region already has a wave labelled “first”."]
    }
    assert api(alice).patch(url, {"end": "2024-04-01"}, format="json").json() == {
        "end": ["The end cannot be before the start."]
    }
    assert api(alice).patch(url, {"label": "second"}, format="json").status_code == 200  # its own label
    assert api(alice).patch(url, {"end": "2024-06-01"}, format="json").status_code == 200


def test_the_same_wave_label_in_another_region_is_fine(alice, study, region):
    factories.WaveFactory(region=region, label="first")
    other = factories.RegionFactory(study=study, name="Jena")
    response = api(alice).post(WAVES, {"region": other.pk, "label": "first", "start": "2024-01-01"}, format="json")
    assert response.status_code == 201


def test_a_lead_deletes_a_wave_but_not_one_that_interviews_belong_to(alice, bob, region):
    empty = factories.WaveFactory(region=region, label="empty")
    used = factories.WaveFactory(region=region, label="used")
    factories.InterviewFactory(region=region, wave=used)
    assert api(bob).delete(reverse("api:wave-detail", args=[empty.pk])).status_code == 403
    assert api(alice).delete(reverse("api:wave-detail", args=[empty.pk])).status_code == 204
    refused = api(alice).delete(reverse("api:wave-detail", args=[used.pk]))
    assert refused.status_code == 409
    assert refused.json() == {"detail": "“Dortmund: used” is still referred to by 1 interview: nothing was deleted."}
    assert list(Wave.objects.values_list("label", flat=True)) == ["used"]


# --- regions: change and delete follow the page rules -----------------------------------------


def test_only_a_lead_changes_or_deletes_a_region_and_outsiders_get_404(alice, bob, carol, mallory, region):
    url = reverse("api:region-detail", args=[region.pk])
    for user, expected in ((bob, 403), (carol, 403), (mallory, 404)):
        assert api(user).patch(url, {"country": "France"}, format="json").status_code == expected
        assert api(user).delete(url).status_code == expected
    assert api().delete(url).status_code in (401, 403)
    assert api(alice).patch(url, {"country": "Austria"}, format="json").status_code == 200
    region.refresh_from_db()
    assert region.country == "Austria"
    assert api(alice).delete(url).status_code == 204
    assert api(alice).get(url).status_code == 404


def test_a_region_stays_in_its_study(alice, region, other_study):
    factories.MembershipFactory(study=other_study, user=alice, role=Role.LEAD)
    url = reverse("api:region-detail", args=[region.pk])
    response = api(alice).patch(url, {"study": other_study.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"study": ["A region stays in its study."]}


# --- a case table by script (the README's example, in the same order) --------------------------


def test_a_case_table_is_scripted_from_an_empty_account(dora):
    erin = factories.UserFactory(username="erin")
    client = api(dora)
    study = client.post(STUDIES, {"title": "Optics clusters"}, format="json").json()
    added = client.post(MEMBERSHIPS, {"study": study["id"], "username": "erin", "role": "coder"}, format="json")
    assert added.status_code == 201
    variable = {"study": study["id"], "target": "region", "name": "employees", "type": "numeric"}
    assert client.post(reverse("api:variable-list"), variable, format="json").status_code == 201
    for name, employees in (("Jena", 12.5), ("Dresden", 40.0)):
        body = {
            "study": study["id"],
            "name": name,
            "country": "Germany",
            "technology_field": "optics",
            "variables": {"employees": employees},
        }
        created = client.post(reverse("api:region-list"), body, format="json")
        assert created.status_code == 201, created.json()
        for label, start in (("2023", "2023-01-01"), ("2025", "2025-01-01")):
            wave = client.post(WAVES, {"region": created.json()["id"], "label": label, "start": start}, format="json")
            assert wave.status_code == 201, wave.json()
    listed = client.get(reverse("api:region-list") + f"?study={study['id']}&ordering=name").json()["results"]
    assert [(row["name"], row["variables"]) for row in listed] == [
        ("Dresden", {"employees": 40.0}),
        ("Jena", {"employees": 12.5}),
    ]
    waves = client.get(WAVES + "?ordering=label").json()["results"]
    assert sorted((row["region"], row["label"]) for row in waves) == sorted(
        (row["id"], label) for row in listed for label in ("2023", "2025")
    )
    assert api(erin).get(reverse("api:study-detail", args=[study["id"]])).status_code == 200


def readme_script() -> str:
    """The Python example under "A case table by script" in the README, as printed there."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("### A case table by script", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.django_db(transaction=True)
def test_the_readmes_script_builds_its_case_table_on_a_running_site(live_server):
    demo = factories.UserFactory(username="demo")
    demo.set_password("readme-pass-1")
    demo.save()
    coder = factories.UserFactory(username="coder")
    script = readme_script()
    printed_as = {'"http://127.0.0.1:8000"': repr(live_server.url), '"password": "..."': '"password": "readme-pass-1"'}
    for printed, actual in printed_as.items():
        assert printed in script
        script = script.replace(printed, actual)
    exec(compile(script, "README.md", "exec"), {})  # noqa: S102 - our own README's example, run as printed

    study = Study.objects.get(title="Optics clusters")
    assert sorted(study.memberships.values_list("user__username", "role")) == [("coder", "coder"), ("demo", "lead")]
    assert study.role_of(coder) == Role.CODER
    waves = Wave.objects.filter(region__study=study).values_list("region__name", "label")
    assert sorted(waves) == [("Dresden", "2023"), ("Dresden", "2025"), ("Jena", "2023"), ("Jena", "2025")]
    values = {
        held.record_id: held.value
        for held in VariableValue.objects.filter(variable__study=study, variable__name="employees")
    }
    assert values == {study.regions.get(name="Jena").pk: 12.5, study.regions.get(name="Dresden").pk: 40}
