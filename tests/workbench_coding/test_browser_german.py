"""The coding view's script-made texts in German (issue 18): announcements, labels and quotation
marks come from Django's JavaScript catalogue (djangojs) in the reader's language. Needs the
compiled catalogue (``manage.py compilemessages``). Expected texts are written by hand."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coding.jobs.models import Job, JobKind, JobStatus
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "I: How did you meet?\n\nR: At the Thursday lecture series. It was 2009!\nWe shared the clean room."


def test_the_keyboard_status_line_speaks_german_with_the_language_cookie(page, live_server, log_in, study, bob, region):
    rivalry = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry", colour="#b83232")
    interview = factories.InterviewFactory(region=region, transcript=TEXT)
    factories.CodingFactory(interview=interview, code=rivalry, coder=bob, start=3, length=3)
    page.context.add_cookies([{"name": "language", "value": "de", "url": live_server.url}])
    log_in("bob")
    page.goto(f"/interviews/{interview.pk}/code/")
    assert page.evaluate("document.documentElement.lang") == "de"

    # The list of codings, drawn by the script.
    expect(page.locator("#codings a.code-memos")).to_have_text("Memos")
    expect(page.locator("#codings a.code-memos")).to_have_attribute("title", "Memos zum Code Rivalry")

    page.focus("#transcript")
    page.keyboard.press("s")
    status = page.locator("#coding-status")
    expect(status).to_have_text("Satz: „I: How did you meet?“. Mit C wählen Sie einen Code.")
    expect(page.locator("#selected-quote")).to_have_text("„I: How did you meet?“")
    expect(page.locator("#selected-offsets")).to_have_text("Zeichen 0–20")
    expect(page.locator("#code-button")).to_have_text("Textstelle codieren")

    page.keyboard.press("Shift+S")
    expect(status).to_have_text("Kein vorheriger Satz.")
    page.keyboard.press("n")
    expect(status).to_have_text("Codierung 1 von 1: bob hat „How“ (Absatz 1) mit „Rivalry“ codiert.")


def test_the_job_page_counts_its_steps_in_german(page, live_server, log_in, bob):
    job = Job.objects.create(kind=JobKind.DUMP_IMPORT, user=bob, status=JobStatus.RUNNING, filename="study.json")
    # The worker is not needed: the status the page polls is answered here, mid-way.
    state = {"status": "running", "status_label": "läuft", "progress": {"done": 2, "total": 5}}
    page.route(f"**/jobs/{job.pk}/status/", lambda route: route.fulfill(json=state))
    page.context.add_cookies([{"name": "language", "value": "de", "url": live_server.url}])
    log_in("bob")
    page.goto(f"/jobs/{job.pk}/")
    expect(page.locator("#job-progress-label")).to_have_text("2 von 5 Schritten")
    expect(page.locator("#job-status")).to_have_text("Läuft")
