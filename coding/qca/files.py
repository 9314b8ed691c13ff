"""The downloads of a QCA: calibrated data and truth table as CSV, the solutions as text, and an R
script that reproduces the analysis with Dusa's ``QCA`` package from the calibrated data (pure).

The R script is the check a reviewer of a QCA paper asks for: anyone with R can rerun
``truthTable`` and ``minimize`` on the exported memberships and get the same table and solutions.
The data CSV holds memberships only, so R reads it as it is; the raw values and their sources stay
in the app, and the script lists each condition's calibration as a comment.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from coding.qca.spec import Calibration, Spec


def _csv(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def number(value: float | None) -> str:
    """Crisp scores as whole numbers, fuzzy ones to three decimals (as R prints them)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}"


def data_csv(result: Mapping[str, Any], spec: Spec) -> str:
    """Case names (R's row names), then the outcome's and each condition's membership."""
    names = [spec.outcome.name, *spec.condition_names]
    rows: list[list[object]] = [["case", *names]]
    for case in result["cases"]:
        rows.append([case["label"], *(number(case["values"][name]["membership"]) for name in names)])
    return _csv(rows)


def truth_table_csv(result: Mapping[str, Any]) -> str:
    table = result["truth_table"]
    conditions = table["conditions"]
    rows: list[list[object]] = [["row", *conditions, "OUT", "n", "incl", "PRI", "contradictory", "cases"]]
    for row in table["rows"]:
        rows.append(
            [
                row["number"],
                *(row["configuration"][name] for name in conditions),
                row["OUT"],
                row["n"],
                number(row["incl"]),
                number(row["PRI"]),
                "yes" if row["contradictory"] else "",
                "; ".join(row["cases"]),
            ]
        )
    return _csv(rows)


def _fit_line(name: str, values: Sequence[float | None], width: int) -> str:
    return name.ljust(width) + "".join(
        number(value).rjust(8) if value is not None else "-".rjust(8) for value in values
    )


def solution_text(result: Mapping[str, Any], kind: str) -> str:
    """Every model of one solution type with the fit of its terms, laid out as R prints it."""
    solution = result["solutions"].get(kind)
    lines = [f"{kind.capitalize()} solution for {result['outcome']}", ""]
    if solution is None:
        return "\n".join([*lines, "Not computed: give directional expectations for the intermediate solution.", ""])
    if solution.get("error"):
        return "\n".join([*lines, f"No solution: {solution['error']}", ""])
    for part in solution["solutions"]:
        fits = {term["term"]: term for term in part["terms"]}
        if part.get("sources"):
            lines.append(f"From {', '.join(part['sources'])}:")
        for model in part["models"]:
            lines.append(f"{model['label']}: {' + '.join(model['terms'])} -> {result['outcome']}")
            width = max([len(term) for term in model["terms"]] + [len(model["label"])]) + 2
            lines.append(" " * width + "".join(title.rjust(8) for title in ("inclS", "PRI", "covS", "covU")))
            for term in model["terms"]:
                fit = fits.get(term, {})
                lines.append(
                    _fit_line(term, [fit.get("inclS"), fit.get("PRI"), fit.get("covS"), model["covU"].get(term)], width)
                )
            lines.append(_fit_line(model["label"], [model["inclS"], model["PRI"], model["covS"]], width))
            lines.append("")
    return "\n".join(lines)


def _r_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _calibration_comment(name: str, calibration: Calibration) -> str:
    if calibration.method == "crisp":
        kind = "crisp" if len(calibration.thresholds) == 1 else "multi-value"
        direction = ", decreasing" if calibration.decreasing else ""
        return f"# {name}: {kind}, thresholds {', '.join(number(t) for t in calibration.thresholds)}{direction}"
    if calibration.method == "fuzzy":
        e, c, i = calibration.thresholds
        return f"# {name}: fuzzy (direct method, logistic), anchors e={number(e)} c={number(c)} i={number(i)}"
    if calibration.method == "manual":
        scores = ", ".join(f"{value} -> {number(score)}" for value, score in calibration.scores)
        return f"# {name}: manual membership ({scores})"
    return f"# {name}: raw values used as membership scores"


def dir_exp_r(spec: Spec, *, multivalue: bool = False) -> str:
    """Directional expectations in the package's notation: ``"A, ~B"``, or ``"A[1], B[0]"`` once a
    condition is multi-value (conditions without one are left out)."""
    expected = dict(spec.dir_exp)
    parts = []
    for name in spec.condition_names:
        direction = expected.get(name, "-")
        if direction == "-":
            continue
        if multivalue:
            parts.append(f"{name}[{direction}]")
        else:
            parts.append(name if direction == "1" else f"~{name}")
    return ", ".join(parts)


def r_script(spec: Spec, *, title: str, data_file: str, multivalue: bool = False) -> str:
    """An R script running ``truthTable`` and ``minimize`` of the ``QCA`` package on ``data_file``."""
    outcome = ("~" if spec.outcome.negate else "") + spec.outcome.name
    conditions = ", ".join(_r_string(name) for name in spec.condition_names)
    calibrations = [_calibration_comment(c.name, c.calibration) for c in (spec.outcome, *spec.conditions)]
    if spec.solution == "conservative":
        minimize = "minimize(tt, details = TRUE)"
    elif spec.solution == "parsimonious":
        minimize = 'minimize(tt, include = "?", details = TRUE)'
    else:
        expectations = dir_exp_r(spec, multivalue=multivalue)
        minimize = f'minimize(tt, include = "?", dir.exp = {_r_string(expectations)}, details = TRUE)'
    return "\n".join(
        [
            f"# {title}",
            '# Reproduces this QCA with Dusa\'s QCA package (install.packages("QCA")) from the calibrated',
            f"# data exported with it ({data_file}: one row per case, memberships of outcome and conditions).",
            "# Calibration in the app:",
            *calibrations,
            "",
            "library(QCA)",
            f'dat <- read.csv({_r_string(data_file)}, row.names = 1, check.names = FALSE, fileEncoding = "UTF-8")',
            f"tt <- truthTable(dat, outcome = {_r_string(outcome)}, conditions = c({conditions}),",
            f"                 incl.cut = {number(spec.incl_cut)}, n.cut = {spec.n_cut},",
            f"                 pri.cut = {number(spec.pri_cut)}, show.cases = TRUE)",
            "print(tt)",
            f"sol <- {minimize}",
            "print(sol)",
            "",
        ]
    )
