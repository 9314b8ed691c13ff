"""JSON with a nesting limit, for every JSON a client sends (API bodies, study dumps). No Django here.

``json.loads`` recurses once per level of nesting: a body of 100,000 ``[`` ends in a
RecursionError, a server error. Here any document nested deeper than the limit is refused with
``TooDeep`` (a ValueError, as for other malformed JSON). Our own formats nest far less: the study
dump is 7 levels deep.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64


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
