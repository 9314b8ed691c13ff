"""The comparison page read in German (Accept-Language: de): headings, section titles, labels and
decimal commas; the CSV download keeps English names and machine numbers.

Needs the German catalogue compiled (``locale/de/LC_MESSAGES/django.mo``); the expected German is
written by hand. Alpha's density is 1/3 (tests/comparison/test_page.py).
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


def test_the_comparison_reads_in_german(client, study, computed, alice):
    client.force_login(alice)
    response = client.get(reverse("comparison:page", args=[study.pk]), **GERMAN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Regionen vergleichen</h1>" in html
    assert '<h2 id="comparison-table-section">Nebeneinander</h2>' in html
    assert "<th>Kennzahl</th>" in html and "<th>Spannweite</th>" in html
    metrics = re.search(r'<tbody data-section="metrics">.*?</tr>', html, re.S).group(0)
    assert ">Netzwerkkennzahlen <span" in metrics
    density = re.search(r'<tr data-row="metrics.density".*?</tr>', html, re.S).group(0)
    assert ">0,333<" in density and not re.search(r">\d\.\d{3}<", density)
    coverage = re.search(r'<tbody data-section="coverage">.*?</tbody>', html, re.S).group(0)
    assert "Abdeckung der Erhebung" in coverage and ">Befragte Akteure</th>" in coverage
    assert "alle Wellen" in html


def test_the_csv_stays_english_and_machine_readable_in_german(client, study, computed, alice):
    client.force_login(alice)
    response = client.get(reverse("comparison:export", args=[study.pk, "csv"]), **GERMAN)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    density = next(row for row in rows if row[1] == "Density")
    assert density[0] == "Graph metrics" and float(density[2]) == pytest.approx(1 / 3)
