"""A QCA of the hand-built study through the service, with the expected tables computed by hand.

Calibrated (conftest table): GROWTH = gdp_growth ≥ 2.5 → Aachen 0, Bremen 1, Chemnitz 0, Dresden 1;
ASSOC = association → 1, 0, 1, 0; DENSE = density ≥ 0.3 → 1, 0, 1, 0.
Truth table: row 1 (ASSOC 0, DENSE 0) holds Bremen and Dresden, both GROWTH → incl 1, OUT 1;
row 4 (1, 1) holds Aachen and Chemnitz, neither → incl 0, OUT 0; rows 2 and 3 are remainders.
Conservative: ~ASSOC*~DENSE. Parsimonious: either remainder may join row 1, so two models fit:
M1 ~ASSOC and M2 ~DENSE, each with inclS 1 and covS 1.
Necessity of ~ASSOC: inclN = Σmin(X,Y)/ΣY = 2/2, covN = 2/2, RoN = Σ(1−X)/Σ(1−min(X,Y)) = 2/2.
Necessity of ASSOC: inclN 0/2 = 0, RoN = 2/4 = 0.5.
"""

from __future__ import annotations

import pytest

from coding.qca import services
from coding.qca.models import QcaModel
from coding.variables.services import values_set, variable_create
from tests.qca.conftest import add_region, spec, store_snapshot

pytestmark = pytest.mark.django_db


def run(qca_study, **changes):
    return services.qca_analyse(study=qca_study["study"], spec_json=spec(qca_study, **changes)).result


def test_truth_table_rows_cases_and_outcomes(qca_study):
    result = run(qca_study)
    rows = {row["number"]: row for row in result["truth_table"]["rows"]}
    assert sorted(rows) == [1, 4]
    assert rows[1]["configuration"] == {"ASSOC": 0, "DENSE": 0}
    assert (rows[1]["OUT"], rows[1]["n"], rows[1]["incl"], rows[1]["cases"]) == ("1", 2, 1.0, ["Bremen", "Dresden"])
    assert (rows[4]["OUT"], rows[4]["n"], rows[4]["incl"], rows[4]["cases"]) == ("0", 2, 0.0, ["Aachen", "Chemnitz"])
    assert not rows[1]["contradictory"] and not rows[4]["contradictory"]


def test_solutions_with_all_models_and_fit(qca_study):
    solutions = run(qca_study)["solutions"]
    conservative = solutions["conservative"]["solutions"][0]["models"]
    assert [model["expression"] for model in conservative] == ["~ASSOC*~DENSE"]
    parsimonious = solutions["parsimonious"]["solutions"][0]["models"]
    assert [(m["label"], m["terms"]) for m in parsimonious] == [("M1", ["~ASSOC"]), ("M2", ["~DENSE"])]
    for model in parsimonious:
        assert (model["inclS"], model["PRI"], model["covS"]) == (1.0, 1.0, 1.0)
    # XY plots: each model's membership per case (M1 = ~ASSOC: 0, 1, 0, 1) against GROWTH (0, 1, 0, 1).
    assert solutions["parsimonious"]["xy"][0]["x"] == [0, 1, 0, 1]
    assert solutions["parsimonious"]["outcome_membership"] == [0, 1, 0, 1]
    assert "intermediate" not in solutions  # no directional expectations given


def test_necessity_table(qca_study):
    necessity = {row["condition"]: row for row in run(qca_study)["necessity"]}
    assert (necessity["~ASSOC"]["inclN"], necessity["~ASSOC"]["RoN"], necessity["~ASSOC"]["covN"]) == (1.0, 1.0, 1.0)
    assert (necessity["ASSOC"]["inclN"], necessity["ASSOC"]["RoN"]) == (0.0, 0.5)


def test_negated_outcome_swaps_the_rows(qca_study):
    body = spec(qca_study)
    body["outcome"]["negate"] = True
    result = services.qca_analyse(study=qca_study["study"], spec_json=body).result
    assert result["outcome"] == "~GROWTH"
    outs = {row["number"]: row["OUT"] for row in result["truth_table"]["rows"]}
    assert outs == {1: "0", 4: "1"}


def test_intermediate_solution_with_directional_expectations(qca_study):
    # Expecting ASSOC present with the outcome. Against the parsimonious M2 (~DENSE) the remainder
    # ASSOC*~DENSE (row 3) is an easy counterfactual: ~ASSOC is dropped from ~ASSOC*~DENSE. Against
    # M1 (~ASSOC) the remainder ~ASSOC*DENSE would drop ~DENSE, which has no expectation: difficult.
    result = run(qca_study, solution="intermediate", dir_exp={"ASSOC": "1"})
    found = {
        tuple(part["sources"]): [model["terms"] for model in part["models"]]
        for part in result["solutions"]["intermediate"]["solutions"]
    }
    assert found == {("C1P1",): [["~ASSOC*~DENSE"]], ("C1P2",): [["~DENSE"]]}
    # Expecting ASSOC absent agrees with ~ASSOC: nothing is easy, the conservative term stays.
    result = run(qca_study, solution="intermediate", dir_exp={"ASSOC": "0"})
    models = result["solutions"]["intermediate"]["solutions"][0]["models"]
    assert [model["terms"] for model in models] == [["~ASSOC*~DENSE"]]


