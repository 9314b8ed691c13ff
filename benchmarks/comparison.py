"""Server time of the comparison page for 10 regions × 300 actors (target ≤ 300 ms).

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/comparison.py            # add --requests 50 for a longer run

It (re)creates the database ``cluster_bench_comparison``, migrates it, builds one study with
``--regions`` regions of ``--actors`` actors and five times as many coded ties each (the random
regions of benchmarks/analysis.py, written as rows), ten coded interviews per region, stores each
region's "all ties, all waves" snapshot as the worker would, then requests the comparison page
in-process through Django's test client (the full middleware and template stack, no network) and
prints the server time per request: min, median and p95, with the query count and the parts
(loading the snapshots, building the table, the rest: code matrix and rendering), and the time of
the networks' JSON that the page's script fetches after the page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_comparison"


def build(regions: int, actors: int):
    """The study, its lead and the regions, written in bulk (no signals fire, so no worker is asked)."""
    from django.contrib.auth import get_user_model

    from benchmarks.analysis import random_region
    from cases.models import Actor, Interview, Membership, Region, Study
    from coding.models import Code, Coding, CodingScheme, Interaction
    from coding.worker.loader import compute_snapshot
    from coding.worker.models import AnalysisSnapshot, RegionAnalysisState

    scheme = CodingScheme.objects.order_by("pk").first()
    codes = list(Code.objects.filter(scheme=scheme))
    user = get_user_model().objects.create_user("bench", password="bench-comparison-1")  # noqa: S106
    study = Study.objects.create(title="Benchmark study", coding_scheme=scheme)
    Membership.objects.create(study=study, user=user, role="lead")
    for number in range(regions):
        region = Region.objects.create(study=study, name=f"Region {number:02d}", country="DE", technology_field="ict")
        nodes, ties, _outcomes = random_region(actors, actors * 5, seed=number)
        rows = Actor.objects.bulk_create(
            Actor(region=region, kind=node.kind, name=node.name, org_type=node.org_type,
                  location=node.location, hierarchy_level=node.hierarchy_level)
            for node in nodes
        )  # fmt: skip
        by_id = {node.id: row for node, row in zip(nodes, rows, strict=True)}
        for node in nodes:
            if node.affiliation_id is not None:
                by_id[node.id].affiliation = by_id[node.affiliation_id]
        Actor.objects.bulk_update(rows, ["affiliation"], batch_size=1000)
        Interaction.objects.bulk_create(
            Interaction(region=region, source=by_id[tie.source], target=by_id[tie.target], directed=tie.directed,
                        channel=tie.channel, setting=tie.setting, trust_basis=tie.trust_basis,
                        duration=tie.duration, includes_private_sphere=tie.includes_private_sphere,
                        **{f"mode_{mode}": True for mode in (tie.modes or {"cooperation"})},
                        **dict(zip(Interaction.RATING_FIELDS, tie.ratings.as_tuple(), strict=True)))
            for tie in ties
        )  # fmt: skip
        interviews = Interview.objects.bulk_create(
            Interview(region=region, title=f"Interview {k}", transcript="x" * 200) for k in range(10)
        )
        Interview.interviewees.through.objects.bulk_create(
            Interview.interviewees.through(interview_id=interview.pk, actor_id=rows[k * 7].pk)
            for k, interview in enumerate(interviews)
        )
        Coding.objects.bulk_create(
            Coding(interview=interview, code=codes[(k * 3 + j) % len(codes)], coder=user, start=j, end=j + 10,
                   quote="x" * 10)
            for k, interview in enumerate(interviews)
            for j in range(20)
        )  # fmt: skip
        AnalysisSnapshot.objects.create(
            region=region, layer="all", status="ok", input_version=1, result=compute_snapshot(region.pk, None, "all")
        )
        RegionAnalysisState.objects.filter(region=region).update(computed_version=1)  # created with the region
    return study, user


def measure(study, user, requests: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from coding.comparison import selectors
    from coding.comparison import table as comparison
    from coding.comparison import views as comparison_views

    client = Client()
    client.force_login(user)
    url = reverse("comparison:page", args=[study.pk])
    for _ in range(2):  # warm-up: template loading, first connection
        assert client.get(url).status_code == 200
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # The parts, timed alone on the same selection.
    regions = list(study.regions.order_by("name"))
    loads, builds = [], []
    for _ in range(max(3, requests // 4)):
        start = time.perf_counter()
        columns = selectors.comparison_columns([(region, None) for region in regions], "all")
        middle = time.perf_counter()
        comparison_views.link_evidence(comparison.compare(columns))
        loads.append((middle - start) * 1000)
        builds.append((time.perf_counter() - middle) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    columns = response.content.decode().count('data-column="')
    print(f"comparison page, {columns} regions: {len(response.content) / 1024:.0f} KiB, {len(queries)} queries")
    median, load, table = statistics.median(times), statistics.median(loads), statistics.median(builds)
    print(f"server time per request (ms, {requests} requests): min {times[0]:.0f}, median {median:.0f}, p95 {p95:.0f}")
    print(
        f"parts (median ms): load snapshots {load:.0f}, build table and links {table:.0f}, "
        f"rest (code matrix, rendering) ≈ {median - load - table:.0f}"
    )
    networks_url = reverse("comparison:networks", args=[study.pk])
    fetches = []
    for _ in range(max(3, requests // 4)):
        start = time.perf_counter()
        assert client.get(networks_url).status_code == 200
        fetches.append((time.perf_counter() - start) * 1000)
    print(f"networks JSON fetched by the page's script afterwards (median ms): {statistics.median(fetches):.0f}")
    print("target: page median ≤ 300 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    fresh_django(DB_NAME)
    start = time.perf_counter()
    study, user = build(args.regions, args.actors)
    took = time.perf_counter() - start
    print(f"built {args.regions} regions × {args.actors} actors × {args.actors * 5} ties in {took:.1f} s")
    measure(study, user, args.requests)


if __name__ == "__main__":
    main()
