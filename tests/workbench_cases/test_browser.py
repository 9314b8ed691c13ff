"""The new user's whole path in headless Chromium: study → region → actors → .docx transcript →
code a selected passage → interaction from it → found again through retrieval."""

from __future__ import annotations

import docx
import pytest

from cases.models import Interview, Region
from coding.models import Coding, Interaction
from tests import factories
from tests.workbench_coding.test_browser import SELECT_PASSAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = [
    "Interviewer: How did the foundry come about?",
    "Respondent: We met the institute people at the Thursday lecture series and later shared the clean room.",
]


def test_a_lead_sets_up_a_region_and_codes_an_uploaded_transcript(page, log_in, screenshot, tmp_path, study, alice):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Low-threshold contacts")
    document = docx.Document()
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    path = tmp_path / "foundry-founder.docx"
    document.save(path)

    log_in("alice")
    page.click(f"text={study.title}")
    page.click("text=New region")
    page.fill("#id_name", "Dortmund")
    page.fill("#id_country", "Germany")
    page.select_option("#id_technology_field", value="microsystems")
    page.click("button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Dortmund')")
    region = Region.objects.get(name="Dortmund")

    for name in ("Institute", "Foundry"):
        page.click("text=New actor")
        page.select_option("#id_kind", value="organisation")
        page.fill("#id_name", name)
        page.select_option("#id_org_type", index=1)
        page.click("button:has-text('Save')")
        page.wait_for_selector(f"h1:has-text('{name}')")
        page.goto(f"/regions/{region.pk}/")
    page.click("text=New actor")
    page.select_option("#id_kind", value="person")
    page.fill("#id_name", "Founder")
    page.select_option("#id_affiliation", label="Foundry")
    page.click("button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Founder')")

    page.goto(f"/regions/{region.pk}/")
    screenshot("cases-region")
    page.click("text=New interview")
    page.fill("#id_title", "Foundry founder")
    page.check("label:has-text('Founder') input")
    page.select_option("#id_consent_status", value="given")
    page.set_input_files("#id_upload", str(path))
    page.click("button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Foundry founder')")
    interview = Interview.objects.get()
    assert interview.transcript == "\n".join(PARAGRAPHS)
    assert interview.source_filename == "foundry-founder.docx"
    screenshot("cases-interview")

    page.click("text=Code this interview")
    page.wait_for_url(f"**/interviews/{interview.pk}/code/")
    page.wait_for_load_state()
    assert page.evaluate(SELECT_PASSAGE, "Thursday lecture series")
    page.check(f"#code-tree input[value='{code.pk}']")
    page.click("#code-button")
    page.wait_for_selector("#codings tr[data-coding]")
    coding = Coding.objects.get()
    assert coding.quote == "Thursday lecture series"

    page.click(f"#coding-{coding.pk} >> text=Interaction…")
    page.select_option("#id_source", label="Institute")
    page.select_option("#id_target", label="Foundry")
    page.check("#id_mode_cooperation")
    page.click("button:has-text('Record interaction')")
    page.wait_for_selector("#evidence")
    assert list(Interaction.objects.get().evidence.all()) == [coding]

    page.goto(f"/studies/{study.pk}/retrieval/")
    page.select_option("#id_code", value=str(code.pk))
    page.click("button:has-text('Retrieve')")
    page.wait_for_url("**code=*")
    assert "Thursday lecture series" in page.inner_text("#passages")

    page.goto(f"/studies/{study.pk}/")
    screenshot("cases-study")
    page.goto(f"/regions/{region.pk}/")
    assert "Institute ↔ Foundry" in page.inner_text("body") or "Institute → Foundry" in page.inner_text("body")
