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


def test_editing_only_the_label_of_a_wave_keeps_its_dates(page, log_in, study, alice):
    import datetime

    region = factories.RegionFactory(study=study)
    wave = factories.WaveFactory(region=region, start=datetime.date(2024, 3, 1), end=datetime.date(2024, 7, 31))
    log_in("alice")
    page.goto(f"/waves/{wave.pk}/edit/")
    assert page.input_value("#id_start") == "2024-03-01"  # the date picker shows the stored dates
    page.fill("#id_label", "Wave 1 (renamed)")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/regions/{region.pk}/")
    wave.refresh_from_db()
    assert (wave.label, wave.start, wave.end) == (
        "Wave 1 (renamed)",
        datetime.date(2024, 3, 1),
        datetime.date(2024, 7, 31),
    )


def test_the_actor_form_script_runs_under_the_csp_and_cancel_goes_back(page, log_in, study, alice):
    region = factories.RegionFactory(study=study)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in("alice")
    page.goto(f"/regions/{region.pk}/actors/new/")
    page.select_option("#id_kind", value="organisation")
    assert page.is_hidden("#id_hierarchy_level") and page.is_visible("#id_org_type")
    page.select_option("#id_kind", value="person")
    assert page.is_visible("#id_hierarchy_level") and page.is_hidden("#id_org_type")
    page.click("form.card >> text=Cancel")
    page.wait_for_url(f"**/regions/{region.pk}/")
    assert not [error for error in errors if "Content Security Policy" in error], errors
