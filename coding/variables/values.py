"""Variable types and the parsing of a raw value into a typed one (pure: no Django).

One place decides what a value of each type may be, so the record pages, the grid, the API, the
CSV import, the JSON dump and the .qdpx import all accept and refuse the same inputs with the
same message. Messages name the variable; callers add the record.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

CATEGORICAL = "categorical"
NUMERIC = "numeric"
BOOLEAN = "boolean"
DATE = "date"
TEXT = "text"
TYPES = (CATEGORICAL, NUMERIC, BOOLEAN, DATE, TEXT)

# The records a variable describes (MAXQDA's document variables are the "interview" ones).
REGION = "region"
WAVE = "wave"
ACTOR = "actor"
INTERVIEW = "interview"
TARGETS = (REGION, WAVE, ACTOR, INTERVIEW)

# A variable name is a machine key: in files, the API, QCA condition names and R scripts. R and
# the QCA package need a syntactic name, so letters, digits and underscores, starting with a letter.
NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "ja", "wahr", "x"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "nein", "falsch"})
MAX_TEXT = 10_000

Value = str | float | bool | dt.date


class VariableValueError(ValueError):
    """A raw value that does not fit its variable; the message says what would."""


def parse_value(raw: object, *, type: str, categories: Sequence[str] = (), label: str = "") -> Value | None:
    """The typed value of ``raw`` for a variable of ``type``; ``None`` for an empty value.

    Accepts what files and forms carry: strings for every type, numbers for numeric, booleans for
    boolean, dates or ISO strings for dates. Numbers must be finite; categories must be one of the
    defined values exactly (case and spaces around are forgiven, the defined spelling is kept).
    """
    name = f"“{label}”" if label else "this variable"
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if type == TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise VariableValueError(f"A value of {name} is at most {MAX_TEXT:,} characters long.")
        return text
    if type == CATEGORICAL:
        text = str(raw).strip()
        by_fold = {category.casefold(): category for category in categories}
        if text.casefold() not in by_fold:
            allowed = ", ".join(categories) or "none defined yet"
            raise VariableValueError(f"“{text[:80]}” is not a category of {name} (allowed: {allowed}).")
        return by_fold[text.casefold()]
    if type == NUMERIC:
        return _number(raw, name)
    if type == BOOLEAN:
        return _boolean(raw, name)
    if type == DATE:
        return _date(raw, name)
    raise VariableValueError(f"Unknown variable type {type!r}; choose one of {', '.join(TYPES)}.")


def format_value(value: Value | None) -> str:
    """The value as files write it: ISO dates, "true"/"false", numbers without a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def check_categories(categories: Sequence[object]) -> list[str]:
    """The categories of a categorical variable: non-empty distinct strings, order kept."""
    cleaned: list[str] = []
    for category in categories:
        if not isinstance(category, str) or not category.strip():
            raise VariableValueError("Each category is a non-empty text.")
        text = category.strip()
        if len(text) > 100:
            raise VariableValueError(f"The category “{text[:40]}…” is longer than 100 characters.")
        if text.casefold() in {seen.casefold() for seen in cleaned}:
            raise VariableValueError(f"The category “{text}” is listed twice.")
        cleaned.append(text)
    return cleaned


def _number(raw: object, name: str) -> float:
    if isinstance(raw, bool):
        raise VariableValueError(f"{name[0].upper()}{name[1:]} takes a number, not yes/no.")
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = str(raw).strip().replace("\u2212", "-")
        # A decimal comma as German spreadsheets write it ("3,5"), but never a thousands separator.
        if re.fullmatch(r"[+-]?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise VariableValueError(f"“{text[:80]}” is not a number ({name} is numeric).") from None
    if not math.isfinite(number):
        raise VariableValueError(f"{name[0].upper()}{name[1:]} takes a finite number.")
    return number


def _boolean(raw: object, name: str) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    text = str(raw).strip().casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise VariableValueError(f"“{str(raw)[:80]}” is not yes or no ({name} is yes/no: write true or false).")


def _date(raw: object, name: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip()[:10])
    except ValueError:
        raise VariableValueError(f"“{str(raw)[:80]}” is not a date as YYYY-MM-DD ({name} is a date).") from None
