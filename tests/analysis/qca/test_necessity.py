"""Necessity (inclN, RoN, covN) on Lipset's crisp and multi-value data, computed by hand from
the tables in tests/data/qca (8 of the 18 countries survived: BE CZ FI FR IE NL SE UK)."""

from __future__ import annotations

import pytest

from coding.analysis.qca import necessity
from tests.analysis.qca.reference import LIPSET_CONDITIONS, load


def figures(outcome: str, data: str, conditions: list[str]) -> dict[str, tuple[float, float, float]]:
    result = necessity(load(data), outcome, conditions)
    return {row.expression: (round(row.incl_n, 3), round(row.ro_n, 3), round(row.cov_n, 3)) for row in result.rows}


def test_development_and_stability_for_survival() -> None:
    """DEV = 1 in 10 countries, all 8 survivors among them: inclN 8/8, covN 8/10,
    RoN = Σ(1 − X) / Σ(1 − min(X, Y)) = 8 / (18 − 8) = 0.8. ~DEV holds no survivor: inclN 0,
    covN 0, RoN = 10 / 18 = 0.556. STB = 1 in 11 countries with all survivors: inclN 1,
    covN 8/11 = 0.727, RoN = 7 / 10 = 0.7; ~STB: inclN 0, covN 0, RoN 11/18 = 0.611."""
    result = figures("SURV", "LC", LIPSET_CONDITIONS)
    assert list(result) == ["DEV", "~DEV", "URB", "~URB", "LIT", "~LIT", "IND", "~IND", "STB", "~STB"]
    assert result["DEV"] == (1.0, 0.8, 0.8)
    assert result["~DEV"] == (0.0, 0.556, 0.0)
    assert result["STB"] == (1.0, 0.7, 0.727)
    assert result["~STB"] == (0.0, 0.611, 0.0)


def test_a_value_of_a_multi_value_condition() -> None:
    """DEV[2] (BE FR NL SE UK, all survivors): inclN 5/8 = 0.625, covN 5/5, RoN 13 / (18 − 5) = 1."""
    result = figures("SURV", "LM", ["DEV", "URB", "LIT", "IND"])
    assert list(result)[:3] == ["DEV[0]", "DEV[1]", "DEV[2]"]
    assert result["DEV[2]"] == (0.625, 1.0, 1.0)


def test_an_outcome_nobody_shows_is_refused() -> None:
    data = {"a": {"X": 1, "Y": 0}, "b": {"X": 0, "Y": 0}}
    with pytest.raises(ValueError, match="no case is in Y"):
        necessity(data, "Y", ["X"])
