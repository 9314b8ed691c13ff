"""Variable types and the parsing of a raw value into a typed one (pure: no Django).

One place decides what a value of each type may be, so the record pages, the grid, the API, the
CSV import, the JSON dump and the .qdpx import all accept and refuse the same inputs with the
same message. Messages name the variable; callers add the record. They are ``Message``s
(``coding.analysis.message``): ``str()`` reads English, pages render them in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

from coding.analysis.message import Message, message

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

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.message = said


def parse_value(raw: object, *, type: str, categories: Sequence[str] = (), label: str = "") -> Value | None:
    """The typed value of ``raw`` for a variable of ``type``; ``None`` for an empty value.

    Accepts what files and forms carry: strings for every type, numbers for numeric, booleans for
    boolean, dates or ISO strings for dates. Numbers must be finite; categories must be one of the
    defined values exactly (case and spaces around are forgiven, the defined spelling is kept).
    """
    name = message("“{label}”", label=label) if label else message("this variable")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if type == TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise VariableValueError(
                message("A value of {name} is at most {limit} characters long.", name=name, limit=f"{MAX_TEXT:,}")
            )
        return text
    if type == CATEGORICAL:
        text = str(raw).strip()
        by_fold = {category.casefold(): category for category in categories}
        if text.casefold() not in by_fold:
            allowed = ", ".join(categories) or message("none defined yet")
            raise VariableValueError(
                message(
                    "“{value}” is not a category of {name} (allowed: {allowed}).",
                    value=text[:80],
                    name=name,
                    allowed=allowed,
                )
            )
        return by_fold[text.casefold()]
    if type == NUMERIC:
        return _number(raw, name)
    if type == BOOLEAN:
        return _boolean(raw, name)
    if type == DATE:
        return _date(raw, name)
    raise VariableValueError(
        message("Unknown variable type {type}; choose one of {types}.", type=repr(type), types=", ".join(TYPES))
    )


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
            raise VariableValueError(message("Each category is a non-empty text."))
        text = category.strip()
        if len(text) > 100:
            raise VariableValueError(
                message("The category “{category}…” is longer than 100 characters.", category=text[:40])
            )
        if text.casefold() in {seen.casefold() for seen in cleaned}:
            raise VariableValueError(message("The category “{category}” is listed twice.", category=text))
        cleaned.append(text)
    return cleaned


def _number(raw: object, name: Message) -> float:
    if isinstance(raw, bool):
        raise VariableValueError(_takes(name, "a number, not yes/no"))
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
            raise VariableValueError(
                message("“{value}” is not a number ({name} is numeric).", value=text[:80], name=name)
            ) from None
    if not math.isfinite(number):
        raise VariableValueError(_takes(name, "a finite number"))
    return number


def _boolean(raw: object, name: Message) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    text = str(raw).strip().casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise VariableValueError(
        message("“{value}” is not yes or no ({name} is yes/no: write true or false).", value=str(raw)[:80], name=name)
    )


def _date(raw: object, name: Message) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip()[:10])
    except ValueError:
        raise VariableValueError(
            message("“{value}” is not a date as YYYY-MM-DD ({name} is a date).", value=str(raw)[:80], name=name)
        ) from None


def _takes(name: Message, what: str) -> Message:
    """ "“Size” takes a finite number." (or "This variable takes ..."), a sentence per ``what``."""
    if name.text == "this variable":
        if what == "a finite number":
            return message("This variable takes a finite number.")
        return message("This variable takes a number, not yes/no.")
    if what == "a finite number":
        return message("{name} takes a finite number.", name=name)
    return message("{name} takes a number, not yes/no.", name=name)
