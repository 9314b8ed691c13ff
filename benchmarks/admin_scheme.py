"""Server time and size of the admin's page of a 307-code coding scheme (target < 1 s, < 1 MB).

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/admin_scheme.py            # add --requests 50 for a longer run

It (re)creates the database ``cluster_bench_admin``, migrates it, builds a scheme of ``--codes``
codes (a tenth top-level, the rest their sub-codes, as a real codebook of 307 codes was) used by a
study, logs a superuser in through Django's test client (full middleware and template stack, no
network) and prints, for the scheme's change page, the scheme's codes in the Code list (filtered,
paginated) and two plain admin pages as reference (the admin index and the list of schemes): the
server time per request (min, median, p95), the size of the page and its query count.
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

DB_NAME = "cluster_bench_admin"


def build(codes: int) -> int:
    """The scheme (its pk), with definitions as long as a real codebook's, used by a study."""
    from cases.models import Study
    from coding.models import Code, CodingScheme

    scheme = CodingScheme.objects.create(name="Benchmark codebook", version=1)
    Study.objects.create(title="Benchmark study", coding_scheme=scheme)
    definition = "When one actor relies on another's competence or goodwill; " * 4
    tops = Code.objects.bulk_create(
        Code(scheme=scheme, name=f"Theme {n:03d}", order=n, definition=definition) for n in range(codes // 10)
    )
    rest = codes - len(tops)
    Code.objects.bulk_create(
        Code(scheme=scheme, parent=tops[n % len(tops)], name=f"Code {n:03d}", order=n, definition=definition)
        for n in range(rest)
    )
    return scheme.pk


def measure(client: object, url: str, requests: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    size = queries = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        size, queries = len(response.content), len(captured.captured_queries)
    return times, size, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=307)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    fresh_django(DB_NAME)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    scheme = build(args.codes)
    admin = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-admin-1")
    client = Client()
    client.force_login(admin)
    pages = {
        f"scheme change page ({args.codes} codes)": reverse("admin:coding_codingscheme_change", args=[scheme]),
        "its codes in the Code list (100 a page)": reverse("admin:coding_code_changelist")
        + f"?scheme__id__exact={scheme}",
        "reference: admin index": reverse("admin:index"),
        "reference: list of schemes": reverse("admin:coding_codingscheme_changelist"),
    }
    print(f"{'page':44} {'min ms':>8} {'median':>8} {'p95':>8} {'kB':>8} {'queries':>8}")
    for label, url in pages.items():
        client.get(url)  # warm the template and URL caches
        times, size, queries = measure(client, url, args.requests)
        ms = sorted(1000 * t for t in times)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        print(f"{label:44} {ms[0]:8.1f} {statistics.median(ms):8.1f} {p95:8.1f} {size / 1000:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
