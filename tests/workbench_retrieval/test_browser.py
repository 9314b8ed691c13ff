"""A researcher in real headless Chromium: builds "Trust AND Rivalry", reads the passages, opens a
co-occurrence cell and lands on its passages. Screenshots at 1440 px and 390 px wide."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def both_widths(page, screenshot, name: str) -> None:
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{name}-{width}")
    page.set_viewport_size({"width": 1440, "height": 900})


def test_a_researcher_builds_a_and_b_and_follows_a_cooccurrence_cell(page, log_in, screenshot, study, world):
    log_in("carol")
    page.goto(f"/studies/{study.pk}/retrieval/boolean/")
    page.select_option("#id_code_1", label="Trust")
    page.select_option("#id_op_2", value="and")
    page.select_option("#id_code_2", label="Rivalry")
    page.click("#run-query")
    page.wait_for_selector("#boolean-passages")
    assert page.inner_text("#query-description") == "“Trust” AND “Rivalry”"
    rows = page.locator("#boolean-passages tbody tr")
    assert rows.count() == 1
    assert "“trust”" in rows.first.inner_text() and "¶ 1" in rows.first.inner_text()
    assert "Memo: Trust in the institute" in rows.first.inner_text()
    both_widths(page, screenshot, "boolean-retrieval")

    page.goto(f"/studies/{study.pk}/cooccurrence/")
    # Trust × Rivalry: "trust" overlaps "We trust the institute." -> 2 passages, Jaccard 2/3.
    cell = page.locator(f"#cooccurrence a[href*='a={world.trust.pk}&b={world.rivalry.pk}']")
    assert cell.inner_text().split() == ["2", "0.67"]
    both_widths(page, screenshot, "cooccurrence")
    cell.click()
    page.wait_for_url(f"**a={world.trust.pk}&b={world.rivalry.pk}")
    passages = page.inner_text("#boolean-passages")
    assert "“trust”" in passages and "“We trust the institute.”" in passages and "“rivals”" not in passages
    assert page.locator("#boolean-passages tbody tr").count() == 2
    screenshot("cooccurrence-cell-passages-1440")
