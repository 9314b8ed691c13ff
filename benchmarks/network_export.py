"""Network exports of a 5,000-actor, 50,000-tie region (issue 17): time, file size and Python peak
memory of GraphML, GEXF and Pajek, written whole as before and streamed as now, with networkx's
``write_graphml`` of the same graph as a reference.

Run from the project root with PostgreSQL on 127.0.0.1 (as for the tests):

    .venv/bin/python benchmarks/network_export.py            # --actors 500 --ties 5000 for a quick look

It (re)creates the database ``cluster_bench_network_export`` and builds the region of
benchmarks/large_pages.py (random actors and ties over two waves, a stored 13 MB "all ties, all
waves" snapshot whose figures the files carry). "before" is the whole-file export of commit
``BASE`` (its loader, figures, selectors, layer and files modules, read with ``git show`` and
loaded beside ours);
"after" is the download view's own response, its stream read chunk by chunk and dropped, as a
server sends it. Each is run twice: once timed, once under tracemalloc for its peak. The peak
includes the region's analysis inputs (its ties), which both need to find the pairs.

Then the region's other large files, the same way (time, size, Python peak, peak over size): the
actors and interactions tables as CSV and XLSX, the study's JSON dump and the region's .qdpx
(``--no-network`` measures only these).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.database import fresh_django  # noqa: E402

DB_NAME = "cluster_bench_network_export"
BASE = "3e9cafc"  # the last commit with the whole-file writer
# Loaded from BASE in import order (each imports the ones before): the whole "before" pipeline.
OLD_MODULES = (
    "coding.worker.loader",
    "coding.exchange.network.figures",
    "coding.exchange.network.layer",
    "coding.exchange.network.files",
    "coding.exchange.network.selectors",
)


def old_network_file() -> Callable[..., bytes | str]:
    """``network_file`` of BASE with BASE's loader, figures, layer and files modules, loaded under
    their real names only while they import each other, then the current ones put back."""
    current = {name: sys.modules.get(name) for name in OLD_MODULES}
    loaded: dict[str, ModuleType] = {}
    try:
        for name in OLD_MODULES:
            package, _, leaf = name.rpartition(".")
            path = name.replace(".", "/") + ".py"
            source = subprocess.run(
                ["git", "show", f"{BASE}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
            ).stdout
            spec = importlib.util.spec_from_loader(name, loader=None)
            assert spec is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            setattr(sys.modules[package], leaf, module)  # ``from package import files`` reads the attribute
            exec(compile(source, f"{BASE}:{path}", "exec"), module.__dict__)  # noqa: S102 - our own history
            loaded[name] = module
    finally:
        for name, ours in current.items():
            if ours is not None:
                package, _, leaf = name.rpartition(".")
                sys.modules[name] = ours
                setattr(sys.modules[package], leaf, ours)
    network_file: Callable[..., bytes | str] = loaded["coding.exchange.network.selectors"].network_file
    return network_file


def measure(run: Callable[[], int]) -> tuple[float, int, int]:
    """Seconds of a plain run, bytes written, and tracemalloc's peak of a second run."""
    started = time.perf_counter()
    size = run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, size, peak


def networkx_graphml(region: Any) -> Callable[[], int]:
    """networkx writing the same nodes (label, kind, type, location) and pairs (strength, mutual)."""
    import networkx as nx  # type: ignore[import-untyped]

    from coding.exchange.network.layer import layer_edges
    from coding.worker.loader import load_region_inputs

    def run() -> int:
        inputs = load_region_inputs(region.pk)
        graph = nx.Graph()
        for actor in inputs.actors:
            fixed = {"kind": actor.kind, "type": actor.org_type, "location": actor.location}
            graph.add_node(f"a{actor.id}", label=actor.name, **fixed)
        for edge in layer_edges(inputs.actors, inputs.ties, inputs.settings, layer="all", wave_id=None):
            present = {name: value for name, value in edge.attributes.items() if value is not None}
            graph.add_edge(edge.source, edge.target, id=edge.id, **present)
        target = io.BytesIO()
        nx.write_graphml(graph, target)
        return len(target.getvalue())

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--ties", type=int, default=50000)
    parser.add_argument("--snapshot-mb", type=float, default=13.0)
    parser.add_argument("--no-network", action="store_true", help="only the other exports (tables, dump, .qdpx)")
    args = parser.parse_args()
    fresh_django(DB_NAME)
    from django.db import connection

    from benchmarks.large_pages import build_region
    from coding.exchange.downloads import export_response

    started = time.perf_counter()
    region, _user = build_region(args.actors, args.ties, args.snapshot_mb)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {args.actors} actors, {args.ties} ties in {time.perf_counter() - started:.0f} s")
    old = old_network_file()

    def before(fmt: str) -> Callable[[], int]:
        def run() -> int:
            content = old(region, fmt, pseudonymised=False)
            return len(content.encode() if isinstance(content, str) else content)

        return run

    def after(fmt: str) -> Callable[[], int]:
        def run() -> int:
            response: Any = export_response(region, fmt)
            size: int = sum(len(chunk) for chunk in response.streaming_content)
            response.close()
            return size

        return run

    print(f"{'file':26} {'seconds':>8} {'MB':>8} {'peak MB':>8} {'peak/file':>9}")
    if not args.no_network:
        for fmt in ("graphml", "gexf", "pajek"):
            for label, run in ((f"{fmt} before (whole)", before(fmt)), (f"{fmt} after (streamed)", after(fmt))):
                seconds, size, peak = measure(run)
                print(f"{label:26} {seconds:8.2f} {size / 1e6:8.2f} {peak / 1e6:8.1f} {peak / size:9.2f}")
        seconds, size, peak = measure(networkx_graphml(region))
        print(f"{'networkx write_graphml':26} {seconds:8.2f} {size / 1e6:8.2f} {peak / 1e6:8.1f} {peak / size:9.2f}")
    for label, run in other_exports(region):
        seconds, size, peak = measure(run)
        print(f"{label:26} {seconds:8.2f} {size / 1e6:8.2f} {peak / 1e6:8.1f} {peak / size:9.2f}")


def other_exports(region: Any) -> list[tuple[str, Callable[[], int]]]:
    """The region's other large files, as their downloads (and the export jobs, which call the same
    writers) build them: the actors and interactions tables (CSV streamed, XLSX in write-only mode
    to a temporary file), the study's JSON dump (streamed) and the .qdpx (zipped to a temporary file)."""
    from coding.exchange.downloads import dump_response, qdpx_download, table_response

    def sent(build: Callable[[], Any]) -> Callable[[], int]:
        def run() -> int:
            response = build()
            size: int = sum(len(chunk) for chunk in response)  # a streamed or file response, chunk by chunk
            response.close()
            return size

        return run

    files: list[tuple[str, Callable[[], int]]] = [
        (f"{table} {extension}", sent(lambda t=table, e=extension: table_response(region, t, e, pseudonymised=False)))
        for table in ("actors", "interactions")
        for extension in ("csv", "xlsx")
    ]
    files.append(("JSON dump (study)", sent(lambda: dump_response(region.study, pseudonymised=False))))
    files.append((".qdpx (region)", sent(lambda: qdpx_download(region, pseudonymised=False))))
    return files


if __name__ == "__main__":
    main()
