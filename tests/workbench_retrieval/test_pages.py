"""The Boolean retrieval and co-occurrence pages and the files of a result (see conftest for the study)."""

from __future__ import annotations

import csv
import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from coding.models import Coding
from tests import factories


def retrieve(client, study, **params):
    return client.get(reverse("coding:boolean-retrieval", args=[study.pk]), params)


def test_a_and_b_lists_a_passages_overlapping_b_with_paragraph_and_memo(client, carol, study, world):
    # Trust "trust" [3,8) overlaps Rivalry "We trust the institute." [0,23): 3 < 23 and 0 < 8.
    client.force_login(carol)
    response = retrieve(client, study, code_1=world.trust.pk, op_2="and", code_2=world.rivalry.pk)
    page = response.content.decode()
    assert response.status_code == 200
    assert "“trust”" in page and "Memo: Trust in the institute" in page
    assert '<td class="paragraph">¶ 1</td>' in page
    assert "1 passage." in page and "“Trust” AND “Rivalry”" in page


def test_the_coder_filter_applies_to_both_sides_of_and(client, carol, study, world, bob):
    # bob's Trust passage overlaps only alice's Rivalry passage: with coder=bob nothing is left.
    client.force_login(carol)
    page = retrieve(client, study, code_1=world.trust.pk, op_2="and", code_2=world.rivalry.pk, coder=bob.pk)
    assert "No passages match." in page.content.decode()


def test_not_keeps_the_passages_overlapping_none(client, carol, study, world):
    # Rivalry: "We trust the institute." overlaps Trust; "rivals" [33,39) overlaps nothing of Trust.
    client.force_login(carol)
    page = retrieve(client, study, code_1=world.rivalry.pk, op_2="not", code_2=world.trust.pk).content.decode()
    assert "“rivals”" in page and "“We trust the institute.”" not in page


@pytest.mark.parametrize(("within", "found"), [("1", True), ("0", False)])
def test_followed_within_n_paragraphs(client, carol, study, world, within, found):
    # "rivals" ends at 39 in ¶ 2; "left" starts at 57 in ¶ 3: 3 - 2 = 1 paragraph later.
    client.force_login(carol)
    page = retrieve(
        client, study, code_1=world.rivalry.pk, op_2="follows", code_2=world.exit.pk, within_2=within
    ).content.decode()
    assert ("“left”" in page) is found
    assert "“Later”" not in page  # the second interview has no Rivalry


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "REGION"}, "Pick at least one code."),
        ({"code_1": "FOREIGN"}, "Pick a code from this study&#x27;s coding scheme."),
        ({"code_1": "TRUST", "op_2": "follows", "code_2": "EXIT", "within_2": "-1"}, "greater than or equal to 0"),
        ({"code_1": "TRUST", "op_2": "follows", "code_2": "EXIT", "within_2": "100000"}, "less than or equal to 100"),
        ({"code_1": "TRUST", "op_2": "follows", "code_2": "EXIT"}, "needs N"),
        ({"code_1": "TRUST", "op_2": "and"}, "Row 2: pick both an operator and a code"),
        ({"code_1": "TRUST", "op_2": "xor", "code_2": "EXIT"}, "Select a valid choice"),
        ({"code_1": "TRUST", "wave": "FOREIGN_WAVE"}, "Pick a wave of this study."),
    ],
)
def test_bad_queries_are_a_400_with_the_reason(client, carol, study, world, other_study, region, params, message):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    foreign_wave = factories.WaveFactory(region=factories.RegionFactory(study=other_study))
    values = {"REGION": region.pk, "FOREIGN": foreign.pk, "TRUST": world.trust.pk, "EXIT": world.exit.pk}
    values["FOREIGN_WAVE"] = foreign_wave.pk
    params = {key: values.get(value, value) for key, value in params.items()}
    before = Coding.objects.count()
    client.force_login(carol)
    for name in ("boolean-retrieval", "boolean-export"):
        kwargs = {"pk": study.pk} | ({"fmt": "csv"} if name == "boolean-export" else {})
        response = client.get(reverse(f"coding:{name}", kwargs=kwargs), params)
        assert response.status_code == 400, (name, params)
        assert message in response.content.decode(), name
    assert Coding.objects.count() == before


def test_an_unknown_file_type_is_404(client, carol, study, world):
    client.force_login(carol)
    url = reverse("coding:boolean-export", args=[study.pk, "pdf"])
    assert client.get(url, {"code_1": world.trust.pk}).status_code == 404


def export(client, study, world, fmt):
    url = reverse("coding:boolean-export", args=[study.pk, fmt])
    return client.get(url, {"code_1": world.trust.pk, "op_2": "or", "code_2": world.exit.pk})


