"""In real headless Chromium: select a passage, add an in-vivo code for it, see the passage coded
with the new code; then code a passage with two codes in one step. Screenshots at 1440 and 390 px."""

from __future__ import annotations

import pytest

from coding.models import Code, Coding
from tests import factories
from tests.workbench_coding.conftest import TRANSCRIPT
from tests.workbench_coding.test_browser import SELECT_PASSAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def widths(page, screenshot, name: str) -> None:
    for width, height in ((1440, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        screenshot(f"{name}-{width}")
    page.set_viewport_size({"width": 1440, "height": 900})


def test_a_lead_codes_a_selection_with_a_new_in_vivo_code(page, log_in, screenshot, study, alice, region):
    parent = factories.CodeFactory(scheme=study.coding_scheme, name="Low-threshold contacts", colour="#b7791f")
    interview = factories.InterviewFactory(region=region, title="Foundry founder", transcript=TRANSCRIPT)

    log_in("alice")
    page.goto(f"/interviews/{interview.pk}/code/")
    assert page.is_disabled("#new-code-button")
    # The passage sits after an astral-plane emoji: offsets count code points.
    assert page.evaluate(SELECT_PASSAGE, "Thursday lecture series")
    page.click("#new-code summary")
    page.check("#id_new-in_vivo")
    page.select_option("#id_new-parent", value=str(parent.pk))
    page.fill("#id_memo", "In the interviewee's words")
    widths(page, screenshot, "coding-view-new-code")
    page.click("#new-code-button")
    page.wait_for_selector("#codings tr[data-coding]")

    added = Code.objects.get(name="Thursday lecture series")
    assert added.parent == parent and added.scheme == study.coding_scheme
    coding = Coding.objects.get()
    start = TRANSCRIPT.index("Thursday")  # 30 code points in: "Ärger 🙂 first.\nWe met at the "
    assert (coding.code, coding.start, coding.end, coding.memo) == (
        added,
        start,
        start + 23,
        "In the interviewee's words",
    )
    assert page.locator("#transcript span.coded").first.inner_text() == "Thursday lecture series"
    assert "Thursday lecture series" in page.inner_text(f"#coding-{coding.pk}")
    # The new code sits in the tree, under its parent.
    assert page.is_visible(f"#code-tree li[data-code='{added.pk}'][data-ancestors='{parent.pk}']")
    widths(page, screenshot, "coding-view-new-code-coded")

    # Two codes on one selection: the button counts them.
    assert page.evaluate(SELECT_PASSAGE, "clean room")
    page.check(f"#code-tree input[value='{parent.pk}']")
    page.check(f"#code-tree input[value='{added.pk}']")
    assert page.inner_text("#code-button") == "Code with 2 codes"
    page.click("#code-button")
    page.wait_for_selector("#codings tr[data-coding]:nth-child(3)")
    assert sorted(Coding.objects.filter(quote="clean room").values_list("code__name", flat=True)) == [
        "Low-threshold contacts",
        "Thursday lecture series",
    ]