def test_a_contradictory_row_is_flagged(qca_study):
    # TRUST = share of interviews coded Trust ≥ 0.5: Aachen 1, Bremen 0, Chemnitz 1, Dresden 1.
    # Row TRUST=1 holds Aachen (GROWTH 0), Chemnitz (0) and Dresden (1): incl 1/3, cases on both sides.
    body = spec(qca_study)
    body["conditions"] = [
        {
            "name": "TRUST",
            "source": {"kind": "code", "code": qca_study["trust"].pk, "measure": "share"},
            "calibration": {"method": "crisp", "thresholds": [0.5]},
        }
    ]
    rows = services.qca_analyse(study=qca_study["study"], spec_json=body).result["truth_table"]["rows"]
    trusted = next(row for row in rows if row["configuration"] == {"TRUST": 1})
    assert trusted["contradictory"] is True
    assert trusted["incl"] == pytest.approx(1 / 3)
    assert trusted["OUT"] == "0"


def refused(qca_study, body) -> services.QcaInputError:
    with pytest.raises(services.QcaInputError) as error:
        services.qca_analyse(study=qca_study["study"], spec_json=body)
    assert not QcaModel.objects.exists()
    return error.value


def test_anchors_out_of_order_name_the_condition(qca_study):
    body = spec(qca_study)
    body["conditions"][1]["calibration"] = {"method": "fuzzy", "exclusion": 0.4, "crossover": 0.2, "inclusion": 0.5}
    error = refused(qca_study, body)
    assert error.place == "conditions[1].calibration"
    assert "DENSE" in error.message and "out of order" in error.message


def test_a_condition_without_variation_is_named(qca_study):
    body = spec(qca_study)
    body["conditions"][1] = {
        "name": "EI",
        "source": {"kind": "metric", "layer": "all", "figure": "ei_actor_type.index"},
        "calibration": {"method": "fuzzy", "exclusion": -1, "crossover": 0, "inclusion": 1},
    }
    error = refused(qca_study, body)
    assert error.place == "conditions[1]"
    assert "EI" in error.message and "no variation" in error.message


def test_a_case_without_a_value_is_named_with_the_condition(qca_study, alice):
    erfurt = add_region(qca_study["study"], "Erfurt", qca_study["trust"], alice, 0, False, 0, "", (0, 0))
    store_snapshot(erfurt, density=0.3, structure="closure")
    values_set(variable=qca_study["association"], values={erfurt.pk: True})
    body = spec(qca_study)
    body["cases"].append(erfurt.pk)
    error = refused(qca_study, body)
    assert (error.place, error.case, error.condition) == ("outcome", "Erfurt", "GROWTH")
    assert "case Erfurt: GROWTH has no value" in error.message


def test_a_text_value_for_a_numeric_calibration_is_named(qca_study):
    sector = variable_create(
        study=qca_study["study"],
        target="region",
        name="sector",
        label="Sector",
        type="categorical",
        categories=["automotive", "software"],
    )
    regions = qca_study["regions"]
    values_set(variable=sector, values={r.pk: "automotive" if r.name < "C" else "software" for r in regions.values()})
    body = spec(qca_study)
    body["conditions"][0] = {
        "name": "SECTOR",
        "source": {"kind": "variable", "target": "region", "name": "sector"},
        "calibration": {"method": "crisp", "thresholds": [1]},
    }
    error = refused(qca_study, body)
    assert (error.case, error.condition) == ("Aachen", "SECTOR")
    assert "text “automotive”" in error.message
    # The same variable calibrated by hand, a score per category, runs.
    body["conditions"][0]["calibration"] = {"method": "manual", "scores": {"automotive": 0, "software": 1}}
    result = services.qca_analyse(study=qca_study["study"], spec_json=body).result
    assert [case["values"]["SECTOR"]["membership"] for case in result["cases"]] == [0, 0, 1, 1]


def test_a_value_far_beyond_the_fuzzy_anchors_is_refused_not_a_crash(qca_study):
    body = spec(qca_study)
    # gdp_growth runs from 1 to 4; anchors a millionth apart put 4 some 10⁷ log-odds past inclusion.
    body["outcome"]["calibration"] = {"method": "fuzzy", "exclusion": 2.5, "crossover": 2.500001, "inclusion": 2.500002}
    body["outcome"]["source"] = {"kind": "variable", "target": "region", "name": "gdp_growth"}
    error = refused(qca_study, body)
    assert error.place == "outcome" and "GROWTH" in error.message


def test_a_multi_value_condition(qca_study):
    # DENSE with thresholds 0.15 and 0.45: Aachen 0.5 → 2, Bremen 0.2 → 1, Chemnitz 0.4 → 1, Dresden 0.1 → 0.
    # Row numbers over ASSOC (2 levels) × DENSE (3): ASSOC·3 + DENSE + 1 → Dresden 1, Bremen 2, Chemnitz 5, Aachen 6.
    body = spec(qca_study)
    body["conditions"][1]["calibration"] = {"method": "crisp", "thresholds": [0.15, 0.45]}
    result = services.qca_analyse(study=qca_study["study"], spec_json=body).result
    rows = {row["number"]: (row["cases"], row["OUT"]) for row in result["truth_table"]["rows"]}
    assert rows == {1: (["Dresden"], "1"), 2: (["Bremen"], "1"), 5: (["Chemnitz"], "0"), 6: (["Aachen"], "0")}
    assert [row["condition"] for row in result["necessity"]][:2] == ["ASSOC[0]", "ASSOC[1]"]
    assert result["truth_table"]["levels"] == [2, 3]


def test_a_multi_value_outcome_is_refused(qca_study):
    body = spec(qca_study)
    body["outcome"]["calibration"] = {"method": "crisp", "thresholds": [1.5, 3.5]}
    error = refused(qca_study, body)
    assert error.place == "outcome" and "needs one threshold" in error.message


def test_the_same_name_twice_is_refused(qca_study):
    body = spec(qca_study)
    body["conditions"][1]["name"] = "ASSOC"
    error = refused(qca_study, body)
    assert error.place == "conditions[1].name" and "ASSOC is used twice" in error.message
