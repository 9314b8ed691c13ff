"""Server time of the region analysis page for one region of 300 actors and 1,500 coded ties
(target ≤ 150 ms, constant query count); with ``--large`` the page and its network JSON for a region
of 5,000 actors and 50,000 ties (issue 17: page ≤ 300 ms and ≤ 500 KB).

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/analysis_page.py               # add --profile for the slowest functions
    .venv/bin/python benchmarks/analysis_page.py --large       # 5,000 / 50,000 (benchmarks/analysis_page_large.py)

It (re)creates the database ``cluster_bench_analysis_page``, migrates it, builds the region as
``benchmarks/comparison.py`` does (the random region of benchmarks/analysis.py written as rows,
ten interviews, the "all ties, all waves" snapshot stored as the worker would), requests the page
in-process through Django's test client (full middleware and template stack, no network) and
prints the server time per request (min, median, p95), the page's size and its query count.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_analysis_page"


def measure(url: str, user: Any, requests: int, profile: bool) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    for _ in range(2):  # warm-up: template loading, first connection
        assert client.get(url).status_code == 200
    times, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    page = response.content.decode()
    print(
        f"analysis page: {len(response.content) / 1024:.0f} KiB, {page.count('data-actor=')} actor rows, "
        f"{len(queries)} queries"
    )
    print(
        f"server time per request (ms, {requests} requests): "
        f"min {times[0]:.0f}, median {statistics.median(times):.0f}, p95 {p95:.0f}"
    )
    # On a shared machine the wall time includes waiting for a core; the CPU time of this process
    # (Django, templates, JSON decoding; not PostgreSQL's own work) does not.
    print(f"CPU time of the Django process per request (ms): median {statistics.median(cpu):.0f}, min {min(cpu):.0f}")
    print("target: median ≤ 150 ms")
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--large", action="store_true", help="the 5,000-actor page and network JSON instead")
    args, rest = parser.parse_known_args()
    if args.large:
        from benchmarks.analysis_page_large import main as large

        large(rest)
        return
    fresh_django(DB_NAME)
    from django.urls import reverse

    from benchmarks.comparison import build
    from cases.models import Region

    start = time.perf_counter()
    study, user = build(1, args.actors)
    region = Region.objects.get(study=study)
    print(f"built 1 region × {args.actors} actors × {args.actors * 5} ties in {time.perf_counter() - start:.1f} s")
    measure(reverse("analysis:region", args=[region.pk]), user, args.requests, args.profile)


if __name__ == "__main__":
    main()
