"""Transcript search over 500 interviews / 5 million characters on PostgreSQL (target ≤ 200 ms).

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/search.py            # --interviews 500 --chars 10000 --requests 20

It (re)creates the database ``cluster_bench_search``, migrates it (with the GIN index of
coding migration 0006), bulk-writes one study of three regions with ``--interviews`` German,
English and Swedish transcripts of ``--chars`` characters each (words drawn from a fixed
vocabulary per language with a long tail, so some words are rare and some everywhere), then
requests the search page in-process through Django's test client (full middleware and template
stack) for a rare word, a common word and a phrase, and prints the server time per request (min,
median, p95) and the query count, next to references measured in the same process:

- the match query alone: the SQL that the page's count sends, timed in the database
  (EXPLAIN ANALYZE execution time), with the index, and again with index scans switched off
  (a sequential scan over the stored vectors);
- the parts of the page: counting and fetching the page's interviews, finding the hits
  (one lexeme query + Python) and rendering.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_search"


def _words(text: str) -> list[str]:
    return text.split()


# Words per language; the first are frequent, the last rare (Zipf-like draw below).
VOCABULARY = {
    "de": _words(
        "die der und wir mit das ist nicht auch von firma kunden hochschule region entwicklung "
        "projekte zusammenarbeit kooperation kooperationen netzwerk messe messen gründer spinoff "
        "mitarbeiter ingenieure labor reinraum förderung wettbewerb vertrauen zulieferer "
        "gießerei mikrosystemtechnik technologiezentrum lehrstuhl verbund"
    ),
    "en": _words(
        "the and we with that is not also of firm firms customers university region development "
        "projects collaboration cooperation cooperating network fair fairs founder spinoff "
        "staff engineers lab cleanroom funding competition trust suppliers foundry microsystems "
        "incubator chair venture consortium"
    ),
    "sv": _words(
        "och det som med att inte också av företag kunder högskolan regionen utveckling projekt "
        "samarbete samarbeten nätverk mässa grundare avknoppning personal ingenjörer labb "
        "renrum finansiering konkurrens förtroende leverantörer gjuteri mikrosystem inkubator"
    ),
}
RARE = " Die Ausgründung kam später."  # in every 25th interview only
QUERIES = {"rare word": "Ausgründungen", "common word": "Kooperationen", "phrase": '"technologiezentrum lehrstuhl"'}


def transcript(language: str, chars: int, rng: random.Random) -> str:
    words = VOCABULARY[language]
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(words))]
    parts: list[str] = []
    size = 0
    while size < chars:
        sentence = " ".join(rng.choices(words, weights, k=rng.randint(6, 16))).capitalize() + "."
        parts.append(sentence + ("\n" if rng.random() < 0.2 else " "))
        size += len(parts[-1])
    return "".join(parts)[:chars]


def build(interviews: int, chars: int):
    from django.contrib.auth import get_user_model

    from cases.models import Interview, Membership, Region, Study
    from coding.models import CodingScheme

    rng = random.Random(2026)
    user = get_user_model().objects.create_user("bench", password="bench-search-1")  # noqa: S106
    study = Study.objects.create(title="Benchmark study", coding_scheme=CodingScheme.objects.order_by("pk").first())
    Membership.objects.create(study=study, user=user, role="lead")
    regions = {
        language: Region.objects.create(study=study, name=name, country=country, technology_field="ict")
        for language, name, country in (("de", "Dortmund", "DE"), ("en", "Cambridge", "UK"), ("sv", "Göteborg", "SE"))
    }
    languages = list(regions)
    Interview.objects.bulk_create(
        (
            Interview(
                region=regions[languages[n % 3]],
                title=f"Interview {n:03d}",
                language=languages[n % 3],
                transcript=transcript(languages[n % 3], chars - len(RARE), rng) + (RARE if n % 25 == 0 else ""),
            )
            for n in range(interviews)
        ),
        batch_size=50,
    )
    return study, user


def timed(call, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def summary(times: list[float]) -> str:
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return f"min {times[0]:.0f}, median {statistics.median(times):.0f}, p95 {p95:.0f}"


def database_ms(sql: str, params: list, *, index: bool) -> float:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if not index:
            cursor.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        return float(cursor.fetchone()[0][0]["Execution Time"])


def measure(study, user, requests: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from coding.search import selectors
    from coding.search.query import parse

    client = Client()
    client.force_login(user)
    url = reverse("search:search", args=[study.pk])
    for label, text in QUERIES.items():
        for _ in range(2):  # warm-up
            assert client.get(url, {"q": text}).status_code == 200
        times = timed(lambda text=text: client.get(url, {"q": text}), requests)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, {"q": text}).content.decode()
        query = parse(text)
        matching = selectors.matching_interviews(study, query, selectors.Filters())
        count_sql, count_params = matching.order_by().values("pk").query.sql_with_params()
        count_sql = f"SELECT count(*) FROM ({count_sql}) AS matches"  # noqa: S608 - the ORM's own SQL
        with_index = statistics.median(database_ms(count_sql, list(count_params), index=True) for _ in range(5))
        without = statistics.median(database_ms(count_sql, list(count_params), index=False) for _ in range(3))
        fetch = timed(lambda matching=matching: list(matching[:10]), max(3, requests // 4))
        rows = list(matching[:10])
        hits = timed(lambda rows=rows, query=query: selectors.with_hits(rows, query), max(3, requests // 4))
        count = matching.count()
        marks = page.count("<mark>")
        print(f"\n{label} {text!r}: {count} interviews match, {marks} hits on page 1, {len(queries)} queries")
        print(f"  search page, server time (ms, {requests} requests): {summary(times)}")
        print(f"  reference, the match query alone in the database (ms): {with_index:.1f} with the GIN index, "
              f"{without:.0f} with a sequential scan of the stored vectors")  # fmt: skip
        print(f"  parts (median ms): page of interviews {statistics.median(fetch):.0f}, "
              f"hits and context lines {statistics.median(hits):.0f}")  # fmt: skip
    from coding.models import Code
    from coding.search import plans

    code = Code.objects.filter(scheme_id=study.coding_scheme_id).first()
    for unit in ("hit", "sentence"):
        args = {"study": study, "query": parse(QUERIES["common word"]), "filters": selectors.Filters(), "unit": unit}
        with CaptureQueriesContext(connection) as queries:
            plan = plans.plan(coder=user, code=code, **args)
        times = timed(lambda args=args: plans.plan(coder=user, code=code, **args), 5)
        print(f"\ncode all hits, preview of {len(plan.passages)} passages ({unit}) over all matching interviews: "
              f"median {statistics.median(times):.0f} ms, {len(queries)} queries")  # fmt: skip
    print("\ntarget: search page median ≤ 200 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--interviews", type=int, default=500)
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    fresh_django(DB_NAME)
    start = time.perf_counter()
    study, user = build(args.interviews, args.chars)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_interview")
    took = time.perf_counter() - start
    total = args.interviews * args.chars
    print(f"built {args.interviews} interviews, {total:,} characters (de/en/sv) in {took:.1f} s, index included")
    measure(study, user, args.requests)


if __name__ == "__main__":
    main()
