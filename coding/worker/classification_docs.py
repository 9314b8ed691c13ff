"""The page that shows each classification's documentation (docs/classifications/*.md).

The analysis page links every classification record to its section here, so a researcher can read
the concept, the article's sentence, the rule, the thresholds with their sources and the known
limits next to the result. No Markdown library is installed, so the files are shown as they are
written (preformatted, escaped by the template); the same files are the repository's docs.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from coding.analysis import glossary

DOCS_DIR = Path(settings.BASE_DIR) / "docs" / "classifications"


@login_required
def classification_docs(request: HttpRequest) -> HttpResponse:
    """Every classification's page, one section each, in the order the analysis page shows them."""
    sections = [
        {"name": name, "title": gettext(glossary.CLASSIFICATIONS[name].label), "text": _read(name)}
        for name in glossary.CLASSIFICATION_DOCS
    ]
    return render(request, "coding/analysis/classification_docs.html", {"sections": sections})


def _read(name: str) -> str:
    # The names come from the glossary, never from the request, so no path is built from input.
    return (DOCS_DIR / f"{name}.md").read_text(encoding="utf-8")
