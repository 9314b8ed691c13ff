"""Playwright in real Chromium on the demo study: colouring the analysis page's network by a study
variable (the demo's actor ``sector``) draws each actor in its category's palette colour and
switches the legend to that variable's categories (issue 16)."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from cases.models import Region, Study
from coding.analysis.palette import CATEGORY_COLOURS, UNKNOWN_COLOUR
from coding.codebook.default_scheme import install_default_scheme
from coding.demo.loader import STUDY_TITLE
from coding.variables.models import Variable, VariableValue
from tests.browser_fixtures import SCREENSHOTS
from tests.comparison.conftest import compute

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo-colour-pw-1"
LEGEND = '[data-network-legend="analysis-network"]'


@pytest.fixture
def cambridge(transactional_db) -> Region:
    # An earlier live-server test's flush removed the scheme that a migration installs.
    install_default_scheme(django_apps, None)
    call_command("seed_demo", "--password", PASSWORD)
    region = Region.objects.filter(study__title=STUDY_TITLE).order_by("name").first()
    compute(region)
    return region


def _rgb(hex_colour: str) -> str:
    """``#4c78a8`` as Cytoscape reports a style colour: ``rgb(76,120,168)``."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red},{green},{blue})"


def _node_colours(page: Page, holder: str = "analysis-network") -> dict[int, str]:
    found = page.locator(f"#{holder}").evaluate(
        "holder => holder.cy.nodes().map(n => [n.data('actor'), n.style('background-color')])"
    )
    return {int(actor_id): colour.replace(" ", "") for actor_id, colour in found}


def test_colouring_by_a_variable_draws_each_actor_in_its_categorys_colour_and_shows_its_legend(cambridge, page, log_in):
    study = Study.objects.get(title=STUDY_TITLE)
    sector = Variable.objects.get(study=study, target="actor", name="sector")
    # The reference: each actor's recorded sector, and the palette's colour at the category's
    # position in the variable's defined order; actors without a sector grey.
    recorded = dict(
        VariableValue.objects.filter(variable=sector, actor__region=cambridge).values_list("actor_id", "text_value")
    )
    expected = {
        actor.pk: _rgb(
            CATEGORY_COLOURS[sector.categories.index(recorded[actor.pk])] if actor.pk in recorded else UNKNOWN_COLOUR
        )
        for actor in cambridge.actors.all()
    }
    assert len(set(recorded.values())) >= 2  # the demo's region holds several sectors
    log_in("demo", PASSWORD)
    page.goto(reverse("analysis:region", args=[cambridge.pk]))
    expect(page.locator("#analysis-network")).to_have_attribute("data-drawn", str(len(expected)))
    expect(page.locator(f'{LEGEND} [data-legend-group="group:sector"]')).to_be_hidden()

    page.select_option("#analysis-network-colour", "group:sector")

    expect(page.locator("#analysis-network")).to_have_attribute("data-colour-by", "group:sector")
    assert _node_colours(page) == expected
    sector_legend = page.locator(f'{LEGEND} [data-legend-group="group:sector"]')
    expect(sector_legend).to_be_visible()
    expect(page.locator(f'{LEGEND} [data-legend-group="actor_type"]')).to_be_hidden()
    shown = sector_legend.locator("[data-legend-key]").evaluate_all(
        "items => items.map(i => i.dataset.legendKey.slice('group:sector:'.length))"
    )
    in_order = [category for category in sector.categories if category in set(recorded.values())]
    assert shown == in_order + (["(no value)"] if len(recorded) < len(expected) else [])
    # Each legend swatch is the colour its category's nodes are drawn in.
    for category in in_order:
        swatch = sector_legend.locator(f'[data-legend-key="group:sector:{category}"] .swatch')
        colour = swatch.evaluate("e => getComputedStyle(e).backgroundColor").replace(" ", "")
        assert colour == _rgb(CATEGORY_COLOURS[sector.categories.index(category)])
    page.locator("#analysis-network").screenshot(path=str(SCREENSHOTS / "analysis-network-by-sector.png"))

    page.select_option("#analysis-network-colour", "actor_type")
    expect(sector_legend).to_be_hidden()
    expect(page.locator(f'{LEGEND} [data-legend-group="actor_type"]')).to_be_visible()


def test_the_comparison_multiples_colour_by_the_chosen_variable_and_the_dialog_keeps_it(cambridge, page, log_in):
    study = Study.objects.get(title=STUDY_TITLE)
    sector = Variable.objects.get(study=study, target="actor", name="sector")
    recorded = dict(
        VariableValue.objects.filter(variable=sector, actor__region=cambridge).values_list("actor_id", "text_value")
    )
    expected = {
        actor.pk: _rgb(
            CATEGORY_COLOURS[sector.categories.index(recorded[actor.pk])] if actor.pk in recorded else UNKNOWN_COLOUR
        )
        for actor in cambridge.actors.all()
    }
    log_in("demo", PASSWORD)
    page.goto(reverse("comparison:page", args=[study.pk]) + f"?region={cambridge.pk}&colour=sector")
    expect(page.locator("#comparison-networks")).to_have_attribute("data-drawn", "1")
    assert _node_colours(page, f"network-r{cambridge.pk}") == expected
    legend = '[data-network-legend="comparison-networks"]'
    expect(page.locator(f'{legend} [data-legend-group="group:sector"]')).to_be_visible()
    expect(page.locator(f'{legend} [data-legend-group="actor_type"]')).to_be_hidden()

    page.locator(f'[data-network-open="network-r{cambridge.pk}"]').click()
    expect(page.locator("#network-dialog-canvas")).to_have_attribute("data-drawn", str(len(expected)))
    assert _node_colours(page, "network-dialog-canvas") == expected
