"""Django's makemessages, also collecting the analysis core's texts (``coding.analysis.message``).

The core imports no Django, so it marks texts with its own functions; xgettext is told their
names here. Run ``python manage.py makemessages -l de --ignore=.venv`` (docs/translating.md).
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=N_",
        "--keyword=message:1",
        "--keyword=plural_message:1,2",
        "--keyword=pmessage:1c,2",
        "--keyword=forms:1,2",
    ]
    # A new text starts untranslated instead of with a guess from a similar one marked fuzzy: such
    # guesses (a PDF's refusal offered for a Word document's) read like translations in review.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
