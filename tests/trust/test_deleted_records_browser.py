"""The deleted-records page in headless Chromium: a lead finds a deleted tie and restores it."""

from __future__ import annotations

import pytest

from coding.models import Interaction
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_restores_a_deleted_tie_from_the_study_page(page, log_in, screenshot, study, alice, region):
    tie = factories.InteractionFactory(region=region)
    tie_id = tie.pk
    tie.delete()

    log_in("alice")
    page.click(f"text={study.title}")
    page.click("text=Deleted records")
    page.wait_for_selector("h1:has-text('Deleted records')")
    row = page.locator("tr", has_text=f"{tie_id}:")
    screenshot("history-deleted-records")
    row.locator("button:has-text('Restore')").click()
    page.wait_for_load_state()
    assert Interaction.objects.filter(pk=tie_id, region=region).exists()
    assert page.locator("tr", has_text=f"{tie_id}:").count() == 0
