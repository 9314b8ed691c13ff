"""Lipset's multi-value data (LM, conditions DEV URB LIT IND, DEV with values 0-2) against the
package's printed minimize examples (Cronqvist & Berg-Schlosser 2009, p. 80)."""

from __future__ import annotations

import pytest

from coding.analysis.qca import Solution, minimise, truth_table
from tests.analysis.qca.reference import fit_row, load, split_cases

CONDITIONS = ["DEV", "URB", "LIT", "IND"]


def solve(outcome: str, include: str) -> Solution:
    (solution,) = minimise(truth_table(load("LM"), outcome, CONDITIONS), include=include).solutions
    return solution


@pytest.mark.parametrize(
    ("outcome", "include", "expression", "terms", "model_fit"),
    [
        (
            "SURV",
            "",
            "DEV[2]*LIT[1]*IND[1] + DEV[1]*URB[0]*LIT[1]*IND[0]",
            [
                ("DEV[2]*LIT[1]*IND[1]", 1.000, 1.000, 0.625, 0.625, "FR,SE; BE,NL,UK"),
                ("DEV[1]*URB[0]*LIT[1]*IND[0]", 1.000, 1.000, 0.250, 0.250, "FI,IE"),
            ],
            (1.000, 1.000, 0.875),
        ),
        (
            "SURV",
            "?",
            "DEV[2] + DEV[1]*IND[0]",
            [
                ("DEV[2]", 1.000, 1.000, 0.625, 0.625, "FR,SE; BE,NL,UK"),
                ("DEV[1]*IND[0]", 1.000, 1.000, 0.250, 0.250, "FI,IE"),
            ],
            (1.000, 1.000, 0.875),
        ),
        (
            "~SURV",
            "",
            "DEV[0]*URB[0]*IND[0] + DEV[1]*URB[0]*LIT[1]*IND[1]",
            [
                ("DEV[0]*URB[0]*IND[0]", 1.000, 1.000, 0.800, 0.800, "GR,IT,PT,RO,ES; EE,HU,PL"),
                ("DEV[1]*URB[0]*LIT[1]*IND[1]", 1.000, 1.000, 0.100, 0.100, "AU"),
            ],
            (1.000, 1.000, 0.900),
        ),
        (
            "~SURV",
            "?",
            "DEV[0] + DEV[1]*URB[0]*IND[1]",
            [
                ("DEV[0]", 1.000, 1.000, 0.800, 0.800, "GR,IT,PT,RO,ES; EE,HU,PL"),
                ("DEV[1]*URB[0]*IND[1]", 1.000, 1.000, 0.100, 0.100, "AU"),
            ],
            (1.000, 1.000, 0.900),
        ),
    ],
)
def test_solutions_and_fit_match_the_published_output(
    outcome: str,
    include: str,
    expression: str,
    terms: list[tuple[str, float, float, float, float, str]],
    model_fit: tuple[float, float, float],
) -> None:
    solution = solve(outcome, include)
    (model,) = solution.models
    assert model.expression == expression
    assert [fit_row(term) for term in solution.terms] == [row[:5] for row in terms]
    assert [term.cases for term in solution.terms] == [split_cases(row[5]) for row in terms]
    assert (round(model.incl_s, 3), round(model.pri, 3), round(model.cov_s, 3)) == model_fit


def test_counts_of_explained_and_negative_cases() -> None:
    """ "n OUT = 1/0/C: 7/11/0" for SURV and "9/9/0" for ~SURV."""
    assert truth_table(load("LM"), "SURV", CONDITIONS).counts() == {"1": 7, "0": 11, "C": 0}
    assert truth_table(load("LM"), "~SURV", CONDITIONS).counts() == {"1": 9, "0": 9, "C": 0}


def test_the_multi_value_condition_has_three_levels() -> None:
    tt = truth_table(load("LM"), "SURV", CONDITIONS)
    assert tt.levels == (3, 2, 2, 2)
    assert tt.configurations == 24
