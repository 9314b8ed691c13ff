"""Issue 18 in headless Chromium: the header navigation on a phone (one disclosure button, a
plain list without script) and the contrast of the small chips, measured from computed styles."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def wcag_contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two computed CSS colours ``rgb(r, g, b)``, written out here
    from the WCAG glossary (relative luminance of linearised sRGB, (L1 + 0.05) / (L2 + 0.05))."""

    def luminance(css: str) -> float:
        channels = [int(value) / 255 for value in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours(page: Page, selector: str) -> tuple[str, str]:
    script = "(node) => [getComputedStyle(node).color, getComputedStyle(node).backgroundColor]"
    return page.eval_on_selector(selector, script)


def test_the_formula_in_this_file_gives_the_published_ratios():
    assert wcag_contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert wcag_contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)


def test_on_a_phone_the_navigation_is_one_button_that_opens_with_enter(page, log_in, study, alice, region):
    interview = factories.InterviewFactory(region=region, transcript="We met at the lecture series.")
    log_in("alice")
    page.set_viewport_size(PHONE)
    page.goto(f"/interviews/{interview.pk}/code/")
    toggle = page.locator("#nav-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#topnav")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Keyboard: the skip link, the brand link, then the button.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "nav-toggle"
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for name in ("Studies", "Search", "Compare", "Password"):
        link = page.locator("#topnav a", has_text=name)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    expect(page.locator("#topnav button", has_text="Log out")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.keyboard.press("Tab")  # into the menu; Escape closes it and returns to the button
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#topnav")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "nav-toggle"


def test_on_a_desktop_the_links_show_and_the_button_does_not(page, log_in, study, alice):
    log_in("alice")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"/studies/{study.pk}/")
    expect(page.locator("#nav-toggle")).to_be_hidden()
    expect(page.locator("#topnav a", has_text="Studies")).to_be_visible()


def test_without_script_the_phone_navigation_is_a_visible_list(browser: Browser, live_server, study, alice):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("#id_username", "alice")
        page.fill("#id_password", "correct-horse-battery")
        page.click("main button[type=submit]")
        page.wait_for_url("**/studies/")
        expect(page.locator("#nav-toggle")).to_be_hidden()
        studies = page.locator("#topnav a", has_text="Studies")
        password = page.locator("#topnav a", has_text="Password")
        expect(studies).to_be_visible()
        expect(password).to_be_visible()
        top, below = studies.bounding_box(), password.bounding_box()
        assert top is not None and below is not None and below["y"] > top["y"]  # one under the other
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_the_tag_chip_on_the_interaction_form_reaches_4_5_to_1(page, log_in, study, bob, region):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation")
    interview = factories.InterviewFactory(region=region, transcript="We shared the clean room.")
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, start=0, length=9)
    log_in("bob")
    page.goto(f"/interviews/{interview.pk}/interactions/new/?coding={coding.pk}")
    foreground, background = colours(page, "p.muted .tag")
    assert wcag_contrast(foreground, background) >= 4.5


def test_the_highest_chip_of_the_comparison_reaches_4_5_to_1(page, log_in, study, alice):
    # The chip's markup as comparison.html writes it (a legend inside a muted line), put into a
    # page with the site's stylesheet: the comparison page itself is being rewritten elsewhere.
    log_in("alice")
    page.goto(f"/studies/{study.pk}/")
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
        '<p class="muted"><span id="chip-high" class="mark-high legend-chip">highest</span>'
        + ' <span id="chip-low" class="mark-low legend-chip">lowest</span>'
        + ' <span id="chip-differs" class="mark-differs legend-chip">differs</span></p>')"""
    )
    for chip in ("#chip-high", "#chip-low", "#chip-differs"):
        foreground, background = colours(page, chip)
        assert wcag_contrast(foreground, background) >= 4.5, chip
