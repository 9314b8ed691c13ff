"""Search across a study's transcripts: stemming per language, context lines, filters, access, odd input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.search.conftest import ENGLISH, GERMAN

pytestmark = pytest.mark.django_db


def search(client, study, **params):
    return client.get(reverse("search:search", args=[study.pk]), params)


def test_german_kooperationen_finds_kooperation_in_a_german_interview(client, carol, study, german, english):
    client.force_login(carol)
    response = search(client, study, q="Kooperationen")
    page = response.content.decode()
    assert response.status_code == 200
    # "Kooperation" starts at offset 4 of GERMAN ("Die " is 4 characters) and ends at 4 + 11 = 15.
    assert GERMAN[4:15] == "Kooperation"
    assert "<mark>Kooperation</mark>" in page
    assert f"{reverse('coding:interview-code', args=[german.pk])}#at-4-15" in page
    assert "Spin-off founder" not in page
    assert "1 interview matches" in page


def test_english_firms_finds_firm_and_firms_with_their_paragraphs(client, carol, study, german, english):
    client.force_login(carol)
    page = search(client, study, q="firms").content.decode()
    # "firm" at 4..8 of ENGLISH ("Our " is 4); line 1 is paragraph 1. "firms" after "…room.\nTwo ":
    # the first line is 29 characters, so line 2 starts at 30 and "firms" at 34..39, paragraph 2.
    assert ENGLISH[4:8] == "firm" and ENGLISH[34:39] == "firms"
    assert "#at-4-8" in page and "#at-34-39" in page
    assert "¶ 1" in page and "¶ 2" in page
    assert "Gießerei" not in page


def test_a_word_is_matched_only_with_the_stemmer_of_its_interview_language(client, carol, study, swedish, english):
    client.force_login(carol)
    # Swedish "samarbete" and "Samarbeten" share the stem "samarbet"; the english interview has neither.
    page = search(client, study, q="samarbete").content.decode()
    assert "<mark>Samarbeten</mark>" in page and "Spin-off founder" not in page


def test_a_phrase_is_one_hit_and_an_excluded_word_removes_an_interview(client, carol, study, german, english):
    client.force_login(carol)
    page = search(client, study, q='"clean room"').content.decode()
    # "clean room" at 17..27 of ENGLISH ("Our firm shares a " is 18 characters? O-u-r-space = 4,
    # firm-space = 9, shares-space = 16, a-space = 18): 18..28.
    assert ENGLISH[18:28] == "clean room"
    assert "<mark>clean room</mark>" in page and "#at-18-28" in page
    page = search(client, study, q="firm -training").content.decode()
    assert "No transcript matches." in page


def test_or_finds_either_word_across_languages(client, carol, study, german, english):
    client.force_login(carol)
    page = search(client, study, q="Kooperation or firm").content.decode()
    assert "2 interviews match" in page and "Gießerei" in page and "Spin-off founder" in page


def test_filters_by_region_and_language(client, carol, study, german, english):
    client.force_login(carol)
    page = search(client, study, q="Kooperation or firm", language="en").content.decode()
    assert "Spin-off founder" in page and "Gießerei" not in page
    page = search(client, study, q="Kooperation or firm", region=german.region_id).content.decode()
    assert "Gießerei" in page and "Spin-off founder" not in page


def test_a_wave_filter_keeps_only_that_waves_interviews(client, carol, study, region, german):
    wave = factories.WaveFactory(region=region, label="2024")
    later = factories.InterviewFactory(region=region, wave=wave, title="Later", language="de", transcript=GERMAN)
    client.force_login(carol)
    page = search(client, study, q="Kooperation", wave=wave.pk).content.decode()
    assert "Later" in page and "Gießerei" not in page
    assert later.pk


def test_the_transcript_text_is_escaped_in_context_lines(client, carol, study, region):
    factories.InterviewFactory(region=region, language="en", transcript="<script>alert(1)</script> firm <b>x</b>")
    client.force_login(carol)
    page = search(client, study, q="firm").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>firm</mark> &lt;b&gt;x&lt;/b&gt;" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This field is required."),
        ('"', "The search has no words in it, only signs"),
        ("-", "The search has no words in it, only signs"),
        ("&|!", "The search has no words in it, only signs"),
        ("-firm", "at least one word that is not excluded"),
        ("or", "The search has no words in it, only signs"),
        ("x" * 10_000, "at most 500 characters long (this one has 10000)"),
        ("firm\x00", "Null characters are not allowed."),
    ],
)
def test_odd_input_gets_a_message_and_a_400_never_a_500(client, carol, study, english, typed, message):
    client.force_login(carol)
    response = search(client, study, q=typed)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("typed", ['firm"', '"firm', "firm & | ! ( ) : *", "firm or", "or firm", "'firm'", "firm:*"])
def test_syntax_signs_around_words_are_read_as_space(client, carol, study, english, typed):
    client.force_login(carol)
    response = search(client, study, q=typed)
    assert response.status_code == 200 and "Spin-off founder" in response.content.decode()


def test_non_members_get_404_and_viewers_see_no_auto_coding(client, mallory, carol, study, english):
    client.force_login(mallory)
    assert search(client, study, q="firm").status_code == 404
    client.force_login(carol)
    page = search(client, study, q="firm").content.decode()
    assert "Code all hits" not in page


def test_the_search_page_takes_the_same_queries_for_2_and_12_interviews(
    client, carol, study, region, django_assert_max_num_queries
):
    client.force_login(carol)
    for n in range(2):
        factories.InterviewFactory(region=region, title=f"A {n}", language="en", transcript=ENGLISH)
    search(client, study, q="firms")  # warm the session
    with django_assert_max_num_queries(10) as small:
        search(client, study, q="firms")
    for n in range(10):
        factories.InterviewFactory(region=region, title=f"B {n}", language="en", transcript=ENGLISH * 5)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        page = search(client, study, q="firms").content.decode()
    # Page 1 holds "A 0", "A 1" (firm, firms: 2 hits each) and "B 0".."B 7" (5 copies: 10 each).
    assert page.count("<mark>") == 2 * 2 + 8 * 10
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_phrase_highlights_its_words_only_where_they_stand_together(client, carol, study, region):
    text = "The room was clean. A clean room helps."
    factories.InterviewFactory(region=region, language="en", transcript=text)
    client.force_login(carol)
    page = search(client, study, q='"clean room"').content.decode()
    # "The room was clean. " is 20 characters, "A " 2 more: the phrase is 22..32; the lone "room" and
    # "clean" of the first sentence are no hits.
    assert text[22:32] == "clean room"
    assert page.count("<mark>") == 1 and "#at-22-32" in page
    page = search(client, study, q='"clean room" room').content.decode()
    # "room" typed alone as well: its lone occurrence at 4..8 is a hit too.
    assert page.count("<mark>") == 2 and "#at-4-8" in page and "#at-22-32" in page


def test_matched_words_separated_only_by_spaces_join_into_one_hit(client, carol, study, region):
    factories.InterviewFactory(region=region, language="en", transcript="firm " * 30)
    client.force_login(carol)
    page = search(client, study, q="firm").content.decode()
    # 30 times "firm " is 150 characters; the hit runs from 0 to the end of the last "firm", 149.
    assert page.count("<mark>") == 1 and "#at-0-149" in page


def test_an_interview_with_30_hits_shows_25_lines_and_says_5_more(client, carol, study, region):
    factories.InterviewFactory(region=region, language="en", transcript="a firm.\n" * 30)
    client.force_login(carol)
    page = search(client, study, q="firm").content.decode()
    # 30 lines of "a firm.": 30 hits, none joined (a line break between them); 25 shown, 30 - 25 = 5 more.
    assert page.count("<mark>") == 25
    assert "and 5 more hits in this interview" in page
