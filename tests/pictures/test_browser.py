"""Playwright in real Chromium on the demo study: the network pictures of the analysis page, the
comparison page and the wave change share one palette and legend, write no colliding labels, save
as SVG and PNG, take stored positions as given, and fit a phone's width.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse
from lxml import etree
from playwright.sync_api import Page, Route, expect

from cases.models import Actor, Region, Study
from coding.codebook.default_scheme import install_default_scheme
from coding.demo.loader import STUDY_TITLE
from coding.models import Interaction
from tests.browser_fixtures import SCREENSHOTS
from tests.comparison.conftest import compute

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo-picture-pw-1"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Every shown label's box on screen, from Cytoscape's own measure of the drawn label.
LABEL_BOXES = """holder => holder.cy.nodes('.labelled').map(n => {
  const b = n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
  return {label: n.data('label'), x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2};
})"""
# The label size on screen: the style's font size in model units times the zoom.
FONT_PX = (
    "holder => Math.min(...holder.cy.nodes('.labelled').map(n => parseFloat(n.style('font-size')) * holder.cy.zoom()))"
)


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


def _analysis(page: Page, region: Region) -> None:
    page.goto(reverse("analysis:region", args=[region.pk]))
    expect(page.locator("#analysis-network")).to_have_attribute("data-drawn", str(region.actors.count()))


def _compare(page: Page, study: Study, regions: list[Region]) -> None:
    page.goto(reverse("comparison:page", args=[study.pk]))
    expect(page.locator("#comparison-networks")).to_have_attribute("data-drawn", "1")


def _node_colours(page: Page, holder: str) -> dict[str, str]:
    """Actor type -> background colour of its nodes as Cytoscape draws them (one colour per type)."""
    found = page.locator(f"#{holder}").evaluate(
        "holder => holder.cy.nodes().map(n => [n.data('actor'), n.style('background-color')])"
    )
    return {str(actor_id): colour for actor_id, colour in found}


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["label"], b["label"])
        for a, b in combinations(boxes, 2)
        if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]
    ]


def test_an_actor_type_has_one_colour_and_one_legend_entry_on_the_analysis_and_compare_pages(demo, page, log_in):
    study, regions = demo
    cambridge, goteborg = regions[0], regions[1]
    # The University of each region (a different actor in each), coloured by its type.
    type_of = {}
    for region in (cambridge, goteborg):
        for actor in region.actors.all():
            type_of[str(actor.pk)] = actor.org_type or "person"
    cambridge_university = str(cambridge.actors.filter(org_type="university").first().pk)
    goteborg_university = str(goteborg.actors.filter(org_type="university").first().pk)
    entry = '[data-legend-key="actor_type:university"]'
    log_in("demo", PASSWORD)

    _analysis(page, cambridge)
    on_analysis = _node_colours(page, "analysis-network")[cambridge_university]
    legend_on_analysis = page.locator(f'[data-network-legend="analysis-network"] {entry}').evaluate("e => e.outerHTML")

    _compare(page, study, regions)
    on_compare = _node_colours(page, f"network-r{goteborg.pk}")[goteborg_university]
    on_compare_same_region = _node_colours(page, f"network-r{cambridge.pk}")[cambridge_university]
    legend_on_compare = page.locator(f'[data-network-legend="comparison-networks"] {entry}').evaluate(
        "e => e.outerHTML"
    )

    assert on_analysis == on_compare == on_compare_same_region
    assert legend_on_analysis == legend_on_compare
    # The legend's swatch is the colour the nodes are drawn in.
    swatch = page.locator(f"{entry} .swatch").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert swatch.replace(" ", "") == on_compare.replace(" ", "")
    # And two types never share one colour on one picture.
    colours = _node_colours(page, f"network-r{cambridge.pk}")
    by_type: dict[str, set[str]] = {}
    for actor_id, colour in colours.items():
        by_type.setdefault(type_of[actor_id], set()).add(colour)
    organisation_types = {t: c for t, c in by_type.items() if t != "person"}
    assert all(len(c) == 1 for c in organisation_types.values())


def test_shown_labels_never_overlap_and_are_at_least_10_px(demo, page, log_in):
    study, regions = demo
    log_in("demo", PASSWORD)
    for region in regions:
        _analysis(page, region)
        holder = page.locator("#analysis-network")
        boxes = holder.evaluate(LABEL_BOXES)
        assert len(boxes) >= 3, boxes
        assert _overlaps(boxes) == []
        assert holder.evaluate(FONT_PX) >= 10

    _compare(page, study, regions)
    for region in regions:
        holder = page.locator(f"#network-r{region.pk}")
        boxes = holder.evaluate(LABEL_BOXES)
        assert 1 <= len(boxes) <= 8  # small multiples name their largest actors only
        assert _overlaps(boxes) == []
        assert holder.evaluate(FONT_PX) >= 10


def test_zooming_in_on_an_unnamed_actor_names_it_and_hover_names_any(demo, page, log_in):
    _study, regions = demo
    log_in("demo", PASSWORD)
    _analysis(page, regions[1])  # Dortmund, the most crowded picture
    holder = page.locator("#analysis-network")
    unnamed = holder.evaluate("holder => holder.cy.nodes(':not(.labelled)').map(n => n.id())")
    assert unnamed, "the picture is crowded enough to leave names out"
    hovered = holder.evaluate(
        "(holder, id) => { const n = holder.cy.getElementById(id); n.emit('mouseover'); return n.style('label'); }",
        unnamed[0],
    )
    assert hovered != ""
    holder.evaluate(
        """(holder, id) => { const cy = holder.cy, n = cy.getElementById(id); n.emit('mouseout');
        cy.zoom(cy.zoom() * 9); cy.center(n); }""",
        unnamed[0],
    )
    page.wait_for_timeout(300)
    assert holder.evaluate("(holder, id) => holder.cy.getElementById(id).hasClass('labelled')", unnamed[0])
    assert _overlaps(holder.evaluate(LABEL_BOXES)) == []
    assert holder.evaluate(FONT_PX) >= 10


def test_the_open_button_shows_a_multiple_large_with_more_names(demo, page, log_in):
    study, regions = demo
    log_in("demo", PASSWORD)
    _compare(page, study, regions)
    region = regions[2]
    small = len(page.locator(f"#network-r{region.pk}").evaluate(LABEL_BOXES))
    page.click(f'[data-network-open="network-r{region.pk}"]')
    expect(page.locator("#network-dialog")).to_be_visible()
    large = page.locator("#network-dialog-canvas")
    expect(large).to_have_attribute("data-drawn", str(region.actors.count()))
    boxes = large.evaluate(LABEL_BOXES)
    assert len(boxes) > small
    assert _overlaps(boxes) == []
    expect(page.locator("#network-dialog-analysis")).to_have_attribute(
        "href", f"{reverse('analysis:region', args=[region.pk])}?layer=all"
    )
    page.click("#network-dialog-close")
    expect(page.locator("#network-dialog")).to_be_hidden()


def _download(page: Page, selector: str, tmp_path: Path) -> bytes:
    with page.expect_download() as download_info:
        page.click(selector)
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    return saved.read_bytes()


SVG = "{http://www.w3.org/2000/svg}"


def _assert_svg(content: bytes, page: Page, holder: str) -> None:
    """A well-formed SVG with one circle per node and one line per edge of the picture on the page
    (counted by Cytoscape), at the node's model position, and the names shown as text."""
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == f"{SVG}svg"
    drawn = page.locator(f"#{holder}").evaluate(
        """holder => ({
          nodes: holder.cy.nodes().map(n => [String(n.data('actor')), n.position('x'), n.position('y')]),
          edges: holder.cy.edges().length,
          dashed: holder.cy.edges().filter(e => e.style('line-style') === 'dashed').length,
          labels: holder.cy.nodes('.labelled').map(n => n.data('label')),
        })"""
    )
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == len(drawn["nodes"]) > 0
    lines = root.findall(f".//{SVG}line")
    assert len(lines) == drawn["edges"] > 0
    assert len([line for line in lines if line.get("stroke-dasharray")]) == drawn["dashed"]
    at = {c.get("data-actor"): (float(c.get("cx")), float(c.get("cy"))) for c in circles}
    assert all(at[actor] == pytest.approx((x, y), abs=1e-2) for actor, x, y in drawn["nodes"])
    texts = [t.text for t in root.findall(f".//{SVG}text")]
    assert len(texts) == len(drawn["labels"])
    # A long name may end in "…" as on screen; its start is the name's.
    assert all(any(label.startswith(text.rstrip("…")) for label in drawn["labels"]) for text in texts)
    assert root.find(f"{SVG}rect").get("fill") == "#ffffff"


