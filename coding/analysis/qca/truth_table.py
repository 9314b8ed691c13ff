"""The truth table of crisp, multi-value and fuzzy data, as R's ``QCA::truthTable`` builds it.

A case belongs to the configuration where it has membership above 0.5 (fuzzy) or its exact value
(crisp, multi-value); a fuzzy score of exactly 0.5 places the case in no row (the package warns
about it) and the case is listed in ``unassigned_cases``. For every observed configuration:

* ``n``: cases with membership > 0.5 in it; ``incl`` = Σ min(X, Y) / Σ X over all cases;
  ``PRI`` = (Σ min(X, Y) − Σ min(X, Y, ~Y)) / (Σ X − Σ min(X, Y, ~Y)) (Ragin 2008; Dusa 2019, ch. 7).
* ``OUT``: "1" when incl ≥ incl_cut and PRI ≥ pri_cut, "C" (contradiction) when incl lies in
  [incl_cut0, incl_cut), otherwise "0"; rows with fewer than ``n_cut`` cases become remainders "?".
* ``contradictory``: the row holds cases on both sides of the outcome (membership above and below
  0.5), the contradictory configuration of csQCA (Rihoux & De Meur 2009), whatever its OUT.

Row numbers are the package's: the configuration read as a mixed-radix number, first condition
most significant, plus one (row 32 of five crisp conditions is 1 1 1 1 1).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coding.analysis.message import message
from coding.analysis.qca.notation import is_multivalue
from coding.analysis.qca.refusal import Refusal, shown

CaseData = Mapping[str, Mapping[str, float | int | None]]

# admisc::agteb: "almost greater or equal", so that 0.8 computed as 0.79999999 still passes 0.8.
_TOLERANCE = math.sqrt(2.220446049250313e-16)


def at_least(value: float, cut: float) -> bool:
    return value > cut or abs(value - cut) < _TOLERANCE


@dataclass(frozen=True)
class TruthTableRow:
    number: int
    configuration: tuple[int, ...]
    out: str
    n: int
    incl: float
    pri: float
    cases: tuple[str, ...]
    contradictory: bool

    def as_dict(self, conditions: Sequence[str]) -> dict[str, Any]:
        return {
            "number": self.number,
            "configuration": dict(zip(conditions, self.configuration, strict=True)),
            "OUT": self.out,
            "n": self.n,
            "incl": self.incl,
            "PRI": self.pri,
            "cases": list(self.cases),
            "contradictory": self.contradictory,
        }


@dataclass(frozen=True)
class TruthTable:
    """Observed rows (sorted by row number) plus what minimisation and fit need."""

    outcome: str
    conditions: tuple[str, ...]
    levels: tuple[int, ...]
    fuzzy: tuple[bool, ...]
    incl_cut: float
    incl_cut0: float
    n_cut: int
    pri_cut: float
    rows: tuple[TruthTableRow, ...]
    cases: tuple[str, ...]
    condition_values: tuple[tuple[float, ...], ...]  # per case, per condition (calibrated)
    outcome_values: tuple[float, ...]  # per case, membership in the (possibly negated) outcome
    unassigned_cases: tuple[str, ...]

    @property
    def multivalue(self) -> bool:
        return is_multivalue(self.levels)

    @property
    def configurations(self) -> int:
        return math.prod(self.levels)

    def rows_with(self, *outs: str) -> tuple[TruthTableRow, ...]:
        return tuple(row for row in self.rows if row.out in outs)

    def remainders(self) -> tuple[int, ...]:
        """Row numbers of configurations without (enough) cases: the logical remainders."""
        observed = {row.number for row in self.rows if row.out != "?"}
        return tuple(number for number in range(1, self.configurations + 1) if number not in observed)

    def configuration(self, number: int) -> tuple[int, ...]:
        return configuration_of(number, self.levels)

    def row_number(self, configuration: Sequence[int]) -> int:
        return row_number_of(configuration, self.levels)

    def counts(self) -> dict[str, int]:
        """Cases in rows with OUT 1, 0 and C, as the package's "n OUT = 1/0/C" line."""
        return {out: sum(row.n for row in self.rows if row.out == out) for out in ("1", "0", "C")}

    def as_dict(self, *, remainder_limit: int = 4096) -> dict[str, Any]:
        remainders = self.remainders() if self.configurations <= remainder_limit else None
        return {
            "outcome": self.outcome,
            "conditions": list(self.conditions),
            "levels": list(self.levels),
            "fuzzy": list(self.fuzzy),
            "cut_offs": {
                "incl_cut": self.incl_cut,
                "incl_cut0": self.incl_cut0,
                "n_cut": self.n_cut,
                "pri_cut": self.pri_cut,
            },
            "rows": [row.as_dict(self.conditions) for row in self.rows],
            "counts": self.counts(),
            "configurations": self.configurations,
            "remainders": list(remainders) if remainders is not None else None,
            "unassigned_cases": list(self.unassigned_cases),
            "data": [
                {"case": case, "conditions": dict(zip(self.conditions, values, strict=True)), "outcome": outcome}
                for case, values, outcome in zip(self.cases, self.condition_values, self.outcome_values, strict=True)
            ],
        }


