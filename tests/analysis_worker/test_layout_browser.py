"""Playwright with a real worker (issue 16): every picture of a region draws its actors on the one
stored layout, so an actor stands at the same place in each wave, each layer and the comparison."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from coding.layout.models import RegionLayout
from tests.analysis_worker.worker import up_to_date, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.slow]

# Model positions (node.position(), not the screen) of every node, by actor id.
POSITIONS = "holder => holder.cy.nodes().map(n => [String(n.data('actor')), n.position('x'), n.position('y')])"


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Empty the broker before ``waves`` computes and enqueues."""


def _stored(region) -> dict[str, list[float]]:
    row = RegionLayout.objects.filter(region=region).first()
    return row.positions if row else {}


def _drawn(page: Page, holder: str) -> dict[str, tuple[float, float]]:
    return {actor: (x, y) for actor, x, y in page.locator(f"#{holder}").evaluate(POSITIONS)}


def _analysis(page: Page, region, query: str) -> dict[str, tuple[float, float]]:
    page.goto(reverse("analysis:region", args=[region.pk]) + "?" + query)
    expect(page.locator("#analysis-network")).to_have_attribute("data-layout", "preset", timeout=60_000)
    return _drawn(page, "analysis-network")


def _common(*pictures: dict[str, tuple[float, float]]) -> set[str]:
    return set.intersection(*(set(picture) for picture in pictures))


def test_two_waves_and_two_layers_share_the_stored_positions(waves, region, alice, start_worker, page, log_in):
    firms = waves["firms"]
    start_worker()
    wait_for(
        lambda: up_to_date(region) and {str(f.pk) for f in firms.values()} <= set(_stored(region)),
        timeout=90,
        what="the analysis run and the stored layout of all five firms",
    )
    stored = {actor: tuple(point) for actor, point in _stored(region).items()}
    log_in("alice")

    january = _analysis(page, region, f"wave={waves['january'].pk}&layer=all")
    april = _analysis(page, region, f"wave={waves['april'].pk}&layer=all")
    april_cooperation = _analysis(page, region, f"wave={waves['april'].pk}&layer=cooperation")

    # January has A, B, C; April A, B, C, D: three actors in common, each at one place on every page.
    common = _common(january, april, april_cooperation)
    assert {str(firms[name].pk) for name in "ABC"} <= common
    for actor in common:
        for picture in (january, april, april_cooperation):
            assert picture[actor] == pytest.approx(stored[actor])
    # And the places are a layout, not one point for all.
    assert len({january[actor] for actor in common}) == len(common)

    # The comparison's multiples of this region, one per wave, use the same positions.
    page.goto(reverse("comparison:page", args=[region.study.pk]) + f"?region={region.pk}&by_wave=1")
    expect(page.locator("#comparison-networks")).to_have_attribute("data-drawn", "1", timeout=60_000)
    multiples = {}
    for name in ("january", "april"):
        holder = f"network-r{region.pk}-w{waves[name].pk}"
        expect(page.locator(f"#{holder}")).to_have_attribute("data-layout", "preset")
        multiples[name] = _drawn(page, holder)
    assert _common(multiples["january"], multiples["april"]) >= {str(firms[name].pk) for name in "ABC"}
    for name, multiple in multiples.items():
        for actor, point in multiple.items():
            assert point == pytest.approx(stored[actor]), (name, actor)