def test_csv_and_xlsx_hold_quote_interview_region_paragraph_code_coder_memo(client, carol, study, world, region):
    # Trust OR Exit: "trust" (¶ 1), "left" (¶ 3) in "Founder, spring"; "Later" (¶ 1) in "Engineer, autumn".
    # Interviews are ordered by region, date (the same), then title: Engineer before Founder.
    client.force_login(carol)
    response = export(client, study, world, "csv")
    assert response["Content-Disposition"] == f'attachment; filename="study-{study.pk}-passages.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["quote", "interview", "region", "wave", "paragraph", "codes", "coder", "memo", "coding_id"]
    assert [row[:8] for row in rows[1:]] == [
        ["Later", "Engineer, autumn", "Dortmund", "", "¶ 1", "Exit", "bob", ""],
        ["trust", "Founder, spring", "Dortmund", "Spring 2024", "¶ 1", "Trust", "bob", "Trust in the institute"],
        ["left", "Founder, spring", "Dortmund", "Spring 2024", "¶ 3", "Exit", "bob", ""],
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, study, world, "xlsx").getvalue())).active
    assert [list(row)[:5] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        [row[0], row[1], row[2], row[3] or None, row[4]] for row in rows[1:]
    ]


def test_the_readable_document_has_each_quote_with_its_source_and_memo(client, carol, study, world):
    client.force_login(carol)
    html = export(client, study, world, "html").content.decode()
    assert "<blockquote>“trust”</blockquote>" in html
    assert "Founder, spring, Dortmund · Spring 2024, ¶ 1 — Trust (bob)" in html
    assert "<strong>Memo:</strong> Trust in the institute" in html
    document = docx.Document(io.BytesIO(export(client, study, world, "docx").getvalue()))
    texts = [paragraph.text for paragraph in document.paragraphs]
    at = texts.index("“trust”")
    assert texts[at + 1 : at + 3] == [
        "Founder, spring, Dortmund · Spring 2024, ¶ 1 — Trust (bob)",
        "Memo: Trust in the institute",
    ]
    assert "“Trust” OR “Exit”" in texts[1]


def test_cooccurrence_counts_overlapping_passages_and_links_to_them(client, carol, study, world):
    # Trust: {trust}; Rivalry: {whole, rivals}. "trust" overlaps "whole": O(T,R) = {trust}, O(R,T) = {whole}
    # -> count 2, Jaccard 2 / (1 + 2) = 0.67.  Exit overlaps nothing.
    client.force_login(carol)
    page = client.get(reverse("coding:cooccurrence", args=[study.pk])).content.decode()
    link = f"?unit=passage&amp;a={world.trust.pk}&amp;b={world.rivalry.pk}"
    assert f'<td class="heat-4"><a href="/studies/{study.pk}/retrieval/boolean/{link}">2<small>0.67</small></a>' in page
    followed = client.get(reverse("coding:boolean-retrieval", args=[study.pk]) + link.replace("&amp;", "&"))
    text = followed.content.decode()
    assert "“trust”" in text and "“We trust the institute.”" in text and "“rivals”" not in text


def test_cooccurrence_by_interview_counts_interviews_with_both(client, carol, study, world):
    # I(Trust) = {Founder}, I(Exit) = {Founder, Engineer}: 1 shared of 2 -> Jaccard 0.50.
    client.force_login(carol)
    page = client.get(reverse("coding:cooccurrence", args=[study.pk]), {"unit": "interview"}).content.decode()
    # 0.50 is not above 0.5: the third shade.
    href = f"/studies/{study.pk}/retrieval/boolean/?unit=interview&amp;a={world.trust.pk}&amp;b={world.exit.pk}"
    assert f'<td class="heat-3"><a href="{href}">1<small>0.50</small></a>' in page


def test_cooccurrence_refuses_a_region_of_another_study(client, carol, study, world, other_region):
    client.force_login(carol)
    response = client.get(reverse("coding:cooccurrence", args=[study.pk]), {"region": other_region.pk})
    assert response.status_code == 400 and "Pick a region of this study." in response.content.decode()


def test_the_pages_and_files_are_404_outside_the_study(client, mallory, study, world):
    client.force_login(mallory)
    for url in (
        reverse("coding:boolean-retrieval", args=[study.pk]),
        reverse("coding:boolean-export", args=[study.pk, "csv"]),
        reverse("coding:cooccurrence", args=[study.pk]),
    ):
        assert client.get(url, {"code_1": world.trust.pk}).status_code == 404, url


