"""What a merge, split or move of codes does to the code tree and the codings (no Django here).

Plain rows in, plain decisions out, so each rule can be read and tested alone:

- ``collapse``: codings moving onto a code; a moving coding of the same passage (interview, start,
  end) by the same coder as one the target code already has is a duplicate: the target's coding is
  kept, the moving one is removed, and the memos are joined (``join_memos``).
- ``descendants``: a code's sub-tree, for refusing cycles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# How memos of a collapsed duplicate are kept: the kept coding's memo, a blank line, then the
# removed coding's memo behind the name of the code it came from.
MEMO_JOIN = "{kept}\n\n[from “{source}”] {moved}"


@dataclass(frozen=True)
class CodingRow:
    id: int
    code_id: int
    interview_id: int
    coder_id: int
    start: int
    end: int
    memo: str

    @property
    def passage(self) -> tuple[int, int, int, int]:
        return (self.interview_id, self.coder_id, self.start, self.end)


@dataclass(frozen=True)
class Collapse:
    dropped: CodingRow  # the moving coding, removed
    kept: CodingRow  # the target code's coding of the same passage, kept
    memo: str  # the kept coding's memo afterwards


@dataclass(frozen=True)
class Moves:
    moved: list[CodingRow]  # change their code to the target
    collapsed: list[Collapse]


def join_memos(kept: str, moved: str, source: str) -> str:
    if not moved.strip() or moved.strip() == kept.strip():
        return kept
    if not kept.strip():
        return moved
    return MEMO_JOIN.format(kept=kept, moved=moved, source=source)


def collapse(
    moving: Iterable[CodingRow], target_codings: Iterable[CodingRow], source_names: Mapping[int, str]
) -> Moves:
    """Split ``moving`` into codings that change code and duplicates of the target's codings.

    Two moving codings duplicating the same target coding both collapse into it, memos in order.
    """
    kept_by_passage = {row.passage: row for row in sorted(target_codings, key=lambda row: row.id, reverse=True)}
    memos: dict[int, str] = {}
    moved: list[CodingRow] = []
    pending: list[tuple[CodingRow, CodingRow]] = []
    for row in sorted(moving, key=lambda row: row.id):
        kept = kept_by_passage.get(row.passage)
        if kept is None:
            moved.append(row)
            continue
        memos[kept.id] = join_memos(memos.get(kept.id, kept.memo), row.memo, source_names.get(row.code_id, ""))
        pending.append((row, kept))
    collapsed = [Collapse(dropped, kept, memos[kept.id]) for dropped, kept in pending]
    return Moves(moved, collapsed)


def descendants(code_id: int, parents: Mapping[int, int | None]) -> set[int]:
    """Ids of every code below ``code_id`` in the tree given as child -> parent."""
    children: dict[int | None, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found: set[int] = set()
    stack = list(children.get(code_id, []))
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(children.get(node, []))
    return found


def change_reason(text: str, limit: int = 100) -> str:
    """``text`` cut to the history's change-reason column (100 characters)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fingerprint(parts: Iterable[Iterable[object]]) -> str:
    """A short digest of the rows an operation depends on: equal digests, same rows."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(tuple(part)).encode())
        digest.update(b"\x00")
    return digest.hexdigest()[:32]
