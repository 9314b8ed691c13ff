"""The JSON dump of a whole study (issue 6): its schema, a streaming writer and a validating reader.

A dump holds everything needed to recreate a study: settings, coding scheme, and per region its
waves, actors, interviews (with transcripts and codings), interactions, outcomes and the records of
consent withdrawals (when, by whom, how much was removed; no personal data). Records refer
to each other by dump-local keys ("a3", "k17"), never by database ids, so a dump can be loaded
into another installation. No Django here: the services in ``coding.exchange.dump`` turn rows
into the plain dicts written here and the checked dicts read here back into rows.

Reading collects every problem with its path (``regions[1].actors[3].kind: not a choice``)
before anything is written; what only the database can know (users, existing schemes) and the
model rules (``full_clean``) are checked by the service on top.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeGuard

from coding.exchange.records import ImportErrors, Problem

FORMAT = "cluster-case-studies/study-dump"
VERSION = 1
CHUNK_CHARS = 64 * 1024

# --- Writing ------------------------------------------------------------------------------------


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


# --- Schema -------------------------------------------------------------------------------------

REQUIRED = object()


@dataclass(frozen=True)
class F:
    """One field of a record: its type, its default when missing (``REQUIRED``: must be given),
    the vocabulary its values come from (``choices``) or the kind of record it refers to (``ref``)."""

    type: str  # str, int, float, bool, date, datetime, object, choice, choices, ref, refs, user, list
    default: Any = ""
    choices: str = ""
    ref: str = ""
    nullable: bool = False
    blank: bool = True  # for choices: "" allowed


def _req(type_: str, **kwargs: Any) -> F:
    return F(type_, REQUIRED, **kwargs)


STUDY = {
    "title": _req("str"),
    "research_question": F("str"),
    "description": F("str"),
    "allow_self_ties": F("bool", False),
    "keep_ties_after_withdrawal": F("bool", False),
    "analysis_settings": F("object", {}),
}
SCHEME = {"name": _req("str"), "version": _req("int"), "description": F("str"), "codes": _req("list")}
CODE = {
    "key": _req("str"),
    "parent": F("ref", None, ref="code", nullable=True),
    "name": _req("str"),
    "definition": F("str"),
    "example": F("str"),
    "colour": F("str", "#4c78a8"),
    "concept": F("str"),
    "order": F("int", 0),
}
REGION = {
    "key": _req("str"),
    "name": _req("str"),
    "country": _req("str"),
    "technology_field": _req("choice", choices="technology_field", blank=False),
    "lifecycle_phase": F("choice", choices="lifecycle_phase"),
    "description": F("str"),
    "centroid_latitude": F("float", None, nullable=True),
    "centroid_longitude": F("float", None, nullable=True),
    "waves": F("list", []),
    "actors": F("list", []),
    "interviews": F("list", []),
    "interactions": F("list", []),
    "outcomes": F("list", []),
    "consent_withdrawals": F("list", []),
}
WAVE = {"key": _req("str"), "label": _req("str"), "start": _req("date"), "end": F("date", None, nullable=True)}
ACTOR = {
    "key": _req("str"),
    "kind": _req("choice", choices="actor_kind", blank=False),
    "name": _req("str"),
    "pseudonym": F("str"),
    "location": F("choice", "inside", choices="location", blank=False),
    "description": F("str"),
    "org_type": F("choice", choices="org_type"),
    "size_band": F("choice", choices="size_band"),
    "founded": F("int", None, nullable=True),
    "spun_off_from": F("ref", None, ref="actor", nullable=True),
    "affiliation": F("ref", None, ref="actor", nullable=True),
    "occupational_group": F("str"),
    "hierarchy_level": F("choice", choices="hierarchy_level"),
}
INTERVIEW = {
    "key": _req("str"),
    "wave": F("ref", None, ref="wave", nullable=True),
    "title": _req("str"),
    "interviewees": F("refs", [], ref="actor"),
    "interviewer": F("user", None, nullable=True),
    "date": F("date", None, nullable=True),
    "mode": F("choice", "face_to_face", choices="interview_mode", blank=False),
    "language": F("str", "en"),
    "consent_status": F("choice", "pending", choices="consent_status", blank=False),
    "consent_withdrawn_at": F("datetime", None, nullable=True),
    "pseudonymised": F("bool", False),
    "transcript": F("str"),
    "source_filename": F("str"),
    "memo": F("str"),
    "codings": F("list", []),
}
CODING = {
    "key": _req("str"),
    "code": _req("ref", ref="code"),
    "coder": _req("user"),
    "start": _req("int"),
    "end": _req("int"),
    "quote": _req("str"),
    "memo": F("str"),
}
RATINGS = ("rating_time", "rating_emotional_intensity", "rating_intimacy", "rating_reciprocal_services")
INTERACTION = {
    "key": _req("str"),
    "wave": F("ref", None, ref="wave", nullable=True),
    "source": _req("ref", ref="actor"),
    "target": _req("ref", ref="actor"),
    "directed": F("bool", False),
    "modes": _req("choices", choices="coordination_mode"),
    "content": F("str"),
    **{rating: F("int", None, nullable=True) for rating in RATINGS},
    "channel": F("choice", choices="channel"),
    "setting": F("choice", choices="setting"),
    "formality": F("choice", choices="formality"),
    "trust_basis": F("choice", choices="trust_basis"),
    "duration": F("choice", choices="duration"),
    "includes_private_sphere": F("bool", False),
    "evidence": F("refs", [], ref="coding"),
    "coder": F("user", None, nullable=True),
    "confidence": F("choice", "medium", choices="confidence", blank=False),
    "memo": F("str"),
}
OUTCOME = {
    "key": _req("str"),
    "name": _req("str"),
    "kind": _req("choice", choices="outcome_kind", blank=False),
    "description": F("str"),
    "year": F("int", None, nullable=True),
    "actors": F("refs", [], ref="actor"),
    "evidence": F("refs", [], ref="coding"),
}
CONSENT_WITHDRAWAL_COUNTS = (
    "interviews_cleared",
    "codings_removed",
    "ties_kept",
    "ties_removed",
    "history_rows_purged",
)
CONSENT_WITHDRAWAL = {
    "pseudonym": _req("str"),
    "withdrawn_at": _req("datetime"),
    # The anonymised actor row stays for the kept ties; null once it was deleted.
    "actor": F("ref", None, ref="actor", nullable=True),
    "recorded_by": F("user", None, nullable=True),
    **{count: F("int", 0) for count in CONSENT_WITHDRAWAL_COUNTS},
}
TOP = {
    "format": _req("str"),
    "version": _req("int"),
    "exported_at": F("str"),
    "pseudonymised": F("bool", False),
    "study": _req("object"),
    "scheme": F("object", None, nullable=True),
    "regions": F("list", []),
}
# Records that belong to one region: a reference to one of them from another region is refused.
REGION_SCOPED = {"wave", "actor", "coding"}


# --- Reading ------------------------------------------------------------------------------------


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
        document = json.loads(text, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as error:
        where = f"{filename}, line {error.lineno}, column {error.colno}"
        raise ImportErrors([Problem(where, f"not valid JSON: {error.msg}")]) from error
    if not isinstance(document, dict):
        raise ImportErrors([Problem(filename, "the dump must be a JSON object")])
    return document


@dataclass
class _Key:
    kind: str
    path: str
    region: int | None


@dataclass
class Checker:
    """Walks a parsed dump, fills in defaults and collects every problem with its path."""

    vocabulary: Mapping[str, Collection[str]]
    problems: list[Problem] = field(default_factory=list)
    keys: dict[str, _Key] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # username -> first path naming it
    _refs: list[tuple[str, str, str, int | None]] = field(default_factory=list)  # path, key, kind, region

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def record(self, value: Any, spec: Mapping[str, F], path: str, kind: str, region: int | None) -> bool:
        """Check one record in place (defaults filled in); False if it is not a usable object."""
        if not isinstance(value, dict):
            self.problem(path, f"must be an object, not {_type_name(value)}")
            return False
        for name in getattr(value, "duplicates", ()):
            self.problem(_join(path, name), "given twice in the same object")
        for name in sorted(value.keys() - spec.keys()):
            self.problem(_join(path, name), "unknown field")
        for name, rule in spec.items():
            if name not in value:
                if rule.default is REQUIRED:
                    self.problem(_join(path, name), "missing")
                    continue
                value[name] = rule.default.copy() if isinstance(rule.default, list | dict) else rule.default
            self.field(value, name, rule, _join(path, name), region)
        if "key" in spec and isinstance(value.get("key"), str):
            if value["key"]:
                self.define(value["key"], kind, f"{path}.key", region)
            else:
                self.problem(f"{path}.key", "must not be empty")
        return True

    def define(self, key: str, kind: str, path: str, region: int | None) -> None:
        if key in self.keys:
            self.problem(path, f"the key {key!r} is already used at {self.keys[key].path}")
        else:
            self.keys[key] = _Key(kind, path, region)

    def field(self, record: dict, name: str, rule: F, path: str, region: int | None) -> None:
        value = record[name]
        if value is None:
            if not rule.nullable:
                self.problem(path, "must not be null")
            return
        message = _CHECKS[rule.type](self, value, rule, path, region)
        if message:
            self.problem(path, message)

    def _choice(self, value: Any, rule: F, path: str = "", region: int | None = None) -> str | None:
        allowed = self.vocabulary[rule.choices]
        if value == "" and rule.blank:
            return None
        if not isinstance(value, str) or value not in allowed:
            return f"{value!r} is not a choice (one of {', '.join(sorted(allowed))})"
        return None

    def _choices(self, value: Any, rule: F, path: str = "", region: int | None = None) -> str | None:
        if not isinstance(value, list):
            return f"must be a list, not {_type_name(value)}"
        wrong = [item for item in value if not isinstance(item, str) or item not in self.vocabulary[rule.choices]]
        if wrong:
            return f"{wrong!r} not a choice (one of {', '.join(sorted(self.vocabulary[rule.choices]))})"
        if len(set(value)) < len(value):
            return "a value is given twice"
        return None

    def _user(self, value: Any, rule: F, path: str, region: int | None = None) -> str | None:
        if not isinstance(value, str) or not value:
            return f"must be a username, not {_type_name(value)}"
        self.users.setdefault(value, path)
        return None

    def _ref(self, value: Any, kind: str, path: str, region: int | None) -> str | None:
        if not isinstance(value, str):
            return f"must be a key (a string), not {_type_name(value)}"
        self._refs.append((path, value, kind, region))
        return None

    def _refs_of(self, value: Any, rule: F, path: str, region: int | None) -> str | None:
        kind = rule.ref
        if not isinstance(value, list):
            return f"must be a list of keys, not {_type_name(value)}"
        seen: set[str] = set()
        for index, item in enumerate(value):
            message = self._ref(item, kind, f"{path}[{index}]", region)
            if message is None and item in seen:
                message = f"{item!r} is listed twice"
            if message:
                self.problem(f"{path}[{index}]", message)
            if isinstance(item, str):
                seen.add(item)
        return None

    def resolve_refs(self, region_names: Mapping[int, str]) -> None:
        """Every reference names a key of the right kind, in the same region for regional records."""
        for path, key, kind, region in self._refs:
            target = self.keys.get(key)
            if target is None:
                self.problem(path, f"unknown {kind} key {key!r}")
            elif target.kind != kind:
                self.problem(path, f"{key!r} is a {target.kind}, not a {kind}")
            elif kind in REGION_SCOPED and target.region != region:
                other = region_names.get(target.region or -1, "another region")
                self.problem(path, f"the {kind} {key!r} belongs to the region {other!r}, not to this one")


def _simple(test: Callable[[Any], bool], what: str) -> Callable[..., str | None]:
    return lambda checker, value, *rest: None if test(value) else f"must be {what}, not {_type_name(value)}"


def _iso(parse_iso: Callable[[str], Any], what: str) -> Callable[..., str | None]:
    return lambda checker, value, *rest: _check_iso(value, parse_iso, what)


_CHECKS: dict[str, Callable[..., str | None]] = {
    "str": _simple(lambda value: isinstance(value, str), "a string"),
    "int": _simple(lambda value: _is_int(value), "a whole number"),
    "float": _simple(lambda value: _is_number(value), "a number"),
    "bool": _simple(lambda value: isinstance(value, bool), "true or false"),
    "object": _simple(lambda value: isinstance(value, dict), "an object"),
    "list": _simple(lambda value: isinstance(value, list), "a list"),
    "date": _iso(date.fromisoformat, "a date (YYYY-MM-DD)"),
    "datetime": _iso(datetime.fromisoformat, "a date and time (ISO 8601)"),
    "choice": Checker._choice,
    "choices": Checker._choices,
    "user": Checker._user,
    "ref": lambda checker, value, rule, path, region: checker._ref(value, rule.ref, path, region),
    "refs": Checker._refs_of,
}


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_iso(value: Any, parse_iso: Callable[[str], Any], what: str) -> str | None:
    try:
        parse_iso(value)
    except (TypeError, ValueError):
        return f"{value!r} is not {what}"
    return None


def check(
    document: dict[str, Any],
    vocabulary: Mapping[str, Collection[str]],
    existing_users: Callable[[set[str]], set[str]],
) -> set[str]:
    """Check a parsed dump in place (defaults filled in); ImportErrors listing every problem.

    Returns the usernames the dump names (coders, interviewers, recorders of withdrawals), all known
    here. A pseudonymised dump names no accounts (``coder_<id>`` stands for a researcher of the
    exporting installation): none are returned, and the importer credits the codings to the
    importing user.

    ``vocabulary`` maps each ``F.choices`` name to its allowed values; ``existing_users`` is
    asked once which of the named usernames exist in this installation.
    """
    checker = Checker(vocabulary)
    if not checker.record(document, TOP, "", "dump", None):
        raise ImportErrors(checker.problems)
    if document.get("format") != FORMAT:
        checker.problem("format", f"expected {FORMAT!r}, this is not a study dump")
    if _is_int(document.get("version")) and document["version"] > VERSION:
        checker.problem("version", f"version {document['version']} is newer than this installation reads ({VERSION})")
    if isinstance(document.get("study"), dict):
        checker.record(document["study"], STUDY, "study", "study", None)
    _check_scheme(checker, document.get("scheme"))
    region_names = _check_regions(checker, document.get("regions"))
    checker.resolve_refs(region_names)
    _check_codings(checker, document.get("regions"))
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
                if not (_is_int(start) and _is_int(end)):
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


def _check_code_tree(checker: Checker, scheme: Any) -> None:
    """No code is its own ancestor (the import creates parents before children)."""
    if not isinstance(scheme, dict):
        return
    codes = [(index, code) for index, code in _objects(scheme.get("codes")) if isinstance(code.get("key"), str)]
    parents = {code["key"]: code.get("parent") for _, code in codes}
    for index, code in codes:
        seen = {code["key"]}
        parent = code.get("parent")
        while isinstance(parent, str):
            if parent in seen:
                checker.problem(f"scheme.codes[{index}].parent", "the codes' parents form a cycle")
                break
            seen.add(parent)
            parent = parents.get(parent)


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