def test_every_network_downloads_as_svg_with_a_circle_per_node_and_a_line_per_edge_and_as_png(
    demo, page, log_in, tmp_path
):
    study, regions = demo
    region = regions[0]
    log_in("demo", PASSWORD)
    _analysis(page, region)
    # Drawn on the layout the analysis run stored (the demo's regions are computed with it).
    expect(page.locator("#wave-change-network")).to_have_attribute("data-layout", "preset")
    for holder in ("analysis-network", "wave-change-network"):
        _assert_svg(_download(page, f'[data-network="{holder}"][data-network-download=svg]', tmp_path), page, holder)
        assert _download(page, f'[data-network="{holder}"][data-network-download=png]', tmp_path)[:8] == PNG_SIGNATURE

    _compare(page, study, regions)
    multiple = f"network-r{regions[1].pk}"
    _assert_svg(_download(page, f'[data-network="{multiple}"][data-network-download=svg]', tmp_path), page, multiple)
    assert _download(page, f'[data-network="{multiple}"][data-network-download=png]', tmp_path)[:8] == PNG_SIGNATURE
    # The GPL-3.0 exporter is gone: the page loads no cytoscape-svg script.
    assert page.locator(f"#{multiple}").evaluate("holder => typeof holder.cy.svg") == "undefined"


