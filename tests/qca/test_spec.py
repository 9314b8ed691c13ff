"""The specification parser (pure): each refusal names its place; the canonical JSON reads back."""

from __future__ import annotations

import copy

import pytest

from coding.qca.spec import SpecError, parse_spec

VALID = {
    "unit": "region",
    "cases": [1, 2, 3],
    "outcome": {
        "name": "Y",
        "source": {"kind": "variable", "target": "region", "name": "gdp"},
        "calibration": {"method": "crisp", "thresholds": [2]},
    },
    "conditions": [
        {
            "name": "A",
            "source": {"kind": "metric", "layer": "all", "figure": "density"},
            "calibration": {"method": "fuzzy", "exclusion": 0.1, "crossover": 0.3, "inclusion": 0.6},
        },
        {
            "name": "B",
            "source": {"kind": "code", "code": 7, "measure": "share"},
            "calibration": {"method": "manual", "scores": {"0.5": 1, "0": 0}},
        },
    ],
    "dir_exp": {"A": "1"},
    "solution": "intermediate",
}


def changed(path: str, value) -> dict:
    body = copy.deepcopy(VALID)
    target = body
    *parents, last = path.split("/")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    return body


def test_the_canonical_json_reads_back_with_defaults():
    spec = parse_spec(VALID)
    assert (spec.incl_cut, spec.n_cut, spec.pri_cut) == (0.8, 1, 0.0)
    assert parse_spec(spec.as_json()) == spec
    assert spec.as_json()["conditions"][1]["calibration"] == {"method": "manual", "scores": {"0": 0.0, "0.5": 1.0}}


@pytest.mark.parametrize(
    ("path", "value", "place", "words"),
    [
        ("cases", [1], "cases", "at least two"),
        ("cases", [1, "x"], "cases[1]", "not a record id"),
        ("unit", "country", "unit", "not one of region, wave"),
        ("outcome/name", "1Y", "outcome.name", "not a condition name"),
        ("conditions/0/calibration/crossover", 0.9, "conditions[0].calibration", "anchors of A are out of order"),
        ("conditions/0/calibration/method", "logistic", "conditions[0].calibration.method", "not one of"),
        ("conditions/1/source/kind", "survey", "conditions[1].source.kind", "not one of"),
        ("conditions/1/name", "A", "conditions[1].name", "A is used twice"),
        ("dir_exp", {"C": "1"}, "dir_exp.C", "not one of the conditions"),
        ("incl_cut", 1.5, "incl_cut", "outside 0..1"),
        ("n_cut", 0, "n_cut", "at least 1"),
    ],
)
def test_each_refusal_names_its_place(path, value, place, words):
    with pytest.raises(SpecError) as refused:
        parse_spec(changed(path, value))
    assert refused.value.place == place
    assert words in str(refused.value)


def test_crisp_thresholds_out_of_order_are_refused():
    body = changed("outcome/calibration", {"method": "crisp", "thresholds": [3, 2]})
    with pytest.raises(SpecError, match="thresholds of Y are out of order"):
        parse_spec(body)


def test_more_than_ten_conditions_are_refused():
    condition = VALID["conditions"][0]
    body = changed("conditions", [{**condition, "name": f"C{i}"} for i in range(11)])
    body["dir_exp"] = {}
    with pytest.raises(SpecError, match="at most 10 conditions"):
        parse_spec(body)
