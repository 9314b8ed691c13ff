"""A QCA model's specification: what the page's form, the API and a saved model all send (pure).

One parser turns the JSON into typed records, so the page, the API and the worker refuse the same
input with the same message; each message names the place (``conditions[1].calibration``) and
the condition. Written by hand rather than as a DRF serializer or a schema library: it is a pure
module (no DRF, tested on plain data) shared by the form, the API and the worker, and its messages
speak QCA (anchors, thresholds, directional expectations) rather than JSON types. The shape (see ``README.md``, "QCA"):

    {"unit": "region" | "wave", "cases": [ids of regions or waves],
     "outcome": CONDITION + {"negate": bool},
     "conditions": [CONDITION, ...],
     "incl_cut": 0.8, "n_cut": 1, "pri_cut": 0.0,
     "solution": "conservative" | "parsimonious" | "intermediate",
     "dir_exp": {"NAME": "1" | "0" | "-"}}

    CONDITION = {"name": "DENSE", "source": SOURCE, "calibration": CALIBRATION}
    SOURCE = {"kind": "variable", "target": "region" | "wave", "name": "gdp_growth"}
           | {"kind": "metric", "layer": "all", "figure": "density"}
           | {"kind": "classification", "layer": "all", "name": "structure", "label": "brokerage"}
           | {"kind": "code", "code": 12, "measure": "share" | "per_interview" | "count"}
    CALIBRATION = {"method": "crisp", "thresholds": [t, ...], "decreasing": false}  (several: multi-value)
                | {"method": "fuzzy", "exclusion": e, "crossover": c, "inclusion": i}
                | {"method": "manual", "scores": {"raw value as text": membership}}
                | {"method": "direct"}  (raw values already 0..1, e.g. a 0/1 classification)
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from coding.analysis.message import Message, message
from coding.analysis.qca.refusal import shown

UNITS = ("region", "wave")
SOURCE_KINDS = ("variable", "metric", "classification", "code")
CODE_MEASURES = ("share", "per_interview", "count")
METHODS = ("crisp", "fuzzy", "manual", "direct")
SOLUTIONS = ("conservative", "parsimonious", "intermediate")
DIRECTIONS = ("1", "0", "-")
MAX_CONDITIONS = 10
MAX_CASES = 500
# Condition names are columns of the exported data and names in R: syntactic, and QCA's notation
# reads them back, so upper-case by the package's convention is advised but not required.
NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


class SpecError(ValueError):
    """A specification that cannot be run; ``place`` says where (``conditions[0].calibration``)."""

    def __init__(self, place: str, said: Message | str) -> None:
        super().__init__(f"{place}: {said}" if place else str(said))
        self.place = place
        self.message = str(said)
        # For the page, in the reader's language (``coding.templatetags.says.say``), with its place.
        self.said: Message | str = message("{place}: {message}", place=place, message=said) if place else said


@dataclass(frozen=True)
class Source:
    kind: str
    target: str = ""  # variable: "region" | "wave"
    name: str = ""  # variable name; classification name
    layer: str = ""  # metric, classification
    figure: str = ""  # metric path, e.g. "density" or "ei_actor_type.index"
    label: str = ""  # classification label counted as 1
    code: int = 0
    measure: str = ""

    def as_json(self) -> dict[str, Any]:
        keys = {
            "variable": ("target", "name"),
            "metric": ("layer", "figure"),
            "classification": ("layer", "name", "label"),
            "code": ("code", "measure"),
        }[self.kind]
        return {"kind": self.kind, **{key: getattr(self, key) for key in keys}}


@dataclass(frozen=True)
class Calibration:
    method: str
    thresholds: tuple[float, ...] = ()  # crisp; fuzzy: exclusion, crossover, inclusion
    decreasing: bool = False
    scores: tuple[tuple[str, float], ...] = ()  # manual: raw value text -> membership

    def as_json(self) -> dict[str, Any]:
        if self.method == "crisp":
            return {"method": "crisp", "thresholds": list(self.thresholds), "decreasing": self.decreasing}
        if self.method == "fuzzy":
            exclusion, crossover, inclusion = self.thresholds
            return {"method": "fuzzy", "exclusion": exclusion, "crossover": crossover, "inclusion": inclusion}
        if self.method == "manual":
            return {"method": "manual", "scores": dict(self.scores)}
        return {"method": self.method}


@dataclass(frozen=True)
class Condition:
    name: str
    source: Source
    calibration: Calibration
    negate: bool = False  # the outcome only

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "source": self.source.as_json(), "calibration": self.calibration.as_json()}


@dataclass(frozen=True)
class Spec:
    unit: str
    cases: tuple[int, ...]
    outcome: Condition
    conditions: tuple[Condition, ...]
    incl_cut: float = 0.8
    n_cut: int = 1
    pri_cut: float = 0.0
    solution: str = "conservative"
    dir_exp: tuple[tuple[str, str], ...] = field(default=())

    @property
    def condition_names(self) -> list[str]:
        return [condition.name for condition in self.conditions]

    def as_json(self) -> dict[str, Any]:
        """The canonical JSON (what is stored and fingerprinted): parse(as_json()) gives it back."""
        return {
            "unit": self.unit,
            "cases": list(self.cases),
            "outcome": {**self.outcome.as_json(), "negate": self.outcome.negate},
            "conditions": [condition.as_json() for condition in self.conditions],
            "incl_cut": self.incl_cut,
            "n_cut": self.n_cut,
            "pri_cut": self.pri_cut,
            "solution": self.solution,
            "dir_exp": dict(self.dir_exp),
        }


def parse_spec(raw: object) -> Spec:
    """The typed specification of ``raw`` (decoded JSON), or ``SpecError`` naming the first problem."""
    body = _mapping(raw, "")
    unit = _choice(body.get("unit", "region"), UNITS, "unit")
    cases = _ids(body.get("cases"), "cases")
    outcome_raw = _mapping(body.get("outcome"), "outcome")
    outcome = _condition(outcome_raw, "outcome", negate=_bool(outcome_raw.get("negate", False), "outcome.negate"))
    conditions_raw = body.get("conditions")
    if not isinstance(conditions_raw, list) or not conditions_raw:
        raise SpecError("conditions", message("give at least one condition."))
    if len(conditions_raw) > MAX_CONDITIONS:
        raise SpecError(
            "conditions",
            message("at most {limit} conditions ({given} given).", limit=MAX_CONDITIONS, given=len(conditions_raw)),
        )
    conditions = tuple(
        _condition(_mapping(item, f"conditions[{i}]"), f"conditions[{i}]") for i, item in enumerate(conditions_raw)
    )
    names = [outcome.name, *(condition.name for condition in conditions)]
    for i, name in enumerate(names):
        if name in names[:i]:
            place = "outcome" if i == 0 else f"conditions[{i - 1}].name"
            raise SpecError(
                place,
                message("the name {name} is used twice; each condition and the outcome need their own.", name=name),
            )
    solution = _choice(body.get("solution", "conservative"), SOLUTIONS, "solution")
    dir_exp = _dir_exp(body.get("dir_exp") or {}, [condition.name for condition in conditions])
    return Spec(
        unit=unit,
        cases=cases,
        outcome=outcome,
        conditions=conditions,
        incl_cut=_unit_interval(body.get("incl_cut", 0.8), "incl_cut"),
        n_cut=_count(body.get("n_cut", 1), "n_cut"),
        pri_cut=_unit_interval(body.get("pri_cut", 0.0), "pri_cut"),
        solution=solution,
        dir_exp=dir_exp,
    )


def _mapping(raw: object, place: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SpecError(place, message("expected an object."))
    return raw


def _choice(raw: object, choices: tuple[str, ...], place: str) -> str:
    if raw not in choices:
        raise SpecError(
            place, message("{raw} is not one of {choices}.", raw=repr(raw), choices=str(", ".join(choices)))
        )
    return str(raw)


def _bool(raw: object, place: str) -> bool:
    if not isinstance(raw, bool):
        raise SpecError(place, message("expected true or false."))
    return raw


def _number(raw: object, place: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise SpecError(place, message("{raw} is not a finite number.", raw=repr(raw)))
    return float(raw)


def _unit_interval(raw: object, place: str) -> float:
    number = _number(raw, place)
    if not 0 <= number <= 1:
        raise SpecError(place, message("{number} is outside 0..1.", number=shown(number)))
    return number


def _count(raw: object, place: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise SpecError(place, message("{raw} is not a whole number of at least 1.", raw=repr(raw)))
    return raw


def _ids(raw: object, place: str) -> tuple[int, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise SpecError(place, message("choose at least two cases."))
    if len(raw) > MAX_CASES:
        raise SpecError(place, message("at most {limit} cases.", limit=MAX_CASES))
    ids: list[int] = []
    for i, item in enumerate(raw):
        if isinstance(item, bool) or not isinstance(item, int) or not 0 < item < 2**31:
            raise SpecError(f"{place}[{i}]", message("{item} is not a record id.", item=repr(item)))
        if item not in ids:
            ids.append(item)
    return tuple(ids)


def _condition(body: dict[str, Any], place: str, *, negate: bool = False) -> Condition:
    name = body.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise SpecError(
            f"{place}.name",
            message("{name} is not a condition name (letters, digits, _; starting with a letter).", name=repr(name)),
        )
    source = _source(_mapping(body.get("source"), f"{place}.source"), f"{place}.source", name)
    calibration = _calibration(_mapping(body.get("calibration"), f"{place}.calibration"), f"{place}.calibration", name)
    return Condition(name=name, source=source, calibration=calibration, negate=negate)


def _text(body: dict[str, Any], key: str, place: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise SpecError(f"{place}.{key}", message("expected a non-empty text."))
    return value.strip()


def _source(body: dict[str, Any], place: str, name: str) -> Source:
    kind = _choice(body.get("kind"), SOURCE_KINDS, f"{place}.kind")
    if kind == "variable":
        target = _choice(body.get("target", "region"), UNITS, f"{place}.target")
        return Source(kind, target=target, name=_text(body, "name", place))
    if kind == "metric":
        return Source(kind, layer=_text(body, "layer", place), figure=_text(body, "figure", place))
    if kind == "classification":
        return Source(
            kind, layer=_text(body, "layer", place), name=_text(body, "name", place), label=_text(body, "label", place)
        )
    code = body.get("code")
    if isinstance(code, bool) or not isinstance(code, int) or code < 1:
        raise SpecError(
            f"{place}.code", message("{code} is not a code id (condition {name}).", code=repr(code), name=name)
        )
    return Source(kind, code=code, measure=_choice(body.get("measure", "share"), CODE_MEASURES, f"{place}.measure"))


def _calibration(body: dict[str, Any], place: str, name: str) -> Calibration:
    method = _choice(body.get("method"), METHODS, f"{place}.method")
    if method == "crisp":
        raw = body.get("thresholds")
        if not isinstance(raw, list) or not raw:
            raise SpecError(f"{place}.thresholds", message("give at least one threshold for {name}.", name=name))
        thresholds = tuple(_number(value, f"{place}.thresholds[{i}]") for i, value in enumerate(raw))
        if any(later <= earlier for earlier, later in itertools.pairwise(thresholds)):
            raise SpecError(
                f"{place}.thresholds",
                message("the thresholds of {name} are out of order (give them increasing).", name=name),
            )
        return Calibration(method, thresholds, _bool(body.get("decreasing", False), f"{place}.decreasing"))
    if method == "fuzzy":
        anchors = tuple(_number(body.get(key), f"{place}.{key}") for key in ("exclusion", "crossover", "inclusion"))
        exclusion, crossover, inclusion = anchors
        if not (exclusion < crossover < inclusion or exclusion > crossover > inclusion):
            raise SpecError(
                place,
                message(
                    "the anchors of {name} are out of order (exclusion {exclusion}, crossover {crossover}, "
                    "inclusion {inclusion}): the crossover must lie strictly between the other two.",
                    name=name,
                    exclusion=shown(exclusion),
                    crossover=shown(crossover),
                    inclusion=shown(inclusion),
                ),
            )
        return Calibration(method, anchors)
    if method == "manual":
        scores = _mapping(body.get("scores"), f"{place}.scores")
        if not scores:
            raise SpecError(f"{place}.scores", message("give a membership score for each value of {name}.", name=name))
        pairs = tuple(
            (str(key), _unit_interval(value, f"{place}.scores.{key}")) for key, value in sorted(scores.items())
        )
        return Calibration(method, scores=pairs)
    return Calibration(method)


def _dir_exp(raw: object, names: list[str]) -> tuple[tuple[str, str], ...]:
    body = _mapping(raw, "dir_exp")
    pairs: list[tuple[str, str]] = []
    for key, value in body.items():
        if key not in names:
            raise SpecError(
                f"dir_exp.{key}",
                message("{key} is not one of the conditions ({names}).", key=key, names=str(", ".join(names))),
            )
        pairs.append((key, _choice(value, DIRECTIONS, f"dir_exp.{key}")))
    return tuple(pairs)
