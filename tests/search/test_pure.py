"""The pure parts of search: reading a query as websearch_to_tsquery does, hits, context, units."""

from __future__ import annotations

import hashlib

import pytest

from cases.models import Interview
from coding.interviews.paragraphs import ParagraphIndex
from coding.search.kwic import Hit, any_of, context_line, find_hits, passages, sentence_bounds
from coding.search.query import QueryRefused, Term, matches_prefixes, parse
from tests import factories


def test_words_are_anded_phrases_kept_or_splits_and_minus_excludes():
    query = parse('Kooperation "trade fair" -Messe or firms')
    assert query.alternatives == (
        (Term(("kooperation",)), Term(("trade", "fair")), Term(("messe",), negated=True)),
        (Term(("firms",)),),
    )
    assert query.positive_words == ["kooperation", "trade", "fair", "firms"]
    assert query.single_words == {"kooperation", "firms"}


@pytest.mark.parametrize("typed", ["", "   ", '"', "-", "&|!", "or", '""', "- -"])
def test_queries_without_a_word_are_refused(typed):
    with pytest.raises(QueryRefused):
        parse(typed)


def test_a_query_of_only_exclusions_is_refused_with_its_reason():
    with pytest.raises(QueryRefused, match="not excluded"):
        parse("-firm -cluster")


def test_prefix_matching_of_the_sqlite_fallback():
    query = parse("firm -grew or cluster")
    assert matches_prefixes(query, "Firms met.")
    assert not matches_prefixes(query, "Firms grew.")
    assert matches_prefixes(query, "Clusters grew.")
    assert not matches_prefixes(query, "Confirm.")
    phrase = parse('"two firm"')
    assert matches_prefixes(phrase, "We saw two, firms.")
    assert not matches_prefixes(phrase, "Two met firms.")


def test_adjacent_matches_join_into_one_hit_across_spaces_but_not_lines():
    text = "a clean room.\nclean\nroom"
    hits = find_hits(text, any_of(["clean", "room"]))
    # "clean room" 2..12 (joined by one space); "clean" 14..19 and "room" 20..24 are on separate lines.
    assert hits == [Hit(2, 12, 2), Hit(14, 19), Hit(20, 24)]


def test_words_match_whole_ignoring_case_and_prefixes_match_word_starts():
    text = "Firm and firms; confirm FIRM_x"
    # "Firm" 0..4, "firms" 9..14, "confirm" 16..23, "FIRM" 24..28 ("_" ends a word).
    assert [(h.start, h.end) for h in find_hits(text, any_of(["firm"]))] == [(0, 4), (24, 28)]
    assert [(h.start, h.end) for h in find_hits(text, any_of(["firm"], prefixes=True))] == [(0, 4), (9, 14), (24, 28)]
    assert find_hits(text, any_of([])) == []


def test_context_is_cut_at_word_boundaries_inside_the_paragraph():
    text = "First line.\n" + "word " * 30 + "firm " + "more " * 30
    start = text.index("firm")
    line = context_line(text, Hit(start, start + 4), ParagraphIndex(text), width=12)
    # 12 characters back from "firm" is inside "word word word "; cut after the first space:
    # the context before is whole words only, the same after.
    assert line.before == "word word " and line.match == "firm" and line.after == " more more"
    assert line.cut_before and line.cut_after and line.paragraph == "¶ 2"


def test_sentences_end_at_punctuation_followed_by_space_and_stay_in_their_paragraph():
    text = "Dr.Smith came. We met at the fair! Then? No.\nNext line."
    at = text.index("fair")
    # "Dr.Smith came. " is 15 characters: the sentence "We met at the fair!" is 15..34
    # (the "." in "Dr.Smith" has no space after it, so it ends no sentence).
    assert sentence_bounds(text, at, at + 4) == (15, 34)
    assert sentence_bounds(text, 0, 2) == (0, 14)
    # Two hits in one sentence ("met" 18..21, "fair" 29..33) are one passage.
    assert text[18:21] == "met" and text[29:33] == "fair"
    assert passages(text, [Hit(18, 21), Hit(29, 33)], "sentence") == [(15, 34)]
    assert passages(text, [Hit(18, 21)], "paragraph") == [(0, 44)]


@pytest.mark.django_db
def test_a_transcript_whose_vector_passes_1_mb_still_saves_and_its_start_is_searchable(region):
    # 60,000 distinct 32-letter tokens: about 2 MB of lexemes, past PostgreSQL's 1 MB tsvector limit.
    tokens = [hashlib.md5(str(n).encode()).hexdigest() for n in range(60_000)]  # noqa: S324 - not security
    interview = factories.InterviewFactory(region=region, language="en", transcript=" ".join(tokens))
    # Only the first 100,000 characters are indexed then: 100,000 / 33 ≈ 3,030 tokens.
    found = set(Interview.objects.extra(where=["search_vector @@ to_tsquery('english', %s)"], params=[tokens[0]]))
    assert found == {interview}
    late = Interview.objects.extra(where=["search_vector @@ to_tsquery('english', %s)"], params=[tokens[-1]])
    assert not late.exists()
