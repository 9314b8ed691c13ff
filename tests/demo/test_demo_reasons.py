"""The demo study's classification sentences (issue 16): at both levels and in every wave, each names
its rule or minimum with a comparison, and none says "few", hedges a plural or writes zero as "0"."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Region
from coding.analysis.message import render
from coding.demo.loader import STUDY_TITLE
from coding.worker.loader import derive_from_inputs, load_region_inputs

pytestmark = pytest.mark.django_db

BAD_COUNT = re.compile(r"\bfew\b|\(s\)|\b(of|on|has|have) 0(?![.\d])|\b0 (ties|actors|persons|pairs)\b")
COMPARISON = re.compile(r"\b(below|above|at or above|at or below|at least)\b")


def test_every_demo_reason_names_a_rule_and_a_comparison_and_counts_in_words() -> None:
    call_command("seed_demo", "--password", "test-demo-pw-1", stdout=StringIO())
    checked = 0
    for region in Region.objects.filter(study__title=STUDY_TITLE).order_by("name"):
        inputs = load_region_inputs(region.pk)
        for wave_id in (None, *inputs.wave_ids):
            result = derive_from_inputs(inputs, wave_id, "all")
            records = [*result["classifications"], *result["levels"]["organisation"]["classifications"]]
            for record in records:
                reason, where = render(record["reason"]), (region.name, wave_id, record["name"])
                assert not BAD_COUNT.search(reason), (where, reason)
                assert "Rule:" in reason or "minimum" in reason, (where, reason)
                assert COMPARISON.search(reason), (where, reason)
                checked += 1
    assert checked >= 3 * 3 * 2 * 6  # three regions, all waves and two, two levels, six rules at least
