"""Issue 18: every main page checked by axe-core (WCAG 2.1 A and AA rules) for the lead, a coder
and a viewer, in English and German, on a desktop (1440 px) and a phone (390 px): no violations.

One signed-in browser context per (role, language, width), reused by that combination's pages;
axe runs once per page load. A failure's test id names page, role, language and width, and its
message lists each violation's rule, help and the first elements it found.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.a11y.conftest import LANGUAGES, USERS, WIDTHS, Demo, new_context, violations

# The database mark makes pytest-django create the test database; each test reads only.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]

EVERYONE = ("lead", "coder", "viewer")
CODERS = ("lead", "coder")
LEAD = ("lead",)

# name: (address with the demo's ids, roles that may open it, a selector the page's script fills)
PAGES: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "study_list": ("/studies/", EVERYONE, None),
    "study_detail": ("/studies/{study}/", EVERYONE, None),
    "region_detail": ("/regions/{region}/", EVERYONE, None),
    "actor_list": ("/regions/{region}/actors/", EVERYONE, None),
    "actor_detail": ("/actors/{actor}/", EVERYONE, None),
    "interview_list": ("/regions/{region}/interviews/", EVERYONE, None),
    "interview_detail": ("/interviews/{interview}/", EVERYONE, None),
    "interview_code": ("/interviews/{interview}/code/", EVERYONE, "#codings tbody tr[data-coding]"),
    "interaction_list": ("/studies/{study}/interactions/", EVERYONE, None),
    "interaction_new": ("/interviews/{interview}/interactions/new/?coding={coding}", CODERS, None),
    "interaction_detail": ("/interactions/{interaction}/", EVERYONE, None),
    "retrieval": ("/studies/{study}/retrieval/", EVERYONE, None),
    "matrix": ("/studies/{study}/matrix/", EVERYONE, None),
    "agreement": ("/studies/{study}/agreement/", EVERYONE, None),
    "analysis": ("/regions/{region}/analysis/", EVERYONE, None),
    "comparison": ("/studies/{study}/compare/", EVERYONE, "#comparison-partition-table"),
    "qca": ("/studies/{study}/compare/qca/", EVERYONE, None),
    "variables": ("/studies/{study}/variables/", EVERYONE, None),
    "search": ("/studies/{study}/search/?q=cluster", EVERYONE, None),
    "memos": ("/studies/{study}/memos/", EVERYONE, None),
    "exports": ("/studies/{study}/export/", EVERYONE, None),
    "job": ("/jobs/{job}/", EVERYONE, None),
    "admin_index": ("/admin/", LEAD, None),
    "admin_scheme": ("/admin/coding/codingscheme/{scheme}/change/", LEAD, None),
    "admin_code": ("/admin/coding/code/{code}/change/", LEAD, None),
}

CASES = [
    pytest.param(page, role, language, width, id=f"{page}-{role}-{language}-{width}")
    for role in USERS
    for language in LANGUAGES
    for width in WIDTHS
    for page, (_address, roles, _ready) in PAGES.items()
    if role in roles
]


class Contexts:
    """The signed-in tab of the current (role, language, width); the previous context is closed."""

    def __init__(self, browser: Browser, demo: Demo) -> None:
        self.browser, self.demo = browser, demo
        self.key: tuple[str, str, int] | None = None
        self.context: BrowserContext | None = None
        self.page: Page | None = None

    def get(self, role: str, language: str, width: int) -> Page:
        if self.key != (role, language, width) or self.page is None or self.page.is_closed():
            self.close()
            self.context = new_context(self.browser, self.demo, role, language, width)
            self.page = self.context.new_page()
            self.key = (role, language, width)
        return self.page

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
            self.context = self.page = None


@pytest.fixture(scope="module")
def contexts(browser: Browser, demo: Demo) -> Iterator[Contexts]:
    each = Contexts(browser, demo)
    yield each
    each.close()


@pytest.mark.parametrize("name, role, language, width", CASES)
def test_the_page_has_no_wcag_2_1_aa_violations(contexts, demo, name, role, language, width):
    address, _roles, ready = PAGES[name]
    page = contexts.get(role, language, width)
    response = page.goto(address.format(**demo.ids))
    assert response is not None and response.status == 200, (address, response and response.status)
    assert page.evaluate("document.documentElement.lang") == language
    if ready:
        page.wait_for_selector(ready)
    found = violations(page)
    assert not found, f"{name} as {role} in {language} at {width} px:\n" + "\n".join(found)


def test_a_table_that_scrolls_on_a_phone_takes_the_focus_and_leaves_the_tab_order_on_a_desktop(browser, demo):
    context = new_context(browser, demo, "viewer", "en-gb", 390)
    try:
        page = context.new_page()
        page.goto(f"/studies/{demo.ids['study']}/agreement/")
        scrolling = page.locator("[data-scroll-region=added]")
        expect(scrolling.first).to_be_attached()
        for index in range(scrolling.count()):
            each = scrolling.nth(index)
            expect(each).to_have_attribute("tabindex", "0")
            # Named: by its caption (a table) or, labelled by a heading, as a region of the page.
            named = each.evaluate(
                """(node) => node.tagName === "TABLE" && node.caption ? node.caption.textContent
                : (document.getElementById(node.getAttribute("aria-labelledby")) || {}).textContent"""
            )
            assert named and named.strip(), each.evaluate("(node) => node.outerHTML.slice(0, 200)")
        page.set_viewport_size({"width": 1440, "height": 900})
        expect(scrolling).to_have_count(0)
    finally:
        context.close()
