"""Intermediate solutions on Lipset's fuzzy data (LF, incl.cut = 0.8) with directional
expectations, against the package's printed minimize and modelFit examples."""

from __future__ import annotations

import pytest

from coding.analysis.qca import Minimisation, TruthTable, minimise, truth_table
from tests.analysis.qca.reference import LIPSET_CONDITIONS, fit_row, load


@pytest.fixture(scope="module")
def ttlf() -> TruthTable:
    return truth_table(load("LF"), "SURV", LIPSET_CONDITIONS, incl_cut=0.8)


def fits(result: Minimisation) -> list[tuple[str, float, float, float]]:
    return [(m.expression, round(m.incl_s, 3), round(m.pri, 3), round(m.cov_s, 3)) for m in result.models]


@pytest.mark.parametrize("dir_exp", ["DEV, URB, LIT, IND, STB", "1,1,1,1,1"])
def test_all_conditions_expected_present(ttlf: TruthTable, dir_exp: str) -> None:
    """minimize(ttLF, include = "?", dir.exp = c(DEV, URB, LIT, IND, STB)): "From C1P1"."""
    result = minimise(ttlf, include="?", dir_exp=dir_exp)
    assert result.kind == "intermediate"
    (solution,) = result.solutions
    assert solution.sources == ("C1P1",)
    assert fits(result) == [("DEV*URB*LIT*STB + DEV*LIT*~IND*STB", 0.866, 0.839, 0.660)]
    assert [fit_row(term) for term in solution.terms] == [
        ("DEV*URB*LIT*STB", 0.901, 0.879, 0.468, 0.378),
        ("DEV*LIT*~IND*STB", 0.814, 0.721, 0.282, 0.191),
    ]


def test_a_dont_care_condition_and_a_conjunctural_expectation(ttlf: TruthTable) -> None:
    """dir.exp = c(DEV, STB, ~LIT*IND): URB left unspecified."""
    result = minimise(ttlf, include="?", dir_exp="DEV, STB, ~LIT*IND")
    (solution,) = result.solutions
    assert fits(result) == [("DEV*URB*STB + DEV*~IND*STB", 0.866, 0.839, 0.660)]
    assert [fit_row(term) for term in solution.terms] == [
        ("DEV*URB*STB", 0.901, 0.879, 0.468, 0.378),
        ("DEV*~IND*STB", 0.814, 0.721, 0.282, 0.191),
    ]


def test_development_present_and_the_rest_absent_gives_two_models_since_qca_3_8(ttlf: TruthTable) -> None:
    """iLF <- minimize(ttLF, include = "?", dir.exp = "1,0,0,0,0"); modelFit(iLF, "DEV*STB").

    The modelFit page prints one model, DEV*URB*STB + DEV*~URB*~IND (0.866/0.839/0.662). It was
    printed with the method of QCA 3.7, which derived one intermediate model per pair of
    conservative and parsimonious models without counterfactuals. Since 3.8 the package uses easy
    counterfactuals again because "it is not always possible to restrict it to a single model"
    (ChangeLog); we follow the current method, which here gives that model and a second one.

    By hand. Observed rows of LF (membership > 0.5): 1, 2, 5, 6, 22, 23, 24, 31, 32; OUT = 1 for
    22 (10101) and 32 (11111). Conservative C1: DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB;
    parsimonious P1: DEV*~IND + URB*STB. Expectations: DEV present; URB, LIT, IND, STB absent.
    - DEV*URB*LIT*IND*STB lies in URB*STB, which dropped DEV, LIT, IND; LIT and IND (present)
      contradict their expectation and go, DEV stays: DEV*URB*STB covers remainders 26, 28, 30.
    - DEV*~URB*LIT*~IND*STB lies in DEV*~IND, which dropped URB, LIT, STB; LIT and STB go, ~URB
      agrees and stays: DEV*~URB*~IND covers remainders 17, 18, 21.
    Easy counterfactuals 17, 18, 21, 26, 28, 30; minimising 22 and 32 with them gives the prime
    implicants DEV*URB*STB (26 28 30 32), DEV*~URB*~IND (17 18 21 22) and DEV*~IND*STB (18 22 26 30).
    Row 32 needs DEV*URB*STB, row 22 either of the others: M1 and M2. Their figures are printed on
    the package's pages: M1 in this modelFit example, M2 (and DEV*~IND*STB) in the minimize
    example with dir.exp = c(DEV, STB, ~LIT*IND)."""
    result = minimise(ttlf, include="?", dir_exp="1,0,0,0,0")
    (solution,) = result.solutions
    assert solution.easy_counterfactuals == (17, 18, 21, 26, 28, 30)
    assert set(solution.prime_implicants) == {"DEV*URB*STB", "DEV*~URB*~IND", "DEV*~IND*STB"}
    assert fits(result) == [
        ("DEV*URB*STB + (DEV*~URB*~IND)", 0.866, 0.839, 0.662),
        ("DEV*URB*STB + (DEV*~IND*STB)", 0.866, 0.839, 0.660),
    ]
    by_term = {row[0]: row[1:4] for row in map(fit_row, solution.terms)}
    assert by_term == {
        "DEV*URB*STB": (0.901, 0.879, 0.468),
        "DEV*~URB*~IND": (0.806, 0.719, 0.268),
        "DEV*~IND*STB": (0.814, 0.721, 0.282),
    }


