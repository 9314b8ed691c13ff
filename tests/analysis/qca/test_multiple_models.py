"""Several minimal models: Cebotari & Vink's fuzzy data (CVF), the parsimonious solution the
package's minimize page prints with four models (tests/data/qca/published-cvf-example.txt)."""

from __future__ import annotations

import pytest

from coding.analysis.qca import Solution, minimise, truth_table
from tests.analysis.qca.reference import CVF_CONDITIONS, fit_row, load, split_cases


@pytest.fixture(scope="module")
def pcvf() -> Solution:
    ttcvf = truth_table(load("CVF"), "PROTEST", CVF_CONDITIONS, incl_cut=0.8)
    result = minimise(ttcvf, include="?")
    assert result.counts == {"1": 13, "0": 16, "C": 0}  # "n OUT = 1/0/C: 13/16/0"
    (solution,) = result.solutions
    return solution


def test_the_prime_implicant_chart_matches_the_published_one(pcvf: Solution) -> None:
    """pCVF$PIchart: rows in the package's order, columns the explained truth table rows."""
    assert pcvf.initial_rows == (5, 15, 16, 24, 27, 29, 30, 31, 32)
    printed = {
        "~NATPRIDE": "x  x  -  -  x  x  -  x  -",
        "~DEMOC*ETHFRACT*POLDIS": "-  x  x  -  -  -  -  -  -",
        "DEMOC*ETHFRACT*GEOCON": "-  -  -  -  -  x  x  x  x",
        "DEMOC*ETHFRACT*~POLDIS": "-  -  -  -  -  x  x  -  -",
        "DEMOC*GEOCON*POLDIS": "-  -  -  x  -  -  -  x  x",
        "ETHFRACT*GEOCON*POLDIS": "-  x  x  -  -  -  -  x  x",
    }
    assert pcvf.prime_implicants == tuple(printed)
    assert [tuple(cell == "x" for cell in row.split()) for row in printed.values()] == list(pcvf.chart)


def test_all_four_minimal_models_in_the_published_order(pcvf: Solution) -> None:
    assert [model.expression for model in pcvf.models] == [
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + (~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*GEOCON)",
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + (~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*~POLDIS)",
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + (DEMOC*ETHFRACT*GEOCON + ETHFRACT*GEOCON*POLDIS)",
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + (DEMOC*ETHFRACT*~POLDIS + ETHFRACT*GEOCON*POLDIS)",
    ]
    assert all(model.essential == ("~NATPRIDE", "DEMOC*GEOCON*POLDIS") for model in pcvf.models)


def test_fit_of_every_term_and_model(pcvf: Solution) -> None:
    """The table under the models: inclS, PRI, covS, covU over all terms, covU within each model."""
    assert [fit_row(term) for term in pcvf.terms] == [
        ("~NATPRIDE", 0.899, 0.807, 0.597, 0.121),
        ("DEMOC*GEOCON*POLDIS", 0.906, 0.805, 0.342, 0.065),
        ("~DEMOC*ETHFRACT*POLDIS", 0.842, 0.718, 0.299, 0.000),
        ("DEMOC*ETHFRACT*GEOCON", 0.935, 0.826, 0.480, 0.000),
        ("DEMOC*ETHFRACT*~POLDIS", 0.932, 0.773, 0.417, 0.000),
        ("ETHFRACT*GEOCON*POLDIS", 0.869, 0.786, 0.365, 0.005),
    ]
    within = [dict(zip(model.terms, [round(c or 0, 3) for c in model.cov_u], strict=True)) for model in pcvf.models]
    assert within == [
        {
            "~NATPRIDE": 0.132,
            "DEMOC*GEOCON*POLDIS": 0.065,
            "~DEMOC*ETHFRACT*POLDIS": 0.040,
            "DEMOC*ETHFRACT*GEOCON": 0.085,
        },
        {
            "~NATPRIDE": 0.122,
            "DEMOC*GEOCON*POLDIS": 0.070,
            "~DEMOC*ETHFRACT*POLDIS": 0.040,
            "DEMOC*ETHFRACT*~POLDIS": 0.085,
        },
        {
            "~NATPRIDE": 0.136,
            "DEMOC*GEOCON*POLDIS": 0.065,
            "DEMOC*ETHFRACT*GEOCON": 0.085,
            "ETHFRACT*GEOCON*POLDIS": 0.045,
        },
        {
            "~NATPRIDE": 0.126,
            "DEMOC*GEOCON*POLDIS": 0.065,
            "DEMOC*ETHFRACT*~POLDIS": 0.085,
            "ETHFRACT*GEOCON*POLDIS": 0.045,
        },
    ]
    fits = [(round(m.incl_s, 3), round(m.pri, 3), round(m.cov_s, 3)) for m in pcvf.models]
    assert fits == [(0.877, 0.777, 0.805), (0.877, 0.777, 0.805), (0.879, 0.782, 0.810), (0.879, 0.782, 0.810)]


def test_cases_of_each_term(pcvf: Solution) -> None:
    assert [term.cases for term in pcvf.terms] == [
        split_cases(
            "CrimRussiansUkr,RussiansUkraine; HungariansYugo,KosovoAlbanians; RussiansLatvia;"
            " BasquesSpain; AlbaniansFYROM"
        ),
        split_cases("HungariansRom,CatholicsNIreland; AlbaniansFYROM; RussiansEstonia"),
        split_cases("HungariansYugo,KosovoAlbanians; GagauzMoldova"),
        split_cases("BasquesSpain; SerbsFYROM,CatalansSpain; AlbaniansFYROM; RussiansEstonia"),
        split_cases("BasquesSpain; SerbsFYROM,CatalansSpain"),
        split_cases("HungariansYugo,KosovoAlbanians; GagauzMoldova; AlbaniansFYROM; RussiansEstonia"),
    ]
