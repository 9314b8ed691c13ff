"""Issue 18's main task walked in the browser, in English and in German: a coder logs in, opens a
region, codes a passage with the keyboard only (S/P keys and the code combobox), records an
interaction from it, and opens the region's analysis (computed as the worker would) and the
comparison of the regions. axe-core finds no WCAG 2.1 A/AA violation on any of these pages, and
each step is saved as a full-page screenshot in test-artifacts/screenshots/<language>/.

Texts are checked only where they do not depend on the catalogue (ids, roles, the page's lang,
the switcher's button for the other language): the German catalogue is merged separately.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from playwright.sync_api import Browser, Page, expect

from tests.a11y.conftest import LANGUAGES, Demo, new_context, violations
from tests.browser_fixtures import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]

# The code each run gives its passage (the demo scheme's), typed into the combobox in full.
CODE_OF = {"en-gb": "Public lecture series", "de": "Training networks"}


def tab_to(page: Page, element_id: str, presses: int = 120) -> None:
    for _ in range(presses):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"#{element_id} was not reached with Tab")


def compute_as_the_worker(region_id: int) -> None:
    """The region's analysis stored by a connection of its own, which commits as the worker's
    would (this test's own connection is inside the test's transaction)."""
    from coding.worker import tasks
    from coding.worker.models import RegionAnalysisState

    def run() -> None:
        try:
            tasks.recompute_region(region_id, RegionAnalysisState.objects.get(region_id=region_id).version)
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()


class Steps:
    def __init__(self, page: Page, language: str) -> None:
        self.page, self.language, self.count = page, language, 0
        self.folder = SCREENSHOTS / language
        self.folder.mkdir(parents=True, exist_ok=True)

    def check(self, name: str) -> None:
        """The page is in the run's language, has no A/AA violation, and is saved as a picture."""
        assert self.page.evaluate("document.documentElement.lang") == self.language
        other = next(code for code in LANGUAGES if code != self.language)
        expect(self.page.locator(f".language-switcher button[value='{other}']")).to_have_count(1)
        self.count += 1
        self.page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True)
        found = violations(self.page)
        assert not found, f"{name} in {self.language}:\n" + "\n".join(found)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_main_task_by_keyboard_with_no_violations(browser: Browser, demo: Demo, language: str):
    from cases.models import Region
    from coding.models import Code, Coding, Interaction

    region = Region.objects.get(pk=demo.ids["region"])
    code = Code.objects.get(scheme_id=demo.ids["scheme"], name=CODE_OF[language])
    context = new_context(browser, demo, "coder", language, 1440)
    page = context.new_page()
    steps = Steps(page, language)
    try:
        page.goto("/studies/")
        steps.check("studies")
        page.click(f"a[href='/studies/{demo.ids['study']}/']")
        page.wait_for_url(f"**/studies/{demo.ids['study']}/")
        page.click(f"main a[href='/regions/{region.pk}/']")
        page.wait_for_url(f"**/regions/{region.pk}/")
        steps.check("region")

        # Coding by keyboard: Tab into the transcript, P to the third paragraph, S for its first
        # sentence, C into the combobox, the code's name, Enter.
        interview = demo.ids["interview"]
        page.goto(f"/interviews/{interview}/code/")
        page.wait_for_selector("#codings tbody tr[data-coding]")
        steps.check("coding-view")
        before = set(Coding.objects.filter(interview_id=interview).values_list("pk", flat=True))
        tab_to(page, "transcript")
        for key in ("p", "p", "p", "s"):
            page.keyboard.press(key)
        expect(page.locator("#selected-quote")).not_to_be_empty()
        page.keyboard.press("c")
        assert page.evaluate("document.activeElement.id") == "code-combo"
        page.keyboard.type(code.name)
        combo = page.locator("#code-combo")
        expect(combo).to_have_attribute("aria-activedescendant", f"code-option-{code.pk}")
        steps.check("coding-combobox")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/interviews/{interview}/code/#coding-*")
        expect(page.locator("#coding-status")).not_to_be_empty()
        assert page.evaluate("document.activeElement.id") == "transcript"
        (coding,) = Coding.objects.filter(interview_id=interview).exclude(pk__in=before)
        assert coding.code_id == code.pk and coding.coder.username == "coder"
        steps.check("coded")

        # The interaction this passage evidences.
        page.goto(f"/interviews/{interview}/interactions/new/?coding={coding.pk}")
        steps.check("interaction-form")
        actors = list(region.actors.order_by("name").values_list("pk", flat=True)[:2])
        page.select_option("#id_source", str(actors[0]))
        page.select_option("#id_target", str(actors[1]))
        page.check("#id_mode_cooperation")
        page.focus("form.card button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        page.wait_for_function("() => !location.pathname.endsWith('/interactions/new/')")
        assert Interaction.objects.filter(evidence=coding).exists()
        steps.check("interaction-recorded")

        compute_as_the_worker(region.pk)
        page.goto(f"/regions/{region.pk}/analysis/")
        steps.check("analysis")
        page.goto(f"/studies/{demo.ids['study']}/compare/")
        page.wait_for_selector("#comparison-partition-table")  # loaded by partition.js
        steps.check("comparison")
    finally:
        context.close()
