"""Boolean minimisation of a truth table to the conservative, parsimonious and intermediate
solutions, as R's ``QCA::minimize`` (Dusa 2019, ch. 8; Ragin 2008, ch. 8-9).

* conservative (``include=""``): prime implicants of the rows with OUT = 1 only;
* parsimonious (``include="?"``): the remainders are don't cares (simplifying assumptions);
  ``include`` may also hold "C" to treat contradictions as don't cares, as in the package;
* intermediate (``dir_exp``): see ``intermediate.py``.
"""

from __future__ import annotations

from coding.analysis.message import message
from coding.analysis.qca.intermediate import intermediate_solutions
from coding.analysis.qca.refusal import Refusal
from coding.analysis.qca.solution import (
    Minimisation,
    allowed_mask,
    build_solution,
    initial_indices,
    parse_include,
    solve_chart,
)
from coding.analysis.qca.truth_table import TruthTable


def minimise(tt: TruthTable, include: str = "", dir_exp: str | None = None) -> Minimisation:
    """Conservative (``include=""``), parsimonious (``include="?"``) or, with directional
    expectations, intermediate solutions of ``tt``."""
    included = parse_include(include)
    initial = initial_indices(tt)
    if dir_exp is not None and dir_exp.strip():
        if "?" not in included:
            raise Refusal(
                message("directional expectations need the remainders: use include='?' for the intermediate solution")
            )
        solutions = intermediate_solutions(tt, included, initial, dir_exp)
        return Minimisation("intermediate", tt.outcome, include, dir_exp, solutions, tt.counts())
    chart = solve_chart(tt, allowed_mask(tt, included), initial)
    kind = "parsimonious" if "?" in included else "conservative"
    return Minimisation(kind, tt.outcome, include, None, (build_solution(tt, chart, initial),), tt.counts())
