"""Truth table cut-offs and refusals on small tables computed by hand."""

from __future__ import annotations

import pytest

from coding.analysis.qca import minimise, truth_table

# Crisp A with outcome Y: A = 1 for a, b, c of which a and b show Y; A = 0 for d without Y.
SMALL = {
    "a": {"A": 1, "B": 0, "Y": 1},
    "b": {"A": 1, "B": 0, "Y": 1},
    "c": {"A": 1, "B": 0, "Y": 0},
    "d": {"A": 0, "B": 1, "Y": 0},
}


def test_a_row_between_the_two_inclusion_cut_offs_is_a_contradiction() -> None:
    """Row A=1,B=0 (number 3): incl = 2/3 = 0.667, in [0.6, 0.8) -> "C"; its cases disagree on Y."""
    tt = truth_table(SMALL, "Y", ["A", "B"], incl_cut=0.8, incl_cut0=0.6)
    rows = {row.number: (row.out, row.n, round(row.incl, 3), row.contradictory) for row in tt.rows}
    assert rows == {2: ("0", 1, 0.0, False), 3: ("C", 3, 0.667, True)}
    assert tt.counts() == {"1": 0, "0": 1, "C": 3}


def test_one_cut_off_makes_the_row_negative_and_pri_can_veto_a_positive_row() -> None:
    """incl 0.667 below 0.8 -> "0"; at incl.cut 0.6 it is "1" unless PRI (here also 0.667:
    (2 − 0) / (3 − 0)) must reach 0.7."""
    assert [row.out for row in truth_table(SMALL, "Y", ["A", "B"], incl_cut=0.8).rows] == ["0", "0"]
    assert [row.out for row in truth_table(SMALL, "Y", ["A", "B"], incl_cut=0.6).rows] == ["0", "1"]
    assert [row.out for row in truth_table(SMALL, "Y", ["A", "B"], incl_cut=0.6, pri_cut=0.7).rows] == ["0", "0"]


def test_rows_below_the_frequency_cut_off_are_remainders() -> None:
    tt = truth_table(SMALL, "Y", ["A", "B"], incl_cut=0.6, n_cut=2)
    assert [(row.number, row.out) for row in tt.rows] == [(2, "?"), (3, "1")]
    assert tt.remainders() == (1, 2, 4)


def test_a_fuzzy_score_of_one_half_places_the_case_in_no_row() -> None:
    data = {"a": {"X": 0.5, "Y": 0.9}, "b": {"X": 0.8, "Y": 0.7}, "c": {"X": 0.1, "Y": 0.2}}
    tt = truth_table(data, "Y", ["X"])
    assert tt.unassigned_cases == ("a",)
    assert [(row.number, row.cases) for row in tt.rows] == [(1, ("c",)), (2, ("b",))]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"a": {"A": 1, "Y": 1}, "b": {"A": None, "Y": 0}}, "case b: A has no numeric value"),
        ({"a": {"A": 1, "Y": 1}, "b": {"Y": 0}}, "case b: A has no value"),
        ({"a": {"A": 0.2, "Y": 1}, "b": {"A": 1.5, "Y": 0}}, "case b: A is 1.5"),
        ({"a": {"A": 1, "Y": 1}, "b": {"A": -1, "Y": 0}}, "case b: A is -1"),
        (
            {"a": {"A": 1, "Y": 1}, "b": {"A": 1, "Y": 0}},
            "A: every case has the same value (1); a condition with no variation",
        ),
        ({"a": {"A": 1, "Y": 2}, "b": {"A": 0, "Y": 0}}, "case a: outcome Y is 2; write Y[value]"),
    ],
)
def test_bad_data_is_refused_naming_case_and_condition(data: dict[str, dict[str, float | None]], message: str) -> None:
    with pytest.raises(
        ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[").replace("]", r"\]")
    ):
        truth_table(data, "Y", ["A"])


def test_a_multi_value_outcome_is_read_with_brackets() -> None:
    data = {"a": {"A": 1, "Y": 2}, "b": {"A": 0, "Y": 1}, "c": {"A": 1, "Y": 2}}
    tt = truth_table(data, "Y[2]", ["A"])
    assert [(row.number, row.out) for row in tt.rows] == [(1, "0"), (2, "1")]


def test_too_many_configurations_for_the_minimisation_are_refused() -> None:
    """15 crisp conditions are 32,768 configurations, past the 16,384 the minimisation handles."""
    names = [f"C{j}" for j in range(15)]
    data = {f"case{i}": {**{name: int(i == j) for j, name in enumerate(names)}, "Y": int(i == 0)} for i in range(16)}
    tt = truth_table(data, "Y", names)
    with pytest.raises(ValueError, match="32,768 configurations \\(15 conditions\\) are more than the 16,384"):
        minimise(tt)
