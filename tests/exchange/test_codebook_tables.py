"""Codebooks as CSV and XLSX tables (Taguette's and ours) and Taguette's dotted .qdc names: read into
the trees written out below, malformed files refused with their rows named and nothing written,
and the downloads on the export page, the API and the admin."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from coding.choices import CoordinationMode
from coding.exchange.records import ImportErrors
from coding.exchange.refi.qdc_reader import read_codebook_file
from coding.exchange.refi.services import codebook_import
from coding.exchange.tables.codebook import MODES
from coding.models import Code, CodingScheme
from tests import factories

IMPORT_PAGE = "admin:coding_codingscheme_import_qdc"

OURS_CSV = (
    "tag,path,description,colour,example,concept\r\n"
    "Trust,Trust,Confidence in a partner,#F58518,,Sociality\r\n"
    "Competence,Trust/Competence,Trust in skills,#4c78a8,“They know lasers”,\r\n"
    "Goodwill,Trust/Goodwill,,,,\r\n"
    "Rivalry,Rivalry,,#E45756,,Rivalry\r\n"
    "R&D / patents,Rivalry/R&D \\/ patents,,,,\r\n"
).encode()

# Taguette's codebook export: tag, description, number of highlights; sub-codes as dotted names.
TAGUETTE_CSV = b"tag,description,number of highlights\nTrust,,3\nTrust.Competence,Skills,2\nRivalry.Price,,0\n"

TAGUETTE_QDC = b"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette"><Codes>
  <Code guid="11111111-1111-4111-8111-111111111111" name="Trust" isCodable="true"/>
  <Code guid="22222222-2222-4222-8222-222222222222" name="Trust.Competence" isCodable="true"/>
  <Code guid="33333333-3333-4333-8333-333333333333" name="Rivalry.Price" isCodable="true"/>
</Codes></CodeBook>"""


