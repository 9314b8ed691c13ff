"""Reads of transcript search: matching interviews, their hits and keyword-in-context lines.

PostgreSQL: the interview's language picks the text-search configuration
(``cluster_search_config``, migration coding 0006, which stores each transcript's vector in the
generated column ``search_vector``) and the query is read with ``websearch_to_tsquery`` in each of
the four configurations, ORed, each part restricted to the interviews of that configuration, so
one GIN index answers all of them.

Where the hits are: ``ts_headline`` would re-parse each whole transcript on every page and says
nothing about offsets; instead the transcript's words are listed in Python (``kwic``) and the
database is asked once, for the few distinct words that could stem like a query word (same first
letters), which of them really share a lexeme with a query word in their interview's
configuration. So highlighting follows the same stemmer as the match, at one query per page.

SQLite (the embedded default) has no stemmer for German or Swedish: there the search is a LIKE
pre-filter and a word-prefix match in Python (``query.matches_prefixes``): ``firm`` finds
``firms``, ``firms`` does not find ``firm``; a phrase's words must follow each other. Good
enough for a demo; studies belong on PostgreSQL. (SQLite's FTS5 would need a virtual table kept in step with every
write and still has no German or Swedish stemmer, so it would not make the match the same.)
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery as PgSearchQuery
from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import CharField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from cases.models import Interview
from coding.interviews.paragraphs import ParagraphIndex
from coding.search.kwic import ContextLine, Hit, any_of, context_line, distinct_words, find_hits
from coding.search.query import SearchQuery, matches_prefixes

if TYPE_CHECKING:
    from cases.models import Region, Study, Wave

CONFIGS = ("german", "english", "swedish", "simple")
SQLITE = "sqlite"  # the configuration name reported for every interview on SQLite


@dataclass(frozen=True)
class Filters:
    region: Region | None = None
    wave: Wave | None = None
    language: str = ""


@dataclass
class InterviewHits:
    interview: Interview
    config: str
    hits: list[Hit] = field(default_factory=list)
    lines: list[ContextLine] = field(default_factory=list)


def _config_of() -> Cast:
    return Cast(Func(F("language"), function="cluster_search_config"), output_field=CharField())


def _vector() -> RawSQL:
    # The generated column of coding migration 0006, which the model does not declare.
    return RawSQL('"cases_interview"."search_vector"', [], output_field=SearchVectorField())


def study_interviews(study: Study, filters: Filters) -> QuerySet[Interview]:
    interviews = Interview.objects.filter(region__study=study)
    if filters.region is not None:
        interviews = interviews.filter(region=filters.region)
    if filters.wave is not None:
        interviews = interviews.filter(wave=filters.wave)
    if filters.language:
        interviews = interviews.filter(language=filters.language)
    return interviews


def languages_of(study: Study) -> list[str]:
    return list(
        Interview.objects.filter(region__study=study).order_by("language").values_list("language", flat=True).distinct()
    )


def matching_interviews(study: Study, query: SearchQuery, filters: Filters) -> QuerySet[Interview]:
    """The interviews whose transcript answers ``query``, by region and title, with their config."""
    interviews = (
        study_interviews(study, filters).select_related("region", "wave").order_by("region__name", "title", "id")
    )
    if connection.vendor != "postgresql":
        return interviews.filter(pk__in=_sqlite_matches(interviews, query))
    matched = reduce(
        or_,
        (
            Q(search_config=config, search_vector=PgSearchQuery(query.text, config=config, search_type="websearch"))
            for config in CONFIGS
        ),
    )
    return (
        interviews.alias(search_config=_config_of(), search_vector=_vector())
        .filter(matched)
        .annotate(config=_config_of())
    )


def _sqlite_matches(interviews: QuerySet[Interview], query: SearchQuery) -> list[int]:
    prefilter = reduce(
        or_,
        (
            reduce(lambda left, right: left & right, (_contains(term.words, term.negated) for term in group), Q())
            for group in query.alternatives
        ),
    )
    candidates = interviews.filter(prefilter).values_list("pk", "transcript")
    return [pk for pk, text in candidates if matches_prefixes(query, text)]


def _contains(words: tuple[str, ...], negated: bool) -> Q:
    # SQLite's LIKE folds case for ASCII only: a word with other letters is left to Python.
    if negated:
        return Q()
    return reduce(
        lambda left, right: left & right, (Q(transcript__icontains=word) for word in words if word.isascii()), Q()
    )


def _fold(word: str) -> str:
    """Lower case without accents, ß as ss: what the first letters of a word's stem can look like."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _could_match(word: str, prefixes: set[str]) -> bool:
    folded = _fold(word)
    return any(folded.startswith(prefix) for prefix in prefixes)


def matched_words(pairs: set[tuple[str, str]], query: SearchQuery) -> set[tuple[str, str, str]]:
    """Of the (config, word) pairs, those whose word shares a lexeme with a positive query word in
    that configuration, with that query word: one query, however many pairs."""
    if not pairs:
        return set()
    configs, words = zip(*sorted(pairs), strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.config, t.word, q.word FROM unnest(%s::text[], %s::text[]) AS t(config, word)
            CROSS JOIN unnest(%s::text[]) AS q(word)
            WHERE tsvector_to_array(to_tsvector(t.config::regconfig, t.word))
               && tsvector_to_array(to_tsvector(t.config::regconfig, q.word))
            """,
            [list(configs), list(words), query.positive_words],
        )
        return {(config, word, typed) for config, word, typed in cursor.fetchall()}


def _alone_or_joined(text: str, hits: list[Hit], alone: Callable[[str], bool]) -> list[Hit]:
    """A word matched only as part of a phrase is a hit only next to another matched word."""
    return [hit for hit in hits if hit.words > 1 or alone(text[hit.start : hit.end].lower())]


def with_hits(interviews: Sequence[Interview], query: SearchQuery, *, lines: bool = True) -> list[InterviewHits]:
    """Each interview with its hits (and context lines): one query on PostgreSQL, none on SQLite."""
    found = [InterviewHits(interview, getattr(interview, "config", SQLITE)) for interview in interviews]
    if connection.vendor == "postgresql":
        prefixes = {_fold(word)[:2] for word in query.positive_words}
        pairs: set[tuple[str, str]] = set()
        for each in found:
            words = distinct_words(each.interview.transcript)
            pairs.update((each.config, word) for word in words if _could_match(word, prefixes))
        by_config: dict[str, set[str]] = defaultdict(set)
        alone: dict[str, set[str]] = defaultdict(set)
        single = query.single_words
        for config, word, typed in matched_words(pairs, query):
            by_config[config].add(word)
            if typed in single:
                alone[config].add(word)
        patterns = {config: any_of(words) for config, words in by_config.items()}
        for each in found:
            hits = find_hits(each.interview.transcript, patterns.get(each.config))
            each.hits = _alone_or_joined(each.interview.transcript, hits, alone[each.config].__contains__)
    else:
        pattern, typed_alone = any_of(query.positive_words, prefixes=True), tuple(query.single_words)
        for each in found:
            hits = find_hits(each.interview.transcript, pattern)
            each.hits = _alone_or_joined(each.interview.transcript, hits, lambda word: word.startswith(typed_alone))
    if lines:
        for each in found:
            index = ParagraphIndex(each.interview.transcript)
            each.lines = [context_line(each.interview.transcript, hit, index) for hit in each.hits]
    return found
