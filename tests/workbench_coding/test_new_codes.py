"""Codes made while coding: a typed or in-vivo code placed in the tree and coding the selection in
one step, who may add codes (the study's setting), leads renaming, moving and recolouring codes,
several codes in one step, exact duplicates refused, and the coding view's query count."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.codebook import services as codebook
from coding.models import Code, Coding, CodingScheme
from tests import factories
from tests.workbench_coding.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db

LECTURE = TRANSCRIPT.index("Thursday lecture series")  # 30: "Ärger 🙂 first.\nWe met at the " is 30 code points


def selection(start: int, end: int, prefix: str = "", **extra) -> dict:
    return {f"{prefix}start": start, f"{prefix}end": end, f"{prefix}quote": TRANSCRIPT[start:end], **extra}


def new_code(interview, start: int, end: int, **fields) -> dict:
    return selection(start, end, "new-", **{f"new-{name}": value for name, value in fields.items()})


def codes_of(study) -> list[str]:
    """Names of the codes in the study's scheme (the installation's default scheme has codes too)."""
    return sorted(Code.objects.filter(scheme=study.coding_scheme).values_list("name", flat=True))


def url(name: str, *args: int) -> str:
    return reverse(f"coding:{name}", args=args)


# --- a new code while coding -------------------------------------------------------------------


def test_a_lead_adds_an_in_vivo_code_and_the_selection_is_coded_with_it(client, alice, study, interview, code):
    client.force_login(alice)
    data = new_code(interview, LECTURE, LECTURE + 23, in_vivo="on", parent=code.pk, colour="#aa3300")
    response = client.post(url("interview-code-new", interview.pk), data)
    assert response.status_code == 302
    added = Code.objects.get(name="Thursday lecture series")
    # In vivo: the 23 selected characters "Thursday lecture series" are the name.
    assert (added.scheme_id, added.parent, added.colour) == (study.coding_scheme_id, code, "#aa3300")
    coding = Coding.objects.get()
    assert (coding.code, coding.coder, coding.start, coding.end) == (added, alice, LECTURE, LECTURE + 23)
    assert response["Location"].endswith(f"#coding-{coding.pk}")


def test_a_typed_name_wins_over_nothing_and_a_missing_name_is_refused(client, alice, study, interview):
    client.force_login(alice)
    refused = client.post(url("interview-code-new", interview.pk), new_code(interview, 0, 5, colour="#4c78a8"))
    assert refused.status_code == 400
    assert "Type a name for the code, or tick" in refused.content.decode()
    assert codes_of(study) == [] and not Coding.objects.exists()
    typed = client.post(
        url("interview-code-new", interview.pk), new_code(interview, 0, 5, name=" Anger ", colour="#4c78a8")
    )
    assert typed.status_code == 302
    assert Coding.objects.get().code.name == "Anger"  # stripped


def test_in_vivo_collapses_white_space_and_cuts_to_the_name_length():
    # "first.\nWe  met" -> words "first.", "We", "met" joined by single spaces.
    assert codebook.in_vivo_name("first.\nWe  met\t") == "first. We met"
    # 250 characters "a"*250 -> the name field holds 200.
    assert codebook.in_vivo_name("a" * 250) == "a" * 200


def test_a_twin_name_under_the_same_parent_is_refused_with_nothing_written(client, alice, study, interview, code):
    client.force_login(alice)
    response = client.post(
        url("interview-code-new", interview.pk), new_code(interview, 0, 5, name="Cooperation", colour="#4c78a8")
    )
    assert response.status_code == 400
    assert "A code “Cooperation” already exists at the top level." in response.content.decode()
    assert codes_of(study) == ["Cooperation"]
    assert not Coding.objects.exists()


def test_a_bad_colour_is_a_message_not_a_500(client, alice, study, interview):
    client.force_login(alice)
    response = client.post(
        url("interview-code-new", interview.pk), new_code(interview, 0, 5, name="Anger", colour="red")
    )
    assert response.status_code == 400
    assert "is not a colour" in response.content.decode()
    assert codes_of(study) == []


def test_a_coder_adds_codes_only_when_the_study_allows_it(client, bob, study, interview):
    client.force_login(bob)
    data = new_code(interview, 0, 5, name="Anger", colour="#4c78a8")
    assert client.post(url("interview-code-new", interview.pk), data).status_code == 403
    assert codes_of(study) == []
    study.coders_add_codes = True
    study.save()
    assert client.post(url("interview-code-new", interview.pk), data).status_code == 302
    assert Coding.objects.get().code.name == "Anger"


def test_the_new_code_form_shows_only_to_those_who_may_add_codes(client, alice, bob, carol, study, interview):
    page = url("interview-code", interview.pk)
    for user, shown in ((alice, True), (bob, False), (carol, False)):
        client.force_login(user)
        assert ('id="new-code-form"' in client.get(page).content.decode()) is shown, user.username


def test_a_viewer_and_a_non_member_cannot_add_codes(client, carol, mallory, study, interview):
    study.coders_add_codes = True
    study.save()
    data = new_code(interview, 0, 5, name="Anger", colour="#4c78a8")
    client.force_login(carol)
    assert client.post(url("interview-code-new", interview.pk), data).status_code == 403
    client.force_login(mallory)
    assert client.post(url("interview-code-new", interview.pk), data).status_code == 404
    assert codes_of(study) == []


def test_the_service_refuses_a_viewer_even_when_coders_may_add(carol, study):
    study.coders_add_codes = True
    study.save()
    with pytest.raises(PermissionDenied):
        codebook.code_create(study=study, user=carol, name="Anger")
    assert codes_of(study) == []


def test_a_version_shared_with_another_study_is_copied_before_a_code_is_added(
    alice, bob, study, other_study, interview, code
):
    other_study.coding_scheme = study.coding_scheme
    other_study.save()
    shared = study.coding_scheme
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    added = codebook.code_create(study=study, user=alice, name="Anger", parent=code)
    study.refresh_from_db()
    other_study.refresh_from_db()
    copy = study.coding_scheme
    # The shared version keeps its one code; the copy has it plus "Anger" under its copy.
    assert other_study.coding_scheme == shared and list(shared.codes.values_list("name", flat=True)) == ["Cooperation"]
    assert (copy.name, copy.version) == (shared.name, shared.version + 1)
    assert sorted(copy.codes.values_list("name", flat=True)) == ["Anger", "Cooperation"]
    assert added.parent.scheme == copy and added.parent.name == "Cooperation"
    coding.refresh_from_db()
    assert coding.code == added.parent  # the study's coding moved onto the copy of its code
    assert coding.history.first().history_change_reason.startswith(f"Moved to {copy}")


# --- leads change codes -----------------------------------------------------------------------


def test_a_lead_renames_a_coded_code_and_the_history_keeps_the_old_name(client, alice, bob, study, interview, code):
    factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    client.force_login(alice)
    edit = url("code-edit", study.pk, code.pk)
    response = client.post(
        edit, {"name": "Co-operation", "parent": "", "colour": "#112233", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("cases:study-detail", args=[study.pk])
    code.refresh_from_db()
    assert (code.name, code.colour) == ("Co-operation", "#112233")
    assert Coding.objects.get().code == code
    assert "Former names: Cooperation" in client.get(edit).content.decode()


def test_a_lead_moves_an_uncoded_code_but_not_into_its_own_branch(client, alice, study, code, sub_code):
    client.force_login(alice)
    edit = url("code-edit", study.pk, code.pk)
    cycle = client.post(edit, {"name": code.name, "parent": sub_code.pk, "colour": code.colour})
    assert cycle.status_code == 400
    assert "cannot go under its own sub-code" in cycle.content.decode()
    code.refresh_from_db()
    assert code.parent is None
    moved = client.post(
        url("code-edit", study.pk, sub_code.pk), {"name": sub_code.name, "parent": "", "colour": "#4c78a8"}
    )
    assert moved.status_code == 302
    sub_code.refresh_from_db()
    assert sub_code.parent is None


def test_a_code_whose_branch_codes_passages_is_not_moved(client, alice, bob, study, interview, code, sub_code):
    other = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry")
    factories.CodingFactory(interview=interview, code=sub_code, coder=bob, length=5)
    client.force_login(alice)
    response = client.post(
        url("code-edit", study.pk, code.pk), {"name": code.name, "parent": other.pk, "colour": code.colour}
    )
    assert response.status_code == 400
    assert "moving it would change their code paths" in response.content.decode()
    code.refresh_from_db()
    assert code.parent is None


def test_only_leads_of_the_study_edit_codes(client, bob, carol, mallory, study, code, other_study):
    edit = url("code-edit", study.pk, code.pk)
    for user, status in ((bob, 403), (carol, 403), (mallory, 404)):
        client.force_login(user)
        assert client.post(edit, {"name": "X", "parent": "", "colour": "#000000"}).status_code == status, user.username
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    client.force_login(mallory)
    assert client.get(url("code-edit", other_study.pk, code.pk)).status_code == 404  # not in that study's scheme
    assert client.get(url("code-edit", other_study.pk, foreign.pk)).status_code == 200
    code.refresh_from_db()
    assert code.name == "Cooperation"


def test_the_service_refuses_a_coder_renaming(bob, study, code):
    with pytest.raises(PermissionDenied):
        codebook.code_update(code=code, study=study, user=bob, name="X")


# --- several codes, duplicates ----------------------------------------------------------------


def test_a_passage_is_coded_with_several_codes_in_one_step(client, bob, interview, code, sub_code):
    client.force_login(bob)
    data = {**selection(0, 5), "code": [code.pk, sub_code.pk]}
    response = client.post(url("interview-code", interview.pk), data)
    assert response.status_code == 302
    assert sorted(Coding.objects.values_list("code__name", "start", "end")) == [
        ("Cooperation", 0, 5),
        ("Shared facilities", 0, 5),
    ]


def test_an_exact_duplicate_is_refused_on_the_page_and_nothing_is_written(client, bob, interview, code, sub_code):
    factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    client.force_login(bob)
    response = client.post(url("interview-code", interview.pk), {**selection(0, 5), "code": [sub_code.pk, code.pk]})
    assert response.status_code == 400
    assert "You have already coded this passage (0–5) as “Cooperation”." in response.content.decode()
    assert Coding.objects.count() == 1  # the sub-code's coding was rolled back with it


def test_the_same_passage_and_code_by_another_coder_or_other_offsets_is_fine(client, alice, bob, interview, code):
    factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    client.force_login(alice)
    assert client.post(url("interview-code", interview.pk), {**selection(0, 5), "code": code.pk}).status_code == 302
    client.force_login(bob)
    assert client.post(url("interview-code", interview.pk), {**selection(0, 6), "code": code.pk}).status_code == 302
    assert Coding.objects.count() == 3


def test_editing_a_coding_into_a_duplicate_is_refused(client, bob, interview, code, sub_code):
    factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    other = factories.CodingFactory(interview=interview, code=sub_code, coder=bob, length=5)
    with pytest.raises(ValidationError, match="already coded this passage"):
        from coding.workbench import services

        services.coding_update(coding=other, values={"code": code})
    other.refresh_from_db()
    assert other.code == sub_code


def test_the_database_refuses_a_duplicate_without_the_service(interview, code, bob):
    from django.db import IntegrityError, transaction

    factories.CodingFactory(interview=interview, code=code, coder=bob, length=5)
    with pytest.raises(IntegrityError, match="coding_unique_passage_code_coder"), transaction.atomic():
        Coding.objects.bulk_create(
            [Coding(interview=interview, code=code, coder=bob, start=0, end=5, quote=TRANSCRIPT[:5])]
        )


@pytest.mark.parametrize("codings", [10, 120])
def test_the_coding_view_keeps_its_seven_queries(client, alice, study, interview, code, codings):
    # session, user, interview with role, codings with code and coder, coders, codes, codings per
    # code in the study (one aggregate): 7, whatever the number of codings; the new-code form's
    # parents come from the tree.
    for i in range(codings):
        factories.CodingFactory(interview=interview, code=code, coder=alice, start=i % 40, length=3 + i // 40)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("interview-code", interview.pk)).status_code == 200
    assert len(queries) == 7


def test_the_scheme_versions_are_unchanged_by_a_refused_edit(alice, study, code):
    before = CodingScheme.objects.count()
    with pytest.raises(ValidationError):
        codebook.code_update(code=code, study=study, user=alice, colour="nope")
    assert CodingScheme.objects.count() == before
    code.refresh_from_db()
    assert code.colour == "#2d7a46"


def test_the_shipped_default_scheme_stays_as_shipped_and_the_demo_reloads(client):
    from django.contrib.auth import get_user_model

    from coding.codebook.default_scheme import SCHEME_NAME, SCHEME_VERSION
    from coding.demo.loader import find_demo_study, load_demo

    shipped = CodingScheme.objects.get(name=SCHEME_NAME, version=SCHEME_VERSION)
    shipped_codes = shipped.codes.count()
    load_demo(password="demo-pw-2")
    study = find_demo_study()
    assert study.coding_scheme == shipped
    demo = get_user_model().objects.get(username="demo")
    coded = Coding.objects.filter(interview__region__study=study).count()
    added = codebook.code_create(study=study, user=demo, name="Gossip at the fair")
    study.refresh_from_db()
    # The demo study now pins its own copy (the next version); the shipped one is unchanged.
    assert (study.coding_scheme.name, study.coding_scheme.version) == (SCHEME_NAME, SCHEME_VERSION + 1)
    assert added.scheme == study.coding_scheme and shipped.codes.count() == shipped_codes
    assert Coding.objects.filter(interview__region__study=study, code__scheme=study.coding_scheme).count() == coded
    # Reloading the demo finds the shipped version with the file's codes, as before.
    assert load_demo(password="demo-pw-2", reset=True).created
    assert find_demo_study().coding_scheme == shipped


def test_only_leads_see_the_edit_link_of_a_code_and_it_leads_back(client, alice, bob, study, interview, code):
    page = url("interview-code", interview.pk)
    link = f'href="{url("code-edit", study.pk, code.pk)}?next=/interviews/{interview.pk}/code/"'
    client.force_login(bob)
    assert link not in client.get(page).content.decode()
    client.force_login(alice)
    assert link in client.get(page).content.decode()
    back = client.post(url("code-edit", study.pk, code.pk), {"name": "Co-operation", "colour": "#2d7a46", "next": page})
    assert back["Location"] == page
