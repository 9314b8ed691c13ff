"""Run by ``manage.py shell -c`` on a SQLite database (test_sqlite_concurrent_writes.py).

Four threads post ties through the API while a fifth stores analysis snapshots the way the worker
does, for a few seconds; prints one JSON line with what was posted, saved and refused.
"""

from __future__ import annotations

import json
import threading
import time
import traceback

from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Actor, Region
from coding.models import Interaction
from coding.worker.pipeline import region_recompute

SECONDS = 4.0
POSTERS = 4

demo = get_user_model().objects.get(username="demo")
regions = list(Region.objects.order_by("pk"))
region = regions[0]
source, target = Actor.objects.filter(region=region).order_by("pk")[:2]
before = Interaction.objects.filter(region=region).count()
deadline = time.monotonic() + SECONDS
lock = threading.Lock()
tally = {"posted": 0, "created": 0, "snapshot_runs": 0, "errors": []}


def record_error(what: str) -> None:
    with lock:
        tally["errors"].append(what)


def post_ties() -> None:
    api = APIClient(raise_request_exception=False, HTTP_HOST="localhost")
    api.force_authenticate(demo)
    tie = {"region": region.pk, "source": source.pk, "target": target.pk, "mode_cooperation": True}
    try:
        while time.monotonic() < deadline:
            response = api.post(reverse("api:interaction-list"), tie, format="json")
            with lock:
                tally["posted"] += 1
                tally["created"] += response.status_code == 201
            if response.status_code != 201:
                record_error(f"POST {response.status_code}: {response.content[:200]!r}")
    finally:
        connection.close()


def store_snapshots() -> None:
    try:
        while time.monotonic() < deadline:
            for each in regions:
                try:
                    region_recompute(region_id=each.pk, input_version=None, task_id="probe")
                except Exception:
                    record_error("snapshots: " + traceback.format_exc().splitlines()[-1])
                with lock:
                    tally["snapshot_runs"] += 1
    finally:
        connection.close()


started = time.monotonic()
threads = [threading.Thread(target=post_ties) for _ in range(POSTERS)] + [threading.Thread(target=store_snapshots)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
tally["seconds"] = round(time.monotonic() - started, 2)
tally["saved"] = Interaction.objects.filter(region=region).count() - before
tally["journal_mode"] = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
print(json.dumps(tally))
