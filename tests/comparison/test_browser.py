"""Playwright in real Chromium: the demo study's three regions compared, every panel drawn, a cell
followed to its evidence, a chart saved as PNG, the regions over their waves, and a stale mark."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from lxml import etree
from playwright.sync_api import expect

from cases.models import Region, Study
from coding.codebook.default_scheme import install_default_scheme
from coding.demo.loader import STUDY_TITLE
from coding.models import Interaction
from tests.comparison.conftest import compute

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo-browser-pw-1"


@pytest.fixture
def demo(transactional_db):
    # An earlier live-server test's flush removed the scheme that a migration installs.
    install_default_scheme(django_apps, None)
    call_command("seed_demo", "--password", PASSWORD)
    study = Study.objects.get(title=STUDY_TITLE)
    regions = list(Region.objects.filter(study=study).order_by("name"))
    for region in regions:
        compute(region)
    return study, regions


def test_compare_the_demo_regions(demo, page, log_in, screenshot, tmp_path):
    study, regions = demo
    log_in("demo", PASSWORD)
    page.goto(f"/studies/{study.pk}/")
    page.click("#compare-regions")
    page.wait_for_url(f"**/studies/{study.pk}/compare/")

    heads = page.locator("#comparison-table thead th[data-column]")
    expect(heads).to_have_count(3)
    for region in regions:
        expect(page.locator(f'th[data-column="r{region.pk}"] [data-role=column-status]')).to_have_text("up to date")
        actors = region.actors.count()
        expect(page.locator(f"#network-r{region.pk}")).to_have_attribute("data-drawn", str(actors))
    for section in ("metrics", "classifications", "grabher", "coordination", "actor_types", "location", "coverage"):
        expect(page.locator(f'#comparison-table tbody[data-section="{section}"]')).to_be_visible()
    for chart in ("chart-grabher", "chart-coordination", "chart-actor-types", "chart-radar"):
        expect(page.locator(f"#{chart}")).to_have_attribute("data-rendered", "1")
    expect(page.locator('[data-network-legend="comparison-networks"] .legend-item').first).to_be_visible()
    expect(page.locator("#comparison-codes")).to_be_visible()
    expect(page.locator("#comparison-downloads a.button")).to_have_count(2)
    expect(page.locator("#comparison-table tr.differs").first).to_be_visible()
    assert page.locator("#comparison-stale").count() == 0
    screenshot("comparison-regions")
    page.locator("#comparison-pictures").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot("comparison-regions").parent / "comparison-pictures.png"))

    # A chart and a network, downloaded as PNG files (the chart's SVG follows).
    chart_png = '[data-chart-download="png"][data-chart-target="figure-chart-coordination"]'
    for selector in (chart_png, f'[data-network="network-r{regions[0].pk}"][data-network-download=png]'):
        with page.expect_download() as download_info:
            page.click(selector)
        download = download_info.value
        assert download.suggested_filename.endswith(".png")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as download_info:
        page.click('[data-chart-download="svg"][data-chart-target="figure-chart-coordination"]')
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    svg = etree.parse(str(saved)).getroot()  # our own download: well-formed XML or the test fails
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and saved.suffix == ".svg"
    assert len(svg.findall(".//{http://www.w3.org/2000/svg}rect")) > 3  # the background and the bars

    # A cell followed to its evidence: the cooperation share to the filtered interaction list.
    first = regions[0]
    cooperative = Interaction.objects.filter(region=first, mode_cooperation=True).count()
    cell = page.locator('tr[data-row="coordination.cooperation"] td').first.locator("a")
    assert f"({cooperative})" in cell.inner_text()
    cell.click()
    page.wait_for_url("**/interactions/?region=*mode=cooperation*")
    expect(page.locator("table tbody tr")).to_have_count(cooperative)
    screenshot("comparison-evidence-interactions")
    page.go_back()
    page.locator('tr[data-row="metrics.density"] td').first.locator("a").click()
    page.wait_for_url(f"**/regions/{first.pk}/analysis/**#metric-density")
    expect(page.locator("#metric-density")).to_be_visible()

    # The same regions over their waves: a column per wave and a line chart per region.
    page.goto(f"/studies/{study.pk}/compare/?region={first.pk}&by_wave=on")
    expect(heads).to_have_count(2)
    expect(page.locator(f"#chart-waves-{first.pk}")).to_have_attribute("data-rendered", "1")
    expect(page.locator("#comparison-codes thead th")).to_have_count(4)  # code, two waves, total
    screenshot("comparison-over-time")

    # An edit makes the region's results stale: marked, never shown as current.
    tie = Interaction.objects.filter(region=first).first()
    tie.rating_time = 0 if tie.rating_time != 0 else 1
    tie.save()
    page.goto(f"/studies/{study.pk}/compare/")
    expect(page.locator("#comparison-stale")).to_contain_text(first.name)
    expect(page.locator(f'th[data-column="r{first.pk}"] [data-role=column-status]')).not_to_have_text("up to date")
    expect(page.locator('tr[data-row="metrics.actors"] td.not-current')).to_have_count(1)
    screenshot("comparison-stale")
