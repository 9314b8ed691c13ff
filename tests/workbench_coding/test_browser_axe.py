"""The coding view checked by axe-core (WCAG 2.1 A and AA rules) for a coder, on a desktop and a
phone: no violations. axe is vendored for the tests in tests/data/axe-core-4.14.1/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "data" / "axe-core-4.14.1" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TEXT = "I: How did you meet?\n\nR: At the Thursday lecture series. It was 2009!\nWe shared the clean room."


@pytest.fixture
def axe_page(browser: Browser, live_server) -> Iterator[Page]:
    # The site's CSP allows only its own scripts; axe is added by the test, so the test's
    # browser ignores the CSP (the page's own scripts are the same either way).
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def violations(page: Page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } })", WCAG_21_AA)
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at {[node['target'] for node in rule['nodes']][:5]}"
        for rule in found["violations"]
    ]


@pytest.mark.parametrize("width, height", [(1440, 900), (390, 844)])
def test_the_coding_view_has_no_wcag_2_1_aa_violations_for_a_coder(axe_page, study, bob, region, width, height):
    pale = factories.CodeFactory(scheme=study.coding_scheme, name="Trust", colour="#f8ebb8", order=1)
    parent = factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", colour="#2d7a46", order=2)
    factories.CodeFactory(scheme=study.coding_scheme, name="Shared facilities", parent=parent, colour="#99ccf5")
    interview = factories.InterviewFactory(region=region, title="Foundry founder", transcript=TEXT)
    factories.CodingFactory(interview=interview, code=pale, coder=bob, start=TEXT.index("clean"), length=10)
    factories.CodingFactory(interview=interview, code=parent, coder=bob, start=0, length=20, memo="first question")

    axe_page.set_viewport_size({"width": width, "height": height})
    axe_page.goto("/accounts/login/")
    axe_page.fill("#id_username", "bob")
    axe_page.fill("#id_password", "correct-horse-battery")
    axe_page.click("main button[type=submit]")
    axe_page.wait_for_url("**/studies/")
    axe_page.goto(f"/interviews/{interview.pk}/code/")
    axe_page.wait_for_selector("#codings tbody tr[data-coding]")
    found = violations(axe_page)
    assert not found, "\n".join(found)

    # ... and with a sentence selected, the code combobox open and a coding outlined.
    axe_page.focus("#transcript")
    axe_page.keyboard.press("n")
    axe_page.keyboard.press("s")
    axe_page.keyboard.press("c")
    axe_page.keyboard.type("tr")
    axe_page.wait_for_selector("#code-combo-list [role=option]")
    found = violations(axe_page)
    assert not found, "\n".join(found)
