"""The analysis page's communities section: the stored partition, read from the snapshot.

Every actor record carries its ``community`` (0 the largest, ``metrics.communities``); the
collapsed ties say which pairs are joined. Nothing is recomputed and nothing is queried: the
members' links are built from one ``reverse`` (``page_html.url_for``), so the section costs no query whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from coding.analysis.wording import pct
from coding.worker.page_html import links_html, url_for

# Members named per community; a 5,000-actor region's full lists were a third of a megabyte of links.
MEMBERS_SHOWN = 30


TieCounts = tuple[dict[int, int], dict[int, int]]


def community_tie_counts(actors: Iterable[dict[str, Any]], pairs: Iterable[Sequence[Any]]) -> TieCounts:
    """Per community, the ties with both ends in it and the ties touching it, from each tie's
    [source, target]; computed once per stored result (``snapshot_parts`` keeps the counts, not
    the 50,000 pairs of a large region).

    "Ties inside" is the share of the ties touching the community whose both ends lie in it
    (pairs joined, as the network picture draws them); undefined (—) for a community of isolates.
    """
    community_of = {actor["id"]: actor["community"] for actor in actors if actor.get("community") is not None}
    inside: dict[int, int] = {}
    touching: dict[int, int] = {}
    for source, target in pairs:
        a, b = community_of.get(source), community_of.get(target)
        if a is None or b is None or source == target:
            continue
        for community in {a, b}:
            touching[community] = touching.get(community, 0) + 1
        if a == b:
            inside[a] = inside.get(a, 0) + 1
    return inside, touching


def communities_context(result: dict[str, Any], counts: TieCounts) -> list[dict[str, Any]]:
    """One row per community, in the stored numbering: size, members (name and link, the first
    ``MEMBERS_SHOWN``), ties inside (``counts``, from ``community_tie_counts``)."""
    actors = [actor for actor in result.get("actors", []) if actor.get("community") is not None]
    inside, touching = counts
    actor_url = url_for("cases:actor-detail")
    rows: dict[int, dict[str, Any]] = {}
    for actor in actors:
        row = rows.setdefault(actor["community"], {"number": actor["community"], "members": []})
        row["members"].append((actor.get("name", str(actor["id"])), actor_url(actor["id"])))
    for number, row in rows.items():
        row["size"] = len(row["members"])
        row["members_html"] = links_html(row["members"][:MEMBERS_SHOWN])
        row["members_more"] = max(0, row["size"] - MEMBERS_SHOWN)
        row["ties_inside"], row["ties_touching"] = inside.get(number, 0), touching.get(number, 0)
        row["inside_share"] = pct(row["ties_inside"] / row["ties_touching"]) if row["ties_touching"] else "—"
    return [rows[number] for number in sorted(rows)]