def configuration_of(number: int, levels: Sequence[int]) -> tuple[int, ...]:
    index = number - 1
    digits: list[int] = []
    for level in reversed(levels):
        index, digit = divmod(index, level)
        digits.append(digit)
    return tuple(reversed(digits))


def row_number_of(configuration: Sequence[int], levels: Sequence[int]) -> int:
    index = 0
    for digit, level in zip(configuration, levels, strict=True):
        index = index * level + digit
    return index + 1


def _value(data: CaseData, case: str, column: str) -> float:
    record = data[case]
    if column not in record:
        raise Refusal(message("case {case}: {column} has no value", case=case, column=column))
    value = record[column]
    if value is None or isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Refusal(
            message("case {case}: {column} has no numeric value ({value})", case=case, column=column, value=repr(value))
        )
    return float(value)


def _column(data: CaseData, column: str) -> list[float]:
    values = [_value(data, case, column) for case in data]
    fuzzy = any(not value.is_integer() for value in values)
    for case, value in zip(data, values, strict=True):
        if value < 0 or (fuzzy and value > 1):
            raise Refusal(
                message(
                    "case {case}: {column} is {value}; use membership scores 0..1 or whole values 0, 1, 2, ...",
                    case=case,
                    column=column,
                    value=shown(value),
                )
            )
    if len(set(values)) < 2:
        raise Refusal(
            message(
                "{column}: every case has the same value ({values}); a condition with no variation",
                column=column,
                values=shown(values[0]),
            )
        )
    return values


_OUTCOME = re.compile(r"^(~?)\s*([^\[\]~]+?)\s*(?:\[\s*(\d+)\s*\])?$")


def _outcome(data: CaseData, outcome: str) -> tuple[str, list[float]]:
    """Membership in the outcome: ``Y``, ``~Y`` (negated), ``Y[v]`` or ``~Y[v]`` (multi-value)."""
    match = _OUTCOME.match(outcome.strip())
    if not match:
        raise Refusal(message("outcome '{outcome}' is not NAME, ~NAME or NAME[value]", outcome=outcome))
    tilde, name, bracket = match.groups()
    raw = [_value(data, case, name) for case in data]
    if bracket is not None:
        membership = [1.0 if value == int(bracket) else 0.0 for value in raw]
    else:
        for case, value in zip(data, raw, strict=True):
            if not 0 <= value <= 1:
                raise Refusal(
                    message(
                        "case {case}: outcome {name} is {value}; write {name}[value] for a multi-value outcome",
                        case=case,
                        name=name,
                        value=shown(value),
                    )
                )
        membership = raw
    if tilde:
        membership = [1 - value for value in membership]
    return name, membership


