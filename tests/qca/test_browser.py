"""Playwright in real Chromium on the hand-built four-region study (tests/qca/conftest.py): a QCA
set up in the form, the truth table read, a case followed to its evidence, the model saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coding.qca.models import QcaModel

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def fill_condition(page, prefix: str, name: str, source: str, method: str, thresholds: str = "") -> None:
    page.fill(f"#id_{prefix}-name", name)
    page.select_option(f"#id_{prefix}-source", source)
    page.select_option(f"#id_{prefix}-method", method)
    if thresholds:
        page.fill(f"#id_{prefix}-thresholds", thresholds)


def test_run_a_qca_read_the_truth_table_and_follow_a_case_to_its_evidence(
    transactional_db, qca_study, page, log_in, screenshot
):
    study, regions = qca_study["study"], qca_study["regions"]
    log_in("alice")
    page.goto(f"/studies/{study.pk}/")
    page.click("#qca-link")
    page.wait_for_url(f"**/studies/{study.pk}/compare/qca/")

    fill_condition(page, "outcome", "GROWTH", "var:region:gdp_growth", "crisp", "2.5")
    fill_condition(page, "c0", "ASSOC", "var:region:association", "direct")
    fill_condition(page, "c1", "DENSE", "metric:density", "crisp", "0.3")
    page.select_option("#id_solution", "parsimonious")
    page.click("#qca-run")

    # Row 1 (~ASSOC*~DENSE) holds Bremen and Dresden, both grew; row 4 Aachen and Chemnitz.
    first = page.locator('#qca-truth-table tr[data-row="1"]')
    expect(first).to_have_attribute("data-out", "1")
    expect(first.locator("a.qca-case")).to_have_text(["Bremen", "Dresden"])
    expect(page.locator('#qca-truth-table tr[data-row="4"] a.qca-case')).to_have_text(["Aachen", "Chemnitz"])
    models = page.locator("#qca-solution-parsimonious code[data-expression]")
    expect(models).to_have_text(["~ASSOC", "~DENSE"])
    expect(page.locator("#qca-xy-parsimonious-0")).to_have_attribute("data-drawn", "true")
    screenshot("qca-page")

    # From the truth table to the case's values, and from its density to the analysis page.
    bremen = regions["Bremen"]
    first.get_by_role("link", name="Bremen").click()
    case_row = page.locator(f"#case-r{bremen.pk}")
    expect(case_row).to_be_in_viewport()
    case_row.locator("td").nth(2).get_by_role("link").click()  # DENSE: 0.2
    page.wait_for_url(f"**/regions/{bremen.pk}/analysis/?layer=all#metric-density")
    expect(page.locator("#metric-density")).to_be_visible()

    # Back on the QCA page, save the model; it opens as up to date.
    page.go_back()
    page.fill("#id_name", "Growth by association and density")
    page.click("#qca-save")
    page.wait_for_url("**/compare/qca/?model=*")
    expect(page.locator("#qca-model-status")).to_have_attribute("data-status", "ok")
    assert QcaModel.objects.get().name == "Growth by association and density"
