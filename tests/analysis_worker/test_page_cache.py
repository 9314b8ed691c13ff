"""The worker reads a new "all ties, all waves" result as the analysis page reads it into the cache
the web processes share (Redis), so the page's first reader does not wait for the database to cut
it out of a large result (issue 17); with the embedded default's per-process cache it does not."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from coding.worker.snapshot_parts import page_result_warm

pytestmark = pytest.mark.django_db

SHARED = {
    "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/12"},
    "login_throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
}


def _cut_out(client, region) -> bool:
    """Whether the page cut the parts out of the stored result (``snapshot_parts.page_parts``)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("analysis:region", args=[region.pk])).status_code == 200
    return any("page_summary" in query["sql"] for query in captured.captured_queries)


def test_the_run_caches_the_pages_reading_of_its_all_all_result_for_the_first_reader(
    settings, client, alice, network, region
):
    settings.CACHES = SHARED
    caches["default"].clear()
    try:
        tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
        client.force_login(alice)
        assert not _cut_out(client, region)  # read from the cache the worker filled
        caches["default"].clear()
        assert _cut_out(client, region)  # the control: without it, the page reads the database
    finally:
        caches["default"].clear()


def test_a_per_process_cache_is_not_filled_by_the_worker(network, region):
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
    assert page_result_warm(region_id=region.pk) is False
