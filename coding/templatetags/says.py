"""Render the analysis's stored messages (``coding.analysis.message``) in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext, ngettext, pgettext

from coding.analysis.message import render

register = template.Library()


def _number(value: float, places: int) -> str:
    return formats.number_format(value, places, use_l10n=True)


def say(value: Any) -> str:
    """A reason, label or note from a result, in the active language (plain text stays as is)."""
    return render(value, gettext=gettext, ngettext=ngettext, number=_number, pgettext=pgettext)


register.filter("say", say)
