"""Calibration: LR into LC with the package's documented thresholds, the fuzzy direct method
against a hand computation, and the refusals (tests/data/qca/README.md)."""

from __future__ import annotations

import math
import re

import pytest

from coding.analysis.qca import calibrate, calibrate_crisp, calibrate_fuzzy, calibrate_manual
from tests.analysis.qca.reference import load

# man/Lipset.Rd: 0 below the threshold and 1 otherwise; STB is 1 below 10 cabinets.
LIPSET_THRESHOLDS = {
    "DEV": (550.0, False),
    "URB": (50.0, False),
    "LIT": (75.0, False),
    "IND": (30.0, False),
    "STB": (10.0, True),
}


def column(data: dict[str, dict[str, float]], name: str) -> dict[str, float | int | None]:
    return {case: values[name] for case, values in data.items()}


@pytest.mark.parametrize("condition", ["DEV", "URB", "LIT", "IND", "STB"])
def test_crisp_calibration_of_the_raw_lipset_data_gives_lc(condition: str) -> None:
    raw, lc = load("LR"), load("LC")
    threshold, decreasing = LIPSET_THRESHOLDS[condition]
    calibrated = calibrate_crisp(column(raw, condition), [threshold], condition=condition, decreasing=decreasing)
    assert calibrated == {case: int(values[condition]) for case, values in lc.items()}


def test_crisp_calibration_of_survival_at_zero_gives_lc() -> None:
    # SURV is 0 if negative and 1 if positive; no raw value is 0.
    calibrated = calibrate(column(load("LR"), "SURV"), condition="SURV", method="crisp", thresholds=[0.0])
    assert calibrated == {case: values["SURV"] for case, values in load("LC").items()}


def test_two_thresholds_give_the_multi_value_development_of_lm() -> None:
    # man/Lipset.Rd: the multi-value DEV uses 550 and 850 USD.
    calibrated = calibrate_crisp(column(load("LR"), "DEV"), [550.0, 850.0], condition="DEV")
    assert calibrated == {case: int(values["DEV"]) for case, values in load("LM").items()}


def test_fuzzy_direct_method_against_a_hand_computation() -> None:
    """Anchors 2 (exclusion), 7 (crossover), 9.5 (inclusion) as CVF's democracy index; QCA's
    default idm = 0.95, so the anchors sit at log-odds ±ln(0.95/0.05) = ±2.944439.

    x = 9.5: log-odds  2.944439 * (9.5 - 7) / (9.5 - 7) =  2.944439 -> 1/(1+e^-2.944439) = 0.95
    x = 8:   log-odds  2.944439 * (8 - 7) / (9.5 - 7)   =  1.177776 -> 1/(1+e^-1.177776) = 0.764548
    x = 7:   log-odds  0                                            -> 0.5
    x = 4:   log-odds  2.944439 * (4 - 7) / (7 - 2)     = -1.766663 -> 1/(1+e^1.766663)  = 0.145958
    x = 2:   log-odds  2.944439 * (2 - 7) / (7 - 2)     = -2.944439 -> 0.05
    x = 0:   log-odds  2.944439 * (0 - 7) / (7 - 2)     = -4.122215 -> 1/(1+e^4.122215)  = 0.015950
    """
    values = {"a": 9.5, "b": 8.0, "c": 7.0, "d": 4.0, "e": 2.0, "f": 0.0}
    calibrated = calibrate_fuzzy(values, exclusion=2, crossover=7, inclusion=9.5, condition="DEMOC")
    expected = {"a": 0.95, "b": 0.764548, "c": 0.5, "d": 0.145958, "e": 0.05, "f": 0.015950}
    assert calibrated == pytest.approx(expected, abs=1e-6)


def test_ragins_log_odds_of_three_at_the_anchors() -> None:
    """Ragin (2008) puts full membership at log-odds 3: idm = 1/(1+e^-3) = 0.952574.
    x = 8 with anchors 2, 7, 9.5: log-odds 3 * 1/2.5 = 1.2 -> 1/(1+e^-1.2) = 0.768525."""
    idm = 1 / (1 + math.exp(-3))
    calibrated = calibrate_fuzzy({"a": 8.0, "b": 9.5}, exclusion=2, crossover=7, inclusion=9.5, condition="X", idm=idm)
    assert calibrated == pytest.approx({"a": 0.768525, "b": 0.952574}, abs=1e-6)


def test_descending_anchors_calibrate_a_decreasing_set() -> None:
    """Cabinets: 15 or more fully out, 10 the crossover, 5 or fewer fully in (stability).
    x = 5: 0.95; x = 7.5: log-odds 2.944439 * 2.5 / 5 = 1.472219 -> 1/(1+e^-1.472219) = 0.813395;
    x = 15: 0.05."""
    calibrated = calibrate_fuzzy(
        {"a": 5.0, "b": 7.5, "c": 15.0}, exclusion=15, crossover=10, inclusion=5, condition="STB"
    )
    assert calibrated == pytest.approx({"a": 0.95, "b": 0.813395, "c": 0.05}, abs=1e-6)


def test_manual_scores_are_kept_as_given() -> None:
    assert calibrate_manual({"a": 0.2, "b": 1}, condition="TRUST") == {"a": 0.2, "b": 1.0}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: calibrate_fuzzy({"a": 1.0, "b": 2.0}, exclusion=2, crossover=1, inclusion=3, condition="DEV"),
            "DEV: anchors out of order",
        ),
        (
            lambda: calibrate_fuzzy({"a": 1.0, "b": None}, exclusion=0, crossover=1, inclusion=3, condition="DEV"),
            "case b: DEV has no numeric value",
        ),
        (
            lambda: calibrate_manual({"a": 0.3, "b": 1.2}, condition="TRUST"),
            "case b: membership in TRUST is 1.2, outside 0..1",
        ),
        (
            lambda: calibrate_crisp({"a": 4.0, "b": 4.0}, [3.0], condition="URB"),
            "URB: every case has the same value (4); a condition with no variation",
        ),
        (
            lambda: calibrate_crisp({"a": 1.0, "b": 5.0}, [7.0], condition="URB"),
            "URB: threshold 7 does not split the cases",
        ),
        (
            lambda: calibrate_crisp({"a": 1.0, "b": 5.0}, [4.0, 2.0], condition="DEV"),
            "DEV: thresholds [4.0, 2.0] are out of order",
        ),
        (
            lambda: calibrate({"a": 1.0, "b": 5.0}, condition="DEV", method="fuzzy", thresholds=[1, 2]),
            "DEV: the fuzzy direct method needs three anchors",
        ),
    ],
)
def test_bad_calibrations_are_refused_naming_case_and_condition(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call()  # type: ignore[operator]
