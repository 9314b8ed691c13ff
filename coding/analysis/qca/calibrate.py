"""Calibration of raw case values into set membership scores (Ragin 2008, ch. 5; Dusa 2019, ch. 4).

Follows R's ``QCA::calibrate``:

* crisp: ``k`` thresholds give values ``0..k``; a case gets the number of thresholds at or below
  its raw value (R's ``findInterval``), so one threshold gives a crisp set 0/1 and several give a
  multi-value condition. ``decreasing=True`` turns it round (e.g. "stable: fewer than 10 cabinets").
* fuzzy, direct method: three anchors (full exclusion, crossover, full inclusion) and the logistic
  function. The anchors map to the log-odds ``±log(idm / (1 - idm))``; the package's default
  ``idm = 0.95`` gives ±2.944 (Ragin 2008 rounds it to ±3, i.e. ``idm = 0.9526``). Anchors in
  descending order (exclusion > crossover > inclusion) calibrate a decreasing set.
* manual: membership scores the researcher gives directly, checked to lie in 0..1.

Every refusal is a ``ValueError`` naming the condition and, where one is to blame, the case.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from coding.analysis.message import message
from coding.analysis.qca.refusal import Refusal, shown

RawValues = Mapping[str, float | int | None]

QCA_DEFAULT_IDM = 0.95


def _checked(values: RawValues, condition: str) -> dict[str, float]:
    """Refuse missing and non-numeric values, naming the case, before any arithmetic."""
    if not values:
        raise Refusal(message("{condition}: no cases to calibrate", condition=condition))
    checked: dict[str, float] = {}
    for case, value in values.items():
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            raise Refusal(
                message(
                    "case {case}: {condition} has no numeric value ({value})",
                    case=case,
                    condition=condition,
                    value=repr(value),
                )
            )
        if not math.isfinite(value):
            raise Refusal(
                message(
                    "case {case}: {condition} has no finite value ({value})",
                    case=case,
                    condition=condition,
                    value=repr(value),
                )
            )
        checked[case] = float(value)
    return checked


def _varied(values: dict[str, float], condition: str) -> None:
    """A condition every case shares says nothing about the outcome (and the anchors cannot place it)."""
    distinct = set(values.values())
    if len(distinct) < 2:
        only = next(iter(distinct))
        raise Refusal(
            message(
                "{condition}: every case has the same value ({only}); a condition with no variation",
                condition=condition,
                only=shown(only),
            )
        )


def calibrate_crisp(
    values: RawValues, thresholds: Sequence[float], *, condition: str, decreasing: bool = False
) -> dict[str, int]:
    """Crisp (one threshold) or multi-value (several) sets; thresholds strictly increasing."""
    raw = _checked(values, condition)
    _varied(raw, condition)
    if not thresholds:
        raise Refusal(message("{condition}: give at least one threshold", condition=condition))
    if any(later <= earlier for earlier, later in itertools.pairwise(thresholds)):
        raise Refusal(
            message(
                "{condition}: thresholds {thresholds} are out of order (give them increasing)",
                condition=condition,
                thresholds=str(list(thresholds)),
            )
        )
    low, high = min(raw.values()), max(raw.values())
    for threshold in thresholds:
        if not low < threshold <= high:
            raise Refusal(
                message(
                    "{condition}: threshold {threshold} does not split the cases (values {low}..{high})",
                    condition=condition,
                    threshold=shown(threshold),
                    low=shown(low),
                    high=shown(high),
                )
            )
    top = len(thresholds)
    scores = {case: sum(1 for threshold in thresholds if value >= threshold) for case, value in raw.items()}
    return {case: top - score for case, score in scores.items()} if decreasing else scores


def fuzzy_membership(value: float, exclusion: float, crossover: float, inclusion: float, idm: float) -> float:
    """QCA's logistic direct method for one value (anchors already checked)."""
    log_odds_at_anchor = math.log(idm / (1 - idm))
    descending = exclusion > inclusion
    low, high = (inclusion, exclusion) if descending else (exclusion, inclusion)
    anchor = high if value >= crossover else low
    log_odds = (value - crossover) * log_odds_at_anchor / (anchor - crossover)
    if value < crossover:
        log_odds = -log_odds
    membership = 1 / (1 + math.exp(-log_odds))
    return 1 - membership if descending else membership


def calibrate_fuzzy(
    values: RawValues,
    *,
    exclusion: float,
    crossover: float,
    inclusion: float,
    condition: str,
    idm: float = QCA_DEFAULT_IDM,
) -> dict[str, float]:
    """Fuzzy direct method with three anchors; descending anchors give a decreasing set."""
    raw = _checked(values, condition)
    _varied(raw, condition)
    increasing = exclusion < crossover < inclusion
    decreasing = exclusion > crossover > inclusion
    if not (increasing or decreasing):
        raise Refusal(
            message(
                "{condition}: anchors out of order (exclusion {exclusion}, crossover {crossover}, "
                "inclusion {inclusion}); "
                "the crossover must lie strictly between the other two",
                condition=condition,
                exclusion=shown(exclusion),
                crossover=shown(crossover),
                inclusion=shown(inclusion),
            )
        )
    if not 0.5 < idm < 1:
        raise Refusal(
            message(
                "{condition}: the inclusion degree of membership must lie between 0.5 and 1 (got {idm})",
                condition=condition,
                idm=shown(idm),
            )
        )
    return {case: fuzzy_membership(value, exclusion, crossover, inclusion, idm) for case, value in raw.items()}


def calibrate_manual(values: RawValues, *, condition: str) -> dict[str, float]:
    """Membership scores given by the researcher: checked, not transformed."""
    raw = _checked(values, condition)
    for case, value in raw.items():
        if not 0 <= value <= 1:
            raise Refusal(
                message(
                    "case {case}: membership in {condition} is {value}, outside 0..1",
                    case=case,
                    condition=condition,
                    value=shown(value),
                )
            )
    _varied(raw, condition)
    return raw


def calibrate(
    values: RawValues,
    *,
    condition: str,
    method: str,
    thresholds: Sequence[float] = (),
    decreasing: bool = False,
    idm: float = QCA_DEFAULT_IDM,
) -> dict[str, float]:
    """One entry point: ``method`` is "crisp" (thresholds), "fuzzy" (thresholds = exclusion,
    crossover, inclusion) or "manual" (values already 0..1)."""
    if method == "crisp":
        return {
            case: float(score)
            for case, score in calibrate_crisp(values, thresholds, condition=condition, decreasing=decreasing).items()
        }
    if method == "fuzzy":
        if len(thresholds) != 3:
            raise Refusal(
                message(
                    "{condition}: the fuzzy direct method needs three anchors (exclusion, crossover, inclusion)",
                    condition=condition,
                )
            )
        exclusion, crossover, inclusion = thresholds
        return calibrate_fuzzy(
            values, exclusion=exclusion, crossover=crossover, inclusion=inclusion, condition=condition, idm=idm
        )
    if method == "manual":
        return calibrate_manual(values, condition=condition)
    raise Refusal(
        message(
            "{condition}: unknown calibration method '{method}' (crisp, fuzzy or manual)",
            condition=condition,
            method=method,
        )
    )
