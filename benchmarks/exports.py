"""Time the study exports on a large study: the JSON dump (plain and pseudonymised), the CSV/XLSX
tables, the GraphML network and the REFI-QDA project (.qdpx), each through its real view.

Run: ``.venv/bin/python benchmarks/exports.py`` (``--keep`` leaves the database for a second look,
``--scale 0.2`` builds a fifth of the interviews and codings: memory should hardly change).
It (re)creates the PostgreSQL database ``cluster_bench_exports``, migrates it and bulk-creates one
study of 5 regions with 500 interviews, 50,000 codings, 1,000 actors and 5,000 evidenced ties
(seeded, so every run measures the same data). Each export is run twice: once timed, once under
tracemalloc for its peak of Python memory (and that peak over the file's size: under 1 means the
file was never held whole); ru_maxrss is the process's high-water mark after the run. Target:
each export in ≤ 15 s with memory that does not grow with the study. The last line times the
import of that dump (MB in instead of out; it holds the parsed file in memory).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "cluster_bench_exports"
PG = "postgres://postgres@127.0.0.1:5432"
REGIONS, INTERVIEWS, CODINGS_PER_INTERVIEW = 5, 100, 100  # per region / per interview
ORGANISATIONS, PERSONS, TIES = 100, 100, 1_000  # per region
WORDS = [
    "cluster",
    "foundry",
    "institute",
    "engineers",
    "rivalry",
    "cooperation",
    "lecture",
    "clean",
    "room",
    "trust",
    "spin-off",
    "network",
    "supplier",
    "venture",
    "capital",
    "training",
    "apprentices",
    "university",
    "campus",
    "project",
]


def setup_django() -> None:
    os.environ.update(
        DATABASE_URL=f"{PG}/{DB_NAME}",
        DJANGO_SECRET_KEY="bench-" + "k" * 50,
        DJANGO_DEBUG="false",  # DEBUG would keep every query in memory and skew the figures
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SETTINGS_MODULE="cluster_site.settings",
    )
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def transcript(rng: random.Random, names: list[str]) -> str:
    """About 6,000 characters of words with a person's name every few sentences."""
    sentences = []
    while sum(map(len, sentences)) < 6_000:
        words = rng.choices(WORDS, k=rng.randint(8, 16))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(names))
        sentences.append(" ".join(words).capitalize() + ". ")
    return "".join(sentences)


def build_study(scale: float) -> int:
    """The study, bulk-created (no signals, no per-row validation: this is synthetic, valid data)."""
    from django.contrib.auth import get_user_model

    from cases.models import Actor, Interview, Membership, Region, Study, Wave
    from coding.models import Code, Coding, CodingScheme, Interaction, Outcome
    from coding.variables.models import Variable, VariableValue

    rng = random.Random(6)
    users = get_user_model().objects.bulk_create([get_user_model()(username=name) for name in ("lead", "coder")])
    scheme = CodingScheme.objects.order_by("pk").first()
    codes = list(Code.objects.filter(scheme=scheme))
    study = Study.objects.create(title="Benchmark study", coding_scheme=scheme)
    Membership.objects.create(study=study, user=users[0], role="lead")
    # Study variables with a value on every actor and interview, so the files carry them too.
    sector, staff, member, setting = Variable.objects.bulk_create(
        [
            Variable(study=study, target="actor", name="sector", label="Sector", type="categorical",
                     categories=["photonics", "software", "medical"], position=1),
            Variable(study=study, target="actor", name="employees", label="Employees", type="numeric", position=2),
            Variable(study=study, target="actor", name="member", label="Member", type="boolean", position=3),
            Variable(study=study, target="interview", name="setting", label="Setting", type="text", position=1),
        ]
    )  # fmt: skip
    regions = Region.objects.bulk_create(
        [
            Region(study=study, name=f"Region {n}", country="Germany", technology_field="microsystems")
            for n in range(REGIONS)
        ]
    )
    waves = Wave.objects.bulk_create([Wave(region=region, label="2024", start="2024-01-01") for region in regions])
    for region, wave in zip(regions, waves, strict=True):
        organisations = Actor.objects.bulk_create(
            [
                Actor(region=region, kind="organisation", name=f"Firm {region.pk}-{n}", org_type="firm_sme")
                for n in range(ORGANISATIONS)
            ]
        )
        persons = Actor.objects.bulk_create(
            [
                Actor(
                    region=region,
                    kind="person",
                    name=f"Anna{n} Berg{region.pk}x{n}",
                    affiliation=rng.choice(organisations),
                )
                for n in range(PERSONS)
            ]
        )
        names = [person.name for person in persons]
        interviews = Interview.objects.bulk_create(
            [
                Interview(region=region, wave=wave, title=f"Interview {n}", transcript=transcript(rng, names))
                for n in range(round(INTERVIEWS * scale))
            ]
        )
        Interview.interviewees.through.objects.bulk_create(
            [Interview.interviewees.through(interview=interview, actor=rng.choice(persons)) for interview in interviews]
        )
        actors = (*organisations, *persons)
        VariableValue.objects.bulk_create(
            [
                *(VariableValue(variable=sector, actor=a, text_value=rng.choice(sector.categories)) for a in actors),
                *(VariableValue(variable=staff, actor=a, number_value=rng.randint(1, 5000)) for a in organisations),
                *(VariableValue(variable=member, actor=a, bool_value=rng.random() < 0.5) for a in organisations),
                *(VariableValue(variable=setting, interview=i, text_value="office") for i in interviews),
            ],
            batch_size=5_000,
        )
        codings = []
        for interview in interviews:
            text = interview.transcript
            for _ in range(CODINGS_PER_INTERVIEW):
                start = rng.randrange(len(text) - 80)
                end = start + rng.randint(20, 80)
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
        # A random twin (same passage, code and coder) would break coding_unique_passage_code_coder.
        twins = {(id(c.interview), c.code.pk, c.coder.pk, c.start, c.end): c for c in codings}
        codings = Coding.objects.bulk_create(list(twins.values()), batch_size=5_000)
        actors = organisations + persons
        ties = Interaction.objects.bulk_create(
            [
                Interaction(
                    region=region,
                    wave=wave,
                    source=source,
                    target=target,
                    mode_cooperation=True,
                    rating_time=rng.randint(0, 4),
                    channel="face_to_face",
                )
                for source, target in (rng.sample(actors, 2) for _ in range(TIES))
            ]
        )
        Interaction.evidence.through.objects.bulk_create(
            [
                Interaction.evidence.through(interaction=tie, coding=coding)
                for tie in ties
                for coding in rng.sample(codings, 2)
            ]
        )
        outcome = Outcome.objects.create(region=region, name="Shared foundry", kind="foundry")
        outcome.actors.set(rng.sample(organisations, 5))
    return study.pk


