"""Wall time and peak memory of every hostile upload (tests/data/hostile/), each in a fresh process.

Run from the project root (PostgreSQL on 127.0.0.1 as for the tests):

    .venv/bin/python benchmarks/hostile_uploads.py [--all-paths] [--only SUBSTRING] [--keep]

It (re)creates the database ``cluster_bench_hostile`` and migrates it. Then, for each corpus file
and each import path of the file's type (every path with ``--all-paths``), it starts a fresh
interpreter (``--child FILE PATH``) that sets Django up with the test settings (DEBUG off, local
memory cache), builds a study led by a user, a region, an interview and a superuser inside a
transaction, logs the clients in, and sends the file the way tests/exchange/test_hostile_corpus.py
does (the Django test client through the real views, tests/exchange/hostile_paths.py); then rolls
the transaction back. The child reports the upload's wall time and its ru_maxrss before the upload
(Django loaded, logged in) and after (the process's peak). The same child run with the path's
small valid file (tests/data/hostile/reference/) is the baseline: "Δ ref" is the hostile upload's
peak minus the valid upload's, i.e. what the hostile file costs beyond an ordinary upload of its
type (lazy imports such as pypdf's are in both).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "cluster_bench_hostile"
PG = "postgres://postgres@127.0.0.1:5432"
CORPUS_DIR = ROOT / "tests" / "data" / "hostile"
# The valid file each path is compared with, by the hostile file's type (API: a transcript file, refused unread).
REFERENCE = {".docx": "valid.docx", ".pdf": "valid.pdf", ".txt": "valid.txt", ".qdpx": "valid.qdpx",
             ".qdc": "valid.qdc", ".json": "valid.json", ".csv": "valid.csv"}  # fmt: skip


def child_env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cluster_site.settings_test",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_TEST_NAME": "",
    }


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def child(name: str, path: str) -> None:
    """One upload in this fresh process; prints one JSON line."""
    import django

    django.setup()
    from django.db import transaction
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # as pytest-django does: the CSV path reads the mapping form from the response

    from tests import factories
    from tests.exchange.hostile_paths import PATHS, REFERENCE_DIR, World
    from tests.exchange.test_hostile_corpus import CORPUS

    data = (CORPUS_DIR / name).read_bytes() if name in CORPUS else (REFERENCE_DIR / name).read_bytes()
    overrides = CORPUS[name].settings if name in CORPUS else {}
    with transaction.atomic(), override_settings(**overrides):
        lead = factories.UserFactory(username="bench-lead")
        study = factories.StudyFactory(title="Benchmark study")
        factories.MembershipFactory(study=study, user=lead, role="lead")
        region = factories.RegionFactory(study=study, name="Dortmund")
        interview = factories.InterviewFactory(region=region, title="Existing interview")
        admin = factories.UserFactory(username="bench-admin", is_staff=True, is_superuser=True)
        world = World.of(study, region, interview, lead, admin)
        before = rss_mb()
        started = time.monotonic()
        answer = PATHS[path][2](world, name, data)
        seconds = time.monotonic() - started
        peak = rss_mb()
        transaction.set_rollback(True)
    print(json.dumps({"status": answer.status, "accepted": answer.accepted, "seconds": seconds,
                      "before": before, "peak": peak}))  # fmt: skip


def run_child(name: str, path: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", name, path],
        env=child_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return {"error": (result.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all-paths", action="store_true", help="send each file to every path, not only its own")
    parser.add_argument("--only", default="", help="only the corpus files whose name contains this")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DB_NAME} afterwards")
    parser.add_argument("--child", nargs=2, metavar=("FILE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    os.environ.update(child_env())
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tests.exchange.hostile_paths import PATHS

    call_command("migrate", verbosity=0)
    connection.close()
    names = sorted(path.name for path in CORPUS_DIR.iterdir() if path.is_file() and path.suffix not in (".md", ".py"))
    names = [name for name in names if args.only in name]
    references: dict[tuple[str, str], dict] = {}
    print(f"{'file':<38} {'path':<20} {'answer':>6} {'seconds':>8} {'RSS before':>10} {'peak MB':>8} "
          f"{'ref peak':>8} {'Δ ref MB':>8}")  # fmt: skip
    worst: list[tuple[float, str, str]] = []
    for name in names:
        suffix = Path(name).suffix
        paths = list(PATHS) if args.all_paths else [path for path, (_, types, _) in PATHS.items() if suffix in types]
        for path in paths:
            reference = REFERENCE[suffix]
            if (reference, path) not in references:
                references[reference, path] = run_child(reference, path)
            base = references[reference, path]
            figures = run_child(name, path)
            if "error" in figures or "error" in base:
                print(f"{name:<38} {path:<20} error: {figures.get('error') or base.get('error')}")
                continue
            answer = "taken" if figures["accepted"] else str(figures["status"])
            delta = figures["peak"] - base["peak"]
            worst.append((delta, name, path))
            print(
                f"{name:<38} {path:<20} {answer:>6} {figures['seconds']:>8.2f} {figures['before']:>10.0f} "
                f"{figures['peak']:>8.0f} {base['peak']:>8.0f} {delta:>+8.0f}"
            )
    print("\nValid reference uploads (the baseline): file, path, seconds, peak MB")
    for (reference, path), figures in sorted(references.items()):
        if "error" not in figures:
            print(f"  {reference:<12} {path:<20} {figures['seconds']:>6.2f} {figures['peak']:>6.0f}")
    print("\nMost memory beyond the valid upload of the same type and path:")
    for delta, name, path in sorted(worst, reverse=True)[:5]:
        print(f"  {delta:+6.0f} MB  {name} on {path}")
    if not args.keep:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True)


if __name__ == "__main__":
    main()