def truth_table(
    data: CaseData,
    outcome: str,
    conditions: Sequence[str],
    *,
    incl_cut: float = 1.0,
    n_cut: int = 1,
    pri_cut: float = 0.0,
    incl_cut0: float | None = None,
) -> TruthTable:
    """Truth table of ``data`` (case name -> column -> calibrated value), QCA's defaults."""
    if not data:
        raise Refusal(message("no cases: choose at least one case"))
    if not conditions:
        raise Refusal(message("no conditions: choose at least one condition"))
    if len(set(conditions)) != len(conditions):
        raise Refusal(message("a condition is chosen twice"))
    incl_cut0 = incl_cut if incl_cut0 is None else incl_cut0
    if not 0 <= incl_cut0 <= incl_cut <= 1:
        raise Refusal(
            message(
                "cut-offs out of order: need 0 <= incl_cut0 ({incl_cut0}) <= incl_cut ({incl_cut}) <= 1",
                incl_cut0=shown(incl_cut0),
                incl_cut=shown(incl_cut),
            )
        )
    outcome_name, y = _outcome(data, outcome)
    if outcome_name in conditions:
        raise Refusal(message("{outcome_name} is both the outcome and a condition", outcome_name=outcome_name))
    cases = tuple(data)
    columns = [_column(data, condition) for condition in conditions]
    fuzzy = tuple(any(not value.is_integer() for value in column) for column in columns)
    levels = tuple(
        2 if is_fuzzy else max(2, int(max(column)) + 1) for column, is_fuzzy in zip(columns, fuzzy, strict=True)
    )
    values = tuple(tuple(column[i] for column in columns) for i in range(len(cases)))
    return _build(
        outcome, tuple(conditions), levels, fuzzy, cases, values, tuple(y), (incl_cut, incl_cut0, n_cut, pri_cut)
    )


def _build(
    outcome: str,
    conditions: tuple[str, ...],
    levels: tuple[int, ...],
    fuzzy: tuple[bool, ...],
    cases: tuple[str, ...],
    values: tuple[tuple[float, ...], ...],
    y: tuple[float, ...],
    cuts: tuple[float, float, int, float],
) -> TruthTable:
    incl_cut, incl_cut0, n_cut, pri_cut = cuts
    members: dict[tuple[int, ...], list[int]] = {}
    unassigned: list[str] = []
    for index, case_values in enumerate(values):
        if any(is_fuzzy and value == 0.5 for value, is_fuzzy in zip(case_values, fuzzy, strict=True)):
            unassigned.append(cases[index])
            continue
        config = tuple(
            (1 if value > 0.5 else 0) if is_fuzzy else int(value)
            for value, is_fuzzy in zip(case_values, fuzzy, strict=True)
        )
        members.setdefault(config, []).append(index)
    rows = []
    for config in sorted(members, key=lambda c: row_number_of(c, levels)):
        incl, pri = row_consistency(config, fuzzy, values, y)
        n = len(members[config])
        if n < n_cut:
            out = "?"
        elif at_least(incl, incl_cut) and at_least(pri, pri_cut):
            out = "1"
        elif not at_least(incl, incl_cut) and at_least(incl, incl_cut0):
            out = "C"  # a row vetoed by PRI alone stays "0", as in the package
        else:
            out = "0"
        in_outcome = [y[i] for i in members[config]]
        contradictory = any(v > 0.5 for v in in_outcome) and any(v < 0.5 for v in in_outcome)
        names = tuple(cases[i] for i in members[config])
        rows.append(TruthTableRow(row_number_of(config, levels), config, out, n, incl, pri, names, contradictory))
    return TruthTable(
        outcome,
        conditions,
        levels,
        fuzzy,
        incl_cut,
        incl_cut0,
        n_cut,
        pri_cut,
        tuple(rows),
        cases,
        values,
        y,
        tuple(unassigned),
    )


def row_consistency(
    config: tuple[int, ...], fuzzy: tuple[bool, ...], values: tuple[tuple[float, ...], ...], y: tuple[float, ...]
) -> tuple[float, float]:
    """Sufficiency inclusion and PRI of one configuration over all cases (QCA's C_truthTable)."""
    sum_x = sum_xy = sum_xy_not_y = 0.0
    for case_values, outcome in zip(values, y, strict=True):
        membership = 1.0
        for digit, value, is_fuzzy in zip(config, case_values, fuzzy, strict=True):
            score = (value if digit == 1 else 1 - value) if is_fuzzy else float(value == digit)
            if score < membership:
                membership = score
                if membership == 0:
                    break
        if membership == 0:
            continue
        both = min(membership, outcome)
        sum_x += membership
        sum_xy += both
        sum_xy_not_y += min(both, 1 - outcome)
    return sum_xy / sum_x, (sum_xy - sum_xy_not_y) / (sum_x - sum_xy_not_y)