def _broken_xlsx() -> bytes:
    """A zip with the parts of a workbook, each holding text that is not its XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"):
            archive.writestr(part, "<not xml")
    return buffer.getvalue()


BROKEN_XLSX = _broken_xlsx()


def tree(codes):
    """(path, colour, definition) of each code: what a researcher would check in the admin."""
    by_guid = {code.guid: code for code in codes}

    def path(code):
        return (*path(by_guid[code.parent_guid]), code.name) if code.parent_guid else (code.name,)

    return [("/".join(path(code)), code.colour, code.definition) for code in codes]


def db_tree(scheme):
    def path(code):
        return f"{path(code.parent)}/{code.name}" if code.parent else code.name

    return sorted(path(code) for code in Code.objects.filter(scheme=scheme).select_related("parent__parent"))


def test_our_csv_is_read_as_the_tree_of_its_paths():
    read = read_codebook_file(OURS_CSV, "codes.csv")
    # Written out: rows in file order are already parents first; the escaped "\/" is a "/" in the name.
    assert tree(read.codes) == [
        ("Trust", "#F58518", "Confidence in a partner"),
        ("Trust/Competence", "#4c78a8", "Trust in skills"),
        ("Trust/Goodwill", "", ""),
        ("Rivalry", "#E45756", ""),
        ("Rivalry/R&D / patents", "", ""),
    ]
    assert read.codes[1].example == "“They know lasers”" and read.codes[0].concept == "Sociality"
    assert read.added_parents == [] and read.ignored_columns == []


def test_taguettes_csv_is_flat_unless_dotted_names_are_read_as_the_hierarchy():
    flat = read_codebook_file(TAGUETTE_CSV, "taguette.csv")
    assert [name for name, _, _ in tree(flat.codes)] == ["Trust", "Trust.Competence", "Rivalry.Price"]
    assert flat.ignored_columns == ["number of highlights"]
    nested = read_codebook_file(TAGUETTE_CSV, "taguette.csv", split_names=True)
    # Rivalry is in no row: it is created as the parent of Price.
    assert tree(nested.codes) == [
        ("Trust", "", ""),
        ("Trust/Competence", "", "Skills"),
        ("Rivalry", "", ""),
        ("Rivalry/Price", "", ""),
    ]
    assert nested.added_parents == ["Rivalry"]


def test_the_modes_a_table_may_suggest_are_the_coordination_modes():
    assert tuple(CoordinationMode.values) == MODES


def test_a_path_without_its_parents_creates_them():
    read = read_codebook_file(b"path\nA/B/C\n", "deep.csv")
    assert [name for name, _, _ in tree(read.codes)] == ["A", "A/B", "A/B/C"]
    assert read.added_parents == ["A", "A/B"]


def test_an_xlsx_table_is_read_like_the_csv():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Path", "Description", "Colour"])  # "name" for "tag"; any case
    sheet.append(["Trust", "Trust", "Confidence", "#f58518"])
    sheet.append([None, None, None, None])  # a blank row is skipped
    sheet.append(["Competence", "Trust/Competence", None, None])
    sheet.append([2024, None, None, None])  # a number typed as a name is its text
    content = io.BytesIO()
    workbook.save(content)
    read = read_codebook_file(content.getvalue(), "codes.xlsx")
    assert tree(read.codes) == [
        ("Trust", "#f58518", "Confidence"),
        ("Trust/Competence", "", ""),
        ("2024", "", ""),
    ]


def test_taguettes_dotted_qdc_names_become_the_hierarchy_only_when_asked():
    flat = read_codebook_file(TAGUETTE_QDC, "taguette.qdc")
    assert [name for name, _, _ in tree(flat.codes)] == ["Trust", "Trust.Competence", "Rivalry.Price"]
    nested = read_codebook_file(TAGUETTE_QDC, "taguette.qdc", split_names=True)
    assert [name for name, _, _ in tree(nested.codes)] == ["Trust", "Trust/Competence", "Rivalry", "Rivalry/Price"]
    assert nested.added_parents == ["Rivalry"]


def test_two_qdc_codes_on_one_path_are_refused_when_names_are_split():
    clash = TAGUETTE_QDC.replace(b'name="Rivalry.Price"', b'name="Trust/Competence"')
    with pytest.raises(ImportErrors) as refused:
        read_codebook_file(clash, "clash.qdc", split_names=True)
    assert [str(problem) for problem in refused.value.problems] == [
        "code 'Trust/Competence': 'Trust/Competence' is also the path of 'Trust.Competence'"
    ]


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b"description,colour\nx,#ffffff\n", "c.csv",
         ["c.csv, header: the header needs a column 'tag' (or 'name') or 'path'; "
          "its columns are 'description', 'colour'"]),
        (b"tag,path\nA,A\nB,A/B\nB,A/B\n", "c.csv", ["c.csv, row 4: the path 'A/B' is also on row 3"]),
        (b"tag,path,colour\nB,A/C,red\n,,#fff\n", "c.csv",
         ["c.csv, row 2: the tag 'B' is not the last part of the path 'A/C'",
          "c.csv, row 2: colour 'red' is not #RRGGBB",
          "c.csv, row 3: the row has no tag and no path"]),
        (b"path\nA//B\n", "c.csv", ["c.csv, row 2: the path 'A//B' has an empty part"]),
        (b"tag,suggests_mode\nA,friendship\n", "c.csv",
         ["c.csv, row 2: suggests_mode 'friendship' is none of competition, rivalry, conflict, cooperation"]),
        (b"tag\n\x81\x8d\n", "c.csv", ["c.csv, file: The file is neither UTF-8, UTF-16 nor Windows-1252 text."]),
        (b"tag\n", "c.csv", ["c.csv: the table has no codes"]),
        (b"PK\x03\x04 not really a workbook", "c.xlsx", ["c.xlsx: this is not an Excel workbook (.xlsx)"]),
        (BROKEN_XLSX, "c.xlsx", ["c.xlsx: this is not an Excel workbook (.xlsx)"]),
        (b"tag\nA\n", "c.txt", ["c.txt: choose a codebook: a file ending in .qdc, .csv or .xlsx"]),
    ],
)  # fmt: skip
@pytest.mark.django_db
def test_malformed_tables_are_refused_with_their_rows_and_nothing_is_written(content, filename, expected):
    with pytest.raises(ImportErrors) as refused:
        codebook_import(data=content, name="Broken", filename=filename)
    assert [str(problem) for problem in refused.value.problems] == expected
    assert not CodingScheme.objects.filter(name="Broken").exists()


@pytest.mark.django_db
def test_a_code_the_model_refuses_rolls_back_the_whole_table():
    # The reader checks names and paths; a concept over the model's 200 characters is refused by
    # the model's own check, after "Fine" was created: the whole scheme is rolled back.
    content = ("tag,concept\nFine,\nLong," + "c" * 201 + "\n").encode()
    with pytest.raises(ImportErrors) as refused:
        codebook_import(data=content, name="Broken", filename="long.csv")
    assert [problem.where for problem in refused.value.problems] == ["long.csv, code 'Long'"]
    assert not Code.objects.filter(name="Fine").exists() and not CodingScheme.objects.filter(name="Broken").exists()


@pytest.mark.django_db
def test_the_csv_import_writes_the_tree_as_a_new_scheme_version():
    scheme = codebook_import(data=OURS_CSV, name="Cluster codes", filename="codes.csv")
    assert db_tree(scheme) == sorted(
        ["Trust", "Trust/Competence", "Trust/Goodwill", "Rivalry", "Rivalry/R&D / patents"]
    )
    # A row without a colour gets the model's default.
    assert Code.objects.get(scheme=scheme, name="Goodwill").colour == "#4c78a8"


@pytest.fixture
def scheme_study(study):
    scheme = study.coding_scheme
    trust = factories.CodeFactory(scheme=scheme, name="Trust", colour="#f58518", definition="Confidence", order=1)
    factories.CodeFactory(
        scheme=scheme, name="=Competence", parent=trust, concept="Sociality", suggests_mode="cooperation"
    )
    factories.CodeFactory(scheme=scheme, name="A/B", colour="#000000", order=2)
    return study


@pytest.mark.django_db
def test_the_export_page_offers_the_csv_codebook_readable_by_taguette(client, carol, scheme_study):
    client.force_login(carol)
    page = client.get(reverse("exports:study-list", args=[scheme_study.pk])).content.decode()
    assert reverse("exports:study-file", args=[scheme_study.pk, "codebook-csv"]) in page
    response = client.get(reverse("exports:study-file", args=[scheme_study.pk, "codebook-csv"]))
    assert response["Content-Disposition"] == f'attachment; filename="study-{scheme_study.pk}-codebook.csv"'
    # Written out: BOM, header, Trust (order 1) with its child, then A/B (order 2) whose "/" is escaped
    # in the path; "=Competence" gets the apostrophe against spreadsheet formulas.
    assert response.content.decode() == (
        "\ufefftag,path,description,colour,example,concept,suggests_mode\r\n"
        "Trust,Trust,Confidence,#f58518,,,\r\n"
        "'=Competence,Trust/=Competence,,#4c78a8,,Sociality,cooperation\r\n"
        "A/B,A\\/B,,#000000,,,\r\n"
    )


@pytest.mark.django_db
def test_the_xlsx_codebook_download_reads_back_into_the_same_tree(client, carol, scheme_study):
    client.force_login(carol)
    response = client.get(reverse("api:study-export", args=[scheme_study.pk, "codebook-xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # Written out: the header, then Trust with no example, concept or mode (empty cells read as None).
    assert rows[:2] == [
        ["tag", "path", "description", "colour", "example", "concept", "suggests_mode"],
        ["Trust", "Trust", "Confidence", "#f58518", None, None, None],
    ]
    scheme = codebook_import(data=response.content, name="Again", filename="back.xlsx")
    assert db_tree(scheme) == ["A/B", "Trust", "Trust/=Competence"]
    assert Code.objects.get(scheme=scheme, name="=Competence").suggests_mode == "cooperation"


@pytest.mark.django_db
def test_the_admin_previews_a_table_writes_nothing_then_imports_it_on_confirm(admin_client):
    upload = SimpleUploadedFile("Taguette codes.csv", TAGUETTE_CSV, content_type="text/csv")
    form = {"upload": upload, "name": "", "split_names": "on", "preview": "Preview"}
    response = admin_client.post(reverse(IMPORT_PAGE), form)
    page = response.content.decode()
    assert response.status_code == 200 and "Preview: 4 codes for the scheme “Taguette codes”" in page
    assert "Created as parents because a code names them: Rivalry." in page
    assert "Columns ignored: number of highlights." in page
    assert not CodingScheme.objects.filter(name="Taguette codes").exists()
    confirm = {field: response.context["confirm"][field].value() for field in ("content", "filename", "name")}
    confirm["split_names"] = "True"
    response = admin_client.post(reverse(IMPORT_PAGE), confirm)
    scheme = CodingScheme.objects.get(name="Taguette codes")
    assert response.status_code == 302 and db_tree(scheme) == ["Rivalry", "Rivalry/Price", "Trust", "Trust/Competence"]


@pytest.mark.django_db
def test_a_tampered_preview_is_refused_and_nothing_is_written(admin_client):
    form = {"content": "not base64!", "filename": "x.csv", "name": "Tampered", "split_names": "False"}
    page = admin_client.post(reverse(IMPORT_PAGE), form).content.decode()
    assert "The previewed file did not come back whole" in page
    assert not CodingScheme.objects.filter(name="Tampered").exists()


@pytest.mark.django_db
def test_the_admin_downloads_a_scheme_as_csv(admin_client, scheme_study):
    scheme = scheme_study.coding_scheme
    response = admin_client.post(
        reverse("admin:coding_codingscheme_changelist"),
        {"action": "download_codebook_csv", "_selected_action": [scheme.pk]},
    )
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{scheme.name.lower().replace(" ", "-")}-v1-codebook.csv"'
    )
    assert response.content.decode().splitlines()[1] == "Trust,Trust,Confidence,#f58518,,,"
