"""Time the code co-occurrence table on 300 codes × 50,000 codings, next to the SQL self-join alone.

Run: ``.venv/bin/python benchmarks/cooccurrence.py`` (``--keep`` leaves the database).
It (re)creates the PostgreSQL database ``cluster_bench_cooccurrence``, migrates it and bulk-creates
one study with a scheme of 300 codes, 500 interviews of about 6,000 characters and 100 codings
each (50,000; 20–400 characters long, seeded). Then, in this process, five runs each of:

- ``ours, passage``: ``passage_selectors.cooccurrence_table(..., "passage")`` — the query fetching
  the passages plus the sweep per interview (what the page and the API call);
- the same split into the query fetching the rows and the sweep in Python;
- ``ours, interview``: the same by interview (bit masks);
- ``reference: SQL self-join``: PostgreSQL alone counting, per ordered pair of codes, the passages
  of one overlapping a passage of the other (``COUNT(DISTINCT a.id)`` over the self-join) — the
  straightforward way, with nothing sent to Python but the counts;
- the co-occurrence page (server time, the whole HTML table);
- a Boolean retrieval over every passage: (any of the 300 codes) AND code 0.

The reference's counts are compared with ours (they must be equal), so the figure is for the same
answer. Target: ours ≤ 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.database import drop_database, fresh_django  # noqa: E402

DB_NAME = "cluster_bench_cooccurrence"
CODES, INTERVIEWS, CODINGS_PER_INTERVIEW, TEXT_LENGTH = 300, 500, 100, 6_000
RUNS = 5
TARGET_SECONDS = 1.0
SELF_JOIN = """
SELECT a.code_id, b.code_id, COUNT(DISTINCT a.id)
FROM coding_coding a
JOIN coding_coding b
  ON b.interview_id = a.interview_id AND a.start < b."end" AND b.start < a."end" AND a.code_id <> b.code_id
JOIN cases_interview i ON i.id = a.interview_id
JOIN cases_region r ON r.id = i.region_id
WHERE r.study_id = %s
GROUP BY a.code_id, b.code_id
"""


def build_study() -> Any:
    """The study, bulk-created (synthetic, valid data: no signals, no per-row validation)."""
    from django.contrib.auth import get_user_model

    from cases.models import Interview, Membership, Region, Study
    from coding.models import Code, Coding, CodingScheme

    rng = random.Random(15)
    users = get_user_model().objects.bulk_create([get_user_model()(username=name) for name in ("lead", "coder")])
    scheme = CodingScheme.objects.create(name="Benchmark scheme")
    codes = Code.objects.bulk_create([Code(scheme=scheme, name=f"Code {n:03}", order=n) for n in range(CODES)])
    study = Study.objects.create(title="Co-occurrence benchmark", coding_scheme=scheme)
    Membership.objects.create(study=study, user=users[0], role="lead")
    region = Region.objects.create(study=study, name="Region", country="Germany", technology_field="microsystems")
    text = ("Cluster foundry institute engineers rivalry cooperation lecture clean room trust. " * 80)[:TEXT_LENGTH]
    interviews = Interview.objects.bulk_create(
        [Interview(region=region, title=f"Interview {n}", transcript=text) for n in range(INTERVIEWS)]
    )
    codings = []
    for interview in interviews:
        for _ in range(CODINGS_PER_INTERVIEW):
            start = rng.randrange(TEXT_LENGTH - 400)
            end = start + rng.randint(20, 400)
            codings.append(
                Coding(
                    interview=interview,
                    code=rng.choice(codes),
                    coder=rng.choice(users),
                    start=start,
                    end=end,
                    quote=text[start:end],
                )
            )
    Coding.objects.bulk_create(codings, batch_size=5_000)
    return study, users[0]


def timed(run: Callable[[], Any]) -> tuple[list[float], Any]:
    seconds, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def line(name: str, seconds: list[float], note: str = "") -> None:
    print(f"{name:<34} {min(seconds):>8.3f} {statistics.median(seconds):>8.3f} {max(seconds):>8.3f}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    keep = parser.parse_args().keep
    fresh_django(DB_NAME)
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from coding.models import Coding
    from coding.workbench import cooccurrence, passage_selectors
    from coding.workbench.views.passages import cooccurrence as page_view

    study, lead = build_study()
    filters = passage_selectors.PassageFilters()
    print(f"{CODES} codes, {Coding.objects.count():,} codings in {INTERVIEWS} interviews; {RUNS} runs each")
    print(f"{'':<34} {'min s':>8} {'median':>8} {'max':>8}")

    with CaptureQueriesContext(connection) as queries:
        ours, table = timed(lambda: passage_selectors.cooccurrence_table(study, filters, "passage"))
    line("ours, passage", ours, f"{len(queries) // RUNS} query, {len(table.cells):,} non-zero cells")
    fetch, rows = timed(lambda: passage_selectors.cooccurrence_rows(study, filters))
    line("  of which the query alone", fetch, f"{len(rows):,} rows")
    sweep, _ = timed(lambda: cooccurrence.table(rows, "passage"))
    line("  of which the sweep alone", sweep)
    by_interview, _ = timed(lambda: passage_selectors.cooccurrence_table(study, filters, "interview"))
    line("ours, interview", by_interview)

    def self_join() -> dict[tuple[int, int], int]:
        with connection.cursor() as cursor:
            cursor.execute(SELF_JOIN, [study.pk])
            return {(a, b): n for a, b, n in cursor.fetchall()}

    reference, counts = timed(self_join)
    line("reference: SQL self-join alone", reference, "(counts only)")
    _, met = cooccurrence.meeting_counts(passage_selectors.passages(study, filters))
    assert dict(met) == counts, "our counts differ from the self-join's"
    print("counts equal to the self-join's:", len(counts), "ordered pairs")

    from coding.workbench import boolean
    from coding.workbench.selectors import scheme_codes

    ids = [code.pk for code in scheme_codes(study)]
    every_code = boolean.And(boolean.Code(frozenset(ids)), boolean.Code(frozenset(ids[:1])))
    retrieval, selected = timed(lambda: passage_selectors.select(study, every_code, filters))
    line("Boolean: (all 300 codes) AND code 0", retrieval, f"{len(selected):,} passages of 50,000")
    pages = (("the page (40 most used codes, default)", ""), ("the page (all 300 × 300)", "?shown=all"))
    for label, query in pages:
        request = RequestFactory().get(f"/studies/{study.pk}/cooccurrence/{query}")
        request.user = lead
        page, response = timed(lambda request=request: page_view(request, study.pk))
        line(label, page, f"{len(response.content) / 1e6:.1f} MB of HTML")
    verdict = "meets" if statistics.median(ours) <= TARGET_SECONDS else "MISSES"
    print(f"target ≤ {TARGET_SECONDS} s for the table: {verdict} it (median {statistics.median(ours):.3f} s)")
    if not keep:
        connection.close()
        drop_database(DB_NAME)


if __name__ == "__main__":
    main()
