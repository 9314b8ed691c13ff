"""The analysis page and its network JSON for a region of 5,000 actors and 50,000 ties (issue 17:
page ≤ 300 ms and ≤ 500 KB), beside the old way of reading the stored result in the same process.

    .venv/bin/python benchmarks/analysis_page.py --large [--actors 5000 --ties 50000 --base 1000]

The region is written as rows the way benchmarks/large_pages.py writes it (random_region, seed 17,
two waves, every tie evidenced). Its stored "all ties, all waves" result is a **real derive**
(``derive_region`` on the same random region, about 10 s, the structure rule's null model left
pending as the worker's first pass leaves it), stored as the worker stores it (``snapshot_fields``).
``--base N`` derives a smaller region of N actors and ten times as many ties instead and repeats its
records onto the large region's rows (every actor and tie record keeps its real shape, each
classification's tie and actor lists grow by the same factor): a result of the right size and
shape with figures that are real for the base region only, for trying sizes beyond 5,000 quickly.

Printed per URL: server time through Django's test client (min, median, p95), bytes and queries;
the page once with its defaults and once sorted and paged; the network JSON with its default cap
and with ``?all=1``. The reference: decoding the whole stored result, as the page did before.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_analysis_page_large"


def scaled_result(actor_rows: list[Any], tie_rows: list[Any], base: int) -> dict[str, Any]:
    """A real derive of ``base`` actors / ``10 × base`` ties, its records repeated onto the rows."""
    from benchmarks.analysis import random_region
    from coding.analysis.derive import derive_region
    from coding.analysis.thresholds import AnalysisSettings

    nodes, ties, outcomes = random_region(base, base * 10, seed=17)
    settings = AnalysisSettings.from_overrides({})
    real = derive_region(nodes, ties, outcomes, settings, layer="all", wave_id=None, wave_order=[], null_models=False)
    factor = max(1, len(actor_rows) // base)

    def actor_ids(ids: list[int]) -> list[int]:
        return [actor_rows[i + base * r].pk for r in range(factor) for i in ids if i + base * r < len(actor_rows)]

    def tie_ids(ids: list[int]) -> list[int]:
        count = base * 10
        return [tie_rows[i + count * r].pk for r in range(factor) for i in ids if i + count * r < len(tie_rows)]

    def actors(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        by_id = {record["id"]: record for record in records}
        return [
            {**by_id[i], "id": actor_rows[i + base * r].pk, "name": actor_rows[i + base * r].name}
            for r in range(factor)
            for i in sorted(by_id)
            if i + base * r < len(actor_rows)
        ]

    def tie_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each real tie record once per repeat, on the large region's coded ties of the same index."""
        count, scaled = base * 10, []
        for r in range(factor):
            for record in records:
                rows = [tie_rows[i + count * r] for i in record.get("tie_ids", []) if i + count * r < len(tie_rows)]
                if rows:
                    pair = {"source": rows[0].source_id, "target": rows[0].target_id}
                    scaled.append({**record, **pair, "tie_ids": [row.pk for row in rows]})
        return scaled

    def records(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {**item, "tie_ids": tie_ids(item.get("tie_ids", [])), "actor_ids": actor_ids(item.get("actor_ids", []))}
            for item in items
        ]

    result = {**real, "actors": actors(real["actors"]), "ties": tie_records(real["ties"])}
    result["classifications"] = records(real["classifications"])
    coverage = dict(real.get("coverage") or {})
    coverage["interviewed_actor_ids"] = actor_ids(coverage.get("interviewed_actor_ids", []))
    result["coverage"] = coverage
    organisation = dict(real["levels"]["organisation"])
    organisation.update(
        actors=actors(organisation["actors"]),
        ties=tie_records(organisation["ties"]),
        classifications=records(organisation["classifications"]),
    )
    result["levels"] = {**real["levels"], "organisation": organisation}
    return result


