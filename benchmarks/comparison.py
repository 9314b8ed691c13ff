"""Server time of the comparison page for 10 regions × 300 actors (target ≤ 300 ms), and the size
and time of its networks' JSON before and after it was made compact (issue 17).

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/comparison.py            # add --requests 50 for a longer run
    .venv/bin/python benchmarks/comparison.py --regions 1 --large 5000   # plus a 5,000/50,000 region

It (re)creates the database ``cluster_bench_comparison``, migrates it, builds one study with
``--regions`` regions of ``--actors`` actors and five times as many coded ties each (the random
regions of benchmarks/analysis.py, written as rows), ten coded interviews per region, stores each
region's "all ties, all waves" snapshot as the worker would, then requests the comparison page
in-process through Django's test client (the full middleware and template stack, no network) and
prints the server time per request: min, median and p95, with the query count and the parts
(loading the snapshots, building the table, the rest: code matrix and rendering).

Then the networks' JSON that the page's script fetches after the page: bytes, queries and median
time of the endpoint as it is, next to the endpoint of commit 6454f85 (every actor and tie of each
stored result read whole and sent; its code is kept below as ``networks_before``), both run in this
process on the same study. ``--large N`` adds a region of N actors and 10 N ties with its layout
stored as the worker stores it (the nodes carry positions as on a live server) and an "all ties,
all waves" snapshot that is synthesized, not derived (deriving 5,000/50,000 took over 6 minutes on
this machine): one row per actor and per actor pair with every field of a real row (the figures
copied from the first region's real result), their own ids, names, types, locations, strengths and
modes, and the first region's table parts.
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


def build(regions: int, actors: int, large: int = 0):
    """The study, its lead and the regions, written in bulk (no signals fire, so no worker is asked)."""
    from django.contrib.auth import get_user_model

    from cases.models import Membership, Study
    from coding.models import Code, CodingScheme

    scheme = CodingScheme.objects.order_by("pk").first()
    codes = list(Code.objects.filter(scheme=scheme))
    user = get_user_model().objects.create_user("bench", password="bench-comparison-1")  # noqa: S106
    study = Study.objects.create(title="Benchmark study", coding_scheme=scheme)
    Membership.objects.create(study=study, user=user, role="lead")
    for number in range(regions):
        write_region(study, user, codes, f"Region {number:02d}", actors, actors * 5, seed=number)
    if large:
        started = time.perf_counter()
        region = write_region(study, user, codes, "Large region", large, large * 10, seed=17, layout=True, real=False)
        took = time.perf_counter() - started
        print(f"large region: {large} actors, {large * 10} ties, synthesized snapshot and real layout in {took:.0f} s")
        print(f"  its stored result: {stored_megabytes(region):.1f} MB of JSON")
    return study, user


def synthesized_result(region, template: dict) -> dict:
    """A stored result of the worker's shape for a region too large to derive here (minutes: see the
    module's docstring): the table's parts of ``template`` (a real result of a smaller region), and one
    row per actor and per actor pair with every field of the template's rows, their own id, name, type,
    location, strength (the mean of the tie's four ratings, 0–1) and modes."""
    from coding.models import Interaction

    actor_row, tie_row = template["actors"][0], template["ties"][0]
    actors = [
        {**actor_row, "id": actor.pk, "name": actor.name, "kind": actor.kind, "actor_type": actor.org_type or "person",
         "location": actor.location}
        for actor in region.actors.order_by("pk")
    ]  # fmt: skip
    pairs: dict[tuple[int, int], dict] = {}
    for tie in Interaction.objects.filter(region=region).order_by("pk"):
        pair = (min(tie.source_id, tie.target_id), max(tie.source_id, tie.target_id))
        ratings = [getattr(tie, field) for field in Interaction.RATING_FIELDS[:4]]
        strength = sum(r or 0 for r in ratings) / 16
        row = pairs.setdefault(pair, {**tie_row, "source": pair[0], "target": pair[1], "tie_ids": [], "modes": []})
        row["tie_ids"].append(tie.pk)
        row["strength"] = max(row.get("strength") or 0, strength)
        row["modes"] = sorted(set(row["modes"]) | {m for m in ("cooperation", "competition", "rivalry", "conflict")
                                                    if getattr(tie, f"mode_{m}")})  # fmt: skip
    return {**template, "actors": actors, "ties": list(pairs.values())}


def stored_megabytes(region) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT octet_length(result::text) FROM coding_analysissnapshot WHERE region_id = %s AND layer = 'all'",
            [region.pk],
        )
        return cursor.fetchone()[0] / 1e6


