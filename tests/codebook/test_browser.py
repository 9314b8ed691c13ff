"""The codebook page in headless Chromium: a lead merges two codes, reads the preview, confirms and
undoes it; screenshots at 1440 px and 390 px (test-artifacts/screenshots/codebook-*.png)."""

from __future__ import annotations

import pytest

from coding.models import Code, Coding
from tests.codebook.conftest import state

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_a_lead_merges_two_codes_after_the_preview_and_undoes_it(page, log_in, screenshot, study, alice, book, device):
    before = state(study)
    page.set_viewport_size(WIDTHS[device])
    log_in("alice")
    page.click(f"text={study.title}")
    page.click("a:has-text('Codebook')")
    page.wait_for_selector("h1:has-text('Codebook')")
    screenshot(f"codebook-page-{device}")

    page.select_option("#merge-codes select[name=source]", str(book.a.pk))
    page.select_option("#merge-codes select[name=target]", str(book.b.pk))
    page.click("#merge-codes button")
    page.wait_for_selector("h1:has-text('Preview')")
    # Worked out in conftest.py: c1 moves, c2 and c3 collapse, Joint projects moves, Cooperation goes.
    assert page.inner_text("[data-count=codings_moved]") == "1"
    assert page.inner_text("[data-count=duplicates_collapsed]") == "2"
    assert page.inner_text("[data-count=children_reparented]") == "1"
    assert page.inner_text("[data-count=codes_removed]") == "1"
    assert "Foundry founder" in page.inner_text("#preview-interviews")
    assert Code.objects.filter(pk=book.a.pk).exists()  # nothing happened yet
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[device]["width"] + 2
    screenshot(f"codebook-merge-preview-{device}")

    page.click("#confirm")
    page.wait_for_selector("text=Merged “Cooperation” into “Collaboration”. You can undo it below.")
    assert not Code.objects.filter(pk=book.a.pk).exists()
    assert Coding.objects.filter(code=book.b).count() == 3
    screenshot(f"codebook-merged-{device}")

    page.click("#codebook-changes button:has-text('Undo')")
    page.wait_for_selector("text=Undone: Merged “Cooperation” into “Collaboration”")
    assert state(study) == before
    # Cooperation has its three passages again (c1, c2, c3).
    assert page.inner_text("#code-tree tr:has-text('Cooperation') td:nth-child(2)") == "3"


def test_a_lead_ticks_a_passage_and_moves_it_to_a_new_code(page, log_in, screenshot, study, alice, book):
    page.set_viewport_size(WIDTHS["desktop"])
    log_in("alice")
    page.goto(f"/studies/{study.pk}/codebook/")
    page.click("#code-tree tr:has-text('Cooperation') >> text=Move passages…")
    page.wait_for_selector("h1:has-text('Move passages of “Cooperation”')")
    page.check(f"#coding-{book.codings['c1'].pk}")
    page.fill("input[name=new_name]", "Formal cooperation")
    screenshot("codebook-split-desktop")
    page.click("#split-form button:has-text('Preview')")
    assert page.inner_text("[data-count=codings_moved]") == "1"
    assert page.inner_text("[data-count=codes_created]") == "1"
    page.click("#confirm")
    page.wait_for_selector("text=You can undo it below.")
    new = Code.objects.get(name="Formal cooperation")
    assert list(new.codings.values_list("pk", flat=True)) == [book.codings["c1"].pk]
