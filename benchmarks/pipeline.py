"""End to end: how soon an edit is visible in the stored analysis, with 1 and 2 real workers (issue 17).

Run from the project root with PostgreSQL and Redis on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/pipeline.py            # 300 actors / 1,500 ties
    .venv/bin/python benchmarks/pipeline.py --large    # and 5,000 / 50,000 (takes long)
    .venv/bin/python benchmarks/pipeline.py --no-small --large --workers 2

For each size it (re)creates the database ``cluster_bench_pipeline``, builds one region with two
waves (the random regions of benchmarks/analysis.py written as rows, as benchmarks/large_pages.py
does), and for 1 and then 2 worker processes (``celery worker -P solo``, on a queue of this run's
own) lets them compute the region, restarts them (so the stability follow-ups of that first
computation do not occupy them), then
1. saves one tie through the workbench's service and prints the seconds until the "all ties, all
   waves" snapshot holds the new version and until every snapshot does, how many snapshots the run
   recomputed (an edit recomputes "all waves" and the waves it touched, here one of two; the other
   wave's snapshots are kept current) and where the time went: from the save to the run's start
   (debounce and queue), loading the inputs and deriving and storing "all/all", the rest of the
   run (the group);
2. saves another tie, waits for each phase of the run it caused — deriving "all/all", storing a
   snapshot (a worker's UPDATE or INSERT of a snapshot row seen in pg_stat_activity), the group of
   the other snapshots — and saves a tie during each, printing each save's time ("-" when a phase
   was too short to be seen by polling every 10 ms).
"all/all run" is the coordinator's share of "all/all" (loading the region, deriving, laying out
new actors, storing), "to start" the debounce plus the wait in the queue. Beside it: our
``derive_region`` of "all/all" and igraph called directly on the same graph, in
this process. Targets: 300/1,500 all current ≤ 2 s; 5,000/50,000 all/all ≤ 15 s, every snapshot
≤ 60 s with two workers; each save ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_pipeline"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
QUEUE = f"bench-pipeline-{os.getpid()}"
os.environ.update(REDIS_URL=REDIS, CELERY_BROKER_URL=REDIS, CELERY_RESULT_BACKEND=REDIS, CELERY_TEST_QUEUE=QUEUE)


def start_workers(count: int, log_dir: Path) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cluster_site.settings_test", "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_TEST_NAME", None)
    celery = Path(sys.executable).parent / "celery"
    return [
        subprocess.Popen(
            [
                str(celery),
                "-A",
                "cluster_site",
                "worker",
                "-P",
                "solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"bench{n}-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=(log_dir / f"worker-{n}.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for n in range(count)
    ]


def stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    """SIGKILL: a stability follow-up may run for minutes; nothing of it is measured."""
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)


def flush_queue() -> None:
    """Empties this run's queue, the follow-ups' lower priority included."""
    import redis

    from coding.worker.task_options import redis_queue_keys

    redis.Redis.from_url(REDIS).delete(*redis_queue_keys(QUEUE))


def wait_for(condition: Callable[[], bool], timeout: float, poll: float = 0.01) -> float | None:
    """Seconds until ``condition`` held, or None after ``timeout``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if condition():
            return time.perf_counter() - started
        time.sleep(poll)
    return None


def state(region_id: int) -> tuple[int, int]:
    from coding.worker.models import RegionAnalysisState

    return RegionAnalysisState.objects.values_list("version", "computed_version").get(region_id=region_id)


def all_all_version(region_id: int) -> int:
    from coding.worker.models import AnalysisSnapshot

    found = AnalysisSnapshot.objects.filter(region_id=region_id, wave__isnull=True, layer="all")
    return found.values_list("input_version", flat=True).first() or 0


def storing() -> bool:
    from django.db import connection

    from coding.worker.models import AnalysisSnapshot

    table = AnalysisSnapshot._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND state IN ('active', 'idle in transaction') AND (query ILIKE %s OR query ILIKE %s)",
            [f'UPDATE "{table}"%', f'INSERT INTO "{table}"%'],
        )
        return cursor.fetchone()[0] > 0


def deriving(region_id: int) -> bool:
    from coding.worker.models import AnalysisSnapshot

    version, _computed = state(region_id)
    row = AnalysisSnapshot.objects.filter(region_id=region_id, wave__isnull=True, layer="all")
    return row.filter(status="running", input_version__lt=version).exists() and not storing()


def in_group(region_id: int) -> bool:
    version, computed = state(region_id)
    return all_all_version(region_id) == version and computed < version


def timed_edit(tie_id: int, value: int) -> float:
    from coding.models import Interaction
    from coding.workbench.services import interaction_update

    tie = Interaction.objects.get(pk=tie_id)
    started = time.perf_counter()
    interaction_update(interaction=tie, values={"rating_time": value % 5})
    return time.perf_counter() - started


def reference(region_id: int) -> tuple[float, float]:
    """Seconds of our derive_region ("all/all") and of igraph called directly, on the same graph."""
    from benchmarks.analysis import direct_igraph
    from coding.worker.loader import derive_from_inputs, load_region_inputs

    inputs = load_region_inputs(region_id)
    started = time.perf_counter()
    derive_from_inputs(inputs, None, "all")
    ours = time.perf_counter() - started
    index = {actor.id: n for n, actor in enumerate(inputs.actors)}
    actors = [dataclasses.replace(actor, id=index[actor.id]) for actor in inputs.actors]
    ties = [dataclasses.replace(tie, source=index[tie.source], target=index[tie.target]) for tie in inputs.ties]
    started = time.perf_counter()
    direct_igraph(actors, ties)
    return ours, time.perf_counter() - started


