"""Issue 18's accessibility checks: the demo study (three regions, codings, interactions, memos,
variables) loaded once per module, its analyses computed as the worker would (called directly,
no broker), served by a live server of this module's own, and checked by axe-core in Debian's
Chromium for each role, language and width.

Data are loaded once per module rather than per test: the pages only read them. The module's
own live server (not pytest-django's ``live_server``, which would flush the database after every
test) keeps database access open for the whole module; the database is flushed at its end, as
a transactional test would leave it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from coding.codebook.default_scheme import install_default_scheme

AXE = Path(__file__).resolve().parents[1] / "data" / "axe-core-4.14.1" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "a11y-demo-pw-1"
USERS = {"lead": "demo", "coder": "coder", "viewer": "viewer"}
LANGUAGES = {"en-gb": "en-GB", "de": "de-DE"}  # the language cookie's value: the browser's locale
WIDTHS = {1440: 900, 390: 844}


@dataclass
class Demo:
    """The demo study's records the pages are opened on (primary keys)."""

    server: LiveServer
    ids: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[Demo]:
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        try:
            yield Demo(server=server, ids=load_demo())
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # The flush also removed the scheme the migrations install (and map to coordination
            # modes, 0008), which later tests expect: put it back as they left it.
            install_default_scheme(django_apps, None)
            import_module("coding.migrations.0008_code_suggests_mode").map_default_mode_codes(django_apps, None)


def load_demo() -> dict[str, int]:
    from cases.models import Actor, Region, Study
    from coding.demo.loader import STUDY_TITLE
    from coding.jobs.models import Job, JobKind, JobStatus
    from coding.models import Interaction
    from coding.worker import tasks
    from coding.worker.models import RegionAnalysisState

    call_command("seed_demo", "--password", PASSWORD, stdout=StringIO())
    study = Study.objects.get(title=STUDY_TITLE)
    regions = Region.objects.filter(study=study).order_by("name")
    for each in regions:
        tasks.recompute_region(each.pk, RegionAnalysisState.objects.get(region=each).version)
    region = regions.get(name="Dortmund")
    interview = region.interviews.order_by("pk").first()
    assert interview is not None
    actor = Actor.objects.filter(region=region).order_by("pk").first()
    interaction = Interaction.objects.filter(region=region).order_by("pk").first()
    coding = interview.codings.order_by("start", "pk").first()
    assert actor is not None and interaction is not None and coding is not None
    job = Job.objects.create(
        kind=JobKind.TABLE_EXPORT,
        study=study,
        user=study.memberships.get(role="lead").user,
        filename="actors.xlsx",
        status=JobStatus.FAILED,
        message="The worker stopped.",
    )
    return {
        "study": study.pk,
        "scheme": study.coding_scheme.pk,
        "region": region.pk,
        "interview": interview.pk,
        "actor": actor.pk,
        "interaction": interaction.pk,
        "coding": coding.pk,
        "code": coding.code_id,
        "job": job.pk,
    }


def new_context(browser: Browser, demo: Demo, role: str, language: str, width: int) -> BrowserContext:
    """A signed-in browser for ``role`` reading ``language`` at ``width`` px.

    The page's CSP allows only the site's own scripts; axe is added by the test, so the test's
    browser ignores the CSP (the page's own scripts are the same either way).
    """
    context = browser.new_context(
        base_url=demo.server.url,
        viewport={"width": width, "height": WIDTHS[width]},
        locale=LANGUAGES[language],
        bypass_csp=True,
    )
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": "language", "value": language, "url": demo.server.url}])
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", USERS[role])
    page.fill("#id_password", PASSWORD)
    # Enter in the password field: the header's language switcher has submit buttons too.
    page.press("#id_password", "Enter")
    page.wait_for_url("**/studies/")
    page.close()
    return context


def violations(page: Page, within: str | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as loaded (or inside the element that the
    CSS selector ``within`` names), one line each."""
    # Two frames: what the page's scripts do on the next frame (scroll_regions.js) is done.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # Details of violations only: passes and the rest are not collected (much faster on big pages).
    options = "{ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }"
    context = "document" if within is None else repr(within)
    found = page.evaluate(f"(tags) => axe.run({context}, {options})", WCAG_21_AA)
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} — {len(rule['nodes'])} at "
        f"{[node['target'] for node in rule['nodes']][:6]}"
        for rule in found["violations"]
    ]
