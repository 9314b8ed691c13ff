"""The comparison's stability section, on the page and in the CSV/XLSX (figures by hand).

Actor constellation, decided by the firms (issue 19: judged among firms only): Alpha's SMEs F1, F2
and F3 — industrial-district-like, all three firm–firm pairs being SME–SME — of which F1 was
interviewed: 1 of 3 = 33 % < 50 %, tentative. Beta's firms G1 and G2 — heterogeneous, no SME of
known size — of which G2 was interviewed through its works councillor W: 1 of 2 = 50 %, not
tentative. Every resample drops one tie; Alpha's district survives each (any two of its three
SME–SME pairs are still all of its firm–firm pairs), Beta's reads no firm–firm tie: both 100 %.
No tie has low confidence, so the label without them is the same.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coding.analysis import glossary
from coding.worker import tasks
from coding.worker.models import RegionAnalysisState

pytestmark = pytest.mark.django_db

TITLE = glossary.term(glossary.CLASSIFICATIONS, "actor_constellation").label


def _stability(region) -> None:
    """The follow-up run of the all-ties layer, called directly (no broker)."""
    tasks.compute_stability(region.pk, RegionAnalysisState.objects.get(region=region).version, "all")


def _csv(client, study) -> dict[str, list[str]]:
    response = client.get(reverse("comparison:export", args=[study.pk, "csv"]))
    return {row[1]: row for row in csv.reader(io.StringIO(response.content.decode()))}


def test_the_section_says_being_computed_until_the_follow_up_run(client, study, computed, alice):
    client.force_login(alice)
    page = client.get(reverse("comparison:page", args=[study.pk])).content.decode()
    assert "Stability of the classifications" in page and "being computed" in page
    assert _csv(client, study)[f"{TITLE}: kept in resamples"][2:4] == ["", ""]


def test_kept_share_label_without_low_confidence_and_interviewed_share_per_region(client, study, computed, alice):
    for region in (computed[0]["region"], computed[1]["region"]):
        _stability(region)
    client.force_login(alice)
    rows = _csv(client, study)
    assert [float(value) for value in rows[f"{TITLE}: kept in resamples"][2:4]] == [1.0, 1.0]
    assert rows[f"{TITLE}: without low-confidence ties"][2:4] == ["industrial_district_like", "heterogeneous_cluster"]
    interviewed = rows[f"{TITLE}: deciding actors interviewed"]
    assert [float(value) for value in interviewed[2:4]] == [pytest.approx(1 / 3), pytest.approx(1 / 2)]
    assert interviewed[0] == "Stability of the classifications" and interviewed[4] == "yes"

    page = client.get(reverse("comparison:page", args=[study.pk])).content.decode()
    assert "1 of 3, tentative" in page and "1 of 2<" in page and "100% of 500" in page

    workbook = load_workbook(io.BytesIO(client.get(reverse("comparison:export", args=[study.pk, "xlsx"])).content))
    by_label = {row[1].value: row for row in workbook["Comparison"].iter_rows(min_row=3)}
    assert by_label[f"{TITLE}: deciding actors interviewed"][2].value == pytest.approx(1 / 3)
