"""Every template's visible text is marked for translation (issue 18: German and English)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.i18n.unmarked import unmarked_words, words_needing_translation

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ALL = sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", ALL, ids=[str(path.relative_to(TEMPLATES)) for path in ALL])
def test_template_text_is_marked_for_translation(path: Path) -> None:
    assert unmarked_words(path) == []


def test_the_check_finds_unmarked_text_and_accepts_marked(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>{% translate "Regions" %}</h1><p title="Open the region">Actors: {{ n }}</p>'
        "{% blocktranslate %}Coded {{ n }} ties{% endblocktranslate %}{# a comment #}"
        "<script>const label = 'not read';</script><input type=submit value=Save>"
    )
    assert unmarked_words(page) == ["Open", "the", "region", "Actors", "Save"]
    assert words_needing_translation("CSV and GraphML, E-I 0.5") == ["and"]
