"""A search as people type it, read the way PostgreSQL's ``websearch_to_tsquery`` reads it (no Django).

Words are ANDed, ``"quoted words"`` are a phrase, ``or`` between two terms makes alternatives and
``-word`` / ``-"a phrase"`` excludes. As in PostgreSQL, AND binds tighter than OR: ``a b or c``
is ``(a AND b) OR c``. Anything else (``&|!():*``, a lone ``"`` or ``-``) is not syntax but space.
The database does the matching (stemmed, per language); this reading says which words to show
highlighted, whether a query has anything to look for, and drives the SQLite fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coding.analysis.message import message

MAX_QUERY_CHARS = 500
WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


class QueryRefused(ValueError):
    """The query cannot be searched; the message (a ``Message``: ``str()`` is English) says why."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # lower-cased; more than one: a phrase
    negated: bool = False


@dataclass(frozen=True)
class SearchQuery:
    text: str
    alternatives: tuple[tuple[Term, ...], ...]  # OR of ANDs

    @property
    def positive_words(self) -> list[str]:
        """The words a hit can show, each once, in the order typed."""
        seen: dict[str, None] = {}
        for group in self.alternatives:
            for term in group:
                if not term.negated:
                    seen.update(dict.fromkeys(term.words))
        return list(seen)

    @property
    def single_words(self) -> set[str]:
        """Positive words typed alone, not only inside a phrase: a hit on them needs no neighbour."""
        return {
            term.words[0] for group in self.alternatives for term in group if len(term.words) == 1 and not term.negated
        }


def words_of(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


def parse(text: str) -> SearchQuery:
    """Read ``text``; ``QueryRefused`` when it is empty, too long or only excludes."""
    text = text.strip()
    if not text:
        raise QueryRefused(message("Type a word or a phrase to search for."))
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(
            message(
                "A search can be at most {limit} characters long (this one has {length}).",
                limit=MAX_QUERY_CHARS,
                length=len(text),
            )
        )
    groups: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        if match.group(2) is None and raw.lower() == "or" and not negated:
            if groups[-1]:
                groups.append([])
            continue
        words = tuple(words_of(raw))
        if words:
            groups[-1].append(Term(words, negated))
    alternatives = tuple(tuple(group) for group in groups if group)
    query = SearchQuery(text, alternatives)
    if not query.positive_words:
        if alternatives:
            raise QueryRefused(message("A search needs at least one word that is not excluded with “-”."))
        raise QueryRefused(message("The search has no words in it, only signs: type a word or a phrase."))
    return query


def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The phrase's words in order, each as the start of a word, with only non-word signs between."""
    parts = r"[^\w]+".join(rf"{re.escape(word)}[^\W_]*" for word in words)
    return re.compile(rf"(?<![^\W_]){parts}", re.IGNORECASE)


def matches_prefixes(query: SearchQuery, text: str) -> bool:
    """Whether ``text`` answers the query, a word matching a term that it starts with (the SQLite
    fallback's rule: ``firm`` finds ``firms``, not the reverse); a phrase's words must follow each
    other."""
    words = set(words_of(text))

    def has(term: Term) -> bool:
        if len(term.words) > 1:
            return _phrase_pattern(term.words).search(text) is not None
        return any(word.startswith(term.words[0]) for word in words)

    return any(all(has(term) != term.negated for term in group) for group in query.alternatives)
