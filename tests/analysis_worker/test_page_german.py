"""The region analysis page in German: figure names from the catalogue, figures with a decimal comma.

Needs the compiled German catalogue (locale/de/LC_MESSAGES/django.mo). The expected texts are
written by hand: the glossary's German names, and figures worked out from the ``network`` fixture.
"""

from __future__ import annotations

import re

from django.urls import reverse

from coding.worker import tasks
from coding.worker.models import RegionAnalysisState


def _german_page(client, region, alice) -> str:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
    client.force_login(alice)
    response = client.get(reverse("analysis:region", args=[region.pk]), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return response.content.decode()


def _metric(page: str, key: str) -> tuple[str, str]:
    """The German name and the value (as coded) of a region figure."""
    found = re.search(rf'<tr id="metric-{key}"><th scope="row">([^<]+)</th><td data-metric="{key}">([^<]*)</td>', page)
    assert found, key
    return found.group(1), found.group(2).strip()


def test_the_analysis_page_names_figures_in_german_with_a_decimal_comma(client, network, region, alice):
    page = _german_page(client, region, alice)
    assert '<html lang="de"' in page
    # Five actors (three firms, the university, its researcher) and four ties joining four pairs:
    # density = 4 / (5 · 4 / 2) = 0,4; mean degree = 2 · 4 / 5 = 1,6.
    assert _metric(page, "density") == ("Dichte", "0,4")
    assert _metric(page, "mean_degree") == ("Mittlerer Grad", "1,6")
    assert _metric(page, "edges") == ("Verbundene Paare", "4")
    assert "Verbundene Paare / mögliche Paare." in page  # the meaning, translated
    assert '<h2 id="metrics-heading">Kennzahlen der Region</h2>' in page
    assert '<h2 id="classifications-heading">Klassifikationen</h2>' in page
    assert "Koordinationsregime: <span" in page
    # Machine-readable parts stay as they are: keys in ids and data attributes, sort values with a point.
    assert 'data-metric="density"' in page
    assert "Density" not in page and "Mean degree" not in page


def test_charts_and_legend_speak_german(client, network, region, alice):
    page = _german_page(client, region, alice)
    assert "<span>Gradverteilung</span>" in page
    assert "Gradverteilung als Tabelle" in page
    assert "Knotenfarbe: Akteurstyp" in page
    assert "Kantenfarbe: Koordinationsform" in page
    assert 'aria-label="Netzwerk der Akteure der Region"' in page
