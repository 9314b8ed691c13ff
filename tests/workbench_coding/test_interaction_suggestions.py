"""Recording a tie from a passage: its codes pre-tick the coordination modes they map to, the
interviewees and the actors the passage names come first as source and target; a passage that
suggests nothing leaves the form as it was; the optional fields sit in a collapsed group."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from coding.choices import CoordinationMode
from coding.codebook import services as schemes
from coding.exchange.dump import study_dump, study_import
from coding.models import Code, Interaction
from coding.workbench.suggestions import inherited_modes, named_in
from tests import factories

pytestmark = pytest.mark.django_db

TRANSCRIPT = "Q: Who do you work with?\nA: We share the clean room with the foundry. Foundrymen are rare here."


@pytest.fixture
def interview(region):
    return factories.InterviewFactory(region=region, title="Institute head", transcript=TRANSCRIPT)


@pytest.fixture
def cooperation(study):
    return factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", suggests_mode="cooperation")


@pytest.fixture
def actors(region):
    return (
        factories.OrganisationFactory(region=region, name="Institute"),
        factories.OrganisationFactory(region=region, name="Foundry"),
        factories.OrganisationFactory(region=region, name="Foundrymen Ltd"),
    )


def coding_of(interview, code, text, coder=None):
    start = interview.transcript.index(text)
    return factories.CodingFactory(interview=interview, code=code, start=start, length=len(text), **(
        {"coder": coder} if coder else {}))  # fmt: skip


def new_page(client, interview, **query):
    return client.get(reverse("coding:interaction-new", args=[interview.pk]), query)


def ticked_modes(page: str) -> list[str]:
    return re.findall(r'name="mode_(\w+)" id="id_mode_\w+" checked', page)


def suggested_group(page: str, field: str) -> list[str]:
    """The labels in the "Suggested by the passage" group of the ``field`` select."""
    select = re.search(rf'<select name="{field}".*?</select>', page, re.DOTALL).group(0)
    group = re.search(r'<optgroup label="Suggested by the passage">(.*?)</optgroup>', select, re.DOTALL)
    return re.findall(r">([^<]+)</option>", group.group(1)) if group else []


def test_a_passage_coded_cooperation_opens_the_form_with_cooperation_ticked(client, bob, interview, cooperation):
    coding = coding_of(interview, cooperation, "We share the clean room")
    client.force_login(bob)
    response = new_page(client, interview, coding=coding.pk)
    assert response.status_code == 200
    page = response.content.decode()
    assert ticked_modes(page) == ["cooperation"]
    assert "its codes suggest <strong>Cooperation</strong> (ticked below)" in page


def test_a_fresh_selection_with_a_sub_code_gets_its_parents_mode(client, bob, study, interview, cooperation):
    shared = factories.CodeFactory(scheme=study.coding_scheme, parent=cooperation, name="Shared facilities")
    start = TRANSCRIPT.index("clean room")
    client.force_login(bob)
    page = new_page(client, interview, start=start, end=start + 10, quote="clean room", code=shared.pk)
    assert ticked_modes(page.content.decode()) == ["cooperation"]


def test_other_codings_over_the_passage_add_their_modes(client, bob, study, interview, cooperation):
    rivalry = factories.CodeFactory(scheme=study.coding_scheme, name="Poaching", suggests_mode="rivalry")
    coding_of(interview, rivalry, "foundry. Foundrymen")  # overlaps "the foundry" below by "foundry"
    coding = coding_of(interview, cooperation, "with the foundry")
    client.force_login(bob)
    # Written out: the evidence's own code gives cooperation, the overlapping coding rivalry; the
    # boxes come in the form's order: competition, rivalry, conflict, cooperation.
    assert ticked_modes(new_page(client, interview, coding=coding.pk).content.decode()) == ["rivalry", "cooperation"]


def test_the_interviewee_and_actors_named_in_the_passage_come_first(
    client, bob, region, interview, cooperation, actors
):
    person = factories.PersonFactory(region=region, name="Lena Roth", pseudonym="Interviewee 7")
    interview.interviewees.add(person)
    coding = coding_of(interview, cooperation, "We share the clean room with the foundry. Foundrymen are rare")
    client.force_login(bob)
    page = new_page(client, interview, coding=coding.pk).content.decode()
    # Written out: the interviewee first; then "Foundry" (the passage says "foundry", any case, a
    # whole word). "Foundrymen Ltd" is not named ("Foundrymen" alone is not its name) and "Institute"
    # does not occur.
    labels = [str(person), str(actors[1])]
    assert suggested_group(page, "source") == labels and suggested_group(page, "target") == labels
    assert "Lena Roth (interviewee), Foundry." in page
    # Every actor of the region is still offered below.
    assert page.count(f'<option value="{actors[0].pk}">') == 2  # once in source, once in target


def test_an_actor_is_found_by_pseudonym_too(client, bob, region, interview, cooperation):
    pseudonymised = factories.OrganisationFactory(region=region, name="Carl Zeiss AG", pseudonym="The foundry")
    coding = coding_of(interview, cooperation, "with the foundry")
    client.force_login(bob)
    page = new_page(client, interview, coding=coding.pk).content.decode()
    assert suggested_group(page, "source") == [str(pseudonymised)]


def test_a_passage_whose_codes_map_to_no_mode_leaves_the_form_as_it_was(client, bob, study, interview, actors):
    plain = factories.CodeFactory(scheme=study.coding_scheme, name="Proximity")
    coding = coding_of(interview, plain, "Who do you work with?")  # names no actor; no interviewees
    client.force_login(bob)
    page = new_page(client, interview, coding=coding.pk).content.decode()
    assert ticked_modes(page) == []
    assert "<optgroup" not in page and 'id="suggestions"' not in page
    assert '<details class="optional-fields" id="optional-fields">' in page  # collapsed


def test_the_ticked_suggestion_is_only_a_start_the_coder_may_untick_it(client, bob, interview, cooperation, actors):
    coding = coding_of(interview, cooperation, "We share the clean room")
    client.force_login(bob)
    data = {"coding": coding.pk, "source": actors[0].pk, "target": actors[1].pk, "mode_rivalry": "on",
            "confidence": "medium"}  # fmt: skip
    response = client.post(reverse("coding:interaction-new", args=[interview.pk]), data)
    assert response.status_code == 302
    assert Interaction.objects.get().coordination_modes == ["rivalry"]


@pytest.mark.parametrize("actor_count", [3, 30])
def test_suggestions_cost_the_same_queries_for_few_or_many_actors_and_codes(
    client, bob, study, region, interview, cooperation, django_assert_max_num_queries, actor_count
):
    for number in range(actor_count):
        factories.OrganisationFactory(region=region, name=f"Firm {number}")
        factories.CodeFactory(scheme=study.coding_scheme, name=f"Code {number}", suggests_mode="competition")
    coding = coding_of(interview, cooperation, "We share the clean room")
    client.force_login(bob)
    # Measured 11 for both sizes: session, user, interview with its role, the coding, the suggestions'
    # four (overlapping codings, the scheme's codes, interviewees, actors), the actors of the two
    # selects and the waves.
    with django_assert_max_num_queries(11):
        assert new_page(client, interview, coding=coding.pk).status_code == 200


def test_the_edit_page_opens_the_optional_group_when_it_holds_a_value(client, bob, region, actors):
    interaction = factories.InteractionFactory(region=region, source=actors[0], target=actors[1], memo="Met twice")
    client.force_login(bob)
    page = client.get(reverse("coding:interaction-edit", args=[interaction.pk])).content.decode()
    assert '<details class="optional-fields" id="optional-fields" open>' in page


def test_the_default_schemes_coordination_codes_suggest_their_modes():
    # Migration 0006 maps the four mode codes under "Coordination" of the default scheme.
    codes = Code.objects.filter(parent__name="Coordination", scheme__name="Regional cluster sociology")
    assert dict(codes.exclude(suggests_mode="").values_list("name", "suggests_mode")) == {
        "Competition": "competition",
        "Rivalry": "rivalry",
        "Confrontation / conflict": "conflict",
        "Cooperation": "cooperation",
    }
    assert set(CoordinationMode.values) == {"competition", "rivalry", "conflict", "cooperation"}


def test_a_new_scheme_version_keeps_the_modes_codes_suggest(cooperation):
    copy = schemes.scheme_copy(scheme=cooperation.scheme)
    assert copy.codes.get(name="Cooperation").suggests_mode == "cooperation"


def test_names_match_as_whole_words_ignoring_case():
    text = "Met the FOUNDRY's head and Dr. Roth-Berger; the institutes met."
    candidates = [(1, ["Foundry"]), (2, ["Institute"]), (3, ["Roth"]), (4, ["", "dr. roth-berger"]), (5, [" "])]
    # Written out: "FOUNDRY" (then "'s": not a word character) matches 1; "institutes" is no whole
    # "Institute"; "Roth" is followed by "-", so it is a whole word; 4 by its second name; 5 has none.
    assert named_in(text, candidates) == [1, 3, 4]


def test_modes_are_inherited_from_the_nearest_ancestor():
    parents = {1: None, 2: 1, 3: 2, 4: None, 5: 6, 6: 5}  # 5 and 6: a cycle, cut short
    modes = {1: "cooperation", 3: "rivalry"}
    # 2 inherits 1's; 3 has its own; 4 has none; the cycle suggests nothing and ends.
    assert inherited_modes([2], parents, modes) == {"cooperation"}
    assert inherited_modes([3, 4, 5], parents, modes) == {"rivalry"}


def test_the_api_shows_the_mode_a_code_suggests(client, carol, cooperation):
    client.force_login(carol)
    response = client.get(reverse("api:code-detail", args=[cooperation.pk]))
    assert response.json()["suggests_mode"] == "cooperation"


def test_the_json_dump_carries_the_mode_a_code_suggests_into_a_new_scheme(study, alice, cooperation):
    document = json.loads("".join(study_dump(study)))
    assert [code["suggests_mode"] for code in document["scheme"]["codes"]] == ["cooperation"]
    document["scheme"]["version"] = 99  # a scheme version not here yet: created from the dump
    copy = study_import(data=json.dumps(document).encode(), user=alice)
    assert copy.coding_scheme.codes.get(name="Cooperation").suggests_mode == "cooperation"