def write_region(
    study, user, codes, name: str, actors: int, ties: int, *, seed: int, layout: bool = False, real: bool = True
):
    """One random region (benchmarks/analysis.py) as rows, ten coded interviews, its stored "all
    ties, all waves" snapshot computed by the worker's code (or, not ``real``, synthesized from the
    rows around the real result of a small region) and, with ``layout``, its stored layout."""
    from django.db import transaction

    from benchmarks.rows import write_random_region
    from cases.models import Interview, Region
    from coding.layout.services import layout_update
    from coding.models import Coding
    from coding.worker.loader import compute_snapshot
    from coding.worker.models import AnalysisSnapshot, RegionAnalysisState

    region = Region.objects.create(study=study, name=name, country="DE", technology_field="ict")
    rows, _interactions = write_random_region(region, actors, ties, seed=seed, affiliations=True)
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
    if real:
        result = compute_snapshot(region.pk, None, "all")
    else:
        template = AnalysisSnapshot.objects.filter(layer="all").order_by("pk").first()
        assert template is not None, "a real snapshot of a smaller region first (--regions 1 or more)"
        result = synthesized_result(region, template.result)
    AnalysisSnapshot.objects.create(region=region, layer="all", status="ok", input_version=1, result=result)
    RegionAnalysisState.objects.filter(region=region).update(computed_version=1)  # created with the region
    if layout:
        with transaction.atomic():
            layout_update(region_id=region.pk)
    return region


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
    print("target: page median ≤ 300 ms")


def networks_before(request, pk: int):
    """The networks endpoint of commit 6454f85: each column's whole ``actors`` and ``ties`` parts read
    from the stored results, every actor and tie sent as [id, name, type, external, x, y] and
    [source, target, strength, modes] (no colour attribute chosen, as measured here)."""
    from django.http import JsonResponse

    from coding.comparison import views
    from coding.layout.selectors import positions_by_region

    selection = views._select(request, pk, ("actors", "ties"))
    positions = positions_by_region({column.region_id for column in selection.columns})

    def node(actor, placed):
        point = placed.get(actor["id"])
        row = [
            actor["id"],
            actor.get("name", ""),
            actor.get("actor_type", ""),
            int(actor.get("location") == "external"),
        ]
        return [*row, *point] if point else row

    networks = [
        {
            "key": column.key,
            "nodes": [
                node(actor, positions.get(column.region_id, {})) for actor in (column.result or {}).get("actors", [])
            ],
            "edges": [
                [tie["source"], tie["target"], tie.get("strength"), tie.get("modes", [])]
                for tie in (column.result or {}).get("ties", [])
            ],
        }
        for column in selection.columns
    ]
    return JsonResponse({"networks": networks})


def measure_networks(study, user, requests: int) -> None:
    """The networks' JSON before (``networks_before``) and now, each through its view function on the
    same request (no middleware: the difference is the endpoint's own): bytes, queries, median ms."""
    import json

    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from coding.comparison.views import comparison_networks

    request = RequestFactory().get("/networks/")
    request.user = user
    print(f"{'networks JSON':24} {'KB':>9} {'queries':>8} {'min ms':>8} {'median':>8} {'ties sent':>10}")
    for label, view in (("before (6454f85)", networks_before), ("now", comparison_networks)):
        view(request, study.pk)  # warm-up
        times = []
        for _ in range(max(3, requests // 2)):
            start = time.perf_counter()
            response = view(request, study.pk)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = view(request, study.pk)
        assert response.status_code == 200
        sent = sum(len(network["edges"]) for network in json.loads(response.content)["networks"])
        print(
            f"{label:24} {len(response.content) / 1000:9.1f} {len(queries):8d} {min(times):8.0f} "
            f"{statistics.median(times):8.0f} {sent:10d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--large", type=int, default=0, help="add a region of this many actors and 10× as many ties")
    args = parser.parse_args()
    fresh_django(DB_NAME)
    start = time.perf_counter()
    study, user = build(args.regions, args.actors, args.large)
    took = time.perf_counter() - start
    print(f"built {args.regions} regions × {args.actors} actors × {args.actors * 5} ties in {took:.1f} s")
    measure(study, user, args.requests)
    measure_networks(study, user, args.requests)


if __name__ == "__main__":
    main()
