"""Playwright: "show all" under a classification's sample loads its ties in place, page by page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.a11y.conftest import violations
from tests.evidence.conftest import chain_of_ties

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server) -> Iterator[Page]:
    """A tab signed in as alice that ignores the page's CSP, so that axe can be added (as in tests/a11y)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def test_show_all_loads_the_evidence_in_place_and_pages_through_it(region, stored, alice, page):
    tie_ids = chain_of_ties(region, 130)
    stored(region, tie_ids)
    page.goto("/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct-horse-battery")
    page.press("#id_password", "Enter")
    page.wait_for_url("**/studies/")
    page.goto(reverse("analysis:region", args=[region.pk]))
    card = page.locator('[data-classification="coordination_regime"]')
    card.locator("summary").click()
    expect(card.locator("[data-role=evidence-more]")).to_contain_text("Showing 20 of 130 ties")
    page.evaluate("window.__same_document = true")  # lost if a link navigates away

    card.get_by_role("link", name="show all").click()
    holder = card.locator("[data-role=evidence-list]")
    expect(holder).to_have_attribute("aria-live", "polite")
    expect(holder.locator("li[data-tie]")).to_have_count(100)
    expect(holder).to_contain_text("Ties 1–100 of 130, page 1 of 2")

    holder.get_by_role("link", name="Next ties").click()
    expect(holder.locator("li[data-tie]")).to_have_count(30)
    expect(holder.locator("li[data-tie]").first).to_have_attribute("data-tie", str(tie_ids[100]))
    assert page.evaluate("window.__same_document") is True
    assert page.url.endswith(reverse("analysis:region", args=[region.pk]))
    # The classifications only: the page's other sections are checked by tests/a11y.
    assert violations(page, "#analysis-classifications") == []

    page.goto(holder.locator("a[rel=prev]").get_attribute("href"))  # the same list as a page of its own
    expect(page.locator("li[data-tie]")).to_have_count(100)
    expect(page.get_by_role("link", name="back to the analysis")).to_be_visible()
    assert violations(page, "main") == []
