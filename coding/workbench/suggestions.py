"""What a passage suggests for the tie recorded from it: modes from its codes, actors from its words.

No Django here: the selector (``coding.workbench.selectors.interaction_suggestions``) loads the
rows and hands plain values in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

Key = TypeVar("Key")


def named_in(text: str, candidates: Iterable[tuple[Key, Sequence[str]]]) -> list[Key]:
    """The keys of the candidates one of whose names occurs in ``text`` as whole words, ignoring case,
    in the order given: "Foundry" matches "the foundry's lab" but not "Foundrymen"."""
    found = []
    for key, names in candidates:
        for name in names:
            name = name.strip()
            if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                found.append(key)
                break
    return found


def inherited_modes(code_ids: Iterable[int], parents: Mapping[int, int | None], modes: Mapping[int, str]) -> set[str]:
    """The mode each code suggests: its own, else its nearest ancestor's (a sub-code of "Cooperation"
    is cooperation too); codes without one suggest nothing."""
    suggested = set()
    for code_id in code_ids:
        node: int | None = code_id
        seen: set[int] = set()
        while node is not None and node not in seen:
            seen.add(node)
            if modes.get(node):
                suggested.add(modes[node])
                break
            node = parents.get(node)
    return suggested
