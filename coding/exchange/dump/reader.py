"""The validating reader of a study's JSON dump (no Django here).

Reading collects every problem with its path (``regions[1].actors[3].kind: not a choice``)
before anything is written; what only the database can know (users, existing schemes) and the
model rules (``full_clean``) are checked by the service on top.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

from coding.exchange import json_limits
from coding.exchange.dump.checker import Checker, is_int
from coding.exchange.dump.schema import (
    ACTOR,
    CODE,
    CODING,
    CONSENT_WITHDRAWAL,
    FORMAT,
    INTERACTION,
    INTERVIEW,
    MEMO,
    MEMO_TARGETS,
    OUTCOME,
    REGION,
    SCHEME,
    STUDY,
    TOP,
    VERSION,
    WAVE,
    F,
)
from coding.exchange.dump.variable_check import check_definitions, check_values
from coding.exchange.records import ImportErrors, Problem
from coding.exchange.refi.qdc_reader import MAX_CODES

# A code nested deeper is no coding scheme; pages walk the tree recursively. (A .qdc or .qdpx
# cannot get near: libxml2 refuses XML nested more than 256 elements deep.)
MAX_CODE_DEPTH = 100
# Text PostgreSQL cannot store (NUL) or that is no character (half of a UTF-16 surrogate pair,
# which JSON's \ud800 escapes can still write).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class _Object(dict):
    """A JSON object that remembers keys given twice (``json`` would silently keep the last)."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        # set.add() returns None: the first of each name passes, and is recorded for the next ones.
        result.duplicates = tuple(name for name, _ in pairs if name in seen or seen.add(name))  # type: ignore[func-returns-value]
    return result