def test_the_same_expectations_written_as_literals(ttlf: TruthTable) -> None:
    positional = minimise(ttlf, include="?", dir_exp="1,0,0,0,0")
    literals = minimise(ttlf, include="?", dir_exp="DEV, ~URB, ~LIT, ~IND, ~STB")
    assert [m.expression for m in literals.models] == [m.expression for m in positional.models]


def test_without_any_expectation_the_intermediate_is_the_conservative_solution(ttlf: TruthTable) -> None:
    """All conditions "don't care" (ChangeLog 2.6: it should return the complex solution)."""
    result = minimise(ttlf, include="?", dir_exp="-,-,-,-,-")
    assert [m.expression for m in result.models] == ["DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB"]


@pytest.mark.parametrize(
    ("include", "dir_exp", "message"),
    [
        ("", "DEV", "directional expectations need the remainders"),
        ("?", "GDP", "'GDP' is not one of the conditions"),
        ("?", "DEV[3]", "'DEV' has no value 3"),
    ],
)
def test_bad_expectations_are_refused(ttlf: TruthTable, include: str, dir_exp: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        minimise(ttlf, include=include, dir_exp=dir_exp)


def test_multi_value_expectations_by_hand() -> None:
    """LM (conditions DEV URB LIT IND), expectations DEV[1,2], URB[1], LIT[1], IND[1].

    Conservative (published): DEV[2]*LIT[1]*IND[1] + DEV[1]*URB[0]*LIT[1]*IND[0]; parsimonious
    (published): DEV[2] + DEV[1]*IND[0]. The first term lies in DEV[2]; LIT[1] and IND[1] agree
    with the expectations and stay. The second lies in DEV[1]*IND[0]; URB[0] contradicts URB[1]
    and goes, LIT[1] stays: DEV[1]*LIT[1]*IND[0] covers one configuration besides row 11 (FI, IE):
    DEV 1, URB 1, LIT 1, IND 0, row 1·8 + 1·4 + 1·2 + 0 + 1 = 15, which no country has. With it
    as the only easy counterfactual, the second term loses URB[0]."""
    tt = truth_table(load("LM"), "SURV", ["DEV", "URB", "LIT", "IND"])
    result = minimise(tt, include="?", dir_exp="DEV[1,2], URB[1], LIT[1], IND[1]")
    (solution,) = result.solutions
    assert solution.easy_counterfactuals == (15,)
    assert [model.expression for model in result.models] == ["DEV[2]*LIT[1]*IND[1] + DEV[1]*LIT[1]*IND[0]"]
