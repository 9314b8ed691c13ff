"""A coder's path in real headless Chromium: search, open a hit, code all hits, see them coded."""

from __future__ import annotations

import pytest

from coding.models import Coding
from tests import factories
from tests.search.conftest import ENGLISH, GERMAN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coder_searches_opens_a_hit_codes_all_hits_and_undoes(page, log_in, screenshot, study, bob, region):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", colour="#2d7a46")
    german = factories.InterviewFactory(region=region, title="Gießerei", language="de", transcript=GERMAN)
    cambridge = factories.RegionFactory(study=study, name="Cambridgeshire", country="UK")
    factories.InterviewFactory(region=cambridge, title="Spin-off founder", language="en", transcript=ENGLISH)
    factories.InterviewFactory(
        region=region, title="Zweites Gespräch", language="de", transcript="\n".join([GERMAN] * 3)
    )

    log_in("bob")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"/studies/{study.pk}/search/")
    page.fill("#id_q", "Kooperationen")
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("#search-results mark")
    assert page.inner_text("#search-summary").startswith("2 interviews match")
    # "Kooperation" is 4..15 of GERMAN: the stemmed hit, each copy of it in the longer interview.
    assert page.locator("#search-results mark").all_inner_texts() == ["Kooperation"] * 4
    screenshot("search-results")

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("search-results-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 2
    page.set_viewport_size({"width": 1440, "height": 900})

    page.click(f"section[data-interview='{german.pk}'] a.kwic-para")
    page.wait_for_selector("#transcript span.search-hit-mark")
    assert page.locator("#transcript span.search-hit-mark").inner_text() == "Kooperation"
    assert page.inner_text("#selected-quote") == "“Kooperation”"  # ready to code by hand
    screenshot("search-hit-opened")
    page.go_back()

    page.select_option("#autocode-form #id_code", value=str(code.pk))
    page.select_option("#autocode-form #id_unit", value="sentence")
    page.click("#autocode-form button[type=submit]")
    page.wait_for_selector("#autocode-passages")
    assert "4 passages (sentence) would be coded" in page.inner_text("#autocode-summary")
    screenshot("autocode-preview")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("autocode-preview-390")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.click("#autocode-confirm button[type=submit]")
    page.wait_for_selector("#run-codings")
    assert "Coded 4 passages; 0 were coded already and skipped." in page.content()
    # "Die Kooperation mit der Uni war eng." is GERMAN[0:36], in each copy of the text.
    assert {coding.quote for coding in Coding.objects.all()} == {"Die Kooperation mit der Uni war eng."}
    assert Coding.objects.count() == 4
    screenshot("autocode-run")

    page.click("#run-codings a:has-text('Gießerei')")
    page.wait_for_selector("#transcript span.coded")
    assert page.locator("#transcript span.coded").first.inner_text() == "Die Kooperation mit der Uni war eng."
    assert "Cooperation" in page.inner_text("#codings")
    screenshot("autocode-coded-in-coding-view")
    page.go_back()
    page.click("#undo-form button")
    page.wait_for_selector("text=Undone: 4 codings of this run removed.")
    assert not Coding.objects.exists()
