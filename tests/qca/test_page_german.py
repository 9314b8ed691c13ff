"""The QCA page read in German (Accept-Language: de): headings, a refusal of a bad calibration,
source labels and figures with a decimal comma; the downloads stay in machine format.

Needs the German catalogue compiled (``locale/de/LC_MESSAGES/django.mo``); the expected German is
written by hand.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.qca.conftest import spec
from tests.qca.pages import form_data

pytestmark = pytest.mark.django_db

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


def page_url(qca_study) -> str:
    return reverse("qca:page", args=[qca_study["study"].pk])


def test_bad_anchors_are_refused_in_german(client, qca_study, carol):
    client.force_login(carol)
    body = spec(qca_study)
    body["conditions"][1]["calibration"] = {"method": "fuzzy", "exclusion": 0.4, "crossover": 0.2, "inclusion": 0.5}
    response = client.get(page_url(qca_study), form_data(body), **GERMAN)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<legend>Outcome und Bedingungen</legend>" in html
    assert "<legend>Schwellen und Lösung</legend>" in html
    assert '<button type="submit" id="qca-run">QCA ausführen</button>' in html
    errors = re.search(r'<ul class="errorlist" data-errors-for="c1">(.*?)</ul>', html, re.S).group(1)
    assert (
        "die Ankerpunkte von DENSE sind nicht geordnet (Ausschluss 0,4, Übergangspunkt 0,2, Einschluss 0,5): "
        "Der Übergangspunkt muss echt zwischen den beiden anderen liegen."
    ) in errors


def test_a_threshold_that_splits_no_case_is_refused_in_german(client, qca_study, carol):
    client.force_login(carol)
    body = spec(qca_study)
    body["conditions"][1]["calibration"] = {"method": "crisp", "thresholds": [0.95]}
    response = client.get(page_url(qca_study), form_data(body), **GERMAN)
    assert response.status_code == 400
    errors = re.search(r'<ul class="errorlist" data-errors-for="c1">(.*?)</ul>', response.content.decode(), re.S)
    assert "DENSE: Der Schwellenwert 0,95 teilt die Fälle nicht (Werte 0,1..0,5)" in errors.group(1)


def test_the_result_reads_in_german_with_decimal_commas(client, qca_study, carol):
    client.force_login(carol)
    response = client.get(page_url(qca_study), form_data(spec(qca_study)), **GERMAN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="qca-truth-table-section">Wahrheitstafel</h2>' in html
    assert '<h2 id="qca-necessity-section">Notwendigkeit</h2>' in html
    assert "<h3>Sparsame Lösung" in html
    sources = re.findall(r"<span class=\"muted\" data-source>(.*?)</span>", html)
    assert sources == ["GDP growth (Regionsvariable)", "Association (Regionsvariable)", "density (alle Beziehungen)"]
    row = re.search(r'<tr data-row="1" data-out="1".*?</tr>', html, re.S).group(0)
    assert "<td>1,000</td>" in row  # incl and PRI of the row explained by Bremen and Dresden


def test_the_downloads_keep_machine_format_in_german(client, qca_study, carol):
    client.force_login(carol)
    url = reverse("qca:download", args=[qca_study["study"].pk, "truth-table.csv"])
    table = client.get(url, form_data(spec(qca_study)), **GERMAN).content.decode().splitlines()
    assert table[0] == "row,ASSOC,DENSE,OUT,n,incl,PRI,contradictory,cases"
