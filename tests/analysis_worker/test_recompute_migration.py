"""The release's data migration marks every stored analysis out of date, so the worker recomputes it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from coding.worker.models import RegionAnalysisState
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("coding.migrations.0020_recompute_for_new_figures")


def test_every_region_current_before_is_out_of_date_after_and_nothing_else_moves():
    regions = [factories.RegionFactory() for _ in range(3)]
    for version, region in enumerate(regions, start=2):
        RegionAnalysisState.objects.update_or_create(
            region=region, defaults={"version": version, "computed_version": version}
        )
    assert not any(state.is_stale for state in RegionAnalysisState.objects.all())

    migration.mark_every_region_stale(apps, None)

    states = {state.region_id: state for state in RegionAnalysisState.objects.all()}
    for version, region in enumerate(regions, start=2):
        assert (states[region.pk].version, states[region.pk].computed_version) == (version + 1, version)
        assert states[region.pk].is_stale