def test_pseudonymised_files_replace_person_names_and_the_coder(client, carol, study, region, world, bob):
    # A person "Anna Weber" (pseudonym "Interviewee 7") is named in a Trust passage's quote and memo.
    factories.PersonFactory(region=region, name="Anna Weber", pseudonym="Interviewee 7")
    named = factories.InterviewFactory(region=region, title="Weber, spring", transcript="Anna Weber trusts us.")
    factories.CodingFactory(interview=named, code=world.trust, coder=bob, start=0, length=21, memo="Anna Weber again")
    client.force_login(carol)
    url = reverse("coding:boolean-export", args=[study.pk, "csv"])
    body = b"".join(client.get(url, {"code_1": world.trust.pk, "pseudonymised": "1"}).streaming_content).decode()
    # The surname alone is a person's name too (coding/exchange/pseudonyms.py): the title changes.
    assert "Weber" not in body
    assert 'Interviewee 7 trusts us.,"Interviewee 7, spring"' in body and "Interviewee 7 again" in body
    assert f"coder_{bob.pk}" in body and ",bob," not in body
    assert client.get(url, {"code_1": world.trust.pk, "pseudonymised": "maybe"}).status_code == 400


def test_the_builder_form_does_not_carry_a_cells_codes_along(client, carol, study, world):
    # Arriving from a cell (a, b) and submitting the builder must run the builder's query.
    client.force_login(carol)
    page = retrieve(client, study, a=world.trust.pk, b=world.rivalry.pk, unit="passage").content.decode()
    assert "“Trust” AND “Rivalry”) OR (“Rivalry” AND “Trust”)" in page
    assert 'name="a"' not in page and 'name="b"' not in page


def test_a_file_without_any_query_is_a_400(client, carol, study, world):
    client.force_login(carol)
    response = client.get(reverse("coding:boolean-export", args=[study.pk, "docx"]))
    assert response.status_code == 400 and "Pick at least one code." in response.content.decode()


def test_sub_codes_count_only_when_asked(client, carol, study, world, bob):
    # A sub-code of Trust codes "rivals" [33,39): with sub-codes, Trust's passages are "trust" and "rivals".
    institutional = factories.CodeFactory(scheme=study.coding_scheme, parent=world.trust, name="Institutional")
    factories.CodingFactory(interview=world.interview, code=institutional, coder=bob, start=33, length=6)
    client.force_login(carol)
    plain = retrieve(client, study, code_1=world.trust.pk).content.decode()
    assert "“trust”" in plain and "“rivals”" not in plain
    with_subs = retrieve(client, study, code_1=world.trust.pk, sub_codes="on").content.decode()
    assert "“trust”" in with_subs and "“rivals”" in with_subs and "2 passages." in with_subs


def test_interviewee_wave_and_region_filters(client, carol, study, world, region):
    # Exit: "left" (Founder, spring; wave Spring 2024) and "Later" (Engineer, autumn; no wave).
    engineer = factories.PersonFactory(region=region, name="Pat Engineer")
    world.second.interviewees.add(engineer)
    elsewhere = factories.RegionFactory(study=study, name="Cambridge")
    client.force_login(carol)

    def quotes(**params):
        page = retrieve(client, study, code_1=world.exit.pk, **params).content.decode()
        return [quote for quote in ("“left”", "“Later”") if quote in page]

    assert quotes(actor=engineer.pk) == ["“Later”"]
    assert quotes(wave=world.interview.wave_id) == ["“left”"]
    assert quotes(region=region.pk) == ["“left”", "“Later”"]
    assert quotes(region=elsewhere.pk) == []


def test_the_cooccurrence_table_shows_the_most_used_codes_unless_all_are_asked_for(client, carol, study, world, bob):
    # Twelve more codes; code k codes the first k + 1 characters of one interview k + 1 times
    # (distinct ends), so its size is k + 1: sizes 1..12, plus Trust 1, Rivalry 2, Exit 2.
    interview = world.interview
    extra = []
    for k in range(12):
        code = factories.CodeFactory(scheme=study.coding_scheme, name=f"Extra {k:02d}")
        for n in range(k + 1):
            factories.CodingFactory(interview=interview, code=code, coder=bob, start=0, length=1 + n)
        extra.append(code)
    client.force_login(carol)
    url = reverse("coding:cooccurrence", args=[study.pk])
    page = client.get(url, {"shown": "10"}).content.decode()
    # The ten largest: Extra 11 (12) down to Extra 02 (3); Rivalry and Exit (2) are not among them.
    assert "Showing the 10 most used of 15 codes" in page
    assert all(f"Extra {k:02d}" in page for k in range(2, 12))
    assert "Extra 01" not in page and "Rivalry" not in page
    everything = client.get(url, {"shown": "all"}).content.decode()
    assert "Showing the" not in everything and "Extra 00" in everything and "Rivalry" in everything
