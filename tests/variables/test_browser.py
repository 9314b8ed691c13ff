"""The variables grid in headless Chromium: a lead defines a categorical actor variable, fills it in
with the keyboard and a block pasted from a spreadsheet, sees a refused save marked at each bad
cell with nothing saved, fixes it, saves, reloads and sees the values."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coding.variables import services
from coding.variables.models import Variable, VariableValue
from coding.variables.selectors import record_values
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def paste(page, selector: str, text: str) -> None:
    """Paste ``text`` into the focused cell through the system clipboard, as Ctrl+V from a spreadsheet."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("Control+V")


def cell(page, actor, variable) -> str:
    return f'tr[data-record="{actor.pk}"] [data-variable="{variable.pk}"]'


def test_a_lead_fills_an_actor_variable_in_the_grid_with_keys_and_a_pasted_block(
    page, log_in, screenshot, study, region, alice
):
    actors = [factories.OrganisationFactory(region=region, name=name) for name in ("Alpha", "Beta", "Gamma", "Kappa")]
    alpha, beta, gamma, kappa = sorted(actors, key=lambda actor: actor.name)  # the grid's order
    log_in("alice")

    page.goto(f"/studies/{study.pk}/")
    page.click("#variables-link")
    page.click("#actor-variables a.button")
    page.fill("#id_name", "association_member")
    page.fill("#id_label", "Association")
    page.select_option("#id_type", "categorical")
    page.fill("#id_categories_text", "member\nnon-member\nobserver")
    page.click("#variable-form button[type=submit]")
    expect(page.locator("#actor-variables")).to_contain_text("member, non-member, observer")
    member = Variable.objects.get(name="association_member")
    # A second column, after the first: a pasted row fills both.
    staff = services.variable_create(study=study, target="actor", name="staff", label="Staff", type="numeric")

    page.goto(f"/regions/{region.pk}/")
    page.click("#actor-grid-link")
    # The grid's script handles the keys below: wait until the grid page has loaded and run it.
    page.wait_for_url("**/variables/grid/actor/", wait_until="load")
    # Keyboard: pick a category by typing, move down with the arrow key and Enter, right to a number.
    page.focus(cell(page, alpha, member))
    page.keyboard.type("non")
    page.keyboard.press("ArrowDown")
    expect(page.locator(cell(page, beta, member))).to_be_focused()
    page.keyboard.type("obs")
    page.keyboard.press("ArrowRight")
    expect(page.locator(cell(page, beta, staff))).to_be_focused()
    page.keyboard.type("12,5")
    page.keyboard.press("Enter")
    expect(page.locator(cell(page, gamma, staff))).to_be_focused()
    expect(page.locator(cell(page, alpha, member))).to_have_value("non-member")

    # A block from a spreadsheet with two cells that do not fit: refused whole, each marked.
    paste(page, cell(page, gamma, member), "Member\t40\nperhaps\tmany\n")
    expect(page.locator(cell(page, gamma, staff))).to_have_value("40")
    page.click("#grid-save")
    expect(page.locator("#grid-status")).to_contain_text("Nothing was saved: 2 cell(s)")
    invalid = page.locator("td.invalid")
    expect(invalid).to_have_count(2)
    expect(invalid.nth(0)).to_contain_text("“perhaps” is not a category of “Association”")
    expect(invalid.nth(1)).to_contain_text("“many” is not a number")
    assert not VariableValue.objects.exists()
    expect(page.locator(cell(page, alpha, member))).to_have_value("non-member")  # nothing lost from the page
    screenshot("variables-grid-refused")

    page.select_option(cell(page, kappa, member), "member")
    page.fill(cell(page, kappa, staff), "7")
    expect(page.locator("td.invalid")).to_have_count(0)
    page.click("#grid-save")
    expect(page.locator("#grid-status")).to_contain_text("Saved 7 cell(s).")

    page.reload()
    expect(page.locator(cell(page, alpha, member))).to_have_value("non-member")
    expect(page.locator(cell(page, beta, member))).to_have_value("observer")
    expect(page.locator(cell(page, beta, staff))).to_have_value("12.5")
    expect(page.locator(cell(page, gamma, member))).to_have_value("member")
    expect(page.locator(cell(page, gamma, staff))).to_have_value("40")
    expect(page.locator(cell(page, kappa, member))).to_have_value("member")
    screenshot("variables-grid-saved")
    assert record_values([member, staff], [a.pk for a in actors]) == {
        alpha.pk: {"association_member": "non-member"},
        beta.pk: {"association_member": "observer", "staff": 12.5},
        gamma.pk: {"association_member": "member", "staff": 40.0},
        kappa.pk: {"association_member": "member", "staff": 7.0},
    }
