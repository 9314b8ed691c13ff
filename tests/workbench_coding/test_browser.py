"""A coder's path in real headless Chromium: select a passage, code it, record a tie, retrieve it."""

from __future__ import annotations

import pytest

from coding.models import Coding, Interaction
from tests import factories
from tests.workbench_coding.conftest import TRANSCRIPT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SELECT_PASSAGE = """(needle) => {
  const container = document.getElementById("transcript");
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.data.indexOf(needle);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + needle.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      container.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return true;
    }
  }
  return false;
}"""


def test_a_coder_codes_a_selection_records_a_tie_and_retrieves_it(page, log_in, screenshot, study, alice, bob, region):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Low-threshold contacts", colour="#b7791f")
    factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry", colour="#b83232")
    interview = factories.InterviewFactory(region=region, title="Foundry founder", transcript=TRANSCRIPT)
    factories.OrganisationFactory(region=region, name="Institute")
    factories.OrganisationFactory(region=region, name="Foundry")

    log_in("bob")
    page.goto(f"/interviews/{interview.pk}/code/")
    # The passage sits after an astral-plane emoji: the page must count code points, not UTF-16 units.
    assert page.evaluate(SELECT_PASSAGE, "Thursday lecture series")
    assert page.inner_text("#selected-quote") == "“Thursday lecture series”"
    page.fill("#code-search", "low-thr")
    assert not page.is_visible("#code-tree li[data-name^='rivalry']")
    page.check(f"#code-tree input[value='{code.pk}']")
    page.fill("#id_memo", "The lecture series as opportunity structure")
    screenshot("coding-view-selection")
    page.click("#code-button")
    page.wait_for_selector("#codings tr[data-coding]")

    coding = Coding.objects.get()
    start = TRANSCRIPT.index("Thursday")
    assert (coding.start, coding.end, coding.quote) == (start, start + 23, "Thursday lecture series")
    assert page.locator("#transcript span.coded").first.inner_text() == "Thursday lecture series"
    screenshot("coding-view-coded")

    page.click(f"#coding-{coding.pk} >> text=Interaction…")
    page.select_option("#id_source", label="Institute")
    page.select_option("#id_target", label="Foundry")
    page.check("#id_mode_cooperation")
    page.click("#optional-fields summary")  # tie strength, setting etc. are in the collapsed group
    page.fill("#id_rating_time", "3")
    page.select_option("#id_setting", value="lecture_series")
    screenshot("interaction-from-evidence")
    page.click("button:has-text('Record interaction')")
    page.wait_for_selector("#evidence")
    interaction = Interaction.objects.get()
    assert list(interaction.evidence.all()) == [coding]
    assert "Thursday lecture series" in page.inner_text("#evidence")
    screenshot("interaction-detail")

    page.goto(f"/studies/{study.pk}/retrieval/")
    page.select_option("#id_code", value=str(code.pk))
    page.click("button:has-text('Retrieve')")
    page.wait_for_url("**code=*")
    assert "Thursday lecture series" in page.inner_text("#passages")
    screenshot("retrieval")
    page.click("#passages a:has-text('Foundry founder')")
    page.wait_for_selector("#transcript span.anchored")

    page.goto(f"/studies/{study.pk}/matrix/")
    assert page.inner_text(f"#matrix a[href$='code={code.pk}&region={region.pk}']") == "1"
    screenshot("code-region-matrix")
    # A second coder on the same passage, a little longer: agreement lists the extra words.
    start = TRANSCRIPT.index("the Thursday")
    factories.CodingFactory(interview=interview, code=code, coder=alice, start=start, length=27)
    page.goto(f"/interviews/{interview.pk}/agreement/")
    assert "“the ”" in page.inner_text("#disagreements")
    screenshot("intercoder-agreement")


TEXT_BOX = """(needle) => {
  const container = document.getElementById("transcript");
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.data.indexOf(needle);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + needle.length);
      const box = range.getBoundingClientRect();
      return { left: box.left, right: box.right, y: box.top + box.height / 2 };
    }
  }
  return null;
}"""


