"""The streaming writer of a study's JSON dump (no Django here): pieces of JSON text as records come."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from coding.exchange.dump.schema import FORMAT, VERSION

CHUNK_CHARS = 64 * 1024


class Stream:
    """A list written element by element as it is consumed, so a dump never sits in memory whole."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _has_stream(value: Mapping[str, Any]) -> bool:
    return any(isinstance(item, Stream) for item in value.values())


def iter_json(value: Any, depth: int = 0) -> Iterator[str]:
    """JSON text of ``value`` in pieces; ``Stream`` lists put one element per line.

    Records without nested streams go to ``json.dumps`` whole (the C encoder: fast).
    """
    if isinstance(value, Stream):
        indent = "\n" + "  " * (depth + 1)
        yield "["
        first = True
        for item in value.items:
            yield (indent if first else "," + indent)
            yield from iter_json(item, depth + 1)
            first = False
        yield "]" if first else "\n" + "  " * depth + "]"
    elif isinstance(value, Mapping) and _has_stream(value):
        yield "{"
        for index, (name, item) in enumerate(value.items()):
            yield ("" if index == 0 else ", ") + json.dumps(name) + ": "
            yield from iter_json(item, depth)
        yield "}"
    else:
        yield json.dumps(value, ensure_ascii=False)


def chunked(pieces: Iterable[str], size: int = CHUNK_CHARS) -> Iterator[str]:
    """Join small pieces into chunks of about ``size`` characters (fewer, larger socket writes)."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def header(*, exported_at: str, pseudonymised: bool) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": exported_at, "pseudonymised": pseudonymised}
