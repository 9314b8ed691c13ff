"""Analysis of necessity: each condition and its negation (each value of a multi-value
condition) as a necessary condition for the outcome, as R's ``QCA::pof(..., relation = "necessity")``
and ``superSubset`` report it for single conditions (Dusa 2019, ch. 5; Schneider & Wagemann 2012).

inclN = Σ min(X, Y) / Σ Y (consistency), RoN = Σ (1 − X) / Σ (1 − min(X, Y)) (relevance: low when X
is nearly constant, a trivial necessary condition), covN = Σ min(X, Y) / Σ X.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coding.analysis.message import message
from coding.analysis.qca.fit import necessity as necessity_fit
from coding.analysis.qca.fit import term_membership
from coding.analysis.qca.notation import write_term
from coding.analysis.qca.refusal import Refusal
from coding.analysis.qca.truth_table import CaseData, truth_table


@dataclass(frozen=True)
class NecessityRow:
    expression: str
    incl_n: float
    ro_n: float
    cov_n: float

    def as_dict(self) -> dict[str, Any]:
        return {"expression": self.expression, "inclN": self.incl_n, "RoN": self.ro_n, "covN": self.cov_n}


@dataclass(frozen=True)
class NecessityResult:
    outcome: str
    rows: tuple[NecessityRow, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "rows": [row.as_dict() for row in self.rows]}


def necessity(data: CaseData, outcome: str, conditions: Sequence[str]) -> NecessityResult:
    """inclN, RoN and covN of every condition and its negation for ``outcome`` (``~Y`` allowed)."""
    table = truth_table(data, outcome, conditions)
    if not sum(table.outcome_values):
        raise Refusal(message("no case is in {outcome}: necessity is not defined", outcome=outcome))
    rows = []
    multivalue = table.multivalue
    for index, level in enumerate(table.levels):
        values = range(level) if multivalue else (1, 0)
        for value in values:
            term = tuple(value + 1 if c == index else 0 for c in range(len(table.levels)))
            x = term_membership(term, table.condition_values, table.fuzzy)
            expression = write_term(term, table.conditions, multivalue=multivalue)
            rows.append(NecessityRow(expression, *necessity_fit(x, table.outcome_values)))
    return NecessityResult(outcome, tuple(rows))
