"""One QCA run of the app: calibrate the case table, build the truth table, test necessity and
minimise it to every solution, as a JSON-ready result (pure).

The set-theoretic work is the QCA core's (``coding.analysis.qca``, reproducing R's ``QCA``
package); this module strings its steps together the way a researcher runs them in R
(``calibrate`` → ``truthTable`` → ``minimize``), keeps each case's raw value and source next to
its membership, and adds what the page draws: each model's membership per case against the
outcome (the XY plot). All three solutions are computed every time — it takes milliseconds — so
switching between them needs no new run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coding.analysis.message import Message
from coding.analysis.qca import TruthTable, minimise, necessity, truth_table
from coding.analysis.qca.refusal import Refusal
from coding.qca.calibration import Calibrated, CalibrationError, calibrate_all
from coding.qca.casedata import CaseRow
from coding.qca.spec import Spec

RESULT_VERSION = 1


def analyse(spec: Spec, rows: Sequence[CaseRow]) -> dict[str, Any]:
    """The whole analysis of ``spec`` on ``rows``; ``CalibrationError`` names a case and condition."""
    calibrated = calibrate_all(spec, rows)
    data = {
        case: {name: values[index] for name, values in calibrated.memberships.items()}
        for index, case in enumerate(calibrated.cases)
    }
    outcome = ("~" if spec.outcome.negate else "") + spec.outcome.name
    try:
        tt = truth_table(
            data, outcome, spec.condition_names, incl_cut=spec.incl_cut, n_cut=spec.n_cut, pri_cut=spec.pri_cut
        )
    except ValueError as error:
        said = error.said if isinstance(error, Refusal) else str(error)
        raise CalibrationError(_blamed(str(error), spec), said) from error
    return {
        "version": RESULT_VERSION,
        "outcome": outcome,
        "outcome_name": spec.outcome.name,
        "conditions": spec.condition_names,
        "cases": [_case(row, calibrated, index) for index, row in enumerate(rows)],
        "necessity": necessity_table(data, outcome, spec.condition_names),
        "truth_table": tt.as_dict(),
        "solutions": {kind: _solution(tt, kind, spec) for kind in _kinds(spec)},
        "chosen": spec.solution,
    }


def _blamed(message: str, spec: Spec) -> str:
    """The condition a core message starts with or names (for the form error's field)."""
    for name in (spec.outcome.name, *spec.condition_names):
        if name in message:
            return name
    return ""


def _case(row: CaseRow, calibrated: Calibrated, index: int) -> dict[str, Any]:
    return {
        "key": row.case.key,
        "label": row.case.label,
        "region_id": row.case.region_id,
        "wave_id": row.case.wave_id,
        "values": {
            name: {
                "raw": value.text,
                "membership": calibrated.memberships[name][index],
                "url": value.url,
                "note": value.note,
                "note_said": value.said.as_json() if isinstance(value.said, Message) else value.said,
            }
            for name, value in row.values.items()
        },
    }


def _kinds(spec: Spec) -> list[str]:
    kinds = ["conservative", "parsimonious"]
    if spec.dir_exp or spec.solution == "intermediate":
        kinds.append("intermediate")
    return kinds


def dir_exp_text(spec: Spec) -> str:
    """The positional form QCA accepts (``"1,0,-"``), one entry per condition in order."""
    expected = dict(spec.dir_exp)
    return ",".join(expected.get(name, "-") for name in spec.condition_names)


def _solution(tt: TruthTable, kind: str, spec: Spec) -> dict[str, Any]:
    """One solution type with its models, their fit, and each model's membership per case."""
    try:
        if kind == "conservative":
            result = minimise(tt)
        elif kind == "parsimonious":
            result = minimise(tt, include="?")
        else:
            result = minimise(tt, include="?", dir_exp=dir_exp_text(spec))
    except ValueError as error:
        said = error.said.as_json() if isinstance(error, Refusal) else str(error)
        # "error" stays English for the files; "error_said" is what the page renders per language.
        return {"error": str(error), "error_said": said, "solutions": [], "xy": []}
    body = result.as_dict()
    body["xy"] = [
        {"label": model.label, "expression": " + ".join(model.terms), "x": list(model.memberships)}
        for model in result.models
    ]
    body["outcome_membership"] = list(tt.outcome_values)
    return body


def necessity_table(data: dict[str, dict[str, float]], outcome: str, conditions: list[str]) -> list[dict[str, Any]]:
    """inclN, RoN and covN of every condition and its negation (each value of a multi-value
    condition), as the package's ``pof(..., relation = "necessity")``; none when no case is in the outcome."""
    try:
        result = necessity(data, outcome, conditions)
    except ValueError:
        return []
    return [
        {"condition": row.expression, "inclN": row.incl_n, "RoN": row.ro_n, "covN": row.cov_n} for row in result.rows
    ]
