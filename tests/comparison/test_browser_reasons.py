"""Playwright in real Chromium: a classification sentence names its threshold, on the analysis page
and on the comparison page (issue 16), and the analysis page lists the stored communities."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.comparison.conftest import compute

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_analysis_page_classification_sentence_names_its_threshold(alpha, alice, page, log_in, screenshot):
    compute(alpha["region"])
    log_in("alice")
    page.goto(reverse("analysis:region", args=[alpha["region"].pk]))
    # Alpha by hand: five mode-coded ties between organisations; cooperation on four (80 %), rivalry or
    # competition on two (F1–F3, M–U: 40 %); both reach the 25 % tension share.
    regime = page.locator("#classification-coordination_regime")
    expect(regime).to_contain_text(
        "Rule: tension when both sides reach 25 %; cooperation 80 % is at or above 25 % and the rival side "
        "40 % is at or above 25 %: tension."
    )
    # Two typed ties (F1–F2 communality, F2–F3 sociality), five needed.
    expect(page.locator("#classification-grabher_mix")).to_contain_text(
        "Rule: a mix needs at least five typed ties; only two are typed, below five, so no mix is named."
    )
    expect(page.locator("#analysis-communities tbody tr").first).to_be_visible()
    screenshot("analysis-reason-names-threshold")


def test_compare_page_classification_sentence_names_its_threshold(study, alpha, beta, alice, page, log_in, screenshot):
    compute(alpha["region"])
    compute(beta["region"])
    log_in("alice")
    page.goto(reverse("comparison:page", args=[study.pk]))
    cells = page.locator('tr[data-row="classifications.coordination_regime"] td:not(.spread)')
    expect(cells).to_have_count(2)
    expect(cells.nth(0).locator(".reason")).to_contain_text("tension when both sides reach 25 %")
    # Beta by hand: G1–G2 rivalry, G2–R and R–E cooperation, W–G1 conflict: four mode-coded ties.
    expect(cells.nth(1).locator(".reason")).to_contain_text(
        "Rule: a regime needs at least five mode-coded ties between organisations; only four ties between "
        "organisations, all are coded with a mode (cooperation, rivalry, competition or conflict), below five, "
        "so no regime is named."
    )
    screenshot("comparison-reason-names-threshold")
