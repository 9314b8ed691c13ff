"""What the three demo regions get at both levels: structure (Burt's two-by-two against
degree-preserving random networks) and the other labels, for all waves and each wave.

Run: ``.venv/bin/python benchmarks/demo_levels.py`` (``--layer cooperation`` for another layer).
Creates its own PostgreSQL database ``cluster_demo_levels``, loads ``coding/demo/demo_study.json``
as ``make run`` does and computes each region's snapshots with the worker's code
(``coding.worker.loader.compute_snapshot``), printing the figures each label rests on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.database import drop_database, fresh_django

DATABASE = "cluster_demo_levels"


def _structure(level: dict[str, Any]) -> dict[str, Any]:
    return next(record for record in level["classifications"] if record["name"] == "structure")


def _null(test: dict[str, Any] | None) -> str:
    if not test:
        return "—"
    return (
        f"{test['observed']:.3f} vs {test['null_mean']:.3f} (p = {test['p_value']:.3f}, pct {test['percentile']:.2f})"
    )


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _p(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _print_level(name: str, level: dict[str, Any]) -> None:
    metrics, record = level["metrics"], _structure(level)
    figures = record["figures"]
    print(
        f"    {name:<13} actors {metrics['actors']:>3}, edges {metrics['edges']:>3}, transitivity "
        f"{metrics['transitivity'] if metrics['transitivity'] is None else round(metrics['transitivity'], 3)}, "
        f"communities {figures['communities']}, seen {figures['seen_actors']}, "
        f"largest component of seen {figures['largest_component_share_seen'] or 0:.2f}"
    )
    print(f"      structure: {record['label']} — {record['reason']}")
    print(f"      closure (within-community transitivity): {_null(figures['closure_null'])}")
    print(f"      brokerage (between-community local-bridge share): {_null(figures['brokerage_null'])}")
    print(
        f"      weak bridges: weak share of rated ties {_share(figures['weak_share_of_rated_ties'])}, on local "
        f"bridges {_share(figures['weak_share_on_local_bridges'])} of {figures['rated_ties_on_local_bridges']} "
        f"(p = {_p(figures['weak_local_bridges_p_value'])}), on bridges {_share(figures['weak_share_on_bridges'])} "
        f"of {figures['rated_ties_on_bridges']} (p = {_p(figures['weak_bridges_p_value'])})"
    )
    others = {r["name"]: r["label"] for r in level["classifications"] if r["name"] != "structure"}
    print(f"      other labels: {others}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--layer", default="all")
    args = parser.parse_args()
    fresh_django(DATABASE)
    try:
        from cases.models import Region, Wave
        from coding.demo.loader import load_demo
        from coding.worker.loader import compute_snapshot

        load_demo()
        for region in Region.objects.order_by("name"):
            print(f"\n{region.name}")
            for wave in [None, *Wave.objects.filter(region=region).order_by("start", "id")]:
                result = compute_snapshot(region.pk, wave.pk if wave else None, args.layer)
                folding = result["levels"]["organisation"]["folding"]
                print(
                    f"  {wave.label if wave else 'all waves'} (layer {args.layer}; folded persons "
                    f"{len(folding['folded_person_ids'])}, unaffiliated {len(folding['unaffiliated_person_ids'])}, "
                    f"ties inside an organisation {len(folding['internal_tie_ids'])})"
                )
                _print_level("as coded", result)
                _print_level("organisation", result["levels"]["organisation"])
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(DATABASE)


if __name__ == "__main__":
    main()
