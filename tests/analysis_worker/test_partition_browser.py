"""Playwright: picking a partition on the analysis page shows "computing…", then the worker's figures."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coding.variables import services as variables

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Empty the broker before ``network`` enqueues its first run."""


def test_picking_a_partition_shows_its_figures_without_a_reload(
    network, region, study, alice, start_worker, page, log_in, screenshot
):
    firms = network["firms"]
    core = variables.variable_create(
        study=study, target="actor", name="core", label="Cluster core", type="categorical", categories=["core", "edge"]
    )
    variables.values_set(variable=core, values={firms[0].pk: "core", firms[1].pk: "core", firms[2].pk: "edge"})
    start_worker()
    log_in("alice")
    page.goto(reverse("analysis:region", args=[region.pk]) + "?layer=cooperation")
    expect(page.locator("#partition-figures")).to_have_attribute("data-status", "ok", timeout=60_000)  # actor type
    page.select_option("#partition-select", "core")
    page.click("#analysis-filters button[type=submit]")

    figures = page.locator("#partition-figures")
    expect(figures).to_have_attribute("data-status", "ok", timeout=60_000)  # polled until the worker stored it
    expect(page.locator("#partition-status")).to_contain_text("Cluster core")
    # The firm triangle on the cooperation layer: 0-1 inside "core", 0-2 and 1-2 across.
    expect(page.locator('#partition-summary [data-figure="ei"]')).to_have_text("0.333")
    expect(page.locator('#partition-groups tr[data-group="core"] td').first).to_have_text("2")
    screenshot("analysis-partition-by-variable")
