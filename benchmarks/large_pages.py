"""Server time and size of the small pages of a large study (issue 17): the region page, its
analysis status JSON and the admin's page of a 307-code scheme.

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/large_pages.py            # add --requests 30 for a longer run

It (re)creates the database ``cluster_bench_large_pages``, migrates it and builds one study with a
region of ``--actors`` actors and ``--ties`` ties over two waves (the random regions of
benchmarks/analysis.py, written as rows; every tie evidenced by one of 200 codings), a stored
"all ties, all waves" snapshot as large as the worker's for such a region (a result of the same
shape: every actor and tie with its figures, padded to ``--snapshot-mb``; deriving the real one
takes minutes and is not what is measured) and a ``--codes``-code scheme. Then it requests each
page through Django's test client (full middleware and template stack, no network) and prints the
server time per request (min, median, p95), the page's size and its query count.

Targets (issue 17): region page ≤ 150 ms, status JSON ≤ 50 ms, scheme page ≤ 1 s and ≤ 1 MB.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_large_pages"


def build_region(actors: int, ties: int, snapshot_mb: float) -> tuple[Any, Any]:
    """The region (written in bulk, so no signal asks the worker) and its lead."""
    from django.contrib.auth import get_user_model

    from benchmarks.rows import write_random_region
    from cases.models import Interview, Membership, Region, Study, Wave
    from coding.models import Code, Coding, CodingScheme, Interaction
    from coding.worker.models import AnalysisSnapshot, RegionAnalysisState

    scheme = CodingScheme.objects.order_by("pk").first()
    codes = list(Code.objects.filter(scheme=scheme))
    user = get_user_model().objects.create_user("bench", password="bench-large-pages-1")  # noqa: S106
    study = Study.objects.create(title="Benchmark study", coding_scheme=scheme)
    Membership.objects.create(study=study, user=user, role="lead")
    region = Region.objects.create(study=study, name="Large region", country="DE", technology_field="ict")
    waves = [
        Wave.objects.create(region=region, label=f"Wave {n + 1}", start=datetime.date(2020 + 2 * n, 1, 1))
        for n in range(2)
    ]
    rows, interactions = write_random_region(region, actors, ties, seed=17, waves=waves, coder=user)
    interviews = Interview.objects.bulk_create(
        Interview(region=region, wave=waves[k % 2], title=f"Interview {k}", transcript="x" * 2000) for k in range(20)
    )
    codings = Coding.objects.bulk_create(
        Coding(interview=interview, code=codes[(k * 3 + j) % len(codes)], coder=user, start=j * 20, end=j * 20 + 10,
               quote="x" * 10)
        for k, interview in enumerate(interviews)
        for j in range(10)
    )  # fmt: skip
    through = Interaction.evidence.through
    through.objects.bulk_create(
        (through(interaction_id=tie.pk, coding_id=codings[n % len(codings)].pk) for n, tie in enumerate(interactions)),
        batch_size=5000,
    )
    AnalysisSnapshot.objects.create(
        region=region, layer="all", status="ok", input_version=1, result=large_result(rows, interactions, snapshot_mb)
    )
    RegionAnalysisState.objects.filter(region=region).update(computed_version=1)  # created with the region
    return region, user


def large_result(actors: list[Any], ties: list[Any], megabytes: float) -> dict[str, Any]:
    """A stored result of the worker's shape and of the size issue 17 measured (13 MB)."""
    actor_rows = [{"id": actor.pk, "name": actor.name, "degree": 20, "betweenness": 0.001} for actor in actors]
    tie_rows = [{"id": tie.pk, "source": tie.source_id, "target": tie.target_id, "strength": 0.5} for tie in ties]
    result: dict[str, Any] = {"actors": actor_rows, "ties": tie_rows, "metrics": {}, "classifications": []}
    result["stability"] = {"status": "ok", "resampled": True, "runs": 500}
    size = len(str(result))
    result["padding"] = "x" * max(0, int(megabytes * 1_000_000) - size)
    return result


def build_scheme(codes: int) -> int:
    from benchmarks.admin_scheme import build

    return build(codes)


def measure(client: Any, url: str, requests: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the template and URL caches
    times = []
    size = queries = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, (url, response.status_code)
        size, queries = len(response.content), len(captured.captured_queries)
    return times, size, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--ties", type=int, default=50000)
    parser.add_argument("--snapshot-mb", type=float, default=13.0)
    parser.add_argument("--codes", type=int, default=307)
    parser.add_argument("--requests", type=int, default=15)
    args = parser.parse_args()
    fresh_django(DB_NAME)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    region, user = build_region(args.actors, args.ties, args.snapshot_mb)
    scheme = build_scheme(args.codes)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum would have them on a live server
    print(f"built {args.actors} actors, {args.ties} ties, {args.codes} codes in {time.perf_counter() - started:.0f} s")
    member = Client()
    member.force_login(user)
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "bench-admin-1"))
    scheme_page = reverse("admin:coding_codingscheme_change", args=[scheme])
    pages = [
        ("region page", member, reverse("cases:region-detail", args=[region.pk]), 150),
        ("analysis status JSON", member, reverse("analysis:region-status", args=[region.pk]), 50),
        (f"admin scheme page ({args.codes} codes)", admin, scheme_page, 1000),
    ]
    print(f"{'page':34} {'min ms':>8} {'median':>8} {'p95':>8} {'target':>8} {'kB':>8} {'queries':>8}")
    for label, client, url, target in pages:
        times, size, queries = measure(client, url, args.requests)
        ms = sorted(times)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        median = statistics.median(ms)
        print(f"{label:34} {ms[0]:8.1f} {median:8.1f} {p95:8.1f} {target:8d} {size / 1000:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
