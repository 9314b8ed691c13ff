"""Headless Chromium follows an import job run by a real worker: the progress bar to the result, and
a failing import to its list of problems."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cases.models import Study

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
CACHE_URL = "redis://127.0.0.1:6379/13"  # progress goes from the worker to the live server through it


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Autouse fixtures run first: the broker is emptied before anything is sent."""


def test_the_job_page_follows_the_progress_bar_to_the_result_and_a_failure_to_its_problems(
    page, log_in, screenshot, tmp_path, settings, start_worker, mallory, dump_bytes, broken_dump
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CACHE_URL},
    }
    start_worker(CACHE_URL=CACHE_URL, JOBS_TEST_STEP_DELAY_SECONDS="0.6")
    (tmp_path / "study.json").write_bytes(dump_bytes)
    (tmp_path / "broken.json").write_bytes(broken_dump)
    log_in("mallory")

    page.goto("/studies/import/")
    page.set_input_files("input[type=file]", str(tmp_path / "study.json"))
    page.click("button:has-text('Import')")
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    bar = page.locator("#job-progress")
    expect(bar).to_have_attribute("max", "11", timeout=60_000)  # the worker took it: 11 steps (importer.py)
    expect(bar).to_have_attribute("value", re.compile(r"^([2-9]|10)$"), timeout=30_000)  # it moves
    expect(page.locator("#job-progress-label")).to_contain_text("of 11 steps")
    screenshot("jobs-import-progress")
    expect(page.locator("#job-result")).to_contain_text("imported; you are its lead", timeout=60_000)
    expect(page.locator("#job")).to_have_attribute("data-status", "done")
    page.click("text=Open the study")
    expect(page).to_have_url(re.compile(r"/studies/\d+/$"))
    assert Study.objects.filter(memberships__user=mallory).count() == 2

    page.goto("/studies/import/")
    page.set_input_files("input[type=file]", str(tmp_path / "broken.json"))
    page.click("button:has-text('Import')")
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("Nothing was imported", timeout=60_000)
    expect(problems).to_contain_text("regions[0].actors[0].kind")
    expect(problems).to_contain_text("regions[0].interviews[0].codings[0].quote")
    screenshot("jobs-import-failed")
    assert Study.objects.filter(memberships__user=mallory).count() == 2
