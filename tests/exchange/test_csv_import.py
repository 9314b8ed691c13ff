"""CSV import with a column mapping: reading odd files, the good path, and every refusal writing nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Actor
from coding.exchange.csv_import.fields import field_aliases
from coding.exchange.csv_import.services import csv_import
from coding.exchange.csv_import.table import auto_mapping, read_table
from coding.exchange.records import ImportErrors
from coding.models import Interaction
from coding.worker.models import RegionAnalysisState
from tests import factories

ACTORS_CSV = (
    "Name;Kind;Org. Type;Founded;Location\n"
    "Fraunhofer IMS;organisation;Research institute;1984;inside\n"
    "Elmos;Organisation;firm_large;1984;\n"
    "Anna Lindqvist;person;;;external\n"
)


# --- Reading files (no database) -----------------------------------------------------------


def test_it_reads_semicolons_and_windows_1252():
    table = read_table("Name;Ort\nMüller GmbH;Dortmund\n".encode("cp1252"))
    assert (table.delimiter, table.encoding) == (";", "cp1252")
    assert table.rows == [["Müller GmbH", "Dortmund"]]


def test_it_reads_utf16_tabs_and_a_utf8_bom():
    table = read_table("name\tkind\nÅkers\torganisation\n".encode("utf-16"))
    assert (table.delimiter, table.encoding, table.rows[0][0]) == ("\t", "utf-16", "Åkers")
    assert read_table(b"\xef\xbb\xbfname,kind\nA,person\n").header == ["name", "kind"]


def test_it_ignores_empty_trailing_columns():
    # Excel writes "name;kind;;" when cells right of the table were once touched: no name, no value.
    table = read_table("name;kind;;\r\nFirma A;organisation;;\r\nFirma B;organisation;\r\n".encode("cp1252"))
    assert table.header == ["name", "kind"]
    assert table.rows == [["Firma A", "organisation"], ["Firma B", "organisation"]]


def test_a_trailing_column_with_a_value_but_no_name_is_still_refused():
    with pytest.raises(ImportErrors) as error:
        read_table(b"name,kind,\nA,person,\nB,person,oops\n")
    assert [str(problem) for problem in error.value.problems] == ["header, column 3: The column has no name."]


def test_it_refuses_a_header_with_blank_or_repeated_names():
    with pytest.raises(ImportErrors) as error:
        read_table(b"name,,name\na,b,c\n")
    assert [str(problem) for problem in error.value.problems] == [
        "header, column 2: The column has no name.",
        "header, column name: This column name appears twice.",
    ]


def test_blank_rows_keep_the_spreadsheet_row_numbers(bob, region):
    problems = refused(region, bob, "actors", "\nname,kind\nA,person\n\nB,robot\n\n", {"name": "name", "kind": "kind"})
    assert problems == ["row 5, column kind: 'robot' is not one of: organisation, person."]


def test_auto_mapping_matches_names_labels_and_aliases():
    mapping = auto_mapping(["Name", "Kind", "Org. Type", "Year founded", "Whatever"], field_aliases("actors"))
    assert mapping == {"name": "Name", "kind": "Kind", "org_type": "Org. Type", "founded": "Year founded"}


# --- The good path -------------------------------------------------------------------------


@pytest.mark.usefixtures("jobs_in_the_request")  # the import job at once (tests/jobs/test_csv_import_job.py: queued)
def test_a_coder_maps_and_imports_actors(client, bob, region, django_capture_on_commit_callbacks):
    client.force_login(bob)
    upload = SimpleUploadedFile("actors.csv", ACTORS_CSV.encode(), content_type="text/csv")
    response = client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Fraunhofer IMS" in page and "<th>Org. Type</th>" in page  # header and first rows
    assert '<option value="Org. Type" selected>' in page  # proposed from the column name

    mapping = {"name": "Name", "kind": "Kind", "org_type": "Org. Type", "founded": "Founded", "location": "Location"}
    version = RegionAnalysisState.objects.get(region=region).version
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("exports:csv-import-map", args=[region.pk]), mapping)
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert "Imported 3 actors into" in client.get(response["Location"]).content.decode()
    actors = {actor.name: actor for actor in Actor.objects.filter(region=region)}
    assert actors["Fraunhofer IMS"].org_type == "research_institute" and actors["Elmos"].location == "inside"
    assert actors["Anna Lindqvist"].kind == "person" and actors["Anna Lindqvist"].location == "external"
    assert actors["Elmos"].history.get().history_user == bob  # the change history records the import
    assert RegionAnalysisState.objects.get(region=region).version == version + 1 and callbacks  # marked stale
    # The upload is consumed: the mapping page now asks for a file.
    assert "No file is waiting" in client.get(reverse("exports:csv-import-map", args=[region.pk])).content.decode()


def test_it_imports_interactions_between_actors_of_the_region(bob, region):
    factories.OrganisationFactory(region=region, name="Elmos")
    factories.OrganisationFactory(region=region, name="TU Dortmund")
    factories.WaveFactory(region=region, label="2024")
    table = read_table(
        b"from,to,wave,modes,time,channel,directed\n"
        b"Elmos,TU Dortmund,2024,cooperation; rivalry,3,Face to face (co-presence),1\n"
        b"TU Dortmund,Elmos,,competition,,,no\n"
    )
    mapping = {"source": "from", "target": "to", "wave": "wave", "modes": "modes", "rating_time": "time",
               "channel": "channel", "directed": "directed"}  # fmt: skip
    assert csv_import(region=region, target="interactions", table=table, mapping=mapping, user=bob) == 2
    first, second = Interaction.objects.filter(region=region).order_by("pk")
    assert first.coordination_modes == ["rivalry", "cooperation"] and first.wave.label == "2024"
    assert (first.rating_time, first.channel, first.directed, first.coder) == (3, "face_to_face", True, bob)
    assert second.coordination_modes == ["competition"] and not second.directed and second.confidence == "medium"
    assert not first.evidence.exists()  # CSV ties have no evidence passage (optional in the model)


def test_persons_are_affiliated_with_organisations_of_the_region_or_the_file(bob, region):
    factories.OrganisationFactory(region=region, name="Elmos")
    table = read_table(
        b"name,kind,org_type,employer\n"
        b"Anna,person,,Elmos\n"
        b"Bert,person,,TU Dortmund\n"  # an organisation further down the file
        b"TU Dortmund,organisation,university,\n"
    )
    mapping = {"name": "name", "kind": "kind", "org_type": "org_type", "affiliation": "employer"}
    assert csv_import(region=region, target="actors", table=table, mapping=mapping, user=bob) == 3
    assert Actor.objects.get(name="Anna").affiliation.name == "Elmos"
    assert Actor.objects.get(name="Bert").affiliation == Actor.objects.get(name="TU Dortmund")


def test_it_refuses_unknown_affiliations_and_affiliations_of_organisations(bob, region):
    mapping = {"name": "name", "kind": "kind", "org_type": "org_type", "affiliation": "employer"}
    problems = refused(
        region, bob, "actors",
        "name,kind,org_type,employer\nAnna,person,,Nowhere Inc\nFirm,organisation,firm_sme,Firm 2\n"
        "Firm 2,organisation,firm_sme,\nCarl,person,,Anna\n",
        mapping,
    )  # fmt: skip
    assert problems == [
        "row 2, column employer: No organisation named 'Nowhere Inc' in this region or in this file.",
        "row 3, column employer: Only persons have this field.",
        "row 5, column employer: No organisation named 'Anna' in this region or in this file.",
    ]


# --- Refusals: every problem listed, nothing written -----------------------------------------


ACTOR_MAPPING = {"name": "name", "kind": "kind", "org_type": "org_type", "founded": "founded"}


def refused(region, user, target: str, csv_text: str, mapping: dict) -> list[str]:
    before = (Actor.objects.count(), Interaction.objects.count())
    with pytest.raises(ImportErrors) as error:
        csv_import(region=region, target=target, table=read_table(csv_text.encode()), mapping=mapping, user=user)
    assert (Actor.objects.count(), Interaction.objects.count()) == before
    return [str(problem) for problem in error.value.problems]


def test_it_reports_every_bad_actor_row_and_writes_none(bob, region):
    factories.OrganisationFactory(region=region, name="Elmos")
    problems = refused(
        region, bob, "actors",
        "name,kind,org_type,founded\n"
        "Good GmbH,organisation,firm_sme,1999\n"  # valid, but not written either
        "Bad Kind,robot,firm_sme,\n"
        ",person,,\n"
        "No Type,organisation,,\n"
        "Old,organisation,university,1066\n"  # only the database states this rule
        "Year,organisation,university,soon\n"
        "Elmos,organisation,firm_large,\n"
        "Good GmbH,organisation,firm_sme,\n"
        "Person With Type,person,university,\n",
        ACTOR_MAPPING,
    )  # fmt: skip
    assert problems == [
        "row 3, column kind: 'robot' is not one of: organisation, person.",
        "row 4, column name: This field is required.",
        "row 5, column org_type: An organisation needs an organisation type.",
        "row 7, column founded: 'soon' is not a whole number.",
        "row 8, column name: An actor 'Elmos' (organisation) already exists in this region.",
        "row 9, column name: Repeats row 2.",
        "row 10, column org_type: Only organisations have this field.",
    ]


def test_it_reports_unknown_actors_self_ties_and_ties_across_regions(bob, region, study):
    factories.OrganisationFactory(region=region, name="Elmos")
    factories.OrganisationFactory(region=region, name="TU Dortmund")
    factories.OrganisationFactory(region=factories.RegionFactory(study=study, name="Dresden"), name="Infineon")
    factories.InteractionFactory(region=region, source=Actor.objects.get(name="Elmos"),
                                 target=Actor.objects.get(name="TU Dortmund"))  # fmt: skip
    problems = refused(
        region, bob, "interactions",
        "source,target,modes,time\n"
        "Elmos,Nobody,cooperation,\n"
        "Elmos,Elmos,cooperation,\n"
        "Elmos,Infineon,cooperation,\n"
        "Elmos,TU Dortmund,friendship,\n"
        "Elmos,TU Dortmund,,\n"
        "Elmos,TU Dortmund,rivalry,9\n"
        "TU Dortmund,Elmos,cooperation,\n"
        "Elmos,TU Dortmund,rivalry,\n"
        "Elmos,TU Dortmund,rivalry,\n",
        {"source": "source", "target": "target", "modes": "modes", "rating_time": "time"},
    )  # fmt: skip
    assert problems == [
        "row 2, column target: No actor named 'Nobody' in Dortmund; import the actors first.",
        "row 3, column target: A tie needs two different actors (this study does not allow self-ties).",
        "row 4, column target: 'Infineon' is an actor of Dresden, not of Dortmund: ties across regions are not allowed.",  # noqa: E501
        "row 5, column modes: 'friendship' is not a coordination mode: competition, rivalry, conflict, cooperation.",
        "row 6, column modes: Pick at least one coordination mode.",
        "row 7, column time: Rate from 0 to 4.",
        "row 8, column source: The same tie (actors, wave, direction and modes) is already coded in this region.",
        "row 9, column source: Repeats row 7.",
        "row 10, column source: Repeats row 7.",
    ]


def test_rules_only_the_database_states_are_reported_by_row(bob, region):
    csv_text = "name,kind,org_type,founded\nA,organisation,firm_sme,1999\nB,organisation,firm_sme,1066\n"
    problems = refused(region, bob, "actors", csv_text, ACTOR_MAPPING)
    assert problems == ["row 3, column founded: The founding year must be between 1800 and 2100."]


def test_it_refuses_a_mapping_without_required_fields_and_rows_with_extra_cells(bob, region):
    assert refused(region, bob, "actors", "name,kind\nA,person\n", {"name": "name"}) == [
        "column mapping: Choose the column for “Kind (organisation / person)”: it is required."
    ]
    assert refused(region, bob, "actors", "name,kind\nA,person,oops\n", {"name": "name", "kind": "kind"}) == [
        "row 2: Has 3 cells but the header has 2 columns."
    ]
    assert refused(region, bob, "actors", "name,kind\n", {"name": "name", "kind": "name"})[0].startswith(
        "column mapping, column name: Feeds both"
    )


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_job_page_lists_the_problems_and_imports_nothing(client, bob, region):
    client.force_login(bob)
    upload = SimpleUploadedFile("a.csv", b"name,kind\nA,robot\nB,\n")
    client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    mapping = {"name": "name", "kind": "kind"}
    response = client.post(reverse("exports:csv-import-map", args=[region.pk]), mapping, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was imported: 2 problems" in page
    assert "row 2, column kind: &#x27;robot&#x27; is not one of" in page and "row 3, column kind: This field" in page
    assert not Actor.objects.filter(region=region).exists()


def test_it_refuses_files_over_the_size_limit_and_binary_files(client, bob, region, settings):
    settings.CSV_IMPORT_MAX_BYTES = 20
    client.force_login(bob)
    upload = SimpleUploadedFile("big.csv", b"name,kind\n" + b"A,person\n" * 5)
    response = client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    assert response.status_code == 200 and "larger than 20" in response.content.decode()
    settings.CSV_IMPORT_MAX_BYTES = 10_000
    upload = SimpleUploadedFile("book.xlsx", b"PK\x03\x04\x00\x00binary")
    response = client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    assert "not CSV text" in response.content.decode()


def test_viewers_cannot_import(client, carol, region):
    client.force_login(carol)
    upload = SimpleUploadedFile("a.csv", ACTORS_CSV.encode())
    response = client.post(reverse("exports:csv-import", args=[region.pk]), {"target": "actors", "file": upload})
    assert response.status_code == 403 and not Actor.objects.filter(region=region).exists()


@pytest.mark.parametrize("target", ["actors", "interactions"])
def test_import_queries_do_not_grow_with_rows(target, bob, region):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run(n: int, offset: int) -> int:
        if target == "actors":
            lines = [f"New {offset + i},person" for i in range(n)]
            mapping = {"name": "name", "kind": "kind"}
        else:
            targets = [factories.OrganisationFactory(region=region).name for _ in range(n + 1)]
            lines = [f"{targets[-1]},{name},cooperation,tie {offset + i}" for i, name in enumerate(targets[:-1])]
            mapping = {"source": "name", "target": "kind", "modes": "modes", "content": "content"}
        header = "name,kind" if target == "actors" else "name,kind,modes,content"
        table = read_table("\n".join([header, *lines]).encode())
        with CaptureQueriesContext(connection) as queries:
            csv_import(region=region, target=target, table=table, mapping=mapping, user=bob)
        return len(queries)

    assert run(3, 0) == run(60, 100)
