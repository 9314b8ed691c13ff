"""The case-data builder on the hand-built study (tests/qca/conftest.py): values and their sources."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.qca import selectors
from coding.qca.spec import SpecError, parse_spec
from tests import factories
from tests.qca.conftest import TABLE, add_region, spec, store_snapshot

pytestmark = pytest.mark.django_db

SOURCES = [
    {"name": "TRUST", "source": {"kind": "code", "code": 0, "measure": "share"}, "calibration": {"method": "direct"}},
    {
        "name": "PASSAGES",
        "source": {"kind": "code", "code": 0, "measure": "per_interview"},
        "calibration": {"method": "direct"},
    },
    {
        "name": "BROKER",
        "source": {"kind": "classification", "layer": "all", "name": "structure", "label": "brokerage"},
        "calibration": {"method": "direct"},
    },
]


def full_spec(qca_study):
    conditions = [dict(item, source=dict(item["source"])) for item in SOURCES]
    for item in conditions[:2]:
        item["source"]["code"] = qca_study["trust"].pk
    body = spec(qca_study)
    body["conditions"] += conditions
    return parse_spec(body)


def test_every_value_and_its_source_for_four_regions(qca_study):
    rows = selectors.case_table(qca_study["study"], full_spec(qca_study))
    regions = qca_study["regions"]
    assert [row.case.label for row in rows] == ["Aachen", "Bremen", "Chemnitz", "Dresden"]
    by_name = {row.case.label: row.values for row in rows}
    # Shares of interviews coded Trust: 2/2, 0/2, 1/2, 1/2; passages per interview: 3/2, 0/2, 1/2, 2/2.
    expected = {
        "Aachen": (1.0, True, 0.5, 1.0, 1.5, 1.0),
        "Bremen": (3.0, False, 0.2, 0.0, 0.0, 0.0),
        "Chemnitz": (2.0, True, 0.4, 0.5, 0.5, 1.0),
        "Dresden": (4.0, False, 0.1, 0.5, 1.0, 0.0),
    }
    names = ("GROWTH", "ASSOC", "DENSE", "TRUST", "PASSAGES", "BROKER")
    for region, values in expected.items():
        assert tuple(by_name[region][name].value for name in names) == values, region
    trust = qca_study["trust"].pk
    for region_name, values in by_name.items():
        pk = regions[region_name].pk
        assert values["GROWTH"].url == f"/regions/{pk}/#variable-gdp_growth"
        assert values["DENSE"].url == reverse("analysis:region", args=[pk]) + "?layer=all#metric-density"
        assert values["BROKER"].url == reverse("analysis:region", args=[pk]) + "?layer=all#classification-structure"
        retrieval = reverse("coding:retrieval", args=[qca_study["study"].pk])
        assert values["TRUST"].url == f"{retrieval}?code={trust}&region={pk}"
    assert by_name["Aachen"]["TRUST"].note == "2 of 2 interviews, 3 passages"
    assert by_name["Aachen"]["DENSE"].note == ""


def test_a_case_per_wave_reads_the_waves_snapshot_and_the_regions_variable(qca_study):
    aachen = qca_study["regions"]["Aachen"]
    early = factories.WaveFactory(region=aachen, label="2019")
    store_snapshot(aachen, density=0.25, structure="closure", wave=early)
    body = spec(qca_study, unit="wave", cases=[early.pk, early.pk])
    rows = selectors.case_table(qca_study["study"], parse_spec({**body, "cases": [early.pk, early.pk]}))
    (row,) = rows
    assert row.case.label == "Aachen 2019"
    assert row.values["DENSE"].value == 0.25
    assert row.values["DENSE"].url.endswith(f"?layer=all&wave={early.pk}#metric-density")
    assert row.values["GROWTH"].value == 1.0  # the region's variable holds for each of its waves


def test_a_stale_analysis_is_marked_on_its_values(qca_study):
    from coding.worker.services import mark_stale

    mark_stale([qca_study["regions"]["Bremen"].pk])
    rows = selectors.case_table(qca_study["study"], parse_spec(spec(qca_study)))
    assert "stale" in rows[1].values["DENSE"].note
    assert rows[0].values["DENSE"].note == ""


def test_an_undetermined_classification_and_an_unrecorded_value_are_missing(qca_study):
    region = add_region(qca_study["study"], "Erfurt", qca_study["trust"], None, 0, False, 0, "", (0, 0))
    store_snapshot(region, density=0.3, structure="undetermined")
    body = full_spec(qca_study).as_json()
    body["cases"].append(region.pk)
    rows = selectors.case_table(qca_study["study"], parse_spec(body))
    erfurt = rows[-1].values
    assert erfurt["BROKER"].value is None
    assert erfurt["GROWTH"].value is None  # no gdp_growth recorded for Erfurt
    assert erfurt["TRUST"].value == 0.0


def test_a_region_of_another_study_is_refused_by_its_place(qca_study, other_region):
    body = spec(qca_study)
    body["cases"] = [*body["cases"], other_region.pk]
    with pytest.raises(SpecError) as refused:
        selectors.case_table(qca_study["study"], parse_spec(body))
    assert refused.value.place == "cases[4]"


def test_a_wave_variable_needs_waves_as_cases(qca_study):
    from coding.variables.services import variable_create

    variable_create(study=qca_study["study"], target="wave", name="funding", label="Funding", type="numeric")
    body = spec(qca_study)
    body["conditions"][0]["source"] = {"kind": "variable", "target": "wave", "name": "funding"}
    with pytest.raises(SpecError) as refused:
        selectors.case_table(qca_study["study"], parse_spec(body))
    assert refused.value.place == "conditions[0].source.target"
    assert "ASSOC" in str(refused.value)


@pytest.mark.parametrize("extra", [0, 4])
def test_reading_the_case_data_takes_the_same_queries_for_4_and_8_regions(
    qca_study, alice, extra, django_assert_num_queries
):
    study = qca_study["study"]
    for i in range(extra):
        region = add_region(study, f"Extra {i}", qca_study["trust"], alice, 0, False, 0, "", (1, 0))
        store_snapshot(region, density=0.3, structure="closure")
    body = full_spec(qca_study).as_json()
    body["cases"] = list(study.regions.values_list("pk", flat=True))
    parsed = parse_spec(body)
    with django_assert_num_queries(9):
        selectors.case_table(study, parsed)
    assert len(TABLE) + extra == len(body["cases"])
