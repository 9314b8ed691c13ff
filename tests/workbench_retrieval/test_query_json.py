"""The Boolean query's JSON: what is accepted and how malformed documents are refused (pure)."""

from __future__ import annotations

import pytest

from coding.workbench.boolean import And, Code, Follows
from coding.workbench.query_json import MAX_DEPTH, QueryError, parse

# Code 1 has sub-codes 2 and 3; code 4 stands alone.
FAMILIES = {1: frozenset({1, 2, 3}), 2: frozenset({2}), 3: frozenset({3}), 4: frozenset({4})}


def test_it_reads_a_nested_query_with_sub_codes():
    document = {
        "op": "follows",
        "left": {"op": "and", "left": {"code": 1, "sub_codes": True}, "right": {"code": 4}},
        "right": {"code": 2},
        "within": 3,
    }
    assert parse(document, FAMILIES) == Follows(
        And(Code(frozenset({1, 2, 3})), Code(frozenset({4}))), Code(frozenset({2})), 3
    )


def nested(depth: int) -> dict:
    query: dict = {"code": 4}
    for _ in range(depth):
        query = {"op": "or", "left": query, "right": {"code": 4}}
    return query


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "query: expected an object"),
        ({}, "query.op: expected one of"),
        ({"op": "xor", "left": {"code": 1}, "right": {"code": 4}}, "query.op: expected one of"),
        ({"op": "and", "left": {"code": 1}}, "query.right: missing"),
        ({"op": "and", "left": {"code": 1}, "right": {"code": 99}}, "query.right.code: 99 is not a code"),
        ({"code": True}, "query.code: True is not a code"),
        ({"code": "1"}, "query.code: '1' is not a code"),
        ({"code": 1, "sub_codes": "yes"}, "query.sub_codes: expected true or false"),
        ({"code": 1, "colour": "red"}, "unknown key(s) 'colour'"),
        ({"op": "and", "left": {"code": 1}, "right": {"code": 4}, "within": 2}, "unknown key(s) 'within'"),
        ({"op": "follows", "left": {"code": 1}, "right": {"code": 4}}, "query.within: expected a whole number"),
        ({"op": "follows", "left": {"code": 1}, "right": {"code": 4}, "within": -1}, "from 0 to 100"),
        ({"op": "follows", "left": {"code": 1}, "right": {"code": 4}, "within": 101}, "from 0 to 100"),
        ({"op": "follows", "left": {"code": 1}, "right": {"code": 4}, "within": 1.5}, "whole number"),
        (nested(MAX_DEPTH + 1), "nested deeper than"),
    ],
)
def test_it_refuses_a_malformed_query_naming_the_place(document, message):
    with pytest.raises(QueryError, match=None) as refused:
        parse(document, FAMILIES)
    assert message in str(refused.value)


def test_it_accepts_the_deepest_allowed_nesting():
    assert parse(nested(MAX_DEPTH), FAMILIES) is not None
