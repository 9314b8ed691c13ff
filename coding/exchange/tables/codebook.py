"""A codebook as a flat table (CSV or XLSX), the way Taguette and spreadsheets exchange one. No Django here.

One row per code, parents before their children. Columns:

- ``tag``: the code's name (Taguette's codebook CSV has ``tag`` and ``description``, so Taguette's
  import reads our file; ``name`` is accepted instead on import);
- ``path``: the names from the top code down, joined by "/" ("Trust/Competence"); a "/" or "\\"
  inside a name is written "\\/" or "\\\\";
- ``description``: the code's definition; ``colour`` (#RRGGBB); ``example``; ``concept``;
  ``suggests_mode``: the coordination mode an interaction recorded from its passages starts with
  (competition, rivalry, conflict, cooperation or empty).

On import the hierarchy comes from ``path`` (a parent missing from the file is created), or
without a ``path`` column from ``tag`` alone (all codes top-level, or split at "." and "/" when
the reader is asked to). Columns we do not know, like Taguette's "number of highlights", are
ignored. Every problem is collected with its row; nothing is returned half-read.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from openpyxl import load_workbook

from coding.exchange.csv_import.table import normalise, read_table
from coding.exchange.records import CodeRecord, ImportErrors, Problem
from coding.exchange.tables.writers import Value

COLUMNS = ("tag", "path", "description", "colour", "example", "concept", "suggests_mode")
# The values of coding.choices.CoordinationMode (a test keeps them equal; no Django here).
MODES = ("competition", "rivalry", "conflict", "cooperation")
NAME_COLUMNS = ("tag", "name")
COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
MAX_NAME = 200
MAX_ROWS = 20_000
MAX_COLUMNS = 64


@dataclass(frozen=True)
class CodebookRead:
    """The codes read from a file (parents first, ``guid`` = the path as text) and what to tell the user."""

    codes: list[CodeRecord]
    added_parents: list[str] = field(default_factory=list)  # paths created because a child named them
    ignored_columns: list[str] = field(default_factory=list)


# --- writing ---------------------------------------------------------------------------------


def escape(name: str) -> str:
    return name.replace("\\", "\\\\").replace("/", "\\/")


def split_path(path: str) -> list[str]:
    """``escape`` undone: "Trust/Com\\/petence" is ["Trust", "Com/petence"]; parts are stripped."""
    parts, current, chars = [], [], iter(path)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "/":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def tree_order(codes: Sequence[CodeRecord]) -> Iterator[tuple[CodeRecord, tuple[str, ...]]]:
    """Each code with its path of names, parents first, siblings in ``order`` then name."""
    children: dict[str | None, list[CodeRecord]] = {}
    known = {code.guid for code in codes}
    for code in sorted(codes, key=lambda code: (code.order, code.name)):
        parent = code.parent_guid if code.parent_guid in known else None
        children.setdefault(parent, []).append(code)

    def walk(parent: str | None, path: tuple[str, ...]) -> Iterator[tuple[CodeRecord, tuple[str, ...]]]:
        for code in children.get(parent, []):
            yield code, (*path, code.name)
            yield from walk(code.guid, (*path, code.name))

    return walk(None, ())


def codebook_rows(codes: Sequence[CodeRecord]) -> Iterator[list[Value]]:
    """The rows under ``COLUMNS``, for ``csv_chunks`` or ``write_xlsx``."""
    for code, path in tree_order(codes):
        yield [code.name, "/".join(escape(name) for name in path), code.definition, code.colour, code.example,
               code.concept, code.suggests_mode]  # fmt: skip


# --- reading ---------------------------------------------------------------------------------


def read_csv_codebook(content: bytes, filename: str, *, split_names: bool = False) -> CodebookRead:
    try:
        table = read_table(content)
    except ImportErrors as error:
        raise ImportErrors(
            [replace(problem, where=f"{filename}, {problem.where}") for problem in error.problems]
        ) from error
    return read_rows(table.header, table.rows, filename, first_row=table.first_row, split_names=split_names)


def read_xlsx_codebook(content: bytes, filename: str, *, split_names: bool = False) -> CodebookRead:
    """The first sheet of a workbook; its first non-blank row is the header. At most MAX_COLUMNS
    columns and MAX_ROWS rows (and a few) are read, so a sheet that unpacks huge stays bounded."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file; each means the same
        raise ImportErrors([Problem(filename, "this is not an Excel workbook (.xlsx)")]) from error
    try:
        sheet = workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS)
        lines = [[_cell_text(value) for value in row] for row in itertools.islice(sheet, MAX_ROWS + 10)]
    except Exception as error:
        raise ImportErrors([Problem(filename, "the first sheet of the workbook cannot be read")]) from error
    finally:
        workbook.close()
    first = next((number for number, line in enumerate(lines) if any(line)), None)
    if first is None:
        raise ImportErrors([Problem(filename, "the first sheet is empty")])
    header = [name.strip() for name in lines[first]]
    while header and not header[-1]:
        header.pop()
    rows = [line + [""] * (len(header) - len(line)) for line in lines[first + 1 :]]
    return read_rows(header, rows, filename, first_row=first + 2, split_names=split_names)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(
    header: Sequence[str], rows: Sequence[Sequence[str]], filename: str, *, first_row: int, split_names: bool
) -> CodebookRead:
    """The codes of a table whose rows are spreadsheet rows ``first_row``, ``first_row + 1``, ..."""
    columns = _columns(header, filename)
    if len(rows) > MAX_ROWS:
        raise ImportErrors([Problem(filename, f"the table has {len(rows):,} rows; the limit is {MAX_ROWS:,}")])
    problems: list[Problem] = []
    found: dict[tuple[str, ...], tuple[int, CodeRecord]] = {}
    for number, row in enumerate(rows, start=first_row):
        cells = {key: row[index].strip() if index < len(row) else "" for key, index in columns.items()}
        if not any(cells.values()):
            continue
        where = f"{filename}, row {number}"
        path, row_problems = _row_path(cells, split_names=split_names)
        colour = cells.get("colour", "")
        if colour and not COLOUR.match(colour):
            row_problems.append(f"colour {colour!r} is not #RRGGBB")
        mode = cells.get("suggests_mode", "").lower()
        if mode and mode not in MODES:
            row_problems.append(f"suggests_mode {mode!r} is none of {', '.join(MODES)}")
        if path in found:
            row_problems.append(f"the path {_text(path)!r} is also on row {found[path][0]}")
        problems += [Problem(where, message) for message in row_problems]
        if not row_problems:
            record = CodeRecord(
                _text(path), path[-1], _text(path[:-1]) or None, colour, cells.get("description", ""),
                cells.get("example", ""), cells.get("concept", ""), order=number, suggests_mode=mode,
            )  # fmt: skip
            found[path] = (number, record)
    if not found and not problems:
        problems.append(Problem(filename, "the table has no codes"))
    if problems:
        raise ImportErrors(problems)
    codes, added = with_parents([record for _, record in found.values()])
    ignored = [name for index, name in enumerate(header) if index not in columns.values() and name]
    return CodebookRead(codes, added, ignored)


