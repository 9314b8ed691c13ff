"""The checks of one dump record against its fields (no Django here), for ``reader.check``.

Every problem is collected with its path (``regions[1].actors[3].kind: not a choice``); defaults
are filled in; references are resolved once every key is known.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeGuard

from coding.exchange.dump.schema import REGION_SCOPED, REQUIRED, F
from coding.exchange.records import Problem


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
        """Every reference names a key of the right kind, in the same region for regional records
        (``region`` None: a record of the whole study, which may name any region's records)."""
        for path, key, kind, region in self._refs:
            target = self.keys.get(key)
            if target is None:
                self.problem(path, f"unknown {kind} key {key!r}")
            elif target.kind != kind:
                self.problem(path, f"{key!r} is a {target.kind}, not a {kind}")
            elif kind in REGION_SCOPED and region is not None and target.region != region:
                other = region_names.get(target.region or -1, "another region")
                self.problem(path, f"the {kind} {key!r} belongs to the region {other!r}, not to this one")


def _simple(test: Callable[[Any], bool], what: str) -> Callable[..., str | None]:
    return lambda checker, value, *rest: None if test(value) else f"must be {what}, not {_type_name(value)}"


def _iso(parse_iso: Callable[[str], Any], what: str) -> Callable[..., str | None]:
    return lambda checker, value, *rest: _check_iso(value, parse_iso, what)


_CHECKS: dict[str, Callable[..., str | None]] = {
    "str": _simple(lambda value: isinstance(value, str), "a string"),
    "int": _simple(lambda value: is_int(value), "a whole number"),
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


def is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_iso(value: Any, parse_iso: Callable[[str], Any], what: str) -> str | None:
    try:
        parse_iso(value)
    except (TypeError, ValueError):
        return f"{value!r} is not {what}"
    return None
