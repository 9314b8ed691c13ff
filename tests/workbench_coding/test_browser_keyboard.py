"""Coding without a mouse (issue 18), in headless Chromium: every step below is a key press
(``page.keyboard``), never a click; the page's state is read with ``evaluate`` and the database."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from coding.models import Coding
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# ¶ 1 "I: How did you meet?", ¶ 2 two sentences, ¶ 3 "We shared the clean room."
TEXT = "I: How did you meet?\n\nR: At the Thursday lecture series. It was 2009!\nWe shared the clean room."


def tab_to(page: Page, element_id: str, presses: int = 80) -> None:
    for _ in range(presses):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"#{element_id} was not reached with Tab")


def test_a_coder_selects_a_sentence_and_codes_it_from_the_combobox_with_keys_only(page, log_in, study, bob, region):
    rivalry = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry", colour="#b83232", order=1)
    trust = factories.CodeFactory(scheme=study.coding_scheme, name="Trust", colour="#ffe08a", order=2)
    interview = factories.InterviewFactory(region=region, title="Foundry founder", transcript=TEXT)
    log_in("bob")
    page.goto(f"/interviews/{interview.pk}/code/")

    tab_to(page, "transcript")
    page.keyboard.press("s")  # the sentence the caret stands in: the first
    expect(page.locator("#selected-quote")).to_have_text("“I: How did you meet?”")
    page.keyboard.press("s")
    page.keyboard.press("x")  # ... then the next one, extended by one more sentence
    second = "R: At the Thursday lecture series. It was 2009!"
    expect(page.locator("#selected-quote")).to_have_text(f"“{second}”")
    expect(page.locator("#coding-status")).to_contain_text("Selection extended by a sentence")
    page.keyboard.press("Shift+S")  # back to the first sentence
    expect(page.locator("#selected-quote")).to_have_text("“I: How did you meet?”")
    page.keyboard.press("p")
    page.keyboard.press("p")  # paragraph 3, then code it
    expect(page.locator("#selected-quote")).to_have_text("“We shared the clean room.”")

    # A box ticked in the tree (Space) makes "Code passage" ready: Enter in the combobox must
    # still not send the form; picking a code there codes with that code alone.
    page.focus(f"#code-tree input[value='{rivalry.pk}']")
    page.keyboard.press("Space")
    expect(page.locator("#code-button")).to_be_enabled()
    page.focus("#transcript")
    page.keyboard.press("c")
    assert page.evaluate("document.activeElement.id") == "code-combo"
    combo = page.locator("#code-combo")
    page.keyboard.type("zz")  # no code matches: Enter sends nothing, Escape goes back to the transcript
    expect(combo).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "transcript"
    assert not Coding.objects.filter(interview=interview).exists()
    expect(page.locator("#selected-quote")).to_have_text("“We shared the clean room.”")
    page.keyboard.press("c")
    page.keyboard.press("Control+a")
    page.keyboard.type("tru")
    expect(combo).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#code-combo-list [role=option]")).to_have_text(["Trust"])
    expect(combo).to_have_attribute("aria-activedescendant", f"code-option-{trust.pk}")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/interviews/{interview.pk}/code/#coding-*")
    start = TEXT.index("We shared")
    coding = Coding.objects.get(interview=interview)
    assert (coding.start, coding.end, coding.code, coding.coder) == (start, len(TEXT), trust, bob)
    expect(page.locator("#coding-status")).to_have_text("Coded “Trust” on “We shared the clean room.”.")
    # The focus is back in the transcript, after the coded passage.
    assert page.evaluate("document.activeElement.id") == "transcript"


def test_a_reader_moves_between_codings_with_n_and_shift_n_and_hears_each(page, log_in, study, bob, carol, region):
    rivalry = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry", colour="#b83232")
    trust = factories.CodeFactory(scheme=study.coding_scheme, name="Trust", colour="#2d7a46")
    interview = factories.InterviewFactory(region=region, transcript=TEXT)
    later = factories.CodingFactory(interview=interview, code=trust, coder=bob, start=TEXT.index("clean"), length=10)
    first = factories.CodingFactory(interview=interview, code=rivalry, coder=bob, start=3, length=3)
    log_in("carol")  # a viewer: reads and moves, does not code
    page.goto(f"/interviews/{interview.pk}/code/")

    tab_to(page, "transcript")
    page.keyboard.press("n")
    status = page.locator("#coding-status")
    expect(status).to_have_text("Coding 1 of 2: “Rivalry” by bob on “How”, paragraph 1.")
    assert page.evaluate("String(window.getSelection())") == "How"
    expect(page.locator(f"#transcript span[data-codings~='{first.pk}']")).to_have_class("coded current-coding")
    page.keyboard.press("n")
    expect(status).to_have_text("Coding 2 of 2: “Trust” by bob on “clean room”, paragraph 3.")
    expect(page.locator(f"#coding-{later.pk}")).to_have_class("current-coding")
    page.keyboard.press("n")
    expect(status).to_have_text("No next coding.")
    page.keyboard.press("Shift+N")
    expect(status).to_contain_text("Coding 1 of 2")
    page.keyboard.press("p")  # a paragraph step: the coding is no longer outlined
    expect(status).to_have_text("Paragraph: “R: At the Thursday lecture series. It was 2009!”.")
    expect(page.locator("#transcript .current-coding")).to_have_count(0)

    # The "¶" link of a row in the list of codings, followed with Enter, does the same.
    tab_to(page, "transcript")  # still there; now on to the list below
    for _ in range(40):
        if page.evaluate("document.activeElement.classList.contains('show-coding')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Coding 1 of 2: “Rivalry”")
    assert page.evaluate("document.activeElement.id") == "transcript"

    # Shift + arrows read the selection out once the keys rest.
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    expect(status).to_have_text("Selected “How d”.")


def test_a_coder_who_ticks_a_code_and_presses_code_passage_with_enter_gets_the_caret_back(
    page, log_in, study, bob, region
):
    trust = factories.CodeFactory(scheme=study.coding_scheme, name="Trust")
    interview = factories.InterviewFactory(region=region, transcript=TEXT)
    log_in("bob")
    page.goto(f"/interviews/{interview.pk}/code/")
    tab_to(page, "transcript")
    page.keyboard.press("p")
    page.keyboard.press("p")
    page.focus(f"#code-tree input[value='{trust.pk}']")  # focus moved by script, not by pointer
    page.keyboard.press("Space")
    page.focus("#code-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/interviews/{interview.pk}/code/#coding-*")
    expect(page.locator("#coding-status")).to_have_text(f"Coded “Trust” on “{TEXT.splitlines()[2]}”.")
    assert Coding.objects.get(interview=interview).quote == TEXT.splitlines()[2]
    page.wait_for_function("document.activeElement.id === 'transcript'")
    page.keyboard.press("s")  # the caret stands after the coded paragraph 2: on to paragraph 3's sentence
    expect(page.locator("#selected-quote")).to_have_text("“We shared the clean room.”")
