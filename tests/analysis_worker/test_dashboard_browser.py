"""Playwright: the analysis dashboard at 1440 and 390 px — no sideways page scroll, the actor table's
headings stay in view while it scrolls, sorting keeps each heading's explanation, and the charts
download as a valid SVG and PNG."""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import etree
from playwright.sync_api import expect

from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEGREE_MEANING = "Contacts in the undirected projection."


@pytest.fixture
def wide_region(region):
    """40 firms with long names in a ring with chords: more rows than the table's box shows."""
    actors = [
        factories.OrganisationFactory(region=region, name=f"Advanced Photonics Manufacturing Cooperative {i:02d}")
        for i in range(40)
    ]
    for i, source in enumerate(actors):
        for step in (1, 3):
            factories.InteractionFactory(region=region, source=source, target=actors[(i + step) % len(actors)])
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
    return region


def _no_sideways_scroll(page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the page scrolls sideways: {width} > {inner}"


def test_dashboard_fits_1440_keeps_headings_in_view_and_sorts(wide_region, alice, page, log_in, screenshot, tmp_path):
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in("alice")
    page.goto(reverse("analysis:region", args=[wide_region.pk]))
    table = page.locator("#analysis-actors")
    expect(table.locator("tbody tr")).to_have_count(40)
    expect(page.locator("#analysis-summary")).to_be_visible()
    _no_sideways_scroll(page)
    screenshot("analysis-dashboard-1440")

    # Sticky headings: scroll the table's box; the heading row stays at the box's top edge.
    box = page.locator(".actor-table-scroll").first
    box.scroll_into_view_if_needed()
    box.evaluate("element => { element.scrollTop = 400; }")
    assert box.evaluate("element => element.scrollTop") > 0
    heading = table.locator("thead th").first
    assert abs(heading.bounding_box()["y"] - box.bounding_box()["y"]) <= 2
    first_row = table.locator("tbody tr").first
    assert first_row.bounding_box()["y"] < box.bounding_box()["y"]  # the rows did scroll under it

    # Sorting by the link inside the heading (on the server) keeps the heading's explanation in its title.
    degree = table.locator("thead th", has_text="Degree")
    degree.locator("a").click()
    expect(degree).to_have_attribute("aria-sort", "descending")
    expect(degree).to_have_attribute("title", DEGREE_MEANING)
    column = 4  # Actor, Type, Location, Community, Degree
    values = [float(v) for v in table.locator(f"tbody tr td:nth-child({column + 1})").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    degree.locator("a").press("Enter")  # by keyboard as well
    expect(degree).to_have_attribute("aria-sort", "ascending")
    expect(degree).to_have_attribute("title", DEGREE_MEANING)

    # Downloads of a chart: an SVG that parses, a PNG with its signature.
    with page.expect_download() as svg_download:
        page.click('[data-chart-download="svg"][data-chart-target="chart-degree"]')
    saved = tmp_path / svg_download.value.suggested_filename
    svg_download.value.save_as(saved)
    root = etree.parse(str(saved)).getroot()  # our own file: well-formed XML or the test fails
    assert saved.suffix == ".svg" and root.tag == "{http://www.w3.org/2000/svg}svg"
    with page.expect_download() as png_download:
        page.click('[data-chart-download="png"][data-chart-target="chart-constraint"]')
    saved = tmp_path / png_download.value.suggested_filename
    png_download.value.save_as(saved)
    assert saved.suffix == ".png" and saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dashboard_at_390_scrolls_the_table_inside_its_box(wide_region, alice, page, log_in, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("alice")
    page.goto(reverse("analysis:region", args=[wide_region.pk]))
    expect(page.locator("#analysis-actors tbody tr")).to_have_count(40)
    _no_sideways_scroll(page)
    box = page.locator(".actor-table-scroll").first
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    assert box.evaluate("element => element.scrollWidth > element.clientWidth")  # it scrolls, not the page
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(box).not_to_have_js_property("scrollLeft", 0)
    screenshot("analysis-dashboard-390")
