"""Playwright: the analysis page draws its network from the network endpoint (strongest ties first,
all on demand), and the actor table pages and sorts through its links."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coding.layout.models import RegionLayout
from coding.worker import actor_table, network_json

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def small_caps(monkeypatch):
    """Two ties at first and two rows a page, so that the five actors show both behaviours."""
    monkeypatch.setattr(network_json, "NETWORK_TIE_LIMIT", 2)
    monkeypatch.setattr(actor_table, "ACTORS_PER_PAGE", 2)


def test_the_network_comes_from_the_endpoint_and_loads_all_ties_on_demand(
    region, five, alice, page, log_in, screenshot, small_caps
):
    layout = RegionLayout.objects.get(region=region)
    layout.positions[str(five["delta"].pk)] = [50, 60]  # every actor placed: the picture uses them as given
    layout.save()
    log_in("alice")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(reverse("analysis:region", args=[region.pk]))
    holder = page.locator("#analysis-network")
    expect(holder).to_have_attribute("data-drawn", "5")  # every actor is a node of the cytoscape picture
    assert holder.evaluate("element => element.cy.nodes().length") == 5
    assert holder.evaluate("element => element.cy.edges().length") == 2
    assert any("/analysis/network/?layer=all" in url for url in fetched)
    note = page.locator("#analysis-network-note")
    expect(note).to_have_text("Showing the 2 strongest of 4 ties.")
    expect(holder).to_have_attribute("data-layout", "preset")
    alpha, beta = five["Alpha"].pk, five["beta"].pk
    assert holder.evaluate(f"element => element.cy.$id('a{alpha}').position('x')") == 10
    assert holder.evaluate(f"element => element.cy.$id('a{beta}').position('y')") == 40.25
    page.click("#analysis-network-all")
    expect(holder).to_have_attribute("data-ties", "4")
    assert holder.evaluate("element => element.cy.edges().length") == 4
    expect(note).to_be_hidden()
    expect(page.locator("#analysis-network-more")).to_be_hidden()
    # The colour select still recolours the drawing, and the legend follows it.
    page.select_option("#analysis-network-colour", "community")
    expect(holder).to_have_attribute("data-colour-by", "community")
    expect(page.locator('[data-network-legend="analysis-network"] [data-legend-group="community"]')).to_be_visible()
    with page.expect_download() as download:
        page.click('[data-network-download="svg"][data-network="analysis-network"]')
    assert download.value.suggested_filename == f"network-{region.pk}.svg"
    screenshot("analysis-network-from-endpoint")


def test_the_actor_table_pages_and_sorts_through_its_links(region, five, alice, page, log_in, small_caps):
    log_in("alice")
    page.goto(reverse("analysis:region", args=[region.pk]))
    table = page.locator("#analysis-actors")
    names = table.locator("tbody tr td:first-child")
    expect(names).to_have_text(["Alpha", "beta"])
    table.locator("thead th", has_text="Degree").locator("a").click()
    expect(table.locator("thead th", has_text="Degree")).to_have_attribute("aria-sort", "descending")
    expect(names).to_have_text(["Alpha", "Gamma"])  # degrees 3, 3 (by name), then Epsilon's 2
    page.locator('[data-pager="actors"] [rel="next"]').click()
    expect(names).to_have_text(["Epsilon", "beta"])
    assert "actors_sort=degree" in page.url and "actors_page=2" in page.url
    expect(page.locator("#analysis-network")).to_have_attribute("data-drawn", "5")  # the picture after paging
