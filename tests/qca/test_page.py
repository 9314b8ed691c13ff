"""The QCA page on the hand-built study: the tables, case links to evidence, refusals, saving,
downloads, and a constant number of queries (expected tables: tests/qca/test_analysis.py)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coding.qca.models import QcaModel
from tests.qca.conftest import add_region, spec, store_snapshot
from tests.qca.pages import form_data

pytestmark = pytest.mark.django_db


def page_url(qca_study) -> str:
    return reverse("qca:page", args=[qca_study["study"].pk])


def test_a_viewer_runs_a_qca_and_reads_the_truth_table(client, qca_study, carol):
    client.force_login(carol)
    response = client.get(page_url(qca_study), form_data(spec(qca_study)))
    assert response.status_code == 200
    html = response.content.decode()
    regions = qca_study["regions"]
    row = re.search(r'<tr data-row="1" data-out="1".*?</tr>', html, re.S).group(0)
    bremen, dresden = regions["Bremen"].pk, regions["Dresden"].pk
    assert f'<a href="#case-r{bremen}" class="qca-case">Bremen</a>' in row
    assert f'<a href="#case-r{dresden}" class="qca-case">Dresden</a>' in row
    # The case's row holds its raw values, each linked to its source.
    case_row = re.search(rf'<tr id="case-r{bremen}".*?</tr>', html, re.S).group(0)
    analysis = reverse("analysis:region", args=[bremen]) + "?layer=all#metric-density"
    assert f'href="{analysis}"' in case_row
    assert f'href="/regions/{bremen}/#variable-gdp_growth"' in case_row
    sources = re.findall(r"<span class=\"muted\" data-source>(.*?)</span>", html)
    assert sources == ["GDP growth (region variable)", "Association (region variable)", "density (all ties)"]
    assert "<code data-expression>~ASSOC*~DENSE</code>" in html  # conservative
    assert 'id="qca-xy-parsimonious-1"' in html  # M2 has its plot
    assert "qca-save" not in html  # viewers do not save


def test_bad_anchors_are_a_form_error_on_the_condition(client, qca_study, carol):
    client.force_login(carol)
    body = spec(qca_study)
    body["conditions"][1]["calibration"] = {"method": "fuzzy", "exclusion": 0.4, "crossover": 0.2, "inclusion": 0.5}
    response = client.get(page_url(qca_study), form_data(body))
    assert response.status_code == 400
    errors = re.search(r'<ul class="errorlist" data-errors-for="c1">(.*?)</ul>', response.content.decode(), re.S)
    assert "the anchors of DENSE are out of order" in errors.group(1)


def test_a_missing_value_names_the_case_on_the_outcome_row(client, qca_study, alice):
    erfurt = add_region(qca_study["study"], "Erfurt", qca_study["trust"], alice, 0, False, 0, "", (0, 0))
    store_snapshot(erfurt, density=0.3, structure="closure")
    client.force_login(alice)
    body = spec(qca_study)
    body["cases"].append(erfurt.pk)
    response = client.get(page_url(qca_study), form_data(body))
    assert response.status_code == 400
    errors = re.search(r'data-errors-for="outcome">(.*?)</ul>', response.content.decode(), re.S).group(1)
    assert "case Erfurt: GROWTH has no value" in errors


def test_a_coder_saves_a_model_and_opens_it(client, qca_study, bob):
    client.force_login(bob)
    data = {**form_data(spec(qca_study)), "name": "Growth by association"}
    response = client.post(reverse("qca:save", args=[qca_study["study"].pk]), data)
    model = QcaModel.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?model={model.pk}")
    assert (model.name, model.status, model.created_by) == ("Growth by association", "ok", bob)
    assert model.spec["conditions"][1]["calibration"] == {"method": "crisp", "thresholds": [0.3], "decreasing": False}
    opened = client.get(page_url(qca_study), {"model": model.pk}).content.decode()
    assert 'data-status="ok"' in opened and "~ASSOC*~DENSE" in opened
    assert 'value="Growth by association"' in opened


def test_a_refused_save_writes_nothing(client, qca_study, bob):
    client.force_login(bob)
    body = spec(qca_study)
    body["conditions"][1]["calibration"] = {"method": "fuzzy", "exclusion": 0.4, "crossover": 0.2, "inclusion": 0.5}
    response = client.post(reverse("qca:save", args=[qca_study["study"].pk]), {**form_data(body), "name": "x"})
    assert response.status_code == 400
    assert not QcaModel.objects.exists()


def test_viewers_may_not_save_and_strangers_see_nothing(client, qca_study, carol, mallory):
    client.force_login(carol)
    data = {**form_data(spec(qca_study)), "name": "x"}
    assert client.post(reverse("qca:save", args=[qca_study["study"].pk]), data).status_code == 403
    client.force_login(mallory)
    assert client.get(page_url(qca_study), form_data(spec(qca_study))).status_code == 404
    assert not QcaModel.objects.exists()


def test_the_comparison_and_the_study_page_link_to_qca(client, qca_study, carol):
    client.force_login(carol)
    study = qca_study["study"]
    for url in (reverse("comparison:page", args=[study.pk]), reverse("cases:study-detail", args=[study.pk])):
        assert f'href="{page_url(qca_study)}"' in client.get(url).content.decode(), url


def test_downloads_of_the_run(client, qca_study, carol):
    client.force_login(carol)
    query = form_data(spec(qca_study))
    url = lambda what: reverse("qca:download", args=[qca_study["study"].pk, what])  # noqa: E731
    data = client.get(url("data.csv"), query).content.decode().splitlines()
    assert data == ["case,GROWTH,ASSOC,DENSE", "Aachen,0,1,1", "Bremen,1,0,0", "Chemnitz,0,1,1", "Dresden,1,0,0"]
    table = client.get(url("truth-table.csv"), query).content.decode().splitlines()
    assert table == [
        "row,ASSOC,DENSE,OUT,n,incl,PRI,contradictory,cases",
        "1,0,0,1,2,1,1,,Bremen; Dresden",
        "4,1,1,0,2,0,0,,Aachen; Chemnitz",
    ]
    solution = client.get(url("solution.txt"), query).content.decode()
    assert "M1: ~ASSOC -> GROWTH" in solution and "M2: ~DENSE -> GROWTH" in solution
    response = client.get(url("analysis.R"), query)
    assert response["Content-Disposition"] == f'attachment; filename="qca-study-{qca_study["study"].pk}-analysis.R"'


def test_the_r_script_reproduces_the_run_with_the_qca_package(client, qca_study, carol):
    client.force_login(carol)
    body = spec(qca_study, solution="intermediate", dir_exp={"ASSOC": "1"}, incl_cut=0.75, pri_cut=0.5)
    body["outcome"]["negate"] = True
    script = client.get(
        reverse("qca:download", args=[qca_study["study"].pk, "analysis.R"]), form_data(body)
    ).content.decode()
    stem = f"qca-study-{qca_study['study'].pk}"
    assert "library(QCA)\n" in script
    assert f'dat <- read.csv("{stem}-data.csv", row.names = 1, check.names = FALSE, fileEncoding = "UTF-8")' in script
    assert 'tt <- truthTable(dat, outcome = "~GROWTH", conditions = c("ASSOC", "DENSE"),\n' in script
    assert "incl.cut = 0.750, n.cut = 1,\n                 pri.cut = 0.500, show.cases = TRUE)" in script
    assert 'sol <- minimize(tt, include = "?", dir.exp = "ASSOC", details = TRUE)' in script
    assert "# DENSE: crisp, thresholds 0.300" in script


@pytest.mark.parametrize("extra", [0, 4])
def test_the_page_takes_the_same_queries_for_4_and_8_regions(
    client, qca_study, alice, extra, django_assert_num_queries
):
    study = qca_study["study"]
    for i in range(extra):
        region = add_region(study, f"Extra {i}", qca_study["trust"], alice, 0, False, 0, "", (1, 0))
        store_snapshot(region, density=0.1 * (i % 2) + 0.25, structure="closure")
        qca_study["gdp"].values.create(region=region, number_value=1.0 + i)
        qca_study["association"].values.create(region=region, bool_value=bool(i % 2))
    client.force_login(alice)
    body = spec(qca_study)
    body["cases"] = list(study.regions.values_list("pk", flat=True))
    query = form_data(body)
    client.get(page_url(qca_study), query)  # warm the session and content types
    with django_assert_num_queries(18) as captured:
        assert client.get(page_url(qca_study), query).status_code == 200
    assert len(captured) == 18


def test_a_saved_model_whose_data_changed_shows_stale_recomputing(client, qca_study, bob):
    from coding.qca.services import qca_model_create

    model = qca_model_create(study=qca_study["study"], user=bob, name="m", spec_json=spec(qca_study))
    QcaModel.objects.filter(pk=model.pk).update(fingerprint="computed from other data")
    client.force_login(bob)
    html = client.get(page_url(qca_study), {"model": model.pk}).content.decode()
    assert 'data-status="stale"' in html
    assert "Stale, recomputing" in html
    assert "~ASSOC*~DENSE" in html  # the last result stays on show, marked
    assert QcaModel.objects.get().status == "stale"


def test_a_region_case_per_wave_on_the_page(client, qca_study, carol):
    from tests import factories

    waves = {}
    for name, region in qca_study["regions"].items():
        waves[name] = factories.WaveFactory(region=region, label="2020")
        density = {"Aachen": 0.5, "Bremen": 0.2, "Chemnitz": 0.4, "Dresden": 0.1}[name]
        store_snapshot(region, density=density, structure="closure", wave=waves[name])
    client.force_login(carol)
    body = spec(qca_study, unit="wave", cases=[wave.pk for wave in waves.values()])
    html = client.get(page_url(qca_study), form_data(body)).content.decode()
    row = re.search(r'<tr data-row="1" data-out="1".*?</tr>', html, re.S).group(0)
    bremen_wave = waves["Bremen"].pk
    assert f'<a href="#case-w{bremen_wave}" class="qca-case">Bremen 2020</a>' in row


def test_ticked_regions_with_cases_by_wave_take_the_waves_of_those_regions(client, qca_study, carol):
    from tests import factories

    regions = qca_study["regions"]
    waves = [factories.WaveFactory(region=regions[name], label="2020") for name in ("Aachen", "Bremen", "Chemnitz")]
    for wave, density in zip(waves, (0.5, 0.2, 0.4), strict=True):
        store_snapshot(wave.region, density=density, structure="closure", wave=wave)
    client.force_login(carol)
    query = form_data(spec(qca_study, unit="wave", cases=[]))
    query["cases"] = [f"r{regions['Aachen'].pk}", f"r{regions['Bremen'].pk}"]
    html = client.get(page_url(qca_study), query).content.decode()
    cases = re.findall(r'<tr id="case-(w\d+)"', html)
    assert cases == [f"w{waves[0].pk}", f"w{waves[1].pk}"]


def test_downloads_of_a_saved_model(client, qca_study, carol, bob):
    from coding.qca.services import qca_model_create

    model = qca_model_create(study=qca_study["study"], user=bob, name="m", spec_json=spec(qca_study))
    client.force_login(carol)
    url = reverse("qca:download", args=[qca_study["study"].pk, "truth-table.csv"])
    response = client.get(url, {"model": model.pk})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="qca-model-{model.pk}-truth-table.csv"'
    assert response.content.decode().splitlines()[1] == "1,0,0,1,2,1,1,,Bremen; Dresden"
    script = client.get(reverse("qca:download", args=[qca_study["study"].pk, "analysis.R"]), {"model": model.pk})
    assert f'read.csv("qca-model-{model.pk}-data.csv"' in script.content.decode()
    assert client.get(url, {"model": 999999}).status_code == 404


def test_a_row_with_a_name_but_no_source_is_an_error_not_left_out(client, qca_study, carol):
    client.force_login(carol)
    query = {**form_data(spec(qca_study)), "c2-name": "TRUST"}
    response = client.get(page_url(qca_study), query)
    assert response.status_code == 400
    assert "Give both a name and a source" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 4])
def test_a_saved_model_opens_with_the_same_queries_for_4_and_8_regions(
    client, qca_study, alice, extra, django_assert_num_queries
):
    from coding.qca.services import qca_model_create

    study = qca_study["study"]
    for i in range(extra):
        region = add_region(study, f"Extra {i}", qca_study["trust"], alice, 0, False, 0, "", (1, 0))
        store_snapshot(region, density=0.1 * (i % 2) + 0.25, structure="closure")
        qca_study["gdp"].values.create(region=region, number_value=1.0 + i)
        qca_study["association"].values.create(region=region, bool_value=bool(i % 2))
    body = spec(qca_study)
    body["cases"] = list(study.regions.values_list("pk", flat=True))
    model = qca_model_create(study=study, user=alice, name="m", spec_json=body)
    client.force_login(alice)
    client.get(page_url(qca_study), {"model": model.pk})  # warm the session and content types
    with django_assert_num_queries(20):
        assert client.get(page_url(qca_study), {"model": model.pk}).status_code == 200


def test_the_r_script_writes_multi_value_expectations_in_brackets(client, qca_study, carol):
    client.force_login(carol)
    body = spec(qca_study, solution="intermediate", dir_exp={"DENSE": "1"})
    body["conditions"][1]["calibration"] = {"method": "crisp", "thresholds": [0.15, 0.45]}
    script = client.get(
        reverse("qca:download", args=[qca_study["study"].pk, "analysis.R"]), form_data(body)
    ).content.decode()
    assert 'sol <- minimize(tt, include = "?", dir.exp = "DENSE[1]", details = TRUE)' in script
    assert "# DENSE: multi-value, thresholds 0.150, 0.450" in script
