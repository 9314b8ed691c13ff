"""The coding view as a place to work (issue 15), in headless Chromium: paragraph numbers, a
collapsible and filterable code tree, a keyboard-made selection coded with a shortcut, the margin."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coding.models import Coding
from tests import factories
from tests.workbench_coding.long_interview import CODINGS, fixture_interview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# ¶ 1 "I: How did you meet?", ¶ 2 "R: At the Thursday lecture series.", ¶ 3 "We shared the clean room."
TEXT = "I: How did you meet?\n\nR: At the Thursday lecture series.\nWe shared the clean room."

SELECT = """(needle) => {
  const spans = [...document.querySelectorAll("#transcript span")];
  const text = spans.find((span) => span.textContent.includes(needle)).firstChild;
  const at = text.data.indexOf(needle);
  window.getSelection().setBaseAndExtent(text, at, text, at + needle.length);
}"""


def test_a_coder_works_the_transcript_with_paragraphs_tree_keyboard_and_margin(
    page, log_in, screenshot, study, bob, region
):
    cooperation = factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", colour="#2d7a46", order=1)
    shared = factories.CodeFactory(scheme=study.coding_scheme, name="Shared facilities", parent=cooperation)
    factories.CodeFactory(scheme=study.coding_scheme, name="Joint projects", parent=cooperation)
    rivalry = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry", colour="#b83232", order=2)
    interview = factories.InterviewFactory(region=region, title="Foundry founder", transcript=TEXT)
    clean_room = TEXT.index("clean room")
    factories.CodingFactory(interview=interview, code=rivalry, coder=bob, start=clean_room, length=10)

    log_in("bob")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"/interviews/{interview.pk}/code/")
    assert page.locator("#gutter .para-no").all_inner_texts() == ["1", "2", "3"]
    assert page.inner_text("#codings tbody tr td:nth-child(3)") == "¶ 3"
    offsets = page.get_attribute("#codings tbody tr td:nth-child(3)", "title")
    assert offsets == f"characters {clean_room}–{clean_room + 10}"

    # Collapse "Cooperation": its sub-codes hide, and stay hidden on the next visit.
    page.click(f"#code-tree button[data-toggle='{cooperation.pk}']")
    assert not page.is_visible(f"#code-tree li[data-code='{shared.pk}']")
    page.reload()
    assert not page.is_visible(f"#code-tree li[data-code='{shared.pk}']")
    page.click(f"#code-tree button[data-toggle='{cooperation.pk}']")
    assert page.is_visible(f"#code-tree li[data-code='{shared.pk}']")

    # "/" goes to the filter; a match shows with its parent only.
    page.focus("#transcript")
    page.keyboard.press("/")
    page.keyboard.type("shared")
    visible = [item for item in page.locator("#code-tree li[data-code]").all() if item.is_visible()]
    assert [item.get_attribute("data-code") for item in visible] == [str(cooperation.pk), str(shared.pk)]
    page.fill("#code-search", "")

    # A selection made by a script (no mouse) is picked up through selectionchange; coding it
    # makes "Shared facilities" the first recently used code.
    page.evaluate(SELECT, "Thursday lecture series")
    expect(page.locator("#selected-quote")).to_have_text("“Thursday lecture series”")
    page.check(f"#code-tree input[value='{shared.pk}']")
    page.click("#code-button")
    page.wait_for_selector(f"#recent-codes button[data-code='{shared.pk}']")

    # Keyboard only: focus the transcript, Shift+→ six times selects "I: How", key 1 codes it.
    page.focus("#transcript")
    for _ in range(6):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.locator("#selected-quote")).to_have_text("“I: How”")
    page.keyboard.press("1")
    expect(page.locator("#codings tbody tr")).to_have_count(3)
    coding = Coding.objects.get(start=0)
    assert (coding.end, coding.quote, coding.code) == (6, "I: How", shared)
    stripe = page.locator(f"#margin .stripe[data-coding='{coding.pk}']")
    assert stripe.is_visible()
    assert "Shared facilities" in page.inner_text("#margin")
    assert page.inner_text(f"#coding-{coding.pk} td:nth-child(3)") == "¶ 1"
    screenshot("coding-view-workbench-1440")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 2
    assert stripe.is_visible()
    screenshot("coding-view-workbench-390")


def test_the_long_interview_is_drawn_with_gutter_and_margin_within_two_seconds(page, log_in):
    # 50,000 characters, 300 codings (the benchmark's interview); measured ~0.3 s to the load event.
    interview = fixture_interview(factories.UserFactory(username="bench-lead"))
    log_in("bench-lead")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"/interviews/{interview.pk}/code/")
    loaded = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
    assert loaded < 2000
    assert page.locator("#margin .stripe").count() == CODINGS
    assert page.locator("#codings tbody tr").count() == CODINGS
    # the gutter numbers every paragraph: the speaker turns, separated by blank lines
    assert page.locator("#gutter .para-no").count() == len(interview.transcript.split("\n\n"))


def test_a_viewer_reads_the_margin_and_paragraphs_without_script_errors(page, log_in, study, bob, carol, region):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry", colour="#b83232")
    interview = factories.InterviewFactory(region=region, transcript=TEXT)
    empty = factories.InterviewFactory(region=region, transcript="")
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, start=TEXT.index("clean"), length=5)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in("carol")
    page.goto(f"/interviews/{interview.pk}/code/")
    assert page.is_visible(f"#margin .stripe[data-coding='{coding.pk}']")
    assert page.locator("#gutter .para-no").count() == 3
    assert page.locator("#code-tree input").count() == 0  # no checkboxes: viewers do not code
    assert page.inner_text(f"#coding-{coding.pk} td:last-child") == ""
    page.goto(f"/interviews/{empty.pk}/code/")
    assert page.is_visible("text=This interview has no transcript yet.")
    assert errors == []
