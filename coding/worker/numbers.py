"""Figures as the reader's language writes them (a decimal comma in German), for HTML built in Python.

Django's ``number_format`` looks its formats up on every call; the analysis page formats thousands
of actor cells, so ``decimal_separator`` is read once per render and the figures are written with
Python's own formatting (no grouping, as ``number_format`` without ``USE_THOUSAND_SEPARATOR``).
Files and the API never come here: they keep the machine format.
"""

from __future__ import annotations

from django.utils import formats


def decimal_separator() -> str:
    """The active language's decimal separator ("." in English, "," in German)."""
    return str(formats.get_format("DECIMAL_SEPARATOR"))


def decimals(value: float, places: int = 3, separator: str | None = None) -> str:
    """``value`` to ``places`` decimals, trailing zeros dropped: 0.5 → "0.5" (English), "0,5" (German)."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sep = decimal_separator() if separator is None else separator
    return text if sep == "." else text.replace(".", sep)
