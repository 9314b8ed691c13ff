"""Classification evidence kept small (issue 17): the stored result's size and the analysis page's
time with every named tie in the result (as stored before) and with a count and a sample of 20
(``coding.worker.evidence``), side by side in one process.

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/evidence.py                  # 1,000 actors, 5,000 ties
    .venv/bin/python benchmarks/evidence.py --actors 2000    # 10,000 ties (a real derive: minutes)

It (re)creates the database ``cluster_bench_evidence`` and builds one region as
``benchmarks/comparison.py`` does (the random region of benchmarks/analysis.py, a real
``derive_region``). Then it prints:

- the JSON size of the result with full ``tie_ids`` and after the split, and of the evidence;
- the analysis page's server time and size with each stored form; a result stored before the
  split is shown with its first 20 ties too, so the page time of the old code is given by the
  lookup it made on top: every named tie's label and evidence interviews (``tie_index`` on all
  of them, timed alone on the same region, "old lookup");
- the evidence endpoint's time for the first page of the largest record, and its query count.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_evidence"


def _size(value: Any) -> str:
    return f"{len(json.dumps(value, separators=(',', ':'))) / 1024:,.0f} KiB"


def _timed(client: Any, url: str, requests: int) -> tuple[float, int]:
    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()
    fresh_django(DB_NAME)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from benchmarks.comparison import build
    from cases.models import Region
    from coding.analysis.stability import classification_records
    from coding.worker.evidence import snapshot_fields, tie_index
    from coding.worker.models import AnalysisSnapshot
    from coding.worker.page_html import tie_items

    start = time.perf_counter()
    study, user = build(1, args.actors)
    region = Region.objects.get(study=study)
    snapshot = AnalysisSnapshot.objects.get(region=region, wave=None, layer="all")
    full: dict[str, Any] = snapshot.result or {}
    print(f"built 1 region × {args.actors} actors × {args.actors * 5} ties in {time.perf_counter() - start:.1f} s")

    fields = snapshot_fields(full)
    records = classification_records(full)
    named = {key: len(record.get("tie_ids") or ()) for key, record in records.items()}
    largest = max(named, key=lambda key: named[key])
    print(
        f"classification records: {len(named)}, naming {sum(named.values()):,} ties; "
        f"largest {largest} ({named[largest]:,})"
    )
    print(f"result JSON: full tie_ids {_size(full)}; count + sample of 20 {_size(fields['result'])}")
    print(
        f"  classification records alone: full {_size([*records.values()])}; "
        f"split {_size([*classification_records(fields['result']).values()])}; "
        f"evidence column {_size(fields['evidence'])}"
    )

    client = Client()
    client.force_login(user)
    page = reverse("analysis:region", args=[region.pk])
    before_ms, before_bytes = _timed(client, page, args.requests)
    AnalysisSnapshot.objects.filter(pk=snapshot.pk).update(**fields)
    after_ms, after_bytes = _timed(client, page, args.requests)

    ids = {tie_id for record in records.values() for tie_id in record.get("tie_ids") or ()}
    lookups, items = [], ""
    for _ in range(args.requests):
        started = time.perf_counter()
        index = tie_index(region, ids)
        items = "".join(
            tie_items(index[tie_id] for tie_id in record["tie_ids"] if tie_id in index) for record in records.values()
        )
        lookups.append((time.perf_counter() - started) * 1000)
    old_lookup = statistics.median(lookups)
    sample_items = sum(min(20, count) for count in named.values())
    # The lines the page draws with the sample as well: the old page drew the rest on top of them.
    extra = len(items) - sum(
        len(tie_items(index[tie_id] for tie_id in sorted(record["tie_ids"])[:20] if tie_id in index))
        for record in records.values()
    )
    print(f"analysis page (median of {args.requests}, ms / KiB):")
    print(f"  result with full tie_ids (shown with the sample): {before_ms:.0f} ms, {before_bytes / 1024:,.0f} KiB")
    print(f"  old lookup of every named tie ({len(ids):,} ties), which the old page added: {old_lookup:.0f} ms")
    print(
        f"  → old page ≈ {before_ms + old_lookup:.0f} ms, ≈ {(before_bytes + extra) / 1024:,.0f} KiB "
        f"(+ {extra / 1024:,.0f} KiB for {sum(named.values()) - sample_items:,} more evidence lines)"
    )
    print(f"  split result (count + sample): {after_ms:.0f} ms, {after_bytes / 1024:,.0f} KiB")

    evidence = f"{reverse('analysis:region-evidence', args=[region.pk])}?record={largest}&fragment=1"
    evidence_ms, evidence_bytes = _timed(client, evidence, args.requests)
    with CaptureQueriesContext(connection) as queries:
        client.get(evidence)
    print(
        f"evidence endpoint, page 1 of {largest}: {evidence_ms:.0f} ms, {evidence_bytes / 1024:,.0f} KiB, "
        f"{len(queries)} queries"
    )


if __name__ == "__main__":
    main()
