"""Find words in a Django template that a German reader would see untranslated.

Walks the template's tokens with Django's own lexer: text between tags is parsed as HTML, and its
visible text plus the attributes people read (title, alt, placeholder, aria-label, ...) must not
contain words outside ``{% translate %}`` / ``{% blocktranslate %}``. Names and symbols that are
the same in every language are allowed (``LANGUAGE_NEUTRAL``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription", "label"}
# Product and format names, units and abbreviations that German pages write the same way.
LANGUAGE_NEUTRAL = {
    "Cluster Case Studies",
    "GraphML",
    "GEXF",
    "REFI-QDA",
    "MAXQDA",
    "ATLAS.ti",
    "Taguette",
    "NVivo",
    "igraph",
    "networkx",
    "UCINET",
    "Gephi",
    "Pajek",
    "Leiden",
    "Louvain",
    "Burt",
    "Granovetter",
    "Grabher",
    "Freeman",
    "Gould",
    "Fernandez",
    "Krackhardt",
    "Borgatti",
    "Everett",
    "Cohen",
    "Fleiss",
    "Krippendorff",
    "Ragin",
    "Newman",
    "Jaccard",
    "Blau",
    "Coleman",
    "Stern",
    "Excel",
    "OpenAPI",
    "Markdown",
    "Django",
    "Celery",
    "Redis",
    "PostgreSQL",
    "SQLite",
    "qdpx",
    "qdc",
    "xlsx",
    "csv",
    "json",
    "utf-8",
    "UTF-8",
    "px",
    "Ctrl",
    "Shift",
    "Enter",
    "Esc",
    "Tab",
    "Alt",
    # QCA fit measures as R's QCA package names them (the same in German texts).
    "inclN",
    "inclS",
    "incl",
    "covN",
    "covS",
    "covU",
    "RoN",
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]{2,}")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.\-/]+$")  # CSV, XLSX, QCA, E-I, API, JSON


def words_needing_translation(text: str) -> list[str]:
    for neutral in sorted(LANGUAGE_NEUTRAL, key=len, reverse=True):
        text = text.replace(neutral, " ")
    return [word for word in _WORD.findall(text) if not _ACRONYM.match(word)]


# Machine text (column names, keys to press, code) reads the same in every language.
_NOT_READ_AS_TEXT = {"script", "style", "code", "kbd", "samp"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0  # inside <script>, <style>, or <code>/<kbd>/<samp> (keys, column names)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NOT_READ_AS_TEXT:
            self._hidden += 1
        for name, value in attrs:
            if value and (name in READ_ATTRIBUTES or (tag == "input" and name == "value" and _is_button(attrs))):
                self.found.extend(words_needing_translation(value))

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_READ_AS_TEXT and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.found.extend(words_needing_translation(data))


def _is_button(attrs: list[tuple[str, str | None]]) -> bool:
    return any(name == "type" and value in {"submit", "button", "reset"} for name, value in attrs)


def unmarked_words(path: Path) -> list[str]:
    """Words of ``path`` shown to readers but not marked for translation."""
    source = path.read_text(encoding="utf-8")
    html: list[str] = []
    skipping: list[str] = []  # open {% comment %}, {% blocktranslate %} or {% verbatim %} blocks
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in {"comment", "blocktranslate", "blocktrans", "verbatim"}:
                skipping.append(name)
            elif name.startswith("end") and skipping and name[3:] == skipping[-1]:
                skipping.pop()
            elif name == "plural":
                pass
            # A tag stands in for its output: keep attribute values and text around it apart.
            html.append(" ")
        elif token.token_type == TokenType.VAR:
            html.append(" ")
        elif token.token_type == TokenType.TEXT and not skipping:
            html.append(token.contents)
    parser = _Visible()
    parser.feed("".join(html))
    parser.close()
    return parser.found
