"""Playwright: the analysis page picks up a recomputation by the real worker without a reload."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.analysis_worker.worker import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Empty the broker before ``network`` enqueues its first run."""


def _up_to_date(state) -> bool:
    return state.computed_version == state.version


def test_new_metrics_appear_without_reload(network, region, alice, start_worker, page, log_in, screenshot):
    from coding.worker.models import RegionAnalysisState

    start_worker()
    log_in("alice")
    page.goto(reverse("analysis:region", args=[region.pk]) + "?layer=cooperation")
    edges = page.locator('[data-metric="edges"]')
    edges.wait_for(timeout=60_000)  # the first result is swapped in by polling
    assert edges.inner_text() == "3"
    # Locator waits, not wait_for_function: the page's CSP forbids the eval that one needs.
    expect(page.locator("#analysis-network")).to_have_attribute("data-drawn", "5")
    page.evaluate("window.__same_document = true")  # lost on a reload

    tie = network["ties"][2]
    tie.mode_cooperation, tie.mode_rivalry = False, True
    tie.save()
    wait_for(
        lambda: _up_to_date(RegionAnalysisState.objects.get(region=region)),
        what="the worker",
    )
    expect(edges).to_have_text("2", timeout=30_000)
    assert page.evaluate("window.__same_document") is True
    assert page.locator("#analysis-status [data-role=status-label]").inner_text() == "up to date"
    screenshot("analysis-region-after-edit")

    # The actor table sorts by any metric: degree descending puts a triangle-remaining firm first.
    page.click("#analysis-actors th:has-text('degree') a")  # the heading's link: sorted on the server
    expect(page.locator("#analysis-actors th:has-text('degree')")).to_have_attribute("aria-sort", "descending")
    first_degree = page.locator("#analysis-actors tbody tr:first-child td").nth(4).inner_text()
    last_degree = page.locator("#analysis-actors tbody tr:last-child td").nth(4).inner_text()
    assert float(first_degree) >= float(last_degree)


def test_stability_replaces_being_computed_without_reload(network, region, alice, start_worker, page, log_in):
    from coding.worker import tasks
    from coding.worker.models import RegionAnalysisState

    # Stored here, without a worker: the follow-up runs wait in the broker until one starts.
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
    log_in("alice")
    page.goto(reverse("analysis:region", args=[region.pk]))
    stability = page.locator("#classification-actor_constellation [data-role=stability]")
    expect(stability).to_contain_text("being computed")
    page.evaluate("window.__same_document = true")  # lost on a reload

    start_worker()
    # The constellation is decided by the three firms (issue 19: among firms only), none interviewed.
    expect(stability).to_contain_text("tentative: 3 of 3 deciding actors not interviewed", timeout=90_000)
    assert page.evaluate("window.__same_document") is True
    expect(page.locator("#classification-actor_constellation [data-role=tentative]")).to_be_visible()
