"""Lipset's crisp data (LC) against the output R's QCA package prints on its help pages
(tests/data/qca/published-lipset-examples.txt: truthTable and minimize examples)."""

from __future__ import annotations

import pytest

from coding.analysis.qca import minimise, truth_table
from tests.analysis.qca.reference import LIPSET_CONDITIONS, fit_row, load, split_cases

# truthTable(LC, "SURV"), printed with show.cases = TRUE: row, configuration, OUT, n, incl, PRI, cases.
PUBLISHED_LC_TRUTH_TABLE = [
    (1, (0, 0, 0, 0, 0), "0", 3, 0.000, 0.000, "GR,PT,ES"),
    (2, (0, 0, 0, 0, 1), "0", 2, 0.000, 0.000, "IT,RO"),
    (5, (0, 0, 1, 0, 0), "0", 2, 0.000, 0.000, "HU,PL"),
    (6, (0, 0, 1, 0, 1), "0", 1, 0.000, 0.000, "EE"),
    (22, (1, 0, 1, 0, 1), "1", 2, 1.000, 1.000, "FI,IE"),
    (23, (1, 0, 1, 1, 0), "0", 1, 0.000, 0.000, "AU"),
    (24, (1, 0, 1, 1, 1), "1", 2, 1.000, 1.000, "FR,SE"),
    (31, (1, 1, 1, 1, 0), "0", 1, 0.000, 0.000, "DE"),
    (32, (1, 1, 1, 1, 1), "1", 4, 1.000, 1.000, "BE,CZ,NL,UK"),
]


@pytest.fixture(scope="module")
def lc() -> dict[str, dict[str, float]]:
    return load("LC")


def test_truth_table_rows_match_the_published_table(lc: dict[str, dict[str, float]]) -> None:
    tt = truth_table(lc, "SURV", LIPSET_CONDITIONS)
    rows = [
        (r.number, r.configuration, r.out, r.n, round(r.incl, 3), round(r.pri, 3), ",".join(r.cases)) for r in tt.rows
    ]
    assert rows == PUBLISHED_LC_TRUTH_TABLE


def test_remainders_are_the_23_unobserved_rows_of_the_complete_table(lc: dict[str, dict[str, float]]) -> None:
    # print(ttLC, complete = TRUE): every row other than the nine observed has OUT "?".
    observed = {row[0] for row in PUBLISHED_LC_TRUTH_TABLE}
    assert truth_table(lc, "SURV", LIPSET_CONDITIONS).remainders() == tuple(
        n for n in range(1, 33) if n not in observed
    )


def test_conservative_solution_and_its_fit(lc: dict[str, dict[str, float]]) -> None:
    """minimize(ttLC, details = TRUE, show.cases = TRUE)."""
    result = minimise(truth_table(lc, "SURV", LIPSET_CONDITIONS))
    assert result.kind == "conservative"
    assert result.counts == {"1": 8, "0": 10, "C": 0}
    (solution,) = result.solutions
    (model,) = solution.models
    assert model.expression == "DEV*~URB*LIT*STB + DEV*LIT*IND*STB"
    assert [fit_row(term) for term in solution.terms] == [
        ("DEV*~URB*LIT*STB", 1.000, 1.000, 0.500, 0.250),
        ("DEV*LIT*IND*STB", 1.000, 1.000, 0.750, 0.500),
    ]
    assert [term.cases for term in solution.terms] == [split_cases("FI,IE; FR,SE"), split_cases("FR,SE; BE,CZ,NL,UK")]
    assert (round(model.incl_s, 3), round(model.pri, 3), round(model.cov_s, 3)) == (1.000, 1.000, 1.000)


def test_conservative_solution_of_the_negated_outcome(lc: dict[str, dict[str, float]]) -> None:
    """minimize(truthTable(LC, "~SURV"))."""
    (model,) = minimise(truth_table(lc, "~SURV", LIPSET_CONDITIONS)).models
    assert model.expression == "~DEV*~URB*~IND + DEV*LIT*IND*~STB"


def test_parsimonious_solution_with_its_simplifying_assumptions(lc: dict[str, dict[str, float]]) -> None:
    """pLC <- minimize(ttLC, include = "?", details = TRUE); pLC$SA."""
    (solution,) = minimise(truth_table(lc, "SURV", LIPSET_CONDITIONS), include="?").solutions
    (model,) = solution.models
    assert model.expression == "DEV*STB"
    assert [fit_row(term) for term in solution.terms] == [("DEV*STB", 1.000, 1.000, 1.000, None)]
    assert solution.terms[0].cases == split_cases("FI,IE; FR,SE; BE,CZ,NL,UK")
    assert model.simplifying_assumptions == (18, 20, 26, 28, 30)


def test_parsimonious_solution_of_the_negated_outcome(lc: dict[str, dict[str, float]]) -> None:
    """pLCn <- minimize(ttLCn, include = "?", details = TRUE, show.cases = TRUE)."""
    result = minimise(truth_table(lc, "~SURV", LIPSET_CONDITIONS), include="?")
    assert result.counts == {"1": 10, "0": 8, "C": 0}
    (solution,) = result.solutions
    (model,) = solution.models
    assert model.expression == "~DEV + ~STB"
    assert [fit_row(term) for term in solution.terms] == [
        ("~DEV", 1.000, 1.000, 0.800, 0.300),
        ("~STB", 1.000, 1.000, 0.700, 0.200),
    ]
    assert [term.cases for term in solution.terms] == [
        split_cases("GR,PT,ES; IT,RO; HU,PL; EE"),
        split_cases("GR,PT,ES; HU,PL; AU; DE"),
    ]
    assert (round(model.incl_s, 3), round(model.pri, 3), round(model.cov_s, 3)) == (1.000, 1.000, 1.000)


def test_results_are_json_ready(lc: dict[str, dict[str, float]]) -> None:
    import json

    tt = truth_table(lc, "SURV", LIPSET_CONDITIONS)
    payload = json.loads(json.dumps({"tt": tt.as_dict(), "solution": minimise(tt, include="?").as_dict()}))
    assert payload["tt"]["rows"][4]["configuration"] == {"DEV": 1, "URB": 0, "LIT": 1, "IND": 0, "STB": 1}
    assert payload["solution"]["solutions"][0]["models"][0]["expression"] == "DEV*STB"
