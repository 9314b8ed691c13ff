"""The comparison's downloads carry each classification's reason on the line below its label."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csv_has_a_reason_line_under_each_classification_naming_its_threshold(client, study, computed, alice):
    client.force_login(alice)
    response = client.get(reverse("comparison:export", args=[study.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    labels = [row[1] for row in rows]
    at = labels.index("Coordination regime")
    assert labels[at + 1] == "Coordination regime: reason"
    alpha, beta = rows[at + 1][2:4]
    # Alpha by hand: cooperation on four of five ties (80 %), the rival side on two (40 %).
    assert alpha.endswith(
        "Rule: tension when both sides reach 25 %; cooperation 80 % is at or above 25 % and the rival side "
        "40 % is at or above 25 %: tension."
    )
    # Beta: four mode-coded ties, five needed.
    assert "below five, so no regime is named." in beta
    # Every classification row with a label in some column has its reason line right below.
    for position, row in enumerate(rows):
        if row[0].startswith("Classifications") and not row[1].endswith(": reason") and any(row[2:4]):
            assert rows[position + 1][1] == f"{row[1]}: reason", row
