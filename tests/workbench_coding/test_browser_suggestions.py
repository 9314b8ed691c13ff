"""In real headless Chromium: a passage coded "Cooperation" opens the tie form with cooperation
ticked and the actors it names first; the coder records the tie as suggested (1440 px and 390 px)."""

from __future__ import annotations

import pytest

from coding.models import Interaction
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSCRIPT = "Q: Who do you work with?\nA: We share the clean room with the Foundry and split the costs."


@pytest.fixture
def passage(study, region):
    cooperation = factories.CodeFactory(
        scheme=study.coding_scheme, name="Cooperation", colour="#2d7a46", suggests_mode="cooperation"
    )
    interview = factories.InterviewFactory(region=region, title="Institute head", transcript=TRANSCRIPT)
    head = factories.PersonFactory(region=region, name="Lena Roth")
    interview.interviewees.add(head)
    factories.OrganisationFactory(region=region, name="Institute")
    factories.OrganisationFactory(region=region, name="Foundry")
    start = TRANSCRIPT.index("We share")
    return factories.CodingFactory(
        interview=interview, code=cooperation, start=start, length=len("We share the clean room with the Foundry")
    )


def test_a_coder_records_the_suggested_cooperation_from_a_coded_passage(page, log_in, screenshot, bob, passage):
    log_in("bob")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"/interviews/{passage.interview_id}/code/")
    page.click(f"#coding-{passage.pk} >> text=Interaction…")
    assert page.is_checked("#id_mode_cooperation")
    assert not page.is_checked("#id_mode_rivalry")
    suggested = page.locator("#id_source optgroup[label='Suggested by the passage'] option")
    assert suggested.all_inner_texts() == [str(actor) for actor in passage.interview.interviewees.all()] + [
        str(passage.interview.region.actors.get(name="Foundry"))
    ]
    assert page.inner_text("#suggestions").startswith("From the passage: its codes suggest Cooperation")
    assert not page.is_visible("#id_memo")  # the optional fields wait in their collapsed group
    screenshot("interaction-suggested-1440")

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 2
    screenshot("interaction-suggested-390")
    page.set_viewport_size({"width": 1440, "height": 900})

    page.select_option("#id_source", label="Lena Roth")
    page.select_option("#id_target", label=str(passage.interview.region.actors.get(name="Foundry")))
    page.click("button:has-text('Record interaction')")
    page.wait_for_selector("#evidence")
    interaction = Interaction.objects.get()
    assert interaction.coordination_modes == ["cooperation"]
    assert (interaction.source.name, interaction.target.name) == ("Lena Roth", "Foundry")
    assert list(interaction.evidence.all()) == [passage]