def _columns(header: Sequence[str], filename: str) -> dict[str, int]:
    """Our column -> its index in ``header``, matched by normalised name; ImportErrors without a name column."""
    by_name = {normalise(name): index for index, name in enumerate(header)}
    columns = {column: by_name[normalise(column)] for column in COLUMNS if normalise(column) in by_name}
    if "tag" not in columns and "name" in by_name:
        columns["tag"] = by_name["name"]
    if "tag" not in columns and "path" not in columns:
        found = ", ".join(repr(name) for name in header if name) or "none"
        message = f"the header needs a column 'tag' (or 'name') or 'path'; its columns are {found}"
        raise ImportErrors([Problem(f"{filename}, header", message)])
    return columns


def _row_path(cells: dict[str, str], *, split_names: bool) -> tuple[tuple[str, ...], list[str]]:
    """The row's path of names and the row's problems."""
    tag, path_text = cells.get("tag", ""), cells.get("path", "")
    if path_text:
        path = tuple(split_path(path_text))
    elif tag:
        path = names_as_path(tag) if split_names else (tag,)
    else:
        return (), ["the row has no tag and no path"]
    problems = []
    if any(not name for name in path):
        problems.append(f"the path {path_text!r} has an empty part")
    elif path_text and tag and tag != path[-1]:
        problems.append(f"the tag {tag!r} is not the last part of the path {path_text!r}")
    problems += [f"the name {name[:40]!r}... is longer than {MAX_NAME} characters" for name in path
                 if len(name) > MAX_NAME]  # fmt: skip
    return path, problems


def _text(path: Sequence[str]) -> str:
    return "/".join(escape(name) for name in path)


def names_as_path(name: str) -> tuple[str, ...]:
    """ "Trust.Competence" or "Trust/Competence" as ("Trust", "Competence"); empty parts are dropped."""
    parts = tuple(part.strip() for part in re.split(r"[./]", name) if part.strip())
    return parts or (name,)


def with_parents(codes: Sequence[CodeRecord]) -> tuple[list[CodeRecord], list[str]]:
    """The codes (named by their path) with every missing ancestor added as a bare code, parents
    first; and the paths that were added."""
    known = {code.guid for code in codes}
    added: dict[str, CodeRecord] = {}
    for code in codes:
        path = split_path(code.guid)
        for depth in range(1, len(path)):
            guid = _text(path[:depth])
            if guid not in known and guid not in added:
                added[guid] = CodeRecord(guid, path[depth - 1], _text(path[: depth - 1]) or None, order=code.order)
    everything = [*added.values(), *codes]
    ordered = [code for code, _ in tree_order(everything)]
    return ordered, list(added)


def hierarchy_from_names(codes: Sequence[CodeRecord]) -> CodebookRead:
    """A codebook whose names carry the hierarchy (Taguette's .qdc: "Trust.Competence", flat) as a tree:
    Competence under Trust, Trust created when missing. A code nested in the file stays under its parent.
    Two codes that end up on the same path are refused."""
    by_guid = {code.guid: code for code in codes}
    paths: dict[str, tuple[str, ...]] = {}

    def path_of(code: CodeRecord, seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        if code.guid not in paths:
            parent = by_guid.get(code.parent_guid or "")
            above = path_of(parent, seen | {code.guid}) if parent and parent.guid not in seen else ()
            paths[code.guid] = (*above, *names_as_path(code.name))
        return paths[code.guid]

    problems: list[Problem] = []
    placed: dict[tuple[str, ...], CodeRecord] = {}
    for code in codes:
        path = path_of(code)
        if path in placed:
            problems.append(
                Problem(f"code {code.name!r}", f"{_text(path)!r} is also the path of {placed[path].name!r}")
            )
        placed[path] = code
    if problems:
        raise ImportErrors(problems)
    records = [
        replace(code, guid=_text(path), name=path[-1], parent_guid=_text(path[:-1]) or None)
        for path, code in placed.items()
    ]
    ordered, added = with_parents(records)
    return CodebookRead(ordered, added)
