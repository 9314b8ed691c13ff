"""Playwright: the "Change between waves" picture draws both waves on one layout."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]


def test_two_waves_on_one_picture(waves, region, alice, page, log_in, screenshot):
    log_in("alice")
    january, july = waves["january"], waves["july"]
    page.goto(reverse("analysis:region", args=[region.pk]) + f"?from={january.pk}&to={july.pk}")
    # January: A–B, B–C; July: C–D, D–E: four pairs in all, none persisting.
    expect(page.locator("#wave-change-network")).to_have_attribute("data-drawn", "4")
    expect(page.locator("#wave-change-formed li")).to_have_count(2)
    screenshot("analysis-wave-change")