def scenario(region_id: int, tie_ids: list[int], workers: int, log_dir: Path, timeout: float) -> dict[str, Any]:
    from django.utils import timezone

    from coding.worker.services import mark_stale

    flush_queue()
    running = start_workers(workers, log_dir)
    try:
        mark_stale([region_id])  # a full computation, whatever an earlier scenario stored
        first = wait_for(lambda: state(region_id)[0] == state(region_id)[1], timeout, poll=0.2)
        stop_workers(running)  # drop the stability follow-ups of the first computation
        flush_queue()
        running = start_workers(workers, log_dir)
        time.sleep(3)  # the workers connect (their startup sweep finds nothing stale)
        row: dict[str, Any] = {"workers": workers, "first": first}
        saved_at = timezone.now()
        row["save idle"] = timed_edit(tie_ids[0], 1)
        version = state(region_id)[0]
        # Polled every 50 ms: a query every 10 ms took a quarter of a core from the workers (and
        # PostgreSQL) being measured; phases below are watched every 10 ms to see short ones.
        row["all/all"] = wait_for(lambda: all_all_version(region_id) >= version, timeout, poll=0.05)
        # From the save, as "all/all" (wait_for counts from its own start, after "all/all").
        rest = wait_for(lambda: state(region_id)[1] >= version, timeout, poll=0.05)
        row["every"] = None if rest is None or row["all/all"] is None else row["all/all"] + rest
        row.update(timeline(region_id, saved_at))
        timed_edit(tie_ids[1], 2)
        for n, (phase, seen) in enumerate(
            (("save deriving", lambda: deriving(region_id)), ("save storing", storing),
             ("save group", lambda: in_group(region_id)))
        ):  # fmt: skip
            row[phase] = timed_edit(tie_ids[2 + n], 3 + n) if wait_for(seen, timeout / 3) is not None else None
        wait_for(lambda: state(region_id)[0] == state(region_id)[1], timeout, poll=0.2)
        return row
    finally:
        stop_workers(running)


def timeline(region_id: int, saved_at: datetime) -> dict[str, Any]:
    """What the run of an edit saved at ``saved_at`` recomputed, and when (from the snapshots' times)."""
    from coding.worker.models import AnalysisSnapshot

    rows = AnalysisSnapshot.objects.filter(region_id=region_id)
    times: dict[tuple[int | None, str], tuple[datetime, datetime]]
    times = {(wave, layer): (started or saved_at, done or saved_at) for wave, layer, started, done in
             rows.values_list("wave_id", "layer", "started_at", "computed_at")}  # fmt: skip
    first_started, first_done = times[(None, "all")]
    recomputed = [done for _started, done in times.values() if done > saved_at]
    return {
        "recomputed": f"{len(recomputed)} of {len(times)}",
        "to start": (first_started - saved_at).total_seconds(),
        "all/all run": (first_done - first_started).total_seconds(),
        "rest": (max(recomputed, default=first_done) - first_done).total_seconds(),
    }


def build(actors: int, ties: int) -> tuple[int, list[int]]:
    from benchmarks.large_pages import build_region
    from coding.worker.models import AnalysisSnapshot, RegionAnalysisState

    region, _user = build_region(actors, ties, 0.0)
    AnalysisSnapshot.objects.filter(region=region).delete()
    RegionAnalysisState.objects.filter(region=region).update(computed_version=0)
    tie_ids = list(region.interactions.order_by("pk").values_list("pk", flat=True)[:5])
    return region.pk, tie_ids


def show(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also the 5,000-actor / 50,000-tie region")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for each step")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run")
    parser.add_argument("--small", action=argparse.BooleanOptionalAction, default=True, help="the 300-actor region")
    parser.add_argument("--logs", type=Path, default=ROOT / "var" / "bench-pipeline")
    args = parser.parse_args()
    args.logs.mkdir(parents=True, exist_ok=True)
    sizes = [*([(300, 1500)] if args.small else []), *([(5000, 50000)] if args.large else [])]
    header = ("region", "workers", "first run", "all/all", "every", "recomputed", "to start", "all/all run", "rest",
              "save idle", "deriving", "storing", "group", "derive all/all", "igraph")  # fmt: skip
    lines = []
    for actors, ties in sizes:
        fresh_django(DB_NAME)
        region_id, tie_ids = build(actors, ties)
        ours, theirs = reference(region_id)
        for workers in args.workers:
            row = scenario(region_id, tie_ids, workers, args.logs, args.timeout)
            lines.append(
                (f"{actors}/{ties}", str(workers), show(row["first"]), show(row["all/all"]), show(row["every"]),
                 row["recomputed"], *(show(row[key]) for key in ("to start", "all/all run", "rest")),
                 *(show(row[key], "ms") for key in ("save idle", "save deriving", "save storing", "save group")),
                 show(ours), show(theirs))
            )  # fmt: skip
            print("  ".join(lines[-1]), flush=True)
    print()
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    for line in [header, *lines]:
        print("  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)))


if __name__ == "__main__":
    main()