def parse(data: bytes, *, max_bytes: int, filename: str = "dump") -> dict[str, Any]:
    """The JSON document in ``data``; ImportErrors for oversize, non-UTF-8 or malformed input."""
    if len(data) > max_bytes:
        raise ImportErrors([Problem(filename, f"the file has {len(data):,} bytes; the limit is {max_bytes:,}")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"not UTF-8 text: byte 0x{data[error.start]:02x} at line {line}, column {column}"
        raise ImportErrors([Problem(filename, message)]) from error
    try:
        document = json_limits.loads(text, object_pairs_hook=_object_pairs, **json_limits.STRICT_NUMBERS)
    except json.JSONDecodeError as error:
        where = f"{filename}, line {error.lineno}, column {error.colno}"
        raise ImportErrors([Problem(where, f"not valid JSON: {error.msg}")]) from error
    except (json_limits.TooDeep, json_limits.NumberRefused) as error:
        raise ImportErrors([Problem(filename, str(error))]) from error
    if not isinstance(document, dict):
        raise ImportErrors([Problem(filename, "the dump must be a JSON object")])
    if problems := _unstorable_text(document):
        raise ImportErrors(problems)
    return document


def _unstorable_text(document: dict[str, Any]) -> list[Problem]:
    """Every name and string of the document holding a NUL or a lone surrogate, by path (no recursion)."""
    problems: list[Problem] = []
    pending: list[tuple[str, Any]] = [("", document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if match := UNSTORABLE.search(value):
                problems.append(Problem(path or "dump", _unstorable(match.group())))
            continue
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        children = []
        for key, item in items:
            if isinstance(key, str) and (match := UNSTORABLE.search(key)):
                problems.append(Problem(path or "dump", f"the field name {key!r} {_unstorable(match.group())}"))
            children.append((f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else key, item))
        pending.extend(reversed(children))  # in the document's order
    return problems


def _unstorable(character: str) -> str:
    if character == "\x00":
        return "holds a NUL character (\\u0000), which no text field can store"
    return f"holds \\u{ord(character):04x}, half of a UTF-16 surrogate pair without the other: not a character"


def check(
    document: dict[str, Any],
    vocabulary: Mapping[str, Collection[str]],
    existing_users: Callable[[set[str]], set[str]],
    *,
    max_transcript_chars: int | None = None,
    reserved_variable_names: Mapping[str, Collection[str]] | None = None,
) -> set[str]:
    """Check a parsed dump in place (defaults filled in); ImportErrors listing every problem.

    Returns the usernames the dump names (coders, interviewers, recorders of withdrawals), all known
    here. A pseudonymised dump names no accounts (``coder_<id>`` stands for a researcher of the
    exporting installation): none are returned, and the importer credits the codings to the
    importing user.

    ``vocabulary`` maps each ``F.choices`` name to its allowed values; ``existing_users`` is
    asked once which of the named usernames exist in this installation; a transcript longer than
    ``max_transcript_chars`` characters is refused, as on every other way in;
    ``reserved_variable_names`` are the fixed attributes of each kind of record, which no variable
    may be called.
    """
    checker = Checker(vocabulary)
    if not checker.record(document, TOP, "", "dump", None):
        raise ImportErrors(checker.problems)
    if document.get("format") != FORMAT:
        checker.problem("format", f"expected {FORMAT!r}, this is not a study dump")
    if is_int(document.get("version")) and document["version"] > VERSION:
        checker.problem("version", f"version {document['version']} is newer than this installation reads ({VERSION})")
    if isinstance(document.get("study"), dict):
        checker.record(document["study"], STUDY, "study", "study", None)
    _check_scheme(checker, document.get("scheme"))
    defined = check_definitions(checker, document.get("variables"), reserved_variable_names or {})
    region_names = _check_regions(checker, document.get("regions"))
    check_values(checker, document.get("regions"), defined)
    _check_memos(checker, document.get("memos"))
    checker.resolve_refs(region_names)
    _check_codings(checker, document.get("regions"))
    if max_transcript_chars is not None:
        _check_transcript_lengths(checker, document.get("regions"), max_transcript_chars)
    _check_code_tree(checker, document.get("scheme"))
    if document.get("pseudonymised") is True:
        checker.users.clear()
    known = existing_users(set(checker.users)) if checker.users else set()
    for username, path in checker.users.items():
        if username not in known:
            checker.problem(path, f"no user {username!r} in this installation (create the account first)")
    if checker.problems:
        raise ImportErrors(checker.problems)
    return set(checker.users)


def _check_scheme(checker: Checker, scheme: Any) -> None:
    if scheme is None or not checker.record(scheme, SCHEME, "scheme", "scheme", None):
        return
    if isinstance(scheme.get("codes"), list):
        if len(scheme["codes"]) > MAX_CODES:  # as for a .qdc: each code is written on its own
            # At once: the codings naming codes not checked would each be a problem too.
            raise ImportErrors([Problem("scheme.codes", f"{len(scheme['codes']):,} codes; the limit is {MAX_CODES:,}")])
        for index, code in enumerate(scheme["codes"]):
            checker.record(code, CODE, f"scheme.codes[{index}]", "code", None)


def _check_regions(checker: Checker, regions: Any) -> dict[int, str]:
    names: dict[int, str] = {}
    if not isinstance(regions, list):
        return names
    seen_names: dict[str, str] = {}
    for index, region in enumerate(regions):
        path = f"regions[{index}]"
        if not checker.record(region, REGION, path, "region", None):
            continue
        names[index] = str(region.get("name"))
        _unique(checker, seen_names, region.get("name"), f"{path}.name", "region name")
        for part, spec, kind, unique_by in (
            ("waves", WAVE, "wave", ("label",)),
            ("actors", ACTOR, "actor", ("kind", "name")),
            ("interviews", INTERVIEW, "interview", ("title",)),
            ("interactions", INTERACTION, "interaction", ()),
            ("outcomes", OUTCOME, "outcome", ("name",)),
            ("consent_withdrawals", CONSENT_WITHDRAWAL, "consent withdrawal", ()),
        ):
            _check_part(checker, region.get(part), spec, kind, unique_by, f"{path}.{part}", index)
    return names


def _check_part(
    checker: Checker, records: Any, spec: Mapping[str, F], kind: str, unique_by: tuple[str, ...], path: str, region: int
) -> None:
    """The records of one kind in one region; names that must be unique there (model constraints)."""
    if not isinstance(records, list):
        return
    seen: dict[Any, str] = {}
    for index, record in enumerate(records):
        where = f"{path}[{index}]"
        if not checker.record(record, spec, where, kind, region):
            continue
        if unique_by:
            identity = tuple(record.get(name) for name in unique_by)
            if all(isinstance(item, str) for item in identity):
                _unique(checker, seen, identity, f"{where}.{unique_by[-1]}", f"{kind} {'/'.join(unique_by)}")
        if kind == "interview" and isinstance(record.get("codings"), list):
            for number, coding in enumerate(record["codings"]):
                checker.record(coding, CODING, f"{where}.codings[{number}]", "coding", region)


def _check_memos(checker: Checker, memos: Any) -> None:
    """The study's memos: each on one target at most (their references resolve with the others)."""
    if not isinstance(memos, list):
        return
    for index, memo in enumerate(memos):
        if checker.record(memo, MEMO, f"memos[{index}]", "memo", None):
            targets = [name for name in MEMO_TARGETS if memo.get(name) is not None]
            if len(targets) > 1:
                message = f"names {len(targets)} targets ({', '.join(targets)}); a memo is written on one at most"
                checker.problem(f"memos[{index}]", message)


def _unique(checker: Checker, seen: dict[Any, str], value: Any, path: str, what: str) -> None:
    if not isinstance(value, str | tuple):
        return
    if value in seen:
        checker.problem(path, f"the {what} {value!r} is already used at {seen[value]}")
    else:
        seen[value] = path


def _check_codings(checker: Checker, regions: Any) -> None:
    """Offsets inside the transcript and quotes equal to the text there (records of the wrong
    shape were reported already and are skipped)."""
    for region_index, region in _objects(regions):
        for index, interview in _objects(region.get("interviews")):
            transcript = interview.get("transcript")
            if not isinstance(transcript, str):
                continue
            for number, coding in _objects(interview.get("codings")):
                path = f"regions[{region_index}].interviews[{index}].codings[{number}]"
                start, end, quote = coding.get("start"), coding.get("end"), coding.get("quote")
                if not (is_int(start) and is_int(end)):
                    continue
                if start < 0:
                    checker.problem(f"{path}.start", f"{start} is negative")
                elif end <= start:
                    checker.problem(f"{path}.end", f"the passage must end after it starts ({start})")
                elif end > len(transcript):
                    checker.problem(
                        f"{path}.end", f"{end} is past the end of the transcript ({len(transcript)} characters)"
                    )
                elif isinstance(quote, str) and quote != transcript[start:end]:
                    checker.problem(
                        f"{path}.quote",
                        f"does not match the transcript at [{start}, {end}): {transcript[start:end][:60]!r}",
                    )


def _objects(records: Any) -> Iterator[tuple[int, dict]]:
    if isinstance(records, list):
        yield from ((index, record) for index, record in enumerate(records) if isinstance(record, dict))


def _check_transcript_lengths(checker: Checker, regions: Any, limit: int) -> None:
    for region_index, region in _objects(regions):
        for index, interview in _objects(region.get("interviews")):
            transcript = interview.get("transcript")
            if isinstance(transcript, str) and len(transcript) > limit:
                checker.problem(
                    f"regions[{region_index}].interviews[{index}].transcript",
                    f"is {len(transcript):,} characters long; the limit is {limit:,} characters",
                )


def _check_code_tree(checker: Checker, scheme: Any) -> None:
    """No code is its own ancestor (the import creates parents before children), and none is
    nested more than MAX_CODE_DEPTH levels deep (the first such code is named)."""
    if not isinstance(scheme, dict):
        return
    codes = [(index, code) for index, code in _objects(scheme.get("codes")) if isinstance(code.get("key"), str)]
    depths = _code_depths({code["key"]: code.get("parent") for _, code in codes})
    too_deep = False
    for index, code in codes:
        depth = depths[code["key"]]
        if depth is None:
            checker.problem(f"scheme.codes[{index}].parent", "the codes' parents form a cycle")
        elif depth > MAX_CODE_DEPTH and not too_deep:
            checker.problem(
                f"scheme.codes[{index}].parent",
                f"the code is nested {depth:,} levels deep; the limit is {MAX_CODE_DEPTH} levels",
            )
            too_deep = True


def _code_depths(parents: Mapping[str, Any]) -> dict[str, int | None]:
    """Each code's depth (1 at the top), None where its ancestors run into a cycle.

    Each code is walked up once (linear time, no recursion): a chain of 100,000 codes would
    otherwise be walked 100,000 times.
    """
    depths: dict[str, int | None] = {}
    for start in parents:
        chain: list[str] = []
        on_chain: set[str] = set()
        key: Any = start
        cycle = False
        while isinstance(key, str) and key in parents and key not in depths:
            if key in on_chain:
                cycle = True
                break
            chain.append(key)
            on_chain.add(key)
            key = parents[key]
        # key: a code already measured, a parent that is no code of the scheme (reported as a
        # reference), or None at the top.
        base = None if cycle else depths.get(key, 0) if isinstance(key, str) else 0
        for offset, code in enumerate(reversed(chain), start=1):
            depths[code] = None if base is None else base + offset
    return depths


def codes_parents_first(codes: list[dict]) -> list[dict]:
    """The codes of a checked scheme ordered so that each parent comes before its children."""
    by_parent: dict[str | None, list[dict]] = {}
    for code in codes:
        by_parent.setdefault(code["parent"], []).append(code)
    ordered: list[dict] = []
    pending = [None]
    while pending:
        parent = pending.pop(0)
        for code in by_parent.get(parent, []):
            ordered.append(code)
            pending.append(code["key"])
    return ordered


def code_paths(codes: Iterable[tuple[str, str | None, str]]) -> dict[str, str]:
    """key -> "Parent/Child" path, from (key, parent key, name) triples; compares two trees by name."""
    rows = {key: (parent, name) for key, parent, name in codes}
    paths: dict[str, str] = {}

    def path_of(key: str) -> str:
        if key not in paths:
            parent, name = rows[key]
            paths[key] = name if parent is None else f"{path_of(parent)}/{name}"
        return paths[key]

    for key in rows:
        path_of(key)
    return paths
