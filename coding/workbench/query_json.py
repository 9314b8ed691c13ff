"""The Boolean query as JSON, for the API and for links between pages (no Django here).

A query is an object, either a code or an operator over two queries::

    {"code": 12}                          passages of code 12
    {"code": 12, "sub_codes": true}       ... or of any of its sub-codes
    {"op": "and", "left": Q, "right": Q}  passages of left overlapping a passage of right
    {"op": "or", "left": Q, "right": Q}
    {"op": "not", "left": Q, "right": Q}  passages of left overlapping no passage of right
    {"op": "follows", "left": Q, "right": Q, "within": 2}
                                          passages of right starting after a passage of left
                                          ends, at most ``within`` paragraphs later
    {"op": "same_interview", "left": Q, "right": Q}
                                          passages of left in an interview with one of right

Anything else (unknown keys, a code of another study, a negative or huge ``within``, deeper
than MAX_DEPTH) is refused with a ``QueryError`` saying where.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coding.workbench.boolean import And, Code, Follows, Not, Or, Query, SameInterview

MAX_WITHIN = 100  # paragraphs; a transcript of more is rare and "within 100" is no longer "near"
MAX_DEPTH = 8
Binary = type[And] | type[Or] | type[Not] | type[SameInterview]
BINARY: dict[str, Binary] = {"and": And, "or": Or, "not": Not, "same_interview": SameInterview}
OPERATORS = (*BINARY, "follows")


class QueryError(ValueError):
    """A malformed query: the message names the place (``left.right.code``) and the problem."""


def parse(document: Any, codes: Mapping[int, frozenset[int]]) -> Query:
    """The query of ``document``; ``codes`` maps each code of the study to itself and its sub-codes."""
    return _parse(document, codes, "query", 0)


def _parse(node: Any, codes: Mapping[int, frozenset[int]], where: str, depth: int) -> Query:
    if depth > MAX_DEPTH:
        raise QueryError(f"{where}: the query is nested deeper than {MAX_DEPTH} levels")
    if not isinstance(node, dict):
        raise QueryError(f"{where}: expected an object with 'code' or 'op'")
    if "code" in node:
        return _code(node, codes, where)
    operator = node.get("op")
    if operator not in OPERATORS:
        raise QueryError(f"{where}.op: expected one of {', '.join(OPERATORS)}")
    allowed = {"op", "left", "right", *(("within",) if operator == "follows" else ())}
    _only(node, allowed, where)
    for side in ("left", "right"):
        if side not in node:
            raise QueryError(f"{where}.{side}: missing")
    left = _parse(node["left"], codes, f"{where}.left", depth + 1)
    right = _parse(node["right"], codes, f"{where}.right", depth + 1)
    if operator == "follows":
        return Follows(left, right, within(node.get("within"), f"{where}.within"))
    return BINARY[operator](left, right)


def _code(node: dict, codes: Mapping[int, frozenset[int]], where: str) -> Code:
    _only(node, {"code", "sub_codes"}, where)
    code, sub_codes = node["code"], node.get("sub_codes", False)
    if not isinstance(code, int) or isinstance(code, bool) or code not in codes:
        raise QueryError(f"{where}.code: {code!r} is not a code of this study's coding scheme")
    if not isinstance(sub_codes, bool):
        raise QueryError(f"{where}.sub_codes: expected true or false")
    return Code(codes[code] if sub_codes else frozenset({code}))


def within(value: Any, where: str = "within") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WITHIN:
        raise QueryError(f"{where}: expected a whole number of paragraphs from 0 to {MAX_WITHIN}")
    return value


def _only(node: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(node) - allowed)
    if unknown:
        raise QueryError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")
