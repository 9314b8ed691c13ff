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


def with_reasons_said(data: Any) -> Any:
    """A stored result with every classification record's reason as text in the active language.

    For the API: the records keep their keys and machine values, and ``reason`` reads as the page
    says it. Records sit in lists under a "classifications" key at any depth (the organisation
    level nests its own); the result itself is not changed.
    """
    if isinstance(data, dict):
        return {
            key: (
                [_said(record) for record in value]
                if key == "classifications" and isinstance(value, list)
                else with_reasons_said(value)
            )
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [with_reasons_said(item) for item in data]
    return data


def _said(record: Any) -> Any:
    if isinstance(record, dict) and "reason" in record:
        return {**with_reasons_said(record), "reason": say(record["reason"])}
    return with_reasons_said(record)
