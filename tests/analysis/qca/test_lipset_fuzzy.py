"""Lipset's fuzzy data (LF, incl.cut = 0.8) against the package's printed output
(tests/data/qca/published-lipset-examples.txt: minimize, SOPexpressions and findRows examples)."""

from __future__ import annotations

import pytest

from coding.analysis.qca import TruthTable, minimise, truth_table
from coding.analysis.qca.fit import term_membership
from tests.analysis.qca.reference import LIPSET_CONDITIONS, fit_row, load, split_cases


@pytest.fixture(scope="module")
def ttlf() -> TruthTable:
    return truth_table(load("LF"), "SURV", LIPSET_CONDITIONS, incl_cut=0.8)


def model_fit(model: object) -> tuple[float, float, float]:
    return round(model.incl_s, 3), round(model.pri, 3), round(model.cov_s, 3)  # type: ignore[attr-defined]


def test_two_rows_explain_six_cases(ttlf: TruthTable) -> None:
    """ "n OUT = 1/0/C: 6/12/0"; the conservative terms are the two full configurations 32 and 22."""
    assert ttlf.counts() == {"1": 6, "0": 12, "C": 0}
    assert [(row.number, row.cases) for row in ttlf.rows_with("1")] == [
        (22, ("FI", "IE")),
        (32, ("BE", "CZ", "NL", "UK")),
    ]


def test_conservative_solution_and_its_fit(ttlf: TruthTable) -> None:
    """minimize(ttLF, details = TRUE)."""
    (solution,) = minimise(ttlf).solutions
    (model,) = solution.models
    assert model.expression == "DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB"
    assert [fit_row(term) for term in solution.terms] == [
        ("DEV*URB*LIT*IND*STB", 0.904, 0.886, 0.454, 0.393),
        ("DEV*~URB*LIT*~IND*STB", 0.804, 0.719, 0.265, 0.204),
    ]
    assert [term.cases for term in solution.terms] == [split_cases("BE,CZ,NL,UK"), split_cases("FI,IE")]
    assert model_fit(model) == (0.870, 0.843, 0.658)


def test_parsimonious_solution_and_its_fit(ttlf: TruthTable) -> None:
    """minimize(ttLF, include = "?", details = TRUE)."""
    (solution,) = minimise(ttlf, include="?").solutions
    (model,) = solution.models
    assert model.expression == "DEV*~IND + URB*STB"
    assert [fit_row(term) for term in solution.terms] == [
        ("DEV*~IND", 0.815, 0.721, 0.284, 0.194),
        ("URB*STB", 0.874, 0.845, 0.520, 0.430),
    ]
    assert model_fit(model) == (0.850, 0.819, 0.714)


def test_term_memberships_match_compute(ttlf: TruthTable) -> None:
    """compute("DEV*~IND + URB*STB", data = LF, separate = TRUE), printed to two decimals."""
    dev_not_ind = term_membership((2, 0, 0, 1, 0), ttlf.condition_values, ttlf.fuzzy)
    urb_stb = term_membership((0, 2, 0, 0, 2), ttlf.condition_values, ttlf.fuzzy)
    published_dev_not_ind = [
        0.27, 0.00, 0.10, 0.16, 0.58, 0.19, 0.04, 0.04, 0.07, 0.72, 0.34, 0.06, 0.02, 0.01, 0.01, 0.03, 0.33, 0.00,
    ]  # fmt: skip
    published_urb_stb = [
        0.12, 0.89, 0.91, 0.07, 0.03, 0.03, 0.31, 0.09, 0.13, 0.05, 0.10, 0.99, 0.00, 0.01, 0.03, 0.20, 0.13, 0.98,
    ]  # fmt: skip
    assert [round(value, 2) for value in dev_not_ind] == published_dev_not_ind
    assert [round(value, 2) for value in urb_stb] == published_urb_stb


def contradictory_simplifying_assumptions(positive: TruthTable, negative: TruthTable) -> list[int]:
    """findRows(type = 2): remainders assumed in a parsimonious model of the outcome and of its negation."""
    used = [
        {row for model in minimise(table, include="?").models for row in model.simplifying_assumptions}
        for table in (positive, negative)
    ]
    return sorted(used[0] & used[1])


def test_contradictory_simplifying_assumptions_match_find_rows(ttlf: TruthTable) -> None:
    """findRows(obj = ttLF, type = 2): the negation is minimised with the same cut-off."""
    negative = truth_table(load("LF"), "~SURV", LIPSET_CONDITIONS, incl_cut=0.8)
    assert contradictory_simplifying_assumptions(ttlf, negative) == [10, 12, 14, 16, 17, 21, 25, 29]


def test_contradictory_simplifying_assumptions_with_stricter_cut_offs_match_find_rows(ttlf: TruthTable) -> None:
    """findRows(obj = ttLF, type = 2, incl.cut = 0.9, pri.cut = 0.7): the cut-offs apply to the
    negation only."""
    negative = truth_table(load("LF"), "~SURV", LIPSET_CONDITIONS, incl_cut=0.9, pri_cut=0.7)
    assert contradictory_simplifying_assumptions(ttlf, negative) == [10, 12, 17, 18, 21, 25, 26, 28, 29]
