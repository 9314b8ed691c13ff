"""The exchange and privacy pages in headless Chromium: exports page and downloads, study dump
out and back in, refused imports listing their problems, CSV import with column mapping, and
pseudonymising a person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases.models import Actor, Interview, Study
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("jobs_in_the_request")  # the job's page at once (tests/jobs/ follow a real worker)
def test_a_lead_downloads_the_dump_imports_it_and_sees_refused_files_explained(
    page, log_in, screenshot, tmp_path, study, region, alice
):
    interview = factories.InterviewFactory(region=region, transcript="Respondent: we share the clean room.")
    factories.CodingFactory(interview=interview, start=12, length=9)
    log_in("alice")
    page.goto(f"/studies/{study.pk}/export/")
    expect(page.locator("h1")).to_contain_text("Exports of")
    screenshot("exchange-exports-page")
    with page.expect_download() as download:
        page.click("text=Full JSON dump of the study (to import elsewhere)")
    dump = tmp_path / "study.json"
    download.value.save_as(dump)

    page.goto("/studies/import/")
    page.set_input_files("input[type=file]", str(dump))
    page.click("button:has-text('Import')")
    expect(page.locator("#job-result")).to_contain_text("imported; you are its lead")
    assert Study.objects.filter(title=study.title).count() == 2

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "cluster-case-studies/study",\n  "version": 1,,}', encoding="utf-8")
    page.goto("/studies/import/")
    page.set_input_files("input[type=file]", str(broken))
    page.click("button:has-text('Import')")
    expect(page.locator("#import-problems")).to_contain_text("Nothing was imported")
    expect(page.locator("#import-problems li").first).to_contain_text("line 2")
    screenshot("exchange-dump-import-refused")

    not_a_zip = tmp_path / "project.qdpx"
    not_a_zip.write_bytes(b"this is not a zip archive")
    page.goto(f"/studies/{study.pk}/import/qdpx/")
    page.set_input_files("input[type=file]", str(not_a_zip))
    page.click("button:has-text('Check and import')")
    expect(page.locator("#import-problems")).to_contain_text("Nothing was imported")
    screenshot("exchange-qdpx-import-refused")


@pytest.mark.usefixtures("jobs_in_the_request")  # the job's page at once (tests/jobs/ follow a real worker)
def test_a_coder_maps_csv_columns_and_imports_actors_all_or_nothing(page, log_in, screenshot, tmp_path, region, bob):
    rows = tmp_path / "actors.csv"
    rows.write_text("Name;Kind;Type\nFoundry GmbH;organisation;firm_sme\nTU Dortmund;organisation;university\n")
    log_in("bob")
    page.goto(f"/regions/{region.pk}/")
    page.click("text=Import actors or interactions from CSV")
    page.select_option("select[name=target]", value="actors")
    page.set_input_files("input[type=file]", str(rows))
    page.click("button:has-text('Upload and map columns')")
    expect(page.locator("#csv-preview")).to_contain_text("Foundry GmbH")
    screenshot("exchange-csv-mapping")
    page.click("button:has-text('Import')")
    expect(page.locator("#job-result")).to_contain_text(f"Imported 2 actors into {region.name}.")
    screenshot("exchange-csv-import-job-done")
    page.click("text=Open the imported actors")
    expect(page.locator("body")).to_contain_text("Foundry GmbH")
    assert set(Actor.objects.filter(region=region).values_list("name", flat=True)) == {"Foundry GmbH", "TU Dortmund"}


def test_a_lead_pseudonymises_a_person_in_the_transcripts(page, log_in, screenshot, region, alice):
    person = factories.PersonFactory(region=region, name="Jana Nowak", pseudonym="Interviewee 7")
    interview = factories.InterviewFactory(region=region, transcript="Respondent: Jana Nowak founded it. Nowak left.")
    log_in("alice")
    page.goto(f"/actors/{person.pk}/")
    page.click("text=Pseudonymise in transcripts")
    expect(page.locator("table")).to_contain_text(interview.title)
    screenshot("privacy-pseudonymise-plan")
    page.click("button:has-text('Replace 2 mention(s)')")
    expect(page.locator(".message")).to_contain_text("is now Interviewee 7 in 1 transcript(s)")
    transcript = Interview.objects.get(pk=interview.pk).transcript
    assert transcript == "Respondent: Interviewee 7 founded it. Interviewee 7 left."


def test_staff_import_a_codebook_in_the_admin_and_see_a_broken_one_refused(page, log_in, screenshot, tmp_path):
    from coding.exchange.records import CodeRecord
    from coding.exchange.refi.qdc import codebook
    from coding.models import CodingScheme

    factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    log_in("admin")
    page.goto("/admin/coding/codingscheme/")
    page.click("text=Import a codebook (.qdc, .csv, .xlsx)")
    broken = tmp_path / "broken.qdc"
    broken.write_bytes(b'<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>')
    page.set_input_files("input[type=file]", str(broken))
    page.click("input[type=submit]")
    expect(page.locator("#import-problems")).to_contain_text("Nothing was imported: 1 problem")
    expect(page.locator(".errorlist li").first).to_contain_text("broken.qdc, line")
    screenshot("admin-codebook-import-refused")

    good = tmp_path / "Sociality codes.qdc"
    root, child = "0b6b6f0e-7b1a-4c1e-9a57-2f7d0c1e0a11", "0b6b6f0e-7b1a-4c1e-9a57-2f7d0c1e0a12"
    good.write_bytes(codebook([CodeRecord(root, "Cooperation", None, "#F58518"), CodeRecord(child, "Joint R&D", root)]))
    page.set_input_files("input[type=file]", str(good))
    page.click("input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("Imported 2 codes from Sociality codes.qdc")
    screenshot("admin-codebook-imported")
    assert CodingScheme.objects.get(name="Sociality codes").codes.count() == 2

    # Taguette's codebook CSV, sub-codes as dotted names: previewed as a tree, then imported.
    taguette = tmp_path / "Taguette codes.csv"
    taguette.write_bytes(b"tag,description,number of highlights\nTrust,,3\nTrust.Competence,Skills,2\n")
    page.goto("/admin/coding/codingscheme/import-qdc/")
    page.set_input_files("input[type=file]", str(taguette))
    page.check("input[name=split_names]")
    page.click("input[name=preview]")
    expect(page.locator("#codebook-preview")).to_contain_text("Preview: 2 codes for the scheme “Taguette codes”")
    expect(page.locator(".codebook-preview li").nth(1)).to_contain_text("└ ■ Competence")
    screenshot("admin-codebook-preview")
    assert not CodingScheme.objects.filter(name="Taguette codes").exists()
    page.click("text=Import these 2 codes")
    expect(page.locator(".messagelist")).to_contain_text("Imported 2 codes from Taguette codes.csv")
    competence = CodingScheme.objects.get(name="Taguette codes").codes.get(name="Competence")
    assert competence.parent.name == "Trust"


def test_a_member_downloads_one_layer_and_wave_of_a_region_with_its_figures(
    page, log_in, screenshot, tmp_path, region, carol
):
    import networkx as nx

    from tests.exchange.network_fixtures import store_snapshots

    wave = factories.WaveFactory(region=region, label="Spring 2025")
    tie = factories.InteractionFactory(region=region, wave=wave, mode_cooperation=True)
    factories.InteractionFactory(region=region, mode_cooperation=False, mode_rivalry=True)
    store_snapshots(region, [(wave.pk, "cooperation")])
    log_in("carol")
    page.goto(f"/studies/{region.study_id}/export/")
    form = page.locator(f"#region-{region.pk} ~ form.network-export").first
    form.locator("select[name=layer]").select_option("cooperation")
    form.locator("select[name=wave]").select_option(label="Spring 2025")
    screenshot("exchange-network-layer-and-wave")
    with page.expect_download() as download:
        form.locator("button:has-text('GraphML')").click()
    assert download.value.suggested_filename == f"region-{region.pk}-cooperation-wave-{wave.pk}.graphml"
    path = tmp_path / "network.graphml"
    download.value.save_as(path)
    graph = nx.read_graphml(path)
    assert graph.graph["layer"] == "cooperation" and graph.graph["figures"] == "current"
    assert [tuple(sorted(edge)) for edge in graph.edges] == [tuple(sorted((f"a{tie.source_id}", f"a{tie.target_id}")))]
    assert graph.nodes[f"a{tie.source_id}"]["degree"] == 1
