"""From raw case values to set memberships: the app's side of calibration (pure).

The arithmetic (crisp and multi-value thresholds, Ragin's direct method) is the QCA core's
(``coding.analysis.qca.calibrate``, as R's ``QCA::calibrate``). This module decides which raw
values may enter it and says plainly when one may not: a case without a value, a text where a
number is needed, a category without a membership score. Every message names the case and the
condition, because a researcher fixes the data record by record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coding.analysis.message import Message, message
from coding.analysis.qca import calibrate
from coding.analysis.qca.refusal import Refusal
from coding.qca.casedata import CaseRow, RawValue
from coding.qca.spec import Condition, Spec


class CalibrationError(ValueError):
    """A case value that cannot be calibrated, naming the condition (and the case, when one is to blame)."""

    def __init__(self, condition: str, said: Message | str, case: str = "") -> None:
        super().__init__(str(said))
        self.condition = condition
        self.case = case
        self.said = said  # rendered in the reader's language by the page (``coding.templatetags.says.say``)


@dataclass(frozen=True)
class Calibrated:
    """Memberships per condition (outcome first, not negated: the truth table negates), in case order."""

    cases: list[str]  # case labels
    memberships: dict[str, list[float]]  # condition name -> membership per case
    levels: dict[str, int]  # 2 for crisp and fuzzy sets, k + 1 for k thresholds
    fuzzy: dict[str, bool]  # whether any membership lies strictly between 0 and 1


def calibrate_all(spec: Spec, rows: Sequence[CaseRow]) -> Calibrated:
    """Calibrate the outcome and every condition; the first bad value raises ``CalibrationError``."""
    cases = [row.case.label for row in rows]
    memberships: dict[str, list[float]] = {}
    levels: dict[str, int] = {}
    for condition in (spec.outcome, *spec.conditions):
        raw = {row.case.label: row.values[condition.name] for row in rows}
        scores = calibrate_condition(condition, raw)
        memberships[condition.name] = [scores[case] for case in cases]
        levels[condition.name] = (
            len(condition.calibration.thresholds) + 1 if condition.calibration.method == "crisp" else 2
        )
    outcome = spec.outcome
    if levels[outcome.name] > 2:
        raise CalibrationError(
            outcome.name,
            message(
                "{name}: the outcome needs one threshold, not several (a multi-value outcome is not a set).",
                name=str(outcome.name),
            ),
        )
    fuzzy = {name: any(0 < value < 1 for value in values) for name, values in memberships.items()}
    return Calibrated(cases, memberships, levels, fuzzy)


def calibrate_condition(condition: Condition, raw: dict[str, RawValue]) -> dict[str, float]:
    """Memberships of one condition per case label."""
    calibration = condition.calibration
    if calibration.method == "manual":
        scores = dict(calibration.scores)
        values: dict[str, float | None] = {}
        for case, value in raw.items():
            _require_value(condition, case, value)
            if value.text not in scores:
                raise CalibrationError(
                    condition.name,
                    message(
                        "case {case}: {name} has the value “{text}”, which has no membership score.",
                        case=case,
                        name=str(condition.name),
                        text=str(value.text),
                    ),
                    case,
                )
            values[case] = scores[value.text]
        return _core(condition, values, method="manual")
    numbers = {case: _number(condition, case, value) for case, value in raw.items()}
    if calibration.method == "direct":
        return _core(condition, numbers, method="manual")
    return _core(
        condition,
        numbers,
        method=calibration.method,
        thresholds=calibration.thresholds,
        decreasing=calibration.decreasing,
    )


def _core(
    condition: Condition,
    values: Mapping[str, float | None],
    *,
    method: str,
    thresholds: Sequence[float] = (),
    decreasing: bool = False,
) -> dict[str, float]:
    try:
        return calibrate(values, condition=condition.name, method=method, thresholds=thresholds, decreasing=decreasing)
    except ValueError as error:
        text = str(error)
        case = text.removeprefix("case ").split(":", 1)[0] if text.startswith("case ") else ""
        said = error.said if isinstance(error, Refusal) else text
        raise CalibrationError(condition.name, said, case) from error
    except ArithmeticError as error:  # the logistic of a value far beyond the anchors (core: math.exp)
        said = message(
            "{name}: a raw value lies too far beyond the anchors to calibrate ({error}).",
            name=condition.name,
            error=str(error),
        )
        raise CalibrationError(condition.name, said) from error


def _require_value(condition: Condition, case: str, value: RawValue) -> None:
    if value.value is None:
        raise CalibrationError(
            condition.name,
            message(
                "case {case}: {name} has no value ({recorded}); record it or leave the case out.",
                case=case,
                name=str(condition.name),
                recorded=value.note or message("nothing recorded"),
            ),
            case,
        )


def _number(condition: Condition, case: str, value: RawValue) -> float:
    _require_value(condition, case, value)
    if isinstance(value.value, bool):
        return 1.0 if value.value else 0.0
    if isinstance(value.value, float):
        return value.value
    raise CalibrationError(
        condition.name,
        message(
            "case {case}: {name} needs a number for {method} calibration, but its value is the text “{text}”; "
            "calibrate it manually (a score per value).",
            case=case,
            name=str(condition.name),
            method=str(condition.calibration.method),
            text=str(value.text),
        ),
        case,
    )