def timed(client: Any, url: str, requests: int, cold: bool = False) -> tuple[list[float], int, int]:
    """``cold``: the cache emptied before each request, as for the first reader of a new result."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url  # warm-up
    times, size, queries = [], 0, 0
    for _ in range(requests):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size, queries = len(response.content), len(captured.captured_queries)
    return sorted(times), size, queries


def line(label: str, times: list[float], size: int, queries: int) -> str:
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return f"{label:44} {times[0]:8.0f} {statistics.median(times):8.0f} {p95:8.0f} {size / 1000:10.1f} {queries:8d}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--ties", type=int, default=50000)
    parser.add_argument("--base", type=int, default=5000, help="actors of the real derive (scaled up when fewer)")
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument(
        "--no-classifications",
        action="store_true",
        help="store the result without classification records: what the rest of the page costs",
    )
    args = parser.parse_args(argv)
    fresh_django(DB_NAME)
    import json

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from benchmarks.large_pages import build_region
    from cases.models import Actor
    from coding.models import Interaction
    from coding.worker.evidence import snapshot_fields
    from coding.worker.models import AnalysisSnapshot

    started = time.perf_counter()
    region, user = build_region(args.actors, args.ties, 0)
    actor_rows = list(Actor.objects.filter(region=region).order_by("pk"))
    tie_rows = list(Interaction.objects.filter(region=region).order_by("pk"))
    result = scaled_result(actor_rows, tie_rows, args.base)
    if args.no_classifications:
        result["classifications"] = result["levels"]["organisation"]["classifications"] = []
    # Stored as the worker stores it: each classification with its count and first tie ids, the
    # whole lists in the evidence column (``snapshot_fields``).
    AnalysisSnapshot.objects.filter(region=region, layer="all", wave=None).update(**snapshot_fields(result))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    stored = len(json.dumps(result))
    evidence = "none (no classification records)" if args.no_classifications else "a sample, as stored"
    took = time.perf_counter() - started
    print(f"built {args.actors} actors, {args.ties} ties in {took:.0f} s; classification tie lists: {evidence}")
    print(
        f"stored result {stored / 1e6:.1f} MB, scaled from a real derive of {args.base} / {args.base * 10} "
        f"(ties {len(json.dumps(result['ties'])) / 1e6:.1f} MB, "
        f"actors {len(json.dumps(result['actors'])) / 1e6:.1f} MB)"
    )
    client = Client()
    client.force_login(user)
    page = reverse("analysis:region", args=[region.pk])
    network = reverse("analysis:region-network", args=[region.pk])
    rows = [
        ("analysis page, first reader (cache cleared)", page, True),
        ("analysis page (defaults)", page, False),
        ("analysis page (by betweenness, page 37)", page + "?actors_sort=betweenness&actors_page=37", False),
        ("analysis page fragment (status poll)", page + "?fragment=1", False),
        ("network JSON (strongest ties first)", network + "?layer=all", False),
        ("network JSON (?all=1)", network + "?layer=all&all=1", False),
    ]
    print(f"{'':44} {'min ms':>8} {'median':>8} {'p95':>8} {'kB':>10} {'queries':>8}")
    for label, url, cold in rows:
        print(line(label, *timed(client, url, args.requests, cold)))
    reference = []
    for _ in range(args.requests):
        start = time.perf_counter()
        AnalysisSnapshot.objects.get(region=region, layer="all", wave=None).result  # noqa: B018 - the read timed
        reference.append((time.perf_counter() - start) * 1000)
    print(line("reference: reading the whole result (before)", sorted(reference), stored, 1))
    print("targets: page median ≤ 300 ms and ≤ 500 kB")
    html = client.get(page).content.decode()
    print("page parts (kB):", sections(html))
    print("server time by part of the page (ms, one warm request under cProfile):", time_by_part(client, page))


# The page's parts and the functions that build them (cumulative time under cProfile).
PARTS = {
    "result parts (snapshot_parts.page_result)": ("snapshot_parts.py", "page_result"),
    "actor tables (actor_table.actor_tables)": ("actor_table.py", "actor_tables"),
    "charts (charts/region.region_charts)": ("region.py", "region_charts"),
    "communities (communities_context)": ("communities_section.py", "communities_context"),
    "classification records (views._records)": ("views.py", "_records"),
    "classification evidence (views._tie_index)": ("views.py", "_tie_index"),
    "reciprocity section (quality.views)": ("quality/views.py", "analysis_section"),
    "wave change section (change.views)": ("change/views.py", "analysis_section"),
    "template rendering (django.shortcuts.render)": ("shortcuts.py", "render"),
}


def time_by_part(client: Any, url: str) -> dict[str, float]:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    found: dict[str, float] = {}
    for label, (file, function) in PARTS.items():
        found[label] = round(
            1000 * sum(s[3] for (path, _, name), s in stats.items() if path.endswith(file) and name == function)
        )
    return found


def sections(html: str) -> dict[str, float]:
    """Bytes of the page's large sections, to see what the rest of the budget goes to."""
    marks = [
        "analysis-summary",
        "analysis-network-section",
        "analysis-charts",
        "analysis-metrics-section",
        "analysis-classifications",
        "analysis-communities-title",
        "analysis-actors-section",
        "analysis-coverage-section",
        "partition-root",
    ]
    found = sorted((html.find(f'id="{mark}"'), mark) for mark in marks if f'id="{mark}"' in html)
    ends = [start for start, _ in found[1:]] + [len(html)]
    return {mark: round((end - start) / 1000, 1) for (start, mark), end in zip(found, ends, strict=True)}


if __name__ == "__main__":
    main()
