"""Playwright: "show all" under a classification's sample loads its ties in place, page by page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.evidence.conftest import chain_of_ties

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_show_all_loads_the_evidence_in_place_and_pages_through_it(region, stored, alice, page, log_in):
    tie_ids = chain_of_ties(region, 130)
    stored(region, tie_ids)
    log_in("alice")
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
