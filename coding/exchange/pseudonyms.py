"""Stable pseudonyms for sharing data with other teams.

Persons are personal data; organisations are not. A person keeps the pseudonym a researcher
gave them, else gets one derived from a keyed hash of their id: the same person has the same
pseudonym in every export made with the same key, and the pseudonym reveals neither the name
nor the database id.

Replacing names inside a transcript moves every later character, so ``Pseudonymiser.apply``
also returns an ``OffsetMap`` that carries coded passages across to the new text. No Django here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Name parts shorter than this ("Li", "Ng" are real surnames, but also common words) are only
# replaced as part of the full name; a longer part alone ("Müller") is replaced on its own.
MIN_PART_LENGTH = 3


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    pseudonym: str = ""


def stable_pseudonym(person_id: int, key: str) -> str:
    """``Person 3F9A2C``: the same for the same id and key, and not reversible without the key."""
    digest = hmac.new(key.encode(), f"person:{person_id}".encode(), hashlib.sha256).hexdigest()
    return f"Person {digest[:6].upper()}"


def pseudonym_for(person: Person, key: str) -> str:
    return person.pseudonym.strip() or stable_pseudonym(person.id, key)


def researcher_pseudonym(user_id: int) -> str:
    """``coder_12`` for a coder or interviewer in shared tables and dumps: researchers' usernames are
    personal data too, and the id still tells them apart."""
    return f"coder_{user_id}"


@dataclass(frozen=True)
class OffsetMap:
    """Old → new character offsets after replacements; ``edits`` are (old start, old end, new start, new end)."""

    edits: tuple[tuple[int, int, int, int], ...] = ()
    _ends: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ends", tuple(edit[1] for edit in self.edits))

    def start(self, offset: int) -> int:
        """A passage starting inside a replaced name starts where its pseudonym starts."""
        return self._map(offset, inside=lambda edit: edit[2])

    def end(self, offset: int) -> int:
        """A passage ending inside a replaced name ends where its pseudonym ends."""
        return self._map(offset, inside=lambda edit: edit[3])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A coded passage [start, end) in the new text: it still covers the same words."""
        return self.start(start), self.end(end)

    def _map(self, offset: int, inside: Callable[[tuple[int, int, int, int]], int]) -> int:
        index = bisect_right(self._ends, offset)  # edits wholly before (or ending at) offset
        shift = self.edits[index - 1][3] - self.edits[index - 1][1] if index else 0
        if index < len(self.edits) and self.edits[index][0] < offset:
            return inside(self.edits[index])
        return offset + shift


class Pseudonymiser:
    """Replaces the names of the given persons by their pseudonyms, in fields and in running text."""

    def __init__(self, people: Iterable[Person], key: str) -> None:
        self.by_name: dict[str, str] = {}
        parts: dict[str, str] = {}
        for person in people:
            name = person.name.strip()
            if not name:
                continue
            pseudonym = pseudonym_for(person, key)
            self.by_name[name] = pseudonym
            for part in name.split():
                if len(part) >= MIN_PART_LENGTH:
                    # A part shared by two persons ("Müller") would point to one of them arbitrarily.
                    parts[part] = pseudonym if parts.get(part, pseudonym) == pseudonym else "[name]"
        self.replacements = {**parts, **self.by_name}
        # Longest first, so a full name wins over its parts. A name ends at any character that is no
        # letter or digit: "Annette" does not match "Anne", but "Interview_Nowak_2024" does match
        # "Nowak" (\b would not, since "_" counts as a word character).
        alternatives = sorted(self.replacements, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![^\W_])")
            if alternatives
            else None
        )

    def name(self, name: str) -> str:
        """A person's name field: their pseudonym (other names unchanged)."""
        return self.by_name.get(name.strip(), name)

    def text(self, text: str) -> str:
        return self.apply(text)[0]

    def apply(self, text: str) -> tuple[str, OffsetMap]:
        if self.pattern is None or not text:
            return text, OffsetMap()
        pieces: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        cursor = shift = 0
        for match in self.pattern.finditer(text):
            replacement = self.replacements[match.group(0)]
            pieces += [text[cursor : match.start()], replacement]
            new_start = match.start() + shift
            edits.append((match.start(), match.end(), new_start, new_start + len(replacement)))
            shift += len(replacement) - (match.end() - match.start())
            cursor = match.end()
        pieces.append(text[cursor:])
        return "".join(pieces), OffsetMap(tuple(edits))
