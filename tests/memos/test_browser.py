"""Memos in headless Chromium: a coder writes a memo on a code and finds it in the memo list by search."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coding.models import Memo
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coder_writes_a_memo_on_a_code_and_finds_it_by_search(page, log_in, screenshot, study, region, bob):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Co-opetition")
    interview = factories.InterviewFactory(region=region)
    factories.CodingFactory(interview=interview, code=code, coder=bob, memo="Rivals, and yet they share it.")
    factories.MemoFactory(study=study, author=bob, region=region, title="Dortmund", text="A foundry-centred cluster.")
    log_in("bob")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"/studies/{study.pk}/matrix/")
    page.click("a.code-memos")  # the code's memos, from the code x region matrix
    expect(page.locator("h1")).to_contain_text("Co-opetition")
    page.click("#add-memo")
    page.fill("#id_title", "When is it co-opetition?")
    page.fill("#id_text", "Only when the same pair rivals and cooperates in one passage.")
    page.click("#memo-form button[type=submit]")
    expect(page.locator("#memos")).to_contain_text("Only when the same pair rivals")
    memo = Memo.objects.get(title="When is it co-opetition?")
    assert (memo.code, memo.author) == (code, bob)

    page.goto(f"/studies/{study.pk}/memos/")
    page.fill("#id_q", "same pair")
    page.click("#memo-filters button[type=submit]")
    rows = page.locator("#memo-list tr.memo-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("When is it co-opetition?")
    expect(rows.first).to_contain_text("Co-opetition")
    page.fill("#id_q", "")
    page.click("#memo-filters button[type=submit]")
    expect(rows).to_have_count(3)  # the new memo, the region's and the coding's memo field
    screenshot("memos-list-1440")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(rows).to_have_count(3)
    screenshot("memos-list-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 2