def measure(name: str, run: Callable[[], int]) -> None:
    """Seconds of a plain run; then tracemalloc's peak and ru_maxrss of a second run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        size = run()
    seconds = time.perf_counter() - start
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{name:<28} {seconds:>8.2f} {size / 1e6:>9.1f} {len(queries):>8} {peak / 1e6:>14.1f} "
        f"{peak / max(size, 1):>10.2f} {rss_after / 1e3:>12.0f} {(rss_after - rss_before) / 1e3:>10.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DB_NAME} afterwards")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="interviews (and so codings) times this, e.g. 0.2 to compare memory"
    )
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import RequestFactory

    from coding.exchange import views as exports
    from coding.exchange.dump import views as dump
    from coding.exchange.tables import views as tables
    from coding.models import Coding

    started = time.perf_counter()
    study_id = build_study(args.scale)
    print(f"built {Coding.objects.count():,} codings in {time.perf_counter() - started:.1f} s")
    lead = get_user_model().objects.get(username="lead")

    def download(view: Callable, *args: object, query: str = "", **kwargs: object) -> Callable[[], int]:
        def run() -> int:
            request = RequestFactory().get("/export/" + query)
            request.user = lead
            response = view(request, study_id, *args, **kwargs)
            chunks = response.streaming_content if response.streaming else [response.content]
            return sum(len(chunk) for chunk in chunks)

        return run

    print(
        f"{'export':<28} {'seconds':>8} {'MB out':>9} {'queries':>8} {'tracemalloc MB':>14} "
        f"{'peak/size':>10} {'maxrss MB':>12} {'Δrss MB':>10}"
    )
    measure("JSON dump", download(dump.study_dump_file))
    measure("JSON dump, pseudonymised", download(dump.study_dump_file, query="?pseudonymised=1"))
    measure("actors CSV (metrics)", download(tables.table_file, "actors", "csv", "study"))
    measure("interactions CSV", download(tables.table_file, "interactions", "csv", "study"))
    measure("interviews CSV (variables)", download(tables.table_file, "interviews", "csv", "study"))
    measure("GraphML", download(exports.export_file, "graphml", "study"))
    measure("codings CSV (quotes)", download(tables.table_file, "codings", "csv", "study"))
    measure("codings XLSX (quotes)", download(tables.table_file, "codings", "xlsx", "study"))
    measure("QDPX (REFI-QDA project)", download(exports.export_file, "qdpx", "study"))
    # The other direction, for scale: the whole dump checked and written as a new study.
    from cases.models import Study
    from coding.exchange.dump import study_dump, study_import

    data = "".join(study_dump(Study.objects.get(pk=study_id))).encode()

    def import_dump() -> int:
        study_import(data=data, user=lead)
        return len(data)

    measure("import of the JSON dump", import_dump)
    connection.close()
    if not args.keep:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True)


if __name__ == "__main__":
    main()
