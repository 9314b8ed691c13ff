"""The raw data table of a QCA: one row per case, one value per condition, each with its source (pure).

A QCA tool that only sees numbers loses the interviews behind them. Here every raw value keeps a
link to where it came from — the variable on the region's (or wave's) page, the figure or
classification on the analysis page of its layer and wave, the retrieval of the code in that
region — so the truth table can send a reader from a configuration to its evidence. The Django
side reads the stored rows (``coding.qca.selectors``) and supplies ``Links``; this module only
picks and labels values, so it can be checked on plain data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from coding.analysis.message import N_, Message, message
from coding.qca.spec import Condition, Source, Spec, SpecError

Raw = float | str | bool


@dataclass(frozen=True)
class Case:
    """A region (``wave_id`` None) or one wave of it."""

    key: str  # "r12" or "w34": stable across renames, used in URLs and saved results
    label: str  # what tables, files and R show; unique within one analysis
    region_id: int
    wave_id: int | None = None


@dataclass(frozen=True)
class CodeCell:
    """One code in one case: passages (with sub-codes), interviews coded with it, interviews."""

    count: int
    coded_interviews: int
    interviews: int


@dataclass(frozen=True)
class Inputs:
    """What the selectors read, keyed by plain ids."""

    cases: Sequence[Case]
    # record id -> {attribute name: value}; fixed attributes and study variables alike
    region_values: Mapping[int, Mapping[str, Raw]] = field(default_factory=dict)
    wave_values: Mapping[int, Mapping[str, Raw]] = field(default_factory=dict)
    # (target, name) -> (label, type) of every attribute that exists
    attributes: Mapping[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # (region id, wave id or None, layer) -> {"metrics": ..., "classifications": ...}
    snapshots: Mapping[tuple[int, int | None, str], Mapping[str, Any]] = field(default_factory=dict)
    # the same keys -> effective status ("ok", "stale", ...); results not "ok" are marked
    snapshot_status: Mapping[tuple[int, int | None, str], str] = field(default_factory=dict)
    code_cells: Mapping[tuple[int, int, int | None], CodeCell] = field(default_factory=dict)
    code_names: Mapping[int, str] = field(default_factory=dict)


class Links(Protocol):
    """The pages a value links to (implemented with ``reverse`` in ``coding.qca.selectors``)."""

    def variable(self, target: str, record_id: int, region_id: int, name: str) -> str: ...

    def analysis(self, region_id: int, wave_id: int | None, layer: str, anchor: str) -> str: ...

    def retrieval(self, code_id: int, region_id: int, wave_id: int | None) -> str: ...


@dataclass(frozen=True)
class RawValue:
    value: Raw | None  # None: no value recorded for this case
    text: str  # as shown and exported
    url: str  # where it comes from
    note: str = ""  # e.g. "from an analysis that is being recomputed" (English, as files and logs read it)
    said: Message | str = ""  # the note for the page, rendered in the reader's language


def _noted(value: Raw | None, url: str, said: Message | str = "") -> RawValue:
    return RawValue(value, format_raw(value), url, str(said), said)


@dataclass(frozen=True)
class CaseRow:
    case: Case
    values: Mapping[str, RawValue]  # condition name (outcome included) -> raw value


# How the page names a variable's kind of record in a source label.
_VARIABLE_OF = {
    "region": N_("{label} (region variable)"),
    "wave": N_("{label} (wave variable)"),
    "actor": N_("{label} (actor variable)"),
    "interview": N_("{label} (interview variable)"),
}
# The tie layers as source labels name them ("density (all ties)"), each a text to translate.
_TIES = {
    "all": N_("all ties"),
    "cooperation": N_("cooperation ties"),
    "rivalry": N_("rivalry ties"),
    "competition": N_("competition ties"),
    "conflict": N_("conflict ties"),
    "strong": N_("strong ties"),
    "weak": N_("weak ties"),
    "face_to_face": N_("face_to_face ties"),
    "low_threshold": N_("low_threshold ties"),
    "spin_off": N_("spin_off ties"),
    "confirmed": N_("confirmed ties"),
}
_MEASURE = {
    "share": N_("share of interviews coded “{code}”"),
    "per_interview": N_("passages per interview coded “{code}”"),
    "count": N_("passages coded “{code}”"),
}


def _ties(layer: str) -> Message | str:
    return Message(_TIES[layer]) if layer in _TIES else f"{layer} ties"


def source_label(source: Source, inputs: Inputs) -> Message:
    """How the page names a source, e.g. "density (All ties)" or "share of interviews coded Trust"
    (``str()`` of it in English; the page renders it per language)."""
    if source.kind == "variable":
        label, _type = inputs.attributes.get((source.target, source.name), (source.name, ""))
        return message(_VARIABLE_OF.get(source.target, "{label} (" + source.target + " variable)"), label=label)
    if source.kind == "metric":
        return message("{figure} ({ties})", figure=source.figure.replace("_", " "), ties=_ties(source.layer))
    if source.kind == "classification":
        return message(
            "{name} is {label} ({ties})",
            name=source.name.replace("_", " "),
            label=source.label.replace("_", " "),
            ties=_ties(source.layer),
        )
    code = inputs.code_names.get(source.code) or message("code {code}", code=str(source.code))
    return message(_MEASURE[source.measure], code=code)


def check_sources(spec: Spec, inputs: Inputs) -> None:
    """Sources that cannot give values for these cases: ``SpecError`` naming the condition."""
    for place, condition in _places(spec):
        source = condition.source
        if source.kind == "variable":
            if (source.target, source.name) not in inputs.attributes:
                raise SpecError(
                    f"{place}.source.name",
                    message(
                        "{name}: no {target} variable “{variable}” in this study.",
                        name=str(condition.name),
                        target=str(source.target),
                        variable=str(source.name),
                    ),
                )
            if source.target == "wave" and spec.unit != "wave":
                raise SpecError(
                    f"{place}.source.target",
                    message(
                        "{name}: a wave variable needs waves as cases (unit “wave”), not regions.",
                        name=str(condition.name),
                    ),
                )
        if source.kind == "code" and source.code not in inputs.code_names:
            raise SpecError(
                f"{place}.source.code",
                message(
                    "{name}: code {code} is not in this study's scheme.",
                    name=str(condition.name),
                    code=str(source.code),
                ),
            )


def build_table(spec: Spec, inputs: Inputs, links: Links) -> list[CaseRow]:
    """One row per case with the raw value of the outcome and of every condition, and its source."""
    check_sources(spec, inputs)
    conditions = [spec.outcome, *spec.conditions]
    return [
        CaseRow(case, {condition.name: raw_value(condition, case, inputs, links) for condition in conditions})
        for case in inputs.cases
    ]


def raw_value(condition: Condition, case: Case, inputs: Inputs, links: Links) -> RawValue:
    source = condition.source
    if source.kind == "variable":
        return _variable(source, case, inputs, links)
    if source.kind in ("metric", "classification"):
        return _analysis(source, case, inputs, links)
    return _code(source, case, inputs, links)


def format_raw(value: Raw | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.6g}"
    return str(value)


def _variable(source: Source, case: Case, inputs: Inputs, links: Links) -> RawValue:
    if source.target == "wave" and case.wave_id is not None:
        value = inputs.wave_values.get(case.wave_id, {}).get(source.name)
        url = links.variable("wave", case.wave_id, case.region_id, source.name)
    else:
        value = inputs.region_values.get(case.region_id, {}).get(source.name)
        url = links.variable("region", case.region_id, case.region_id, source.name)
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if value is not None and not isinstance(value, str | float | bool):
        value = str(value)  # dates: shown, refused by a numeric calibration with the type named
    return _noted(value, url)


def _analysis(source: Source, case: Case, inputs: Inputs, links: Links) -> RawValue:
    key = (case.region_id, case.wave_id, source.layer)
    result = inputs.snapshots.get(key)
    status = inputs.snapshot_status.get(key, "stale")
    note: Message | str = (
        "" if status == "ok" else message("the analysis of this case is {status}; the value may change", status=status)
    )
    if source.kind == "metric":
        anchor = f"metric-{source.figure.split('.')[0]}"
        value = _path((result or {}).get("metrics") or {}, source.figure)
    else:
        anchor = f"classification-{source.name}"
        value = _classified(result, source)
    url = links.analysis(case.region_id, case.wave_id, source.layer, anchor)
    return _noted(value, url, note if result is not None else message("not analysed yet"))


def _path(metrics: Mapping[str, Any], path: str) -> float | None:
    value: Any = metrics
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _classified(result: Mapping[str, Any] | None, source: Source) -> float | None:
    """1 if the case's classification carries the label, 0 if another one; none if undetermined."""
    records = (result or {}).get("classifications") or []
    record = next((item for item in records if isinstance(item, Mapping) and item.get("name") == source.name), None)
    if record is None or record.get("label") in (None, "undetermined"):
        return None
    return 1.0 if record.get("label") == source.label else 0.0


def _code(source: Source, case: Case, inputs: Inputs, links: Links) -> RawValue:
    cell = inputs.code_cells.get((source.code, case.region_id, case.wave_id), CodeCell(0, 0, 0))
    url = links.retrieval(source.code, case.region_id, case.wave_id)
    if source.measure == "count":
        value: float | None = float(cell.count)
    elif not cell.interviews:
        value = None  # a share of no interviews is undefined, not 0
    elif source.measure == "share":
        value = cell.coded_interviews / cell.interviews
    else:
        value = cell.count / cell.interviews
    note = message(
        "{coded} of {interviews} interviews, {passages} passages",
        coded=cell.coded_interviews,
        interviews=cell.interviews,
        passages=cell.count,
    )
    return _noted(value, url, note)


def _places(spec: Spec) -> list[tuple[str, Condition]]:
    return [("outcome", spec.outcome), *((f"conditions[{i}]", item) for i, item in enumerate(spec.conditions))]