def test_a_mouse_drag_records_a_tie_from_a_fresh_passage(page, log_in, screenshot, study, bob, region):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Sharing facilities")
    interview = factories.InterviewFactory(region=region, title="Institute head", transcript=TRANSCRIPT)
    factories.OrganisationFactory(region=region, name="Institute")
    factories.OrganisationFactory(region=region, name="Foundry")

    # An earlier coding over "clean" splits the passage into three spans: the drag crosses them.
    factories.CodingFactory(interview=interview, code=code, coder=bob, start=TRANSCRIPT.index("clean"), length=5)

    log_in("bob")
    page.goto(f"/interviews/{interview.pk}/code/")
    first, last = page.evaluate(TEXT_BOX, "shared the "), page.evaluate(TEXT_BOX, " room")
    box = {"left": first["left"], "right": last["right"], "y": first["y"]}
    page.mouse.move(box["left"] + 1, box["y"])
    page.mouse.down()
    page.mouse.move(box["right"] - 1, box["y"], steps=8)
    page.mouse.up()
    assert page.inner_text("#selected-quote") == "“shared the clean room”"
    page.check(f"#code-tree input[value='{code.pk}']")
    page.click("#interaction-button")
    page.select_option("#id_source", label="Foundry")
    page.select_option("#id_target", label="Institute")
    page.check("#id_mode_cooperation")
    page.check("#id_mode_rivalry")
    page.click("button:has-text('Record interaction')")
    page.wait_for_selector("#evidence")
    coding = Coding.objects.get(quote="shared the clean room")
    assert coding.code == code
    assert list(Interaction.objects.get().evidence.all()) == [coding]
    page.click("#evidence a:has-text('Institute head')")
    page.wait_for_selector("#transcript span.anchored")
    screenshot("coding-view-anchored-passage")


def test_a_selection_across_a_line_break_is_coded(page, log_in, study, bob, region):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Opening")
    interview = factories.InterviewFactory(region=region, title="Two lines", transcript=TRANSCRIPT)
    log_in("bob")
    page.goto(f"/interviews/{interview.pk}/code/")
    assert page.evaluate(SELECT_PASSAGE, "first.\nWe met")
    page.check(f"#code-tree input[value='{code.pk}']")
    page.click("#code-button")
    page.wait_for_selector("#codings tr[data-coding]")
    assert Coding.objects.get().quote == "first.\nWe met"


def test_coding_view_transcript_is_readable_on_a_phone(page, log_in, study, alice):
    """Review rev5: at 390px the two-column workbench squeezed the transcript and the top
    navigation pushed "Log out" off screen; under the narrow-width media query it stacks."""
    region = factories.RegionFactory(study=study)
    interview = factories.InterviewFactory(region=region)
    factories.CodeFactory(scheme=study.coding_scheme, name="Proximity")
    log_in("alice")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/interviews/{interview.pk}/code/")
    box = page.locator("#transcript").bounding_box()
    assert box is not None
    assert box["width"] >= 250, f"transcript squeezed to {box['width']:.0f}px"
    # and the site navigation (Log out, behind the menu button) stays on screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 2
    page.click("#nav-toggle")
    log_out = page.locator("nav.topnav button", has_text="Log out").bounding_box()
    assert log_out is not None and log_out["x"] + log_out["width"] <= 390


def test_coding_view_keeps_two_columns_on_a_desktop(page, log_in, study, alice):
    region = factories.RegionFactory(study=study)
    interview = factories.InterviewFactory(region=region)
    log_in("alice")
    page.goto(f"/interviews/{interview.pk}/code/")
    transcript = page.locator("#transcript").bounding_box()
    panel = page.locator(".coding-panel").bounding_box()
    assert transcript is not None and panel is not None
    assert panel["x"] > transcript["x"] + transcript["width"] - 1  # side by side, not stacked


def test_a_wide_table_scrolls_in_its_own_box_on_a_phone(page, log_in, study, alice):
    """A long unbroken word in a table cell wraps and a table wider than the screen scrolls by
    itself: the page keeps the width of the phone."""
    region = factories.RegionFactory(study=study)
    factories.OrganisationFactory(region=region, name="Kompetenzzentrum" * 12)
    log_in("alice")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/regions/{region.pk}/")
    assert page.locator("table").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 2
