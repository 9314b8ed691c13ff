"""JSON with a nesting limit, for every JSON a client sends (API bodies, study dumps). No Django here.

``json.loads`` recurses once per level of nesting: a body of 100,000 ``[`` ends in a
RecursionError, a server error. Here any document nested deeper than the limit is refused with
``TooDeep`` (a ValueError, as for other malformed JSON). Our own formats nest far less: the study
dump is 7 levels deep.

``STRICT_NUMBERS`` are the number hooks of a reader that stores what it reads: NaN and Infinity
(which Python's json accepts, JSON does not), a float literal that overflows to infinity
(``1e999999``) and a whole number too long for any database column are refused with
``NumberRefused`` (a ValueError too) instead of reaching a model or PostgreSQL; without them a
100,000-digit number ends in Python's own ValueError about ``sys.set_int_max_str_digits``.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 64
# A signed 64-bit integer has at most 19 digits; nothing we store is wider.
MAX_INT_DIGITS = 20


class TooDeep(ValueError):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the JSON is nested more than {limit} levels deep (arrays and objects inside each other)")


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH, **options: Any) -> Any:
    """``json.loads(text, **options)``, refusing a document nested deeper than ``max_depth``.

    Depths the decoder cannot reach end in its RecursionError, which it raises cleanly; the
    depths it can reach are measured afterwards, without recursion.
    """
    try:
        document = json.loads(text, **options)
    except RecursionError:
        raise TooDeep(max_depth) from None
    if deeper_than(document, max_depth):
        raise TooDeep(max_depth)
    return document


def deeper_than(document: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels (a scalar is level 0)."""
    level = [document] if isinstance(document, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, dict | list)
        ]
    return False


class NumberRefused(ValueError):
    """A number literal no field can hold; the message quotes (the start of) it."""


def _refuse_constant(name: str) -> Any:
    raise NumberRefused(f"{name} is not a JSON number (JSON has no NaN or Infinity)")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise NumberRefused(f"the number {literal[:30]} is out of range (not a finite number)")
    return value


def _bounded_int(literal: str) -> int:
    digits = len(literal.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise NumberRefused(
            f"the whole number {literal[:30]}... has {digits:,} digits; the limit is {MAX_INT_DIGITS} digits"
        )
    return int(literal)


STRICT_NUMBERS: dict[str, Any] = {
    "parse_constant": _refuse_constant,
    "parse_float": _finite_float,
    "parse_int": _bounded_int,
}