def test_stored_positions_are_drawn_where_they_are(demo, page, log_in):
    """Nodes that carry x and y (after the 4 fields of each compact node) are placed there, not laid out."""
    study, regions = demo
    log_in("demo", PASSWORD)
    given: dict[int, tuple[float, float]] = {}

    def with_positions(route: Route) -> None:
        networks = route.fetch().json()
        for network in networks["networks"]:
            for index, node in enumerate(network["nodes"]):
                given[node[0]] = (index * 40.0, (index % 3) * 25.0 - 10)
                # The demo's regions have stored positions already: replace them with these.
                node[4:] = given[node[0]]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(networks))

    page.route("**/compare/networks/**", with_positions)
    page.route("**/compare/networks/?*", with_positions)
    _compare(page, study, regions)
    holder = page.locator(f"#network-r{regions[0].pk}")
    expect(holder).to_have_attribute("data-layout", "preset")
    drawn = holder.evaluate("holder => holder.cy.nodes().map(n => [n.data('actor'), n.position('x'), n.position('y')])")
    assert drawn and all((x, y) == pytest.approx(given[actor]) for actor, x, y in drawn)


@pytest.mark.parametrize("width", [1440, 390])
def test_pages_with_networks_fit_the_screen_without_sideways_scrolling(demo, page, log_in, width):
    study, regions = demo
    log_in("demo", PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _analysis(page, regions[0])
    page.screenshot(path=str(SCREENSHOTS / f"network-analysis-{width}.png"), full_page=True)
    page.locator("#analysis-network").screenshot(path=str(SCREENSHOTS / f"network-analysis-picture-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _compare(page, study, regions)
    page.locator("#comparison-pictures").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"network-compare-{width}.png"), full_page=True)
    page.locator("#comparison-networks").screenshot(path=str(SCREENSHOTS / f"network-compare-pictures-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_arrow_keys_name_the_actors_one_by_one_largest_first(demo, page, log_in):
    _study, regions = demo
    log_in("demo", PASSWORD)
    _analysis(page, regions[0])
    ties = Interaction.objects.filter(region=regions[0]).values_list("source_id", "target_id")
    degrees = nx.Graph([(source, target) for source, target in ties if source != target]).degree
    most, second = sorted(degrees, key=lambda pair: -pair[1])[:2]
    assert most[1] > second[1]  # one actor has the most contacts (FenLogic Ltd, 5)
    largest = Actor.objects.get(pk=most[0])
    page.focus("#analysis-network")
    page.keyboard.press("ArrowRight")
    named = page.locator("#analysis-network").evaluate(
        "holder => holder.cy.nodes('.hovered').map(n => n.data('label'))"
    )
    assert named == [largest.name]
    expect(page.locator("#analysis-network + [aria-live]")).to_have_text(largest.name)
